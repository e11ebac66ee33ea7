#include "tpp/core/metrics.hpp"

#include <fmt/format.h>

namespace tpp {
namespace {

Result<UnitTpp> unit_tpp(const ProcessingUnit& unit, std::size_t index,
                         const MetricOptions& options) {
  UnitTpp out;
  out.name = unit.name;
  out.count = unit.count;
  for (const Throughput& figure : unit.throughput) {
    PrecisionTpp row;
    row.precision = figure.precision;
    row.bit_length = bit_length(figure.precision, options.tf32_bits);
    row.dense_tops = figure.sparse ? half(figure.tops) : figure.tops;
    row.halved_from_sparse = figure.sparse;
    row.throughput_index = out.by_precision.size();
    const auto tpp = checked_mul(row.dense_tops, row.bit_length);
    if (!tpp) {
      return fail(errc::out_of_range, fmt::format("processing_units[{}]", index),
                  to_string(figure.tops), "TPP overflows");
    }
    row.tpp = *tpp;
    // Ties go to the shorter bit length (H20: fp8 296 x 8, not tf32 74 x 32), which does not
    // hang on a bit-length convention.
    const PrecisionTpp* best =
        out.by_precision.empty() ? nullptr : &out.by_precision[out.governing];
    if (best == nullptr || row.tpp > best->tpp ||
        (row.tpp == best->tpp && row.bit_length < best->bit_length)) {
      out.governing = out.by_precision.size();
    }
    out.by_precision.push_back(row);
  }
  if (!out.by_precision.empty()) {
    const auto total = checked_mul(out.by_precision[out.governing].tpp, unit.count);
    if (!total) {
      return fail(errc::out_of_range, fmt::format("processing_units[{}].count", index),
                  std::to_string(unit.count), "TPP overflows");
    }
    out.tpp = *total;
  }
  return out;
}

Density density_of(const ChipSpec& spec, Decimal tpp) {
  Density out;
  if (spec.dies.empty()) {
    out.reason = "no dies are listed, so the applicable die area is unknown";
    return out;
  }
  Decimal area;
  bool any_applicable = false;
  for (std::size_t d = 0; d < spec.dies.size(); ++d) {
    const Die& die = spec.dies[d];
    if (!die.logic || !die.non_planar) continue;
    any_applicable = true;
    if (!die.area_mm2) {
      out.reason = fmt::format("the area of die '{}' (dies[{}]) is unknown",
                               die.name.empty() ? "unnamed" : die.name, d);
      return out;
    }
    const auto die_total = checked_mul(die.area_mm2->value, die.count);
    const auto sum = die_total ? checked_add(area, *die_total) : std::nullopt;
    if (!sum) {
      out.reason = "the applicable die area overflows";
      return out;
    }
    area = *sum;
  }
  if (!any_applicable) {
    out.state = DensityState::not_applicable;
    out.reason = "no logic die is made on a non-planar process node";
    return out;
  }
  out.state = DensityState::known;
  out.applicable_area_mm2 = area;
  out.value = DecimalRatio{tpp, area};
  return out;
}

}  // namespace

std::string_view to_string(DensityState state) noexcept {
  switch (state) {
    case DensityState::known: return "known";
    case DensityState::unknown: return "unknown";
    case DensityState::not_applicable: return "not-applicable";
  }
  return "unknown";
}

Result<Metrics> compute_metrics(const ChipSpec& spec, const MetricOptions& options) {
  if (options.tf32_bits != 19 && options.tf32_bits != 32) {
    return fail(errc::invalid_argument, "tf32_bits", std::to_string(options.tf32_bits),
                "must be 19 or 32");
  }
  if (auto ok = validate(spec); !ok) return tpp::unexpected(ok.error());
  Metrics out;
  out.tf32_bits = options.tf32_bits;
  for (std::size_t u = 0; u < spec.processing_units.size(); ++u) {
    auto unit = unit_tpp(spec.processing_units[u], u, options);
    if (!unit) return tpp::unexpected(unit.error());
    const auto sum = checked_add(out.tpp, unit->tpp);
    if (!sum) return fail(errc::out_of_range, "processing_units", "", "TPP overflows");
    out.tpp = *sum;
    for (const PrecisionTpp& row : unit->by_precision) {
      out.any_sparse_halved = out.any_sparse_halved || row.halved_from_sparse;
    }
    out.units.push_back(std::move(*unit));
  }
  if (spec.kind == ChipKind::accelerator) {
    out.density = density_of(spec, out.tpp);
  } else {
    out.density.state = DensityState::not_applicable;
    out.density.reason =
        fmt::format("a {} is not judged by performance density", to_string(spec.kind));
  }
  return out;
}

}  // namespace tpp
