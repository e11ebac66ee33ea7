// A chip's spec as tpp reads it: processing units with dense throughput per precision, dies,
// the datacenter flag, I/O and memory, each figure with where it came from.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/core/decimal.hpp"
#include "tpp/core/error.hpp"
#include "tpp/core/precision.hpp"

namespace tpp {

/// How far a figure can be trusted.
enum class Confidence : std::uint8_t {
  vendor,     ///< the chip's maker states it
  secondary,  ///< a third party (tracker, press, dataset) states it
  estimate,   ///< our own reasoning, explained in the figure's note
};
std::string_view to_string(Confidence confidence) noexcept;

/// Where a figure was read.
struct Source {
  std::string key;  ///< how figures refer to it
  std::string url;
  std::string title;
  std::string grade;  ///< REFERENCE.md grade: P, C, S or D
};

/// A figure's origin; empty for ad-hoc specs.
struct Provenance {
  std::string source_key;
  std::optional<Confidence> confidence;
  bool unconfirmed = false;  ///< our reference data marks it UNCONFIRMED
  std::string note;
};

/// An estimated range, both ends inclusive, low <= high.
struct DecimalRange {
  Decimal low;
  Decimal high;
};

/// A decimal figure with its provenance. An estimate may be a range: then `value` holds the end
/// that makes the item most controlled (the high end of a rate or count, the low end of an
/// area), so code that reads `value` alone never errs on the favourable side; evaluate()
/// classifies at both ends.
struct Figure {
  Decimal value;
  Provenance provenance;
  std::optional<DecimalRange> range = {};
};

/// A yes/no figure with its provenance.
struct Flag {
  bool value = true;
  Provenance provenance;
};

/// Throughput at one precision, as printed (2 x MacTOPS).
struct Throughput {
  Precision precision;
  Decimal tops;         ///< TOPS or TFLOPS as printed (a range's high end)
  bool sparse = false;  ///< printed with 2:4 sparsity; TPP uses half
  Provenance provenance;
  std::optional<DecimalRange> tops_range = {};  ///< an estimated range; `tops` is its high end
};

struct ProcessingUnit {
  std::string name;
  int count = 1;
  std::vector<Throughput> throughput;
};

struct Die {
  std::string name;
  int count = 1;
  std::optional<Figure> area_mm2;  ///< of one die; empty when unknown
  bool logic = true;               ///< memory dies never count toward density
  bool non_planar = true;          ///< FinFET/GAA; planar dies never count toward density
  std::string process_node;
};

struct Memory {
  std::string type;  ///< "HBM3", "GDDR6X", ...
  std::optional<Figure> capacity_gb;
  std::optional<Figure> bandwidth_gbps;
  std::optional<Figure> package_area_mm2;  ///< for memory parts: the stack/package area (3A090.c)
};

enum class ChipKind : std::uint8_t { accelerator, memory, system };
std::string_view to_string(ChipKind kind) noexcept;

struct ChipSpec;

/// An IC inside a system: a bundled chip id, or an inline spec.
struct Component {
  std::string chip_id;
  std::shared_ptr<const ChipSpec> spec;  ///< resolved spec (inline or bundled)
  int count = 1;
  bool inline_spec = false;  ///< given inline rather than by id
};

struct ChipSpec {
  std::string id;
  std::string name;
  std::string vendor;
  std::vector<std::string> aliases;
  std::optional<int> year;
  ChipKind kind = ChipKind::accelerator;
  Flag datacenter;  ///< designed or marketed for datacenters; true unless the spec says not
  std::vector<ProcessingUnit> processing_units;
  std::vector<Die> dies;
  std::optional<Figure> io_bidirectional_gbps;
  std::optional<Memory> memory;
  std::optional<Figure> transistors_billion;
  /// Thermal design power (an IC) or published power draw (a system), watts. Not a control
  /// parameter: shown, and used for TPP per watt in `compare`.
  std::optional<Figure> power_w;
  std::string process_node;
  std::vector<Component> contains;
  std::vector<Source> sources;
  std::vector<std::string> notes;

  /// The source a figure names, or nullptr.
  const Source* find_source(std::string_view key) const;
  /// "name (id)" or whichever of the two exists.
  std::string display_name() const;
};

/// Input limits: anything beyond is rejected as absurd rather than computed.
inline constexpr Decimal kMaxTops = Decimal::from_integer(1'000'000'000);
inline constexpr Decimal kMaxDieAreaMm2 = Decimal::from_integer(1'000'000);
inline constexpr Decimal kMaxBandwidthGbps = Decimal::from_integer(1'000'000'000);
inline constexpr int kMaxCount = 1'000'000;

/// Checks ranges, duplicates and required content; the error names the field path and value.
/// Every reader calls it, and so should code that builds a ChipSpec by hand.
Result<void> validate(const ChipSpec& spec);

/// Whether any figure of the spec (or of an IC it contains) is an estimated range.
bool has_range(const ChipSpec& spec);

/// Which end of its estimated ranges a spec is read at.
enum class RangeEnd : std::uint8_t {
  most_controlled,   ///< high rates and counts, low areas (the `value` of every figure)
  least_controlled,  ///< low rates and counts, high areas
};

/// The spec with every range read at one end (and the ranges dropped): a plain spec.
ChipSpec at_range_end(const ChipSpec& spec, RangeEnd end);

}  // namespace tpp
