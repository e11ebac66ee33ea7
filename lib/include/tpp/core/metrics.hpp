// The numeric core: Total Processing Performance and performance density of one IC.
//
//   TPP = sum over processing units of (count x max over precisions of dense TOPS x bit length)
//   performance density = TPP / applicable die area (logic dies on non-planar nodes)
#pragma once

#include <string>
#include <vector>

#include "tpp/core/decimal.hpp"
#include "tpp/core/error.hpp"
#include "tpp/core/precision.hpp"
#include "tpp/core/spec.hpp"

namespace tpp {

struct MetricOptions {
  int tf32_bits = kDefaultTf32Bits;  ///< 32 (default) or 19 (Epoch AI's reading)
};

/// One precision of one processing unit: dense TOPS x bit length.
struct PrecisionTpp {
  Precision precision;
  int bit_length = 0;
  Decimal dense_tops;  ///< the printed figure, halved if it was sparse
  Decimal tpp;         ///< dense_tops x bit_length
  bool halved_from_sparse = false;
  std::size_t throughput_index = 0;  ///< into the unit's `throughput` in the spec
};

struct UnitTpp {
  std::string name;
  int count = 1;
  std::vector<PrecisionTpp> by_precision;
  std::size_t governing = 0;  ///< index into by_precision of the highest TPP
  Decimal tpp;                ///< count x the governing precision's TPP
};

enum class DensityState : std::uint8_t {
  known,
  unknown,         ///< a logic die's area is missing: never guessed
  not_applicable,  ///< no logic die on a non-planar node
};
std::string_view to_string(DensityState state) noexcept;

struct Density {
  DensityState state = DensityState::unknown;
  Decimal applicable_area_mm2;  ///< sum of area x count over non-planar logic dies (when known)
  DecimalRatio value;           ///< TPP / applicable area (when known)
  std::string reason;           ///< why it is unknown or not applicable
};

struct Metrics {
  Decimal tpp;
  std::vector<UnitTpp> units;
  Density density;
  bool any_sparse_halved = false;
  int tf32_bits = kDefaultTf32Bits;
};

/// TPP and density of an accelerator spec (validated first). Memory parts and systems have
/// TPP 0 and no density; their classification looks at other figures.
Result<Metrics> compute_metrics(const ChipSpec& spec, const MetricOptions& options = {});

/// TPP as a multiple of a reference chip's TPP (display only).
inline double h100_equivalents(Decimal tpp, Decimal reference_tpp) {
  return reference_tpp.is_zero() ? 0.0 : tpp.to_double() / reference_tpp.to_double();
}

}  // namespace tpp
