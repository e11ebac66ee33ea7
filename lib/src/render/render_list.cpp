// `tpp list`: one line per chip.
#include <fmt/format.h>

#include "render/render_common.hpp"
#include "tpp/render/render.hpp"

namespace tpp {

std::string render_list(std::span<const Report> reports) {
  std::string out = fmt::format("{:<16} {:<44} {:>10} {:>9} {:>7}  {:<10} {:<15} {}\n", "id",
                                "name", "TPP", "density", "H100eq", "paragraph", "status", "basis");
  for (const Report& report : reports) {
    const ChipSpec& spec = *report.spec;
    const Metrics& metrics = report.metrics;
    const Classification& c = report.classification;
    std::string density = "n/a";
    if (metrics.density.state == DensityState::known) {
      density = fmt::format("{:.2f}", metrics.density.value.to_double());
    } else if (metrics.density.state == DensityState::unknown) {
      density = "?";
    } else if (spec.kind == ChipKind::memory) {
      const MetricValue bandwidth = metric_value(Metric::memory_bandwidth_density, spec, metrics);
      if (bandwidth.state == DensityState::known) {
        density = fmt::format("{:.2f}*", bandwidth.value.to_double());
      }
    }
    const std::string name = spec.name.size() > 44 ? spec.name.substr(0, 41) + "..." : spec.name;
    const std::string paragraph =
        c.paragraph ? std::string(*c.paragraph)
                    : (c.status == Status::indeterminate ? "?" : std::string("-"));
    out += fmt::format("{:<16} {:<44} {:>10} {:>9} {:>7.2f}  {:<10} {:<15} {}\n", spec.id, name,
                       format_decimal(metrics.tpp, 1, true), density, report.h100_equivalents,
                       paragraph, to_string(c.status), to_string(report.basis));
  }
  out +=
      "density: TPP/mm2 (* memory parts: GB/s/mm2); ?: a die area is unknown. Not legal advice.\n";
  return out;
}

}  // namespace tpp
