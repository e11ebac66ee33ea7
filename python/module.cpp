// The compiled half of the Python package `tpp`: the same library, results as plain dicts (the
// fields of --json), errors as tpp.Error with the library's message. Each function mirrors the
// command of the same name in tools/tpp/ (commands.cpp, plot_commands.cpp, batch_commands.cpp);
// tables.cpp has the batch, catalog, fleet and quota half.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>

#include "convert.hpp"
#include "tables.hpp"
#include "tpp/tpp.hpp"

namespace tpp::python {
namespace {

using OptionalText = std::optional<std::string>;

Report evaluated(const py::handle& chip, const Options& options) {
  return value_of(evaluate(chip_of(chip, "chip"), options));
}

py::list list_chips(const py::object& as_of, OptionalText to, OptionalText from_country,
                    OptionalText hq, int tf32_bits) {
  const Options options = options_of(as_of, {to, from_country, hq}, tf32_bits);
  std::vector<Report> reports;
  for (const auto& chip : ChipDatabase::bundled().chips()) {
    reports.push_back(value_of(evaluate(chip, options)));
  }
  std::stable_sort(reports.begin(), reports.end(),
                   [](const Report& a, const Report& b) { return a.metrics.tpp > b.metrics.tpp; });
  py::list out;
  for (const Report& report : reports)
    out.append(to_python(render_json(report)));
  return out;
}

py::object show(const py::object& chip, const py::object& as_of, OptionalText to,
                OptionalText from_country, OptionalText hq, int tf32_bits) {
  return to_python(
      render_json(evaluated(chip, options_of(as_of, {to, from_country, hq}, tf32_bits))));
}

std::string explain(const py::object& chip, const py::object& as_of, OptionalText to,
                    OptionalText from_country, OptionalText hq, int tf32_bits) {
  return render_explain(evaluated(chip, options_of(as_of, {to, from_country, hq}, tf32_bits)));
}

py::object timeline_of(const py::object& chip, OptionalText to, OptionalText from_country,
                       OptionalText hq, int tf32_bits) {
  const Options options = options_of(py::none(), {to, from_country, hq}, tf32_bits);
  return to_python(render_timeline_json(value_of(timeline(chip_of(chip, "chip"), options))));
}

py::object headroom_of(const py::object& chip, OptionalText at, const py::object& as_of,
                       int tf32_bits) {
  const Options options = options_of(as_of, {}, tf32_bits);
  std::optional<Precision> precision;
  if (at) precision = value_of(parse_precision(*at, "at"));
  const auto spec = chip_of(chip, "chip");
  return to_python(render_headroom_json(*spec, value_of(headroom(*spec, options, precision))));
}

// Operations as Python gives them: ints (and numpy integers) exactly, "3e26" or 1e26 through
// their text.
Operations operations_of(const py::handle& value, const std::string& field) {
  if (py::isinstance<py::bool_>(value)) {
    raise(Error{errc::wrong_type, field, py::str(value), "expected a number"});
  }
  return value_of(parse_operations(std::string(py::str(value)), field));
}

py::object model(const py::object& training_ops, bool published, const py::object& derived_from_ops,
                 const py::object& as_of, OptionalText to) {
  ModelInput input;
  input.training_ops = operations_of(training_ops, "training_ops");
  input.published = published;
  if (!derived_from_ops.is_none()) {
    input.derived_from_ops = operations_of(derived_from_ops, "derived_from_ops");
  }
  const Options options = options_of(as_of, {to, std::nullopt, std::nullopt}, kDefaultTf32Bits);
  return to_python(render_model_json(
      value_of(assess_model(input, ModelOptions{options.as_of, options.destination}))));
}

py::object classify(const py::object& tops, const py::object& sparse_tops,
                    const py::object& die_area_mm2, const py::object& dies,
                    const py::object& planar, const py::object& datacenter,
                    const py::object& io_gbps, const py::object& memory_gbps,
                    const py::object& transistors_billion, OptionalText from_chip,
                    const py::object& spec, OptionalText name, const py::object& as_of,
                    OptionalText to, OptionalText from_country, OptionalText hq, int tf32_bits) {
  const Options options = options_of(as_of, {to, from_country, hq}, tf32_bits);
  if (!spec.is_none()) {
    if (!tops.is_none() || !sparse_tops.is_none() || !die_area_mm2.is_none() ||
        !io_gbps.is_none() || !memory_gbps.is_none() || !transistors_billion.is_none() ||
        !dies.is_none() || from_chip) {
      raise(Error{errc::invalid_argument, "spec", "",
                  "give either spec or tops/die_area_mm2/from_chip/..., not both"});
    }
    return to_python(render_json(value_of(evaluate(spec_from(spec), options))));
  }
  AdhocInput input;
  input.name = name;
  if (from_chip) input.base = chip_of(py::str(*from_chip), "from_chip");
  if (!dies.is_none()) input.die_count = LabeledText{"dies", decimal_text(dies, "dies")};
  const auto figure = [](const py::object& value, const char* label) {
    return value.is_none()
               ? std::nullopt
               : std::optional<LabeledText>(LabeledText{label, decimal_text(value, label)});
  };
  input.die_area_mm2 = figure(die_area_mm2, "die_area_mm2");
  input.io_bidirectional_gbps = figure(io_gbps, "io_gbps");
  input.memory_bandwidth_gbps = figure(memory_gbps, "memory_gbps");
  input.transistors_billion = figure(transistors_billion, "transistors_billion");
  if (flag(planar, "planar") == 1) input.planar = true;
  if (flag(datacenter, "datacenter") == 0) input.datacenter = false;
  for (const auto& [figures, sparse] : {std::pair{&tops, false}, std::pair{&sparse_tops, true}}) {
    if (figures->is_none()) continue;
    const std::string label = sparse ? "sparse_tops" : "tops";
    if (!py::hasattr(*figures, "items")) {
      raise(Error{errc::wrong_type, label, py::str(py::repr(*figures)),
                  "expected a mapping of precision to TOPS, e.g. {\"fp8\": 296}"});
    }
    for (const py::handle item : figures->attr("items")()) {
      const auto pair = py::reinterpret_borrow<py::tuple>(item);
      const std::string precision = py::str(pair[0]);
      input.throughput.push_back(
          {label, precision, decimal_text(pair[1], label + "[" + precision + "]"), sparse});
    }
  }
  return to_python(render_json(value_of(evaluate(value_of(make_adhoc_spec(input)), options))));
}

// The chips a drawing places: one chip (a name or a spec dict) or a sequence of them.
std::vector<std::shared_ptr<const ChipSpec>> chips_of(const py::object& chips) {
  std::vector<std::shared_ptr<const ChipSpec>> out;
  if (py::isinstance<py::str>(chips) || py::isinstance<py::dict>(chips)) {
    out.push_back(chip_of(chips, "chip"));
    return out;
  }
  std::size_t i = 0;
  for (const py::handle chip : chips)
    out.push_back(chip_of(chip, "chips[" + std::to_string(i++) + "]"));
  if (out.empty()) raise(Error{errc::invalid_argument, "chips", "", "no chips given"});
  return out;
}

// An axis range: (MIN, MAX) with 0 < MIN < MAX, numbers by the number rule.
std::optional<std::pair<double, double>> range_of(const py::object& range, const char* field) {
  if (range.is_none()) return std::nullopt;
  const py::list ends = py::hasattr(range, "tolist") ? range.attr("tolist")() : py::list(range);
  if (ends.size() == 2) {
    const Decimal low = value_of(parse_decimal(decimal_text(ends[0], field), field));
    const Decimal high = value_of(parse_decimal(decimal_text(ends[1], field), field));
    if (low.units() > 0 && low < high) return std::pair{low.to_double(), high.to_double()};
  }
  raise(Error{errc::invalid_argument, field, py::str(py::repr(range)),
              "expected (MIN, MAX) with 0 < MIN < MAX, e.g. (100, 100000)"});
}

// `tpp plot`: the map of the bundled ICs, of the chips given, or of a catalog's records (any
// input `tpp catalog` reads, or its output).
std::string plot(const py::object& chips, const py::object& catalog, const py::object& as_of,
                 bool html, const std::string& labels, const py::object& tpp_range,
                 const py::object& density_range, int tf32_bits, bool allow_record_errors) {
  Options options = options_of(as_of, {}, tf32_bits);
  const Date day = options.as_of.value_or(today());
  options.as_of = day;
  MapOptions map;
  if (labels == "auto") {
    map.labels = MapLabels::automatic;
  } else if (labels == "none") {
    map.labels = MapLabels::none;
  } else if (labels == "all") {
    map.labels = MapLabels::all;
  } else {
    raise(Error{errc::invalid_argument, "labels", labels, "expected auto, none or all"});
  }
  map.tpp_range = range_of(tpp_range, "tpp_range");
  map.density_range = range_of(density_range, "density_range");
  std::vector<MapChip> marks;
  std::size_t skipped = 0;
  if (!catalog.is_none()) {
    const std::string path = path_text(catalog);
    if (!chips.is_none()) {
      raise(Error{errc::invalid_argument, "catalog", path, "give chips or catalog=, not both"});
    }
    CatalogOptions catalog_options;
    catalog_options.as_of = day;
    catalog_options.tf32_bits = tf32_bits;
    Result<MapCatalog> read = MapCatalog{};
    {
      py::gil_scoped_release release;
      read = map_catalog(path, catalog_options);
    }
    if (!read) raise(read.error());
    if (!read->skipped.empty() && !allow_record_errors) {
      Error error = read->skipped.front();
      error.field = path + " " + error.field;
      raise(error);
    }
    marks = std::move(read->chips);
    skipped = read->skipped.size();
  } else if (chips.is_none()) {
    for (const auto& chip : ChipDatabase::bundled().chips()) {
      if (chip->kind != ChipKind::accelerator) continue;  // memory parts and systems: not placed
      marks.push_back(map_chip(value_of(evaluate(chip, options))));
    }
  } else {
    for (const auto& spec : chips_of(chips)) {
      const Report report = value_of(evaluate(spec, options));
      if (report.spec->kind != ChipKind::accelerator) {
        raise(Error{errc::invalid_argument, "chip", report.spec->id,
                    "only ICs with processing units are placed on the map"});
      }
      marks.push_back(map_chip(report));
    }
  }
  MapLayout layout = layout_map(marks, day, map);
  layout.skipped_records = skipped;
  return html ? render_map_html(layout) : render_map_svg(layout);
}

// `tpp timeline --plot`: each chip's status at every rule date, as SVG.
std::string plot_timeline(const py::object& chips, OptionalText to, OptionalText from_country,
                          OptionalText hq, int tf32_bits) {
  const Options options = options_of(py::none(), {to, from_country, hq}, tf32_bits);
  std::vector<std::vector<TimelineEntry>> timelines;
  for (const auto& spec : chips_of(chips))
    timelines.push_back(value_of(timeline(spec, options)));
  return render_timeline_svg(timelines);
}

void use_rules_from(const py::object& directory) {
  if (directory.is_none()) {
    use_bundled_rules();
    return;
  }
  auto used = use_rules(path_text(directory));
  if (!used) raise(used.error());
}

py::object rules() {
  return to_python(render_rules(active_rules(), true));
}

}  // namespace
}  // namespace tpp::python

PYBIND11_MODULE(_tpp, m) {
  namespace py = pybind11;
  using namespace tpp::python;
  m.doc() = "tpp: Total Processing Performance and ECCN 3A090 classification (not legal advice)";
  m.attr("version") = tpp::version_string;
  m.def("list", &list_chips, py::kw_only(), py::arg("as_of") = py::none(),
        py::arg("to") = py::none(), py::arg("from_country") = py::none(),
        py::arg("hq") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "Every bundled chip's result, highest TPP first, as `tpp list --json` gives them.");
  m.def("show", &show, py::arg("chip"), py::kw_only(), py::arg("as_of") = py::none(),
        py::arg("to") = py::none(), py::arg("from_country") = py::none(),
        py::arg("hq") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "A chip's result (a bundled chip's name or a spec dict), as `tpp show --json` gives it.");
  m.def("explain", &explain, py::arg("chip"), py::kw_only(), py::arg("as_of") = py::none(),
        py::arg("to") = py::none(), py::arg("from_country") = py::none(),
        py::arg("hq") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "The quotable explanation of a chip's result.");
  m.def("timeline", &timeline_of, py::arg("chip"), py::kw_only(), py::arg("to") = py::none(),
        py::arg("from_country") = py::none(), py::arg("hq") = py::none(),
        py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "A chip's status at every rule date, as `tpp timeline --json` gives it.");
  m.def("headroom", &headroom_of, py::arg("chip"), py::kw_only(), py::arg("at") = py::none(),
        py::arg("as_of") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "How much throughput (or how little area) keeps a chip under each line, as "
        "`tpp headroom --json` gives it; `at` is the precision to vary.");
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
  m.def("plot", &plot, py::arg("chips") = py::none(), py::kw_only(),
        py::arg("catalog") = py::none(), py::arg("as_of") = py::none(), py::arg("html") = false,
        py::arg("labels") = "auto", py::arg("tpp_range") = py::none(),
        py::arg("density_range") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        py::arg("allow_record_errors") = false,
        "The threshold map as SVG (or an HTML page), as `tpp plot` draws it: the bundled ICs, "
        "the chips given, or a catalog's records (a record with an error raises tpp.Error "
        "unless allow_record_errors, when the map leaves it off and says so).");
  m.def("plot_timeline", &plot_timeline, py::arg("chips"), py::kw_only(),
        py::arg("to") = py::none(), py::arg("from_country") = py::none(),
        py::arg("hq") = py::none(), py::arg("tf32_bits") = tpp::kDefaultTf32Bits,
        "Each chip's status at every rule date as SVG, as `tpp timeline --plot` draws it.");
  m.def("use_rules", &use_rules_from, py::arg("directory"),
        "Use the rule package in this directory (the layout of data/rules/) from now on, "
        "process-wide; None goes back to the bundled one. A broken package raises tpp.Error "
        "naming the file, path and reason, and the package in use stays.");
  m.def("rules", &rules,
        "The rule package in use: version, sha256, origin, revisions, letters, notices, as "
        "`tpp rules --json` gives it.");
  bind_tables(m);
}
