// Reading chip specs from JSON (the `chips/` format, see chips/schema.json), and the files tpp
// reads and writes: read errors are errors (never the end of a file), what is read is bounded,
// and an output file is replaced only when the run succeeds.
#pragma once

#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <span>
#include <string_view>

#include "tpp/core/error.hpp"
#include "tpp/core/spec.hpp"

namespace tpp {

/// Resolves a bundled chip id named by a system's `contains[].chip`.
using ChipResolver = std::function<Result<std::shared_ptr<const ChipSpec>>(std::string_view id)>;

/// Parses and validates one spec. Unknown fields are errors (they are usually typos); JSON
/// numbers are read exactly (see parse_decimal). `resolver` defaults to the bundled database.
Result<ChipSpec> read_spec_json(std::string_view json_text, const ChipResolver& resolver = {});

/// Reads a spec file; "-" reads standard input.
Result<ChipSpec> read_spec_file(const std::filesystem::path& path,
                                const ChipResolver& resolver = {});

/// The spec in the chips/ JSON format, keys sorted, on one line: read_spec_json gives it back.
std::string write_spec_json(const ChipSpec& spec);

/// The longest record (a JSON line, a CSV record) tpp reads; past it the record is an error.
inline constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;
/// The largest whole file tpp reads into memory (a spec, a policy, a JSON fleet).
inline constexpr std::size_t kMaxTextFileBytes = std::size_t{64} << 20;

/// The whole of a file (or standard input for "-"), or errc::io_error naming the path: it
/// cannot be opened, a read fails, or it is larger than kMaxTextFileBytes.
Result<std::string> read_text_file(const std::filesystem::path& path);

/// A file, or standard input for "-", read through a stream whose read errors set badbit (an
/// EIO is not the end of the file); error() then says why.
class InputFile {
 public:
  static Result<InputFile> open(const std::filesystem::path& path);
  /// A stream the caller owns and keeps alive (an HTTP request's body), read as if it were a
  /// file named `name`: check() reports a stream gone bad as errc::io_error.
  static InputFile borrow(std::istream& stream, const std::filesystem::path& name);
  std::istream& stream();
  const std::filesystem::path& path() const;
  /// errc::io_error naming the path and the reason when a read failed; else success.
  Result<void> check() const;

  InputFile(InputFile&&) noexcept;
  InputFile& operator=(InputFile&&) noexcept;
  ~InputFile();

 private:
  InputFile();
  struct State;
  std::unique_ptr<State> state_;
};

/// An output file replaced atomically: written to a temporary file in the same directory and
/// renamed over the target by commit(). If the run fails, throws or is interrupted (SIGINT,
/// SIGTERM, SIGHUP remove the temporary file) the previous file is untouched.
class OutputFile {
 public:
  /// Refuses a target that is one of `inputs` (the same file, through any path or link).
  static Result<OutputFile> create(const std::filesystem::path& path,
                                   std::span<const std::filesystem::path> inputs = {});
  std::ostream& stream();
  /// Flushes, closes and renames; errc::io_error naming the path and the reason on failure.
  Result<void> commit();

  OutputFile(OutputFile&&) noexcept;
  OutputFile& operator=(OutputFile&&) noexcept;
  ~OutputFile();  ///< removes the temporary file unless committed

 private:
  OutputFile();
  struct State;
  std::unique_ptr<State> state_;
};

/// A buffer for file descriptor `fd` (1: standard output) that keeps the reason of a failed
/// write, so that check_written() can name it; main() puts it under std::cout.
std::streambuf* descriptor_buffer(int fd);

/// Flushes `out` and reports a failed write (a full disk, a closed pipe) as errc::io_error
/// naming `what` ("standard output") and the reason.
Result<void> check_written(std::ostream& out, std::string_view what);

}  // namespace tpp
