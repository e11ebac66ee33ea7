#include "convert.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace tpp::python {

namespace {

py::object json_module() {
  return py::module_::import("json");
}

// A numpy scalar's dtype kind ('b', 'i', 'u', 'f', 'M', ...); 0 for anything else (arrays too).
char scalar_kind(const py::handle& value) {
  if (!py::hasattr(value, "dtype") || !py::hasattr(value, "ndim")) return 0;
  if (value.attr("ndim").cast<long>() != 0) return 0;
  const py::object dtype = value.attr("dtype");
  if (!py::hasattr(dtype, "kind")) return 0;
  const std::string kind = py::str(dtype.attr("kind"));
  return kind.empty() ? 0 : kind.front();
}

bool is_instance(const py::handle& value, const char* module, const char* type) {
  return py::isinstance(value, py::module_::import(module).attr(type));
}

std::string type_name(const py::handle& value) {
  return py::str(py::type::of(value).attr("__name__"));
}

[[noreturn]] void wrong_type(const py::handle& value, const std::string& field,
                             const std::string& expected) {
  raise(Error{errc::wrong_type, field, py::str(py::repr(value)), expected});
}

std::string rounded_text(double value, const py::handle& original, const std::string& field) {
  if (!std::isfinite(value)) {
    raise(Error{errc::invalid_number, field, py::str(py::repr(original)), "not a finite number"});
  }
  return grid_text(value);
}

void append_json(std::string& out, const py::handle& value, const std::string& field, int depth) {
  if (depth > 64) {
    raise(Error{errc::invalid_argument, field, "", "nested more than 64 levels deep"});
  }
  const char kind = scalar_kind(value);
  if (value.is_none()) {
    out += "null";
  } else if (py::isinstance<py::bool_>(value) || kind == 'b') {
    out += value.cast<bool>() ? "true" : "false";
  } else if (py::isinstance<py::str>(value)) {
    out += json_module().attr("dumps")(value).cast<std::string>();
  } else if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) || kind == 'i' ||
             kind == 'u' || kind == 'f' || is_instance(value, "decimal", "Decimal")) {
    out += decimal_text(value, field);
  } else if (kind == 'M' || is_instance(value, "datetime", "date")) {
    out += '"' + *date_text(value, field) + '"';
  } else if (is_instance(value, "collections.abc", "Mapping")) {
    out += '{';
    bool first = true;
    for (const py::handle item : value.attr("items")()) {
      const py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
      if (!py::isinstance<py::str>(pair[0])) wrong_type(pair[0], field, "keys must be str");
      if (!first) out += ',';
      first = false;
      const std::string key = pair[0].cast<std::string>();
      out += json_module().attr("dumps")(pair[0]).cast<std::string>() + ':';
      append_json(out, pair[1], field.empty() ? key : field + "." + key, depth + 1);
    }
    out += '}';
  } else if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value) ||
             py::hasattr(value, "tolist")) {
    const py::object items = py::hasattr(value, "tolist")
                                 ? value.attr("tolist")()
                                 : py::reinterpret_borrow<py::object>(value);
    out += '[';
    std::size_t i = 0;
    for (const py::handle item : items) {
      if (i > 0) out += ',';
      append_json(out, item, field + "[" + std::to_string(i++) + "]", depth + 1);
    }
    out += ']';
  } else {
    wrong_type(value, field, "expected JSON data (dict, list, str, number, bool, None or a date)");
  }
}

}  // namespace

std::string grid_text(double value) {
  char buffer[400];  // DBL_MAX has 309 integer digits
  const int size =
      std::snprintf(buffer, sizeof buffer, "%.*f", Decimal::kMaxInputFractionDigits, value);
  std::string_view text(buffer, static_cast<std::size_t>(std::max(size, 0)));
  if (text.find('.') != std::string_view::npos) {
    text = text.substr(0, text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.remove_suffix(1);
  }
  return text == "-0" ? "0" : std::string(text);
}

void raise(const Error& error) {
  py::object cls = py::module_::import("tpp").attr("Error");
  py::object exception =
      cls(error.message(), std::string(to_string(error.code)), error.field, error.value);
  PyErr_SetObject(cls.ptr(), exception.ptr());
  throw py::error_already_set();
}

py::object to_python(const std::string& json) {
  return json_module().attr("loads")(json);
}

bool is_missing(const py::handle& value) {
  if (value.is_none()) return true;
  const char kind = scalar_kind(value);
  if (py::isinstance<py::float_>(value) || kind == 'f') return std::isnan(value.cast<double>());
  if (kind == 'M') return py::str(value).cast<std::string>() == "NaT";
  const std::string name = type_name(value);
  return name == "NAType" || name == "NaTType";
}

std::string decimal_text(const py::handle& value, const std::string& field) {
  const char kind = scalar_kind(value);
  if (py::isinstance<py::bool_>(value) || kind == 'b')
    wrong_type(value, field, "expected a number");
  if (py::isinstance<py::int_>(value)) return py::str(value);
  if (kind == 'i' || kind == 'u')
    return py::str(py::int_(py::reinterpret_borrow<py::object>(value)));
  if (py::isinstance<py::float_>(value) || kind == 'f') {
    return rounded_text(value.cast<double>(), value, field);
  }
  if (py::isinstance<py::str>(value) || is_instance(value, "decimal", "Decimal")) {
    return py::str(value);
  }
  wrong_type(value, field, "expected a number");
}

std::optional<std::string> date_text(const py::handle& value, const std::string& field) {
  if (value.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (is_instance(value, "datetime", "date")) {
    // datetime.datetime (and pandas.Timestamp, a subclass) is a date too: its day counts.
    const py::object day = is_instance(value, "datetime", "datetime")
                               ? value.attr("date")()
                               : py::reinterpret_borrow<py::object>(value);
    return day.attr("isoformat")().cast<std::string>();
  }
  if (scalar_kind(value) == 'M' && !is_missing(value)) {
    return py::module_::import("numpy")
        .attr("datetime_as_string")(value, py::arg("unit") = "D")
        .cast<std::string>();
  }
  wrong_type(value, field, "expected YYYY-MM-DD, a datetime.date or a numpy.datetime64");
}

std::optional<Date> date_of(const py::handle& value, const std::string& field) {
  const auto text = date_text(value, field);
  if (!text) return std::nullopt;
  return value_of(parse_date(*text, field));
}

std::uint8_t flag(const py::handle& value, const std::string& field) {
  const char kind = scalar_kind(value);
  if (py::isinstance<py::bool_>(value) || kind == 'b') return value.cast<bool>() ? 1 : 0;
  if (py::isinstance<py::int_>(value) || kind == 'i' || kind == 'u') {
    const py::int_ v(py::reinterpret_borrow<py::object>(value));
    if (v.equal(py::int_(0))) return 0;
    if (v.equal(py::int_(1))) return 1;
  }
  raise(
      Error{errc::wrong_type, field, py::str(py::repr(value)), "expected True or False (or 0/1)"});
}

std::string json_text(const py::handle& value, const std::string& field) {
  std::string out;
  append_json(out, value, field, 0);
  return out;
}

ChipSpec spec_from(const py::handle& spec) {
  const std::string text =
      py::isinstance<py::str>(spec) ? spec.cast<std::string>() : json_text(spec, "spec");
  return value_of(read_spec_json(text));
}

std::shared_ptr<const ChipSpec> chip_of(const py::handle& chip, const std::string& field) {
  if (py::isinstance<py::str>(chip)) {
    auto found = ChipDatabase::bundled().find_shared(chip.cast<std::string>());
    if (!found) {
      Error error = found.error();
      if (field != "chip") error.field = field;
      raise(error);
    }
    return *found;
  }
  if (is_instance(chip, "collections.abc", "Mapping")) {
    return std::make_shared<const ChipSpec>(spec_from(chip));
  }
  wrong_type(chip, field, "expected a bundled chip's name or a spec dict in the chips/ format");
}

std::string path_text(const py::handle& path) {
  const py::object text = py::module_::import("os").attr("fspath")(path);
  if (!py::isinstance<py::str>(text))
    wrong_type(path, "path", "expected a str or os.PathLike path");
  return text.cast<std::string>();
}

Options options_of(const py::handle& as_of, const Shipment& shipment, int tf32_bits) {
  Options options;
  options.as_of = date_of(as_of, "as_of");
  if (tf32_bits != 19 && tf32_bits != 32) {
    raise(
        Error{errc::invalid_argument, "tf32_bits", std::to_string(tf32_bits), "must be 19 or 32"});
  }
  // Countries are checked once and passed on as their ISO codes, as the command does.
  const auto code = [](const std::optional<std::string>& name,
                       const char* field) -> std::optional<std::string> {
    if (!name) return std::nullopt;
    auto country = active_rules().countries().find(*name);
    if (!country) {
      Error error = country.error();
      error.field = field;
      raise(error);
    }
    return (*country)->code;
  };
  options.destination = code(shipment.to, "to");
  options.origin = code(shipment.from_country, "from_country");
  options.headquarters = code(shipment.hq, "hq");
  if (!options.destination && (options.origin || options.headquarters)) {
    raise(Error{errc::invalid_argument, shipment.hq ? "hq" : "from_country",
                shipment.hq.value_or(shipment.from_country.value_or("")),
                "needs to=: they describe a shipment"});
  }
  options.tf32_bits = tf32_bits;
  return options;
}

}  // namespace tpp::python
