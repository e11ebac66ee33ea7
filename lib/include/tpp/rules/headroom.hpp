// Design headroom: for each line of the rule in force, how far the chip's throughput at one
// precision, or its applicable die area, can move before the chip crosses it, and what the
// chip becomes just past it. True by construction: the boundary is exact arithmetic on the
// 10^-6 grid of inputs, and both results, at the boundary and one step past it, come from
// classifying the changed chip.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tpp/rules/report.hpp"

namespace tpp {

/// One way of crossing a line: changing the throughput at one precision, or the area.
struct HeadroomMove {
  bool possible = false;
  std::string why_not;             ///< when not possible: "a TPP line: die area does not move it"
  Decimal now;                     ///< the figure today (dense TOPS, or applicable area in mm2)
  Decimal boundary;                ///< the last value on the chip's side of the line
  Decimal past;                    ///< the first value on the other side (boundary ± 10^-6)
  std::string result_at_boundary;  ///< the chip's result with the figure at `boundary`
  std::string result_past;         ///< ... and at `past`
  bool changes_result = false;     ///< crossing this line changes the result
};

struct HeadroomLine {
  Metric metric = Metric::tpp;  ///< tpp or performance_density
  Decimal threshold;
  std::string used_by;         ///< "3A090.a.1, 3A090.b.1" or "case-by-case review window"
  bool review_window = false;  ///< a review policy's line (the result names the China review)
  bool above = false;          ///< the chip is at or above the line now
  HeadroomMove by_throughput;
  HeadroomMove by_area;
};

struct Headroom {
  Precision precision;
  Decimal current_tops;  ///< the dense figure at that precision now (0 if none)
  Decimal tpp;
  std::optional<Decimal> applicable_area_mm2;  ///< when known
  std::string result_now;
  Date as_of;
  const Regime* revision = nullptr;
  std::vector<HeadroomLine> lines;        ///< by the throughput at which they are crossed
  std::optional<std::size_t> first_up;    ///< raising throughput: the first line that changes it
  std::optional<std::size_t> first_down;  ///< lowering throughput: the first line that changes it
  std::vector<std::string> notes;
};

/// Headroom of an accelerator spec at `at` (default: the precision that governs its TPP) under
/// the rule in force on `options.as_of`. A review window's line is judged for an end user in
/// China headquartered there, exported from the US.
Result<Headroom> headroom(const ChipSpec& spec, const Options& options = {},
                          std::optional<Precision> at = std::nullopt);

/// The spec with the dense figure at `precision` set to `dense_tops` (added if it has none):
/// what headroom classifies at each point.
ChipSpec with_throughput(const ChipSpec& spec, Precision precision, Decimal dense_tops);
/// The spec with its applicable logic dies replaced by one die of `area_mm2`.
ChipSpec with_applicable_area(const ChipSpec& spec, Decimal area_mm2);

}  // namespace tpp
