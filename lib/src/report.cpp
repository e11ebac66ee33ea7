#include "tpp/report.hpp"

#include <fmt/format.h>

#include "text.hpp"
#include "tpp/database.hpp"

namespace tpp {
namespace {

struct DecidingFigure {
  std::string field;
  std::string value;
  const Provenance* provenance;
};

// The figures the decision rests on: each unit's governing throughput, the applicable die
// areas, the datacenter flag, and the I/O rate where the rule in force tests it.
std::vector<DecidingFigure> deciding_figures(const ChipSpec& spec, const Metrics& metrics,
                                             const Classification& classification) {
  std::vector<DecidingFigure> out;
  for (std::size_t u = 0; u < metrics.units.size(); ++u) {
    const UnitTpp& unit = metrics.units[u];
    if (unit.by_precision.empty()) continue;
    const PrecisionTpp& row = unit.by_precision[unit.governing];
    const Throughput& input = spec.processing_units[u].throughput[row.throughput_index];
    out.push_back({fmt::format("processing_units[{}] {} throughput", u, to_string(row.precision)),
                   to_string(input.tops) + " TOPS", &input.provenance});
  }
  for (std::size_t d = 0; d < spec.dies.size(); ++d) {
    const Die& die = spec.dies[d];
    if (!die.logic || !die.non_planar || !die.area_mm2) continue;
    out.push_back({fmt::format("dies[{}] '{}' area", d, die.name),
                   to_string(die.area_mm2->value) + " mm2", &die.area_mm2->provenance});
  }
  out.push_back(
      {"datacenter", spec.datacenter.value ? "true" : "false", &spec.datacenter.provenance});
  bool tests_io = false;
  for (const ClauseOutcome& clause : classification.clauses) {
    for (const ConditionOutcome& condition : clause.conditions) {
      tests_io = tests_io || condition.condition.metric == Metric::io_bidirectional_gbps;
    }
  }
  if (tests_io && spec.io_bidirectional_gbps) {
    out.push_back({"io_bidirectional_gbps", to_string(spec.io_bidirectional_gbps->value) + " GB/s",
                   &spec.io_bidirectional_gbps->provenance});
  }
  return out;
}

std::string describe(const DecidingFigure& figure) {
  std::string text = figure.field + " = " + figure.value;
  if (!figure.provenance->note.empty()) text += " (" + figure.provenance->note + ")";
  return text;
}

void add_notes(Report& report) {
  const ChipSpec& spec = *report.spec;
  const Metrics& metrics = report.metrics;
  const Classification& classification = report.classification;
  auto& notes = report.notes;

  if (classification.revision == nullptr) {
    notes.push_back(
        fmt::format("No 3A090 existed on {}: ECCN 3A090 was created by 87 FR 62186, "
                    "in force from 2022-10-07.",
                    to_string(report.as_of)));
  }
  for (const DecidingFigure& figure : deciding_figures(spec, metrics, classification)) {
    const auto confidence = figure.provenance->confidence;
    if (confidence == Confidence::estimate) {
      report.basis = Basis::estimate;
      notes.push_back("The classification rests on an estimate: " + describe(figure) + ".");
    } else if (figure.provenance->unconfirmed) {
      if (report.basis == Basis::sourced) report.basis = Basis::unconfirmed;
      notes.push_back("Unconfirmed input: " + describe(figure) + ".");
    }
  }
  std::string halved;
  bool has_tf32 = false;
  for (std::size_t u = 0; u < metrics.units.size(); ++u) {
    for (const PrecisionTpp& row : metrics.units[u].by_precision) {
      has_tf32 = has_tf32 || row.precision.format == Format::tf32;
      if (!row.halved_from_sparse) continue;
      const Decimal printed = spec.processing_units[u].throughput[row.throughput_index].tops;
      halved += fmt::format("{}{} {} -> {}", halved.empty() ? "" : "; ", to_string(row.precision),
                            to_string(printed), to_string(row.dense_tops));
    }
  }
  if (!halved.empty()) {
    notes.push_back("Figures printed with 2:4 structured sparsity were halved to dense: " + halved +
                    ".");
  }
  if (has_tf32) {
    notes.push_back(fmt::format(
        "TF32 counted as {} bits{}.", metrics.tf32_bits,
        metrics.tf32_bits == 32 ? " (its multiply inputs are 32-bit registers; Epoch AI uses 19)"
                                : " (its significant bits, as Epoch AI counts it; tpp's default "
                                  "is 32)"));
  }
  if (metrics.density.state != DensityState::known && spec.kind == ChipKind::accelerator) {
    notes.push_back(fmt::format("Performance density is {}: {}.", to_string(metrics.density.state),
                                metrics.density.reason));
  }
  for (const ExclusionOutcome& exclusion : classification.exclusions) {
    if (exclusion.applies == Truth::yes) {
      notes.push_back(
          fmt::format("{} applies: {}.", exclusion.exclusion->name, exclusion.exclusion->summary));
    }
  }
  if (classification.status == Status::indeterminate) {
    notes.push_back("Indeterminate: the outcome depends on a missing input: " +
                    detail::join(classification.missing_inputs, "; ") + ".");
  }
}

}  // namespace

std::string_view to_string(Basis basis) noexcept {
  switch (basis) {
    case Basis::sourced:
      return "sourced";
    case Basis::unconfirmed:
      return "unconfirmed";
    case Basis::estimate:
      return "estimate";
  }
  return "estimate";
}

Result<Report> evaluate(std::shared_ptr<const ChipSpec> spec, const Options& options) {
  if (!spec) return fail(errc::invalid_argument, "spec", "null", "no spec given");
  auto metrics = compute_metrics(*spec, MetricOptions{options.tf32_bits});
  if (!metrics) return std::unexpected(metrics.error());
  Report report;
  report.spec = std::move(spec);
  report.options = options;
  report.as_of = options.as_of.value_or(today());
  report.metrics = std::move(*metrics);
  report.classification = classify(*report.spec, report.metrics, report.as_of);
  report.h100_equivalents = h100_equivalents(report.metrics.tpp, h100_reference_tpp());
  add_notes(report);
  return report;
}

Result<Report> evaluate(const ChipSpec& spec, const Options& options) {
  return evaluate(std::make_shared<const ChipSpec>(spec), options);
}

}  // namespace tpp
