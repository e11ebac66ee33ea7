// Design headroom: for each line of the rule in force, how much dense throughput at one
// precision (or how little die area) keeps a chip on its side, and which line binds first.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tpp/report.hpp"

namespace tpp {

struct HeadroomLine {
  Metric metric = Metric::tpp;  ///< tpp or performance_density
  Decimal threshold;            ///< the line: metric at `threshold`
  std::string used_by;          ///< where the rule uses it: "3A090.a.1, 3A090.b.1"
  bool above = false;           ///< the chip is at or above the line now
  /// The largest dense throughput at the precision that keeps TPP (or density) below the line;
  /// empty when no value of this precision gets it below (other figures hold it above).
  std::optional<Decimal> max_tops;
  /// For density lines: the smallest applicable die area that keeps density below the line.
  std::optional<Decimal> min_area_mm2;
  std::string
      crossing_result;  ///< the classification just past the line ("3A090.b.1", "no change")
  bool changes_result = false;  ///< crossing it changes the ECCN, paragraph or status
};

struct Headroom {
  Precision precision;
  Decimal current_tops;  ///< the dense figure at that precision now (0 if none)
  Decimal tpp;
  std::vector<HeadroomLine> lines;  ///< ordered by the throughput at which they are crossed
  std::optional<std::size_t>
      binds_first;  ///< the first line above the chip whose crossing changes the result
  std::vector<std::string> notes;
};

/// Headroom of an accelerator spec at `at` (default: the precision that governs its TPP) under
/// the rule in force on `options.as_of`. Throughput figures are dense TOPS with at most 6
/// fractional digits; every bound is exact.
Result<Headroom> headroom(const ChipSpec& spec, const Options& options = {},
                          std::optional<Precision> at = std::nullopt);

std::string render_headroom(const ChipSpec& spec, const Headroom& headroom);
std::string render_headroom_json(const ChipSpec& spec, const Headroom& headroom);

}  // namespace tpp
