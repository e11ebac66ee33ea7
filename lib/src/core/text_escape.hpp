// Text from input echoed back (in messages, JSON, CSV): invalid UTF-8 and control characters
// never pass through raw, so output stays valid UTF-8 and a terminal is never driven by input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tpp::detail {

/// The length of the valid UTF-8 sequence starting at `i` (1 for ASCII), or 0 if the bytes
/// there are not valid UTF-8 (overlong forms and surrogates included).
std::size_t utf8_length(std::string_view text, std::size_t i);

/// For messages: control characters and bytes of invalid UTF-8 become \xNN.
std::string escape_for_message(std::string_view text);

/// Appends `text` with each invalid UTF-8 byte replaced by U+FFFD; control characters other
/// than tab, newline and carriage return are replaced too when `controls` is set.
void append_valid_utf8(std::string& out, std::string_view text, bool controls);

/// Appends `text` as one CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
/// break; invalid UTF-8 and control characters (a terminal escape) become U+FFFD.
void append_csv_field(std::string& out, std::string_view text);

}  // namespace tpp::detail
