#include "tpp/core/operations.hpp"

#include <string>

namespace tpp {
namespace {

constexpr int kMaxDigits = 38;  // 10^38 < 2^127

}  // namespace

Result<Operations> parse_operations(std::string_view text, std::string_view field) {
  const std::string shown(text.substr(0, 64));
  const auto bad = [&](std::string detail) {
    return fail(errc::invalid_number, std::string(field), shown, std::move(detail));
  };
  std::string_view rest = text;
  if (!rest.empty() && rest.front() == '+') rest.remove_prefix(1);
  if (!rest.empty() && rest.front() == '-') {
    return fail(errc::out_of_range, std::string(field), shown, "must be greater than 0");
  }
  std::string digits;  // significant digits, leading zeros dropped
  int fraction_digits = 0;
  bool seen_digit = false;
  bool seen_point = false;
  std::size_t i = 0;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (seen_point) ++fraction_digits;
      if (!digits.empty() || c != '0') digits.push_back(c);
      if (digits.size() > 64) return bad("too many digits");
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return bad("not a number of operations (e.g. 3e26)");
  long exponent = 0;
  if (i < rest.size()) {
    if (rest[i] != 'e' && rest[i] != 'E') return bad("not a number of operations (e.g. 3e26)");
    ++i;
    bool negative = false;
    if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) negative = rest[i++] == '-';
    if (i == rest.size()) return bad("the exponent has no digits");
    for (; i < rest.size(); ++i) {
      if (rest[i] < '0' || rest[i] > '9') return bad("not a number of operations (e.g. 3e26)");
      exponent = exponent * 10 + (rest[i] - '0');
      if (exponent > 1000) return fail(errc::out_of_range, std::string(field), shown, "absurd");
    }
    if (negative) exponent = -exponent;
  }
  // value = digits x 10^(exponent - fraction_digits); drop trailing zeros of `digits` first.
  long shift = exponent - fraction_digits;
  while (!digits.empty() && digits.back() == '0' && shift < 0) {
    digits.pop_back();
    ++shift;
  }
  if (digits.empty()) {
    return fail(errc::out_of_range, std::string(field), shown, "must be greater than 0");
  }
  if (shift < 0) return bad("must be a whole number of operations");
  if (static_cast<long>(digits.size()) + shift > kMaxDigits) {
    return fail(errc::out_of_range, std::string(field), shown, "absurd magnitude (10^38 or more)");
  }
  Operations out;
  for (char c : digits)
    out.count = out.count * 10 + (c - '0');
  for (long s = 0; s < shift; ++s)
    out.count *= 10;
  return out;
}

std::string to_string(Operations operations) {
  if (operations.count <= 0) return "0";
  std::string digits;
  for (auto value = operations.count; value > 0; value /= 10)
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
  if (digits.size() <= 6) return digits;
  const int exponent = static_cast<int>(digits.size()) - 1;
  while (digits.size() > 1 && digits.back() == '0')
    digits.pop_back();
  const std::string mantissa =
      digits.size() > 1 ? digits.substr(0, 1) + "." + digits.substr(1) : digits;
  return mantissa + "e" + std::to_string(exponent);
}

}  // namespace tpp
