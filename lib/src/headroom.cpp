// The classification is a function of TPP (and density = TPP / area) that changes only at the
// rule's thresholds, so headroom is exact arithmetic at each line: the largest throughput x
// (to 10^-6) with rest + count x bits < line, and the smallest area a with TPP / a < line.
#include "tpp/headroom.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "render_common.hpp"
#include "text.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

__extension__ using i128 = __int128;
constexpr i128 kScale = Decimal::kScale;

// The unit and throughput row that `precision` is read from (the first unit that has it).
struct Place {
  std::size_t unit = 0;
  std::optional<std::size_t> row;
};

Place place_of(const ChipSpec& spec, Precision precision) {
  for (std::size_t u = 0; u < spec.processing_units.size(); ++u) {
    const auto& rows = spec.processing_units[u].throughput;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].precision == precision) return {u, r};
    }
  }
  return {};
}

// The line, in TPP at 10^-14 units: T x S for a TPP line, t x A for a density line.
std::optional<i128> boundary14(const HeadroomLine& line, const Metrics& metrics) {
  if (line.metric == Metric::tpp) return static_cast<i128>(line.threshold.units()) * kScale;
  if (metrics.density.state != DensityState::known) return std::nullopt;
  return static_cast<i128>(line.threshold.units()) * metrics.density.applicable_area_mm2.units();
}

std::string key_of(const Classification& c) {
  return std::string(to_string(c.status)) + "|" + detail::join(c.paragraphs, ",");
}

std::string result_of(const Classification& c) {
  if (c.paragraphs.empty()) return std::string(to_string(c.status));
  return detail::join(c.paragraphs, " ");
}

}  // namespace

Result<Headroom> headroom(const ChipSpec& spec, const Options& options,
                          std::optional<Precision> at) {
  if (spec.kind != ChipKind::accelerator) {
    return fail(errc::invalid_argument, "chip", spec.display_name(),
                "headroom is computed for accelerator ICs only");
  }
  auto report = evaluate(spec, options);
  if (!report) return tpp::unexpected(report.error());
  const Metrics& metrics = report->metrics;
  const Regime* revision = report->classification.revision;
  if (revision == nullptr) {
    return fail(errc::invalid_argument, "--as-of", to_string(report->as_of),
                "no 3A090 rule was in force on that date");
  }
  Headroom out;
  out.tpp = metrics.tpp;
  if (!at) {
    const UnitTpp& unit = metrics.units.front();
    at = unit.by_precision[unit.governing].precision;
  }
  out.precision = *at;
  const Place place = place_of(spec, *at);
  const int bits = bit_length(*at, options.tf32_bits);
  const int count = spec.processing_units[place.unit].count;
  // TPP with the chosen figure set aside: the other units' TPP, and the best other precision
  // of the same unit.
  i128 rest = 0;
  Decimal other_in_unit;
  for (std::size_t u = 0; u < metrics.units.size(); ++u) {
    const UnitTpp& unit = metrics.units[u];
    if (u != place.unit) {
      rest += unit.tpp.units();
      continue;
    }
    for (const PrecisionTpp& row : unit.by_precision) {
      if (place.row && row.throughput_index == *place.row) {
        out.current_tops = row.dense_tops;
        continue;
      }
      other_in_unit = std::max(other_in_unit, row.tpp);
    }
  }
  const i128 floor14 = (rest + static_cast<i128>(other_in_unit.units()) * count) * kScale;
  if (!place.row) {
    out.notes.push_back(
        fmt::format("The chip has no {} figure; the headroom is for adding one to "
                    "processing unit {}.",
                    to_string(*at), place.unit));
  }

  // Every distinct TPP and density threshold of the paragraphs and review windows in force.
  const auto add_line = [&](const Condition& condition, std::string_view where) {
    if (condition.metric != Metric::tpp && condition.metric != Metric::performance_density) return;
    auto it = std::find_if(out.lines.begin(), out.lines.end(), [&](const HeadroomLine& line) {
      return line.metric == condition.metric && line.threshold == condition.threshold;
    });
    if (it == out.lines.end()) {
      HeadroomLine line;
      line.metric = condition.metric;
      line.threshold = condition.threshold;
      line.used_by = std::string(where);
      out.lines.push_back(std::move(line));
    } else if (it->used_by.find(where) == std::string::npos) {
      it->used_by += ", " + std::string(where);
    }
  };
  for (const Clause& clause : revision->clauses) {
    if (clause.applies_to != ChipKind::accelerator) continue;
    for (const Condition& c : clause.conditions)
      add_line(c, clause.paragraph);
  }
  for (const ReviewPolicy& policy : revision->review_policies) {
    for (const Condition& c : policy.conditions)
      add_line(c, std::string(policy.policy) + " review window");
  }

  const std::string now = key_of(report->classification);
  std::vector<std::pair<i128, std::size_t>> order;
  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    HeadroomLine& line = out.lines[i];
    const MetricValue value = metric_value(line.metric, spec, metrics);
    if (value.state != DensityState::known) {
      line.crossing_result = "unknown (" + value.missing_input + ")";
      order.emplace_back(std::numeric_limits<i128>::max(), i);
      continue;
    }
    line.above = value.value.compare(line.threshold) >= 0;
    const auto bound = boundary14(line, metrics);
    // TPP(x) = rest + count * max(other, x * bits): below the line for some x only if
    // rest + count * other is; then the largest x (10^-6 steps) has rest + count * x * bits <
    // bound, with x = 10 * m in 10^-7 units.
    const i128 room = *bound - rest * kScale;
    if (floor14 < *bound) {
      const i128 step = static_cast<i128>(10) * bits * count * kScale;
      const i128 m = (room - 1) / step;
      line.max_tops = Decimal::from_units(static_cast<std::int64_t>(m * 10));
    }
    if (line.metric == Metric::performance_density) {
      // Smallest area a (10^-6 steps) with TPP / a < t: a > TPP * S / (10 t).
      const i128 numerator = static_cast<i128>(metrics.tpp.units()) * kScale;
      const i128 a = numerator / (static_cast<i128>(10) * line.threshold.units()) + 1;
      line.min_area_mm2 = Decimal::from_units(static_cast<std::int64_t>(a * 10));
    }
    // The classification just past the line, on the side the chip is not on.
    Metrics crossed = metrics;
    const i128 past14 = line.above ? *bound - 1 : *bound;
    i128 past_units = past14 / kScale;
    if (!line.above && past14 % kScale != 0) ++past_units;  // round up to stay past the line
    crossed.tpp = Decimal::from_units(static_cast<std::int64_t>(past_units));
    if (crossed.density.state == DensityState::known) crossed.density.value.numerator = crossed.tpp;
    const Classification after = classify(spec, crossed, report->as_of);
    line.changes_result = key_of(after) != now;
    line.crossing_result = line.changes_result ? result_of(after) : "no change";
    order.emplace_back(*bound, i);
  }
  std::stable_sort(order.begin(), order.end());
  std::vector<HeadroomLine> sorted;
  for (const auto& [bound, index] : order)
    sorted.push_back(out.lines[index]);
  out.lines = std::move(sorted);
  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    if (!out.lines[i].above && out.lines[i].changes_result &&
        out.lines[i].crossing_result.find("unknown") == std::string::npos) {
      out.binds_first = i;
      break;
    }
  }
  if (metrics.density.state != DensityState::known) {
    out.notes.push_back("Density lines cannot be placed: " + metrics.density.reason + ".");
  }
  return out;
}

std::string render_headroom(const ChipSpec& spec, const Headroom& h) {
  std::string out =
      fmt::format("{} - headroom at {} (now {} dense TOPS, TPP {})\n", spec.display_name(),
                  to_string(h.precision), detail::grouped(h.current_tops), detail::grouped(h.tpp));
  for (std::size_t i = 0; i < h.lines.size(); ++i) {
    const HeadroomLine& line = h.lines[i];
    const std::string name = fmt::format("{} {}", line.metric == Metric::tpp ? "TPP" : "density",
                                         detail::grouped(line.threshold));
    std::string what;
    if (!line.max_tops) {
      what = fmt::format("no {} figure gets it below (other figures hold it above)",
                         to_string(h.precision));
    } else if (line.above) {
      what = fmt::format("above; must come down to at most {} {} TOPS to get below",
                         detail::grouped(*line.max_tops), to_string(h.precision));
    } else {
      what = fmt::format("under while {} <= {} TOPS", to_string(h.precision),
                         detail::grouped(*line.max_tops));
    }
    if (line.min_area_mm2) {
      what += fmt::format("; under while applicable area >= {} mm2",
                          detail::grouped(*line.min_area_mm2));
    }
    out += fmt::format("{} {:<14} ({}): {}; past it: {}\n",
                       h.binds_first && *h.binds_first == i ? "*" : " ", name, line.used_by, what,
                       line.crossing_result);
  }
  if (h.binds_first) {
    const HeadroomLine& first = h.lines[*h.binds_first];
    out += fmt::format("* binds first: at most {} {} TOPS keeps it outside {}.\n",
                       first.max_tops ? detail::grouped(*first.max_tops) : "?",
                       to_string(h.precision), first.crossing_result);
  }
  for (const std::string& note : h.notes)
    out += "Note: " + note + "\n";
  out += "Not legal advice.\n";
  return out;
}

std::string render_headroom_json(const ChipSpec& spec, const Headroom& h) {
  using json = nlohmann::ordered_json;
  const auto number = [](Decimal value) -> json {
    if (value.units() % Decimal::kScale == 0) return value.units() / Decimal::kScale;
    return value.to_double();
  };
  json out;
  out["tool"] = std::string("tpp ") + version_string;
  out["rules_version"] = std::string(rules_version());
  out["id"] = spec.id;
  out["name"] = spec.name;
  out["precision"] = to_string(h.precision);
  out["current_tops"] = number(h.current_tops);
  out["tpp"] = number(h.tpp);
  json lines = json::array();
  for (const HeadroomLine& line : h.lines) {
    lines.push_back(
        {{"metric", std::string(to_string(line.metric))},
         {"threshold", number(line.threshold)},
         {"used_by", line.used_by},
         {"side", line.above ? "above" : "below"},
         {"max_tops", line.max_tops ? number(*line.max_tops) : json(nullptr)},
         {"min_area_mm2", line.min_area_mm2 ? number(*line.min_area_mm2) : json(nullptr)},
         {"crossing_result", line.crossing_result},
         {"changes_result", line.changes_result}});
  }
  out["lines"] = std::move(lines);
  out["binds_first"] = h.binds_first ? json(*h.binds_first) : json(nullptr);
  out["notes"] = h.notes;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tpp
