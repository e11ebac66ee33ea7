// Every threshold of the rule in force since 2023-11-17, exactly and one step (0.000001) to
// each side, through the library and through the JSON spec reader.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "test_specs.hpp"

using namespace tpp;
using tpp::test::paragraph_of;
using tpp::test::report_of;
using tpp::test::spec_of;

namespace {

struct Case {
  const char* what;
  const char* tops;  // of a 1-bit custom format, so TPP equals it
  const char* area;  // nullptr: no die
  bool datacenter;
  const char* paragraph;  // first match, or nullptr
};

// TPP lines use a 1-bit format (TPP = TOPS). Density lines fix the area and move TPP by the
// amount that moves density by 0.000001 (area 300: 0.0003; 600: 0.0006; 2000: 0.002).
constexpr Case kCases[] = {
    {"a.1 at 4800", "4800", nullptr, true, "3A090.a.1"},
    {"a.1 just below", "4799.999999", nullptr, true, nullptr},
    {"a.1 just above", "4800.000001", nullptr, true, "3A090.a.1"},
    {"b.1 TPP floor at 2400", "2400", "1000", true, "3A090.b.1"},
    {"b.1 TPP floor just below", "2399.999999", "1000", true, nullptr},
    {"b.1 TPP ceiling just below 4800", "4799.999999", "1000", true, "3A090.b.1"},
    {"a.2 TPP floor at 1600 (density 5.92+)", "1600", "100", true, "3A090.a.2"},
    {"a.2 TPP floor just below", "1599.999999", "100", true, nullptr},
    {"a.2 density at 5.92", "1776", "300", true, "3A090.a.2"},
    {"a.2 density just below 5.92 -> b.2", "1775.9997", "300", true, "3A090.b.2"},
    {"a.2 density just above 5.92", "1776.0003", "300", true, "3A090.a.2"},
    {"b.2 density at 3.2", "1920", "600", true, "3A090.b.2"},
    {"b.2 density just below 3.2", "1919.9994", "600", true, nullptr},
    {"b.2 density just above 3.2", "1920.0006", "600", true, "3A090.b.2"},
    {"b.1 density at 1.6", "3200", "2000", true, "3A090.b.1"},
    {"b.1 density just below 1.6", "3199.998", "2000", true, nullptr},
    {"b.1 density just above 1.6", "3200.002", "2000", true, "3A090.b.1"},
    {"datacenter note: non-datacenter just below 4800 is outside", "4799.999999", "100", false,
     nullptr},
    {"datacenter note: non-datacenter at 4800 is a.1", "4800", "100", false, "3A090.a.1"},
};

std::string json_spec(const Case& c) {
  std::string dies = c.area ? fmt::format(R"(,"dies":[{{"area_mm2":{}}}])", c.area) : "";
  return fmt::format(
      R"({{"id":"t","name":"t","datacenter":{},"processing_units":[{{"throughput":[{{"precision":"1","tops":{}}}]}}]{}}})",
      c.datacenter ? "true" : "false", c.tops, dies);
}

}  // namespace

TEST_CASE("every threshold, exactly and one step to each side") {
  for (const Case& c : kCases) {
    CAPTURE(std::string(c.what));
    const ChipSpec built = c.area ? spec_of({{"1", c.tops}}, c.area, c.datacenter)
                                  : spec_of({{"1", c.tops}}, std::nullopt, c.datacenter);
    const auto read = read_spec_json(json_spec(c));
    REQUIRE_MESSAGE(read.has_value(), (read ? "" : read.error().message()));
    for (const ChipSpec* spec : {&built, &*read}) {
      const Report report = report_of(*spec);
      const auto expected =
          c.paragraph ? std::optional<std::string>(c.paragraph) : std::optional<std::string>();
      CHECK(paragraph_of(report) == expected);
      if (expected) CHECK(report.classification.status == Status::controlled);
    }
  }
}

TEST_CASE("margins are exact at the line") {
  const Report report = report_of(spec_of({{"1", "4800"}}, "300"));
  for (const Margin& margin : report.classification.margins) {
    if (margin.metric == Metric::tpp && margin.threshold == Decimal::from_integer(4800)) {
      CHECK(margin.side == 0);
      CHECK(margin.exact_difference == Decimal{});
    }
    if (margin.metric == Metric::performance_density && margin.threshold.to_double() == 16.0) {
      CHECK(margin.side == 0);  // 4800 / 300 = 16, not a threshold, never reached
    }
  }
  const Report below = report_of(spec_of({{"1", "1775.9997"}}, "300"));
  for (const Margin& margin : below.classification.margins) {
    if (margin.metric == Metric::performance_density && margin.side != 0) {
      CHECK(margin.known);
    }
    if (margin.metric == Metric::performance_density &&
        margin.threshold == parse_decimal("5.92").value()) {
      CHECK(margin.side == -1);
    }
  }
}
