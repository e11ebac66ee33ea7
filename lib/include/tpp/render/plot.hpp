// The threshold map: the TPP x performance-density plane (log axes) with the regions of the
// rule in force shaded and labelled by paragraph, and chips placed on it; and the timeline
// chart of chips across rule dates. Plain generated SVG; a self-contained HTML page.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tpp/batch/catalog.hpp"
#include "tpp/rules/report.hpp"
#include "tpp/rules/timeline.hpp"

namespace tpp {

/// A chip as the map needs it.
struct MapChip {
  std::string label;
  Decimal tpp;
  std::optional<double> density;  ///< empty: unknown or not applicable (drawn on the strip)
  std::string paragraph;          ///< first match, or empty
  std::string eccn;
  Status status = Status::not_controlled;
  bool datacenter = true;
  bool estimate = false;
  /// With estimated ranges: the mark is at the most controlled end, and a whisker reaches the
  /// least controlled end (TPP, and density where known at both ends).
  std::optional<Decimal> tpp_least;
  std::optional<double> density_least;
};
MapChip map_chip(const Report& report);
MapChip map_chip(const CatalogRecord& record);

struct Box {
  double x = 0, y = 0, width = 0, height = 0;
  bool overlaps(const Box& other) const {
    return x < other.x + other.width && other.x < x + width && y < other.y + other.height &&
           other.y < y + height;
  }
};

/// A cell of the plane between consecutive thresholds, classified by the rule itself.
struct MapRegion {
  Box box;
  /// The cell in the plane: TPP in [tpp_from, tpp_to), density in [density_from, density_to)
  /// (a value on a line belongs to the cell above it, as the rule's "≥" says).
  Decimal tpp_from, tpp_to, density_from, density_to;
  std::string paragraph;  ///< first match, or empty (outside)
  std::string label;      ///< "3A090.a.1 + a.2", "outside 3A090"
  std::string fill;       ///< colour
};

struct MapPoint {
  MapChip chip;
  double x = 0, y = 0;    ///< marker centre
  bool on_strip = false;  ///< no known density
  Box label_box;
  bool leader = false;  ///< the label sits away from the marker, joined by a line
  std::string fill;
};

struct MapLine {
  bool vertical = true;  ///< a TPP line (else a density line)
  double position = 0;   ///< pixel x (vertical) or y
  std::string label;
  bool dashed = false;  ///< a review-policy line, not a region boundary
};

struct MapLayout {
  Date as_of;
  const Regime* revision = nullptr;
  double width = 1040, height = 720;
  Box plot;   ///< the plane
  Box strip;  ///< chips without a known density
  double tpp_min = 100, tpp_max = 100000, density_min = 0.5, density_max = 100;
  std::vector<MapRegion> regions;
  std::vector<MapLine> lines;
  std::vector<MapPoint> points;
  std::vector<std::pair<Box, std::string>> region_labels;
  std::size_t skipped_records = 0;  ///< catalog records with errors, not drawn (said in the footer)

  double x_of(double tpp) const;
  double y_of(double density) const;
  /// The region that holds a pixel of the plane, or nullptr.
  const MapRegion* region_at(double x, double y) const;
};

/// Lays out the map for the rule in force on `as_of`: regions, lines, points and labels that
/// overlap neither each other nor another chip's marker.
MapLayout layout_map(std::span<const MapChip> chips, Date as_of);
std::string render_map_svg(const MapLayout& layout);
/// One offline page: the map, the table of chips with their results, and the thresholds of the
/// rule with their citations.
std::string render_map_html(const MapLayout& layout);

/// Each chip's status at every rule date, one row per chip.
std::string render_timeline_svg(std::span<const std::vector<TimelineEntry>> timelines);

}  // namespace tpp
