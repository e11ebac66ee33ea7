// The map's look, shared by its layout and its drawing (internal): sizes and colours.
#pragma once

#include <string>
#include <string_view>

#include "tpp/render/plot.hpp"

namespace tpp::detail {

inline constexpr double kCharWidth = 6.4;  // px per character at the 11px label font
inline constexpr double kLabelHeight = 13;
// Marker radius of one chip (a crowd's grows with its count).
inline constexpr double kMarker = 5.5;
inline constexpr double kDot = 2.0;             // marker radius with the density layer
inline constexpr double kDensityCell = 10;      // px per side of a density-layer cell
inline constexpr std::size_t kAutoLabels = 80;  // at most this many labels in auto mode

// Region fills by first paragraph; one distinct colour each (the PNG test looks for them).
inline std::string region_fill(std::string_view paragraph) {
  if (paragraph.ends_with(".a.1") || paragraph == "3A090.a") return "#f4a6a6";
  if (paragraph.ends_with(".a.2")) return "#f7c6a3";
  if (paragraph.ends_with(".b.1")) return "#fbe3a1";
  if (paragraph.ends_with(".b.2")) return "#fdf3c0";
  return "#dcefdc";
}

inline std::string point_fill(const MapChip& chip) {
  if (chip.status == Status::indeterminate) return "#6c7a89";
  if (chip.eccn.ends_with(".a")) return "#b03a2e";
  if (chip.eccn.ends_with(".b")) return "#b9770e";
  return "#1e8449";
}

inline std::string short_paragraph(std::string_view paragraph) {
  return paragraph.starts_with("3A090.") ? std::string(paragraph.substr(6))
                                         : std::string(paragraph);
}

/// Places the marks' labels as layout.options.labels says, and the region labels (plot_labels.cpp).
void place_labels(MapLayout& layout);

}  // namespace tpp::detail
