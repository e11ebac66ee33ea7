// Which conventions change an outcome: every test of the revision in force (paragraphs, notes,
// licence-exception conditions, review windows) is evaluated under tpp's reading and under the
// alternative; any test whose answer moves is reported.
#include <fmt/format.h>

#include "text.hpp"
#include "tpp/report.hpp"

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

std::vector<Test> tests_of(const ChipSpec& spec, const Metrics& metrics, const Regime& revision) {
  std::vector<Test> out;
  for (const Clause& clause : revision.clauses) {
    if (clause.applies_to == spec.kind)
      add_tests(out, clause.paragraph, clause.conditions, spec, metrics);
  }
  for (const Exclusion& exclusion : revision.exclusions) {
    add_tests(out, exclusion.name, exclusion.conditions, spec, metrics);
  }
  for (const ReviewPolicy& policy : revision.review_policies) {
    add_tests(out, fmt::format("{} review, {}", policy.policy, policy.citation), policy.conditions,
              spec, metrics);
  }
  return out;
}

std::vector<std::string> moved(const std::vector<Test>& ours, const std::vector<Test>& other) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ours.size() && i < other.size(); ++i) {
    if (ours[i].truth != other[i].truth) {
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

// A governing figure that is not the vendor's own, or is unconfirmed, may have been quoted with
// sparsity without saying so.
bool may_be_sparse(const ChipSpec& spec, const Metrics& metrics) {
  for (std::size_t u = 0; u < metrics.units.size(); ++u) {
    const UnitTpp& unit = metrics.units[u];
    if (unit.by_precision.empty()) continue;
    const Throughput& t =
        spec.processing_units[u].throughput[unit.by_precision[unit.governing].throughput_index];
    if (!t.sparse && (t.provenance.confidence != Confidence::vendor || t.provenance.unconfirmed)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> sensitivity_notes(const ChipSpec& spec, const Metrics& metrics,
                                           const Regime& revision, const MetricOptions& options) {
  std::vector<std::string> out;
  if (spec.kind != ChipKind::accelerator) return out;
  const std::vector<Test> ours = tests_of(spec, metrics, revision);

  if (has_tf32(spec)) {
    const int other_bits = options.tf32_bits == 32 ? 19 : 32;
    auto other = compute_metrics(spec, MetricOptions{other_bits});
    if (other) {
      const auto changes = moved(ours, tests_of(spec, *other, revision));
      if (!changes.empty()) {
        out.push_back(fmt::format(
            "TF32's bit length decides part of the outcome: TPP is {} with TF32 at {} bits and {} "
            "at {} bits; it changes {}.",
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
      const auto changes = moved(ours, tests_of(halved, *other, revision));
      if (!changes.empty()) {
        out.push_back(fmt::format(
            "Not every deciding figure is the vendor's own dense figure: if they were quoted with "
            "2:4 sparsity, TPP would be {} instead of {}, which changes {}.",
            format_decimal(other->tpp, 6, true), format_decimal(metrics.tpp, 6, true),
            detail::join(changes, "; ")));
      }
    }
  }
  return out;
}

}  // namespace tpp
