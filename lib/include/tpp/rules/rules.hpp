// The rules as data: a dated table of revisions (read from the rule package, data/rules/). Each
// revision is a complete snapshot of what is in force from its date until the next: the 3A090
// paragraphs (clauses whose conditions must all hold), exclusion notes, how systems follow their
// ICs (4A090), where a licence is required, the licence exceptions and review policies, and
// overlays such as the foundry presumption. The classifier and the destination check read whichever
// revision is in force on a date; a new revision is a new data file, never a new branch in code.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/core/decimal.hpp"
#include "tpp/core/error.hpp"
#include "tpp/core/operations.hpp"
#include "tpp/core/spec.hpp"

namespace tpp {

using Date = std::chrono::year_month_day;

/// "2023-11-17"; errc::invalid_argument names `field` when the text is not a real date.
Result<Date> parse_date(std::string_view text, std::string_view field = "date");
std::string to_string(Date date);
/// Today's date in UTC.
Date today();

/// What a condition measures.
enum class Metric : std::uint8_t {
  tpp,                       ///< Total Processing Performance
  performance_density,       ///< TPP per mm2 of applicable die area
  io_bidirectional_gbps,     ///< aggregate bidirectional chip-to-chip I/O, GB/s
  datacenter,                ///< 1 if designed or marketed for datacenters, else 0
  memory_bandwidth_density,  ///< memory part: GB/s per mm2 of stack or package (3A090.c)
  dram_bandwidth_gbps,       ///< total DRAM bandwidth, GB/s (the 2026 review window)
};
std::string_view to_string(Metric metric) noexcept;
/// "TPP", "performance density", ... for prose.
std::string_view display_name(Metric metric) noexcept;

enum class Comparator : std::uint8_t { ge, gt, lt, le, eq };
std::string_view to_string(Comparator comparator) noexcept;  ///< "≥", ">", "<", "≤", "="

/// metric <comparator> threshold, e.g. TPP ≥ 4800.
struct Condition {
  Metric metric;
  Comparator comparator;
  Decimal threshold;
};

/// Whether a condition holds for a given value (exact).
constexpr bool holds(std::strong_ordering value_vs_threshold, Comparator comparator) {
  switch (comparator) {
    case Comparator::ge: return value_vs_threshold >= 0;
    case Comparator::gt: return value_vs_threshold > 0;
    case Comparator::lt: return value_vs_threshold < 0;
    case Comparator::le: return value_vs_threshold <= 0;
    case Comparator::eq: return value_vs_threshold == 0;
  }
  return false;
}

/// A paragraph that matches when all its conditions hold.
struct Clause {
  std::string_view paragraph;  ///< "3A090.a.1"
  std::string_view eccn;       ///< "3A090.a"
  std::string_view summary;    ///< "TPP ≥ 4800"
  std::span<const Condition> conditions;
  ChipKind applies_to = ChipKind::accelerator;  ///< ICs or memory parts
};

/// A note that takes items out of some ECCNs when all its conditions hold.
struct Exclusion {
  std::string_view name;     ///< "Datacenter note (Note 2 to 3A090)"
  std::string_view summary;  ///< what it says
  std::span<const Condition> conditions;
  std::span<const std::string_view> excluded_eccns;
};

/// A computer or assembly containing an IC of `ic_eccn` is `system_eccn` (4A090).
struct SystemRule {
  std::string_view ic_eccn;      ///< "3A090.a"
  std::string_view system_eccn;  ///< "4A090.a"
  std::string_view summary;
};

/// A set of destinations: the union of `groups` (EAR country groups by name, e.g. "D:5", or
/// "tier1") and `countries` (ISO codes), minus `except_groups` and `except_countries`;
/// `worldwide` starts from every country instead.
struct DestinationSet {
  bool worldwide = false;
  std::span<const std::string_view> groups;
  std::span<const std::string_view> countries;
  std::span<const std::string_view> except_groups;
  std::span<const std::string_view> except_countries;
  std::string_view summary;  ///< "D:1, D:4, D:5 (except A:5/A:6) and Macau"
};

/// Whom a licence requirement or review policy looks at.
enum class Scope : std::uint8_t {
  destination,   ///< the country the item goes to
  headquarters,  ///< where the end user (or its ultimate parent) is headquartered, wherever it is
};

/// A licence is required to ship items of `eccns` to `destinations` (or, with
/// Scope::headquarters, to an end user headquartered in `destinations`, wherever located).
struct LicenceRequirement {
  std::span<const std::string_view> eccns;
  DestinationSet destinations;
  std::string_view citation;
  Scope scope = Scope::destination;
};

/// A licence exception open to items of `eccn` (whose conditions hold) going to `destinations`
/// (where a licence would otherwise be required); `notification_to` lists where using it needs a
/// prior notification to BIS.
struct ExceptionRule {
  std::string_view exception;  ///< "NAC"
  std::string_view eccn;       ///< "3A090.a"
  std::string_view summary;
  std::span<const Condition> conditions;
  DestinationSet destinations;
  DestinationSet notification_to;
  std::string_view citation;
};

/// How BIS reviews licence applications for `eccns` to `destinations` when the conditions hold;
/// the first policy that matches applies.
struct ReviewPolicy {
  std::string_view policy;  ///< "case-by-case", "presumption of denial", ...
  std::span<const std::string_view> eccns;
  DestinationSet destinations;
  std::span<const Condition> conditions;
  std::string_view summary;
  std::string_view citation;
  Scope scope = Scope::destination;  ///< whether `destinations` is where it goes or the HQ
  /// Export origins (ISO codes) the policy covers; empty: any. "US": exports from the US only,
  /// not reexports or transfers abroad.
  std::span<const std::string_view> origins = {};
  /// Conditions tpp cannot check: what the exporter must establish for the policy to apply.
  std::span<const std::string_view> must_establish = {};
};

/// The Jan-2025 foundry due-diligence presumption (Note 1 to 3A090.a): thresholds of the
/// "aggregated approximated transistor count" under which the fabricator may attest.
struct TransistorAttestation {
  int from_year;         ///< for transactions completed from this year...
  int to_year;           ///< ...through this year (inclusive)
  Decimal billion;       ///< the count must be below this
  bool requires_no_hbm;  ///< the higher thresholds are for ICs without HBM only
};
struct FoundryPresumption {
  std::string_view summary;
  std::span<const TransistorAttestation> attestations;
  std::string_view citation;
  Date binding_from;  ///< its compliance date: the presumption binds from this day
};

/// ECCN 4E091: the weights ("parameters") of an AI model trained with `threshold` operations or
/// more, unless published, or derived from a published model with little extra training.
struct ModelWeightsRule {
  std::string_view eccn;  ///< "4E091"
  std::string_view summary;
  Operations threshold;         ///< 10^26, "or more"
  Operations derived_floor;     ///< 2.5 x 10^25: extra training must exceed this...
  int derived_percent = 25;     ///< ...and this share of the training operations
  DestinationSet destinations;  ///< where a licence is required (worldwide)
  bool enforced = true;         ///< false: codified but BIS has said it will not enforce it
  std::string_view citation;
  std::span<const std::string_view> exceptions;  ///< licence exceptions open to it ("AIA")
};

/// One revision of the rules, in force from `effective` until the next one. Its licence
/// requirements, exceptions and review policies bind from `compliance` (a rule may delay
/// compliance); until then the licence scope of the latest revision already binding applies.
struct Regime {
  Date effective;
  std::string_view title = {};
  std::string_view citation = {};  ///< Federal Register citation of this revision
  std::string_view grade = {};     ///< the citation's grade: P (primary), C, S (secondary)
  std::string_view source = {};    ///< where in our reference material
  std::span<const Clause> clauses = {};
  std::span<const Exclusion> exclusions = {};
  std::span<const SystemRule> systems = {};
  std::span<const LicenceRequirement> licences = {};
  std::span<const ExceptionRule> exceptions = {};
  std::span<const ReviewPolicy> review_policies = {};
  const FoundryPresumption* foundry = nullptr;
  bool ai_diffusion_tiers = false;            ///< the AI Diffusion country tiers are in force
  std::span<const std::string_view> notes;    ///< what a user of this revision must know
  std::optional<Date> compliance = {};        ///< when compliance was required; empty: `effective`
  std::string_view compliance_citation = {};  ///< where the compliance date is stated
  const ModelWeightsRule* model_weights = nullptr;  ///< ECCN 4E091, when it exists

  /// When the paragraphs judging ICs and memory parts took effect: the earliest revision from
  /// which they are unchanged (set by the package loader; empty when none judges that kind).
  std::optional<Date> accelerator_paragraphs_from = {};
  std::optional<Date> memory_paragraphs_from = {};

  /// The day its licence scope starts to bind.
  Date binding_from() const { return compliance.value_or(effective); }
};

// The functions below read the active rule package (tpp/rule_package.hpp).

/// Every revision, oldest first.
std::span<const Regime> regimes() noexcept;

/// The revision in force on `as_of`, or nullptr before the first (no 3A090 existed).
const Regime* regime_in_force(Date as_of) noexcept;

/// The revision whose licence scope (requirements, exceptions, review policies) binds on
/// `as_of`: the latest one in force whose compliance date has come. It differs from
/// regime_in_force() between a revision's effective and compliance dates.
const Regime* regime_binding(Date as_of) noexcept;

/// When the paragraphs that judge a chip of `kind` under `revision` took effect: the earliest
/// revision from which they are unchanged. Empty when no paragraph judges that kind.
std::optional<Date> paragraphs_effective(const Regime& revision, ChipKind kind) noexcept;

/// The conditions of `revision` that judge ICs (their clauses and the exclusions), in table
/// order: the lines of the plane that the batch kernel buckets by and the map draws.
std::vector<Condition> ic_conditions(const Regime& revision);

/// Identifies the rule data: the package's version, "<newest revision date>.<edition>".
std::string_view rules_version() noexcept;

/// A SHA-256 over every file of the rule package, so that an audit record pins the exact data.
const std::string& rules_digest();

/// Where the rule package came from: "bundled" or the directory given to use_rules().
const std::string& rules_origin();

}  // namespace tpp
