// Shared by the fleet targets: read a fleet with FleetReader::from_string, account every line
// (classification, licence answer, compute), render it all, and check the totals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "tpp/fleet/fleet.hpp"
#include "tpp/render/render.hpp"

namespace tpp::fuzz {

inline void run_fleet(const std::uint8_t* data, std::size_t size, FleetFormat format) {
  auto reader =
      FleetReader::from_string(std::string(reinterpret_cast<const char*>(data), size), format);
  if (!reader) return;
  FleetAccount account(Options{as_of()});
  account.count_compute(ComputeOptions{Decimal::from_integer(30)});
  std::int64_t quantity = 0;
  std::size_t last_line = 0;
  for (int guard = 0; guard < 10000; ++guard) {
    auto line = reader->next();
    if (line && !*line) break;
    if (!line) continue;
    require((*line)->line > last_line, "fleet lines come in file order");
    last_line = (*line)->line;
    auto result = account.add(**line);
    if (!result) continue;
    quantity += (*line)->quantity;
    (void)render_fleet_line(*result, false);
    require_json_lines(render_fleet_line(*result, true), "fleet line JSON is JSON");
  }
  require(account.total().quantity == quantity, "fleet total quantity is the sum of its lines");
  std::int64_t by_chip = 0;
  for (const auto& [chip, bucket] : account.by_chip())
    by_chip += bucket.quantity;
  require(by_chip == quantity, "fleet totals by chip add up to the total");
  (void)render_fleet_totals(account, false);
  require_json_lines(render_fleet_totals(account, true), "fleet totals JSON is JSON");
  if (const auto compute = account.compute_report()) {
    std::int64_t computed = 0;
    for (const ComputeRow& row : compute->rows)
      computed += row.quantity;
    require(computed == quantity, "fleet compute rows add up to the total quantity");
    (void)render_fleet_compute(*compute, false);
    require_json_lines(render_fleet_compute(*compute, true), "fleet compute JSON is JSON");
  }
}

}  // namespace tpp::fuzz
