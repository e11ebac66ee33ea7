// libFuzzer: the CSV readers: the fleet/shipment reader and the flat catalog layout.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "tpp/tpp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto fleet = tpp::FleetReader::from_string(text, tpp::FleetFormat::csv)) {
    tpp::FleetAccount account(tpp::Options{tpp::parse_date("2026-11-22").value()});
    for (int guard = 0; guard < 10000; ++guard) {
      auto line = fleet->next();
      if (line && !*line) break;
      if (line) (void)account.add(**line);
    }
  }
  std::istringstream in(text);
  tpp::CsvReader reader(in, 64);  // a tiny buffer, to exercise refills
  std::vector<std::string_view> fields;
  std::vector<std::string> header;
  for (int guard = 0; guard < 10000; ++guard) {
    auto got = reader.next(fields);
    if (!got || !*got) break;
    if (header.empty()) {
      header.assign(fields.begin(), fields.end());
      continue;
    }
    (void)tpp::spec_from_flat_csv(header, fields, reader.line());
  }
  return 0;
}
