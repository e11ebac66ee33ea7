#include "commands.hpp"

#include <unistd.h>
#include <algorithm>
#include <fstream>
#include <tuple>

namespace tpp::cli {

bool SpecArgs::given() const {
  return spec_file || from || !tops.empty() || !sparse_tops.empty() || area_mm2 || dies ||
         io_gbps || memory_gbps || transistors || planar || non_datacenter;
}

namespace {

enum class OutputFormat { text, json, csv };

Result<OutputFormat> output_format_of(const Common& common) {
  const std::string& name = common.output_format;
  if (name.empty()) return common.json ? OutputFormat::json : OutputFormat::text;
  if (common.json && name != "json") {
    return fail(errc::invalid_argument, "--output-format", name, "--json asks for json");
  }
  if (name == "text") return OutputFormat::text;
  if (name == "json") return OutputFormat::json;
  if (name == "csv") return OutputFormat::csv;
  return fail(errc::invalid_argument, "--output-format", name, "expected text, json or csv");
}

Result<Options> options_of(const Common& common) {
  Options options;
  options.tf32_bits = common.tf32_bits;
  if (!common.as_of.empty()) {
    auto date = parse_date(common.as_of, "--as-of");
    if (!date) return tpp::unexpected(date.error());
    options.as_of = *date;
  }
  if (common.tf32_bits != 19 && common.tf32_bits != 32) {
    return fail(errc::invalid_argument, "--tf32-bits", std::to_string(common.tf32_bits),
                "must be 19 or 32");
  }
  const auto country_code = [](const std::string& name,
                               std::string_view flag) -> Result<std::optional<std::string>> {
    if (name.empty()) return std::optional<std::string>{};
    auto country = active_rules().countries().find(name);
    if (!country) {
      Error error = country.error();
      error.field = flag;
      return tpp::unexpected(std::move(error));
    }
    return std::optional<std::string>{(*country)->code};
  };
  auto to = country_code(common.to, "--to");
  if (!to) return tpp::unexpected(to.error());
  auto from = country_code(common.from_country, "--from-country");
  if (!from) return tpp::unexpected(from.error());
  auto hq = country_code(common.hq, "--hq");
  if (!hq) return tpp::unexpected(hq.error());
  if (!to->has_value() && (from->has_value() || hq->has_value())) {
    return fail(errc::invalid_argument, from->has_value() ? "--from-country" : "--hq",
                from->has_value() ? common.from_country : common.hq,
                "needs --to: they describe a shipment");
  }
  options.destination = *to;
  options.origin = *from;
  options.headquarters = *hq;
  return options;
}

template <class Render>
std::string render_each(const std::vector<Report>& reports, Render render, bool json) {
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (i > 0 && !json) out += '\n';
    out += render(reports[i]);
    if (json) out += '\n';
  }
  return out;
}

Result<std::vector<AdhocThroughput>> split_tops(const std::vector<std::string>& items, bool sparse,
                                                std::string_view label) {
  std::vector<AdhocThroughput> out;
  for (const std::string& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return fail(errc::invalid_argument, std::string(label), item,
                  "expected PRECISION=TOPS, e.g. fp8=296");
    }
    out.push_back({std::string(label), item.substr(0, eq), item.substr(eq + 1), sparse});
  }
  return out;
}

bool figures_given(const SpecArgs& args) {
  return !args.tops.empty() || !args.sparse_tops.empty() || args.area_mm2 || args.dies ||
         args.io_gbps || args.memory_gbps || args.transistors || args.planar || args.non_datacenter;
}

// The one chip the spec options describe.
Result<std::shared_ptr<const ChipSpec>> spec_of(const SpecArgs& args) {
  if (args.spec_file) {
    if (figures_given(args) || args.from) {
      return fail(errc::invalid_argument, "--spec", *args.spec_file,
                  "give either --spec or --from/--tops/--area/..., not both");
    }
    auto spec = read_spec_file(*args.spec_file);
    if (!spec) return tpp::unexpected(spec.error());
    return std::make_shared<const ChipSpec>(std::move(*spec));
  }
  AdhocInput input;
  input.name = args.name;
  if (args.from) {
    auto base = ChipDatabase::bundled().find_shared(*args.from);
    if (!base) {
      Error error = base.error();
      error.field = "--from";
      return tpp::unexpected(std::move(error));
    }
    if (!figures_given(args) && !args.name) return *base;  // the bundled chip as it is
    input.base = *base;
  }
  auto dense = split_tops(args.tops, false, "--tops");
  if (!dense) return tpp::unexpected(dense.error());
  auto sparse = split_tops(args.sparse_tops, true, "--sparse-tops");
  if (!sparse) return tpp::unexpected(sparse.error());
  input.throughput = std::move(*dense);
  input.throughput.insert(input.throughput.end(), sparse->begin(), sparse->end());
  const auto labeled = [](const std::optional<std::string>& text, const char* label) {
    return text ? std::optional<LabeledText>(LabeledText{label, *text}) : std::nullopt;
  };
  input.die_area_mm2 = labeled(args.area_mm2, "--area");
  input.die_count = labeled(args.dies, "--dies");
  input.io_bidirectional_gbps = labeled(args.io_gbps, "--io-gbps");
  input.memory_bandwidth_gbps = labeled(args.memory_gbps, "--memory-gbps");
  input.transistors_billion = labeled(args.transistors, "--transistors");
  if (args.planar) input.planar = true;
  if (args.non_datacenter) input.datacenter = false;
  auto spec = make_adhoc_spec(input);
  if (!spec) return tpp::unexpected(spec.error());
  return std::make_shared<const ChipSpec>(std::move(*spec));
}

// The chips a command works on: bundled chips by name, or the one the spec options describe.
Result<std::vector<std::shared_ptr<const ChipSpec>>> chips_of(const std::vector<std::string>& names,
                                                              const SpecArgs& args) {
  std::vector<std::shared_ptr<const ChipSpec>> out;
  if (!names.empty()) {
    if (args.given()) {
      return fail(errc::invalid_argument, "chip", names.front(),
                  "give chips by name or describe one with --spec/--from/--tops/..., not both");
    }
    for (const std::string& name : names) {
      auto chip = ChipDatabase::bundled().find_shared(name);
      if (!chip) return tpp::unexpected(chip.error());
      out.push_back(std::move(*chip));
    }
    return out;
  }
  if (!args.given()) {
    return fail(errc::invalid_argument, "chip", "",
                "give a chip by name, or describe one with --spec, --from or --tops");
  }
  auto spec = spec_of(args);
  if (!spec) return tpp::unexpected(spec.error());
  out.push_back(std::move(*spec));
  return out;
}

Result<std::vector<Report>> evaluate_all(const std::vector<std::shared_ptr<const ChipSpec>>& chips,
                                         const Options& options) {
  std::vector<Report> reports;
  for (const auto& chip : chips) {
    auto report = evaluate(chip, options);
    if (!report) return tpp::unexpected(report.error());
    reports.push_back(std::move(*report));
  }
  return reports;
}

}  // namespace

Result<std::string> run_list(const Common& common) {
  auto format = output_format_of(common);
  if (!format) return tpp::unexpected(format.error());
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  std::vector<Report> reports;
  for (const auto& chip : ChipDatabase::bundled().chips()) {
    auto report = evaluate(chip, *options);
    if (!report) return tpp::unexpected(report.error());
    reports.push_back(std::move(*report));
  }
  std::stable_sort(reports.begin(), reports.end(),
                   [](const Report& a, const Report& b) { return a.metrics.tpp > b.metrics.tpp; });
  if (*format == OutputFormat::json) return render_each(reports, render_json, true);
  if (*format == OutputFormat::csv) return render_list_csv(reports);
  return render_list(reports);
}

Result<std::string> run_show(const Common& common, const std::vector<std::string>& names,
                             const SpecArgs& args) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  auto chips = chips_of(names, args);
  if (!chips) return tpp::unexpected(chips.error());
  auto reports = evaluate_all(*chips, *options);
  if (!reports) return tpp::unexpected(reports.error());
  return common.json ? render_each(*reports, render_json, true)
                     : render_each(*reports, render_show, false);
}

Result<std::string> run_explain(const Common& common, const std::vector<std::string>& names,
                                const SpecArgs& args) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  auto chips = chips_of(names, args);
  if (!chips) return tpp::unexpected(chips.error());
  auto reports = evaluate_all(*chips, *options);
  if (!reports) return tpp::unexpected(reports.error());
  return common.json ? render_each(*reports, render_json, true)
                     : render_each(*reports, render_explain, false);
}

Result<std::string> run_classify(const Common& common, const SpecArgs& args) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  if (!args.given()) {
    return fail(errc::invalid_argument, "classify", "",
                "describe a chip with --tops PRECISION=TOPS (and --area, ...), --from CHIP or "
                "--spec FILE");
  }
  auto spec = spec_of(args);
  if (!spec) return tpp::unexpected(spec.error());
  auto report = evaluate(*spec, *options);
  if (!report) return tpp::unexpected(report.error());
  return common.json ? render_json(*report) + "\n" : render_show(*report);
}

Result<std::string> run_timeline(const Common& common, const std::vector<std::string>& chips,
                                 const SpecArgs& args) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  auto specs = chips_of(chips, args);
  if (!specs) return tpp::unexpected(specs.error());
  std::string out;
  for (const auto& spec : *specs) {
    auto entries = timeline(spec, *options);
    if (!entries) return tpp::unexpected(entries.error());
    if (!common.json && !out.empty()) out += '\n';
    out += common.json ? render_timeline_json(*entries) + "\n" : render_timeline(*entries);
  }
  return out;
}

Result<std::string> run_headroom(const Common& common, const std::vector<std::string>& chips,
                                 const SpecArgs& args, const std::string& at) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  std::optional<Precision> precision;
  if (!at.empty()) {
    auto parsed = parse_precision(at, "--at");
    if (!parsed) return tpp::unexpected(parsed.error());
    precision = *parsed;
  }
  auto found = chips_of(chips, args);
  if (!found) return tpp::unexpected(found.error());
  const std::vector<std::shared_ptr<const ChipSpec>>& specs = *found;
  std::string out;
  for (const auto& spec : specs) {
    auto result = headroom(*spec, *options, precision);
    if (!result) return tpp::unexpected(result.error());
    if (!common.json && !out.empty()) out += '\n';
    out +=
        common.json ? render_headroom_json(*spec, *result) + "\n" : render_headroom(*spec, *result);
  }
  return out;
}

Result<std::string> run_model(const Common& common, const ModelArgs& args) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  ModelInput input;
  auto ops = parse_operations(args.training_ops, "--training-ops");
  if (!ops) return tpp::unexpected(ops.error());
  input.training_ops = *ops;
  input.published = args.published;
  if (args.derived_from_ops) {
    auto base = parse_operations(*args.derived_from_ops, "--derived-from-ops");
    if (!base) return tpp::unexpected(base.error());
    input.derived_from_ops = *base;
  }
  auto assessment = assess_model(input, ModelOptions{options->as_of, options->destination});
  if (!assessment) return tpp::unexpected(assessment.error());
  return common.json ? render_model_json(*assessment) + "\n" : render_model(*assessment);
}

namespace {

Result<FleetReader> open_fleet(const FleetArgs& args) {
  std::optional<FleetFormat> format;
  if (args.format == "csv") format = FleetFormat::csv;
  if (args.format == "json") format = FleetFormat::json;
  if (args.format == "jsonl") format = FleetFormat::jsonl;
  if (!args.format.empty() && !format) {
    return fail(errc::invalid_argument, "--format", args.format, "expected csv, json or jsonl");
  }
  if (args.file == "-" && !format) {
    return fail(errc::invalid_argument, "--format", "",
                "reading stdin needs --format csv|json|jsonl");
  }
  return FleetReader::open(args.file, format);
}

// Reads every line, handing good ones to `use`; a bad line stops the run unless --keep-going.
template <class Use>
Result<BatchOutcome> for_each_line(FleetReader& reader, const FleetArgs& args, std::ostream& err,
                                   Use use) {
  BatchOutcome outcome;
  for (;;) {
    auto next = reader.next();
    Result<void> done{};
    if (next && !*next) break;
    if (next) done = use(**next);
    const Error* error = !next ? &next.error() : (!done ? &done.error() : nullptr);
    if (error == nullptr) continue;
    // A read error is final even with --keep-going: totals of part of a file are not totals.
    if (!args.keep_going || error->code == errc::io_error) return tpp::unexpected(*error);
    err << "tpp: " << error->message() << "\n";
    ++outcome.bad_lines;
  }
  return outcome;
}

}  // namespace

Result<BatchOutcome> run_fleet(const Common& common, const FleetArgs& args, std::ostream& out,
                               std::ostream& err) {
  auto format = output_format_of(common);
  if (!format) return tpp::unexpected(format.error());
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  if (options->destination) {
    return fail(errc::invalid_argument, "--to", common.to, "fleet lines name their destinations");
  }
  if (*format == OutputFormat::csv && args.days) {
    // The compute estimate has no columns in the line/totals table.
    return fail(errc::invalid_argument, "--days", *args.days,
                "is reported in text and JSON output, not CSV");
  }
  if (args.h100eq != "tpp" && args.h100eq != "epoch") {
    return fail(errc::invalid_argument, "--h100eq", args.h100eq, "expected tpp or epoch");
  }
  auto reader = open_fleet(args);
  if (!reader) return tpp::unexpected(reader.error());
  FleetAccount account(*options,
                       args.h100eq == "epoch" ? H100Convention::epoch_8bit : H100Convention::tpp);
  if (args.days) {
    ComputeOptions compute;
    auto days = parse_decimal(*args.days, "--days");
    if (!days) return tpp::unexpected(days.error());
    if (days->units() <= 0 || *days > Decimal::from_integer(36500)) {
      return fail(errc::out_of_range, "--days", *args.days,
                  "must be greater than 0 and at most 36,500");
    }
    auto utilization = parse_decimal(args.utilization, "--utilization");
    if (!utilization) return tpp::unexpected(utilization.error());
    if (utilization->units() <= 0 || *utilization > Decimal::from_integer(1)) {
      return fail(errc::out_of_range, "--utilization", args.utilization,
                  "must be greater than 0 and at most 1");
    }
    compute.days = *days;
    compute.utilization = *utilization;
    if (args.precision) {
      auto precision = parse_precision(*args.precision, "--precision");
      if (!precision) return tpp::unexpected(precision.error());
      compute.precision = *precision;
    }
    account.count_compute(compute);
  } else if (args.precision || args.utilization != "1") {
    return fail(errc::invalid_argument, args.precision ? "--precision" : "--utilization",
                args.precision.value_or(args.utilization), "needs --days");
  }
  const bool json = *format == OutputFormat::json;
  const bool csv = *format == OutputFormat::csv;
  if (csv) {
    out << render_fleet_csv_header();
  } else if (args.lines && !json) {
    out << render_fleet_header();
  }
  auto outcome = for_each_line(*reader, args, err, [&](const FleetLine& line) -> Result<void> {
    auto result = account.add(line);
    if (!result) return tpp::unexpected(result.error());
    if (args.lines)
      out << (csv ? render_fleet_line_csv(*result) : render_fleet_line(*result, json));
    return {};
  });
  if (!outcome) return outcome;
  if (csv) {
    out << render_fleet_totals_csv(account);
    return outcome;
  }
  out << render_fleet_totals(account, json);
  if (auto compute = account.compute_report()) out << render_fleet_compute(*compute, json);
  return outcome;
}

Result<BatchOutcome> run_quota(const Common& common, const FleetArgs& args, std::ostream& out,
                               std::ostream& err) {
  auto format = output_format_of(common);
  if (!format) return tpp::unexpected(format.error());
  if (!common.as_of.empty() || !common.to.empty()) {
    return fail(errc::invalid_argument, common.as_of.empty() ? "--to" : "--as-of",
                common.as_of.empty() ? common.to : common.as_of,
                "quota accounting takes each shipment's own date and destination");
  }
  QuotaPolicy policy = active_rules().quota_policy();
  if (!args.policy.empty()) {
    auto text = read_text_file(args.policy);
    if (!text) return tpp::unexpected(text.error());
    auto read = read_policy_json(*text);
    if (!read) {
      Error error = read.error();
      error.field = args.policy + ": " + error.field;
      return tpp::unexpected(std::move(error));
    }
    policy = std::move(*read);
  }
  auto reader = open_fleet(args);
  if (!reader) return tpp::unexpected(reader.error());
  QuotaLedger ledger(policy, QuotaOptions{args.what_if, common.tf32_bits});
  const bool json = *format == OutputFormat::json;
  const bool csv = *format == OutputFormat::csv;
  if (csv) out << render_quota_csv_header();
  auto outcome = for_each_line(*reader, args, err, [&](const FleetLine& line) -> Result<void> {
    auto result = ledger.add(line);
    if (!result) return tpp::unexpected(result.error());
    if (args.lines)
      out << (csv ? render_quota_line_csv(*result) : render_quota_line(*result, json));
    return {};
  });
  if (!outcome) return outcome;
  out << (csv ? render_quota_report_csv(ledger.report())
              : render_quota_report(ledger.report(), policy, json));
  return outcome;
}

Result<BatchOutcome> run_catalog_command(const Common& common, const CatalogArgs& args,
                                         std::ostream& out, std::ostream& err) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  // options_of checked the countries once (not once per record) and gave their codes.
  CatalogOptions catalog;
  catalog.destination = options->destination;
  catalog.origin = options->origin;
  catalog.headquarters = options->headquarters;
  catalog.as_of = options->as_of.value_or(today());
  catalog.tf32_bits = options->tf32_bits;
  catalog.threads = args.threads;
  if (args.input_format == "jsonl") catalog.input = CatalogInput::jsonl;
  if (args.input_format == "csv") catalog.input = CatalogInput::csv;
  if (args.input_format == "epoch") catalog.input = CatalogInput::epoch;
  if (!args.input_format.empty() && !catalog.input) {
    return fail(errc::invalid_argument, "--input-format", args.input_format,
                "expected jsonl, csv or epoch");
  }
  if (args.output_format != "jsonl" && args.output_format != "csv") {
    return fail(errc::invalid_argument, "--output-format", args.output_format,
                "expected jsonl or csv");
  }
  catalog.output = args.output_format == "csv" ? CatalogOutput::csv : CatalogOutput::jsonl;
  catalog.progress = isatty(2) != 0;
  std::vector<std::filesystem::path> inputs(args.files.begin(), args.files.end());
  for (const auto& path : inputs) {
    if (path == "-" && !catalog.input) {
      return fail(errc::invalid_argument, "--input-format", "",
                  "reading stdin needs --input-format");
    }
  }
  // Inputs first: a missing input must not clobber the output.
  for (const auto& path : inputs) {
    if (path == "-") continue;
    auto probe = InputFile::open(path);
    if (!probe) return tpp::unexpected(probe.error());
  }
  std::optional<OutputFile> file;
  std::ostream* target = &out;
  if (args.output != "-") {
    auto created = OutputFile::create(args.output, inputs);
    if (!created) return tpp::unexpected(created.error());
    file = std::move(*created);
    target = &file->stream();
  }
  auto stats = run_catalog(inputs, *target, err, catalog);
  if (!stats) return tpp::unexpected(stats.error());  // the temporary file is removed
  if (file) {
    if (auto ok = file->commit(); !ok) return tpp::unexpected(ok.error());
  } else if (auto ok = check_written(out, "standard output"); !ok) {
    return tpp::unexpected(ok.error());
  }
  return BatchOutcome{args.allow_record_errors ? 0 : stats->failed};
}

Result<std::string> run_plot(const Common& common, const PlotArgs& args, const SpecArgs& spec,
                             std::vector<Error>& skipped) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  const Date as_of = options->as_of.value_or(today());
  options->as_of = as_of;
  std::vector<MapChip> chips;
  if (!args.catalog.empty()) {
    if (!args.chips.empty()) {
      return fail(errc::invalid_argument, "--catalog", args.catalog,
                  "give chips or --catalog, not both");
    }
    CatalogOptions catalog;
    catalog.as_of = as_of;
    catalog.tf32_bits = options->tf32_bits;
    auto read = map_catalog(args.catalog, catalog);
    if (!read) return tpp::unexpected(read.error());
    chips = std::move(read->chips);
    for (Error& error : read->skipped) {
      error.field = args.catalog + " " + error.field;
      skipped.push_back(std::move(error));
    }
  } else if (args.chips.empty() && !spec.given()) {
    for (const auto& chip : ChipDatabase::bundled().chips()) {
      if (chip->kind != ChipKind::accelerator)
        continue;  // memory parts and systems are not in the plane
      auto report = evaluate(chip, *options);
      if (!report) return tpp::unexpected(report.error());
      chips.push_back(map_chip(*report));
    }
  } else {
    auto specs = chips_of(args.chips, spec);
    if (!specs) return tpp::unexpected(specs.error());
    auto reports = evaluate_all(*specs, *options);
    if (!reports) return tpp::unexpected(reports.error());
    for (const Report& report : *reports) {
      if (report.spec->kind != ChipKind::accelerator) {
        return fail(errc::invalid_argument, "chip", report.spec->id,
                    "only ICs with processing units are placed on the map");
      }
      chips.push_back(map_chip(report));
    }
  }
  MapOptions map;
  if (args.labels == "auto") {
    map.labels = MapLabels::automatic;
  } else if (args.labels == "none") {
    map.labels = MapLabels::none;
  } else if (args.labels == "all") {
    map.labels = MapLabels::all;
  } else {
    return fail(errc::invalid_argument, "--labels", args.labels, "expected auto, none or all");
  }
  for (const auto& [flag, text, range] :
       {std::tuple{"--tpp-range", &args.tpp_range, &map.tpp_range},
        std::tuple{"--density-range", &args.density_range, &map.density_range}}) {
    if (text->empty()) continue;
    const auto colon = text->find(':');
    auto low = parse_decimal(text->substr(0, colon), flag);
    auto high = parse_decimal(colon == std::string::npos ? "" : text->substr(colon + 1), flag);
    if (!low || !high || low->units() <= 0 || *high <= *low) {
      return fail(errc::invalid_argument, flag, *text,
                  "expected MIN:MAX with 0 < MIN < MAX (e.g. 100:100000)");
    }
    *range = std::pair{low->to_double(), high->to_double()};
  }
  MapLayout layout = layout_map(chips, as_of, map);
  layout.skipped_records = skipped.size();
  return args.html ? render_map_html(layout) : render_map_svg(layout);
}

Result<std::string> run_timeline_plot(const Common& common, const std::vector<std::string>& chips,
                                      const SpecArgs& args) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  auto specs = chips_of(chips, args);
  if (!specs) return tpp::unexpected(specs.error());
  std::vector<std::vector<TimelineEntry>> timelines;
  for (const auto& spec : *specs) {
    auto entries = timeline(spec, *options);
    if (!entries) return tpp::unexpected(entries.error());
    timelines.push_back(std::move(*entries));
  }
  return render_timeline_svg(timelines);
}

Result<std::string> to_output(std::string text, const std::string& path) {
  if (path.empty() || path == "-") return text;
  auto file = OutputFile::create(path);
  if (!file) return tpp::unexpected(file.error());
  file->stream() << text;
  if (auto ok = file->commit(); !ok) return tpp::unexpected(ok.error());
  return std::string();
}

}  // namespace tpp::cli
