// `tpp`: the command-line face of the library. Exit codes: 0 success, 2 bad usage or bad
// input, 1 internal error. This file is the one place errors become exit codes.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>

#include "commands.hpp"

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
  }
}

void add_spec_options(CLI::App& command, tpp::cli::SpecArgs& args) {
  command.add_option("--tops", args.tops,
                     "Dense throughput PRECISION=TOPS, repeatable (fp8=296, tf32=74, 8=100)");
  command.add_option("--sparse-tops", args.sparse_tops,
                     "A figure printed with 2:4 sparsity, PRECISION=TOPS; halved");
  command.add_option("--area", args.area_mm2, "Die area in mm2 (one logic die)");
  command.add_flag("--planar", args.planar,
                   "The die is on a planar node (density then does not apply)");
  command.add_flag("--non-datacenter", args.non_datacenter,
                   "Not designed or marketed for datacenters");
  command.add_option("--io-gbps", args.io_gbps, "Aggregate bidirectional chip-to-chip I/O, GB/s");
  command.add_option("--name", args.name, "Name to print");
  command.add_option("--spec", args.spec_file, "A spec in the chips/ JSON format; - reads stdin");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "tpp: Total Processing Performance, performance density and ECCN 3A090/4A090 "
      "classification of AI chips, under the rules in force on any date.\nNot legal advice.",
      "tpp"};
  app.set_version_flag("--version", std::string("tpp ") + tpp::version_string);
  app.require_subcommand(0, 1);

  tpp::cli::Common common;
  std::vector<std::string> chips;
  tpp::cli::SpecArgs args;
  std::string at;

  CLI::App* list =
      app.add_subcommand("list", "Table of the bundled chips and their classification");
  add_common(*list, common, false);

  CLI::App* show = app.add_subcommand(
      "show", "One chip in full: inputs, sources, TPP per precision, result, margins");
  show->add_option("chip", chips, "Chip id or alias (case-insensitive), e.g. h20, H100")
      ->required();
  add_common(*show, common);

  CLI::App* explain = app.add_subcommand(
      "explain", "Why: each test of the rule in force with its numbers, margin and sources");
  explain->add_option("chip", chips, "Chip id or alias")->required();
  add_common(*explain, common);

  CLI::App* classify =
      app.add_subcommand("classify", "Classify an ad-hoc chip from options or a spec file");
  add_spec_options(*classify, args);
  add_common(*classify, common);

  CLI::App* history =
      app.add_subcommand("timeline", "A chip's status at every rule date, changes marked");
  history->add_option("chip", chips, "Chip id or alias")->required();
  add_common(*history, common);

  CLI::App* room = app.add_subcommand(
      "headroom", "How much throughput (or how little area) keeps a chip under each line");
  room->add_option("chip", chips, "Chip id or alias (or use --spec/--tops)");
  room->add_option("--at", at, "Precision to vary (default: the one that governs TPP)");
  add_spec_options(*room, args);
  add_common(*room, common, false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "tpp: " << e.what() << "\n";
    return kBadInput;
  }

  try {
    tpp::Result<std::string> output =
        tpp::fail(tpp::errc::invalid_argument, "command", "",
                  "give one of list, show, explain, classify, timeline, headroom (see --help)");
    if (list->parsed()) output = tpp::cli::run_list(common);
    if (show->parsed()) output = tpp::cli::run_show(common, chips);
    if (explain->parsed()) output = tpp::cli::run_explain(common, chips);
    if (classify->parsed()) output = tpp::cli::run_classify(common, args);
    if (history->parsed()) output = tpp::cli::run_timeline(common, chips);
    if (room->parsed()) output = tpp::cli::run_headroom(common, chips, args, at);
    if (!output) {
      std::cerr << "tpp: " << output.error().message() << "\n";
      return exit_code(output.error().code);
    }
    std::fwrite(output->data(), 1, output->size(), stdout);
    return kOk;
  } catch (const std::exception& e) {
    std::cerr << "tpp: internal error: " << e.what() << "\n";
    return kInternal;
  }
}
