#include <doctest/doctest.h>

#include "test_specs.hpp"

using namespace tpp;
using namespace tpp::literals;
using tpp::test::spec_of;

TEST_CASE("the rule's worked example: 600 TOPS at 8 bits = 300 TFLOPS at 16 bits = 4800") {
  CHECK(compute_metrics(spec_of({{"int8", "600"}})).value().tpp == 4800_dec);
  CHECK(compute_metrics(spec_of({{"fp16", "300"}})).value().tpp == 4800_dec);
  CHECK(compute_metrics(spec_of({{"8", "600"}})).value().tpp == 4800_dec);  // custom 8-bit format
}

TEST_CASE("TPP is the highest precision's, summed over processing units") {
  ChipSpec spec = spec_of({{"fp8", "100"}, {"fp16", "60"}, {"fp64", "10"}});
  auto metrics = compute_metrics(spec).value();
  CHECK(metrics.tpp == 960_dec);  // fp16 60 x 16 beats fp8 800 and fp64 640
  CHECK(to_string(metrics.units[0].by_precision[metrics.units[0].governing].precision) == "fp16");

  ProcessingUnit vector_unit{"vector", 2, {Throughput{{Format::fp32}, 10_dec, false, {}}}};
  spec.processing_units.push_back(vector_unit);
  metrics = compute_metrics(spec).value();
  CHECK(metrics.tpp == 1600_dec);  // 960 + 2 x (10 x 32)
  CHECK(metrics.units[1].tpp == 640_dec);
}

TEST_CASE("sparse figures are halved and say so") {
  ChipSpec spec = spec_of({});
  spec.processing_units[0].throughput.push_back(Throughput{{Format::fp8}, 3958_dec, true, {}});
  const auto metrics = compute_metrics(spec).value();
  CHECK(metrics.tpp == 15832_dec);
  CHECK(metrics.any_sparse_halved);
  CHECK(metrics.units[0].by_precision[0].dense_tops == 1979_dec);
  const auto report = with_details(tpp::test::report_of(spec)).value();
  bool noted = false;
  for (const auto& note : report.notes)
    noted = noted || note.find("sparsity") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("an odd sparse figure halves exactly") {
  ChipSpec spec = spec_of({});
  spec.processing_units[0].throughput.push_back(
      Throughput{{Format::fp8}, parse_decimal("0.000001").value(), true, {}});
  CHECK(compute_metrics(spec).value().tpp == Decimal::from_units(40));  // 0.0000005 x 8
}

TEST_CASE("TF32 counts at 32 bits by default, 19 when asked") {
  const ChipSpec trainium_like = spec_of({{"tf32", "667"}, {"bf16", "667"}, {"fp8", "1299"}});
  CHECK(compute_metrics(trainium_like).value().tpp == 21344_dec);
  CHECK(compute_metrics(trainium_like, {19}).value().tpp == 12673_dec);
  CHECK(compute_metrics(trainium_like, {20}).error().code == errc::invalid_argument);
}

TEST_CASE("performance density: known, not applicable, unknown") {
  auto known = compute_metrics(spec_of({{"fp8", "296"}}, "814")).value();
  REQUIRE(known.density.state == DensityState::known);
  CHECK(known.density.value.to_double() == doctest::Approx(2.909).epsilon(0.001));

  auto planar = compute_metrics(spec_of({{"fp8", "296"}}, "814", true, true)).value();
  CHECK(planar.density.state == DensityState::not_applicable);

  ChipSpec unknown_area = spec_of({{"fp8", "296"}}, "400");
  unknown_area.dies.push_back(Die{"IOD", 4, std::nullopt, true, true, "N6"});
  auto unknown = compute_metrics(unknown_area).value();
  CHECK(unknown.density.state == DensityState::unknown);
  CHECK(unknown.density.reason.find("IOD") != std::string::npos);

  ChipSpec memory_dies = spec_of({{"fp8", "296"}}, "100");
  memory_dies.dies.push_back(Die{"HBM", 6, Figure{500_dec, {}}, false, true, ""});
  memory_dies.dies.push_back(Die{"I/O", 1, Figure{100_dec, {}}, true, true, ""});
  memory_dies.dies[0].count = 2;
  auto counted = compute_metrics(memory_dies).value();
  CHECK(counted.density.applicable_area_mm2 == 300_dec);  // 2 x 100 + 100; HBM excluded
}

TEST_CASE("H100-equivalents divide by the bundled H100 SXM's TPP") {
  CHECK(h100_reference_tpp() == 15832_dec);
  CHECK(h100_equivalents(31664_dec, h100_reference_tpp()) == doctest::Approx(2.0));
}
