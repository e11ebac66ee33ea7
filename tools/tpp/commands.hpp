// The subcommands of `tpp`: each turns parsed options into library calls and returns what to
// print; nothing is printed on failure.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "tpp/batch/catalog.hpp"
#include "tpp/tpp.hpp"

namespace tpp::cli {

/// Options every subcommand shares.
struct Common {
  bool json = false;
  std::string output_format;  ///< text, json or csv (list, fleet, quota); empty: --json decides
  std::string as_of;          ///< empty: today
  int tf32_bits = kDefaultTf32Bits;
  std::string to;            ///< destination country, empty: none
  std::string from_country;  ///< export origin, empty: the US
  std::string hq;            ///< end user's headquarters, empty: not given
};

/// A chip described on the command line: a spec file, or figures (optionally starting from a
/// bundled chip with --from). The same options on every command that takes a chip.
struct SpecArgs {
  std::vector<std::string> tops;         ///< "PREC=VALUE"
  std::vector<std::string> sparse_tops;  ///< "PREC=VALUE", printed with sparsity
  std::optional<std::string> area_mm2;
  std::optional<std::string> dies;  ///< how many of the --area die
  std::optional<std::string> io_gbps;
  std::optional<std::string> memory_gbps;
  std::optional<std::string> transistors;  ///< billions
  bool planar = false;
  bool non_datacenter = false;
  std::optional<std::string> name;
  std::optional<std::string> spec_file;
  std::optional<std::string> from;  ///< a bundled chip to start from

  /// Whether the options describe a chip (a spec file, --from or any figure).
  bool given() const;
};

/// `tpp model`: a model's training operations.
struct ModelArgs {
  std::string training_ops;
  bool published = false;
  std::optional<std::string> derived_from_ops;
};

/// A fleet or shipment file and how to read it.
struct FleetArgs {
  std::string file;
  std::string format;  ///< csv, json, jsonl; empty: from the extension
  bool keep_going = false;
  bool lines = true;  ///< print one row per line
  std::string h100eq = "tpp";
  std::string policy;  ///< quota: a policy file, empty: the bundled one
  bool what_if = false;
  std::optional<std::string> days;       ///< fleet: compute over this many days
  std::string utilization = "1";         ///< fleet: share of the dense rate (0-1]
  std::optional<std::string> precision;  ///< fleet: the precision of the rate
};

/// How a streamed batch went: the lines that failed were reported on `err`.
struct BatchOutcome {
  std::size_t bad_lines = 0;
};

/// A catalog run.
struct CatalogArgs {
  std::vector<std::string> files;
  std::string input_format;  ///< jsonl, csv, epoch; empty: from the extension and header
  std::string output_format = "jsonl";
  std::string output = "-";
  std::string fields = "result";  ///< --fields: a set name or a list
  std::string run_facts;          ///< --run-facts FILE, empty: none
  unsigned threads = 0;
  bool allow_record_errors = false;  ///< exit 0 when only some records failed
};

/// The whole command line: parses argv, runs the subcommand, prints; returns the exit code (0
/// success, 2 bad usage or input, 1 internal error). main() and the CLI fuzzer call it.
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

/// `tpp plot`: the map of chips (bundled, named, or from a catalog file).
struct PlotArgs {
  std::vector<std::string> chips;
  std::string catalog;
  bool html = false;
  bool allow_record_errors = false;
  std::string labels = "auto";
  std::string tpp_range;      ///< MIN:MAX, empty: from the data
  std::string density_range;  ///< MIN:MAX, empty: from the data
};

Result<std::string> run_list(const Common& common);
/// The map; catalog records with errors are left off it and returned in `skipped`.
Result<std::string> run_plot(const Common& common, const PlotArgs& args, const SpecArgs& spec,
                             std::vector<Error>& skipped);
Result<std::string> run_timeline_plot(const Common& common, const std::vector<std::string>& chips,
                                      const SpecArgs& args);
/// Writes `text` to `path` ("-" or empty: returns it for stdout instead).
Result<std::string> to_output(std::string text, const std::string& path);
Result<std::string> run_show(const Common& common, const std::vector<std::string>& chips,
                             const SpecArgs& args);
Result<std::string> run_explain(const Common& common, const std::vector<std::string>& chips,
                                const SpecArgs& args);
Result<std::string> run_classify(const Common& common, const SpecArgs& args);
Result<std::string> run_timeline(const Common& common, const std::vector<std::string>& chips,
                                 const SpecArgs& args);
Result<std::string> run_headroom(const Common& common, const std::vector<std::string>& chips,
                                 const SpecArgs& args, const std::string& at);

Result<std::string> run_model(const Common& common, const ModelArgs& args);

Result<BatchOutcome> run_fleet(const Common& common, const FleetArgs& args, std::ostream& out,
                               std::ostream& err);
Result<BatchOutcome> run_quota(const Common& common, const FleetArgs& args, std::ostream& out,
                               std::ostream& err);

/// The same over a reader already open (an HTTP request's body); args.file is not used.
Result<BatchOutcome> run_fleet(const Common& common, const FleetArgs& args, FleetReader& reader,
                               std::ostream& out, std::ostream& err);
Result<BatchOutcome> run_quota(const Common& common, const FleetArgs& args, FleetReader& reader,
                               std::ostream& out, std::ostream& err);

Result<BatchOutcome> run_catalog_command(const Common& common, const CatalogArgs& args,
                                         std::ostream& out, std::ostream& err);

}  // namespace tpp::cli
