// One call from a spec to everything tpp says about it: metrics, classification, what the
// conventions do to it, the destination check and an audit record.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tpp/core/metrics.hpp"
#include "tpp/core/spec.hpp"
#include "tpp/rules/classify.hpp"
#include "tpp/rules/countries.hpp"
#include "tpp/rules/destination.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp {

struct Options {
  std::optional<Date> as_of;         ///< default: today
  int tf32_bits = kDefaultTf32Bits;  ///< 32 (default) or 19
  std::optional<std::string> destination =
      {};  ///< ISO code or country name: adds the licence check
  /// Where the item is exported from (ISO code or name); empty: the United States. It decides
  /// the 2026 China window (exports from the US only) and whether it is an export at all.
  std::optional<std::string> origin = {};
  /// Where the end user (or its ultimate parent) is headquartered; empty: not given, and an
  /// answer that depends on it is undetermined.
  std::optional<std::string> headquarters = {};
  /// Also the notes, the sensitivity and the foundry assessment: the explanation a renderer
  /// prints, which costs several times the decision. Off by default (a program classifying in
  /// a loop needs the classification and the licence answer); the renderers add them when a
  /// report lacks them (`with_details`). They never change a result.
  bool details = false;
};

/// How firm the figures behind the decision are.
enum class Basis : std::uint8_t {
  sourced,      ///< every deciding figure has a vendor or secondary source
  unconfirmed,  ///< a deciding figure is marked UNCONFIRMED in our reference data
  estimate,     ///< a deciding figure is our own estimate
};
std::string_view to_string(Basis basis) noexcept;

/// The Jan-2025 foundry presumption as it bears on this IC (Note 1 to 3A090.a).
struct FoundryAssessment {
  bool in_force = false;       ///< the rule in force has the presumption
  bool binding = false;        ///< and its compliance date has come
  bool applicable_ic = false;  ///< a logic IC on a non-planar node
  bool has_hbm = false;
  std::optional<Decimal> threshold_billion;    ///< the attestation line for the date
  std::optional<Decimal> transistors_billion;  ///< the IC's count, when known
  Truth below_threshold = Truth::unknown;      ///< the fabricator could attest
};

struct Report;

struct ComponentReport {
  std::string chip;  ///< bundled id, or the inline spec's name
  int count = 1;
  std::shared_ptr<const Report> report;
};

/// A spec with estimated ranges is classified at both ends; the report's metrics and
/// classification are at the most controlled end (or undetermined where the ends differ), and
/// this holds the other end.
struct RangeEnds {
  Metrics least_metrics;            ///< at the least controlled end
  Classification least;             ///< the classification there
  Classification most;              ///< the classification at the most controlled end
  std::vector<std::string> inputs;  ///< the ranged figures, "dies[0] area 665.61-1,331.22 mm2"
  bool agree = true;                ///< both ends give the same result
};

struct Report {
  std::shared_ptr<const ChipSpec> spec;
  Options options;
  Date as_of;
  Metrics metrics;  ///< for a system: TPP summed over its ICs (for H100-equivalents)
  Classification classification;
  std::vector<ComponentReport> components;  ///< a system's ICs
  double h100_equivalents = 0.0;            ///< TPP / the bundled H100 SXM's TPP
  Basis basis = Basis::sourced;
  // With options.details (else empty; `with_details` adds them):
  FoundryAssessment foundry;
  std::vector<std::string> notes;        ///< what a reader must know to trust the result
  std::vector<std::string> sensitivity;  ///< conventions that would change an outcome
  std::optional<DestinationAssessment> destination;
  std::optional<RangeEnds> range;  ///< when a figure is an estimated range

  /// The report that decided the classification: this one, or a system's deciding IC.
  const Report& decisive() const;
};

/// A figure the decision rests on, with where it came from.
struct InputFigure {
  std::string field;  ///< "processing_units[0] fp8 throughput", "dies[0] 'GH100' area"
  std::string value;  ///< "3958 TOPS (sparse)"
  const Provenance* provenance = nullptr;  ///< into the report's spec
};

/// The figures the classification rests on: each unit's governing throughput, the applicable
/// die areas, the datacenter flag, the I/O rate where the rule tests it, a memory part's
/// bandwidth and area, and (for the review window) the DRAM bandwidth.
std::vector<InputFigure> deciding_inputs(const Report& report);

/// Computes, classifies and (with options.destination) checks the destination; e.g.
/// `tpp::evaluate(tpp::ChipDatabase::bundled().find_shared("h20").value())`.
Result<Report> evaluate(std::shared_ptr<const ChipSpec> spec, const Options& options = {});
Result<Report> evaluate(const ChipSpec& spec, const Options& options = {});

/// The report with its notes, sensitivity and foundry assessment: evaluated again with
/// options.details when it was evaluated without them (the same decision), else a copy.
Result<Report> with_details(const Report& report);

/// The audit record's input hash: SHA-256 of the canonical spec and the options that decide
/// the answer (date, TF32 bits, destination, origin, headquarters). Computed when asked (a
/// rendered report asks), not by `evaluate`: it costs more than the classification.
std::string input_digest(const Report& report);

/// Conventions that change an outcome for this chip: TF32 at the other bit length, and, where a
/// deciding figure is not from the vendor, the same figures read as sparse.
std::vector<std::string> sensitivity_notes(const ChipSpec& spec, const Metrics& metrics,
                                           const Regime& revision, Date as_of,
                                           const MetricOptions& options);

}  // namespace tpp
