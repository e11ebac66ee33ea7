// Counts of training operations (ECCN 4E091 is "10^26 or more operations"): exact integers far
// beyond int64, so a count exactly at a line lands on the side the rule says.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "tpp/core/error.hpp"

namespace tpp {

/// A whole number of operations, up to about 1.7 x 10^38.
struct Operations {
  __extension__ __int128 count = 0;

  /// 10^exponent x mantissa, e.g. Operations::scientific(25, 25) is 2.5 x 10^25 (25 x 10^24).
  static constexpr Operations power_of_ten(int exponent, long long mantissa = 1) {
    Operations out{mantissa};
    for (int i = 0; i < exponent; ++i)
      out.count *= 10;
    return out;
  }
  friend constexpr auto operator<=>(Operations, Operations) = default;
  friend constexpr bool operator==(Operations, Operations) = default;
  double to_double() const { return static_cast<double>(count); }
};

/// Parses "3e26", "2.5E+25", "1.5e24", "100000000000000000000000000" exactly. The value must be a
/// whole number greater than 0 and below 10^38; NaN, infinities, signs other than a leading
/// '+', and anything else are errors naming `field`.
Result<Operations> parse_operations(std::string_view text, std::string_view field);

/// "3e26", "2.5e25", "1.23456789e26": the exact value in scientific form, trailing zeros
/// trimmed; plain digits below 10^6.
std::string to_string(Operations operations);

}  // namespace tpp
