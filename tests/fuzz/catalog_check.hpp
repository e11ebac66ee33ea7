// Shared by the catalog targets. run_catalog reads files only, so the input goes to a memfd (in
// memory, rewritten per input, nothing to clean up). The checks: one output record per input
// record (counted independently of the chunker), JSON Lines output is JSON, CSV rows have the
// header's field count, records come out in input order.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <spanstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "tpp/batch/catalog.hpp"
#include "tpp/data/csv.hpp"

namespace tpp::fuzz {

/// An in-memory file with a path that run_catalog can open.
class MemFile {
 public:
  MemFile() : fd_(memfd_create("tpp-fuzz", MFD_CLOEXEC)) {
    if (fd_ < 0) {
      std::perror("memfd_create");
      std::abort();
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  ~MemFile() { close(fd_); }

  /// Replaces the contents with `data`; the path opens at offset 0.
  const std::filesystem::path& write(std::string_view data) {
    if (ftruncate(fd_, 0) != 0) std::abort();
    std::size_t done = 0;
    while (done < data.size()) {
      const ssize_t n =
          pwrite(fd_, data.data() + done, data.size() - done, static_cast<off_t>(done));
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
    return path_;
  }

 private:
  int fd_;
  std::filesystem::path path_;
};

/// Options for a catalog run: the fixed date, one thread, and 16 KiB chunks rather than the
/// default 1 MiB, which a run would allocate and zero per input (inputs are at most a few KiB,
/// so still one chunk; fuzz_catalog_chunker tries small ones).
inline CatalogOptions catalog_options(CatalogInput input) {
  CatalogOptions options;
  options.as_of = as_of();
  options.threads = 1;
  options.input = input;
  options.chunk_bytes = 1 << 14;
  return options;
}

struct CatalogRun {
  std::optional<CatalogStats> stats;  ///< empty: run_catalog refused the input
  std::string refusal;
  std::string out;
  std::string err;
};

inline CatalogRun run_once(const std::filesystem::path& path, const CatalogOptions& options) {
  std::ostringstream out;
  std::ostringstream err;
  CatalogRun run;
  auto result = run_catalog({path}, out, err, options);
  if (result) {
    run.stats = *result;
  } else {
    run.refusal = result.error().message();
  }
  run.out = std::move(out).str();
  run.err = std::move(err).str();
  return run;
}

/// Records in JSON Lines text as the catalog defines them: '\n'-separated lines (one trailing
/// '\r' dropped) that are not all spaces and tabs.
inline std::size_t jsonl_records(std::string_view text) {
  std::size_t records = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) ++records;
    start = end + 1;
  }
  return records;
}

/// Reads `reader` to the end; returns the records, an error counting as one. Reading goes on
/// after an error; the same error again at the same place means it was final.
inline std::size_t count_csv_records(CsvReader& reader) {
  std::vector<std::string_view> fields;
  std::size_t records = 0;
  std::size_t last_error_at = static_cast<std::size_t>(-1);
  for (;;) {
    auto got = reader.next(fields);
    if (got) {
      if (!*got) return records;
      ++records;
      continue;
    }
    if (reader.bytes_read() == last_error_at) return records;
    last_error_at = reader.bytes_read();
    ++records;
  }
}

/// Records of a CSV catalog: after the header line, each record (or error) the CSV reader finds
/// reading the rest whole, in one buffer (no chunks).
inline std::size_t csv_records(std::string_view text) {
  const std::size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string_view body = text.substr(newline + 1);
  std::ispanstream in(std::span<const char>(body.data(), body.size()));
  CsvReader reader(in, body.size() + 1);
  return count_csv_records(reader);
}

/// JSON Lines output: the run's facts, then every line a JSON object with a line number,
/// increasing. Returns the number of records.
inline std::size_t check_jsonl_output(std::string_view out) {
  require(out.empty() || out.back() == '\n', "JSONL output ends with a newline", out);
  std::size_t records = 0;
  std::uint64_t last_line = 0;
  std::size_t line_index = 0;
  std::size_t start = 0;
  while (start < out.size()) {
    const std::size_t end = out.find('\n', start);
    const std::string_view line = out.substr(start, end - start);
    start = end + 1;
    const auto doc = nlohmann::json::parse(line, nullptr, false);
    require(!doc.is_discarded() && doc.is_object(), "JSONL output line is a JSON object", line);
    if (doc.contains("run")) {
      // The run's facts come first, once: not a record.
      require(line_index == 0 && !doc.contains("record"), "the run's facts are the first line",
              line);
      ++line_index;
      continue;
    }
    require(line_index > 0, "the output starts with the run's facts", line);
    ++line_index;
    const auto number = doc.find("line");
    require(number != doc.end() && number->is_number_unsigned(),
            "JSONL output record has a line number", line);
    const auto value = number->get<std::uint64_t>();
    require(value > last_line, "output records in input order (line numbers increase)", line);
    last_line = value;
    ++records;
  }
  return records;
}

/// CSV output: a header, then rows of exactly the header's field count, line numbers
/// increasing. Returns the number of rows.
inline std::size_t check_csv_output(std::string_view out) {
  require(out.empty() || out.back() == '\n', "CSV output ends with a newline", out);
  std::ispanstream in(std::span<const char>(out.data(), out.size()));
  CsvReader reader(in, out.size() + 1);
  std::vector<std::string_view> fields;
  auto header = reader.next(fields);
  require(header && *header, "CSV output has a header row", out);
  const std::size_t width = fields.size();
  std::size_t rows = 0;
  std::uint64_t last_line = 0;
  for (;;) {
    auto got = reader.next(fields);
    require(got.has_value(), "CSV output parses as CSV", out);
    if (!*got) break;
    std::string row;
    for (const std::string_view field : fields) {
      row.append(field);
      row.push_back('|');
    }
    require(fields.size() == width, "CSV output row has the header's field count",
            "header " + std::to_string(width) + " fields, row " + std::to_string(fields.size()) +
                ": " + row);
    std::uint64_t line = 0;
    const std::string text(fields[0]);
    char* end = nullptr;
    line = std::strtoull(text.c_str(), &end, 10);
    require(!text.empty() && *end == '\0', "CSV output row starts with its line number", row);
    require(line > last_line, "output records in input order (line numbers increase)", row);
    last_line = line;
    ++rows;
  }
  return rows;
}

/// Runs the catalog on `path` with each writer and checks the output: `expected` records
/// (none when run_catalog refuses the file), well formed, in order.
inline void check_writers(const std::filesystem::path& path, CatalogOptions options,
                          std::size_t expected) {
  for (const CatalogOutput output : {CatalogOutput::jsonl, CatalogOutput::csv}) {
    options.output = output;
    const CatalogRun run = run_once(path, options);
    const std::size_t written =
        output == CatalogOutput::jsonl ? check_jsonl_output(run.out) : check_csv_output(run.out);
    const std::size_t want = run.stats ? expected : 0;
    require(written == want, "one output record per input record",
            std::string(output == CatalogOutput::jsonl ? "jsonl" : "csv") + " output: expected " +
                std::to_string(want) + " records, wrote " + std::to_string(written) + "\n" +
                run.out + run.err);
    if (run.stats) {
      require(run.stats->records == written, "CatalogStats.records counts the output records");
      require(run.stats->failed <= run.stats->records, "CatalogStats.failed <= records");
    }
  }
}

}  // namespace tpp::fuzz
