// The compiled half of the Python package `tpp`: the same library, results as plain dicts,
// errors as tpp.Error with the library's message.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <sstream>

#include "tpp/tpp.hpp"

namespace py = pybind11;

namespace {

py::object json_module() {
  return py::module_::import("json");
}

py::object to_python(const std::string& json) {
  return json_module().attr("loads")(json);
}

// The library's error as a Python exception (tpp.Error, set up in __init__.py).
[[noreturn]] void raise(const tpp::Error& error) {
  py::object cls = py::module_::import("tpp").attr("Error");
  py::object exception =
      cls(error.message(), std::string(tpp::to_string(error.code)), error.field, error.value);
  PyErr_SetObject(cls.ptr(), exception.ptr());
  throw py::error_already_set();
}

template <class T>
T value_of(tpp::Result<T> result) {
  if (!result) raise(result.error());
  return std::move(*result);
}

// A number as the exact decimal it was written as: str and decimal.Decimal as text, floats
// through their shortest repr (exact for up to 15 significant digits), ints as integers.
std::string decimal_text(const py::handle& value, const std::string& field) {
  if (py::isinstance<py::bool_>(value)) {
    raise(tpp::Error{tpp::errc::wrong_type, field, py::str(value), "expected a number"});
  }
  if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) ||
      py::isinstance<py::str>(value) || py::hasattr(value, "as_tuple")) {
    return py::str(value);
  }
  raise(tpp::Error{tpp::errc::wrong_type, field, py::str(py::repr(value)), "expected a number"});
}

// Where a shipment goes: the destination, where it leaves from, the end user's headquarters.
struct Shipment {
  std::optional<std::string> to;
  std::optional<std::string> from_country;
  std::optional<std::string> hq;
};

tpp::Options options_of(const std::optional<std::string>& as_of, const Shipment& shipment,
                        int tf32_bits) {
  tpp::Options options;
  if (as_of) options.as_of = value_of(tpp::parse_date(*as_of, "as_of"));
  if (!shipment.to && (shipment.from_country || shipment.hq)) {
    raise(tpp::Error{tpp::errc::invalid_argument, shipment.hq ? "hq" : "from_country",
                     shipment.hq.value_or(shipment.from_country.value_or("")),
                     "needs to=: they describe a shipment"});
  }
  options.destination = shipment.to;
  options.origin = shipment.from_country;
  options.headquarters = shipment.hq;
  options.tf32_bits = tf32_bits;
  return options;
}

py::object show(const std::string& chip, std::optional<std::string> as_of,
                std::optional<std::string> to, std::optional<std::string> from_country,
                std::optional<std::string> hq, int tf32_bits) {
  auto spec = value_of(tpp::ChipDatabase::bundled().find_shared(chip));
  return to_python(tpp::render_json(
      value_of(tpp::evaluate(spec, options_of(as_of, {to, from_country, hq}, tf32_bits)))));
}

std::string explain(const std::string& chip, std::optional<std::string> as_of,
                    std::optional<std::string> to, std::optional<std::string> from_country,
                    std::optional<std::string> hq, int tf32_bits) {
  auto spec = value_of(tpp::ChipDatabase::bundled().find_shared(chip));
  return tpp::render_explain(
      value_of(tpp::evaluate(spec, options_of(as_of, {to, from_country, hq}, tf32_bits))));
}

py::object timeline(const std::string& chip, std::optional<std::string> to,
                    std::optional<std::string> from_country, std::optional<std::string> hq,
                    int tf32_bits) {
  auto spec = value_of(tpp::ChipDatabase::bundled().find_shared(chip));
  auto entries =
      value_of(tpp::timeline(spec, options_of(std::nullopt, {to, from_country, hq}, tf32_bits)));
  return to_python(tpp::render_timeline_json(entries));
}

// Operations as Python gives them: an int is exact; a float or str goes through its text.
tpp::Operations operations_of(const py::handle& value, const std::string& field) {
  if (py::isinstance<py::bool_>(value)) {
    raise(tpp::Error{tpp::errc::wrong_type, field, py::str(value), "expected a number"});
  }
  return value_of(tpp::parse_operations(std::string(py::str(value)), field));
}

py::object model(py::object training_ops, bool published, py::object derived_from_ops,
                 std::optional<std::string> as_of, std::optional<std::string> to) {
  tpp::ModelInput input;
  input.training_ops = operations_of(training_ops, "training_ops");
  input.published = published;
  if (!derived_from_ops.is_none()) {
    input.derived_from_ops = operations_of(derived_from_ops, "derived_from_ops");
  }
  tpp::ModelOptions options;
  if (as_of) options.as_of = value_of(tpp::parse_date(*as_of, "as_of"));
  options.destination = to;
  return to_python(tpp::render_model_json(value_of(tpp::assess_model(input, options))));
}

tpp::ChipSpec spec_from(const py::object& spec) {
  const std::string text = py::isinstance<py::str>(spec)
                               ? spec.cast<std::string>()
                               : json_module().attr("dumps")(spec).cast<std::string>();
  return value_of(tpp::read_spec_json(text));
}

// A yes/no value where it decides: a bool (Python or numpy), or the integers 0 and 1. None,
// NaN, strings ("false" is truthy in Python) and other numbers are errors, never a guess.
std::uint8_t flag(const py::handle& value, const std::string& field) {
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>() ? 1 : 0;
  if (py::hasattr(value, "dtype") &&
      py::str(value.attr("dtype").attr("kind")).cast<std::string>() == "b") {
    return value.cast<bool>() ? 1 : 0;
  }
  if (py::isinstance<py::int_>(value) ||
      (py::hasattr(value, "dtype") &&
       py::str(value.attr("dtype").attr("kind")).cast<std::string>() == "i")) {
    const auto v = value.cast<long long>();
    if (v == 0 || v == 1) return static_cast<std::uint8_t>(v);
  }
  raise(tpp::Error{tpp::errc::wrong_type, field, py::str(py::repr(value)),
                   "expected True or False (or 0/1)"});
}

py::object classify(std::optional<py::dict> tops, std::optional<py::dict> sparse_tops,
                    py::object die_area_mm2, py::object dies, py::object planar,
                    py::object datacenter, py::object io_gbps, py::object memory_gbps,
                    py::object transistors_billion, std::optional<std::string> from_chip,
                    py::object spec, std::optional<std::string> name,
                    std::optional<std::string> as_of, std::optional<std::string> to,
                    std::optional<std::string> from_country, std::optional<std::string> hq,
                    int tf32_bits) {
  const tpp::Options options = options_of(as_of, {to, from_country, hq}, tf32_bits);
  if (!spec.is_none()) {
    if (tops || sparse_tops || !die_area_mm2.is_none() || !io_gbps.is_none() ||
        !memory_gbps.is_none() || !transistors_billion.is_none() || !dies.is_none() || from_chip) {
      raise(tpp::Error{tpp::errc::invalid_argument, "spec", "",
                       "give either spec or tops/die_area_mm2/from_chip/..., not both"});
    }
    return to_python(tpp::render_json(value_of(tpp::evaluate(spec_from(spec), options))));
  }
  tpp::AdhocInput input;
  input.name = name;
  if (from_chip) {
    auto base = tpp::ChipDatabase::bundled().find_shared(*from_chip);
    if (!base) {
      tpp::Error error = base.error();
      error.field = "from_chip";
      raise(error);
    }
    input.base = *base;
  }
  if (!dies.is_none()) input.die_count = tpp::LabeledText{"dies", py::str(dies)};
  if (!memory_gbps.is_none()) {
    input.memory_bandwidth_gbps =
        tpp::LabeledText{"memory_gbps", decimal_text(memory_gbps, "memory_gbps")};
  }
  if (!transistors_billion.is_none()) {
    input.transistors_billion = tpp::LabeledText{
        "transistors_billion", decimal_text(transistors_billion, "transistors_billion")};
  }
  if (flag(planar, "planar") == 1) input.planar = true;
  if (flag(datacenter, "datacenter") == 0) input.datacenter = false;
  for (const auto& [dict, sparse] : {std::pair{&tops, false}, std::pair{&sparse_tops, true}}) {
    if (!*dict) continue;
    for (const auto& [key, value] : **dict) {
      const std::string precision = py::str(key);
      const std::string label = sparse ? "sparse_tops" : "tops";
      input.throughput.push_back(
          {label, precision, decimal_text(value, label + "[" + precision + "]"), sparse});
    }
  }
  if (!die_area_mm2.is_none())
    input.die_area_mm2 =
        tpp::LabeledText{"die_area_mm2", decimal_text(die_area_mm2, "die_area_mm2")};
  if (!io_gbps.is_none())
    input.io_bidirectional_gbps = tpp::LabeledText{"io_gbps", decimal_text(io_gbps, "io_gbps")};
  return to_python(
      tpp::render_json(value_of(tpp::evaluate(value_of(tpp::make_adhoc_spec(input)), options))));
}

py::dict record_dict(const tpp::CatalogRecord& record) {
  py::dict out;
  out["line"] = record.line;
  if (record.error) {
    out["error"] =
        py::dict(py::arg("code") = std::string(tpp::to_string(record.error->code)),
                 py::arg("field") = record.error->field, py::arg("value") = record.error->value,
                 py::arg("message") = record.error->message());
    return out;
  }
  const tpp::BatchOutcome& o = record.result();
  out["id"] = record.id;
  out["name"] = record.name;
  out["tpp"] = py::module_::import("decimal").attr("Decimal")(tpp::to_string(record.tpp));
  out["performance_density"] = record.density_state == tpp::DensityState::known
                                   ? py::object(py::float_(record.density))
                                   : py::none();
  out["h100_equivalents"] = record.h100_equivalents;
  out["eccn"] = o.eccn.empty() ? py::object(py::none()) : py::object(py::str(o.eccn));
  out["paragraph"] =
      o.paragraph.empty() ? py::object(py::none()) : py::object(py::str(o.paragraph));
  out["paragraphs"] = o.paragraphs;
  out["status"] = std::string(tpp::to_string(o.status));
  out["missing_inputs"] = o.missing_inputs;
  return out;
}

// Specs (dicts or JSON strings) through the batch path; a bad one gives {"error": ...}.
py::list classify_batch(const py::iterable& specs, std::optional<std::string> as_of,
                        int tf32_bits) {
  std::string text;
  std::size_t count = 0;
  for (const py::handle spec : specs) {
    ++count;
    std::string line = py::isinstance<py::str>(spec)
                           ? spec.cast<std::string>()
                           : json_module().attr("dumps")(spec).cast<std::string>();
    for (char& c : line) {
      if (c == '\n') c = ' ';  // one record per line
    }
    text += line + "\n";
  }
  tpp::CatalogOptions options;
  if (as_of) options.as_of = value_of(tpp::parse_date(*as_of, "as_of"));
  options.tf32_bits = tf32_bits;
  std::vector<tpp::CatalogRecord> records;
  {
    py::gil_scoped_release release;
    records = tpp::classify_jsonl_block(text, 1, options);
  }
  // One result per input, always: a blank spec (skipped by the JSON Lines reader) is an error.
  std::vector<py::object> slots(count, py::none());
  for (const tpp::CatalogRecord& record : records) {
    if (record.line >= 1 && record.line <= count) slots[record.line - 1] = record_dict(record);
  }
  py::list out;
  for (std::size_t i = 0; i < count; ++i) {
    if (slots[i].is_none()) {
      tpp::CatalogRecord empty;
      empty.line = i + 1;
      empty.error = tpp::Error{tpp::errc::invalid_json, "spec", "", "empty: no spec given"};
      slots[i] = record_dict(empty);
    }
    out.append(slots[i]);
  }
  return out;
}

// Columns (numpy arrays or sequences) through the kernel.
py::dict classify_columns(const py::array& tpp, const py::array& die_area_mm2,
                          const py::array& datacenter, std::optional<py::array> io_gbps,
                          std::optional<std::string> as_of) {
  const auto n = static_cast<std::size_t>(py::len(tpp));
  if (py::len(die_area_mm2) != static_cast<std::size_t>(n) ||
      py::len(datacenter) != static_cast<std::size_t>(n) ||
      (io_gbps && py::len(*io_gbps) != static_cast<std::size_t>(n))) {
    raise(tpp::Error{tpp::errc::invalid_argument, "columns", "",
                     "tpp, die_area_mm2, datacenter (and io_gbps) must have the same length"});
  }
  const auto units = [&](const py::handle& value, const std::string& field,
                         bool allow_missing) -> std::int64_t {
    if (allow_missing && (value.is_none() || (py::isinstance<py::float_>(value) &&
                                              std::isnan(value.cast<double>())))) {
      return tpp::kUnknown;
    }
    const std::string text = py::str(value);
    auto parsed = tpp::parse_decimal(text == "nan" ? "nan" : text, field);
    if (!parsed) raise(parsed.error());
    if (parsed->is_negative())
      raise(tpp::Error{tpp::errc::out_of_range, field, text, "must not be negative"});
    return parsed->units();
  };
  tpp::BatchColumns columns;
  columns.resize(n);
  const py::list tpp_list = tpp.attr("tolist")();
  const py::list area_list = die_area_mm2.attr("tolist")();
  const py::list dc_list = datacenter.attr("tolist")();
  const py::object io_list = io_gbps ? py::object(io_gbps->attr("tolist")()) : py::none();
  for (std::size_t i = 0; i < n; ++i) {
    const std::string at = "[" + std::to_string(i) + "]";
    columns.tpp_units[i] = units(tpp_list[static_cast<std::size_t>(i)], "tpp" + at, false);
    columns.area_units[i] =
        units(area_list[static_cast<std::size_t>(i)], "die_area_mm2" + at, true);
    if (columns.area_units[i] == 0)
      raise(
          tpp::Error{tpp::errc::out_of_range, "die_area_mm2" + at, "0", "must be greater than 0"});
    columns.io_units[i] =
        io_gbps ? units(py::list(io_list)[static_cast<std::size_t>(i)], "io_gbps" + at, true)
                : tpp::kUnknown;
    columns.datacenter[i] = flag(dc_list[static_cast<std::size_t>(i)], "datacenter" + at);
  }
  const tpp::BatchClassifier classifier(as_of ? value_of(tpp::parse_date(*as_of, "as_of"))
                                              : tpp::today());
  std::vector<std::uint16_t> outcome(static_cast<std::size_t>(n));
  tpp::Result<std::size_t> ran = 0;
  {
    py::gil_scoped_release release;
    ran = classifier.classify(columns, outcome);
  }
  if (!ran) raise(ran.error());  // with the GIL held again
  py::list eccn, paragraph, status;
  for (const std::uint16_t index : outcome) {
    const tpp::BatchOutcome& o = classifier.outcome(index);
    eccn.append(o.eccn.empty() ? py::object(py::none()) : py::object(py::str(o.eccn)));
    paragraph.append(o.paragraph.empty() ? py::object(py::none())
                                         : py::object(py::str(o.paragraph)));
    status.append(std::string(tpp::to_string(o.status)));
  }
  py::dict out;
  out["eccn"] = eccn;
  out["paragraph"] = paragraph;
  out["status"] = status;
  return out;
}

void use_rules(const std::optional<std::string>& directory) {
  if (!directory) {
    tpp::use_bundled_rules();
    return;
  }
  auto used = tpp::use_rules(*directory);
  if (!used) raise(used.error());
}

py::dict rules() {
  return py::module_::import("json").attr("loads")(tpp::render_rules(tpp::active_rules(), true));
}

}  // namespace

PYBIND11_MODULE(_tpp, m) {
  m.doc() = "tpp: Total Processing Performance and ECCN 3A090 classification (not legal advice)";
  m.attr("version") = tpp::version_string;
  m.def("show", &show, py::arg("chip"), py::kw_only(), py::arg("as_of") = py::none(),
        py::arg("to") = py::none(), py::arg("from_country") = py::none(),
        py::arg("hq") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "A bundled chip's result, as `tpp show --json` gives it.");
  m.def("explain", &explain, py::arg("chip"), py::kw_only(), py::arg("as_of") = py::none(),
        py::arg("to") = py::none(), py::arg("from_country") = py::none(),
        py::arg("hq") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "The quotable explanation of a bundled chip's result.");
  m.def("timeline", &timeline, py::arg("chip"), py::kw_only(), py::arg("to") = py::none(),
        py::arg("from_country") = py::none(), py::arg("hq") = py::none(),
        py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "A bundled chip's status at every rule date, as `tpp timeline --json` gives it.");
  m.def("model", &model, py::kw_only(), py::arg("training_ops"), py::arg("published") = false,
        py::arg("derived_from_ops") = py::none(), py::arg("as_of") = py::none(),
        py::arg("to") = py::none(),
        "An AI model's weights under ECCN 4E091, as `tpp model --json` gives it.");
  m.def("classify", &classify, py::kw_only(), py::arg("tops") = py::none(),
        py::arg("sparse_tops") = py::none(), py::arg("die_area_mm2") = py::none(),
        py::arg("dies") = py::none(), py::arg("planar") = false, py::arg("datacenter") = true,
        py::arg("io_gbps") = py::none(), py::arg("memory_gbps") = py::none(),
        py::arg("transistors_billion") = py::none(), py::arg("from_chip") = py::none(),
        py::arg("spec") = py::none(), py::arg("name") = py::none(), py::arg("as_of") = py::none(),
        py::arg("to") = py::none(), py::arg("from_country") = py::none(),
        py::arg("hq") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "An ad-hoc chip from keyword figures, or a spec dict/JSON in the chips/ format.");
  m.def("use_rules", &use_rules, py::arg("directory"),
        "Use the rule package in this directory (the layout of data/rules/) from now on, "
        "process-wide; None goes back to the bundled one. A broken package raises tpp.Error "
        "naming the file, path and reason, and the package in use stays.");
  m.def("rules", &rules,
        "The rule package in use: version, sha256, origin, revisions, letters, notices, as "
        "`tpp rules --json` gives it.");
  m.def("classify_batch", &classify_batch, py::arg("specs"), py::kw_only(),
        py::arg("as_of") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "Many specs through the batch path; one dict per spec.");
  m.def("classify_columns", &classify_columns, py::arg("tpp"), py::arg("die_area_mm2"),
        py::arg("datacenter"), py::kw_only(), py::arg("io_gbps") = py::none(),
        py::arg("as_of") = py::none(),
        "Columns (numpy arrays) through the batch kernel; NaN or None area means unknown.");
}
