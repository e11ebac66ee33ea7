// The memory and power of an item as a whole: an IC's own figures, or a system's published
// totals, or (memory only) the sum over the ICs it contains.
#pragma once

#include <string>
#include <string_view>

#include "tpp/core/decimal.hpp"
#include "tpp/core/spec.hpp"

namespace tpp {

/// Where a whole-item figure comes from.
enum class TotalSource : std::uint8_t {
  unknown,  ///< not given, and (for a system) not derivable from its ICs
  stated,   ///< the record's own figure: an IC's, or a system's published total
  summed,   ///< a system's memory: count x the figure, over every IC it contains
};
std::string_view to_string(TotalSource source) noexcept;

/// One whole-item figure. Never 0 for "unknown": `source` says whether it is known.
struct Total {
  TotalSource source = TotalSource::unknown;
  Decimal value;             ///< when known; a range's most controlled end, as Figure::value
  bool estimate = false;     ///< rests on an estimate (confidence estimate, or a range)
  bool unconfirmed = false;  ///< rests on a figure marked UNCONFIRMED
  std::string missing;       ///< when unknown: what lacks it, e.g. "h20: power_w"

  bool known() const { return source != TotalSource::unknown; }
};

struct ItemTotals {
  Total memory_capacity_gb;
  Total memory_bandwidth_gbps;  ///< GB/s
  Total power_w;
};

/// The item's memory capacity, memory bandwidth and power.
///
/// An IC (or memory part): its own `memory` and `power_w` figures, or unknown.
/// A system: its own figures where the record gives them (a published total). Where it gives
/// no memory figure, the memory is the sum of count x the figure over the accelerators (and
/// nested systems) it contains; unknown if any of them lacks the figure. Memory parts listed
/// inside a system are not added (their capacity is the accelerators'). Power is never summed:
/// the ICs' TDPs leave out CPUs, switches, optics and cooling, so a system without a published
/// power has an unknown power.
/// e.g. `tpp::item_totals(*db.find("hgx-h20").value()).memory_capacity_gb.value` is 768.
ItemTotals item_totals(const ChipSpec& spec);

}  // namespace tpp
