// A quota policy as data: the AI Diffusion caps and tiers (data/rules/policies/*.json) that the
// quota ledger accounts shipments against. Part of the rule package.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/core/decimal.hpp"
#include "tpp/core/error.hpp"
#include "tpp/rules/countries.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp {

struct TierRule {
  std::vector<std::string> groups;       ///< country groups ("tier1", "D:5")
  std::vector<std::string> countries;    ///< ISO codes added to them
  std::optional<Date> membership_as_of;  ///< judge group membership on this date (if later)
};

struct NveuPhase {
  Date until;
  Decimal h100_equivalents;
};

struct QuotaPolicy {
  std::string name;
  std::string citation;
  Date window_from;   ///< the policy is in force from...
  Date window_until;  ///< ...through this day
  /// Compliance not required before this day (empty: from window_from). Shipments count against
  /// the caps only where the policy binds: from both dates through window_until.
  std::optional<Date> compliance_from;
  std::string compliance_source;
  std::vector<std::string> counted_eccns;
  bool count_non_datacenter = false;
  TierRule tier1;
  TierRule tier3;
  Decimal lpp_tpp_per_consignee_year;
  std::string lpp_source;
  Decimal allocation_tpp;
  Date allocation_from;
  Date allocation_until;
  int g2g_multiplier = 1;
  std::vector<std::string> g2g_countries;
  bool allocation_unconfirmed = false;
  std::string allocation_source;
  std::vector<NveuPhase> nveu_phases;
  bool nveu_unconfirmed = false;
  Decimal uveu_min_tier1_share;
  Decimal uveu_max_tier2_country_share;
  Decimal uveu_min_us_share_us_hq;
  std::vector<std::string> notes;
};

/// Reads a policy file (see data/rules/policies/ai-diffusion-2025.json); errors name the field.
/// Country codes are checked against `countries`.
Result<QuotaPolicy> read_policy_json(std::string_view text, const CountryDatabase& countries);
/// ...against the active rule package's countries.
Result<QuotaPolicy> read_policy_json(std::string_view text);

}  // namespace tpp
