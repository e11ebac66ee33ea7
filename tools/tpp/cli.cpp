// The `tpp` command line: the subcommands and their options (CLI11), and the one place errors
// become exit codes: 0 success, 2 bad usage or bad input, 1 internal error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>

#include "commands.hpp"
#include "compare_command.hpp"
#include "held_output.hpp"
#include "serve/serve.hpp"

namespace {

enum ExitCode : int { kOk = 0, kInternal = 1, kBadInput = 2 };

int exit_code(tpp::errc code) {
  return code == tpp::errc::internal ? kInternal : kBadInput;
}

void add_common(CLI::App& command, tpp::cli::Common& common, bool destination = true) {
  command.add_flag("--json", common.json, "One JSON object per chip per line");
  command.add_option("--as-of", common.as_of,
                     "Apply the rules in force on YYYY-MM-DD (default: today)");
  command.add_option("--tf32-bits", common.tf32_bits,
                     "Bit length TF32 counts at: 32 (default) or 19");
  if (destination) {
    command.add_option("--to", common.to,
                       "Destination country (ISO 3166 code or name): licence, exceptions, review");
    command.add_option("--from-country", common.from_country,
                       "Country the item is exported from (default: US); decides the 2026 China "
                       "window (exports from the US only)");
    command.add_option("--hq", common.hq,
                       "Country where the end user (or its ultimate parent) is headquartered; "
                       "without it an answer that depends on it is undetermined");
  }
}

// The options that describe a chip, the same on every command that takes one.
// list, fleet and quota print a table, JSON or CSV; --json stays the short form of the second.
void add_output_format(CLI::App& command, tpp::cli::Common& common) {
  command.add_option("--output-format", common.output_format, "text (default), json or csv");
}

void add_spec_options(CLI::App& command, tpp::cli::SpecArgs& args) {
  const std::string group = "Describe a chip (instead of naming a bundled one)";
  command
      .add_option("--from", args.from,
                  "Start from a bundled chip; the options below change its figures")
      ->group(group);
  command
      .add_option("--tops", args.tops,
                  "Dense throughput PRECISION=TOPS, repeatable (fp8=296, tf32=74, 8=100)")
      ->group(group);
  command
      .add_option("--sparse-tops", args.sparse_tops,
                  "A figure printed with 2:4 sparsity, PRECISION=TOPS; halved")
      ->group(group);
  command.add_option("--area", args.area_mm2, "Area of one logic die, mm2")->group(group);
  command.add_option("--dies", args.dies, "How many of the --area die (default 1)")->group(group);
  command
      .add_flag("--planar", args.planar,
                "The logic dies are on a planar node (density then does not apply)")
      ->group(group);
  command
      .add_flag("--non-datacenter", args.non_datacenter, "Not designed or marketed for datacenters")
      ->group(group);
  command.add_option("--io-gbps", args.io_gbps, "Aggregate bidirectional chip-to-chip I/O, GB/s")
      ->group(group);
  command.add_option("--memory-gbps", args.memory_gbps, "Total DRAM bandwidth, GB/s")->group(group);
  command.add_option("--transistors", args.transistors, "Transistor count, billions")->group(group);
  command.add_option("--name", args.name, "Name to print")->group(group);
  command.add_option("--spec", args.spec_file, "A spec in the chips/ JSON format; - reads stdin")
      ->group(group);
}

}  // namespace

namespace tpp::cli {

int run(int argc, char** argv, std::ostream& stdout_stream, std::ostream& stderr_stream) {
  CLI::App app{
      "tpp: Total Processing Performance, performance density and ECCN 3A090/4A090 "
      "classification of AI chips, under the rules in force on any date.\nNot legal advice.",
      "tpp"};
  app.set_version_flag("--version", std::string("tpp ") + tpp::version_string);
  app.require_subcommand(0, 1);
  // Global, and accepted after the subcommand too.
  app.fallthrough();
  std::string rules_dir;
  app.add_option("--rules", rules_dir,
                 "Use the rule package in this directory (the layout of data/rules/) instead of "
                 "the compiled-in one; the audit record names its version, hash and directory")
      ->envname("TPP_RULES");

  tpp::cli::Common common;
  std::vector<std::string> chips;
  tpp::cli::SpecArgs args;
  std::string at;

  CLI::App* list =
      app.add_subcommand("list", "Table of the bundled chips and their classification");
  add_common(*list, common, false);
  add_output_format(*list, common);

  CLI::App* show = app.add_subcommand(
      "show", "One chip in full: inputs, sources, TPP per precision, result, margins");
  show->add_option("chip", chips, "Chip id or alias (case-insensitive), e.g. h20, H100");
  add_spec_options(*show, args);
  add_common(*show, common);

  CLI::App* explain = app.add_subcommand(
      "explain", "Why: each test of the rule in force with its numbers, margin and sources");
  explain->add_option("chip", chips, "Chip id or alias");
  add_spec_options(*explain, args);
  add_common(*explain, common);

  CLI::App* classify =
      app.add_subcommand("classify", "Classify an ad-hoc chip from options or a spec file");
  add_spec_options(*classify, args);
  add_common(*classify, common);

  bool timeline_plot = false;
  std::string output_path;
  CLI::App* history =
      app.add_subcommand("timeline", "A chip's status at every rule date, changes marked");
  history->add_option("chip", chips, "Chip id or alias");
  add_spec_options(*history, args);
  history->add_flag("--plot", timeline_plot, "Draw it as SVG (with -o FILE, or to stdout)");
  history->add_option("-o,--output", output_path, "Output file for --plot (default: stdout)");
  add_common(*history, common);

  tpp::cli::PlotArgs plot_args;
  CLI::App* plot = app.add_subcommand(
      "plot",
      "The threshold map: TPP x performance density with the 3A090 regions and the chips (SVG)");
  plot->add_option("chip", plot_args.chips, "Chips to place (default: every bundled IC)");
  add_spec_options(*plot, args);
  plot->add_option("--catalog", plot_args.catalog,
                   "Place the records of a catalog instead: any input of tpp catalog (JSONL, "
                   "flat CSV, Epoch AI's CSV) or its output");
  plot->add_flag("--allow-record-errors", plot_args.allow_record_errors,
                 "Exit 0 when some catalog records are errors (they are still named on stderr)");
  plot->add_option("--labels", plot_args.labels,
                   "auto (default: where a label fits clear of everything), none or all");
  plot->add_option("--tpp-range", plot_args.tpp_range,
                   "TPP axis MIN:MAX (default: the decades holding the data and the thresholds)");
  plot->add_option("--density-range", plot_args.density_range, "Density axis MIN:MAX");
  plot->add_flag("--html", plot_args.html,
                 "One offline HTML page: the map, the chips' table, the rule's thresholds");
  plot->add_option("-o,--output", output_path, "Output file (default: stdout)");
  add_common(*plot, common, false);

  CLI::App* room = app.add_subcommand(
      "headroom", "How much throughput (or how little area) keeps a chip under each line");
  room->add_option("chip", chips, "Chip id or alias (or use --spec/--tops)");
  room->add_option("--at", at, "Precision to vary (default: the one that governs TPP)");
  add_spec_options(*room, args);
  add_common(*room, common, false);

  CLI::App* compare_cmd = app.add_subcommand(
      "compare",
      "Chips and systems side by side: TPP, H100-equivalents, density, memory, power, TPP per "
      "watt, classification and licence answer (--to, --as-of)");
  compare_cmd->add_option("chip", chips, "Two or more chip or system ids or aliases");
  add_common(*compare_cmd, common);
  add_output_format(*compare_cmd, common);

  tpp::cli::ModelArgs model_args;
  CLI::App* model = app.add_subcommand(
      "model", "Classify an AI model's weights (ECCN 4E091, 10^26 training operations)");
  model
      ->add_option("--training-ops", model_args.training_ops,
                   "All training operations, e.g. 3e26 (pre-training and later training)")
      ->required();
  model->add_flag("--published", model_args.published, "The weights are published (§734.7)");
  model->add_option("--derived-from-ops", model_args.derived_from_ops,
                    "Derived from a published model trained with this many operations");
  model->add_flag("--json", common.json, "One JSON object");
  model->add_option("--as-of", common.as_of, "Apply the rules in force on YYYY-MM-DD");
  model->add_option("--to", common.to, "Destination country (ISO 3166 code or name)");

  tpp::cli::FleetArgs fleet_args;
  CLI::App* fleet = app.add_subcommand("fleet",
                                       "Totals of TPP and H100-equivalents by chip, destination "
                                       "and consignee; each line classified");
  fleet->add_option("file", fleet_args.file, "Fleet file: .csv, .json or .jsonl (- for stdin)")
      ->required();
  fleet->add_option("--format", fleet_args.format,
                    "csv, json or jsonl (default: from the extension)");
  fleet->add_flag("--keep-going", fleet_args.keep_going, "Report bad lines and account the rest");
  fleet->add_flag("--lines,!--summary", fleet_args.lines,
                  "One row per line (default) or totals only");
  fleet->add_option("--h100eq", fleet_args.h100eq,
                    "H100-equivalents by tpp (default) or epoch (8-bit ops)");
  fleet->add_option("--days", fleet_args.days,
                    "Also report the operations the fleet could deliver in this many days, and "
                    "how long it takes to reach 10^26 (ECCN 4E091's line)");
  fleet->add_option("--utilization", fleet_args.utilization,
                    "Share of the dense rate achieved, 0-1 (default 1)");
  fleet->add_option("--precision", fleet_args.precision,
                    "Precision of the rate (default: bf16 where a chip has it, else fp16, else "
                    "the one governing its TPP)");
  add_common(*fleet, common, false);
  add_output_format(*fleet, common);

  tpp::cli::FleetArgs quota_args;
  quota_args.lines = false;
  CLI::App* quota = app.add_subcommand(
      "quota", "Account shipments against the AI Diffusion caps (LPP, allocations, VEU, Tier 3)");
  quota->add_option("file", quota_args.file, "Shipment file: .csv, .json or .jsonl (- for stdin)")
      ->required();
  quota->add_option("--format", quota_args.format,
                    "csv, json or jsonl (default: from the extension)");
  quota->add_option("--policy", quota_args.policy,
                    "A policy file (default: the bundled AI Diffusion policy)");
  quota->add_flag("--what-if", quota_args.what_if,
                  "Apply the policy to shipments outside its window too");
  quota->add_flag("--keep-going", quota_args.keep_going, "Report bad lines and account the rest");
  quota->add_flag("--lines", quota_args.lines, "Also print how each shipment was accounted");
  quota->add_flag("--json", common.json, "JSON output");
  add_output_format(*quota, common);
  quota->add_option("--tf32-bits", common.tf32_bits,
                    "Bit length TF32 counts at: 32 (default) or 19");

  CLI::App* rules = app.add_subcommand(
      "rules", "The rule package in use: version, hash, origin, every revision with its citation");
  rules->add_flag("--json", common.json, "One JSON object");

  tpp::cli::CatalogArgs catalog_args;
  CLI::App* catalog = app.add_subcommand(
      "catalog",
      "Classify every record of catalog files (JSONL, flat CSV, Epoch AI's CSV), in order");
  catalog->add_option("files", catalog_args.files, "Catalog files (.jsonl or .csv; - for stdin)")
      ->required();
  catalog->add_option("--input-format", catalog_args.input_format,
                      "jsonl, csv or epoch (default: from the extension and header)");
  catalog->add_option("--output-format", catalog_args.output_format, "jsonl (default) or csv");
  catalog->add_option("-o,--output", catalog_args.output, "Output file (default: - for stdout)");
  catalog->add_option("--fields", catalog_args.fields,
                      "Fields per record: compact, result (default), full, or a comma-separated "
                      "list of fields and sets (record and error are always written)");
  catalog->add_option("--run-facts", catalog_args.run_facts,
                      "Also write the run's facts (tool, rules version and SHA-256, as-of, "
                      "fields) to this file as JSON; a JSONL output starts with them anyway");
  catalog->add_option("--threads", catalog_args.threads, "Worker threads (default: every core)");
  catalog->add_flag("--allow-record-errors", catalog_args.allow_record_errors,
                    "Exit 0 when the run completes even if some records are errors (they are "
                    "still written, one per record)");
  add_common(*catalog, common);

  tpp::serve::ServeOptions serve_options;
  std::size_t serve_max_body_mb = serve_options.max_body_bytes >> 20;
  CLI::App* serve = app.add_subcommand(
      "serve", "A local web page and a JSON API (/v1/) over the same calls, on loopback");
  serve->add_option("--port", serve_options.port, "TCP port (default 8080; 0: any free port)");
  serve->add_option("--bind", serve_options.bind,
                    "Address to listen on (default 127.0.0.1; anything else is reachable by "
                    "others, without authentication)");
  serve->add_option("--threads", serve_options.threads,
                    "Connections served at once (default 4); more wait in a bounded queue");
  serve->add_option("--max-body-mb", serve_max_body_mb,
                    "Largest catalog, fleet or quota body, MiB (default 16)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, stdout_stream, stderr_stream);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, stdout_stream, stderr_stream);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, stdout_stream, stderr_stream);
  } catch (const CLI::ParseError& e) {
    stderr_stream << "tpp: " << e.what() << "\n";
    return kBadInput;
  }

  // The rule package first: a broken one is refused before anything is answered with it.
  if (!rules_dir.empty()) {
    if (auto used = tpp::use_rules(rules_dir); !used) {
      stderr_stream << "tpp: rule package refused: " << used.error().message() << "\n";
      return kBadInput;
    }
  } else {
    tpp::use_bundled_rules();
  }

  try {
    tpp::Result<std::string> result =
        tpp::fail(tpp::errc::invalid_argument, "command", "",
                  "give one of list, show, explain, classify, timeline, headroom, model, fleet, "
                  "quota, catalog, plot, rules, serve (see --help)");
    if (list->parsed()) result = tpp::cli::run_list(common);
    if (rules->parsed()) result = tpp::render_rules(tpp::active_rules(), common.json);
    if (show->parsed()) result = tpp::cli::run_show(common, chips, args);
    if (explain->parsed()) result = tpp::cli::run_explain(common, chips, args);
    if (classify->parsed()) result = tpp::cli::run_classify(common, args);
    if (history->parsed()) {
      result = timeline_plot ? tpp::cli::run_timeline_plot(common, chips, args)
                             : tpp::cli::run_timeline(common, chips, args);
      if (result && timeline_plot) result = tpp::cli::to_output(std::move(*result), output_path);
    }
    if (plot->parsed()) {
      std::vector<tpp::Error> skipped;
      result = tpp::cli::run_plot(common, plot_args, args, skipped);
      if (result) result = tpp::cli::to_output(std::move(*result), output_path);
      if (result && !skipped.empty()) {
        stdout_stream.write(result->data(), static_cast<std::streamsize>(result->size()));
        if (auto written = tpp::check_written(stdout_stream, "standard output"); !written) {
          stderr_stream << "tpp: " << written.error().message() << "\n";
          return exit_code(written.error().code);
        }
        constexpr std::size_t kNamed = 10;
        for (std::size_t i = 0; i < skipped.size() && i < kNamed; ++i)
          stderr_stream << "tpp: " << skipped[i].message() << " (not drawn)\n";
        if (skipped.size() > kNamed) {
          stderr_stream << "tpp: ... and " << skipped.size() - kNamed
                        << " more records not drawn (tpp catalog lists every one)\n";
        }
        return plot_args.allow_record_errors ? kOk : kBadInput;
      }
    }
    if (serve->parsed()) {
      if (serve_max_body_mb < 1 || serve_max_body_mb > 1024) {
        stderr_stream << "tpp: --max-body-mb = " << serve_max_body_mb
                      << ": must be from 1 to 1024\n";
        return kBadInput;
      }
      serve_options.max_body_bytes = serve_max_body_mb << 20;
      auto served = tpp::serve::run_serve(serve_options, stdout_stream, stderr_stream);
      if (!served) {
        stderr_stream << "tpp: " << served.error().message() << "\n";
        return exit_code(served.error().code);
      }
      return kOk;
    }
    if (room->parsed()) result = tpp::cli::run_headroom(common, chips, args, at);
    if (compare_cmd->parsed()) result = tpp::cli::run_compare(common, chips);
    if (model->parsed()) result = tpp::cli::run_model(common, model_args);
    if (catalog->parsed()) {
      auto outcome =
          tpp::cli::run_catalog_command(common, catalog_args, stdout_stream, stderr_stream);
      if (!outcome) {
        stderr_stream << "tpp: " << outcome.error().message() << "\n";
        return exit_code(outcome.error().code);
      }
      return outcome->bad_lines > 0 ? kBadInput : kOk;
    }
    if (fleet->parsed() || quota->parsed()) {
      // Streamed: rows go out as they are read, through a buffer that is dropped if the run
      // fails before it first fills, so that a bad header or an early bad line prints nothing.
      tpp::cli::HeldOutput held(stdout_stream);
      std::ostream out(&held);
      auto outcome = fleet->parsed() ? tpp::cli::run_fleet(common, fleet_args, out, stderr_stream)
                                     : tpp::cli::run_quota(common, quota_args, out, stderr_stream);
      if (outcome) {
        held.release();
        if (auto written = tpp::check_written(stdout_stream, "standard output"); !written) {
          outcome = tpp::unexpected(written.error());
        }
      }
      if (!outcome) {
        stderr_stream << "tpp: " << outcome.error().message() << "\n";
        return exit_code(outcome.error().code);
      }
      return outcome->bad_lines > 0 ? kBadInput : kOk;
    }
    if (!result) {
      stderr_stream << "tpp: " << result.error().message() << "\n";
      return exit_code(result.error().code);
    }
    stdout_stream.write(result->data(), static_cast<std::streamsize>(result->size()));
    if (auto written = tpp::check_written(stdout_stream, "standard output"); !written) {
      stderr_stream << "tpp: " << written.error().message() << "\n";
      return exit_code(written.error().code);
    }
    return kOk;
  } catch (const std::exception& e) {
    stderr_stream << "tpp: internal error: " << e.what() << "\n";
    return kInternal;
  }
}

}  // namespace tpp::cli
