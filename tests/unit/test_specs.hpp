// Small spec builders for tests.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tpp/tpp.hpp"

namespace tpp::test {

/// One processing unit, one logic die (if an area is given).
inline ChipSpec spec_of(std::vector<std::pair<std::string, std::string>> tops,
                        std::optional<std::string> area_mm2 = std::nullopt, bool datacenter = true,
                        bool planar = false) {
  ChipSpec spec;
  spec.name = "test chip";
  spec.datacenter.value = datacenter;
  ProcessingUnit unit;
  for (const auto& [precision, value] : tops) {
    unit.throughput.push_back(
        Throughput{parse_precision(precision).value(), parse_decimal(value).value(), false, {}});
  }
  spec.processing_units.push_back(unit);
  if (area_mm2) {
    Die die;
    die.area_mm2 = Figure{parse_decimal(*area_mm2).value(), {}};
    die.non_planar = !planar;
    spec.dies.push_back(die);
  }
  return spec;
}

inline Date date(const char* text) {
  return parse_date(text).value();
}

/// Evaluates under the rule in force on `as_of` (default: the Oct-2023 rule).
inline Report report_of(const ChipSpec& spec, const char* as_of = "2024-06-01") {
  auto report = evaluate(spec, Options{date(as_of)});
  REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().message()));
  return std::move(*report);
}

inline std::optional<std::string> paragraph_of(const Report& report) {
  const auto& p = report.classification.paragraph;
  return p ? std::optional<std::string>(std::string(*p)) : std::nullopt;
}

}  // namespace tpp::test
