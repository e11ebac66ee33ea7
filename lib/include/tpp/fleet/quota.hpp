// Quota accounting under the AI Diffusion rule (or a what-if policy): License Exception LPP per
// consignee and year, Tier-2 country allocations, NVEU phase-in, UVEU geography, Tier 3. The
// caps and tiers are a policy file; shipments stream through a ledger in date order.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tpp/core/decimal.hpp"
#include "tpp/fleet/fleet.hpp"
#include "tpp/rules/quota_policy.hpp"

namespace tpp {

struct QuotaOptions {
  bool what_if = false;  ///< account every shipment, whatever its date
  int tf32_bits = kDefaultTf32Bits;
};

/// How one shipment was accounted.
struct QuotaLineResult {
  std::size_t line = 0;
  std::string chip;
  std::string eccn;
  WideDecimal tpp;
  std::string
      route;  ///< "LPP", "allocation", "AIA (Tier 1)", "UVEU", "NVEU", "Tier 3", "not counted"
  std::string detail;
  std::vector<std::string> crossed;  ///< caps this shipment crossed, with the reason
};

/// One cap and its use.
struct CapResult {
  std::string cap;        ///< "LPP", "Tier-2 allocation", "NVEU phase-in", "Tier 3", "UVEU ..."
  std::string key;        ///< "Acme 2025", "IN", ...
  bool share = false;     ///< a share test (UVEU) rather than an amount
  WideDecimal used;       ///< amount: TPP used; share: the TPP in the tested part
  WideDecimal limit;      ///< amount: the cap; share: the whole
  Decimal share_limit;    ///< share: the bound (0.75, 0.07, 0.5)
  bool at_least = false;  ///< share: the bound is a minimum (else a maximum)
  bool within = true;
  std::optional<std::size_t> first_crossing_line;
  std::string reason;
  std::string detail;  ///< share: the shares found, e.g. "Tier 1 83.33% (at least 75%), ..."
  bool unconfirmed = false;
};

struct QuotaReport {
  std::string policy;
  std::size_t lines = 0;
  std::size_t accounted = 0;
  std::size_t outside_window = 0;  ///< shipped while the policy did not bind
  std::size_t undetermined = 0;    ///< undetermined classification: counted or not is unknown
  std::size_t not_counted = 0;
  std::map<std::string, WideDecimal> by_route;
  std::vector<CapResult> caps;
};

class QuotaLedger {
 public:
  explicit QuotaLedger(QuotaPolicy policy, QuotaOptions options = {});

  /// Accounts one shipment; it needs a ship date, a destination and a consignee, and dates must
  /// not go backwards (the first crossing of a cap is a chronological question).
  Result<QuotaLineResult> add(const FleetLine& line);

  /// The caps, their use and the first shipment that crossed each.
  QuotaReport report() const;

 private:
  struct Amount {
    WideDecimal used;
    WideDecimal limit;
    std::optional<std::size_t> first_crossing;
    std::string reason;
  };
  struct Uveu {
    WideDecimal total;
    WideDecimal tier1;
    WideDecimal us;
    std::map<std::string, WideDecimal> tier2_by_country;
    const Country* hq = nullptr;
    std::optional<std::size_t> violating_since;
    std::string reason;
  };
  int tier_of(const Country& country, Date date) const;
  std::string uveu_violation(const Uveu& uveu) const;
  std::string uveu_shares(const Uveu& uveu) const;

  QuotaPolicy policy_;
  QuotaOptions options_;
  FleetAccount classifier_;
  std::optional<Date> last_date_;
  std::size_t last_line_ = 0;
  struct KeyHash {
    std::size_t operator()(const std::pair<std::string, int>& key) const {
      return std::hash<std::string>{}(key.first) * 31 + static_cast<std::size_t>(key.second);
    }
  };
  std::unordered_map<std::pair<std::string, int>, Amount, KeyHash> lpp_;
  std::map<std::string, Amount> allocation_;
  std::map<std::pair<std::string, std::string>, Amount> nveu_;
  std::map<std::string, Amount> tier3_;
  std::map<std::string, Uveu> uveu_;
  QuotaReport counts_;
};

}  // namespace tpp
