#include "tpp/core/error.hpp"

#include "core/text_escape.hpp"

namespace tpp {

std::string_view to_string(errc code) noexcept {
  switch (code) {
    case errc::invalid_json: return "invalid_json";
    case errc::missing_field: return "missing_field";
    case errc::unknown_field: return "unknown_field";
    case errc::wrong_type: return "wrong_type";
    case errc::invalid_number: return "invalid_number";
    case errc::out_of_range: return "out_of_range";
    case errc::unknown_precision: return "unknown_precision";
    case errc::duplicate_precision: return "duplicate_precision";
    case errc::no_throughput: return "no_throughput";
    case errc::unknown_chip: return "unknown_chip";
    case errc::invalid_argument: return "invalid_argument";
    case errc::io_error: return "io_error";
    case errc::internal: return "internal";
    case errc::ambiguous_chip: return "ambiguous_chip";
  }
  return "internal";
}

std::string Error::message() const {
  // Field, value and detail can all carry input text: none of it reaches a terminal raw.
  std::string out;
  if (!field.empty()) out += detail::escape_for_message(field);
  if (!value.empty()) {
    out += field.empty() ? "" : " = ";
    out += detail::escape_for_message(value);
  }
  if (!out.empty()) out += ": ";
  out += detail::escape_for_message(detail);
  return out;
}

}  // namespace tpp
