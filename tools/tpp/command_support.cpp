// What every command shares: the options turned into the library's, a chip from the command
// line, and reports rendered one after another.
#include "command_support.hpp"

#include <algorithm>
#include <fstream>

namespace tpp::cli {

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
  options.details = true;  // the command prints them
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

namespace {

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
}  // namespace

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
Result<CatalogOptions> catalog_options_of(const Options& options, std::string_view fields,
                                          const std::string& field) {
  CatalogOptions catalog;
  catalog.destination = options.destination;
  catalog.origin = options.origin;
  catalog.headquarters = options.headquarters;
  catalog.as_of = options.as_of.value_or(today());
  catalog.tf32_bits = options.tf32_bits;
  auto chosen = parse_catalog_fields(fields);
  if (!chosen) {
    Error error = chosen.error();
    error.field = field;
    return tpp::unexpected(std::move(error));
  }
  catalog.fields = *chosen;
  return catalog;
}

Result<std::vector<std::shared_ptr<const ChipSpec>>> chips_of(const std::vector<std::string>& names,
                                                              const SpecArgs& args) {
  std::vector<std::shared_ptr<const ChipSpec>> out;
  if (!names.empty()) {
    if (args.given()) {
      return fail(errc::invalid_argument, "chip", names.front(),
                  "give chips by name or describe one with --spec/--from/--tops/..., not both");
    }
    for (const std::string& name : names) {
      auto chip = ChipDatabase::find_bundled(name);
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

}  // namespace tpp::cli
