#include "tables.hpp"

#include <pybind11/stl.h>

#include <cmath>
#include <cstring>
#include <sstream>

#include "columns.hpp"
#include "convert.hpp"
#include "tpp/batch/catalog.hpp"
#include "tpp/tpp.hpp"

namespace tpp::python {
namespace {

using OptionalText = std::optional<std::string>;

py::dict error_dict(const Error& error) {
  return py::dict(py::arg("code") = std::string(to_string(error.code)),
                  py::arg("field") = error.field, py::arg("value") = error.value,
                  py::arg("message") = error.message());
}

py::dict record_dict(const CatalogRecord& record) {
  py::dict out;
  out["line"] = record.line;
  if (record.error) {
    out["error"] = error_dict(*record.error);
    return out;
  }
  const BatchOutcome& o = record.result();
  out["id"] = record.id;
  out["name"] = record.name;
  out["tpp"] = py::module_::import("decimal").attr("Decimal")(to_string(record.tpp));
  out["performance_density"] = record.density_state == DensityState::known
                                   ? py::object(py::float_(record.density))
                                   : py::none();
  out["h100_equivalents"] = record.h100_equivalents;
  out["eccn"] = o.eccn.empty() ? py::object(py::none()) : py::object(py::str(o.eccn));
  out["paragraph"] =
      o.paragraph.empty() ? py::object(py::none()) : py::object(py::str(o.paragraph));
  out["paragraphs"] = o.paragraphs;
  out["status"] = std::string(to_string(o.status));
  out["missing_inputs"] = o.missing_inputs;
  return out;
}

// A sequence as a list: numpy arrays and pandas Series through tolist(), anything else iterated.
py::list list_of(const py::handle& values) {
  if (py::hasattr(values, "tolist")) return values.attr("tolist")();
  return py::list(py::reinterpret_borrow<py::object>(values));
}

// Specs (dicts or JSON strings) through the batch path; a bad one gives {"error": ...}.
py::list classify_batch(const py::iterable& specs, const py::object& as_of, int tf32_bits) {
  const Options checked = options_of(as_of, {}, tf32_bits);
  std::string text;
  std::size_t count = 0;
  for (const py::handle spec : specs) {
    std::string line = py::isinstance<py::str>(spec)
                           ? spec.cast<std::string>()
                           : json_text(spec, "specs[" + std::to_string(count) + "]");
    ++count;
    for (char& c : line) {
      if (c == '\n') c = ' ';  // one record per line
    }
    text += line + "\n";
  }
  CatalogOptions options;
  options.as_of = checked.as_of.value_or(today());
  options.tf32_bits = tf32_bits;
  std::vector<CatalogRecord> records;
  {
    py::gil_scoped_release release;
    records = classify_jsonl_block(text, 1, options);
  }
  // One result per input, always: a blank spec (skipped by the JSON Lines reader) is an error.
  std::vector<py::object> slots(count, py::none());
  for (const CatalogRecord& record : records) {
    if (record.line >= 1 && record.line <= count) slots[record.line - 1] = record_dict(record);
  }
  py::list out;
  for (std::size_t i = 0; i < count; ++i) {
    if (slots[i].is_none()) {
      CatalogRecord empty;
      empty.line = i + 1;
      empty.error = Error{errc::invalid_json, "spec", "", "empty: no spec given"};
      slots[i] = record_dict(empty);
    }
    out.append(slots[i]);
  }
  return out;
}

// Columns (numpy arrays, pandas Series or sequences) through the kernel.
py::dict classify_columns(const py::object& tpp, const py::object& die_area_mm2,
                          const py::object& datacenter, const py::object& io_gbps,
                          const py::object& as_of) {
  {
    const BatchClassifier classifier(date_of(as_of, "as_of").value_or(today()));
    if (auto fast = classify_numpy_columns(tpp, die_area_mm2, datacenter, io_gbps, classifier)) {
      return std::move(*fast);
    }
  }
  const py::list tpp_list = list_of(tpp);
  const py::list area_list = list_of(die_area_mm2);
  const py::list dc_list = list_of(datacenter);
  const py::object io_list = io_gbps.is_none() ? py::object(py::none()) : list_of(io_gbps);
  const std::size_t n = tpp_list.size();
  if (area_list.size() != n || dc_list.size() != n ||
      (!io_list.is_none() && py::len(io_list) != n)) {
    raise(Error{errc::invalid_argument, "columns", "",
                "tpp, die_area_mm2, datacenter (and io_gbps) must have the same length"});
  }
  const auto units = [&](const py::handle& value, const std::string& field,
                         bool allow_missing) -> std::int64_t {
    if (allow_missing && is_missing(value)) return kUnknown;
    const std::string text = decimal_text(value, field);
    const Decimal parsed = value_of(parse_decimal(text, field));
    if (parsed.is_negative()) raise(Error{errc::out_of_range, field, text, "must not be negative"});
    return parsed.units();
  };
  BatchColumns columns;
  columns.resize(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const std::string at = "[" + std::to_string(i) + "]";
    const auto row = static_cast<std::size_t>(i);
    columns.tpp_units[row] = units(tpp_list[i], "tpp" + at, false);
    columns.area_units[row] = units(area_list[i], "die_area_mm2" + at, true);
    if (columns.area_units[row] == 0)
      raise(Error{errc::out_of_range, "die_area_mm2" + at, "0", "must be greater than 0"});
    columns.io_units[row] =
        io_list.is_none() ? kUnknown : units(py::list(io_list)[i], "io_gbps" + at, true);
    columns.datacenter[row] = flag(dc_list[i], "datacenter" + at);
  }
  const BatchClassifier classifier(date_of(as_of, "as_of").value_or(today()));
  std::vector<std::uint16_t> outcome(n);
  Result<std::size_t> ran = 0;
  {
    py::gil_scoped_release release;
    ran = classifier.classify(columns, outcome);
  }
  if (!ran) raise(ran.error());  // with the GIL held again
  py::list eccn, paragraph, status;
  for (const std::uint16_t index : outcome) {
    const BatchOutcome& o = classifier.outcome(index);
    eccn.append(o.eccn.empty() ? py::object(py::none()) : py::object(py::str(o.eccn)));
    paragraph.append(o.paragraph.empty() ? py::object(py::none())
                                         : py::object(py::str(o.paragraph)));
    status.append(std::string(to_string(o.status)));
  }
  py::dict out;
  out["eccn"] = eccn;
  out["paragraph"] = paragraph;
  out["status"] = status;
  return out;
}

// `tpp catalog FILE... --output-format csv|jsonl`: the output as bytes, and the run's counts.
py::tuple catalog(const py::iterable& paths, OptionalText input_format, const std::string& output,
                  const py::object& as_of, OptionalText to, OptionalText from_country,
                  OptionalText hq, int tf32_bits, unsigned threads, const std::string& fields) {
  const Options options = options_of(as_of, {to, from_country, hq}, tf32_bits);
  CatalogOptions catalog;
  auto chosen = parse_catalog_fields(fields);
  if (!chosen) raise(chosen.error());
  catalog.fields = *chosen;
  catalog.destination = options.destination;
  catalog.origin = options.origin;
  catalog.headquarters = options.headquarters;
  catalog.as_of = options.as_of.value_or(today());
  catalog.tf32_bits = tf32_bits;
  catalog.threads = threads;
  if (input_format == "jsonl") catalog.input = CatalogInput::jsonl;
  if (input_format == "csv") catalog.input = CatalogInput::csv;
  if (input_format == "epoch") catalog.input = CatalogInput::epoch;
  if (input_format && !catalog.input) {
    raise(Error{errc::invalid_argument, "input_format", *input_format,
                "expected jsonl, csv or epoch"});
  }
  if (output != "jsonl" && output != "csv") {
    raise(Error{errc::invalid_argument, "output", output, "expected jsonl or csv"});
  }
  catalog.output = output == "csv" ? CatalogOutput::csv : CatalogOutput::jsonl;
  std::vector<std::filesystem::path> inputs;
  for (const py::handle path : paths) {
    inputs.emplace_back(path_text(path));
    if (inputs.back() == "-") {
      raise(Error{errc::invalid_argument, "path", "-", "a file, not standard input"});
    }
  }
  if (inputs.empty()) raise(Error{errc::invalid_argument, "path", "", "no catalog file given"});
  std::ostringstream out;
  std::ostringstream err;
  Result<CatalogStats> stats = CatalogStats{};
  {
    py::gil_scoped_release release;
    stats = run_catalog(inputs, out, err, catalog);
  }
  if (!stats) raise(stats.error());
  return py::make_tuple(
      py::bytes(std::move(out).str()),
      py::dict(py::arg("records") = stats->records, py::arg("failed") = stats->failed,
               py::arg("lean") = stats->lean, py::arg("bytes") = stats->bytes,
               py::arg("run") = catalog_run_facts_json(catalog, inputs.size() > 1)));
}

// A fleet or shipment file, or JSON Lines text the Python side made of rows.
FleetReader fleet_reader(const py::object& path, const py::object& text, OptionalText format) {
  std::optional<FleetFormat> chosen;
  if (format == "csv") chosen = FleetFormat::csv;
  if (format == "json") chosen = FleetFormat::json;
  if (format == "jsonl") chosen = FleetFormat::jsonl;
  if (format && !chosen) {
    raise(Error{errc::invalid_argument, "format", *format, "expected csv, json or jsonl"});
  }
  if (!text.is_none()) {
    return value_of(
        FleetReader::from_string(text.cast<std::string>(), chosen.value_or(FleetFormat::jsonl)));
  }
  const std::string file = path_text(path);
  if (file == "-") raise(Error{errc::invalid_argument, "path", "-", "a file, not standard input"});
  return value_of(FleetReader::open(file, chosen));
}

// Reads every line, handing good ones to `use`; a bad line raises unless keep_going, when its
// error record (`bad`) takes its place among the lines. A read error always raises: totals of
// part of a file are not totals.
template <class Use, class Bad>
void each_line(FleetReader& reader, bool keep_going, Use use, Bad bad) {
  for (;;) {
    auto next = reader.next();
    if (next && !*next) break;
    std::optional<Error> error;
    if (!next) {
      error = next.error();
    } else if (auto done = use(**next); !done) {
      error = done.error();
    }
    if (!error) continue;
    if (!keep_going || error->code == errc::io_error) raise(*error);
    bad(*error);
  }
}

Decimal decimal_of(const py::handle& value, const std::string& field) {
  return value_of(parse_decimal(decimal_text(value, field), field));
}

// `tpp fleet --json`: {"lines": [...], "totals": {...}, "compute": {...}}; with keep_going a bad
// line's {"type": "error", ...} record is in its place among the lines.
py::dict fleet(const py::object& path, const py::object& text, OptionalText format,
               const py::object& as_of, const std::string& h100eq, const py::object& days,
               const py::object& utilization, OptionalText precision, bool keep_going,
               int tf32_bits) {
  const Options options = options_of(as_of, {}, tf32_bits);
  if (h100eq != "tpp" && h100eq != "epoch") {
    raise(Error{errc::invalid_argument, "h100eq", h100eq, "expected tpp or epoch"});
  }
  FleetAccount account(options,
                       h100eq == "epoch" ? H100Convention::epoch_8bit : H100Convention::tpp);
  const Decimal share = decimal_of(utilization, "utilization");
  if (!days.is_none()) {
    ComputeOptions compute;
    compute.days = decimal_of(days, "days");
    if (compute.days.units() <= 0 || compute.days > Decimal::from_integer(36500)) {
      raise(Error{errc::out_of_range, "days", to_string(compute.days),
                  "must be greater than 0 and at most 36,500"});
    }
    if (share.units() <= 0 || share > Decimal::from_integer(1)) {
      raise(Error{errc::out_of_range, "utilization", to_string(share),
                  "must be greater than 0 and at most 1"});
    }
    compute.utilization = share;
    if (precision) compute.precision = value_of(parse_precision(*precision, "precision"));
    account.count_compute(compute);
  } else if (precision || share != Decimal::from_integer(1)) {
    raise(Error{errc::invalid_argument, precision ? "precision" : "utilization",
                precision.value_or(to_string(share)), "needs days="});
  }
  FleetReader reader = fleet_reader(path, text, format);
  py::list lines;
  each_line(
      reader, keep_going,
      [&](const FleetLine& line) -> Result<void> {
        auto result = account.add(line);
        if (!result) return tpp::unexpected(result.error());
        lines.append(to_python(render_fleet_line(*result, true)));
        return {};
      },
      [&](const Error& error) { lines.append(to_python(render_fleet_error(error, false))); });
  py::dict out;
  out["lines"] = lines;
  out["totals"] = to_python(render_fleet_totals(account, true));
  if (auto compute = account.compute_report()) {
    out["compute"] = to_python(render_fleet_compute(*compute, true));
  }
  return out;
}

// `tpp quota --json`: {"lines": [...], "report": {...}}; bad lines as for fleet.
py::dict quota(const py::object& path, const py::object& text, OptionalText format,
               const py::object& policy_given, bool what_if, bool keep_going, int tf32_bits) {
  (void)options_of(py::none(), {}, tf32_bits);  // checks tf32_bits
  QuotaPolicy policy = active_rules().quota_policy();
  if (!policy_given.is_none()) {
    const bool file = !py::hasattr(policy_given, "items");
    const std::string where = file ? path_text(policy_given) : "policy";
    auto read = read_policy_json(file ? value_of(read_text_file(where))
                                      : json_text(policy_given, "policy"));
    if (!read) {
      Error error = read.error();
      error.field = where + ": " + error.field;
      raise(error);
    }
    policy = std::move(*read);
  }
  FleetReader reader = fleet_reader(path, text, format);
  QuotaLedger ledger(policy, QuotaOptions{what_if, tf32_bits});
  py::list lines;
  each_line(
      reader, keep_going,
      [&](const FleetLine& line) -> Result<void> {
        auto result = ledger.add(line);
        if (!result) return tpp::unexpected(result.error());
        lines.append(to_python(render_quota_line(*result, true)));
        return {};
      },
      [&](const Error& error) { lines.append(to_python(render_quota_error(error, false))); });
  py::dict out;
  out["lines"] = lines;
  out["report"] = to_python(render_quota_report(ledger.report(), policy, true));
  return out;
}

}  // namespace

void bind_tables(py::module_& m) {
  m.def("classify_batch", &classify_batch, py::arg("specs"), py::kw_only(),
        py::arg("as_of") = py::none(), py::arg("tf32_bits") = kDefaultTf32Bits,
        "Many specs (dicts or JSON text) through the batch path; one dict per spec, "
        "{\"error\": ...} for a bad one.");
  m.def("classify_columns", &classify_columns, py::arg("tpp"), py::arg("die_area_mm2"),
        py::arg("datacenter"), py::kw_only(), py::arg("io_gbps") = py::none(),
        py::arg("as_of") = py::none(),
        "Columns (numpy arrays, pandas Series or lists) through the batch kernel; a missing "
        "area (NaN, None) means unknown.");
  m.def("_catalog", &catalog, py::arg("paths"), py::kw_only(), py::arg("input_format"),
        py::arg("output"), py::arg("as_of"), py::arg("to"), py::arg("from_country"), py::arg("hq"),
        py::arg("tf32_bits"), py::arg("threads"), py::arg("fields"));
  m.def("_fleet", &fleet, py::kw_only(), py::arg("path"), py::arg("text"), py::arg("format"),
        py::arg("as_of"), py::arg("h100eq"), py::arg("days"), py::arg("utilization"),
        py::arg("precision"), py::arg("keep_going"), py::arg("tf32_bits"));
  m.def("_quota", &quota, py::kw_only(), py::arg("path"), py::arg("text"), py::arg("format"),
        py::arg("policy"), py::arg("what_if"), py::arg("keep_going"), py::arg("tf32_bits"));
  m.def(
      "_number_text",
      [](const py::object& value, const std::string& field) { return decimal_text(value, field); },
      py::arg("value"), py::arg("field") = "value");
  m.def(
      "_grid_column",
      [](const py::buffer& values) {
        // A float64 column as the text classify_frame writes: "" where NaN, the grid text
        // (the number rule) elsewhere; an infinity as "inf", which the reader refuses.
        const py::buffer_info info = values.request();
        if ((info.format != "d" && info.format != "=d" && info.format != "<d") || info.ndim != 1) {
          raise(Error{errc::wrong_type, "values", info.format, "expected a float64 array"});
        }
        // Any stride: numpy leaves the stride of an empty or one-row column as its source had it.
        const auto* base = static_cast<const char*>(info.ptr);
        py::list out(info.shape[0]);
        for (py::ssize_t i = 0; i < info.shape[0]; ++i) {
          double value = 0;
          std::memcpy(&value, base + i * info.strides[0], sizeof value);
          out[static_cast<std::size_t>(i)] =
              std::isnan(value) ? py::str("") : py::str(grid_text(value));
        }
        return out;
      },
      py::arg("values"));
  m.def(
      "_json_text",
      [](const py::object& value, const std::string& field) { return json_text(value, field); },
      py::arg("value"), py::arg("field") = "");
}

}  // namespace tpp::python
