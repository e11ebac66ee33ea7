// The numeric core, one chip at a time: metrics, classification, the whole report, parsing.
#include <benchmark/benchmark.h>

#include "tpp/tpp.hpp"

namespace {

const tpp::ChipSpec& h100() {
  return *tpp::ChipDatabase::bundled().find("h100-sxm").value();
}
const tpp::Date kAsOf = tpp::parse_date("2026-11-22").value();

void BM_ComputeMetrics(benchmark::State& state) {
  const tpp::ChipSpec& spec = h100();
  for (auto _ : state)
    benchmark::DoNotOptimize(tpp::compute_metrics(spec));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ComputeMetrics);

void BM_Classify(benchmark::State& state) {
  const tpp::ChipSpec& spec = h100();
  const tpp::Metrics metrics = tpp::compute_metrics(spec).value();
  for (auto _ : state)
    benchmark::DoNotOptimize(tpp::classify(spec, metrics, kAsOf));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Classify);

void BM_Evaluate(benchmark::State& state) {
  const auto spec = tpp::ChipDatabase::bundled().find_shared("h100-sxm").value();
  for (auto _ : state)
    benchmark::DoNotOptimize(tpp::evaluate(spec, tpp::Options{kAsOf}));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Evaluate);

// With the notes, sensitivity and foundry assessment a renderer prints.
void BM_EvaluateWithDetails(benchmark::State& state) {
  const auto spec = tpp::ChipDatabase::bundled().find_shared("h100-sxm").value();
  tpp::Options options{kAsOf};
  options.details = true;
  for (auto _ : state)
    benchmark::DoNotOptimize(tpp::evaluate(spec, options));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateWithDetails);

void BM_ReadSpecJson(benchmark::State& state) {
  const std::string text =
      R"({"id":"x","name":"x","processing_units":[{"throughput":[{"precision":"fp8","tops":1978.9},{"precision":"bf16","tops":989.4}]}],"dies":[{"area_mm2":814}]})";
  for (auto _ : state)
    benchmark::DoNotOptimize(tpp::read_spec_json(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ReadSpecJson);

void BM_ParseDecimal(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(tpp::parse_decimal("4799.999999"));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseDecimal);

}  // namespace
