// libFuzzer: the fleet reader on JSON ({"lines": [...]}, read whole; "spec" may give an inline
// chip), then the account, the renderers and the totals.
#include <cstddef>
#include <cstdint>

#include "fleet_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tpp::fuzz::run_fleet(data, size, tpp::FleetFormat::json);
  return 0;
}
