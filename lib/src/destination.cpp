#include "tpp/destination.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tpp/report.hpp"

namespace tpp {
namespace {

bool contains(std::span<const std::string_view> list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The ECCNs the item is, or may be: its ECCN, or for an indeterminate result every ECCN of a
// paragraph it might match.
std::vector<std::string_view> candidate_eccns(const Report& report) {
  const Classification& c = report.classification;
  std::vector<std::string_view> out;
  if (c.eccn) out.push_back(*c.eccn);
  if (c.status != Status::indeterminate || c.revision == nullptr) return out;
  for (std::string_view paragraph : c.possible_paragraphs) {
    for (const Clause& clause : c.revision->clauses) {
      if (clause.paragraph == paragraph && !contains(out, clause.eccn)) out.push_back(clause.eccn);
    }
    for (const SystemRule& rule : c.revision->systems) {
      if (rule.system_eccn == paragraph && !contains(out, rule.system_eccn)) {
        out.push_back(rule.system_eccn);
      }
    }
  }
  return out;
}

}  // namespace

bool in_set(const DestinationSet& set, const Country& country, Date date,
            const CountryDatabase& countries, bool* unconfirmed) {
  const auto memberships = countries.memberships(country, date);
  const std::string_view row = country.treated_as.empty() ? country.code : country.treated_as;
  const auto in_groups = [&](std::span<const std::string_view> groups) {
    bool found = false;
    for (const Membership* m : memberships) {
      if (!contains(groups, m->group)) continue;
      found = true;
      if (unconfirmed != nullptr && m->unconfirmed) *unconfirmed = true;
    }
    return found;
  };
  const auto in_countries = [&](std::span<const std::string_view> codes) {
    return contains(codes, row) || contains(codes, country.code);
  };
  if (!set.worldwide && !in_groups(set.groups) && !in_countries(set.countries)) return false;
  return !in_groups(set.except_groups) && !in_countries(set.except_countries);
}

DestinationAssessment assess_destination(const Report& report, const Country& country,
                                         const CountryDatabase& countries) {
  DestinationAssessment out;
  out.country = &country;
  const Date date = report.as_of;
  out.groups = countries.memberships(country, date);
  bool unconfirmed = false;
  for (const Membership* m : out.groups) {
    if (m->unconfirmed) {
      out.notes.push_back(fmt::format("{} membership of {} on {} is UNCONFIRMED{}", country.code,
                                      m->group, to_string(date),
                                      m->note.empty() ? "" : ": " + m->note));
    }
  }
  if (!country.treated_as.empty()) {
    out.notes.push_back(fmt::format("{} takes the EAR row of {}{}", country.name,
                                    country.treated_as,
                                    country.note.empty() ? "" : " (" + country.note + ")"));
  }

  const Regime* revision = report.classification.revision;
  if (revision == nullptr) {
    out.notes.push_back("No 3A090/4A090 rule was in force on this date.");
    return out;
  }
  if (revision->ai_diffusion_tiers) {
    static constexpr std::string_view kTier1[] = {"tier1"};
    static constexpr std::string_view kD5[] = {"D:5"};
    static constexpr std::string_view kMacau[] = {"MO"};
    if (in_set({false, kTier1, {}, {}, {}, {}}, country, date, countries)) {
      out.ai_diffusion_tier = 1;
    } else if (in_set({false, kD5, kMacau, {}, {}, {}}, country, date, countries)) {
      out.ai_diffusion_tier = 3;
    } else {
      out.ai_diffusion_tier = 2;
    }
  }

  const Classification& c = report.classification;
  const std::vector<std::string_view> eccns = candidate_eccns(report);
  bool any_required = false;
  for (std::string_view eccn : eccns) {
    for (const LicenceRequirement& requirement : revision->licences) {
      if (!contains(requirement.eccns, eccn)) continue;
      if (!in_set(requirement.destinations, country, date, countries, &unconfirmed)) continue;
      any_required = true;
      out.requirements.push_back(fmt::format(
          "{} to {} ({})", eccn, requirement.destinations.summary, requirement.citation));
    }
  }
  if (c.status == Status::controlled) {
    out.licence_required = any_required ? Truth::yes : Truth::no;
  } else if (c.status == Status::indeterminate) {
    out.licence_required = any_required ? Truth::unknown : Truth::no;
  } else {
    out.notes.push_back(
        "Not 3A090/4A090 under the published rules, so these rules require no licence. "
        "'Is-informed' letters (e.g. to NVIDIA for the H20 and to AMD for the MI308 in April "
        "2025), "
        "end-use and end-user controls can still require one; tpp does not model them.");
  }
  if (unconfirmed) {
    out.notes.push_back("A country-group membership this answer depends on is UNCONFIRMED.");
  }

  // Exceptions and review policy are judged on the IC that decided the classification.
  const Report& ic = report.decisive();
  if (out.licence_required == Truth::yes && ic.classification.eccn) {
    const std::string_view ic_eccn = *ic.classification.eccn;
    for (const ExceptionRule& rule : revision->exceptions) {
      if (rule.eccn != ic_eccn) continue;
      if (all_of(evaluate_conditions(rule.conditions, *ic.spec, ic.metrics)) != Truth::yes)
        continue;
      if (!in_set(rule.destinations, country, date, countries)) continue;
      out.exceptions.push_back({rule.exception, rule.summary,
                                in_set(rule.notification_to, country, date, countries),
                                rule.citation});
    }
  }
  if (out.licence_required != Truth::no && c.eccn) {
    for (const ReviewPolicy& policy : revision->review_policies) {
      if (!contains(policy.eccns, *c.eccn)) continue;
      if (!in_set(policy.destinations, country, date, countries)) continue;
      auto conditions = evaluate_conditions(policy.conditions, *ic.spec, ic.metrics);
      const Truth holds = all_of(conditions);
      if (holds == Truth::no) continue;
      out.review =
          ReviewOutcome{policy.policy, policy.summary, policy.citation, std::move(conditions)};
      if (holds == Truth::unknown) {
        out.notes.push_back(fmt::format("Whether the {} review applies depends on a missing input.",
                                        policy.policy));
      }
      break;
    }
  }
  return out;
}

}  // namespace tpp
