#include "tpp/fleet/compare.hpp"

#include <stdexcept>

#include "tpp/core/metrics.hpp"
#include "tpp/data/database.hpp"

namespace tpp {
namespace {

// The bundled H100 SXM's facts: the unit of both H100-equivalent conventions.
const ChipFacts& h100_facts() {
  static const ChipFacts facts = [] {
    const auto h100 = ChipDatabase::bundled().find("h100-sxm");
    if (!h100) throw std::logic_error("bundled chip data lacks h100-sxm");
    auto computed = chip_facts(**h100);
    if (!computed) throw std::logic_error("h100-sxm: " + computed.error().message());
    return *computed;
  }();
  return facts;
}

bool is_estimate(const Provenance& provenance) {
  return provenance.confidence == std::optional(Confidence::estimate);
}

// Whether an IC's TPP rests on an estimated throughput (its governing figures); a system's, on
// any of its ICs'.
bool tpp_rests_on_estimate(const Report& report) {
  if (report.spec->kind == ChipKind::system) {
    for (const ComponentReport& component : report.components) {
      if (tpp_rests_on_estimate(*component.report)) return true;
    }
    return false;
  }
  for (std::size_t u = 0; u < report.metrics.units.size(); ++u) {
    const UnitTpp& unit = report.metrics.units[u];
    if (unit.by_precision.empty() || u >= report.spec->processing_units.size()) continue;
    const ProcessingUnit& input = report.spec->processing_units[u];
    const std::size_t index = unit.by_precision[unit.governing].throughput_index;
    if (index >= input.throughput.size()) continue;
    const Throughput& figure = input.throughput[index];
    if (figure.tops_range || is_estimate(figure.provenance)) return true;
  }
  return false;
}

bool density_rests_on_estimate(const Report& report) {
  if (report.metrics.density.state != DensityState::known) return false;
  for (const Die& die : report.spec->dies) {
    if (!die.logic || !die.non_planar || !die.area_mm2) continue;
    if (die.area_mm2->range || is_estimate(die.area_mm2->provenance)) return true;
  }
  return tpp_rests_on_estimate(report);
}

}  // namespace

Result<Comparison> compare(std::span<const std::shared_ptr<const ChipSpec>> specs,
                           const Options& options) {
  Comparison out;
  out.options = options;
  out.as_of = options.as_of.value_or(today());
  Options fixed = options;
  fixed.as_of = out.as_of;  // one date for every item, even across midnight
  const ChipFacts& h100 = h100_facts();
  for (const auto& spec : specs) {
    ComparedItem item;
    item.spec = spec;
    auto report = evaluate(spec, fixed);
    if (!report) return tpp::unexpected(report.error());
    item.report = std::move(*report);
    auto facts = chip_facts(*spec, fixed.tf32_bits);
    if (!facts) return tpp::unexpected(facts.error());
    item.facts = *facts;
    item.h100_equivalents = item.report.h100_equivalents;
    item.h100_equivalents_epoch =
        h100.dense_8bit_tops.is_zero()
            ? 0.0
            : item.facts.dense_8bit_tops.to_double() / h100.dense_8bit_tops.to_double();
    item.epoch_from_tpp = !item.facts.has_8bit_figure;
    item.tpp_estimate = tpp_rests_on_estimate(item.report);
    if (item.report.range && item.report.range->least_metrics.tpp != item.report.metrics.tpp) {
      item.tpp_low = item.report.range->least_metrics.tpp;
      item.tpp_estimate = true;
    }
    item.density_estimate =
        density_rests_on_estimate(item.report) ||
        (item.report.range && item.report.metrics.density.state == DensityState::known);
    item.totals = item_totals(*spec);
    if (item.totals.power_w.known() && !item.totals.power_w.value.is_zero()) {
      item.tpp_per_watt =
          item.report.metrics.tpp.to_double() / item.totals.power_w.value.to_double();
    }
    if (spec->kind == ChipKind::system) {
      item.deciding_ic = item.report.classification.decided_by;
      for (std::size_t c = 0; c < item.report.components.size(); ++c) {
        const ComponentReport& component = item.report.components[c];
        if (component.chip != item.deciding_ic || c >= spec->contains.size()) continue;
        item.deciding_count = component.count;
        Options alone = fixed;
        alone.destination.reset();
        auto ic = evaluate(spec->contains[c].spec, alone);
        if (!ic) return tpp::unexpected(ic.error());
        item.deciding = std::make_shared<const Report>(std::move(*ic));
        break;
      }
    }
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace tpp
