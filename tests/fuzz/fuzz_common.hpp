// Shared by the libFuzzer targets: the rule date they classify under, and invariant checks that
// the fuzzer reports as crashes.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string_view>

#include "tpp/rules/rules.hpp"

namespace tpp::fuzz {

/// The date every target classifies under (fixed, so a reproducer replays the same way).
inline Date as_of() {
  static const Date date = parse_date("2026-11-22").value();
  return date;
}

/// A broken invariant: says which, then traps, so libFuzzer keeps the input as a crash.
[[noreturn]] inline void violated(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "tpp fuzz invariant violated: %s\n%.*s\n", what,
               static_cast<int>(detail.size() > 4000 ? 4000 : detail.size()), detail.data());
  std::fflush(stderr);
  __builtin_trap();
}

inline void require(bool ok, const char* what, std::string_view detail = {}) {
  if (!ok) violated(what, detail);
}

/// Rendered JSON: every non-empty line is a JSON value (so also valid UTF-8).
inline void require_json_lines(std::string_view text, const char* what) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    require(nlohmann::json::accept(line), what, line);
  }
}

}  // namespace tpp::fuzz
