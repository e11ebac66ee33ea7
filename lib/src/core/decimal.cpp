#include "tpp/core/decimal.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace tpp {
namespace {

__extension__ using i128 = __int128;  // GCC/Clang extension; exact 128-bit products
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;  // keep error lines readable on absurd inputs
  if (text.size() <= kShown) return std::string(text);
  return std::string(text.substr(0, kShown)) + "...";
}

}  // namespace

std::optional<Decimal> checked_add(Decimal a, Decimal b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a.units(), b.units(), &out)) return std::nullopt;
  return Decimal::from_units(out);
}

std::optional<Decimal> checked_sub(Decimal a, Decimal b) {
  std::int64_t out = 0;
  if (__builtin_sub_overflow(a.units(), b.units(), &out)) return std::nullopt;
  return Decimal::from_units(out);
}

std::optional<Decimal> checked_mul(Decimal a, std::int64_t n) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a.units(), n, &out)) return std::nullopt;
  return Decimal::from_units(out);
}

std::strong_ordering DecimalRatio::compare(Decimal threshold) const {
  // num/den <=> t  <=>  num * scale <=> t * den   (den > 0; units cancel)
  const i128 lhs = static_cast<i128>(numerator.units()) * Decimal::kScale;
  const i128 rhs = static_cast<i128>(threshold.units()) * denominator.units();
  return lhs <=> rhs;
}

Result<Decimal> parse_decimal(std::string_view text, std::string_view field,
                              int max_fraction_digits) {
  // One pass, no allocation: the batch readers call this for every number they read.
  const auto bad = [&](const char* detail) {
    return fail(errc::invalid_number, std::string(field), quoted(text), detail);
  };
  const auto too_large = [&] {
    return fail(errc::out_of_range, std::string(field), quoted(text), "magnitude out of range");
  };
  const char* p = text.data();
  const char* const end = p + text.size();
  bool negative = false;
  if (p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';

  // The mantissa's significant digits (leading zeros dropped; at most 19 kept exactly, any
  // further ones must be zeros) and the power of ten of its last digit.
  std::uint64_t mantissa = 0;
  int kept = 0;   // significant digits in `mantissa`
  int power = 0;  // value = mantissa * 10^power (before trailing-zero removal)
  bool any_digit = false;
  bool lost = false;  // a nonzero digit beyond the 19 kept
  const auto take = [&](char c, bool fraction) {
    any_digit = true;
    const int digit = c - '0';
    if (kept == 0 && digit == 0) {
      if (fraction) --power;
      return;
    }
    if (kept < 19) {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(digit);
      ++kept;
      if (fraction) --power;
    } else {
      if (digit != 0) lost = true;
      if (!fraction) ++power;
    }
  };
  for (; p < end && *p >= '0' && *p <= '9'; ++p)
    take(*p, false);
  if (p < end && *p == '.') {
    for (++p; p < end && *p >= '0' && *p <= '9'; ++p)
      take(*p, true);
  }
  if (!any_digit) return bad("not a decimal number");
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool exponent_negative = false;
    if (p < end && (*p == '+' || *p == '-')) exponent_negative = *p++ == '-';
    if (p == end || *p < '0' || *p > '9') return bad("not a decimal number (bad exponent)");
    int exponent = 0;
    for (; p < end && *p >= '0' && *p <= '9'; ++p) {
      exponent = exponent * 10 + (*p - '0');
      if (exponent > 400) return too_large();
    }
    power += exponent_negative ? -exponent : exponent;
  }
  if (p != end) return bad("not a decimal number");
  if (mantissa == 0) return lost ? too_large() : Result<Decimal>(Decimal{});
  while (mantissa % 10 == 0) {
    mantissa /= 10;
    ++power;
  }
  if (lost || -power > max_fraction_digits) {
    if (lost && power >= 0) return too_large();
    const std::string detail =
        "more than " + std::to_string(max_fraction_digits) + " fractional digits";
    return fail(errc::invalid_number, std::string(field), quoted(text), detail);
  }
  const int shift = power + Decimal::kFractionDigits;  // >= 1 here
  if (shift > 19) return too_large();
  i128 units = mantissa;
  for (int k = 0; k < shift; ++k)
    units *= 10;
  if (units > kMax) return too_large();
  const auto value = static_cast<std::int64_t>(units);
  return Decimal::from_units(negative ? -value : value);
}

Result<Decimal> decimal_from_double(double value, std::string_view field, int max_fraction_digits) {
  if (!std::isfinite(value)) {
    return fail(errc::invalid_number, std::string(field), std::to_string(value),
                "not a finite number");
  }
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc{}) {
    return fail(errc::internal, std::string(field), "", "cannot format a double");
  }
  return parse_decimal(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), field,
                       max_fraction_digits);
}

std::string format_decimal(WideDecimal value, int digits, bool group) {
  if (digits > Decimal::kFractionDigits) digits = Decimal::kFractionDigits;
  i128 drop = 1;
  for (int k = digits; k < Decimal::kFractionDigits; ++k)
    drop *= 10;
  const bool negative = value.units < 0;
  // Round half away from zero on the magnitude.
  i128 magnitude = negative ? -value.units : value.units;
  magnitude = (magnitude + drop / 2) / drop;
  i128 unit = 1;
  for (int k = 0; k < digits; ++k)
    unit *= 10;
  i128 whole = magnitude / unit;
  const auto fraction = static_cast<unsigned long long>(magnitude % unit);

  std::string digits_text;
  do {
    digits_text.insert(digits_text.begin(), static_cast<char>('0' + static_cast<int>(whole % 10)));
    whole /= 10;
  } while (whole > 0);
  std::string whole_text;
  for (std::size_t i = 0; i < digits_text.size(); ++i) {
    if (group && i > 0 && (digits_text.size() - i) % 3 == 0) whole_text.push_back(',');
    whole_text.push_back(digits_text[i]);
  }
  std::string fraction_text;
  if (digits > 0 && fraction != 0) {
    fraction_text = std::to_string(fraction);
    fraction_text.insert(0, static_cast<std::size_t>(digits) - fraction_text.size(), '0');
    while (!fraction_text.empty() && fraction_text.back() == '0')
      fraction_text.pop_back();
  }
  std::string out = (negative && (magnitude != 0)) ? "-" : "";
  out += whole_text;
  if (!fraction_text.empty()) out += "." + fraction_text;
  return out;
}

std::string format_decimal(Decimal value, int digits, bool group) {
  return format_decimal(WideDecimal{value.units()}, digits, group);
}

std::string to_string(Decimal value) {
  return format_decimal(value, Decimal::kFractionDigits, false);
}

}  // namespace tpp
