#include "commands.hpp"

#include "command_support.hpp"

#include <unistd.h>
#include <algorithm>
#include <fstream>
#include <tuple>

namespace tpp::cli {

bool SpecArgs::given() const {
  return spec_file || from || !tops.empty() || !sparse_tops.empty() || area_mm2 || dies ||
         io_gbps || memory_gbps || transistors || planar || non_datacenter;
}

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

Result<std::string> to_output(std::string text, const std::string& path) {
  if (path.empty() || path == "-") return text;
  auto file = OutputFile::create(path);
  if (!file) return tpp::unexpected(file.error());
  file->stream() << text;
  if (auto ok = file->commit(); !ok) return tpp::unexpected(ok.error());
  return std::string();
}

}  // namespace tpp::cli
