// `tpp fleet`, `tpp quota` and `tpp catalog`: files of lines or records in, one result per
// input, totals after.
#include <unistd.h>

#include "command_support.hpp"
#include "commands.hpp"

namespace tpp::cli {

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

// Reads every line, handing good ones to `use`; a bad line stops the run unless --keep-going,
// with which it goes to `bad` (the line's error record in the output) and to stderr.
template <class Use, class Bad>
Result<BatchOutcome> for_each_line(FleetReader& reader, const FleetArgs& args, std::ostream& err,
                                   Use use, Bad bad) {
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
    bad(*error);
    ++outcome.bad_lines;
  }
  return outcome;
}

}  // namespace

// The reader is opened by `open_reader` after the options are checked (a bad option is
// reported before a missing file).
template <class OpenReader>
Result<BatchOutcome> fleet_lines(const Common& common, const FleetArgs& args,
                                 OpenReader open_reader, std::ostream& out, std::ostream& err) {
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
  Result<FleetReader> reader = open_reader();
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
  auto outcome = for_each_line(
      *reader, args, err,
      [&](const FleetLine& line) -> Result<void> {
        auto result = account.add(line);
        if (!result) return tpp::unexpected(result.error());
        if (args.lines)
          out << (csv ? render_fleet_line_csv(*result) : render_fleet_line(*result, json));
        return {};
      },
      [&](const Error& error) {
        if (args.lines && (csv || json)) out << render_fleet_error(error, csv);
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

// The reader is opened by `open_reader` after the options are checked (a bad option is
// reported before a missing file).
template <class OpenReader>
Result<BatchOutcome> quota_lines(const Common& common, const FleetArgs& args,
                                 OpenReader open_reader, std::ostream& out, std::ostream& err) {
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
  Result<FleetReader> reader = open_reader();
  if (!reader) return tpp::unexpected(reader.error());
  QuotaLedger ledger(policy, QuotaOptions{args.what_if, common.tf32_bits});
  const bool json = *format == OutputFormat::json;
  const bool csv = *format == OutputFormat::csv;
  if (csv) out << render_quota_csv_header();
  auto outcome = for_each_line(
      *reader, args, err,
      [&](const FleetLine& line) -> Result<void> {
        auto result = ledger.add(line);
        if (!result) return tpp::unexpected(result.error());
        if (args.lines)
          out << (csv ? render_quota_line_csv(*result) : render_quota_line(*result, json));
        return {};
      },
      [&](const Error& error) {
        if (args.lines && (csv || json)) out << render_quota_error(error, csv);
      });
  if (!outcome) return outcome;
  out << (csv ? render_quota_report_csv(ledger.report())
              : render_quota_report(ledger.report(), policy, json));
  return outcome;
}

Result<BatchOutcome> run_fleet(const Common& common, const FleetArgs& args, std::ostream& out,
                               std::ostream& err) {
  return fleet_lines(
      common, args, [&] { return open_fleet(args); }, out, err);
}

Result<BatchOutcome> run_fleet(const Common& common, const FleetArgs& args, FleetReader& reader,
                               std::ostream& out, std::ostream& err) {
  return fleet_lines(
      common, args, [&] { return Result<FleetReader>(std::move(reader)); }, out, err);
}

Result<BatchOutcome> run_quota(const Common& common, const FleetArgs& args, std::ostream& out,
                               std::ostream& err) {
  return quota_lines(
      common, args, [&] { return open_fleet(args); }, out, err);
}

Result<BatchOutcome> run_quota(const Common& common, const FleetArgs& args, FleetReader& reader,
                               std::ostream& out, std::ostream& err) {
  return quota_lines(
      common, args, [&] { return Result<FleetReader>(std::move(reader)); }, out, err);
}

Result<BatchOutcome> run_catalog_command(const Common& common, const CatalogArgs& args,
                                         std::ostream& out, std::ostream& err) {
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  // options_of checked the countries once (not once per record) and gave their codes.
  auto chosen = catalog_options_of(*options, args.fields, "--fields");
  if (!chosen) return tpp::unexpected(chosen.error());
  CatalogOptions catalog = std::move(*chosen);
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
  if (!args.run_facts.empty()) {
    auto facts = OutputFile::create(args.run_facts, inputs);
    if (!facts) return tpp::unexpected(facts.error());
    facts->stream() << catalog_run_facts_json(catalog, inputs.size() > 1) << '\n';
    if (auto ok = facts->commit(); !ok) return tpp::unexpected(ok.error());
  }
  return BatchOutcome{args.allow_record_errors ? 0 : stats->failed};
}

}  // namespace tpp::cli
