// An output buffer that holds what a batch command prints until it has enough to be sure the
// run is going somewhere: if the run fails before `limit` bytes, nothing reaches stdout; past
// it, output streams (memory stays bounded) and a later failure is reported by the exit code.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace tpp::cli {

class HeldOutput : public std::streambuf {
 public:
  explicit HeldOutput(std::ostream& target, std::size_t limit = 8 << 20)
      : target_(target), limit_(limit) {}
  ~HeldOutput() override { flush_held(); }

  /// The run succeeded: everything goes out.
  void release() {
    streaming_ = true;
    flush_held();
    target_.flush();
  }

 protected:
  int_type overflow(int_type ch) override {
    if (ch == traits_type::eof()) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    xsputn(&c, 1);
    return ch;
  }
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    if (streaming_) {
      target_.write(data, size);
      return size;
    }
    held_.append(data, static_cast<std::size_t>(size));
    if (held_.size() >= limit_) release();
    return size;
  }

 private:
  void flush_held() {
    if (!streaming_ || held_.empty()) return;
    target_.write(held_.data(), static_cast<std::streamsize>(held_.size()));
    held_.clear();
  }

  std::ostream& target_;
  std::size_t limit_;
  std::string held_;
  bool streaming_ = false;
};

}  // namespace tpp::cli
