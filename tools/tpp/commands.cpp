#include "commands.hpp"

#include <algorithm>

namespace tpp::cli {
namespace {

Result<Options> options_of(const Common& common) {
  Options options;
  options.tf32_bits = common.tf32_bits;
  if (!common.as_of.empty()) {
    auto date = parse_date(common.as_of, "--as-of");
    if (!date) return std::unexpected(date.error());
    options.as_of = *date;
  }
  if (common.tf32_bits != 19 && common.tf32_bits != 32) {
    return fail(errc::invalid_argument, "--tf32-bits", std::to_string(common.tf32_bits),
                "must be 19 or 32");
  }
  return options;
}

std::string render_each(const Common& common, const std::vector<Report>& reports) {
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (common.json) {
      out += render_json(reports[i]) + "\n";
    } else {
      if (i > 0) out += '\n';
      out += render_show(reports[i]);
    }
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

}  // namespace

Result<std::string> run_list(const Common& common) {
  auto options = options_of(common);
  if (!options) return std::unexpected(options.error());
  std::vector<Report> reports;
  for (const auto& chip : ChipDatabase::bundled().chips()) {
    auto report = evaluate(chip, *options);
    if (!report) return std::unexpected(report.error());
    reports.push_back(std::move(*report));
  }
  std::stable_sort(reports.begin(), reports.end(),
                   [](const Report& a, const Report& b) { return a.metrics.tpp > b.metrics.tpp; });
  if (common.json) return render_each(common, reports);
  return render_list(reports);
}

Result<std::string> run_show(const Common& common, const std::vector<std::string>& chips) {
  auto options = options_of(common);
  if (!options) return std::unexpected(options.error());
  std::vector<Report> reports;
  for (const std::string& name : chips) {
    auto chip = ChipDatabase::bundled().find_shared(name);
    if (!chip) return std::unexpected(chip.error());
    auto report = evaluate(*chip, *options);
    if (!report) return std::unexpected(report.error());
    reports.push_back(std::move(*report));
  }
  return render_each(common, reports);
}

Result<std::string> run_classify(const Common& common, const ClassifyArgs& args) {
  auto options = options_of(common);
  if (!options) return std::unexpected(options.error());
  const bool inline_given = !args.tops.empty() || !args.sparse_tops.empty() || args.area_mm2 ||
                            args.io_gbps || args.planar || args.non_datacenter;
  Result<ChipSpec> spec = fail(errc::internal, "", "", "unset");
  if (args.spec_file) {
    if (inline_given) {
      return fail(errc::invalid_argument, "--spec", *args.spec_file,
                  "give either --spec or --tops/--area/..., not both");
    }
    spec = read_spec_file(*args.spec_file);
  } else {
    AdhocInput input;
    input.name = args.name;
    auto dense = split_tops(args.tops, false, "--tops");
    if (!dense) return std::unexpected(dense.error());
    auto sparse = split_tops(args.sparse_tops, true, "--sparse-tops");
    if (!sparse) return std::unexpected(sparse.error());
    input.throughput = std::move(*dense);
    input.throughput.insert(input.throughput.end(), sparse->begin(), sparse->end());
    if (args.area_mm2) input.die_area_mm2 = LabeledText{"--area", *args.area_mm2};
    if (args.io_gbps) input.io_bidirectional_gbps = LabeledText{"--io-gbps", *args.io_gbps};
    input.planar = args.planar;
    input.datacenter = !args.non_datacenter;
    spec = make_adhoc_spec(input);
  }
  if (!spec) return std::unexpected(spec.error());
  auto report = evaluate(*spec, *options);
  if (!report) return std::unexpected(report.error());
  return render_each(common, {std::move(*report)});
}

}  // namespace tpp::cli
