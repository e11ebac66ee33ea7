// `tpp plot` and `tpp timeline --plot`: the threshold map and the timeline chart.
#include <tuple>

#include "command_support.hpp"
#include "commands.hpp"

namespace tpp::cli {

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

}  // namespace tpp::cli
