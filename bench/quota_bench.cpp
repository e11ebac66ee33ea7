// tpp quota at scale: a generated million-line shipment file, read and accounted.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>

#include "generators.hpp"
#include "tpp/tpp.hpp"

namespace {

const std::filesystem::path& shipments_file(std::size_t lines) {
  static std::map<std::size_t, std::filesystem::path> files;
  auto& path = files[lines];
  if (path.empty()) {
    path = std::filesystem::temp_directory_path() /
           ("tpp-bench-shipments-" + std::to_string(lines) + ".csv");
    std::ofstream out(path, std::ios::binary);
    tpp::gen::write_shipments(out, lines);
  }
  return path;
}

void BM_QuotaFile(benchmark::State& state) {
  const auto lines = static_cast<std::size_t>(state.range(0));
  const auto& path = shipments_file(lines);
  const auto bytes = std::filesystem::file_size(path);
  for (auto _ : state) {
    auto reader = tpp::FleetReader::open(path).value();
    tpp::QuotaLedger ledger(tpp::active_rules().quota_policy(), tpp::QuotaOptions{true});
    std::size_t accounted = 0;
    while (auto next = reader.next()) {
      if (!*next) break;
      if (ledger.add(**next)) ++accounted;
    }
    benchmark::DoNotOptimize(ledger.report());
    if (accounted != lines) state.SkipWithError("a generated line failed");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_QuotaFile)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_FleetFile(benchmark::State& state) {
  const auto lines = static_cast<std::size_t>(state.range(0));
  const auto& path = shipments_file(lines);
  for (auto _ : state) {
    auto reader = tpp::FleetReader::open(path).value();
    tpp::FleetAccount fleet;
    while (auto next = reader.next()) {
      if (!*next) break;
      benchmark::DoNotOptimize(fleet.add(**next));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines));
}
BENCHMARK(BM_FleetFile)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
