// Small text helpers shared by the renderers and notes (internal).
#pragma once

#include <string>
#include <string_view>

namespace tpp::detail {

/// The items joined with `separator`: join({"a", "b"}, ", ") == "a, b".
template <class Range>
std::string join(const Range& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out.append(separator);
    out.append(std::string_view(item));
  }
  return out;
}

}  // namespace tpp::detail
