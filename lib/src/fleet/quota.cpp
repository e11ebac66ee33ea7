#include "tpp/fleet/quota.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tpp/data/database.hpp"
#include "tpp/rules/destination.hpp"
#include "tpp/rules/rule_package.hpp"

namespace tpp {
namespace {

__extension__ using i128 = __int128;

bool is_member(const TierRule& rule, const Country& country, Date date) {
  const Date on =
      rule.membership_as_of && *rule.membership_as_of > date ? *rule.membership_as_of : date;
  const std::string& row = country.treated_as.empty() ? country.code : country.treated_as;
  for (const std::string& code : rule.countries) {
    if (code == row || code == country.code) return true;
  }
  for (const Membership* m : active_rules().countries().memberships(country, on)) {
    if (std::find(rule.groups.begin(), rule.groups.end(), m->group) != rule.groups.end())
      return true;
  }
  return false;
}

// part / whole compared with a decimal fraction, exactly.
std::strong_ordering share_vs(WideDecimal part, WideDecimal whole, Decimal fraction) {
  const i128 lhs = part.units * Decimal::kScale;
  const i128 rhs = whole.units * fraction.units();
  return lhs <=> rhs;
}

std::string tpp_text(WideDecimal value) {
  return format_decimal(value, 1, true);
}

}  // namespace

QuotaLedger::QuotaLedger(QuotaPolicy policy, QuotaOptions options)
    : policy_(std::move(policy)),
      options_(options),
      classifier_(Options{.as_of = std::nullopt, .tf32_bits = options.tf32_bits}) {
  counts_.policy = policy_.name;
}

int QuotaLedger::tier_of(const Country& country, Date date) const {
  if (is_member(policy_.tier3, country, date)) return 3;
  if (is_member(policy_.tier1, country, date)) return 1;
  return 2;
}

std::string QuotaLedger::uveu_violation(const Uveu& u) const {
  if (u.total.units == 0) return "";
  if (share_vs(u.tier1, u.total, policy_.uveu_min_tier1_share) < 0) {
    return fmt::format("Tier-1 share {:.2f}% is below {}%",
                       100 * u.tier1.to_double() / u.total.to_double(),
                       to_string(Decimal::from_units(policy_.uveu_min_tier1_share.units() * 100)));
  }
  for (const auto& [code, amount] : u.tier2_by_country) {
    if (share_vs(amount, u.total, policy_.uveu_max_tier2_country_share) > 0) {
      return fmt::format(
          "{}'s share {:.2f}% is above {}%", code, 100 * amount.to_double() / u.total.to_double(),
          to_string(Decimal::from_units(policy_.uveu_max_tier2_country_share.units() * 100)));
    }
  }
  if (u.hq != nullptr && u.hq->code == "US" &&
      share_vs(u.us, u.total, policy_.uveu_min_us_share_us_hq) < 0) {
    return fmt::format(
        "US share {:.2f}% is below {}% for a US-headquartered UVEU",
        100 * u.us.to_double() / u.total.to_double(),
        to_string(Decimal::from_units(policy_.uveu_min_us_share_us_hq.units() * 100)));
  }
  return "";
}

std::string QuotaLedger::uveu_shares(const Uveu& u) const {
  if (u.total.units == 0) return "";
  const auto percent = [&](WideDecimal part) {
    return 100 * part.to_double() / u.total.to_double();
  };
  const auto bound = [](Decimal fraction) {
    return to_string(Decimal::from_units(fraction.units() * 100));
  };
  std::string out = fmt::format("Tier 1 {:.2f}% (at least {}%)", percent(u.tier1),
                                bound(policy_.uveu_min_tier1_share));
  const auto largest =
      std::max_element(u.tier2_by_country.begin(), u.tier2_by_country.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  if (largest != u.tier2_by_country.end()) {
    out += fmt::format(", largest Tier-2 country {} {:.2f}% (at most {}%)", largest->first,
                       percent(largest->second), bound(policy_.uveu_max_tier2_country_share));
  }
  if (u.hq != nullptr && u.hq->code == "US") {
    out += fmt::format(", US {:.2f}% (at least {}%, US-headquartered)", percent(u.us),
                       bound(policy_.uveu_min_us_share_us_hq));
  }
  return out;
}

Result<QuotaLineResult> QuotaLedger::add(const FleetLine& line) {
  const auto missing = [&](std::string_view field) {
    return fail(errc::missing_field, fmt::format("line {}: {}", line.line, field), "",
                "quota accounting needs it");
  };
  if (!line.ship_date) return missing("ship_date");
  if (line.destination == nullptr) return missing("destination");
  if (line.consignee.empty()) return missing("consignee");
  // A VEU's geography caps depend on where it is headquartered (the US-share test): an unknown
  // headquarters would silently skip it.
  if (line.veu != VeuKind::none && line.end_user_hq == nullptr) return missing("end_user_hq");
  if (last_date_ && *line.ship_date < *last_date_) {
    return fail(
        errc::invalid_argument, fmt::format("line {}: ship_date", line.line),
        to_string(*line.ship_date),
        fmt::format("is earlier than line {}'s {}: caps are crossed in date order, so sort the "
                    "shipments by date",
                    last_line_, to_string(*last_date_)));
  }
  auto classified = classifier_.add(line);
  if (!classified) return tpp::unexpected(classified.error());
  last_date_ = line.ship_date;
  last_line_ = line.line;
  ++counts_.lines;

  QuotaLineResult out;
  out.line = line.line;
  out.chip = classified->chip;
  out.eccn = classified->eccn;
  out.tpp = classified->tpp;
  const Date date = *line.ship_date;
  const auto record = [&](std::string route, std::string detail) {
    out.route = std::move(route);
    out.detail = std::move(detail);
    counts_.by_route[out.route] += out.tpp;
  };

  const Date binds_from =
      std::max(policy_.window_from, policy_.compliance_from.value_or(policy_.window_from));
  if (!options_.what_if && (date < binds_from || date > policy_.window_until)) {
    ++counts_.outside_window;
    record("not binding",
           binds_from > policy_.window_until
               ? fmt::format("the policy never bound (in force {}..{}, compliance from {}); "
                             "--what-if accounts it anyway",
                             to_string(policy_.window_from), to_string(policy_.window_until),
                             to_string(binds_from))
               : fmt::format("shipped outside {}..{}, when the policy bound; --what-if accounts "
                             "it anyway",
                             to_string(binds_from), to_string(policy_.window_until)));
    return out;
  }
  if (classified->paragraph == "indeterminate") {
    // Whether it counts depends on the missing input: never a silent "not counted".
    ++counts_.undetermined;
    record("undetermined",
           "the classification is undetermined, so whether it counts is too: needs " +
               (classified->classification_missing.empty()
                    ? std::string("more figures")
                    : classified->classification_missing.front()));
    return out;
  }
  const bool counted_eccn = std::find(policy_.counted_eccns.begin(), policy_.counted_eccns.end(),
                                      out.eccn) != policy_.counted_eccns.end();
  const bool counted =
      counted_eccn && (policy_.count_non_datacenter || line.chip->datacenter.value);
  if (!counted) {
    ++counts_.not_counted;
    record("not counted", out.eccn.empty()
                              ? "not 3A090.a/4A090.a on the ship date"
                              : out.eccn + (counted_eccn ? " not designed for datacenters (ACA/NAC)"
                                                         : " is not counted"));
    return out;
  }
  ++counts_.accounted;
  const Country& to = *line.destination;
  const int tier = tier_of(to, date);

  if (line.veu == VeuKind::uveu) {
    Uveu& u = uveu_[line.end_user];
    if (line.end_user_hq != nullptr) u.hq = line.end_user_hq;
    u.total += out.tpp;
    if (tier == 1) u.tier1 += out.tpp;
    if (tier == 2) u.tier2_by_country[to.code] += out.tpp;
    if (to.code == "US") u.us += out.tpp;
    const std::string violation =
        tier == 3 ? std::string("a UVEU may not ship to Tier 3") : uveu_violation(u);
    if (violation.empty()) {
      u.violating_since.reset();
    } else if (!u.violating_since) {
      u.violating_since = line.line;
      u.reason = violation;
    }
    record("UVEU", line.end_user);
    return out;
  }
  if (line.veu == VeuKind::nveu) {
    Amount& a = nveu_[{line.end_user, to.code}];
    const NveuPhase* phase = nullptr;
    for (const NveuPhase& p : policy_.nveu_phases) {
      if (date <= p.until) {
        phase = &p;
        break;
      }
    }
    if (phase == nullptr && !policy_.nveu_phases.empty()) phase = &policy_.nveu_phases.back();
    a.limit = phase ? times(phase->h100_equivalents, h100_reference_tpp().units() / Decimal::kScale)
                    : WideDecimal{};
    a.used += out.tpp;
    if (a.used > a.limit && !a.first_crossing) {
      a.first_crossing = line.line;
      a.reason = fmt::format("NVEU installed base {} TPP exceeds the phase-in cap {} TPP on {}",
                             tpp_text(a.used), tpp_text(a.limit), to_string(date));
      out.crossed.push_back("NVEU phase-in: " + a.reason);
    }
    record("NVEU", line.end_user + " in " + to.code);
    return out;
  }
  if (tier == 1) {
    record("AIA (Tier 1)", to.code);
    return out;
  }
  if (tier == 3) {
    Amount& a = tier3_[to.code];
    a.used += out.tpp;
    if (!a.first_crossing) {
      a.first_crossing = line.line;
      a.reason = fmt::format("{} is Tier 3 (D:5 or Macau): nothing is licence-free", to.code);
    }
    out.crossed.push_back("Tier 3: " + a.reason);
    record("Tier 3", "licence required; presumption of denial");
    return out;
  }
  // Tier 2: LPP while the consignee's calendar-year total stays within the cap (a shipment that
  // lands exactly on it is within); otherwise a licence, counted against the country allocation.
  const int year = static_cast<int>(date.year());
  Amount& lpp = lpp_[{line.consignee, year}];
  lpp.limit = wide(policy_.lpp_tpp_per_consignee_year);
  if (lpp.used + out.tpp <= lpp.limit) {
    lpp.used += out.tpp;
    record("LPP", fmt::format("{} {}", line.consignee, year));
    return out;
  }
  if (!lpp.first_crossing) {
    lpp.first_crossing = line.line;
    lpp.reason = fmt::format("{} + {} TPP would exceed {} TPP for {} in {}", tpp_text(lpp.used),
                             tpp_text(out.tpp), tpp_text(lpp.limit), line.consignee, year);
    out.crossed.push_back("LPP: " + lpp.reason);
  }
  Amount& allocation = allocation_[to.code];
  const bool agreement = std::find(policy_.g2g_countries.begin(), policy_.g2g_countries.end(),
                                   to.code) != policy_.g2g_countries.end();
  allocation.limit = times(policy_.allocation_tpp, agreement ? policy_.g2g_multiplier : 1);
  allocation.used += out.tpp;
  if (allocation.used > allocation.limit && !allocation.first_crossing) {
    allocation.first_crossing = line.line;
    allocation.reason =
        fmt::format("{}'s licensed total {} TPP exceeds its allocation {} TPP{}", to.code,
                    tpp_text(allocation.used), tpp_text(allocation.limit),
                    agreement ? " (doubled by a government-to-government agreement)" : "");
    out.crossed.push_back("Tier-2 allocation: " + allocation.reason);
  }
  record("allocation", fmt::format("licence required; counts toward {}'s allocation", to.code));
  return out;
}

QuotaReport QuotaLedger::report() const {
  QuotaReport out = counts_;
  // An amount cap; `within` is false if it was crossed (a Tier-3 amount is a ban: never within).
  const auto add_amount = [&](std::string cap, std::string key, const Amount& a, bool within,
                              bool unconfirmed) {
    CapResult result;
    result.cap = std::move(cap);
    result.key = std::move(key);
    result.used = a.used;
    result.limit = a.limit;
    result.within = within;
    result.first_crossing_line = a.first_crossing;
    result.reason = a.reason;
    result.unconfirmed = unconfirmed;
    out.caps.push_back(std::move(result));
  };
  const std::map<std::pair<std::string, int>, Amount> lpp_sorted(lpp_.begin(), lpp_.end());
  for (const auto& [key, a] : lpp_sorted)
    add_amount("LPP", fmt::format("{} {}", key.first, key.second), a, !a.first_crossing, false);
  for (const auto& [code, a] : allocation_)
    add_amount("Tier-2 allocation", code, a, a.used <= a.limit, policy_.allocation_unconfirmed);
  for (const auto& [key, a] : nveu_) {
    add_amount("NVEU phase-in", key.first + " in " + key.second, a, !a.first_crossing,
               policy_.nveu_unconfirmed);
  }
  for (const auto& [code, a] : tier3_)
    add_amount("Tier 3", code, a, false, false);  // no limit is ever set: a presumption of denial
  for (const auto& [name, u] : uveu_) {
    // The shares apply to the installed base: a violation counts if it lasts to the end, and
    // it was crossed by the shipment since which it has lasted.
    const std::string violation = uveu_violation(u);
    CapResult cap;
    cap.cap = "UVEU geography";
    cap.key = name;
    cap.share = true;
    cap.used = u.tier1;
    cap.limit = u.total;
    cap.share_limit = policy_.uveu_min_tier1_share;
    cap.at_least = true;
    cap.within = violation.empty();
    if (!cap.within) cap.first_crossing_line = u.violating_since;
    cap.reason = violation;
    cap.detail = uveu_shares(u);
    out.caps.push_back(std::move(cap));
  }
  return out;
}

}  // namespace tpp
