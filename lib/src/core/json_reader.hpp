// The one way tpp parses JSON with nlohmann: bounded nesting and size, no exception escaping.
// A 100,000-deep array would otherwise overflow the stack in the recursive code that prints or
// destroys it; 64 levels is far beyond any tpp document (chips nest 5 deep).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "tpp/core/error.hpp"

namespace tpp::detail {

inline constexpr int kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxJsonBytes = std::size_t{64} << 20;  // 64 MiB

/// Where nesting first goes deeper than `max_depth` (brackets outside strings), or npos.
std::size_t too_deep(std::string_view text, int max_depth = kMaxJsonDepth);

/// Parses `text`; errors (errc::invalid_json) name `what` and say why: too deep, too large, or
/// the parser's message.
Result<nlohmann::json> parse_json(std::string_view text, std::string_view what);

}  // namespace tpp::detail
