#include "tpp/adhoc.hpp"

#include <fmt/format.h>

#include <utility>

namespace tpp {

Result<ChipSpec> make_adhoc_spec(const AdhocInput& input) {
  ChipSpec spec;
  spec.name = input.name;
  spec.datacenter.value = input.datacenter;
  // validate() names fields by their place in the spec; this maps them back to the caller's.
  std::vector<std::pair<std::string, std::string>> labels;

  ProcessingUnit unit;
  for (const AdhocThroughput& item : input.throughput) {
    const std::string label = fmt::format("{} {}", item.label, item.precision);
    auto precision = parse_precision(item.precision, item.label);
    if (!precision) return tpp::unexpected(precision.error());
    auto tops = parse_decimal(item.tops, label);
    if (!tops) return tpp::unexpected(tops.error());
    labels.emplace_back(fmt::format("processing_units[0].throughput[{}]", unit.throughput.size()),
                        label);
    unit.throughput.push_back(Throughput{*precision, *tops, item.sparse, {}});
  }
  if (!unit.throughput.empty()) spec.processing_units.push_back(std::move(unit));
  labels.emplace_back("processing_units", "throughput (give at least one precision=TOPS)");

  if (input.die_area_mm2) {
    auto area = parse_decimal(input.die_area_mm2->text, input.die_area_mm2->label);
    if (!area) return tpp::unexpected(area.error());
    Die die;
    die.area_mm2 = Figure{*area, {}};
    die.non_planar = !input.planar;
    spec.dies.push_back(std::move(die));
    labels.emplace_back("dies[0]", input.die_area_mm2->label);
  }
  if (input.io_bidirectional_gbps) {
    auto io = parse_decimal(input.io_bidirectional_gbps->text, input.io_bidirectional_gbps->label);
    if (!io) return tpp::unexpected(io.error());
    spec.io_bidirectional_gbps = Figure{*io, {}};
    labels.emplace_back("io_bidirectional_gbps", input.io_bidirectional_gbps->label);
  }

  if (auto ok = validate(spec); !ok) {
    Error error = ok.error();
    for (const auto& [path, label] : labels) {
      if (error.field.starts_with(path)) {
        error.field = label;
        break;
      }
    }
    return tpp::unexpected(std::move(error));
  }
  return spec;
}

}  // namespace tpp
