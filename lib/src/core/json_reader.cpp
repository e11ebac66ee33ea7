#include "core/json_reader.hpp"

#include <fmt/format.h>

namespace tpp::detail {

std::size_t too_deep(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

Result<nlohmann::json> parse_json(std::string_view text, std::string_view what) {
  if (text.size() > kMaxJsonBytes) {
    return fail(errc::invalid_json, std::string(what), "",
                fmt::format("larger than {} MiB", kMaxJsonBytes >> 20));
  }
  if (const std::size_t at = too_deep(text); at != std::string_view::npos) {
    return fail(errc::invalid_json, std::string(what), "",
                fmt::format("nested deeper than {} levels (at byte {})", kMaxJsonDepth, at + 1));
  }
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e999
    std::string message = e.what();
    if (const auto end = message.find("] "); end != std::string::npos) {
      message = message.substr(end + 2);
    }
    return fail(errc::invalid_json, std::string(what), "", message);
  }
}

}  // namespace tpp::detail
