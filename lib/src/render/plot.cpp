// The threshold map's layout: where each chip and each region goes. Regions are cells between
// consecutive thresholds of the rule in force, each classified by the classifier itself at the
// cell's centre, so the picture cannot disagree with the rule data.
#include "tpp/render/plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "core/text.hpp"
#include "render/plot_style.hpp"
#include "render/render_common.hpp"
#include "tpp/version.hpp"

namespace tpp {

using namespace tpp::detail;

namespace {

std::vector<Decimal> thresholds_of(const Regime& revision, Metric metric) {
  std::vector<Decimal> out;
  for (const Condition& c : ic_conditions(revision)) {
    if (c.metric == metric && std::find(out.begin(), out.end(), c.threshold) == out.end())
      out.push_back(c.threshold);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A cell centre (a geometric mean: many digits) as a decimal the classifier takes.
Decimal decimal_of(double value) {
  return decimal_from_double(std::round(value * 1e6) / 1e6).value_or(Decimal{});
}

}  // namespace

MapChip map_chip(const Report& report) {
  MapChip chip;
  const Classification& c = report.classification;
  chip.label = report.spec->id.empty() ? report.spec->name : report.spec->id;
  chip.tpp = report.metrics.tpp;
  if (report.metrics.density.state == DensityState::known)
    chip.density = report.metrics.density.value.to_double();
  if (c.paragraph) chip.paragraph = std::string(*c.paragraph);
  chip.possible_paragraphs.assign(c.possible_paragraphs.begin(), c.possible_paragraphs.end());
  if (c.eccn) chip.eccn = std::string(*c.eccn);
  chip.status = c.status;
  chip.datacenter = report.spec->datacenter.value;
  chip.estimate = report.basis == Basis::estimate;
  if (report.range) {
    chip.tpp_least = report.range->least_metrics.tpp;
    const Density& least = report.range->least_metrics.density;
    if (least.state == DensityState::known && chip.density) {
      chip.density_least = least.value.to_double();
    }
  }
  return chip;
}

MapChip map_chip(const CatalogRecord& record) {
  MapChip chip;
  chip.label = record.id.empty() ? record.name : record.id;
  chip.tpp = record.tpp;
  if (record.density_state == DensityState::known) chip.density = record.density;
  chip.paragraph = record.result().paragraph;
  chip.possible_paragraphs = record.result().possible_paragraphs;
  chip.eccn = record.result().eccn;
  chip.status = record.result().status;
  chip.datacenter = record.datacenter;
  chip.estimate = record.basis == Basis::estimate;
  return chip;
}

double MapLayout::x_of(double tpp) const {
  const double t = std::clamp(tpp, tpp_min, tpp_max);
  return plot.x + (std::log10(t) - std::log10(tpp_min)) /
                      (std::log10(tpp_max) - std::log10(tpp_min)) * plot.width;
}

double MapLayout::y_of(double density) const {
  const double d = std::clamp(density, density_min, density_max);
  return plot.y + plot.height -
         (std::log10(d) - std::log10(density_min)) /
             (std::log10(density_max) - std::log10(density_min)) * plot.height;
}

const MapRegion* MapLayout::region_at(double x, double y) const {
  // A point on a line belongs where the rule's ">=" puts it: the cell to its right (higher TPP)
  // and above it (higher density).
  const MapRegion* found = nullptr;
  for (const MapRegion& region : regions) {
    const Box& box = region.box;
    if (x < box.x || x > box.x + box.width || y < box.y || y > box.y + box.height) continue;
    if (found == nullptr || box.x > found->box.x ||
        (box.x == found->box.x && box.y < found->box.y)) {
      found = &region;
    }
  }
  return found;
}

namespace {

// The decade at or below / at or above a positive value.
double decade_below(double v) {
  return std::pow(10.0, std::floor(std::log10(v)));
}
double decade_above(double v) {
  return std::pow(10.0, std::ceil(std::log10(v)));
}

// The axes: as given, or the decades that hold every chip and the rule's thresholds.
void set_axes(MapLayout& layout, std::span<const MapChip> chips) {
  const MapOptions& options = layout.options;
  double tpp_lo = 0, tpp_hi = 0, density_lo = 0, density_hi = 0;
  const auto widen = [](double& lo, double& hi, double v) {
    if (!(v > 0) || !std::isfinite(v)) return;
    lo = lo == 0 ? v : std::min(lo, v);
    hi = std::max(hi, v);
  };
  for (const MapChip& chip : chips) {
    widen(tpp_lo, tpp_hi, chip.tpp.to_double());
    if (chip.density) widen(density_lo, density_hi, *chip.density);
  }
  if (layout.revision != nullptr) {
    for (const Decimal t : thresholds_of(*layout.revision, Metric::tpp))
      widen(tpp_lo, tpp_hi, t.to_double());
    for (const Decimal t : thresholds_of(*layout.revision, Metric::performance_density))
      widen(density_lo, density_hi, t.to_double());
  }
  if (tpp_lo == 0) tpp_lo = 100, tpp_hi = 100000;  // nothing to follow: the usual range
  if (density_lo == 0) density_lo = 0.5, density_hi = 100;
  layout.tpp_min = decade_below(tpp_lo);
  layout.tpp_max = std::max(decade_above(tpp_hi), layout.tpp_min * 10);
  layout.density_min = decade_below(density_lo);
  layout.density_max = std::max(decade_above(density_hi), layout.density_min * 10);
  if (options.tpp_range) std::tie(layout.tpp_min, layout.tpp_max) = *options.tpp_range;
  if (options.density_range) {
    std::tie(layout.density_min, layout.density_max) = *options.density_range;
  }
}

void add_regions(MapLayout& layout) {
  // The cells between consecutive thresholds, classified at their centres.
  std::vector<double> xs{layout.tpp_min};
  std::vector<double> ys{layout.density_min};
  if (layout.revision != nullptr) {
    for (const Decimal t : thresholds_of(*layout.revision, Metric::tpp)) {
      const double v = t.to_double();
      if (v > layout.tpp_min && v < layout.tpp_max) xs.push_back(v);
    }
    for (const Decimal t : thresholds_of(*layout.revision, Metric::performance_density)) {
      const double v = t.to_double();
      if (v > layout.density_min && v < layout.density_max) ys.push_back(v);
    }
  }
  xs.push_back(layout.tpp_max);
  ys.push_back(layout.density_max);
  ChipSpec probe;
  probe.processing_units.push_back(
      {"", 1, {{{Format::custom, 1}, Decimal::from_integer(1), false, {}}}});
  probe.io_bidirectional_gbps =
      Figure{kMaxBandwidthGbps, {}};  // the 2022 I/O test passed: the TPP line decides
  std::map<std::string, double> largest;
  for (std::size_t i = 0; i + 1 < xs.size(); ++i) {
    for (std::size_t j = 0; j + 1 < ys.size(); ++j) {
      const double tpp = std::sqrt(xs[i] * xs[i + 1]);
      const double density = std::sqrt(ys[j] * ys[j + 1]);
      Metrics metrics;
      metrics.tpp = decimal_of(tpp);
      metrics.density.state = DensityState::known;
      metrics.density.value = DecimalRatio{decimal_of(density), Decimal::from_integer(1)};
      const Classification c = classify(probe, metrics, layout.as_of);
      MapRegion region;
      region.paragraph = c.paragraph ? std::string(*c.paragraph) : std::string();
      if (c.paragraphs.empty()) {
        region.label = layout.revision ? "outside" : "no 3A090 yet";
      } else {
        region.label = short_paragraph(c.paragraphs.front());
        for (std::size_t k = 1; k < c.paragraphs.size(); ++k) {
          region.label += '+';  // appended in two steps: GCC 12 warns (-Wrestrict) on "+" + s
          region.label += short_paragraph(c.paragraphs[k]);
        }
        if (layout.revision &&
            thresholds_of(*layout.revision, Metric::io_bidirectional_gbps).size() > 0) {
          region.label = "3A090.a if I/O >= 600 GB/s";
        }
      }
      region.fill = region_fill(region.paragraph);
      region.tpp_from = decimal_of(xs[i]);
      region.tpp_to = decimal_of(xs[i + 1]);
      region.density_from = decimal_of(ys[j]);
      region.density_to = decimal_of(ys[j + 1]);
      const double x0 = layout.x_of(xs[i]);
      const double x1 = layout.x_of(xs[i + 1]);
      const double y0 = layout.y_of(ys[j + 1]);
      const double y1 = layout.y_of(ys[j]);
      region.box = {x0, y0, x1 - x0, y1 - y0};
      layout.regions.push_back(region);
    }
  }
}

void add_lines(MapLayout& layout) {
  // Threshold lines, and the review windows' TPP lines (dashed).
  if (layout.revision == nullptr) return;
  for (const Decimal t : thresholds_of(*layout.revision, Metric::tpp)) {
    if (t.to_double() > layout.tpp_min && t.to_double() < layout.tpp_max) {
      layout.lines.push_back(
          {true, layout.x_of(t.to_double()), "TPP " + format_decimal(t, 6, true), false});
    }
  }
  for (const Decimal t : thresholds_of(*layout.revision, Metric::performance_density)) {
    if (t.to_double() > layout.density_min && t.to_double() < layout.density_max) {
      layout.lines.push_back(
          {false, layout.y_of(t.to_double()), format_decimal(t, 6, true), false});
    }
  }
  for (const ReviewPolicy& policy : layout.revision->review_policies) {
    for (const Condition& c : policy.conditions) {
      const double v = c.threshold.to_double();
      if (c.metric != Metric::tpp || v <= layout.tpp_min || v >= layout.tpp_max) continue;
      layout.lines.push_back(
          {true, layout.x_of(v),
           fmt::format("TPP {}: {} ({})", format_decimal(c.threshold, 6, true), policy.policy,
                       policy.citation.substr(0, policy.citation.find(" ("))),
           true});
    }
  }
}

// Each chip at its true position. Chips with the same result whose positions fall in the same
// pixel are one mark, at its first chip's position (within a pixel of each, and in their
// region: a crowd never mixes results, so a line through the pixel cannot split it).
void add_marks(MapLayout& layout, std::span<const MapChip> chips) {
  const auto in_range = [](double v, double lo, double hi) {
    return std::isfinite(v) && v >= lo && v <= hi;
  };
  using Key = std::tuple<long, long, std::string, std::string, bool, bool>;
  std::map<Key, std::size_t> crowds;
  for (const MapChip& chip : chips) {
    const double tpp = chip.tpp.to_double();
    if (!in_range(tpp, layout.tpp_min, layout.tpp_max) ||
        (chip.density && !in_range(*chip.density, layout.density_min, layout.density_max))) {
      ++layout.outside_axes;
      continue;
    }
    const bool on_strip = !chip.density;
    const double x = layout.x_of(tpp);
    const double y =
        on_strip ? layout.strip.y + layout.strip.height / 2 : layout.y_of(*chip.density);
    const Key key{std::lround(std::floor(x)),
                  on_strip ? -1 : std::lround(std::floor(y)),
                  chip.paragraph,
                  point_fill(chip),
                  chip.datacenter,
                  chip.estimate};
    ++layout.chip_count;
    if (const auto found = crowds.find(key); found != crowds.end()) {
      layout.points[found->second].others.push_back(chip);
      continue;
    }
    crowds.emplace(key, layout.points.size());
    MapPoint point;
    point.chip = chip;
    point.x = x;
    point.y = y;
    point.on_strip = on_strip;
    point.fill = point_fill(chip);
    layout.points.push_back(std::move(point));
  }
  const bool dots = layout.points.size() >= layout.options.density_layer_from;
  for (MapPoint& point : layout.points) {
    const std::size_t count = point.others.size() + 1;
    point.radius =
        dots ? kDot : std::min(kMarker + 2.0 * std::log2(static_cast<double>(count)), 12.0);
  }
  if (!dots) return;
  // The density layer: how many chips' true positions fall in each cell of the plane and strip.
  std::map<std::pair<long, long>, std::size_t> counts;
  const auto cell_of = [](double v, double origin) {
    return static_cast<long>(std::floor((v - origin) / kDensityCell));
  };
  for (const MapPoint& point : layout.points) {
    const Box& area = point.on_strip ? layout.strip : layout.plot;
    const long row = point.on_strip ? -1 : cell_of(point.y, area.y);
    counts[{cell_of(std::min(point.x, area.x + area.width - 0.001), area.x), row}] +=
        point.others.size() + 1;
  }
  for (const auto& [cell, count] : counts) {
    const bool strip = cell.second < 0;
    const Box& area = strip ? layout.strip : layout.plot;
    const double x = area.x + static_cast<double>(cell.first) * kDensityCell;
    const double y = strip ? area.y : area.y + static_cast<double>(cell.second) * kDensityCell;
    layout.density_cells.push_back(
        {{x, y, std::min(kDensityCell, area.x + area.width - x),
          strip ? area.height : std::min(kDensityCell, area.y + area.height - y)},
         count});
  }
}

}  // namespace

MapLayout layout_map(std::span<const MapChip> chips, Date as_of, const MapOptions& options) {
  MapLayout layout;
  layout.as_of = as_of;
  layout.options = options;
  layout.revision = regime_in_force(as_of);
  layout.plot = {90, 60, 700, 500};
  layout.strip = {90, 600, 700, 44};
  set_axes(layout, chips);
  add_regions(layout);
  add_lines(layout);
  add_marks(layout, chips);
  place_labels(layout);
  return layout;
}

}  // namespace tpp
