// Numeric formats and their bit lengths, the multiplier in TPP = dense TOPS x bit length.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tpp/core/error.hpp"

namespace tpp {

enum class Format : std::uint8_t {
  fp64,
  fp32,
  tf32,
  int32,
  fp16,
  bf16,
  int16,
  fp8,
  int8,
  fp6,
  fp4,
  int4,
  custom,  ///< a format named only by its bit length ("8")
};

/// A format plus, for Format::custom, its bit length.
struct Precision {
  Format format = Format::fp16;
  std::uint8_t custom_bits = 0;

  friend constexpr bool operator==(Precision, Precision) = default;
};

/// The bit length TF32 counts at unless asked otherwise. TF32's multiply inputs are 32-bit
/// registers (the rule's "largest bit length among the inputs to the multiply"), so 32 is the
/// conservative reading; Epoch AI uses 19 (its significant bits). See README "Conventions".
inline constexpr int kDefaultTf32Bits = 32;

/// The bit length of `precision`; TF32 counts at `tf32_bits`.
constexpr int bit_length(Precision precision, int tf32_bits = kDefaultTf32Bits) {
  switch (precision.format) {
    case Format::fp64: return 64;
    case Format::fp32:
    case Format::int32: return 32;
    case Format::tf32: return tf32_bits;
    case Format::fp16:
    case Format::bf16:
    case Format::int16: return 16;
    case Format::fp8:
    case Format::int8: return 8;
    case Format::fp6: return 6;
    case Format::fp4:
    case Format::int4: return 4;
    case Format::custom: return precision.custom_bits;
  }
  return 0;
}

/// "fp8", "tf32", or the bit length of a custom format ("7").
std::string to_string(Precision precision);

/// Parses a precision name (case-insensitive) or a bare bit length 1..64.
Result<Precision> parse_precision(std::string_view text, std::string_view field = {});

}  // namespace tpp
