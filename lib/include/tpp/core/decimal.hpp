// Exact decimals for every figure that decides a side of a line.
//
// Inputs are decimals with at most 6 fractional digits; tpp keeps them as integers of
// 10^-7 units, one digit more than any input, so that halving a sparse figure stays exact.
// Comparisons against thresholds are integer comparisons (ratios cross-multiply in 128 bits),
// so a value exactly at a line always lands on the side the rule's comparator says.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tpp/core/error.hpp"

namespace tpp {

/// A signed fixed-point decimal with 7 fractional digits.
class Decimal {
 public:
  static constexpr int kFractionDigits = 7;
  static constexpr std::int64_t kScale = 10'000'000;
  /// The most fractional digits an input may carry.
  static constexpr int kMaxInputFractionDigits = 6;

  constexpr Decimal() = default;
  /// The decimal whose value is `units` x 10^-7.
  static constexpr Decimal from_units(std::int64_t units) { return Decimal(units); }
  /// An integer value; the caller keeps |value| below 9.2e11.
  static constexpr Decimal from_integer(std::int64_t value) { return Decimal(value * kScale); }

  constexpr std::int64_t units() const { return units_; }
  constexpr bool is_zero() const { return units_ == 0; }
  constexpr bool is_negative() const { return units_ < 0; }
  /// For display and fast paths only; never for a decision.
  constexpr double to_double() const {
    return static_cast<double>(units_) / static_cast<double>(kScale);
  }

  friend constexpr auto operator<=>(Decimal, Decimal) = default;
  friend constexpr bool operator==(Decimal, Decimal) = default;

 private:
  constexpr explicit Decimal(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

/// a + b, or nothing on overflow.
std::optional<Decimal> checked_add(Decimal a, Decimal b);
/// a - b, or nothing on overflow.
std::optional<Decimal> checked_sub(Decimal a, Decimal b);
/// a x n for an integer n, or nothing on overflow.
std::optional<Decimal> checked_mul(Decimal a, std::int64_t n);
/// a / 2, exact for any input-derived value (inputs have at most 6 fractional digits).
constexpr Decimal half(Decimal a) {
  return Decimal::from_units(a.units() / 2);
}

/// A non-negative ratio of two decimals (numerator / denominator), kept exact; e.g. TPP / mm2.
struct DecimalRatio {
  Decimal numerator;
  Decimal denominator;  ///< > 0

  /// Exact three-way comparison with a decimal threshold.
  std::strong_ordering compare(Decimal threshold) const;
  /// For display only.
  double to_double() const { return numerator.to_double() / denominator.to_double(); }
};

/// An exact sum of many decimals (fleet totals): 128-bit integer of 10^-7 units.
struct WideDecimal {
  __extension__ __int128 units = 0;

  /// Any int64 as a whole number (counts of chips go past Decimal's 9.2e11).
  static constexpr WideDecimal from_integer(std::int64_t value) {
    return WideDecimal{static_cast<decltype(units)>(value) * Decimal::kScale};
  }

  WideDecimal& operator+=(WideDecimal other) {
    units += other.units;
    return *this;
  }
  friend WideDecimal operator+(WideDecimal a, WideDecimal b) { return a += b; }
  friend auto operator<=>(WideDecimal, WideDecimal) = default;
  friend bool operator==(WideDecimal, WideDecimal) = default;
  double to_double() const { return static_cast<double>(units) / Decimal::kScale; }
};

/// value x n, exact.
inline WideDecimal times(Decimal value, std::int64_t n) {
  return WideDecimal{static_cast<decltype(WideDecimal::units)>(value.units()) * n};
}
inline WideDecimal wide(Decimal value) {
  return WideDecimal{value.units()};
}

/// The exact value rounded to `digits` fractional digits, thousands grouped when `group` is set.
std::string format_decimal(WideDecimal value, int digits, bool group = false);

/// Parses "1978.9", "4800", "0.000001", "2.0136e+16" exactly. At most `max_fraction_digits`
/// fractional digits survive (trailing zeros do not count). NaN, infinities, hex, blanks and
/// anything else that is not a plain decimal are errors (errc::invalid_number); values too large
/// to hold are errc::out_of_range. `field` names the input in the error.
Result<Decimal> parse_decimal(std::string_view text, std::string_view field = {},
                              int max_fraction_digits = Decimal::kMaxInputFractionDigits);

/// A finite double read through its shortest round-trip decimal form, which is the decimal as
/// written for any number of up to 15 significant digits (all valid inputs are).
Result<Decimal> decimal_from_double(double value, std::string_view field = {},
                                    int max_fraction_digits = Decimal::kMaxInputFractionDigits);

/// The exact value, trailing zeros trimmed: "15832", "1978.9", "-0.000001".
std::string to_string(Decimal value);

/// The value rounded half away from zero to `digits` fractional digits, trailing zeros trimmed
/// and thousands grouped with commas when `group` is set: "15,831.2".
std::string format_decimal(Decimal value, int digits, bool group = false);

namespace literals {
namespace detail {
constexpr Decimal parse_literal(const char* text) {
  std::int64_t units = 0;
  int fraction = -1;
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p == '\'') continue;
    if (*p == '.') {
      fraction = 0;
      continue;
    }
    if (*p < '0' || *p > '9') throw "tpp decimal literal: digits and one '.' only";
    if (fraction >= 0 && ++fraction > Decimal::kFractionDigits)
      throw "tpp decimal literal: too many fractional digits";
    units = units * 10 + (*p - '0');
  }
  for (int f = fraction < 0 ? 0 : fraction; f < Decimal::kFractionDigits; ++f)
    units *= 10;
  return Decimal::from_units(units);
}
}  // namespace detail

/// A compile-time exact decimal: `5.92_dec` is exactly 5.92 (the literal's digits, not a double).
consteval Decimal operator""_dec(const char* text) {
  return detail::parse_literal(text);
}
}  // namespace literals

}  // namespace tpp
