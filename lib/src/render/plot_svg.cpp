// The threshold map and the timeline chart drawn as plain SVG, and the map as one offline HTML
// page (the map, the chips' table, the rule's thresholds).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "render/plot_style.hpp"
#include "render/render_common.hpp"
#include "tpp/render/plot.hpp"
#include "tpp/version.hpp"

namespace tpp {

using namespace tpp::detail;

namespace {

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

std::string describe(const MapChip& chip) {
  std::string text = fmt::format("{}: TPP {}", chip.label, format_decimal(chip.tpp, 1, true));
  if (chip.density) text += fmt::format(", density {:.2f}", *chip.density);
  text += ", " + (chip.paragraph.empty() ? std::string("outside 3A090") : chip.paragraph);
  if (chip.estimate) text += " (rests on an estimate)";
  return text;
}

// A mark's tooltip: its chip, or a crowd's count and members (the first 30).
std::string tooltip(const MapPoint& point) {
  constexpr std::size_t kListed = 30;
  if (point.others.empty()) return "<title>" + escape(describe(point.chip)) + "</title>";
  std::string text =
      fmt::format("{} chips here:\n{}", point.others.size() + 1, describe(point.chip));
  for (std::size_t i = 0; i < point.others.size() && i + 1 < kListed; ++i)
    text += "\n" + describe(point.others[i]);
  if (point.others.size() + 1 > kListed) {
    text += fmt::format("\n... and {} more", point.others.size() + 1 - kListed);
  }
  return "<title>" + escape(text) + "</title>";
}

// The record numbers of a mark's chips (catalog marks only), space-separated.
std::string records_of(const MapPoint& point) {
  if (point.chip.record == 0) return "";
  std::string out = std::to_string(point.chip.record);
  for (const MapChip& other : point.others)
    out += " " + std::to_string(other.record);
  return fmt::format(" data-records=\"{}\"", out);
}

}  // namespace

std::string render_map_svg(const MapLayout& layout) {
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" "
      "font-family=\"DejaVu Sans, Arial, sans-serif\" data-tpp-axis=\"{2:g} {3:g}\" "
      "data-density-axis=\"{4:g} {5:g}\" data-plane=\"{6:g} {7:g} {8:g} {9:g}\" "
      "data-strip=\"{10:g} {11:g} {12:g} {13:g}\">\n"
      "<rect x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n",
      layout.width, layout.height, layout.tpp_min, layout.tpp_max, layout.density_min,
      layout.density_max, layout.plot.x, layout.plot.y, layout.plot.width, layout.plot.height,
      layout.strip.x, layout.strip.y, layout.strip.width, layout.strip.height);
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
        format_decimal(WideDecimal::from_integer(static_cast<std::int64_t>(t)), 0, true));
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
  if (!layout.density_cells.empty()) {
    // How many chips fall in each cell, under the marks: darker is more.
    std::size_t most = 1;
    for (const DensityCell& cell : layout.density_cells)
      most = std::max(most, cell.count);
    out += "<g class=\"density\">\n";
    for (const DensityCell& cell : layout.density_cells) {
      const double share =
          std::log1p(static_cast<double>(cell.count)) / std::log1p(static_cast<double>(most));
      out += fmt::format(
          "<rect data-count=\"{}\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" "
          "height=\"{:.2f}\" fill=\"#1f4e79\" fill-opacity=\"{:.3f}\"/>\n",
          cell.count, cell.box.x, cell.box.y, cell.box.width, cell.box.height, 0.12 + 0.6 * share);
    }
    out += "</g>\n";
  }
  out += "<g class=\"chips\">\n";
  const bool dots = !layout.density_cells.empty();
  for (const MapPoint& point : layout.points) {
    const std::string fill = point.chip.estimate ? "#ffffff" : point.fill;
    const std::string stroke = dots ? "none" : point.chip.estimate ? point.fill : "#ffffff";
    const std::string dash = point.chip.estimate ? " stroke-dasharray=\"2 1.5\"" : "";
    const bool labelled = point.label_box.width > 0;
    const double r = point.radius;
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
    // Where the mark stands for: its first chip's figures, every chip's record number.
    const std::string data = fmt::format(
        "data-id=\"{}\" data-result=\"{}\" data-count=\"{}\" data-tpp=\"{}\"{}{}",
        escape(point.chip.label), escape(point.chip.paragraph), point.others.size() + 1,
        format_decimal(point.chip.tpp, 6, false),
        point.chip.density ? fmt::format(" data-density=\"{}\"", *point.chip.density) : "",
        records_of(point));
    if (point.chip.datacenter) {
      out += fmt::format(
          "<circle class=\"chip\" {} cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{:g}\" fill=\"{}\" "
          "stroke=\"{}\" stroke-width=\"1.5\"{}>{}</circle>\n",
          data, point.x, point.y, r, fill, stroke, dash, tooltip(point));
    } else {
      out += fmt::format(
          "<rect class=\"chip\" {} x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:g}\" height=\"{:g}\" "
          "fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{}>{}</rect>\n",
          data, point.x - r, point.y - r, 2 * r, 2 * r, fill, stroke, dash, tooltip(point));
    }
    if (!point.others.empty() && !dots) {
      out += fmt::format(
          "<text x=\"{:.2f}\" y=\"{:.2f}\" font-size=\"9\" fill=\"#fff\" "
          "text-anchor=\"middle\" pointer-events=\"none\">{}</text>\n",
          point.x, point.y + 3, point.others.size() + 1);
    }
    if (!labelled) continue;
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" fill=\"#111\">{}{}{}</text>\n",
        point.label_box.x + 1, point.label_box.y + 10.5, escape(point.chip.label),
        point.chip.estimate ? " (est.)" : "",
        point.others.empty() ? "" : fmt::format(" +{}", point.others.size()));
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
  legend(fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"8\" fill=\"{}\"/><text x=\"{:.1f}\" "
                     "y=\"{:.1f}\" font-size=\"9\" fill=\"#fff\" text-anchor=\"middle\">3</text>\n",
                     lx + 7, y + 6, "#1e8449", lx + 7, y + 9),
         "count: chips in one pixel");
  if (!layout.density_cells.empty()) {
    legend(fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" "
                       "fill=\"#1f4e79\" fill-opacity=\"0.5\"/>\n",
                       lx + 1, y),
           "shade: chips per 10 px square");
  }
  y += 6;
  for (const std::string& line :
       {std::string("Non-datacenter ICs below TPP 4,800"),
        std::string("are outside whatever their"), std::string("density (the datacenter note).")}) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" fill=\"#555\">{}</text>\n",
                       lx, y + 10, escape(line));
    y += 13;
  }
  std::string left_off;
  if (layout.skipped_records > 0) {
    left_off += fmt::format(" {} catalog record(s) not drawn: they have errors (see tpp catalog).",
                            layout.skipped_records);
  }
  if (layout.outside_axes > 0) {
    left_off +=
        fmt::format(" {} chip(s) not drawn: outside the axes (or TPP 0).", layout.outside_axes);
  }
  out += fmt::format(
      "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#777\">tpp {} - {} chip(s) at their "
      "true positions; regions drawn by the classifier from its rule table. Not legal "
      "advice.{}</text>\n",
      layout.plot.x, layout.height - 12, version_string, layout.chip_count, left_off);
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
  const auto row = [&out](const MapChip& c) {
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape(c.label), format_decimal(c.tpp, 1, true),
        c.density ? fmt::format("{:.2f}", *c.density) : std::string("unknown / n.a."),
        c.paragraph.empty() ? "-" : c.paragraph, to_string(c.status), c.datacenter ? "yes" : "no",
        c.estimate ? "estimate" : "sourced");
  };
  for (const MapPoint& point : layout.points) {
    row(point.chip);
    for (const MapChip& other : point.others)
      row(other);
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
