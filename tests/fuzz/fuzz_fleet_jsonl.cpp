// libFuzzer: the fleet reader on JSON Lines (one line object per line, streamed), then the account,
// the renderers and the totals.
#include <cstddef>
#include <cstdint>

#include "fleet_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tpp::fuzz::run_fleet(data, size, tpp::FleetFormat::jsonl);
  return 0;
}
