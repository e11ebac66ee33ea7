// Where the map's labels go. A label goes only where it fits: inside the plane (or the strip and
// the margin below it, for chips without a density), clear of every mark, every other label and
// every region label, so it never covers an axis, a tick, a title or the footer. `all` labels
// every mark and lets a label overlap others where nothing else fits; `none` labels nothing.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "render/plot_style.hpp"

namespace tpp::detail {
namespace {

bool clear_of(const Box& box, const std::vector<Box>& occupied) {
  return std::none_of(occupied.begin(), occupied.end(),
                      [&](const Box& o) { return o.overlaps(box); });
}

bool within(const Box& b, const Box& area) {
  return b.x >= area.x && b.y >= area.y && b.x + b.width <= area.x + area.width &&
         b.y + b.height <= area.y + area.height;
}

std::string label_text(const MapPoint& point) {
  std::string text = point.chip.label + (point.chip.estimate ? " (est.)" : "");
  if (!point.others.empty()) text += " +" + std::to_string(point.others.size());
  return text;
}

// Region labels: in the largest cell of each, at the first spot clear of marks.
void place_region_labels(MapLayout& layout, std::vector<Box>& occupied) {
  std::map<std::string, const MapRegion*> largest;
  for (const MapRegion& region : layout.regions) {
    const MapRegion*& best = largest[region.label];
    if (best == nullptr ||
        region.box.width * region.box.height > best->box.width * best->box.height) {
      best = &region;
    }
  }
  for (const auto& [label, region] : largest) {
    const double w = static_cast<double>(label.size()) * 6.0 + 6;
    const Box& cell = region->box;
    if (w > cell.width - 6 || cell.height < 20) continue;  // no room: the legend names it
    Box chosen{cell.x + cell.width / 2 - w / 2, cell.y + cell.height / 2 - 7, w, 14};
    bool found = false;
    for (int row = 0; row < 9 && !found; ++row) {
      for (int col = 0; col < 5 && !found; ++col) {
        const Box box{cell.x + 3 + (cell.width - w - 6) * col / 4.0,
                      cell.y + 3 + (cell.height - 20) * ((row + 4) % 9) / 8.0, w, 14};
        if (clear_of(box, occupied)) chosen = box, found = true;
      }
    }
    if (!found && !layout.density_cells.empty()) continue;  // a crowded plane: the legend names it
    layout.region_labels.emplace_back(chosen, label);
    occupied.push_back(chosen);
  }
}

}  // namespace

void place_labels(MapLayout& layout) {
  std::vector<Box> occupied;
  for (const MapPoint& point : layout.points) {
    const double r = point.radius + 2;
    occupied.push_back({point.x - r, point.y - r, 2 * r, 2 * r});
  }
  place_region_labels(layout, occupied);
  const MapLabels mode = layout.options.labels;
  if (mode == MapLabels::none) return;
  // Where labels may go: the plane, inset so that a label never touches its frame; for chips on
  // the strip, the strip and the margin below it (above the footer).
  const Box plane{layout.plot.x + 2, layout.plot.y + 2, layout.plot.width - 4,
                  layout.plot.height - 4};
  const Box below{layout.strip.x, layout.strip.y + 2, layout.strip.width,
                  layout.height - 26 - layout.strip.y - 2};
  // Bigger crowds first, then from left to right.
  std::vector<std::size_t> order(layout.points.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const MapPoint& pa = layout.points[a];
    const MapPoint& pb = layout.points[b];
    if (pa.others.size() != pb.others.size()) return pa.others.size() > pb.others.size();
    return pa.x < pb.x;
  });
  std::size_t placed_count = 0;
  for (const std::size_t index : order) {
    if (mode == MapLabels::automatic && placed_count == kAutoLabels) break;
    MapPoint& point = layout.points[index];
    const Box& area = point.on_strip ? below : plane;
    const std::string text = label_text(point);
    const double w = static_cast<double>(text.size()) * kCharWidth + 2;
    const double r = point.radius;
    std::vector<std::pair<Box, bool>> candidates{
        {{point.x + r + 3, point.y - kLabelHeight / 2, w, kLabelHeight}, false},
        {{point.x - r - 3 - w, point.y - kLabelHeight / 2, w, kLabelHeight}, false},
        {{point.x - w / 2, point.y - r - 2 - kLabelHeight, w, kLabelHeight}, false},
        {{point.x - w / 2, point.y + r + 2, w, kLabelHeight}, false}};
    // Farther spots joined by a leader line: a few in auto mode (a long leader misleads), more
    // in all mode.
    const std::vector<double> radii = mode == MapLabels::all
                                          ? std::vector<double>{22, 34, 48, 64, 82, 104, 130}
                                          : std::vector<double>{22, 34, 48};
    for (const double radius : radii) {
      for (int k = 0; k < 12; ++k) {
        const double angle = k * M_PI / 6;
        const double cx = point.x + radius * std::cos(angle);
        const double cy = point.y + radius * std::sin(angle);
        candidates.push_back({{cx - w / 2, cy - kLabelHeight / 2, w, kLabelHeight}, true});
      }
    }
    const Box* chosen = nullptr;
    bool leader = false;
    for (const auto& [box, far] : candidates) {
      if (!within(box, area) || !clear_of(box, occupied)) continue;
      chosen = &box;
      leader = far;
      break;
    }
    if (chosen == nullptr && mode == MapLabels::all) {
      // Nothing clear: the first spot inside the area, over other labels if need be.
      for (const auto& [box, far] : candidates) {
        if (!within(box, area)) continue;
        chosen = &box;
        leader = far;
        break;
      }
    }
    if (chosen == nullptr) continue;  // the mark keeps its names as a tooltip
    point.label_box = *chosen;
    point.leader = leader;
    occupied.push_back(point.label_box);
    ++placed_count;
  }
}

}  // namespace tpp::detail
