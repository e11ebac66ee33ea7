// Which conventions change an outcome: every test of the revision in force (paragraphs, notes,
// licence-exception conditions, review windows) is evaluated under tpp's reading and under the
// alternative; any test whose answer moves is reported.
#include <fmt/format.h>

#include "core/text.hpp"
#include "tpp/rules/report.hpp"

namespace tpp {
namespace {

struct Test {
  std::string label;
  Truth truth;
};

std::string condition_label(const Condition& condition) {
  return fmt::format("{} {} {}", display_name(condition.metric), to_string(condition.comparator),
                     format_decimal(condition.threshold, 6, true));
}

void add_tests(std::vector<Test>& out, std::string_view where,
               std::span<const Condition> conditions, const ChipSpec& spec,
               const Metrics& metrics) {
  for (const ConditionOutcome& outcome : evaluate_conditions(conditions, spec, metrics)) {
    if (outcome.condition.metric == Metric::datacenter) continue;
    out.push_back(
        {fmt::format("{} ({})", condition_label(outcome.condition), where), outcome.truth});
  }
}

// What a reader acts on: the classification itself, and the tests of the review windows (which
// decide the licence policy). A paragraph test that flips without changing the result is noise.
std::vector<Test> tests_of(const ChipSpec& spec, const Metrics& metrics, const Regime& revision,
                           Date as_of) {
  std::vector<Test> out;
  const Classification c = classify(spec, metrics, as_of);
  const std::string result =
      c.paragraphs.empty() ? std::string(to_string(c.status)) : detail::join(c.paragraphs, " ");
  out.push_back({"the classification", result == "not-controlled" ? Truth::no : Truth::yes});
  out.back().label = "the classification (" + result + ")";
  for (const ReviewPolicy& policy : revision.review_policies) {
    add_tests(out, fmt::format("{} review, {}", policy.policy, policy.citation), policy.conditions,
              spec, metrics);
  }
  return out;
}

std::vector<std::string> moved(const std::vector<Test>& ours, const std::vector<Test>& other) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ours.size() && i < other.size(); ++i) {
    if (i == 0 && ours[0].label != other[0].label) {
      out.push_back(ours[0].label + " into " +
                    other[0].label.substr(std::string("the classification ").size()));
    } else if (i > 0 && ours[i].truth != other[i].truth) {
      out.push_back(fmt::format("{}: {} vs {}", ours[i].label, to_string(ours[i].truth),
                                to_string(other[i].truth)));
    }
  }
  return out;
}

bool has_tf32(const ChipSpec& spec) {
  for (const ProcessingUnit& unit : spec.processing_units) {
    for (const Throughput& t : unit.throughput) {
      if (t.precision.format == Format::tf32) return true;
    }
  }
  return false;
}

// A governing figure our reference data marks unconfirmed, or our own estimate, may have been
// quoted with sparsity without saying so; sourced figures are taken as the sources state them.
bool may_be_sparse(const ChipSpec& spec, const Metrics& metrics) {
  for (std::size_t u = 0; u < metrics.units.size(); ++u) {
    const UnitTpp& unit = metrics.units[u];
    if (unit.by_precision.empty()) continue;
    const Throughput& t =
        spec.processing_units[u].throughput[unit.by_precision[unit.governing].throughput_index];
    if (!t.sparse &&
        (t.provenance.unconfirmed || t.provenance.confidence == Confidence::estimate)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> sensitivity_notes(const ChipSpec& spec, const Metrics& metrics,
                                           const Regime& revision, Date as_of,
                                           const MetricOptions& options) {
  std::vector<std::string> out;
  if (spec.kind != ChipKind::accelerator) return out;
  const std::vector<Test> ours = tests_of(spec, metrics, revision, as_of);

  if (has_tf32(spec)) {
    const int other_bits = options.tf32_bits == 32 ? 19 : 32;
    auto other = compute_metrics(spec, MetricOptions{other_bits});
    if (other) {
      const auto changes = moved(ours, tests_of(spec, *other, revision, as_of));
      if (!changes.empty()) {
        out.push_back(fmt::format(
            "TF32's bit length changes the outcome: TPP is {} with TF32 at {} bits and {} at {} "
            "bits, which changes {}.",
            format_decimal(metrics.tpp, 6, true), options.tf32_bits,
            format_decimal(other->tpp, 6, true), other_bits, detail::join(changes, "; ")));
      }
    }
  }
  if (may_be_sparse(spec, metrics)) {
    ChipSpec halved = spec;
    for (ProcessingUnit& unit : halved.processing_units) {
      for (Throughput& t : unit.throughput)
        t.sparse = true;
    }
    auto other = compute_metrics(halved, options);
    if (other) {
      const auto changes = moved(ours, tests_of(halved, *other, revision, as_of));
      if (!changes.empty()) {
        out.push_back(fmt::format(
            "A deciding figure is unconfirmed or estimated: had the figures been quoted with 2:4 "
            "sparsity, TPP would be {} instead of {}, which changes {}.",
            format_decimal(other->tpp, 6, true), format_decimal(metrics.tpp, 6, true),
            detail::join(changes, "; ")));
      }
    }
  }
  return out;
}

}  // namespace tpp
