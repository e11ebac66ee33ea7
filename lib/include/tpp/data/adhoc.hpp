// Building a spec from loose values (command-line options, Python keyword arguments), with
// errors that name the value the way the caller's user typed it. A spec can start from a
// bundled chip (`base`) and change some of its figures: a vendor's "what if".
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tpp/core/error.hpp"
#include "tpp/core/spec.hpp"

namespace tpp {

/// A value as typed, and how to name it in an error ("--area", "die_area_mm2").
struct LabeledText {
  std::string label;
  std::string text;
};

struct AdhocThroughput {
  std::string label;      ///< e.g. "--tops"
  std::string precision;  ///< "fp8", "tf32", "8"
  std::string tops;       ///< "296"
  bool sparse = false;
};

struct AdhocInput {
  /// Start from this chip (a bundled one): the other inputs change its figures. Empty: a new
  /// chip with one processing unit and the dies given.
  std::shared_ptr<const ChipSpec> base;
  std::optional<std::string> name;  ///< default "ad-hoc spec", or "<base> (modified)"
  /// Dense (or sparse) throughput per precision: replaces that precision's figure in the
  /// first processing unit that has it (else the first unit).
  std::vector<AdhocThroughput> throughput;
  /// The area of one logic die; with `die_count`, that die repeated. Replaces the base's logic
  /// dies.
  std::optional<LabeledText> die_area_mm2;
  std::optional<LabeledText> die_count;
  std::optional<bool> planar;      ///< the logic dies are on a planar node
  std::optional<bool> datacenter;  ///< designed or marketed for datacenters (default: true)
  std::optional<LabeledText> io_bidirectional_gbps;
  std::optional<LabeledText> memory_bandwidth_gbps;  ///< total DRAM bandwidth
  std::optional<LabeledText> transistors_billion;

  /// Whether any figure is given (a base alone is the bundled chip as it is).
  bool changes_anything() const;
};

/// The spec the input describes, validated. A changed base keeps its maker, sources and
/// untouched figures; it loses its id (it is no longer the bundled chip) and says what changed.
Result<ChipSpec> make_adhoc_spec(const AdhocInput& input);

}  // namespace tpp
