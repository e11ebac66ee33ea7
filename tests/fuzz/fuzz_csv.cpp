// libFuzzer: the CSV reader and the flat catalog layout's single path (spec_from_flat_csv, then
// evaluate). The reader runs twice: with the smallest buffer the library allows (CsvReader
// raises any request below 4096 bytes to 4096, so only inputs above 4 KiB exercise refills and
// growth; tools/fuzz.sh gives this target a larger -max_len) and with the whole input in one
// buffer. Both must give the same records and errors.
#include <cstddef>
#include <cstdint>
#include <span>
#include <spanstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "tpp/batch/catalog.hpp"
#include "tpp/data/csv.hpp"
#include "tpp/rules/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const char> bytes(reinterpret_cast<const char*>(data), size);
  std::ispanstream small_in(bytes);
  std::ispanstream whole_in(bytes);
  tpp::CsvReader small(small_in, 0);  // raised to the library's minimum
  tpp::CsvReader whole(whole_in, size + 1);
  static std::vector<std::string_view> fields;
  static std::vector<std::string_view> whole_fields;
  std::vector<std::string> header;
  std::size_t last_line = 0;
  int evaluated = 0;
  std::size_t last_error_at = static_cast<std::size_t>(-1);
  for (int guard = 0; guard < 100000; ++guard) {
    auto got = small.next(fields);
    auto again = whole.next(whole_fields);
    tpp::fuzz::require(got.has_value() == again.has_value() && (!got || *got == *again) &&
                           (got || got.error().message() == again.error().message()),
                       "CsvReader: the buffer size does not change the records");
    if (!got) {  // reading goes on after an error, unless it is final (the same one again)
      if (small.bytes_read() == last_error_at) break;
      last_error_at = small.bytes_read();
      continue;
    }
    if (!*got) break;
    tpp::fuzz::require(fields == whole_fields && small.line() == whole.line(),
                       "CsvReader: the buffer size does not change the fields");
    tpp::fuzz::require(small.line() > last_line, "CsvReader: record lines increase");
    last_line = small.line();
    if (header.empty()) {
      header.assign(fields.begin(), fields.end());
      continue;
    }
    auto spec = tpp::spec_from_flat_csv(header, fields, small.line());
    // evaluate() costs far more than reading: the first rows are enough to reach it.
    if (spec && ++evaluated <= 8) (void)tpp::evaluate(*spec, tpp::Options{tpp::fuzz::as_of()});
  }
  return 0;
}
