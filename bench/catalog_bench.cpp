// Catalog throughput: the kernel, ingestion alone, end to end (1 and 2 threads), against a
// naive nlohmann/json baseline and a bare simdjson pass over the same file, in the same run.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../lib/src/batch/catalog_internal.hpp"
#include "generators.hpp"
#include "tpp/tpp.hpp"

namespace {

constexpr std::size_t kRecords = 1'000'000;
const tpp::Date kAsOf = tpp::parse_date("2026-11-22").value();

const std::filesystem::path& catalog_file(tpp::gen::CatalogFormat format) {
  static std::map<int, std::filesystem::path> files;
  auto& path = files[static_cast<int>(format)];
  if (path.empty()) {
    path = std::filesystem::temp_directory_path() / (format == tpp::gen::CatalogFormat::csv
                                                         ? "tpp-bench-catalog.csv"
                                                         : "tpp-bench-catalog.jsonl");
    if (!std::filesystem::exists(path)) {
      std::ofstream out(path, std::ios::binary);
      tpp::gen::write_catalog(out, kRecords, format);
    }
  }
  return path;
}

const std::string& file_text(tpp::gen::CatalogFormat format) {
  static std::map<int, std::string> texts;
  auto& text = texts[static_cast<int>(format)];
  if (text.empty()) {
    std::ifstream in(catalog_file(format), std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    text.append(simdjson::SIMDJSON_PADDING, '\0');
  }
  return text;
}

struct NullBuffer : std::streambuf {
  int_type overflow(int_type c) override { return c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

void BM_Kernel(benchmark::State& state) {
  const std::size_t n = state.range(0);
  tpp::BatchColumns columns;
  columns.resize(n);
  std::uint64_t seed = 1;
  for (std::size_t i = 0; i < n; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    columns.tpp_units[i] = static_cast<std::int64_t>(seed >> 40) * 100;  // up to ~1.7e9 units
    columns.area_units[i] =
        (i % 17 == 0) ? tpp::kUnknown : static_cast<std::int64_t>(1000 + (seed >> 50)) * 10'000'000;
    columns.io_units[i] = static_cast<std::int64_t>((seed >> 20) % 2000) * 10'000'000;
    columns.datacenter[i] = static_cast<std::uint8_t>(i % 5 != 0);
  }
  const tpp::BatchClassifier classifier(kAsOf);
  std::vector<std::uint16_t> outcome(static_cast<std::size_t>(n));
  for (auto _ : state) {
    benchmark::DoNotOptimize(classifier.classify(columns, outcome));
    benchmark::DoNotOptimize(outcome.data());
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * n * 25);  // 3 x int64 + 1 byte per chip
}
BENCHMARK(BM_Kernel)->Arg(1 << 14)->Arg(1 << 20)->Unit(benchmark::kMicrosecond);

tpp::detail::CatalogContext context() {
  tpp::CatalogOptions options;
  options.as_of = kAsOf;
  tpp::detail::CatalogContext c{options,
                                tpp::BatchClassifier(kAsOf),
                                "2023-11-17",
                                tpp::h100_reference_tpp().to_double(),
                                false,
                                "",
                                tpp::catalog_fields_written(options, false)};
  tpp::detail::prepare_tails(c);
  return c;
}

void BM_IngestJsonl(benchmark::State& state) {
  const std::string& text = file_text(tpp::gen::CatalogFormat::jsonl);
  const auto ctx = context();
  tpp::detail::ChunkWork work;
  simdjson::ondemand::parser parser;
  const std::size_t size = text.size() - simdjson::SIMDJSON_PADDING;
  for (auto _ : state) {
    // In 1 MB pieces, as the pipeline does.
    std::size_t start = 0;
    std::size_t line = 1;
    while (start < size) {
      std::size_t end = std::min(size, start + (1 << 20));
      if (end < size) end = text.rfind('\n', end) + 1;
      tpp::detail::ingest_jsonl_chunk(std::string_view(text).substr(start, end - start), line, work,
                                      parser, ctx);
      benchmark::DoNotOptimize(work.used);
      start = end;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRecords));
}
BENCHMARK(BM_IngestJsonl)->Unit(benchmark::kMillisecond);

void BM_IngestCsv(benchmark::State& state) {
  const std::string& text = file_text(tpp::gen::CatalogFormat::csv);
  const auto ctx = context();
  const std::size_t header_end = text.find('\n') + 1;
  std::vector<std::string_view> header_fields;
  std::string header(text.substr(0, header_end - 1));
  std::istringstream hs(header);
  tpp::CsvReader hr(hs);
  (void)hr.next(header_fields);
  std::vector<std::string> copy(header_fields.begin(), header_fields.end());
  const auto columns =
      tpp::detail::flat_columns(std::vector<std::string_view>(copy.begin(), copy.end())).value();
  tpp::detail::ChunkWork work;
  const std::size_t size = text.size() - simdjson::SIMDJSON_PADDING;
  for (auto _ : state) {
    std::size_t start = header_end;
    while (start < size) {
      std::size_t end = std::min(size, start + (1 << 20));
      if (end < size) end = text.rfind('\n', end) + 1;
      tpp::detail::ingest_flat_csv_chunk(std::string_view(text).substr(start, end - start), 2,
                                         columns, work, ctx);
      benchmark::DoNotOptimize(work.used);
      start = end;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRecords));
}
BENCHMARK(BM_IngestCsv)->Unit(benchmark::kMillisecond);

void end_to_end(benchmark::State& state, tpp::gen::CatalogFormat format) {
  const auto& path = catalog_file(format);
  tpp::CatalogOptions options;
  options.as_of = kAsOf;
  options.threads = static_cast<unsigned>(state.range(0));
  NullBuffer null;
  std::ostream out(&null);
  std::ostringstream err;
  for (auto _ : state) {
    auto stats = tpp::run_catalog({path}, out, err, options);
    if (!stats || stats->records != kRecords) state.SkipWithError("catalog run failed");
  }
  const auto bytes = std::filesystem::file_size(path);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRecords));
}
void BM_CatalogJsonl(benchmark::State& state) {
  end_to_end(state, tpp::gen::CatalogFormat::jsonl);
}
void BM_CatalogCsv(benchmark::State& state) {
  end_to_end(state, tpp::gen::CatalogFormat::csv);
}
BENCHMARK(BM_CatalogJsonl)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CatalogCsv)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The naive way: nlohmann/json per line, the single-chip classifier per record.
void BM_BaselineNlohmann(benchmark::State& state) {
  const std::string& text = file_text(tpp::gen::CatalogFormat::jsonl);
  const std::size_t size = text.size() - simdjson::SIMDJSON_PADDING;
  // A tenth of the file: the baseline is slow; rates are per byte and per record.
  const std::size_t stop = text.rfind('\n', size / 10) + 1;
  std::size_t records = 0;
  for (auto _ : state) {
    std::size_t start = 0;
    records = 0;
    while (start < stop) {
      const std::size_t end = text.find('\n', start);
      ++records;
      auto spec = tpp::read_spec_json(std::string_view(text).substr(start, end - start));
      if (spec) {
        auto metrics = tpp::compute_metrics(*spec);
        if (metrics) benchmark::DoNotOptimize(tpp::classify(*spec, *metrics, kAsOf));
      }
      start = end + 1;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stop));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records));
}
BENCHMARK(BM_BaselineNlohmann)->Unit(benchmark::kMillisecond);

// simdjson alone: every line parsed to a DOM (the library's runtime-dispatched kernel) and its
// root checked to be an object; nothing else done. Bad lines are skipped, as a catalog must.
void BM_SimdjsonBarePass(benchmark::State& state) {
  const std::string& text = file_text(tpp::gen::CatalogFormat::jsonl);
  const std::size_t size = text.size() - simdjson::SIMDJSON_PADDING;
  simdjson::dom::parser parser;
  for (auto _ : state) {
    std::size_t objects = 0;
    std::size_t start = 0;
    while (start < size) {
      const std::size_t end = text.find('\n', start);
      simdjson::dom::element root;
      if (!parser.parse(text.data() + start, end - start, false).get(root) && root.is_object())
        ++objects;
      start = end + 1;
    }
    benchmark::DoNotOptimize(objects);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRecords));
}
BENCHMARK(BM_SimdjsonBarePass)->Unit(benchmark::kMillisecond);

}  // namespace
