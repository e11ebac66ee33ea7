// Headroom: where each line of the rule sits along one figure of the chip, found by exact
// arithmetic on the 10^-6 grid of inputs, and what the chip is on either side of it, found by
// classifying the changed chip there. The arithmetic only places the boundary; every result is
// the classifier's own answer at that point.
#include "tpp/rules/headroom.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "rules/wording.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

__extension__ using i128 = __int128;
constexpr i128 kScale = Decimal::kScale;
constexpr std::int64_t kStep = 10;  // 10^-6 in 10^-7 units: the input grid

// Where `precision` is read: the first unit that has it (else unit 0, as a new figure).
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

std::string result_text(const Report& report, bool with_review) {
  const Classification& c = report.classification;
  std::string text =
      c.paragraphs.empty() ? std::string(to_string(c.status)) : detail::join(c.paragraphs, " ");
  if (c.status == Status::indeterminate && !c.possible_paragraphs.empty()) {
    text += " (could be " + detail::join(c.possible_paragraphs, " ") + ")";
  }
  if (with_review && report.destination) {
    text += "; China review: " + (report.destination->review
                                      ? detail::review_label(*report.destination->review)
                                      : std::string("none (no licence under the rule)"));
  }
  return text;
}

struct Judge {
  Options options;
  Options china;  // for review-window lines: an end user in China, headquartered there

  Result<std::string> operator()(const ChipSpec& spec, bool review) const {
    auto report = evaluate(spec, review ? china : options);
    if (!report) return tpp::unexpected(report.error());
    return result_text(*report, review);
  }
};

Result<void> judge_move(HeadroomMove& move, const ChipSpec& boundary_spec,
                        const ChipSpec& past_spec, const Judge& judge, bool review) {
  auto at = judge(boundary_spec, review);
  if (!at) return tpp::unexpected(at.error());
  auto past = judge(past_spec, review);
  if (!past) return tpp::unexpected(past.error());
  move.result_at_boundary = std::move(*at);
  move.result_past = std::move(*past);
  move.changes_result = move.result_at_boundary != move.result_past;
  return {};
}

}  // namespace

ChipSpec with_throughput(const ChipSpec& spec, Precision precision, Decimal dense_tops) {
  ChipSpec out = spec;
  if (out.processing_units.empty()) out.processing_units.emplace_back();
  const Place place = place_of(out, precision);
  auto& rows = out.processing_units[place.unit].throughput;
  Throughput figure{precision, dense_tops, false, {}};
  figure.provenance.note = "headroom point";
  if (place.row) {
    figure.provenance = rows[*place.row].provenance;
    rows[*place.row] = figure;
  } else {
    rows.push_back(figure);
  }
  return out;
}

ChipSpec with_applicable_area(const ChipSpec& spec, Decimal area_mm2) {
  ChipSpec out = spec;
  std::erase_if(out.dies, [](const Die& d) { return d.logic && d.non_planar; });
  Die die;
  die.name = "applicable logic area (headroom point)";
  die.area_mm2 = Figure{area_mm2, {}};
  out.dies.insert(out.dies.begin(), die);
  return out;
}

Result<Headroom> headroom(const ChipSpec& input, const Options& options,
                          std::optional<Precision> at) {
  if (input.kind != ChipKind::accelerator) {
    return fail(errc::invalid_argument, "chip", input.display_name(),
                "headroom is computed for accelerator ICs only");
  }
  Headroom out;
  // A ranged estimate is read at its most controlled end.
  const ChipSpec spec = has_range(input) ? at_range_end(input, RangeEnd::most_controlled) : input;
  if (has_range(input)) {
    out.notes.push_back(
        "The chip's figures are estimated ranges: headroom is computed at the "
        "most controlled end.");
  }
  Options quiet = options;
  quiet.details = false;
  quiet.destination.reset();
  auto report = evaluate(spec, quiet);
  if (!report) return tpp::unexpected(report.error());
  const Metrics& metrics = report->metrics;
  const Regime* revision = report->classification.revision;
  if (revision == nullptr) {
    return fail(errc::invalid_argument, "--as-of", to_string(report->as_of),
                "no 3A090 rule was in force on that date");
  }
  out.as_of = report->as_of;
  out.revision = revision;
  out.tpp = metrics.tpp;
  out.result_now = result_text(*report, false);
  if (metrics.density.state == DensityState::known) {
    out.applicable_area_mm2 = metrics.density.applicable_area_mm2;
  }
  if (!at) {
    const UnitTpp& unit = metrics.units.front();
    at = unit.by_precision[unit.governing].precision;
  }
  out.precision = *at;
  Judge judge{quiet, quiet};
  judge.options.as_of = report->as_of;
  judge.china.as_of = report->as_of;
  judge.china.destination = "CN";
  judge.china.headquarters = "CN";

  const Place place = place_of(spec, *at);
  const int bits = bit_length(*at, options.tf32_bits);
  const int count = spec.processing_units.empty() ? 1 : spec.processing_units[place.unit].count;
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
    out.notes.push_back(fmt::format(
        "The chip has no {} figure; the headroom is for adding one to processing unit {}.",
        to_string(*at), place.unit));
  }

  // Every distinct TPP and density threshold of the paragraphs and review windows in force.
  const auto add_line = [&](const Condition& condition, std::string_view where, bool review) {
    if (condition.metric != Metric::tpp && condition.metric != Metric::performance_density) return;
    auto it = std::find_if(out.lines.begin(), out.lines.end(), [&](const HeadroomLine& line) {
      return line.metric == condition.metric && line.threshold == condition.threshold;
    });
    if (it == out.lines.end()) {
      HeadroomLine line;
      line.metric = condition.metric;
      line.threshold = condition.threshold;
      line.used_by = std::string(where);
      line.review_window = review;
      out.lines.push_back(std::move(line));
    } else {
      if (it->used_by.find(where) == std::string::npos) it->used_by += ", " + std::string(where);
      it->review_window = it->review_window || review;
    }
  };
  for (const Clause& clause : revision->clauses) {
    if (clause.applies_to != ChipKind::accelerator) continue;
    for (const Condition& c : clause.conditions)
      add_line(c, clause.paragraph, false);
  }
  for (const Exclusion& exclusion : revision->exclusions) {
    for (const Condition& c : exclusion.conditions)
      add_line(c, "datacenter note", false);
  }
  for (const ReviewPolicy& policy : revision->review_policies) {
    for (const Condition& c : policy.conditions)
      add_line(c, std::string(policy.policy) + " review window", true);
  }

  std::vector<std::pair<i128, std::size_t>> order;
  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    HeadroomLine& line = out.lines[i];
    HeadroomMove& tops = line.by_throughput;
    HeadroomMove& area = line.by_area;
    tops.now = out.current_tops;
    if (out.applicable_area_mm2) area.now = *out.applicable_area_mm2;
    const MetricValue value = metric_value(line.metric, spec, metrics);
    if (value.state != DensityState::known) {
      const std::string why = value.state == DensityState::not_applicable
                                  ? "density does not apply (no non-planar logic die)"
                                  : "density unknown: " + metrics.density.reason;
      tops.why_not = why;
      area.why_not = why;
      order.emplace_back(std::numeric_limits<i128>::max(), i);
      continue;
    }
    line.above = value.value.compare(line.threshold) >= 0;
    // The line, in TPP at 10^-14 units: T x S for a TPP line, t x A for a density line.
    const i128 bound14 = line.metric == Metric::tpp
                             ? static_cast<i128>(line.threshold.units()) * kScale
                             : static_cast<i128>(line.threshold.units()) *
                                   metrics.density.applicable_area_mm2.units();

    // By throughput: TPP(x) = rest + count x max(other, x x bits). The largest x on the grid
    // that keeps it below the line, if other figures do not hold it at or above already.
    i128 below_units = -1;
    if (floor14 < bound14) {
      const i128 step = static_cast<i128>(kStep) * bits * count * kScale;
      below_units = (bound14 - rest * kScale - 1) / step * kStep;
    }
    if (below_units < 0) {
      tops.why_not = fmt::format("the other figures hold {} at or above the line",
                                 line.metric == Metric::tpp ? "TPP" : "density");
    } else if (line.above && below_units == 0) {
      tops.why_not = fmt::format("no positive {} figure gets it below", to_string(*at));
    } else {
      const Decimal below = Decimal::from_units(static_cast<std::int64_t>(below_units));
      const Decimal over = Decimal::from_units(static_cast<std::int64_t>(below_units) + kStep);
      if (!line.above && over > kMaxTops) {
        tops.why_not = "it would take an absurd throughput";
      } else {
        tops.possible = true;
        tops.boundary = line.above ? over : below;
        tops.past = line.above ? below : over;
        auto ok = judge_move(tops, with_throughput(spec, *at, tops.boundary),
                             with_throughput(spec, *at, tops.past), judge, line.review_window);
        if (!ok) return tpp::unexpected(ok.error());
      }
    }
    order.emplace_back(below_units < 0 ? std::numeric_limits<i128>::max() - 1 : below_units, i);

    // By area (density lines only): the smallest area on the grid with TPP / area < t.
    if (line.metric == Metric::tpp) {
      area.why_not = "a TPP line: die area does not move it";
      continue;
    }
    const i128 numerator = static_cast<i128>(metrics.tpp.units()) * kScale;
    const i128 a_units =
        (numerator / (static_cast<i128>(kStep) * line.threshold.units()) + 1) * kStep;
    const Decimal smallest_below = Decimal::from_units(static_cast<std::int64_t>(a_units));
    const Decimal largest_above = Decimal::from_units(static_cast<std::int64_t>(a_units - kStep));
    if (line.above && smallest_below > kMaxDieAreaMm2) {
      area.why_not = "it would take an absurd die area";
    } else if (!line.above && largest_above.units() <= 0) {
      area.why_not = "no positive area gets it above";
    } else {
      area.possible = true;
      area.boundary = line.above ? largest_above : smallest_below;
      area.past = line.above ? smallest_below : largest_above;
      auto ok = judge_move(area, with_applicable_area(spec, area.boundary),
                           with_applicable_area(spec, area.past), judge, line.review_window);
      if (!ok) return tpp::unexpected(ok.error());
    }
  }
  std::stable_sort(order.begin(), order.end());
  std::vector<HeadroomLine> sorted;
  for (const auto& [position, index] : order)
    sorted.push_back(out.lines[index]);
  out.lines = std::move(sorted);
  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    const HeadroomLine& line = out.lines[i];
    if (!line.by_throughput.possible || !line.by_throughput.changes_result) continue;
    if (!line.above && !out.first_up) out.first_up = i;
    if (line.above) out.first_down = i;  // the last one above is the nearest going down
  }
  if (metrics.density.state == DensityState::unknown) {
    out.notes.push_back("Density lines cannot be placed: " + metrics.density.reason + ".");
  }
  return out;
}

}  // namespace tpp
