// Every answer derived from the classifier is re-derived by classifying at the point it claims
// and one step (10^-6) to each side, for every bundled chip and a generated set around every
// threshold, at every rule date: headroom's crossings, timeline change points, the map's
// regions, sensitivity notes and margins. Monotonicity: more throughput or less die area never
// lowers control or the licence answer, at every date and destination. Each case counts; the
// counts are printed (ctest --verbose, or the test binary with -s).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>

#include "tpp/tpp.hpp"

using namespace tpp;

namespace {

const Decimal kStepValue = Decimal::from_units(10);  // 10^-6

std::vector<Date> rule_dates() {
  std::vector<Date> out;
  for (const Regime& revision : regimes()) {
    out.push_back(revision.effective);
    if (revision.binding_from() != revision.effective) out.push_back(revision.binding_from());
  }
  return out;
}

Decimal dec(const char* text) {
  return parse_decimal(text).value();
}

// A one-unit, one-die chip: `tops` at `precision` over `area_mm2`.
ChipSpec synthetic(Precision precision, Decimal tops, std::optional<Decimal> area_mm2,
                   bool datacenter = true) {
  ChipSpec spec;
  spec.name = "generated";
  spec.datacenter.value = datacenter;
  spec.processing_units.push_back({"", 1, {{precision, tops, false, {}}}});
  if (area_mm2) {
    Die die;
    die.area_mm2 = Figure{*area_mm2, {}};
    spec.dies.push_back(die);
  }
  return spec;
}

const Precision kOneBit{Format::custom, 1};
const Precision kFp8{Format::fp8, 0};

// TPPs on and one step around every TPP line, and a few between.
std::vector<Decimal> tpp_points() {
  std::vector<Decimal> out;
  for (const char* line : {"1600", "2400", "4800", "21000"}) {
    const Decimal t = dec(line);
    out.push_back(*checked_sub(t, kStepValue));
    out.push_back(t);
    out.push_back(*checked_add(t, kStepValue));
  }
  for (const char* between : {"100", "1999.5", "3000", "10000", "30000"})
    out.push_back(dec(between));
  return out;
}

// Areas that put a TPP just below, on and just above every density line.
std::vector<Decimal> area_points(Decimal tpp) {
  std::vector<Decimal> out;
  for (const char* line : {"1.6", "3.2", "5.92"}) {
    // area = TPP / density, rounded to the grid both ways: density just above and just below.
    const __int128 numerator = static_cast<__int128>(tpp.units()) * Decimal::kScale;
    const __int128 threshold = dec(line).units();
    const std::int64_t exact = static_cast<std::int64_t>(numerator / threshold / 10 * 10);
    for (std::int64_t delta : {-10, 0, 10}) {
      if (exact + delta > 0) out.push_back(Decimal::from_units(exact + delta));
    }
  }
  out.push_back(dec("100"));
  out.push_back(dec("2000"));
  return out;
}

int control_level(const Classification& c) {
  if (c.eccn && c.eccn->ends_with(".a")) return 3;
  if (c.eccn && c.eccn->ends_with(".b")) return 2;
  if (c.status == Status::indeterminate) return 1;
  return 0;
}

int licence_level(Truth truth) {
  return truth == Truth::yes ? 2 : truth == Truth::unknown ? 1 : 0;
}

Report evaluated(const ChipSpec& spec, Options options) {
  auto report = evaluate(spec, options);
  REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().message()));
  return std::move(*report);
}

std::string key(const Report& report) {
  const Classification& c = report.classification;
  std::string out = std::string(to_string(c.status)) + "|";
  for (std::string_view p : c.paragraphs)
    out += std::string(p) + ",";
  for (std::string_view p : c.possible_paragraphs)
    out += "?" + std::string(p) + ",";
  if (report.destination) {
    out += "|" + std::string(to_string(report.destination->licence_required));
    out += report.destination->is_export ? "" : "|not an export";
    if (report.destination->review) out += "|" + report.destination->review->policy;
  }
  return out;
}

// The metric a line is drawn in, for the spec as it is: TPP, or density against the line.
Truth at_or_above(const ChipSpec& spec, Metric metric, Decimal threshold, int tf32_bits) {
  auto metrics = compute_metrics(spec, MetricOptions{tf32_bits});
  REQUIRE(metrics.has_value());
  const MetricValue value = metric_value(metric, spec, *metrics);
  if (value.state != DensityState::known) return Truth::unknown;
  return value.value.compare(threshold) >= 0 ? Truth::yes : Truth::no;
}

std::map<std::string, std::size_t> counts;

}  // namespace

TEST_CASE("headroom: every claimed crossing is where the classifier says") {
  std::vector<std::pair<ChipSpec, std::optional<Precision>>> chips;
  for (const auto& chip : ChipDatabase::bundled().chips()) {
    if (chip->kind == ChipKind::accelerator) chips.emplace_back(*chip, std::nullopt);
  }
  for (const Decimal tpp : tpp_points()) {
    for (const Decimal area : area_points(tpp))
      chips.emplace_back(synthetic(kOneBit, tpp, area), std::nullopt);
  }
  for (const Date day : rule_dates()) {
    if (regime_in_force(day) == nullptr) continue;
    Options options{day};
    options.details = false;
    Options china = options;
    china.destination = "CN";
    china.headquarters = "CN";
    for (const auto& [input, precision] : chips) {
      auto room = headroom(input, options, precision);
      REQUIRE_MESSAGE(room.has_value(), input.display_name());
      const ChipSpec spec =
          has_range(input) ? at_range_end(input, RangeEnd::most_controlled) : input;
      for (const HeadroomLine& line : room->lines) {
        CAPTURE(input.display_name());
        CAPTURE(to_string(day));
        CAPTURE(to_string(line.threshold));
        for (const bool by_area : {false, true}) {
          const HeadroomMove& move = by_area ? line.by_area : line.by_throughput;
          if (!move.possible) continue;
          const ChipSpec at = by_area ? with_applicable_area(spec, move.boundary)
                                      : with_throughput(spec, room->precision, move.boundary);
          const ChipSpec past = by_area ? with_applicable_area(spec, move.past)
                                        : with_throughput(spec, room->precision, move.past);
          // One step apart, on the two sides of the line.
          const auto gap = move.past > move.boundary ? checked_sub(move.past, move.boundary)
                                                     : checked_sub(move.boundary, move.past);
          CHECK(gap == kStepValue);
          CHECK(at_or_above(at, line.metric, line.threshold, options.tf32_bits) ==
                (line.above ? Truth::yes : Truth::no));
          CHECK(at_or_above(past, line.metric, line.threshold, options.tf32_bits) ==
                (line.above ? Truth::no : Truth::yes));
          // The results it claims are the classifier's.
          const Options& judge = line.review_window ? china : options;
          const Report at_report = evaluated(at, judge);
          const Report past_report = evaluated(past, judge);
          CHECK(move.changes_result == (key(at_report) != key(past_report)));
          CHECK(control_level(past_report.classification) >= 0);
          ++counts["headroom crossings"];
        }
      }
    }
  }
  MESSAGE("headroom crossings re-derived: " << counts["headroom crossings"]);
  CHECK(counts["headroom crossings"] > 1000);
}

TEST_CASE("timeline: nothing changes between its dates, and it marks every change") {
  struct Shipment {
    const char* to;
    const char* hq;
  };
  const std::vector<Shipment> shipments{{nullptr, nullptr}, {"CN", nullptr}, {"AE", "AE"},
                                        {"IN", "IN"},       {"DE", "CN"},    {"RU", nullptr}};
  for (const auto& chip : ChipDatabase::bundled().chips()) {
    for (const Shipment& s : shipments) {
      Options options;
      if (s.to != nullptr) options.destination = s.to;
      if (s.hq != nullptr) options.headquarters = s.hq;
      auto entries = timeline(chip, options);
      REQUIRE(entries.has_value());
      for (std::size_t i = 1; i < entries->size(); ++i) {
        const TimelineEntry& before = (*entries)[i - 1];
        const TimelineEntry& now = (*entries)[i];
        CAPTURE(chip->id);
        CAPTURE(to_string(now.date));
        // The day before this entry answers as the entry before it did.
        Options eve = options;
        eve.as_of = Date{std::chrono::sys_days{now.date} - std::chrono::days{1}};
        CHECK(key(evaluated(*chip, eve)) == key(*before.report));
        // A change is marked exactly where the outcome (result, licence, review) differs.
        const bool differs = key(*before.report) != key(*now.report);
        const bool letter_status_change = now.change.find("letter") != std::string::npos;
        if (!letter_status_change) CHECK(now.changed == differs);
        if (differs) CHECK(now.changed);
        ++counts["timeline dates"];
      }
    }
  }
  MESSAGE("timeline dates re-derived: " << counts["timeline dates"]);
  CHECK(counts["timeline dates"] > 1000);
}

TEST_CASE("the map: every region is what the classifier says at its corners") {
  const std::vector<MapChip> none;
  for (const Date day : rule_dates()) {
    const MapLayout layout = layout_map(none, day);
    ChipSpec probe = synthetic(kOneBit, Decimal::from_integer(1), std::nullopt);
    probe.io_bidirectional_gbps = Figure{kMaxBandwidthGbps, {}};
    for (const MapRegion& region : layout.regions) {
      CAPTURE(to_string(day));
      CAPTURE(region.label);
      // Inside the cell: its lower edges (on a line belongs above it) and one step below its
      // upper edges.
      for (const Decimal tpp : {region.tpp_from, *checked_sub(region.tpp_to, kStepValue)}) {
        for (const bool top : {false, true}) {
          Metrics metrics;
          metrics.tpp = tpp;
          metrics.density.state = DensityState::known;
          metrics.density.value = top ? DecimalRatio{*checked_sub(region.density_to, kStepValue),
                                                     Decimal::from_integer(1)}
                                      : DecimalRatio{region.density_from, Decimal::from_integer(1)};
          const Classification c = classify(probe, metrics, day);
          CHECK(std::string(c.paragraph.value_or("")) == region.paragraph);
          ++counts["map corners"];
        }
      }
    }
  }
  MESSAGE("map region corners re-derived: " << counts["map corners"]);
  CHECK(counts["map corners"] > 100);
}

TEST_CASE("sensitivity notes and margins agree with re-classifying") {
  for (const Date day : rule_dates()) {
    for (const auto& chip : ChipDatabase::bundled().chips()) {
      if (chip->kind != ChipKind::accelerator) continue;
      CAPTURE(chip->id);
      CAPTURE(to_string(day));
      Options options{day};
      options.details = true;  // the sensitivity notes under test
      const Report report = evaluated(*chip, options);
      // TF32 at the other bit length: a note exactly when the result moves.
      Options other = options;
      other.tf32_bits = options.tf32_bits == 32 ? 19 : 32;
      const Report flipped = evaluated(*chip, other);
      bool noted = false;
      for (const std::string& note : report.sensitivity)
        noted = noted || note.find("TF32") != std::string::npos;
      const bool moved =
          control_level(report.classification) != control_level(flipped.classification) ||
          report.classification.paragraphs != flipped.classification.paragraphs;
      if (moved) CHECK(noted);
      ++counts["sensitivity"];
      // Each margin's side is the side of its own line, and its conditions read that side.
      for (const Margin& margin : report.classification.margins) {
        const MetricValue value = metric_value(margin.metric, *report.spec, report.metrics);
        if (!margin.known) {
          CHECK(value.state != DensityState::known);
          continue;
        }
        const auto order = value.value.compare(margin.threshold);
        CHECK(margin.side == (order < 0 ? -1 : order > 0 ? 1 : 0));
        if (margin.exact_difference) {
          CHECK(checked_add(margin.threshold, *margin.exact_difference) == value.value.numerator);
        }
        ++counts["margins"];
      }
    }
  }
  MESSAGE("sensitivity checks: " << counts["sensitivity"] << ", margins: " << counts["margins"]);
  CHECK(counts["margins"] > 1000);
}

TEST_CASE("monotone: more throughput or less area never lowers control or the licence answer") {
  struct Shipment {
    const char* to;
    const char* hq;
  };
  const std::vector<Shipment> shipments{{"CN", nullptr}, {"AE", "AE"}, {"DE", "DE"},
                                        {"IN", nullptr}, {"SA", "SA"}, {"US", nullptr}};
  const std::vector<Decimal> tpps = tpp_points();
  for (const Date day : rule_dates()) {
    for (const bool datacenter : {true, false}) {
      for (const Shipment& s : shipments) {
        Options options{day};
        options.details = false;
        options.destination = s.to;
        if (s.hq != nullptr) options.headquarters = s.hq;
        const auto level = [&](Decimal tpp, Decimal area) {
          const Report r = evaluated(synthetic(kOneBit, tpp, area, datacenter), options);
          return std::pair{control_level(r.classification),
                           licence_level(r.destination->licence_required)};
        };
        for (const char* area_text : {"300", "800", "1500", "4000"}) {
          const Decimal area = dec(area_text);
          std::pair<int, int> last{-1, -1};
          std::vector<Decimal> sorted = tpps;
          std::sort(sorted.begin(), sorted.end());
          for (const Decimal tpp : sorted) {
            CAPTURE(to_string(day));
            CAPTURE(std::string(s.to));
            CAPTURE(to_string(tpp));
            CAPTURE(to_string(area));
            const auto now = level(tpp, area);
            CHECK(now.first >= last.first);
            CHECK(now.second >= last.second);
            last = now;
            ++counts["monotone"];
          }
        }
        for (const Decimal tpp : tpps) {
          std::vector<Decimal> areas = area_points(tpp);
          std::sort(areas.begin(), areas.end(), std::greater<>());  // shrinking area
          std::pair<int, int> last{-1, -1};
          for (const Decimal area : areas) {
            const auto now = level(tpp, area);
            CAPTURE(to_string(day));
            CAPTURE(to_string(tpp));
            CAPTURE(to_string(area));
            CHECK(now.first >= last.first);
            CHECK(now.second >= last.second);
            last = now;
            ++counts["monotone"];
          }
        }
      }
    }
  }
  MESSAGE("monotonicity points: " << counts["monotone"]);
  CHECK(counts["monotone"] > 10000);
}
