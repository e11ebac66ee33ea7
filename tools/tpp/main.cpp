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

void add_common(CLI::App& command, tpp::cli::Common& common) {
  command.add_flag("--json", common.json, "One JSON object per chip per line");
  command.add_option("--as-of", common.as_of,
                     "Classify under the rules in force on YYYY-MM-DD (default: today)");
  command.add_option("--tf32-bits", common.tf32_bits,
                     "Bit length TF32 counts at: 32 (default) or 19");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "tpp: Total Processing Performance, performance density and ECCN 3A090 classification of "
      "AI chips.\nNot legal advice.",
      "tpp"};
  app.set_version_flag("--version", std::string("tpp ") + tpp::version_string);
  app.require_subcommand(0, 1);

  tpp::cli::Common common;
  CLI::App* list =
      app.add_subcommand("list", "Table of the bundled chips and their classification");
  add_common(*list, common);

  std::vector<std::string> chips;
  CLI::App* show = app.add_subcommand(
      "show", "One chip in full: inputs, sources, TPP per precision, result, margins");
  show->add_option("chip", chips, "Chip id or alias (case-insensitive), e.g. h20, H100")
      ->required();
  add_common(*show, common);

  tpp::cli::ClassifyArgs args;
  CLI::App* classify =
      app.add_subcommand("classify", "Classify an ad-hoc chip from options or a spec file");
  classify->add_option("--tops", args.tops,
                       "Dense throughput PRECISION=TOPS, repeatable (fp8=296, tf32=74, 8=100)");
  classify->add_option("--sparse-tops", args.sparse_tops,
                       "A figure printed with 2:4 sparsity, PRECISION=TOPS; halved");
  classify->add_option("--area", args.area_mm2, "Die area in mm2 (one logic die)");
  classify->add_flag("--planar", args.planar,
                     "The die is on a planar node (density then does not apply)");
  classify->add_flag("--non-datacenter", args.non_datacenter,
                     "Not designed or marketed for datacenters");
  classify->add_option("--io-gbps", args.io_gbps, "Aggregate bidirectional chip-to-chip I/O, GB/s");
  classify->add_option("--name", args.name, "Name to print");
  classify->add_option("--spec", args.spec_file, "A spec in the chips/ JSON format; - reads stdin");
  add_common(*classify, common);

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
    tpp::Result<std::string> output = tpp::fail(tpp::errc::invalid_argument, "command", "",
                                                "give one of list, show, classify (see --help)");
    if (list->parsed()) output = tpp::cli::run_list(common);
    if (show->parsed()) output = tpp::cli::run_show(common, chips);
    if (classify->parsed()) output = tpp::cli::run_classify(common, args);
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
