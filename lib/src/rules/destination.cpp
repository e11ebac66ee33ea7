#include "tpp/rules/destination.hpp"

#include "rules/wording.hpp"

#include "tpp/rules/rule_package.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "tpp/rules/report.hpp"

namespace tpp {
namespace {

bool contains(std::span<const std::string_view> list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void add_unique(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

// Three-valued OR: yes if any is yes, else unknown if any is unknown.
Truth either(Truth a, Truth b) {
  if (a == Truth::yes || b == Truth::yes) return Truth::yes;
  if (a == Truth::unknown || b == Truth::unknown) return Truth::unknown;
  return Truth::no;
}

constexpr std::string_view kHqInput = "end-user headquarters (--hq COUNTRY)";

// The ECCNs the item is, or may be; an empty view stands for "not controlled".
std::vector<std::string_view> possible_eccns(const Report& report) {
  const Classification& c = report.classification;
  if (c.status == Status::controlled) return {*c.eccn};
  if (c.status == Status::not_controlled || c.revision == nullptr) return {std::string_view()};
  std::vector<std::string_view> out;
  if (c.possibly_not_controlled) out.emplace_back();
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

struct Shipment {
  const Country& country;
  const Country* headquarters;
  Date date;
  const CountryDatabase& countries;
};

// Whether the rule's requirements in `binding` cover one ECCN for this shipment.
Truth required_for(std::string_view eccn, const Regime& binding, const Shipment& s,
                   DestinationAssessment& out, bool& unconfirmed) {
  Truth required = Truth::no;
  if (eccn.empty()) return required;
  for (const LicenceRequirement& requirement : binding.licences) {
    if (!contains(requirement.eccns, eccn)) continue;
    if (requirement.scope == Scope::destination) {
      if (!in_set(requirement.destinations, s.country, s.date, s.countries, &unconfirmed)) continue;
      required = Truth::yes;
      add_unique(out.requirements,
                 fmt::format("{} to {} ({})", eccn, requirement.destinations.summary,
                             requirement.citation));
      continue;
    }
    if (required == Truth::yes) continue;  // the destination decides already
    // BIS: the headquarters requirement applies "to all destinations outside the United States"
    // (guidance of 2026-05-31).
    if (is_united_states(s.country)) continue;
    if (s.headquarters == nullptr) {
      required = either(required, Truth::unknown);
      add_unique(out.missing_inputs, std::string(kHqInput));
      add_unique(out.requirements,
                 fmt::format("{} to an end user headquartered in {}, wherever located, if it is "
                             "({})",
                             eccn, requirement.destinations.summary, requirement.citation));
      continue;
    }
    if (!in_set(requirement.destinations, *s.headquarters, s.date, s.countries, &unconfirmed)) {
      continue;
    }
    required = Truth::yes;
    add_unique(
        out.requirements,
        fmt::format("{} to an end user headquartered in {} ({}), wherever located ({})", eccn,
                    s.headquarters->name, requirement.destinations.summary, requirement.citation));
  }
  return required;
}

// The review policy: the first whose tests hold; a policy that hinges on a missing input leaves
// the review undetermined between it and the next one that certainly applies.
std::optional<ReviewOutcome> review_of(const Report& report, const Regime& binding,
                                       const Shipment& s, const Country& origin) {
  const Classification& c = report.classification;
  if (!c.eccn) return std::nullopt;
  const Report& ic = report.decisive();
  std::optional<ReviewOutcome> pending;
  for (const ReviewPolicy& policy : binding.review_policies) {
    if (!contains(policy.eccns, *c.eccn)) continue;
    ReviewOutcome outcome;
    outcome.policy = policy.policy;
    outcome.summary = policy.summary;
    outcome.citation = policy.citation;
    Truth holds = Truth::yes;
    if (policy.scope == Scope::destination) {
      if (!in_set(policy.destinations, s.country, s.date, s.countries)) continue;
    } else if (s.headquarters == nullptr) {
      holds = Truth::unknown;
      outcome.missing_inputs.emplace_back(kHqInput);
      outcome.scope_tests.push_back(
          fmt::format("end user headquartered in {}: unknown", policy.destinations.summary));
    } else {
      if (!in_set(policy.destinations, *s.headquarters, s.date, s.countries)) continue;
      outcome.scope_tests.push_back(fmt::format("end user headquartered in {} ({}): pass",
                                                s.headquarters->name, policy.destinations.summary));
    }
    if (!policy.origins.empty()) {
      const bool from_listed = contains(policy.origins, origin.code);
      outcome.scope_tests.push_back(fmt::format("exported from {} ({}): {}",
                                                detail::join(policy.origins, ", "), origin.code,
                                                from_listed ? "pass" : "fail"));
      if (!from_listed) continue;
    }
    outcome.conditions = evaluate_conditions(policy.conditions, *ic.spec, ic.metrics);
    const Truth tests = all_of(outcome.conditions);
    if (tests == Truth::no) continue;
    for (const ConditionOutcome& condition : outcome.conditions) {
      if (condition.truth == Truth::unknown)
        outcome.missing_inputs.emplace_back(condition.value.missing_input);
    }
    holds = holds == Truth::unknown || tests == Truth::unknown ? Truth::unknown : Truth::yes;
    outcome.applies = holds;
    outcome.must_establish.assign(policy.must_establish.begin(), policy.must_establish.end());
    if (holds == Truth::yes) {
      if (!pending) return outcome;
      pending->otherwise = outcome.policy;
      return pending;
    }
    if (!pending) pending = std::move(outcome);
  }
  if (pending) pending->otherwise = "no stated review policy";
  return pending;
}

std::string status_text(const LetterStatus* status) {
  if (status == nullptr) return "";
  std::string text = fmt::format("since {}: {}", to_string(status->from), status->state);
  if (!status->review.empty()) text += "; review " + status->review;
  if (!status->note.empty()) text += "; " + status->note;
  return text;
}

}  // namespace

bool is_united_states(const Country& country) {
  return country.code == "US";
}

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
  // The exclusion binds the groups only: a country the rule names stays in the set.
  const bool by_group = (set.worldwide || in_groups(set.groups)) && !in_groups(set.except_groups);
  return (by_group || in_countries(set.countries)) && !in_countries(set.except_countries);
}

DestinationAssessment assess_destination(const Report& report, const Country& country,
                                         const Country* origin, const Country* headquarters) {
  return assess_destination(report, country, origin, headquarters, active_rules().countries());
}

DestinationAssessment assess_destination(const Report& report, const Country& country,
                                         const Country* origin, const Country* headquarters,
                                         const CountryDatabase& countries) {
  DestinationAssessment out;
  out.country = &country;
  out.headquarters = headquarters;
  const Date date = report.as_of;
  if (origin == nullptr) {
    auto us = countries.find("US");
    origin = us ? *us : &country;
  }
  out.origin = origin;
  out.groups = countries.memberships(country, date);
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
  if (is_united_states(country) && is_united_states(*origin)) {
    out.is_export = false;
    out.notes.push_back(
        "Not an export: the item does not leave the United States, so the EAR's export licence "
        "requirements do not arise (a transfer to a foreign person in the US can still be a "
        "deemed export of technology; tpp does not model it).");
    return out;
  }

  const Regime* revision = report.classification.revision;
  out.binding = regime_binding(date);
  if (revision == nullptr || out.binding == nullptr) {
    if (revision == nullptr) out.notes.push_back("No 3A090/4A090 rule was in force on this date.");
  }
  if (revision != nullptr && out.binding != revision) {
    out.notes.push_back(fmt::format(
        "In force but not yet binding on {}: {}. Until then the licence scope of {} applies.",
        to_string(date), revision->compliance_citation,
        out.binding != nullptr ? std::string(out.binding->citation) : std::string("no rule")));
  }
  if (out.binding != nullptr && out.binding->ai_diffusion_tiers) {
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

  const Shipment shipment{country, headquarters, date, countries};
  bool unconfirmed = false;
  Truth by_rule = Truth::no;
  if (out.binding != nullptr && revision != nullptr) {
    // Every outcome the item may have: all require a licence, none does, or it depends.
    bool first = true;
    for (std::string_view eccn : possible_eccns(report)) {
      const Truth required = required_for(eccn, *out.binding, shipment, out, unconfirmed);
      if (first) {
        by_rule = required;
        first = false;
      } else if (required != by_rule) {
        by_rule = Truth::unknown;
      }
    }
    if (report.classification.status == Status::indeterminate && by_rule == Truth::unknown) {
      for (const std::string& missing : report.classification.missing_inputs)
        add_unique(out.missing_inputs, missing);
    }
  }
  for (const std::string& requirement : out.requirements) {
    out.basis.push_back({"rule", by_rule, requirement, {}, "P", nullptr, {}});
  }
  if (report.classification.status == Status::not_controlled && revision != nullptr) {
    out.notes.push_back(
        "Not 3A090/4A090 under the published rules, so these rules require no "
        "licence; end-use and end-user controls (e.g. the Entity List) still "
        "apply and tpp does not model them.");
  }

  Truth by_letter = Truth::no;
  std::vector<std::string> recipients;
  for (const LetterMatch& match :
       letters_for(report, country, headquarters, countries, active_rules().letters())) {
    const Letter& letter = *match.letter;
    by_letter = either(by_letter, match.applies);
    for (const std::string& missing : match.missing_inputs)
      add_unique(out.missing_inputs, missing);
    const Source* source = letter.find_source(letter.source);
    out.basis.push_back({"is-informed letter", match.applies,
                         fmt::format("{} ({}): {}", letter.label(), letter.disclosed, match.how),
                         letter.disclosed, source != nullptr ? source->grade : std::string(),
                         &letter, status_text(match.status)});
    add_unique(recipients, letter.recipient);
  }
  if (!recipients.empty()) {
    out.notes.push_back(fmt::format(
        "An is-informed letter binds the company it was sent to ({}), not other exporters; it "
        "changes no ECCN and published no threshold.",
        detail::join(recipients, ", ")));
  }
  if (report.spec->vendor.empty() && report.classification.revision != nullptr &&
      by_letter == Truth::no) {
    out.notes.push_back(
        "The item's maker is not given, so no is-informed letter was checked "
        "(letters bind the company they were sent to, e.g. NVIDIA for the H20).");
  }
  out.licence_required = either(by_rule, by_letter);
  if (out.licence_required == Truth::yes) out.missing_inputs.clear();
  if (unconfirmed) {
    out.notes.push_back("A country-group membership this answer depends on is UNCONFIRMED.");
  }
  if (out.binding == nullptr) return out;

  // Exceptions and review policy are judged on the IC that decided the classification, under
  // the rule's requirement (a letter's licence has no published exceptions).
  const Report& ic = report.decisive();
  if (by_rule == Truth::yes && ic.classification.eccn) {
    const std::string_view ic_eccn = *ic.classification.eccn;
    for (const ExceptionRule& rule : out.binding->exceptions) {
      if (rule.eccn != ic_eccn) continue;
      if (all_of(evaluate_conditions(rule.conditions, *ic.spec, ic.metrics)) != Truth::yes)
        continue;
      if (!in_set(rule.destinations, country, date, countries)) continue;
      out.exceptions.push_back({rule.exception, rule.summary,
                                in_set(rule.notification_to, country, date, countries),
                                rule.citation});
    }
  }
  if (by_rule != Truth::no) out.review = review_of(report, *out.binding, shipment, *origin);
  return out;
}

LicenceSummary summarize(const DestinationAssessment& d) {
  LicenceSummary out{d.is_export ? d.licence_required : Truth::no,
                     std::string(detail::licence_state(d)), "",
                     d.review ? detail::review_label(*d.review) : std::string(), d.missing_inputs};
  bool by_rule = false;
  bool by_letter = false;
  for (const LicenceBasis& basis : d.basis) {
    if (basis.applies != Truth::yes) continue;
    (basis.letter != nullptr ? by_letter : by_rule) = true;
  }
  out.basis = by_rule && by_letter ? "rule+letter" : by_rule ? "rule" : by_letter ? "letter" : "";
  return out;
}

}  // namespace tpp
