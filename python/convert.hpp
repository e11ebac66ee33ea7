// Python values in, library values out: the number rule, dates, yes/no flags, specs as JSON,
// chips, options; and the library's errors as tpp.Error.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <optional>
#include <string>

#include "tpp/tpp.hpp"

namespace tpp::python {

namespace py = pybind11;

/// The library's error as a Python exception (tpp.Error, defined in tpp/__init__.py).
[[noreturn]] void raise(const Error& error);

template <class T>
T value_of(Result<T> result) {
  if (!result) raise(result.error());
  return std::move(*result);
}

/// JSON text (a --json output of the library) as Python dicts and lists.
py::object to_python(const std::string& json);

/// None, NaN (float or numpy), pandas.NA and NaT: a value that is not there.
bool is_missing(const py::handle& value);

/// A number as decimal text, by the number rule: int and numpy integers exactly; str and
/// decimal.Decimal exactly as written (more than 6 fractional digits stays an error, from the
/// parser); float and numpy floats rounded to the nearest multiple of 10^-6, the grid of the
/// library's inputs (so 65129999999999.9 / 1e12 is 65.13). bool, NaN and infinities are errors
/// naming `field`.
std::string decimal_text(const py::handle& value, const std::string& field);

/// A finite double as decimal text on the input grid: the nearest multiple of 10^-6 (correctly
/// rounded), trailing zeros trimmed. NaN and infinities are written as printf writes them.
std::string grid_text(double value);

/// A date as YYYY-MM-DD text: a str as written, datetime.date (datetime.datetime and
/// pandas.Timestamp: their day) or numpy.datetime64. None: not given.
std::optional<std::string> date_text(const py::handle& value, const std::string& field);
std::optional<Date> date_of(const py::handle& value, const std::string& field);

/// A yes/no value where it decides: a bool (Python or numpy), or the integers 0 and 1. None,
/// NaN, strings ("false" is truthy in Python) and other numbers are errors, never a guess.
std::uint8_t flag(const py::handle& value, const std::string& field);

/// A Python value as JSON text, numbers by the number rule: dicts (any mapping with str keys),
/// lists, tuples, numpy arrays and pandas Series, str, bool, None, numbers and dates.
std::string json_text(const py::handle& value, const std::string& field);

/// A spec in the chips/ format: a dict, or its JSON text.
ChipSpec spec_from(const py::handle& spec);

/// A chip: a bundled chip's name, or a spec dict in the chips/ format.
std::shared_ptr<const ChipSpec> chip_of(const py::handle& chip, const std::string& field);

/// A path: str or os.PathLike.
std::string path_text(const py::handle& path);

/// Where a shipment goes: the destination, where it leaves from, the end user's headquarters.
struct Shipment {
  std::optional<std::string> to;
  std::optional<std::string> from_country;
  std::optional<std::string> hq;
};

/// The options of one evaluation, as the command line's options give them: countries checked
/// and turned into their ISO codes, tf32_bits 19 or 32.
Options options_of(const py::handle& as_of, const Shipment& shipment, int tf32_bits);

}  // namespace tpp::python
