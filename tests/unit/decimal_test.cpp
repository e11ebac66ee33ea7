#include <doctest/doctest.h>

#include <limits>

#include "tpp/core/decimal.hpp"

using namespace tpp;
using namespace tpp::literals;

TEST_CASE("parse_decimal reads decimals exactly") {
  CHECK(parse_decimal("1978.9").value() == 1978.9_dec);
  CHECK(parse_decimal("4800").value() == 4800_dec);
  CHECK(parse_decimal("0.000001").value().units() == 10);
  CHECK(parse_decimal("4799.999999").value() < 4800_dec);
  CHECK(parse_decimal("+12.50").value() == 12.5_dec);
  CHECK(parse_decimal("-3").value().is_negative());
  CHECK(parse_decimal("1.5000000000").value() == 1.5_dec);  // trailing zeros add no digits
  CHECK(parse_decimal("2.0136e+16", "x", 0).error().code == errc::out_of_range);
  CHECK(parse_decimal("6.71E2").value() == 671_dec);
  CHECK(parse_decimal("15000e-3").value() == 15_dec);
  CHECK(parse_decimal(".5").value() == 0.5_dec);
  CHECK(parse_decimal("0").value().is_zero());
}

TEST_CASE("parse_decimal rejects what is not a plain decimal, naming the field") {
  for (const char* text : {"", "nan", "NaN", "inf", "-inf", "Infinity", "0x10", "1,5", " 1", "1 ",
                           "abc", "1e", "--1", "1.2.3", ".", "e5"}) {
    CAPTURE(text);
    const auto parsed = parse_decimal(text, "tops");
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == errc::invalid_number);
    CHECK(parsed.error().field == "tops");
  }
  const auto too_precise = parse_decimal("0.1234567", "area");
  REQUIRE_FALSE(too_precise.has_value());
  CHECK(too_precise.error().detail.find("6 fractional digits") != std::string::npos);
  CHECK(parse_decimal("1e999").error().code == errc::out_of_range);
  CHECK(parse_decimal("99999999999999999999999").error().code == errc::out_of_range);
}

TEST_CASE("decimal_from_double recovers the written decimal") {
  CHECK(decimal_from_double(1978.9).value() == 1978.9_dec);
  CHECK(decimal_from_double(4799.999999).value() == parse_decimal("4799.999999").value());
  CHECK(decimal_from_double(5.92).value() == 5.92_dec);
  CHECK(decimal_from_double(0.1 + 0.2).error().code ==
        errc::invalid_number);  // 0.30000000000000004
  CHECK(decimal_from_double(std::numeric_limits<double>::infinity()).error().code ==
        errc::invalid_number);
}

TEST_CASE("ratios compare exactly against thresholds") {
  CHECK(is_eq(DecimalRatio{1776_dec, 300_dec}.compare(5.92_dec)));
  CHECK(is_lt(DecimalRatio{parse_decimal("1775.9997").value(), 300_dec}.compare(5.92_dec)));
  CHECK(is_gt(DecimalRatio{parse_decimal("1776.0003").value(), 300_dec}.compare(5.92_dec)));
  // 1/3 is not a finite decimal; the comparison is still exact.
  CHECK(is_gt(DecimalRatio{1_dec, 3_dec}.compare(0.333333_dec)));
  CHECK(is_lt(DecimalRatio{1_dec, 3_dec}.compare(0.333334_dec)));
}

TEST_CASE("formatting") {
  CHECK(to_string(15832_dec) == "15832");
  CHECK(to_string(1978.9_dec) == "1978.9");
  CHECK(to_string(Decimal::from_units(-10)) == "-0.000001");
  CHECK(format_decimal(15831.25_dec, 1, true) == "15,831.3");
  CHECK(format_decimal(1234567_dec, 0, true) == "1,234,567");
  CHECK(format_decimal(Decimal::from_units(-4), 6, false) == "0");
}

TEST_CASE("checked arithmetic reports overflow") {
  CHECK_FALSE(checked_mul(Decimal::from_units(INT64_MAX / 2), 3).has_value());
  CHECK_FALSE(checked_add(Decimal::from_units(INT64_MAX), 1_dec).has_value());
  CHECK(checked_mul(1979_dec, 8).value() == 15832_dec);
}
