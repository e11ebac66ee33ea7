#include "tpp/data/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "tpp/data/io.hpp"

namespace tpp {

CsvReader::CsvReader(std::istream& in, std::size_t buffer_bytes, std::size_t first_line)
    : in_(in), preferred_bytes_(std::max<std::size_t>(buffer_bytes, 4096)), line_(first_line) {
  buffer_.resize(std::min<std::size_t>(preferred_bytes_, 64 << 10));
}

bool CsvReader::refill() {
  if (eof_) return false;
  // Keep the unread tail, then fill the rest of the buffer; grow when the tail fills it.
  const std::size_t tail = end_ - pos_;
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, tail);
    consumed_ += pos_;
    pos_ = 0;
    end_ = tail;
  }
  // Grow when the tail fills the buffer (a long record), and toward the preferred size while
  // the input goes on.
  if (end_ == buffer_.size()) {
    buffer_.resize(buffer_.size() * 2);
  } else if (buffer_.size() < preferred_bytes_) {
    buffer_.resize(std::min(buffer_.size() * 2, preferred_bytes_));
  }
  in_.read(buffer_.data() + end_, static_cast<std::streamsize>(buffer_.size() - end_));
  const auto got = static_cast<std::size_t>(in_.gcount());
  end_ += got;
  if (got == 0 || !in_) eof_ = in_.eof() || got == 0;
  return got > 0;
}

Result<bool> CsvReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  // A read error is reported once the data read before it is used up.
  const auto out_of_data = [&]() -> Result<bool> {
    if (in_.bad()) return fail(errc::io_error, "input", "", "read failed");
    return false;
  };
  // A byte-order mark is skipped at the start of the file only: a reader of a later piece of it
  // (first_line > 1) keeps one as data, as the reader of the whole file does.
  if (!started_) {
    started_ = true;
    while (line_ == 1 && end_ - pos_ < 3 && refill()) {
    }
    if (line_ == 1 && end_ - pos_ >= 3 &&
        std::memcmp(buffer_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) {
      pos_ += 3;
    }
  }
  for (;;) {  // blank lines
    if (pos_ >= end_ && !refill()) return out_of_data();
    if (buffer_[pos_] == '\n') {
      ++pos_;
      ++line_;
      continue;
    }
    if (buffer_[pos_] == '\r') {
      if (pos_ + 1 >= end_ && !refill()) return out_of_data();
      if (buffer_[pos_ + 1] == '\n') {
        pos_ += 2;
        ++line_;
        continue;
      }
    }
    break;
  }

  // First find where the record ends (a newline outside quotes), refilling as needed, so that
  // the whole record sits in the buffer; then split it in place.
  std::size_t scan = pos_;
  bool quoted = false;
  std::size_t newlines_inside = 0;
  std::size_t first_newline = std::string::npos;  // offset from pos_ of the record's first line end
  const auto skip_line = [&](std::string detail) -> Result<bool> {
    // Drop the record's first physical line (reading on to its end) and report it. An input
    // with no line end for this long is not CSV (say, /dev/zero): that error is final.
    record_line_ = line_;
    std::size_t dropped = 0;
    for (;;) {
      const void* newline = std::memchr(buffer_.data() + pos_, '\n', end_ - pos_);
      if (newline != nullptr) {
        pos_ = static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data()) + 1;
        break;
      }
      dropped += end_ - pos_;
      pos_ = end_;
      if (dropped > 2 * kMaxRecordBytes) {
        eof_ = true;
        end_ = pos_;
        return fail(errc::io_error, fmt::format("line {}", record_line_), "",
                    fmt::format("no line end within {} MiB: not CSV", (2 * kMaxRecordBytes) >> 20));
      }
      if (!refill()) break;
    }
    ++line_;
    if (in_.bad()) return fail(errc::io_error, "input", "", "read failed");
    return fail(errc::invalid_argument, fmt::format("line {}", record_line_), "",
                std::move(detail));
  };
  for (;;) {
    if (scan >= end_) {
      const std::size_t offset = scan - pos_;
      if (offset >= kMaxRecordBytes) {
        return skip_line(fmt::format("record longer than {} MiB: skipped", kMaxRecordBytes >> 20));
      }
      // refill() moves the unread tail to the front even when the input has ended: the scan
      // position is relative to pos_ either way.
      const bool more = refill();
      scan = pos_ + offset;
      if (!more) break;
      continue;
    }
    if (!quoted) {
      // Fast path: the next newline, if no quote comes before it.
      const char* base = buffer_.data();
      const void* newline = std::memchr(base + scan, '\n', end_ - scan);
      const std::size_t limit = newline ? static_cast<const char*>(newline) - base : end_;
      const void* quote = std::memchr(base + scan, '"', limit - scan);
      if (quote == nullptr) {
        scan = limit;
        if (newline != nullptr) break;
        continue;
      }
      scan = static_cast<std::size_t>(static_cast<const char*>(quote) - base) + 1;
      quoted = true;
      continue;
    }
    const char ch = buffer_[scan++];
    if (ch == '"') quoted = false;  // "" re-enters on the next quote
    if (ch == '\n') {
      if (first_newline == std::string::npos) first_newline = scan - 1 - pos_;
      if (++newlines_inside > kMaxQuotedLines) {
        const std::size_t from = line_;
        return skip_line(fmt::format(
            "a quote opened on this record is still open {} lines later (lines {}-{}): a stray "
            "quote; the record's first line is skipped and reading goes on after it",
            kMaxQuotedLines, from, from + newlines_inside));
      }
    }
  }
  record_line_ = line_;
  if (in_.bad()) return fail(errc::io_error, "input", "", "read failed");
  if (quoted) {
    if (newlines_inside == 0) {
      pos_ = end_;
      ++line_;
      return fail(errc::invalid_argument, "line " + std::to_string(record_line_), "",
                  "unterminated quoted field");
    }
    // Unterminated at the end of the input: report the lines it spans, then go on after the
    // record's first line.
    // The last line of the input holds text unless the input ends with a line break.
    const std::size_t last_line =
        record_line_ + newlines_inside - (buffer_[end_ - 1] == '\n' ? 1 : 0);
    return skip_line(
        fmt::format("unterminated quoted field (it would run to the end of the "
                    "input, lines {}-{}); the record's first line is skipped",
                    record_line_, last_line));
  }
  const std::size_t next_pos = scan < end_ ? scan + 1 : scan;
  std::size_t stop = scan;
  if (stop > pos_ && buffer_[stop - 1] == '\r') --stop;

  char* data = buffer_.data();
  std::size_t i = pos_;
  for (;;) {
    if (i < stop && data[i] == '"') {
      ++i;
      const std::size_t content = i;
      std::size_t write = i;
      while (i < stop) {
        if (data[i] == '"') {
          if (i + 1 < stop && data[i + 1] == '"') {
            data[write++] = '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        data[write++] = data[i++];
      }
      fields.emplace_back(data + content, write - content);
      while (i < stop && data[i] != ',')
        ++i;  // text after a closing quote is dropped
    } else {
      const std::size_t from = i;
      const void* comma = std::memchr(data + i, ',', stop - i);
      i = comma ? static_cast<std::size_t>(static_cast<const char*>(comma) - data) : stop;
      fields.emplace_back(data + from, i - from);
    }
    if (i >= stop) break;
    ++i;  // the comma
    if (i == stop) {
      fields.emplace_back(data + i, 0);  // a trailing empty field
      break;
    }
  }
  line_ += 1 + newlines_inside;
  pos_ = next_pos;
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

CsvHeader::CsvHeader(const std::vector<std::string_view>& fields) {
  for (std::string_view field : fields) {
    std::string name(trim(field));
    for (char& c : name)
      c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    names_.push_back(std::move(name));
  }
}

const std::string* CsvHeader::duplicate() const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i].empty()) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (names_[j] == names_[i]) return &names_[i];
    }
  }
  return nullptr;
}

int CsvHeader::column(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace tpp
