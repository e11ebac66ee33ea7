// Files through POSIX descriptors: a failed read or write is kept (with errno) instead of being
// taken for the end of the input or dropped; outputs go to a temporary file renamed on success.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <streambuf>

#include "tpp/data/io.hpp"

namespace tpp {
namespace {

std::string reason(int error) {
  return std::strerror(error);
}

// Reads from a descriptor; a read error stops the stream (badbit) and is kept.
class FdInBuf : public std::streambuf {
 public:
  explicit FdInBuf(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdInBuf() override {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  int error() const { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    for (;;) {
      const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
      if (n > 0) {
        setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
        return traits_type::to_int_type(*gptr());
      }
      if (n == 0) return traits_type::eof();
      if (errno == EINTR) continue;
      error_ = errno;
      // Thrown from the buffer, caught by the stream: badbit, not eofbit.
      throw std::ios_base::failure(reason(error_));
    }
  }

 private:
  int fd_;
  bool owned_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

// Writes to a descriptor; a write error is kept and reported as a failed write (badbit).
class FdOutBuf : public std::streambuf {
 public:
  explicit FdOutBuf(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }
  bool drain() {
    const char* p = pbase();
    while (p < pptr()) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      p += n;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return true;
  }

 protected:
  int_type overflow(int_type ch) override {
    if (error_ != 0 || !drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return error_ == 0 && drain() ? 0 : -1; }

 private:
  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

// Temporary files to remove if a signal ends the process (async-signal-safe: fixed storage).
constexpr std::size_t kMaxTemporaries = 16;
constexpr std::size_t kMaxPath = 4096;
std::array<std::array<char, kMaxPath>, kMaxTemporaries> g_temporaries{};
std::array<std::atomic<bool>, kMaxTemporaries> g_in_use{};

extern "C" void remove_temporaries(int signal) {
  for (std::size_t i = 0; i < kMaxTemporaries; ++i) {
    if (g_in_use[i].load()) ::unlink(g_temporaries[i].data());
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void install_handlers() {
  static const bool installed = [] {
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction action {};
      action.sa_handler = remove_temporaries;
      sigemptyset(&action.sa_mask);
      ::sigaction(signal, &action, nullptr);
    }
    return true;
  }();
  (void)installed;
}

int register_temporary(const std::string& path) {
  if (path.size() >= kMaxPath) return -1;
  for (std::size_t i = 0; i < kMaxTemporaries; ++i) {
    if (g_in_use[i].load()) continue;
    std::memcpy(g_temporaries[i].data(), path.c_str(), path.size() + 1);
    g_in_use[i].store(true);
    return static_cast<int>(i);
  }
  return -1;
}

void unregister_temporary(int slot) {
  if (slot >= 0) g_in_use[static_cast<std::size_t>(slot)].store(false);
}

}  // namespace

// --- InputFile ---------------------------------------------------------------------------------

struct InputFile::State {
  std::filesystem::path path;
  std::unique_ptr<FdInBuf> buffer;
  std::unique_ptr<std::istream> stream;
  std::istream* borrowed = nullptr;  // borrow(): the caller's stream, no buffer of ours
};

InputFile::InputFile() : state_(std::make_unique<State>()) {}
InputFile::InputFile(InputFile&&) noexcept = default;
InputFile& InputFile::operator=(InputFile&&) noexcept = default;
InputFile::~InputFile() = default;

Result<InputFile> InputFile::open(const std::filesystem::path& path) {
  InputFile file;
  file.state_->path = path;
  int fd = 0;
  if (path != "-") {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      return fail(errc::io_error, "file", path.string(), "is a directory");
    }
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return fail(
          errc::io_error, "file", path.string(),
          errno == ENOENT ? std::string("cannot be opened") : "cannot be opened: " + reason(errno));
    }
  }
  file.state_->buffer = std::make_unique<FdInBuf>(fd, path != "-");
  file.state_->stream = std::make_unique<std::istream>(file.state_->buffer.get());
  return file;
}

InputFile InputFile::borrow(std::istream& stream, const std::filesystem::path& name) {
  InputFile file;
  file.state_->path = name;
  file.state_->borrowed = &stream;
  return file;
}

std::istream& InputFile::stream() {
  return state_->borrowed != nullptr ? *state_->borrowed : *state_->stream;
}

const std::filesystem::path& InputFile::path() const {
  return state_->path;
}

Result<void> InputFile::check() const {
  if (state_->borrowed != nullptr) {
    if (state_->borrowed->bad()) {
      return fail(errc::io_error, "file", state_->path.string(), "read failed");
    }
    return {};
  }
  if (state_->buffer->error() != 0) {
    return fail(errc::io_error, "file",
                state_->path == "-" ? "standard input" : state_->path.string(),
                "read failed: " + reason(state_->buffer->error()));
  }
  return {};
}

Result<std::string> read_text_file(const std::filesystem::path& path) {
  auto file = InputFile::open(path);
  if (!file) return tpp::unexpected(file.error());
  std::string text;
  std::array<char, 1 << 16> chunk{};
  std::istream& in = file->stream();
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxTextFileBytes) {
      return fail(errc::io_error, "file", path.string(),
                  fmt::format("larger than {} MiB", kMaxTextFileBytes >> 20));
    }
  }
  if (auto ok = file->check(); !ok) return tpp::unexpected(ok.error());
  return text;
}

// --- OutputFile --------------------------------------------------------------------------------

struct OutputFile::State {
  std::filesystem::path target;
  std::string temporary;
  int fd = -1;
  int slot = -1;
  std::unique_ptr<FdOutBuf> buffer;
  std::unique_ptr<std::ostream> stream;
  bool committed = false;

  void discard() {
    if (fd >= 0) ::close(fd);
    fd = -1;
    if (!temporary.empty() && !committed) ::unlink(temporary.c_str());
    unregister_temporary(slot);
    slot = -1;
  }
};

OutputFile::OutputFile() : state_(std::make_unique<State>()) {}
OutputFile::OutputFile(OutputFile&&) noexcept = default;
OutputFile& OutputFile::operator=(OutputFile&&) noexcept = default;
OutputFile::~OutputFile() {
  if (state_) state_->discard();
}

Result<OutputFile> OutputFile::create(const std::filesystem::path& path,
                                      std::span<const std::filesystem::path> inputs) {
  std::error_code ec;
  for (const std::filesystem::path& input : inputs) {
    if (input == "-") continue;
    if (std::filesystem::equivalent(path, input, ec)) {
      return fail(errc::invalid_argument, "-o", path.string(),
                  "is also an input (" + input.string() + "): it would be overwritten");
    }
  }
  if (std::filesystem::is_directory(path, ec)) {
    return fail(errc::io_error, "-o", path.string(), "is a directory");
  }
  install_handlers();
  OutputFile file;
  file.state_->target = path;
  const std::filesystem::path directory =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string pattern =
      (directory / fmt::format(".{}.tpp-XXXXXX", path.filename().string())).string();
  file.state_->fd = ::mkstemp(pattern.data());
  if (file.state_->fd < 0) {
    return fail(errc::io_error, "-o", path.string(), "cannot be written: " + reason(errno));
  }
  file.state_->temporary = pattern;
  file.state_->slot = register_temporary(pattern);
  ::fchmod(file.state_->fd, 0644);
  file.state_->buffer = std::make_unique<FdOutBuf>(file.state_->fd);
  file.state_->stream = std::make_unique<std::ostream>(file.state_->buffer.get());
  return file;
}

std::ostream& OutputFile::stream() {
  return *state_->stream;
}

Result<void> OutputFile::commit() {
  State& s = *state_;
  const auto failed = [&](int error) -> Result<void> {
    s.discard();
    return fail(errc::io_error, "-o", s.target.string(), "write failed: " + reason(error));
  };
  s.stream->flush();
  if (!*s.stream || s.buffer->error() != 0)
    return failed(s.buffer->error() ? s.buffer->error() : EIO);
  if (::fsync(s.fd) != 0 && errno != EINVAL) return failed(errno);
  if (::close(s.fd) != 0) {
    s.fd = -1;
    return failed(errno);
  }
  s.fd = -1;
  if (::rename(s.temporary.c_str(), s.target.c_str()) != 0) return failed(errno);
  s.committed = true;
  unregister_temporary(s.slot);
  s.slot = -1;
  return {};
}

std::streambuf* descriptor_buffer(int fd) {
  // One per descriptor, never destroyed: the standard streams flush into it at exit, after
  // static objects are gone.
  static std::array<FdOutBuf*, 3> buffers{};
  if (fd < 0 || fd > 2) return nullptr;
  auto& buffer = buffers[static_cast<std::size_t>(fd)];
  if (buffer == nullptr) buffer = new FdOutBuf(fd);  // NOLINT: deliberately immortal
  return buffer;
}

Result<void> check_written(std::ostream& out, std::string_view what) {
  errno = 0;
  out.flush();
  if (out.fail()) {
    const auto* fd = dynamic_cast<const FdOutBuf*>(out.rdbuf());
    const int error = fd != nullptr && fd->error() != 0 ? fd->error() : (errno != 0 ? errno : EIO);
    return fail(errc::io_error, "output", std::string(what), "write failed: " + reason(error));
  }
  return {};
}

}  // namespace tpp
