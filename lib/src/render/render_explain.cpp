// `tpp explain`: the reasoning in words a compliance file can quote.
#include <fmt/format.h>

#include "core/text.hpp"
#include "render/render_common.hpp"
#include "tpp/render/render.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

std::string source_line(const ChipSpec& spec, const Provenance& provenance) {
  std::vector<std::string> parts;
  if (provenance.confidence) parts.push_back(std::string(to_string(*provenance.confidence)));
  if (const Source* source = spec.find_source(provenance.source_key)) {
    parts.push_back(source->url);
  } else if (!provenance.source_key.empty()) {
    parts.push_back(provenance.source_key);
  }
  if (provenance.unconfirmed) parts.push_back("UNCONFIRMED");
  if (parts.empty()) return "no source given";
  return detail::join(parts, ", ");
}

std::string tests_text(const std::vector<ConditionOutcome>& conditions) {
  std::vector<std::string> parts;
  for (const ConditionOutcome& outcome : conditions) {
    std::string text =
        detail::test_text(outcome) + ": " + std::string(detail::verdict(outcome.truth));
    const std::string margin = detail::margin_text(outcome.value, outcome.condition.threshold);
    if (!margin.empty() && outcome.condition.metric != Metric::datacenter) {
      text += " (margin " + margin + ")";
    }
    if (outcome.truth == Truth::unknown && !outcome.value.missing_input.empty()) {
      text += " (missing: " + std::string(outcome.value.missing_input) + ")";
    }
    parts.push_back(std::move(text));
  }
  return detail::join(parts, "; ");
}

}  // namespace

std::string render_explain(const Report& given) {
  std::optional<Report> storage;  // the report with its notes, when it came without
  const Report& report = detail::detailed(given, storage);
  const Report& ic = report.decisive();
  const ChipSpec& spec = *report.spec;
  const Classification& c = report.classification;
  std::string out;
  const auto line = [&out](std::string_view text) {
    out.append(text);
    out.push_back('\n');
  };
  line(fmt::format("Classification of {} as of {}, by tpp {}.", spec.display_name(),
                   to_string(report.as_of), version_string));
  if (c.revision == nullptr) {
    line(
        "No rule creating ECCN 3A090 was in force on that date (3A090 was created by 87 FR "
        "62186, in force from 2022-10-07), so the item is not controlled under 3A090 or 4A090.");
  } else {
    line(fmt::format("Rule in force: {} - {}.", c.revision->citation, c.revision->title));
    if (c.paragraphs_effective) {
      line(fmt::format("The paragraphs applied are those in force since {} ({}).",
                       to_string(*c.paragraphs_effective), detail::paragraphs_citation(c)));
    }
  }
  line("");
  if (!c.decided_by.empty()) {
    line(
        fmt::format("{} is a computer or assembly; under 4A090 it follows the strongest IC it "
                    "contains, {}, explained below.",
                    spec.display_name(), c.decided_by));
    line("");
  }
  line("Inputs:");
  const ChipSpec& ic_spec = *ic.spec;
  for (const InputFigure& figure : deciding_inputs(report)) {
    line(fmt::format("  {} = {} [{}]{}", figure.field, figure.value,
                     source_line(ic_spec, *figure.provenance),
                     figure.provenance->note.empty() ? "" : " - " + figure.provenance->note));
  }
  if (ic_spec.kind == ChipKind::accelerator) {
    std::vector<std::string> terms;
    for (const UnitTpp& unit : ic.metrics.units) {
      if (unit.by_precision.empty()) continue;
      const PrecisionTpp& row = unit.by_precision[unit.governing];
      terms.push_back(fmt::format(
          "{}{} dense TOPS x {} bits ({})", unit.count > 1 ? fmt::format("{} x ", unit.count) : "",
          detail::grouped(row.dense_tops), row.bit_length, to_string(row.precision)));
    }
    line(fmt::format(
        "  TPP = {} = {} (the highest precision per processing unit, dense figures; "
        "TF32 at {} bits)",
        detail::grouped(ic.metrics.tpp), detail::join(terms, " + "), ic.metrics.tf32_bits));
    if (ic.metrics.density.state == DensityState::known) {
      line(fmt::format("  Performance density = {} / {} mm2 = {:.6f}",
                       detail::grouped(ic.metrics.tpp),
                       detail::grouped(ic.metrics.density.applicable_area_mm2),
                       ic.metrics.density.value.to_double()));
    } else {
      line(fmt::format("  Performance density: {} ({})", to_string(ic.metrics.density.state),
                       ic.metrics.density.reason));
    }
  }
  line("");
  if (!ic.classification.clauses.empty() || !ic.classification.exclusions.empty()) {
    line("Tests:");
    for (const ClauseOutcome& clause : ic.classification.clauses) {
      const char* result = clause.applies == Truth::yes       ? "MATCHES"
                           : clause.applies == Truth::unknown ? "cannot be decided"
                           : clause.matches == Truth::yes     ? "is excluded by a note"
                                                              : "does not match";
      line(fmt::format("  {} ({}): {}. {} {}.", clause.clause->paragraph, clause.clause->summary,
                       tests_text(clause.conditions), clause.clause->paragraph, result));
    }
    for (const ExclusionOutcome& exclusion : ic.classification.exclusions) {
      line(fmt::format("  {} ({}): {}. It {}.", exclusion.exclusion->name,
                       exclusion.exclusion->summary, tests_text(exclusion.conditions),
                       exclusion.applies == Truth::yes ? "applies" : "does not apply"));
    }
    line("");
  }
  line("Result: " + detail::result_line(report) + ".");
  for (const std::string& note : report.notes)
    line("  " + note);
  for (const std::string& note : report.sensitivity)
    line("  " + note);
  if (report.destination) {
    const DestinationAssessment& d = *report.destination;
    line(fmt::format("Destination {} ({}): licence required: {}.", d.country->name, d.country->code,
                     detail::licence_answer(d)));
    for (const LicenceBasis& basis : d.basis)
      line("  Basis: " + basis.text +
           (basis.status.empty() ? "" : " (status " + basis.status + ")") + ".");
    for (const ExceptionOption& option : d.exceptions) {
      line(fmt::format("  License Exception {} may apply{} ({}).", option.exception,
                       option.notification ? ", with prior notification" : "", option.citation));
    }
    if (d.review) {
      line(fmt::format("  Licence review policy: {} ({}).", detail::review_label(*d.review),
                       d.review->citation));
      for (std::string_view condition : d.review->must_establish)
        line(fmt::format("    The exporter must establish: {}.", condition));
    }
    for (const std::string& note : d.notes)
      line("  " + note);
  }
  line("");
  line(fmt::format("Audit record: tpp {}; {}; input sha256 {}.", version_string,
                   detail::rules_audit_text(64), input_digest(report)));
  line("This is not legal advice; check the Federal Register text before relying on it.");
  return out;
}

}  // namespace tpp
