// The threshold map: the TPP x performance-density plane (log axes) with the regions of the
// rule in force shaded and labelled by paragraph, and chips placed on it; and the timeline
// chart of chips across rule dates. Plain generated SVG; a self-contained HTML page.
#pragma once

#include <cstdint>
#include <filesystem>
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
  /// Indeterminate: the paragraphs that hinge on the missing input (the mark, at the most
  /// controlled end of a range, sits in one of them).
  std::vector<std::string> possible_paragraphs;
  std::string eccn;
  Status status = Status::not_controlled;
  bool datacenter = true;
  bool estimate = false;
  /// With estimated ranges: the mark is at the most controlled end, and a whisker reaches the
  /// least controlled end (TPP, and density where known at both ends).
  std::optional<Decimal> tpp_least;
  std::optional<double> density_least;
  std::size_t record = 0;  ///< the catalog record number (1, 2, ...); 0: not from a catalog
};
MapChip map_chip(const Report& report);
MapChip map_chip(const CatalogRecord& record);

/// What a catalog puts on the map: every classified record as a mark, and the records left off
/// (errors), each naming its record and line.
struct MapCatalog {
  std::vector<MapChip> chips;
  std::vector<Error> skipped;
};
/// Reads any input `tpp catalog` reads (JSON Lines specs, flat CSV, Epoch AI's CSV) or the
/// results `tpp catalog` wrote (its JSON Lines or CSV, recognised by their `record` field), and
/// classifies what needs classifying on `options.as_of`. More than `max_records` records is an
/// error (a map of them is unreadable: filter the catalog).
Result<MapCatalog> map_catalog(const std::filesystem::path& input, const CatalogOptions& options,
                               std::size_t max_records = 100000);

/// Which marks get a name beside them: where one fits clear of every mark, label, axis, tick and
/// title (auto); none; or all of them (overlapping where nothing else fits).
enum class MapLabels : std::uint8_t { automatic, none, all };

struct MapOptions {
  MapLabels labels = MapLabels::automatic;
  /// Axis ranges; empty: the decades that hold the data and the rule's thresholds. A mark
  /// outside a given range is not drawn (counted in the footer), never moved onto the edge.
  std::optional<std::pair<double, double>> tpp_range;
  std::optional<std::pair<double, double>> density_range;
  /// From this many marks on, a shaded density layer (counts per 10 px cell) is drawn under
  /// them and the marks become small dots.
  std::size_t density_layer_from = 1000;
};

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

/// One mark: a chip at its true position, or a crowd of chips whose true positions fall in the
/// same pixel (drawn once, with their count and a tooltip naming them). A mark is never moved:
/// its centre is within a pixel of every member's true position.
struct MapPoint {
  MapChip chip;                 ///< the first member
  std::vector<MapChip> others;  ///< the rest of a crowd
  double x = 0, y = 0;          ///< marker centre
  double radius = 0;
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

/// A cell of the density layer and how many chips' true positions fall in it.
struct DensityCell {
  Box box;
  std::size_t count = 0;
};

struct MapLayout {
  Date as_of;
  MapOptions options;
  const Regime* revision = nullptr;
  double width = 1040, height = 720;
  Box plot;   ///< the plane
  Box strip;  ///< chips without a known density
  double tpp_min = 100, tpp_max = 100000, density_min = 0.5, density_max = 100;
  std::vector<MapRegion> regions;
  std::vector<MapLine> lines;
  std::vector<MapPoint> points;
  std::vector<std::pair<Box, std::string>> region_labels;
  std::vector<DensityCell> density_cells;  ///< empty below options.density_layer_from marks
  std::size_t skipped_records = 0;  ///< catalog records with errors, not drawn (said in the footer)
  std::size_t outside_axes = 0;     ///< chips outside given axis ranges, or at TPP 0: not drawn
  std::size_t chip_count = 0;       ///< chips drawn (members of every mark)

  double x_of(double tpp) const;
  double y_of(double density) const;
  /// The region that holds a pixel of the plane, or nullptr.
  const MapRegion* region_at(double x, double y) const;
};

/// Lays out the map for the rule in force on `as_of`: regions, lines, each chip at its true
/// position (crowds in one pixel as one mark), and labels where `options.labels` says.
MapLayout layout_map(std::span<const MapChip> chips, Date as_of, const MapOptions& options = {});
std::string render_map_svg(const MapLayout& layout);
/// One offline page: the map, the table of chips with their results, and the thresholds of the
/// rule with their citations.
std::string render_map_html(const MapLayout& layout);

/// Each chip's status at every rule date, one row per chip.
std::string render_timeline_svg(std::span<const std::vector<TimelineEntry>> timelines);

}  // namespace tpp
