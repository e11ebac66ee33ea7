// Where a chunk of catalog text may be cut so that no record is split between two workers.
#include <algorithm>
#include <cstring>

#include "batch/catalog_internal.hpp"
#include "tpp/data/csv.hpp"

namespace tpp::detail {

// Where the last whole record of `data` ends (just past its newline), or 0 if none does.
std::size_t cut_jsonl(std::string_view data) {
  const std::size_t at = data.rfind('\n');
  return at == std::string_view::npos ? 0 : at + 1;
}

// For CSV, a newline inside quotes does not end a record: track the quotes from the start. A
// quote still open after kMaxQuotedLines lines is a stray one (CsvReader's rule): the record is
// then cut after its first line, where the reader resumes.
namespace {

// The first `c` in data[from, to) (to = npos: the end), or npos.
std::size_t find_before(std::string_view data, char c, std::size_t from, std::size_t to) {
  const std::size_t end = std::min(to, data.size());
  if (from >= end) return std::string_view::npos;
  const void* at = std::memchr(data.data() + from, c, end - from);
  return at == nullptr ? std::string_view::npos
                       : static_cast<std::size_t>(static_cast<const char*>(at) - data.data());
}

}  // namespace

std::size_t cut_csv(std::string_view data) {
  bool quoted = false;
  std::size_t last = 0;  // the last cut: the start of the current record
  std::size_t newlines_in_quote = 0;
  std::size_t first_line_end = std::string_view::npos;  // of the current record
  std::size_t p = 0;
  while (p < data.size()) {
    // Each search stops where the other's answer is: searching the whole rest of the chunk for
    // a quote on every line made cutting quadratic in the chunk size.
    if (quoted) {
      const std::size_t quote = data.find('"', p);
      const std::size_t newline = find_before(data, '\n', p, quote);
      if (newline != std::string_view::npos &&
          (quote == std::string_view::npos || newline < quote)) {
        if (first_line_end == std::string_view::npos) first_line_end = newline;
        if (++newlines_in_quote > kMaxQuotedLines) {
          // A stray quote: the record ends with its first line.
          quoted = false;
          newlines_in_quote = 0;
          last = first_line_end + 1;
          p = last;
          first_line_end = std::string_view::npos;
          continue;
        }
        p = newline + 1;
        continue;
      }
      if (quote == std::string_view::npos) break;
      p = quote + 1;
      quoted = false;
      continue;
    }
    const std::size_t newline = data.find('\n', p);
    const std::size_t limit = newline == std::string_view::npos ? data.size() : newline;
    const std::size_t quote = find_before(data, '"', p, limit);
    if (quote != std::string_view::npos) {
      p = quote + 1;
      quoted = true;
      newlines_in_quote = 0;
      continue;
    }
    if (newline == std::string_view::npos) break;
    last = newline + 1;
    p = last;
    first_line_end = std::string_view::npos;
  }
  return last;
}

std::size_t count_lines(std::string_view data) {
  std::size_t n = 0;
  const char* p = data.data();
  const char* const end = p + data.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) !=
         nullptr) {
    ++n;
    ++p;
  }
  return n;
}

}  // namespace tpp::detail
