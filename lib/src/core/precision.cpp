#include "tpp/core/precision.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace tpp {
namespace {

constexpr std::array<std::pair<std::string_view, Format>, 12> kNames{{
    {"fp64", Format::fp64},
    {"fp32", Format::fp32},
    {"tf32", Format::tf32},
    {"int32", Format::int32},
    {"fp16", Format::fp16},
    {"bf16", Format::bf16},
    {"int16", Format::int16},
    {"fp8", Format::fp8},
    {"int8", Format::int8},
    {"fp6", Format::fp6},
    {"fp4", Format::fp4},
    {"int4", Format::int4},
}};

constexpr int kMaxCustomBits = 64;

}  // namespace

std::string to_string(Precision precision) {
  for (const auto& [name, format] : kNames) {
    if (format == precision.format) return std::string(name);
  }
  return std::to_string(precision.custom_bits);
}

Result<Precision> parse_precision(std::string_view text, std::string_view field) {
  const auto same = [](std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
      if (c != lower[i]) return false;
    }
    return true;
  };
  for (const auto& [name, format] : kNames) {
    if (same(text, name)) return Precision{format, 0};
  }
  int bits = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), bits);
  if (ec == std::errc{} && end == text.data() + text.size() && !text.empty() &&
      text.front() != '0') {
    if (bits >= 1 && bits <= kMaxCustomBits) {
      return Precision{Format::custom, static_cast<std::uint8_t>(bits)};
    }
    return fail(errc::unknown_precision, std::string(field), std::string(text),
                "a custom bit length must be 1..64");
  }
  return fail(errc::unknown_precision, std::string(field), std::string(text),
              "unknown precision; use fp64 fp32 tf32 int32 fp16 bf16 int16 fp8 int8 fp6 fp4 "
              "int4 or a bit length such as 8");
}

}  // namespace tpp
