#include <algorithm>
// The threshold map's geometry: one mark per chip, each mark in the region its own
// classification names, labels clear of each other and of the marks.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "test_specs.hpp"
#include "tpp/render/plot.hpp"

namespace tpp {
namespace {

std::vector<MapChip> bundled_map_chips(Date as_of) {
  std::vector<MapChip> chips;
  for (const auto& spec : ChipDatabase::bundled().chips()) {
    if (spec->kind != ChipKind::accelerator) continue;
    auto report = evaluate(spec, Options{as_of});
    REQUIRE(report.has_value());
    chips.push_back(map_chip(*report));
  }
  return chips;
}

/// A grid of datacenter chips around every threshold, including exactly on them.
std::vector<MapChip> grid_chips(const char* as_of) {
  const std::vector<std::string> fp16_tops{"50",  "99.9",   "100", "140", "150",
                                           "160", "299.99", "300", "600", "1400"};
  const std::vector<std::string> areas_mm2{"100",  "300",  "400",  "600", "750",
                                           "1000", "1500", "3000", "6000"};
  std::vector<MapChip> chips;
  for (const std::string& tops : fp16_tops) {
    for (const std::string& area : areas_mm2) {
      Report report = test::report_of(test::spec_of({{"fp16", tops}}, area), as_of);
      chips.push_back(map_chip(report));
      chips.back().label = "fp16 " + tops + " / " + area;
    }
  }
  return chips;
}

void check_points_in_their_regions(const MapLayout& layout) {
  for (const MapPoint& point : layout.points) {
    if (point.on_strip || !point.chip.datacenter) continue;  // regions are drawn for datacenter ICs
    const MapRegion* region = layout.region_at(point.x, point.y);
    REQUIRE_MESSAGE(region != nullptr, point.chip.label);
    // An indeterminate chip's mark is at the most controlled end of its range: in one of the
    // paragraphs it could be.
    const auto& possible = point.chip.possible_paragraphs;
    const bool drawn_right =
        point.chip.status == Status::indeterminate
            ? std::find(possible.begin(), possible.end(), region->paragraph) != possible.end()
            : region->paragraph == point.chip.paragraph;
    CHECK_MESSAGE(drawn_right, point.chip.label << " is " << point.chip.paragraph << " ("
                                                << to_string(point.chip.status) << ") but drawn in "
                                                << region->label);
  }
}

}  // namespace

TEST_CASE("every bundled IC is in exactly one mark, within a pixel of its true position") {
  const Date as_of = test::date("2026-11-22");
  const auto chips = bundled_map_chips(as_of);
  const MapLayout layout = layout_map(chips, as_of);
  std::map<std::string, int> marks_of;
  for (const MapPoint& point : layout.points) {
    std::vector<MapChip> members{point.chip};
    members.insert(members.end(), point.others.begin(), point.others.end());
    for (const MapChip& chip : members) {
      CAPTURE(chip.label);
      ++marks_of[chip.label];
      CHECK(point.on_strip == !chip.density.has_value());
      CHECK(std::abs(point.x - layout.x_of(chip.tpp.to_double())) < 1);
      if (chip.density) CHECK(std::abs(point.y - layout.y_of(*chip.density)) < 1);
      CHECK(chip.paragraph == point.chip.paragraph);  // a crowd never mixes results
    }
  }
  CHECK(marks_of.size() == chips.size());
  for (const auto& [label, count] : marks_of) {
    CAPTURE(label);
    CHECK(count == 1);
  }
  CHECK(layout.chip_count == chips.size());
}

TEST_CASE("given axes leave chips outside them off the map, counted, never moved to an edge") {
  const Date as_of = test::date("2026-11-22");
  const auto chips = bundled_map_chips(as_of);
  MapOptions options;
  options.tpp_range = std::pair{1000.0, 10000.0};
  const MapLayout layout = layout_map(chips, as_of, options);
  std::size_t inside = 0;
  for (const MapChip& chip : chips) {
    const double tpp = chip.tpp.to_double();
    const bool density_in = !chip.density || (*chip.density >= layout.density_min &&
                                              *chip.density <= layout.density_max);
    if (tpp >= 1000 && tpp <= 10000 && density_in) ++inside;
  }
  CHECK(layout.chip_count == inside);
  CHECK(layout.outside_axes == chips.size() - inside);
  CHECK(layout.tpp_min == 1000);
  CHECK(layout.tpp_max == 10000);
}

TEST_CASE("each datacenter chip is drawn in the region its own classification names") {
  for (const char* as_of : {"2023-11-17", "2024-12-02", "2025-01-16", "2026-01-15", "2026-11-22"}) {
    CAPTURE(as_of);
    const auto bundled = bundled_map_chips(test::date(as_of));
    check_points_in_their_regions(layout_map(bundled, test::date(as_of)));
    const auto grid = grid_chips(as_of);
    check_points_in_their_regions(layout_map(grid, test::date(as_of)));
  }
}

TEST_CASE("a chip exactly on a line is drawn on the side the rule's >= puts it") {
  // fp16 300 TOPS x 16 bits = TPP 4,800: 3A090.a.1, on the line.
  Report report = test::report_of(test::spec_of({{"fp16", "300"}}, "600"), "2026-11-22");
  REQUIRE(test::paragraph_of(report) == "3A090.a.1");
  const std::vector<MapChip> chips{map_chip(report)};
  const MapLayout layout = layout_map(chips, test::date("2026-11-22"));
  const MapPoint& point = layout.points.front();
  CHECK(point.x == doctest::Approx(layout.x_of(4800)));
  CHECK(layout.region_at(point.x, point.y)->paragraph == "3A090.a.1");
  CHECK(layout.region_at(point.x - 1, point.y)->paragraph != "3A090.a.1");
}

/// Placed labels overlap no other label, no mark and no region label, and stay on the canvas.
/// Returns how many marks got a label.
static std::size_t check_labels_clear(const MapLayout& layout) {
  std::vector<Box> marks;
  for (const MapPoint& point : layout.points)
    marks.push_back({point.x - point.radius - 1.5, point.y - point.radius - 1.5,
                     2 * point.radius + 3, 2 * point.radius + 3});
  std::size_t labelled = 0;
  for (std::size_t i = 0; i < layout.points.size(); ++i) {
    const Box& label = layout.points[i].label_box;
    if (label.width == 0) continue;
    ++labelled;
    CAPTURE(layout.points[i].chip.label);
    // Inside the plane, or the strip and the margin below it: never over an axis, a tick or a
    // title.
    const Box& p = layout.plot;
    const bool in_plane = label.x >= p.x && label.x + label.width <= p.x + p.width &&
                          label.y >= p.y && label.y + label.height <= p.y + p.height;
    const Box& s = layout.strip;
    const bool below = label.x >= s.x && label.x + label.width <= s.x + s.width && label.y >= s.y &&
                       label.y + label.height <= layout.height - 26;
    CHECK((in_plane || below));
    for (std::size_t j = 0; j < layout.points.size(); ++j) {
      if (j != i) CHECK_FALSE(label.overlaps(layout.points[j].label_box));
      if (j != i) CHECK_FALSE(label.overlaps(marks[j]));
    }
    for (const auto& [region_label_box, text] : layout.region_labels)
      CHECK_FALSE(label.overlaps(region_label_box));
  }
  return labelled;
}

TEST_CASE("labels overlap neither each other nor any mark") {
  const Date as_of = test::date("2026-11-22");
  const auto bundled = bundled_map_chips(as_of);
  const MapLayout layout = layout_map(bundled, as_of);
  // With the whole database (over 100 chips, 69 marks on this date) not every mark finds a free
  // spot; most do, and the rest keep their tooltip (SVG <title>).
  CHECK(check_labels_clear(layout) * 2 >= layout.points.size());
  // A crowded map (many marks on the same spots): labels that find no free spot are left off.
  const auto grid = grid_chips("2026-11-22");
  CHECK(check_labels_clear(layout_map(grid, as_of)) > 0);
}

TEST_CASE("the 2022 map has the single TPP line - the 2026 map adds the case-by-case line") {
  const auto chips = bundled_map_chips(test::date("2022-11-01"));
  const MapLayout map_2022 = layout_map(chips, test::date("2022-11-01"));
  std::vector<std::string> lines_2022;
  for (const MapLine& line : map_2022.lines)
    lines_2022.push_back(line.label);
  CHECK(lines_2022 == std::vector<std::string>{"TPP 4,800"});

  const MapLayout map_2026 = layout_map(chips, test::date("2026-11-22"));
  bool review_line = false;
  for (const MapLine& line : map_2026.lines) {
    if (line.dashed && line.label.starts_with("TPP 21,000")) review_line = true;
  }
  CHECK(review_line);
  const std::string svg = render_map_svg(map_2026);
  CHECK(svg.starts_with("<svg"));
  CHECK(svg.find("Not legal advice") != std::string::npos);
}

}  // namespace tpp
