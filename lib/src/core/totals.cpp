#include "tpp/core/totals.hpp"

#include <fmt/format.h>

#include <optional>

namespace tpp {
namespace {

Total stated(const std::optional<Figure>& figure, std::string_view field, const ChipSpec& spec) {
  Total out;
  if (!figure) {
    out.missing = fmt::format("{}: {}", spec.id.empty() ? spec.name : spec.id, field);
    return out;
  }
  out.source = TotalSource::stated;
  out.value = figure->value;
  out.estimate = figure->range.has_value() ||
                 figure->provenance.confidence == std::optional(Confidence::estimate);
  out.unconfirmed = figure->provenance.unconfirmed;
  return out;
}

// count x each contained accelerator's (or nested system's) total, or unknown naming the first
// IC that lacks it.
template <class Pick>
Total summed(const ChipSpec& system, Pick pick) {
  Total out;
  bool any = false;
  for (const Component& component : system.contains) {
    if (!component.spec || component.spec->kind == ChipKind::memory) continue;
    const Total part = pick(item_totals(*component.spec));
    if (!part.known()) {
      out.missing = part.missing;
      return out;
    }
    const auto times = checked_mul(part.value, component.count);
    const auto sum = times ? checked_add(out.value, *times) : std::nullopt;
    if (!sum) {
      out.value = Decimal();
      out.missing = fmt::format("{}: overflows", system.id);
      return out;
    }
    out.value = *sum;
    out.estimate = out.estimate || part.estimate;
    out.unconfirmed = out.unconfirmed || part.unconfirmed;
    any = true;
  }
  if (!any) {
    out.value = Decimal();
    out.missing = fmt::format("{}: no accelerator inside", system.id);
    return out;
  }
  out.source = TotalSource::summed;
  return out;
}

}  // namespace

std::string_view to_string(TotalSource source) noexcept {
  switch (source) {
    case TotalSource::unknown: return "unknown";
    case TotalSource::stated: return "stated";
    case TotalSource::summed: return "summed";
  }
  return "unknown";
}

ItemTotals item_totals(const ChipSpec& spec) {
  ItemTotals out;
  const std::optional<Figure> none;
  const std::optional<Figure>& capacity = spec.memory ? spec.memory->capacity_gb : none;
  const std::optional<Figure>& bandwidth = spec.memory ? spec.memory->bandwidth_gbps : none;
  out.memory_capacity_gb = stated(capacity, "memory.capacity_gb", spec);
  out.memory_bandwidth_gbps = stated(bandwidth, "memory.bandwidth_gbps", spec);
  out.power_w = stated(spec.power_w, "power_w", spec);
  if (spec.kind != ChipKind::system) return out;
  if (!capacity) {
    out.memory_capacity_gb = summed(spec, [](const ItemTotals& t) { return t.memory_capacity_gb; });
  }
  if (!bandwidth) {
    out.memory_bandwidth_gbps =
        summed(spec, [](const ItemTotals& t) { return t.memory_bandwidth_gbps; });
  }
  return out;
}

}  // namespace tpp
