// The threshold map and the timeline chart as plain SVG (and one offline HTML page).
// Regions are cells between consecutive thresholds of the rule in force, each classified by the
// classifier itself at the cell's centre, so the picture cannot disagree with the rule data.
#include "tpp/plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "render_common.hpp"
#include "text.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

constexpr double kCharWidth = 6.4;  // px per character at the 11px label font
constexpr double kLabelHeight = 13;
constexpr double kMarker = 5.5;  // marker radius

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Region fills by first paragraph; one distinct colour each (the PNG test looks for them).
std::string region_fill(std::string_view paragraph) {
  if (paragraph.ends_with(".a.1") || paragraph == "3A090.a") return "#f4a6a6";
  if (paragraph.ends_with(".a.2")) return "#f7c6a3";
  if (paragraph.ends_with(".b.1")) return "#fbe3a1";
  if (paragraph.ends_with(".b.2")) return "#fdf3c0";
  return "#dcefdc";
}

std::string point_fill(const MapChip& chip) {
  if (chip.status == Status::indeterminate) return "#6c7a89";
  if (chip.eccn.ends_with(".a")) return "#b03a2e";
  if (chip.eccn.ends_with(".b")) return "#b9770e";
  return "#1e8449";
}

std::string short_paragraph(std::string_view paragraph) {
  return paragraph.starts_with("3A090.") ? std::string(paragraph.substr(6))
                                         : std::string(paragraph);
}

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

namespace {

std::string tooltip(const MapChip& chip) {
  std::string text = fmt::format("{}: TPP {}", chip.label, format_decimal(chip.tpp, 1, true));
  if (chip.density) text += fmt::format(", density {:.2f}", *chip.density);
  text += ", " + (chip.paragraph.empty() ? std::string("outside 3A090") : chip.paragraph);
  if (chip.estimate) text += " (rests on an estimate)";
  return "<title>" + escape(text) + "</title>";
}

}  // namespace

std::string render_map_svg(const MapLayout& layout) {
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" "
      "font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
      "<rect x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n",
      layout.width, layout.height);
  const std::string title =
      layout.revision
          ? fmt::format("ECCN 3A090 on {}: {}", to_string(layout.as_of), layout.revision->citation)
          : fmt::format("ECCN 3A090 on {}: not yet created", to_string(layout.as_of));
  out += fmt::format("<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
                     layout.plot.x, escape(title));
  out += "<g class=\"regions\">\n";
  for (const MapRegion& region : layout.regions) {
    out += fmt::format(
        "<rect class=\"region\" data-paragraph=\"{}\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" "
        "height=\"{:.2f}\" "
        "fill=\"{}\"/>\n",
        escape(region.paragraph), region.box.x, region.box.y, region.box.width, region.box.height,
        region.fill);
  }
  out += "</g>\n";
  for (const auto& [box, label] : layout.region_labels) {
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" font-style=\"italic\" "
        "fill=\"#555\">{}</text>\n",
        box.x + 3, box.y + 11, escape(label));
  }
  // Axes and decade ticks.
  const Box& p = layout.plot;
  out += fmt::format(
      "<rect class=\"plane\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
      "stroke=\"#333\"/>\n",
      p.x, p.y, p.width, p.height);
  for (double t = layout.tpp_min; t <= layout.tpp_max * 1.0001; t *= 10) {
    const double x = layout.x_of(t);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#333\"/>"
        "<text x=\"{0:.1f}\" y=\"{3}\" font-size=\"11\" text-anchor=\"middle\">{4}</text>\n",
        x, p.y + p.height, p.y + p.height + 5, p.y + p.height + 18,
        format_decimal(Decimal::from_integer(static_cast<std::int64_t>(t)), 0, true));
  }
  for (double d = layout.density_min; d <= layout.density_max * 1.0001; d *= 10) {
    const double y = layout.y_of(d);
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#333\"/>"
        "<text x=\"{3}\" y=\"{4:.1f}\" font-size=\"11\" text-anchor=\"end\">{5}</text>\n",
        p.x - 5, y, p.x, p.x - 8, y + 4, fmt::format("{:g}", d));
  }
  out += fmt::format(
      "<text x=\"{:.1f}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">TPP (log "
      "scale)</text>\n",
      p.x + p.width / 2, p.y + p.height + 34);
  out += fmt::format(
      "<text x=\"20\" y=\"{:.1f}\" font-size=\"12\" text-anchor=\"middle\" "
      "transform=\"rotate(-90 20 {:.1f})\">performance density, TPP per mm2 (log)</text>\n",
      p.y + p.height / 2, p.y + p.height / 2);
  double last_label_x = -1000;
  int stagger = 0;
  for (const MapLine& line : layout.lines) {
    if (line.vertical && line.dashed) {
      out += fmt::format(
          "<line class=\"threshold\" x1=\"{0:.2f}\" y1=\"{1}\" x2=\"{0:.2f}\" y2=\"{2}\" "
          "stroke=\"#1f4e79\" "
          "stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>\n<text x=\"{3:.1f}\" y=\"{4}\" "
          "font-size=\"10\" "
          "fill=\"#1f4e79\" text-anchor=\"end\">{5}</text>\n",
          line.position, p.y, p.y + p.height, line.position - 4, p.y + p.height - 8,
          escape(line.label));
      continue;
    }
    if (line.vertical) {
      stagger = line.position - last_label_x < 60 ? 1 - stagger : 0;
      last_label_x = line.position;
      out += fmt::format(
          "<line class=\"threshold\" x1=\"{0:.2f}\" y1=\"{1}\" x2=\"{0:.2f}\" y2=\"{2}\" "
          "stroke=\"{3}\" "
          "stroke-width=\"1.2\"{4}/>\n<text x=\"{5:.1f}\" y=\"{6}\" font-size=\"10\" "
          "fill=\"{3}\">{7}</text>\n",
          line.position, p.y, p.y + p.height, line.dashed ? "#1f4e79" : "#444",
          line.dashed ? " stroke-dasharray=\"6 4\"" : "", line.position + 3, p.y - 4 - stagger * 12,
          escape(line.label));
    } else {
      out += fmt::format(
          "<line class=\"threshold\" x1=\"{0}\" y1=\"{1:.2f}\" x2=\"{2}\" y2=\"{1:.2f}\" "
          "stroke=\"#444\" "
          "stroke-width=\"1.2\"/>\n<text x=\"{3}\" y=\"{4:.1f}\" font-size=\"10\" "
          "fill=\"#444\">{5}</text>\n",
          p.x, line.position, p.x + p.width, p.x + p.width + 3, line.position + 3,
          escape(line.label));
    }
  }
  // The strip for chips without a known density.
  const Box& s = layout.strip;
  out += fmt::format(
      "<rect class=\"strip\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f2f2f2\" "
      "stroke=\"#999\"/>\n"
      "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#555\">density unknown or not applicable "
      "(placed by TPP only)</text>\n",
      s.x, s.y, s.width, s.height, s.x + 4, s.y - 4);
  out += "<g class=\"chips\">\n";
  for (const MapPoint& point : layout.points) {
    const std::string fill = point.chip.estimate ? "#ffffff" : point.fill;
    const std::string stroke = point.chip.estimate ? point.fill : "#ffffff";
    const std::string dash = point.chip.estimate ? " stroke-dasharray=\"2 1.5\"" : "";
    const bool labelled = point.label_box.width > 0;
    if (point.leader && labelled) {
      out += fmt::format(
          "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#888\" "
          "stroke-width=\"0.8\"/>\n",
          point.x, point.y, point.label_box.x + point.label_box.width / 2,
          point.label_box.y + point.label_box.height / 2);
    }
    if (point.chip.tpp_least && (point.chip.density_least || !point.chip.density)) {
      // The estimated range: from the least controlled end to the mark.
      const double x0 = layout.x_of(point.chip.tpp_least->to_double());
      const double y0 = point.chip.density_least ? layout.y_of(*point.chip.density_least) : point.y;
      out += fmt::format(
          "<line class=\"range\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
          "stroke=\"{}\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"/>\n",
          x0, y0, point.x, point.y, point.fill);
    }
    if (point.chip.datacenter) {
      out += fmt::format(
          "<circle class=\"chip\" data-id=\"{}\" data-result=\"{}\" cx=\"{:.2f}\" cy=\"{:.2f}\" "
          "r=\"{}\" "
          "fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{}>{}</circle>\n",
          escape(point.chip.label), escape(point.chip.paragraph), point.x, point.y, kMarker, fill,
          stroke, dash, tooltip(point.chip));
    } else {
      out += fmt::format(
          "<rect class=\"chip\" data-id=\"{}\" data-result=\"{}\" x=\"{:.2f}\" y=\"{:.2f}\" "
          "width=\"{}\" "
          "height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{}>{}</rect>\n",
          escape(point.chip.label), escape(point.chip.paragraph), point.x - kMarker,
          point.y - kMarker, 2 * kMarker, 2 * kMarker, fill, stroke, dash, tooltip(point.chip));
    }
    if (!labelled) continue;
    out +=
        fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" fill=\"#111\">{}{}</text>\n",
                    point.label_box.x + 1, point.label_box.y + 10.5, escape(point.chip.label),
                    point.chip.estimate ? " (est.)" : "");
  }
  out += "</g>\n";
  // Legend.
  double y = layout.plot.y + 4;
  const double lx = layout.plot.x + layout.plot.width + 46;
  const auto legend = [&](const std::string& swatch, const std::string& text) {
    out += swatch;
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">{}</text>\n", lx + 20,
                       y + 10, escape(text));
    y += 19;
  };
  const auto heading = [&](std::string_view text) {
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" font-weight=\"bold\">{}</text>\n", lx, y,
        text);
    y += 10;
  };
  heading("Regions (datacenter ICs)");
  // Paragraph order (a.1 first), outside last, one entry per paragraph.
  std::vector<const MapRegion*> kinds;
  for (const MapRegion& region : layout.regions) {
    const bool seen = std::any_of(kinds.begin(), kinds.end(), [&](const MapRegion* kind) {
      return kind->paragraph == region.paragraph;
    });
    if (!seen) kinds.push_back(&region);
  }
  std::sort(kinds.begin(), kinds.end(), [](const MapRegion* a, const MapRegion* b) {
    if (a->paragraph.empty() != b->paragraph.empty()) return b->paragraph.empty();
    return a->paragraph < b->paragraph;
  });
  for (const MapRegion* region : kinds) {
    legend(fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"12\" fill=\"{}\" "
                       "stroke=\"#999\"/>\n",
                       lx, y, region->fill),
           region->paragraph.empty() ? "outside 3A090" : region->paragraph);
  }
  y += 8;
  heading("Chips (their own result)");
  const auto dot = [&](const std::string& fill, const std::string& stroke,
                       const std::string& extra) {
    return fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" "
        "stroke-width=\"1.5\"{}/>\n",
        lx + 7, y + 6, kMarker, fill, stroke, extra);
  };
  legend(dot("#b03a2e", "#fff", ""), "3A090.a");
  legend(dot("#b9770e", "#fff", ""), "3A090.b");
  legend(dot("#1e8449", "#fff", ""), "not controlled");
  legend(dot("#6c7a89", "#fff", ""), "indeterminate");
  legend(dot("#ffffff", "#b03a2e", " stroke-dasharray=\"2 1.5\""), "hollow: rests on an estimate");
  legend(
      fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"11\" height=\"11\" fill=\"#1e8449\"/>\n",
                  lx + 1.5, y + 0.5),
      "square: not for datacenters");
  y += 6;
  for (const std::string& line :
       {std::string("Non-datacenter ICs below TPP 4,800"),
        std::string("are outside whatever their"), std::string("density (the datacenter note).")}) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" fill=\"#555\">{}</text>\n",
                       lx, y + 10, escape(line));
    y += 13;
  }
  const std::string skipped =
      layout.skipped_records == 0
          ? std::string()
          : fmt::format(" {} catalog record(s) not drawn: they have errors (see tpp catalog).",
                        layout.skipped_records);
  out += fmt::format(
      "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#777\">tpp {} - regions drawn by the "
      "classifier "
      "from its rule table. Not legal advice.{}</text>\n",
      layout.plot.x, layout.height - 12, version_string, skipped);
  out += "</svg>\n";
  return out;
}

std::string render_map_html(const MapLayout& layout) {
  std::string out =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>tpp threshold "
      "map, " +
      to_string(layout.as_of) +
      "</title>\n<style>body{font-family:DejaVu Sans,Arial,sans-serif;margin:24px;color:#222}"
      "table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:3px "
      "8px;font-size:13px}"
      "th{background:#f3f3f3;text-align:left}td.num{text-align:right}.note{color:#666;font-size:"
      "12px}</style>\n"
      "</head><body>\n<h1>ECCN 3A090 threshold map, " +
      to_string(layout.as_of) + "</h1>\n";
  out += render_map_svg(layout);
  out +=
      "<h2>Chips</h2>\n<table><tr><th>chip</th><th>TPP</th><th>performance "
      "density</th><th>paragraph</th>"
      "<th>status</th><th>datacenter</th><th>basis</th></tr>\n";
  for (const MapPoint& point : layout.points) {
    const MapChip& c = point.chip;
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape(c.label), format_decimal(c.tpp, 1, true),
        c.density ? fmt::format("{:.2f}", *c.density) : std::string("unknown / n.a."),
        c.paragraph.empty() ? "-" : c.paragraph, to_string(c.status), c.datacenter ? "yes" : "no",
        c.estimate ? "estimate" : "sourced");
  }
  out += "</table>\n";
  if (layout.revision != nullptr) {
    const Regime& r = *layout.revision;
    out += "<h2>The rule in force</h2>\n<p>" + escape(r.title) + " &mdash; " + escape(r.citation) +
           "</p>\n<table><tr><th>paragraph</th><th>test</th></tr>\n";
    for (const Clause& clause : r.clauses) {
      out += "<tr><td>" + escape(clause.paragraph) + "</td><td>" + escape(clause.summary) +
             "</td></tr>\n";
    }
    for (const Exclusion& exclusion : r.exclusions) {
      out += "<tr><td>" + escape(exclusion.name) + "</td><td>" + escape(exclusion.summary) +
             "</td></tr>\n";
    }
    for (const ReviewPolicy& policy : r.review_policies) {
      out += "<tr><td>review: " + escape(policy.policy) + "</td><td>" + escape(policy.summary) +
             " (" + escape(policy.citation) + ")</td></tr>\n";
    }
    out += "</table>\n";
    if (const auto since = paragraphs_effective(r, ChipKind::accelerator)) {
      const Regime* origin = regime_in_force(*since);
      out += "<p>Paragraphs in force since " + to_string(*since) + " (" +
             escape(origin ? origin->citation : "") + ").</p>\n";
    }
  }
  out += std::string("<p class=\"note\">Generated by tpp ") + version_string +
         ". Figures and sources: <code>tpp show CHIP</code>. Not legal advice: check the Federal "
         "Register text.</p>\n"
         "</body></html>\n";
  return out;
}

std::string render_timeline_svg(std::span<const std::vector<TimelineEntry>> timelines) {
  const std::size_t columns = timelines.empty() ? 0 : timelines.front().size();
  const double left = 150, top = 70, cell_w = 82, cell_h = 26;
  const double width = left + static_cast<double>(columns) * cell_w + 20;
  const double height = top + static_cast<double>(timelines.size()) * cell_h + 60;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" "
      "font-family=\"DejaVu Sans, Arial, sans-serif\">\n<rect width=\"{0}\" height=\"{1}\" "
      "fill=\"#fff\"/>\n"
      "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Status at every rule "
      "date</text>\n",
      width, height);
  if (timelines.empty()) return out + "</svg>\n";
  for (std::size_t c = 0; c < columns; ++c) {
    const TimelineEntry& entry = timelines.front()[c];
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>\n",
        left + static_cast<double>(c) * cell_w + cell_w / 2, top - 22, to_string(entry.date));
    const std::string citation =
        entry.revision
            ? std::string(entry.revision->citation.substr(0, entry.revision->citation.find(" (")))
            : "before 3A090";
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" font-size=\"8\" fill=\"#666\" "
        "text-anchor=\"middle\">{}</text>\n",
        left + static_cast<double>(c) * cell_w + cell_w / 2, top - 8,
        escape(citation.substr(0, 16)));
  }
  for (std::size_t row = 0; row < timelines.size(); ++row) {
    const auto& entries = timelines[row];
    const double y = top + static_cast<double>(row) * cell_h;
    out +=
        fmt::format("<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
                    left - 8, y + cell_h / 2 + 4, escape(entries.front().report->spec->id));
    for (std::size_t c = 0; c < entries.size(); ++c) {
      const Report& report = *entries[c].report;
      const MapChip chip = map_chip(report);
      const std::string fill =
          chip.status == Status::not_controlled
              ? "#dcefdc"
              : (chip.eccn.empty()
                     ? "#d5dbdb"
                     : region_fill(chip.eccn.ends_with(".a") ? "3A090.a" : "3A090.b.1"));
      const std::string text =
          chip.status == Status::indeterminate
              ? "?"
              : (chip.paragraph.empty() ? "outside" : short_paragraph(chip.paragraph));
      out += fmt::format(
          "<rect class=\"cell\" data-id=\"{}\" data-date=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" "
          "width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
          escape(chip.label), to_string(entries[c].date),
          left + static_cast<double>(c) * cell_w + 1, y + 1, cell_w - 2, cell_h - 2, fill,
          entries[c].changed ? "#111" : "#fff", entries[c].changed ? 2 : 1);
      out += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n",
          left + static_cast<double>(c) * cell_w + cell_w / 2, y + cell_h / 2 + 4, escape(text));
    }
  }
  out += fmt::format(
      "<text x=\"10\" y=\"{:.1f}\" font-size=\"10\" fill=\"#555\">Red: 3A090.a; amber: 3A090.b; "
      "green: outside; "
      "a dark border marks a change from the date before. tpp {}. Not legal "
      "advice.</text>\n</svg>\n",
      height - 16, version_string);
  return out;
}

}  // namespace tpp
