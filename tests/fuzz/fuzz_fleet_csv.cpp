// libFuzzer: the fleet reader on CSV (a header naming the columns in any order), then the account,
// the renderers and the totals. FleetReader::from_string is the entry point (no file). Note: for
// CSV the library's CsvReader allocates and zeroes its default 1 MiB buffer per reader, which
// bounds this target's speed.
#include <cstddef>
#include <cstdint>

#include "fleet_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tpp::fuzz::run_fleet(data, size, tpp::FleetFormat::csv);
  return 0;
}
