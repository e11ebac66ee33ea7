// A streaming CSV reader (RFC 4180): quoted fields with "" escapes and embedded newlines, CRLF
// or LF line ends, a UTF-8 byte-order mark, empty cells. Memory stays at the buffer size (it
// grows only for a single record longer than the buffer, up to kMaxRecordBytes).
//
// A broken quote is contained: a quoted field still open after kMaxQuotedLines lines is taken
// as a stray quote, the record is reported (with the lines it would have swallowed) and reading
// resumes on the line after the record's first line. The catalog chunker applies the same rule.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/core/error.hpp"

namespace tpp {

/// A quoted field spanning more lines than this is taken for a stray quote.
inline constexpr std::size_t kMaxQuotedLines = 1000;

class CsvReader {
 public:
  /// `buffer_bytes`: the most it reads at once (it starts smaller and doubles up to it, so a
  /// short input costs a short buffer). `first_line`: the line number of the input's first line,
  /// for a reader of a piece of a larger file; every line a record or an error names counts from
  /// it.
  explicit CsvReader(std::istream& in, std::size_t buffer_bytes = 1 << 20,
                     std::size_t first_line = 1);

  /// The next record into `fields` (views valid until the next call); false at the end.
  /// Blank lines are skipped. A broken quote or an over-long record is an error naming the
  /// line(s); the next call goes on after it. A read error is errc::io_error, and final.
  Result<bool> next(std::vector<std::string_view>& fields);

  /// The physical line (1-based) the last record started on.
  std::size_t line() const { return record_line_; }
  /// Bytes consumed so far.
  std::size_t bytes_read() const { return consumed_ + pos_; }

 private:
  bool refill();  // more input after pos_; false at end of input

  std::istream& in_;
  std::string buffer_;
  std::size_t preferred_bytes_;
  std::size_t pos_ = 0;  // next unread byte in buffer_
  std::size_t end_ = 0;  // bytes of buffer_ holding data
  std::size_t consumed_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
  bool eof_ = false;
  bool started_ = false;
};

/// Maps header names to column indexes, in any order; names are compared ignoring case and
/// surrounding blanks.
class CsvHeader {
 public:
  explicit CsvHeader(const std::vector<std::string_view>& fields);
  /// The column of `name`, or -1.
  int column(std::string_view name) const;
  std::size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }
  /// The first name given twice (a duplicate column would make the reading a guess), or null.
  const std::string* duplicate() const;

 private:
  std::vector<std::string> names_;
};

/// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

}  // namespace tpp
