#include "core/text_escape.hpp"

#include <algorithm>

#include <cstdio>

namespace tpp::detail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = at(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) low = 0xA0;   // no overlong forms
    if (c == 0xED) high = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (at(i + 1) < low || at(i + 1) > high) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (!continuation(at(i + k))) return 0;
  }
  return n;
}

std::string escape_for_message(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8_length(text, i);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
      out += buffer;
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

void append_valid_utf8(std::string& out, std::string_view text, bool controls) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(text, i);
    const bool control = c < 0x20 || c == 0x7F;
    const bool keep = n != 0 && !(controls && control && c != '\t' && c != '\n' && c != '\r');
    if (keep) {
      i += n;
      continue;
    }
    out.append(text.substr(run, i - run));
    out.append(kReplacement);
    ++i;
    run = i;
  }
  out.append(text.substr(run));
}

// Plain printable ASCII (the common case) goes out as it is.
static bool plain(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c < 0x7F && c != ',' && c != '"';
  });
}

void append_csv_field(std::string& out, std::string_view text) {
  if (plain(text)) {
    out.append(text);
    return;
  }
  // Invalid UTF-8 and control characters (a terminal escape) become U+FFFD.
  std::string clean;
  append_valid_utf8(clean, text, true);
  if (clean.find_first_of(",\"\n\r") == std::string::npos) {
    out.append(clean);
    return;
  }
  out.push_back('"');
  for (const char c : clean) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace tpp::detail
