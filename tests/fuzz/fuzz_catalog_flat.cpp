// libFuzzer: `tpp catalog` on the flat CSV layout (header, lean path, single path for rows it
// doubts) through both writers, checking the output: one record per input record, valid JSON /
// CSV rows of the header's width, input order.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static tpp::fuzz::MemFile file;
  static const tpp::CatalogOptions options = tpp::fuzz::catalog_options(tpp::CatalogInput::csv);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  tpp::fuzz::check_writers(file.write(text), options, tpp::fuzz::csv_records(text));
  return 0;
}
