#include <doctest/doctest.h>

#include "test_specs.hpp"

using namespace tpp;
using tpp::test::paragraph_of;
using tpp::test::report_of;
using tpp::test::spec_of;

namespace {
bool has(const std::vector<std::string_view>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}
}  // namespace

TEST_CASE("a planar die: density does not apply and the density prongs cannot match") {
  // TPP 3000 with 300 mm2 would be 3A090.a.2 on a non-planar node (density 10).
  const Report finfet = report_of(spec_of({{"fp16", "187.5"}}, "300"));
  CHECK(paragraph_of(finfet) == "3A090.a.2");
  const Report planar = report_of(spec_of({{"fp16", "187.5"}}, "300", true, true));
  CHECK(planar.metrics.density.state == DensityState::not_applicable);
  CHECK(planar.classification.status == Status::not_controlled);
  // TPP alone still decides a.1.
  CHECK(paragraph_of(report_of(spec_of({{"fp8", "700"}}, "300", true, true))) == "3A090.a.1");
}

TEST_CASE("an unknown area is indeterminate only where density decides, and names the input") {
  const Report middle = report_of(spec_of({{"fp8", "300"}}));  // TPP 2400
  CHECK(middle.classification.status == Status::indeterminate);
  REQUIRE_FALSE(middle.classification.missing_inputs.empty());
  CHECK(middle.classification.missing_inputs[0].find("die area") != std::string::npos);
  CHECK(has(middle.classification.possible_paragraphs, "3A090.a.2"));
  CHECK_FALSE(middle.classification.eccn.has_value());

  const Report low = report_of(spec_of({{"fp8", "150"}}));  // TPP 1200 < 1600: no prong left
  CHECK(low.classification.status == Status::not_controlled);
  const Report high = report_of(spec_of({{"fp8", "600"}}));  // TPP 4800: a.1 regardless
  CHECK(paragraph_of(high) == "3A090.a.1");
  CHECK(high.classification.status == Status::controlled);
}

TEST_CASE("the datacenter note and NAC/ACA for non-datacenter parts") {
  // RTX 4090-like: not datacenter, TPP 5,284.8, density 8.68.
  const Report consumer = report_of(spec_of({{"fp8", "660.6"}}, "608.5", false), "2026-11-22");
  CHECK(paragraph_of(consumer) == "3A090.a.1");
  CHECK(has(consumer.classification.licence_exceptions, "NAC"));
  CHECK(has(consumer.classification.licence_exceptions, "ACA"));
  // Before ACA existed (2024-04-04), only NAC.
  const Report in_2023 = report_of(spec_of({{"fp8", "660.6"}}, "608.5", false), "2023-12-01");
  CHECK(has(in_2023.classification.licence_exceptions, "NAC"));
  CHECK_FALSE(has(in_2023.classification.licence_exceptions, "ACA"));
  // The same silicon as a datacenter part is not NAC-eligible under .a.
  const Report datacenter = report_of(spec_of({{"fp8", "660.6"}}, "608.5", true), "2026-11-22");
  CHECK(datacenter.classification.licence_exceptions.empty());
  // Below 4800 a consumer part is outside, whatever its density.
  const Report dense_consumer = report_of(spec_of({{"fp8", "590"}}, "100", false));
  CHECK(dense_consumer.classification.status == Status::not_controlled);
  const Report dense_datacenter = report_of(spec_of({{"fp8", "590"}}, "100", true));
  CHECK(paragraph_of(dense_datacenter) == "3A090.a.2");
}

TEST_CASE("a match lists the ECCN, the first paragraph and every matching one") {
  const Report h100_like = report_of(spec_of({{"fp8", "1979"}}, "814"));
  CHECK(h100_like.classification.eccn == "3A090.a");
  CHECK(h100_like.classification.paragraphs ==
        std::vector<std::string_view>{"3A090.a.1", "3A090.a.2"});
  const Report b_both = report_of(spec_of({{"fp8", "400"}}, "800"));  // TPP 3200, density 4
  CHECK(b_both.classification.eccn == "3A090.b");
  CHECK(b_both.classification.paragraphs ==
        std::vector<std::string_view>{"3A090.b.1", "3A090.b.2"});
  CHECK(has(b_both.classification.licence_exceptions, "NAC"));
}

TEST_CASE("before 2023-11-17 the table has no 3A090.a/.b text of this form") {
  const Report report = report_of(spec_of({{"fp8", "1979"}}, "814"), "2021-01-01");
  CHECK(report.classification.revision == nullptr);
  CHECK(report.classification.status == Status::not_controlled);
}
