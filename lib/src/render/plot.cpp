// The threshold map's layout: where each chip and each region goes. Regions are cells between
// consecutive thresholds of the rule in force, each classified by the classifier itself at the
// cell's centre, so the picture cannot disagree with the rule data.
#include "tpp/render/plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

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

MapLayout layout_map(std::span<const MapChip> chips, Date as_of) {
  MapLayout layout;
  layout.as_of = as_of;
  layout.revision = regime_in_force(as_of);
  layout.plot = {90, 60, 700, 500};
  layout.strip = {90, 600, 700, 44};
  // The axes cover the usual range and every chip.
  for (const MapChip& chip : chips) {
    const double tpp = chip.tpp.to_double();
    if (tpp > 0) {
      layout.tpp_min = std::min(layout.tpp_min, std::pow(10.0, std::floor(std::log10(tpp))));
      layout.tpp_max = std::max(layout.tpp_max, std::pow(10.0, std::ceil(std::log10(tpp))));
    }
    if (chip.density && *chip.density > 0) {
      layout.density_min =
          std::min(layout.density_min, std::pow(10.0, std::floor(std::log10(*chip.density))));
      layout.density_max =
          std::max(layout.density_max, std::pow(10.0, std::ceil(std::log10(*chip.density))));
    }
  }

  // Regions: the cells between consecutive thresholds, classified at their centres.
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
      const Classification c = classify(probe, metrics, as_of);
      MapRegion region;
      region.paragraph = c.paragraph ? std::string(*c.paragraph) : std::string();
      if (c.paragraphs.empty()) {
        region.label = layout.revision ? "outside" : "no 3A090 yet";
      } else {
        region.label = short_paragraph(c.paragraphs.front());
        for (std::size_t k = 1; k < c.paragraphs.size(); ++k)
          region.label += "+" + short_paragraph(c.paragraphs[k]);
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
      largest[region.label] = std::max(largest[region.label], region.box.width * region.box.height);
    }
  }
  // Threshold lines, and the review windows' TPP lines (dashed).
  if (layout.revision != nullptr) {
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
        if (c.metric != Metric::tpp) continue;
        layout.lines.push_back(
            {true, layout.x_of(c.threshold.to_double()),
             fmt::format("TPP {}: {} ({})", format_decimal(c.threshold, 6, true), policy.policy,
                         policy.citation.substr(0, policy.citation.find(" ("))),
             true});
      }
    }
  }

  // Points: coincident markers are spread around their spot, then labels placed where they
  // overlap nothing.
  for (const MapChip& chip : chips) {
    MapPoint point;
    point.chip = chip;
    point.fill = point_fill(chip);
    const double true_x = layout.x_of(std::max(chip.tpp.to_double(), layout.tpp_min));
    point.on_strip = !chip.density;
    const double true_y =
        chip.density ? layout.y_of(*chip.density) : layout.strip.y + layout.strip.height / 2;
    // A spread marker stays in the region of its true spot, so the picture never moves a chip
    // across a line; with no such free spot it stays on the true spot.
    const MapRegion* true_region = point.on_strip ? nullptr : layout.region_at(true_x, true_y);
    point.x = true_x;
    point.y = true_y;
    for (int attempt = 0; attempt < 48; ++attempt) {
      const double angle = attempt * 2.39996;  // golden angle: an even spiral
      const double radius = attempt == 0 ? 0.0 : 2 * kMarker + 2 + attempt * 1.5;
      const double x = true_x + radius * std::cos(angle);
      const double y = true_y + radius * std::sin(angle) * (point.on_strip ? 0.4 : 1.0);
      const bool clash =
          std::any_of(layout.points.begin(), layout.points.end(), [&](const MapPoint& other) {
            return std::hypot(other.x - x, other.y - y) < 2 * kMarker + 1;
          });
      if (clash || (!point.on_strip && layout.region_at(x, y) != true_region)) continue;
      point.x = x;
      point.y = y;
      break;
    }
    layout.points.push_back(point);
  }
  std::vector<Box> occupied;
  for (const MapPoint& point : layout.points) {
    occupied.push_back(
        {point.x - kMarker - 2, point.y - kMarker - 2, 2 * kMarker + 4, 2 * kMarker + 4});
  }
  // Region labels: in the largest cell of each, at the first spot clear of markers and labels.
  for (const auto& [label, area] : largest) {
    for (const MapRegion& region : layout.regions) {
      if (region.label != label || region.box.width * region.box.height != area) continue;
      const double w = static_cast<double>(label.size()) * 6.0 + 6;
      const Box& cell = region.box;
      Box chosen{cell.x + cell.width / 2 - w / 2, cell.y + cell.height / 2 - 7, w, 14};
      for (int row = 0; row < 9; ++row) {
        bool done = false;
        for (int col = 0; col < 5 && !done; ++col) {
          const Box box{cell.x + 3 + (cell.width - w - 6) * col / 4.0,
                        cell.y + 3 + (cell.height - 20) * ((row + 4) % 9) / 8.0, w, 14};
          if (box.width > cell.width) continue;
          if (std::any_of(occupied.begin(), occupied.end(),
                          [&](const Box& o) { return o.overlaps(box); }))
            continue;
          chosen = box;
          done = true;
        }
        if (done) break;
      }
      layout.region_labels.emplace_back(chosen, label);
      occupied.push_back(chosen);
      break;
    }
  }
  const Box canvas{2, 30, layout.plot.x + layout.plot.width + 6, layout.height - 34};
  const auto inside = [&](const Box& b) {
    return b.x >= canvas.x && b.y >= canvas.y && b.x + b.width <= canvas.x + canvas.width &&
           b.y + b.height <= canvas.y + canvas.height;
  };
  std::vector<std::size_t> order(layout.points.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return layout.points[a].x < layout.points[b].x;
  });
  for (const std::size_t index : order) {
    MapPoint& point = layout.points[index];
    const std::string text = point.chip.label + (point.chip.estimate ? " (est.)" : "");
    const double w = static_cast<double>(text.size()) * kCharWidth + 2;
    std::vector<std::pair<Box, bool>> candidates{
        {{point.x + kMarker + 3, point.y - kLabelHeight / 2, w, kLabelHeight}, false},
        {{point.x - kMarker - 3 - w, point.y - kLabelHeight / 2, w, kLabelHeight}, false},
        {{point.x - w / 2, point.y - kMarker - 2 - kLabelHeight, w, kLabelHeight}, false},
        {{point.x - w / 2, point.y + kMarker + 2, w, kLabelHeight}, false}};
    for (const double radius : {22.0, 34.0, 48.0, 64.0, 82.0, 104.0, 130.0}) {
      for (int k = 0; k < 12; ++k) {
        const double angle = k * M_PI / 6;
        const double cx = point.x + radius * std::cos(angle);
        const double cy = point.y + radius * std::sin(angle);
        candidates.push_back({{cx - w / 2, cy - kLabelHeight / 2, w, kLabelHeight}, true});
      }
    }
    bool placed = false;
    for (const auto& [box, leader] : candidates) {
      if (!inside(box)) continue;
      if (std::any_of(occupied.begin(), occupied.end(),
                      [&](const Box& o) { return o.overlaps(box); }))
        continue;
      point.label_box = box;
      point.leader = leader;
      placed = true;
      break;
    }
    // Crowded beyond the search (a large catalog): no label rather than one over another; the
    // mark keeps its name as a tooltip and the chip stays in the HTML table.
    if (placed) occupied.push_back(point.label_box);
  }
  return layout;
}

}  // namespace tpp
