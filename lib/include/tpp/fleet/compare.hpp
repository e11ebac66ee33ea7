// `tpp compare`: chips and systems side by side - TPP, H100-equivalents under both
// conventions, density, memory, power, TPP per watt, classification and licence answer.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tpp/core/decimal.hpp"
#include "tpp/core/totals.hpp"
#include "tpp/fleet/fleet.hpp"
#include "tpp/rules/report.hpp"

namespace tpp {

/// One compared item. Its classification and licence answer are `report`'s: the very
/// evaluate() call `tpp show` makes with the same options, so a compare cell cannot disagree
/// with `tpp show`.
struct ComparedItem {
  std::shared_ptr<const ChipSpec> spec;
  Report report;
  ChipFacts facts;                      ///< TPP and the dense 8-bit rate (systems: summed)
  double h100_equivalents = 0.0;        ///< by TPP: TPP / 15,832 (as `show` prints)
  double h100_equivalents_epoch = 0.0;  ///< Epoch AI's: dense 8-bit TOPS / the H100's 1,979
  bool epoch_from_tpp = false;          ///< no 8-bit figure: the Epoch figure counts TPP / 8
  bool tpp_estimate = false;            ///< TPP rests on an estimate (an estimated figure or range)
  std::optional<Decimal> tpp_low;       ///< an estimated range's low end, when TPP is a range
  bool density_estimate = false;        ///< density rests on an estimated die area or a range
  ItemTotals totals;                    ///< memory and power (see item_totals)
  std::optional<double> tpp_per_watt;   ///< TPP / power, when the power is known

  /// For a system: the IC that decides its ECCN (empty for an IC), and how many it holds.
  std::string deciding_ic;
  int deciding_count = 0;
  /// The deciding IC evaluated on its own (no destination): its density with any estimated
  /// range, which a system's report (read at one end of its ICs' ranges) does not carry.
  std::shared_ptr<const Report> deciding;
};

struct Comparison {
  Options options;
  Date as_of;
  std::vector<ComparedItem> items;
};

/// Evaluates each spec with `options` (as `tpp show` does) and computes the figures to put
/// side by side, in the order given; e.g.
/// `tpp::compare(specs, tpp::Options{.as_of = date, .destination = "CN"})`.
Result<Comparison> compare(std::span<const std::shared_ptr<const ChipSpec>> specs,
                           const Options& options = {});

}  // namespace tpp
