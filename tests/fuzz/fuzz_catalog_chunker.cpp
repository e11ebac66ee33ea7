// libFuzzer: the catalog's chunker and thread pool. The same input (JSON Lines when it starts
// with '{', else the flat CSV layout) runs in one chunk on one thread, then in chunks of a few
// bytes on one and on two threads: output, error lines and counts must be identical.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "catalog_check.hpp"

namespace {

using tpp::fuzz::CatalogRun;

std::string stats_text(const CatalogRun& run) {
  if (!run.stats) return "refused: " + run.refusal;
  return "records " + std::to_string(run.stats->records) + ", failed " +
         std::to_string(run.stats->failed) + ", lean " + std::to_string(run.stats->lean) +
         ", bytes " + std::to_string(run.stats->bytes);
}

void require_same(const CatalogRun& whole, const CatalogRun& chunked, const char* what) {
  const std::string a = stats_text(whole);
  const std::string b = stats_text(chunked);
  tpp::fuzz::require(a == b, what, "one chunk: " + a + "\nchunked: " + b);
  tpp::fuzz::require(whole.out == chunked.out, what,
                     "one chunk (" + std::to_string(whole.out.size()) + " bytes):\n" + whole.out +
                         "\nchunked (" + std::to_string(chunked.out.size()) + " bytes):\n" +
                         chunked.out);
  tpp::fuzz::require(whole.err == chunked.err, what,
                     "one chunk:\n" + whole.err + "\nchunked:\n" + chunked.err);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static tpp::fuzz::MemFile file;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool jsonl = !text.empty() && text.front() == '{';
  tpp::CatalogOptions options =
      tpp::fuzz::catalog_options(jsonl ? tpp::CatalogInput::jsonl : tpp::CatalogInput::csv);
  options.output = jsonl ? tpp::CatalogOutput::jsonl : tpp::CatalogOutput::csv;
  const auto& path = file.write(text);
  const CatalogRun whole = tpp::fuzz::run_once(path, options);
  options.chunk_bytes = 1;  // grows (doubling) only while one record does not fit
  require_same(whole, tpp::fuzz::run_once(path, options), "1-byte chunks, 1 thread: same result");
  options.chunk_bytes = 7;
  options.threads = 2;
  require_same(whole, tpp::fuzz::run_once(path, options), "7-byte chunks, 2 threads: same result");
  return 0;
}
