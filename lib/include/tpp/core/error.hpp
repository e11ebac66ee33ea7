// The one error vocabulary of tpp: every fallible call returns Result<T>, a value or an Error.
#pragma once

#include <string>
#include <string_view>

#include "tpp/core/expected.hpp"

namespace tpp {

/// What went wrong. Every enumerator but `internal` is the caller's input.
enum class errc {
  invalid_json = 1,     ///< the text is not JSON, or not the JSON shape expected
  missing_field,        ///< a required field is absent
  unknown_field,        ///< a field tpp does not know (likely a typo)
  wrong_type,           ///< a field holds the wrong JSON type
  invalid_number,       ///< not a finite decimal, or more fractional digits than allowed
  out_of_range,         ///< negative, zero where it cannot be, or absurdly large
  unknown_precision,    ///< a precision name tpp does not know
  duplicate_precision,  ///< the same precision twice in one processing unit
  no_throughput,        ///< a spec with nothing to compute TPP from
  unknown_chip,         ///< no bundled chip has that id or alias
  invalid_argument,     ///< a bad command-line or API argument
  io_error,             ///< a file could not be read or written
  internal,             ///< a bug in tpp
  ambiguous_chip,       ///< a name that fits several bundled chips: the detail lists them
};

/// A short stable name for the code, e.g. "out_of_range".
std::string_view to_string(errc code) noexcept;

/// An error naming the field and the value at fault.
struct Error {
  errc code = errc::internal;
  std::string field;   ///< e.g. "processing_units[0].throughput[1].tops"
  std::string value;   ///< the offending value as given, e.g. "-5"
  std::string detail;  ///< why it is wrong, e.g. "must be greater than 0"

  /// One line for a human: "processing_units[0].throughput[1].tops = -5: must be greater than 0".
  std::string message() const;
};

template <class T>
using Result = expected<T, Error>;  // std::expected where available

/// Builds the unexpected side of a Result.
inline unexpected<Error> fail(errc code, std::string field, std::string value, std::string detail) {
  return unexpected(Error{code, std::move(field), std::move(value), std::move(detail)});
}

}  // namespace tpp
