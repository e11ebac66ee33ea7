// `tpp show`: everything about one chip, for a person reading it.
#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "render/render_common.hpp"
#include "tpp/render/render.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

using detail::grouped;

class Lines {
 public:
  void operator()(std::string_view text) {
    out_.append(text);
    out_.push_back('\n');
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string basis_marker(Basis basis) {
  switch (basis) {
    case Basis::sourced: return "";
    case Basis::unconfirmed: return " (rests on an unconfirmed input)";
    case Basis::estimate: return " (rests on an ESTIMATE)";
  }
  return "";
}

void header(Lines& line, const Report& report) {
  const ChipSpec& spec = *report.spec;
  std::vector<std::string> about{std::string(to_string(spec.kind))};
  if (!spec.vendor.empty()) about.push_back(spec.vendor);
  if (spec.year) about.push_back(std::to_string(*spec.year));
  if (spec.kind != ChipKind::memory) {
    about.push_back(spec.datacenter.value ? "datacenter part"
                                          : "not designed/marketed for datacenters");
  }
  line(fmt::format("{} - {}", spec.display_name(), detail::join(about, ", ")));
  const Classification& c = report.classification;
  if (c.revision == nullptr) {
    line(fmt::format("Rules on {}: none (3A090 did not exist yet)", to_string(report.as_of)));
    return;
  }
  line(fmt::format("Rules on {}: revision of {} ({})", to_string(report.as_of),
                   to_string(c.revision->effective), c.revision->citation));
  if (c.paragraphs_effective) {
    line(fmt::format("  paragraphs in force since {} ({})", to_string(*c.paragraphs_effective),
                     detail::paragraphs_citation(c)));
  }
}

void result(Lines& line, const Report& report) {
  const Classification& c = report.classification;
  line(fmt::format("Result: {}{}", detail::result_line(report), basis_marker(report.basis)));
  if (!c.licence_exceptions.empty()) {
    line("  Licence exceptions open to the item: " + detail::join(c.licence_exceptions, ", "));
  }
  for (const std::string& missing : c.missing_inputs)
    line("  Missing input: " + missing);
}

void destination(Lines& line, const Report& report) {
  if (!report.destination) return;
  const DestinationAssessment& d = *report.destination;
  std::vector<std::string> groups;
  for (const Membership* m : d.groups)
    groups.push_back(m->group + (m->unconfirmed ? "?" : ""));
  std::string shipment;
  if (d.origin != nullptr && !is_united_states(*d.origin)) {
    shipment += fmt::format(", from {}", d.origin->name);
  }
  if (d.headquarters != nullptr) {
    shipment += fmt::format(", end user headquartered in {}", d.headquarters->name);
  }
  line("");
  line(fmt::format(
      "To {} ({}) on {}{}: groups {}{}", d.country->name, d.country->code, to_string(report.as_of),
      shipment, groups.empty() ? "none" : detail::join(groups, " "),
      d.ai_diffusion_tier ? fmt::format(", AI Diffusion Tier {}", *d.ai_diffusion_tier) : ""));
  line("  Licence required: " + detail::licence_answer(d));
  for (const LicenceBasis& basis : d.basis) {
    line(fmt::format("    - {}{}", basis.text,
                     basis.grade.empty() || basis.kind == "rule" ? "" : " [" + basis.grade + "]"));
    if (!basis.status.empty()) line("      status " + basis.status);
  }
  for (const ExceptionOption& option : d.exceptions) {
    line(fmt::format("  Licence exception {}{}: {} ({})", option.exception,
                     option.notification ? " (prior notification to BIS)" : "", option.summary,
                     option.citation));
  }
  const bool rule_requires = std::any_of(d.basis.begin(), d.basis.end(), [](const auto& b) {
    return b.kind == "rule" && b.applies == Truth::yes;
  });
  if (rule_requires && d.exceptions.empty()) line("  No licence exception applies.");
  if (d.review) {
    std::vector<std::string> tests = d.review->scope_tests;
    for (const ConditionOutcome& outcome : d.review->conditions) {
      tests.push_back(detail::test_text(outcome) + ": " +
                      std::string(detail::verdict(outcome.truth)));
    }
    line(fmt::format("  Licence review policy: {} ({})", detail::review_label(*d.review),
                     d.review->citation));
    if (!d.review->missing_inputs.empty()) {
      line("    needs: " + detail::join(d.review->missing_inputs, "; "));
    }
    if (!tests.empty()) line("    " + detail::join(tests, "; "));
    if (!d.review->must_establish.empty()) {
      line("    The exporter must establish (tpp cannot check):");
      for (std::string_view condition : d.review->must_establish)
        line(fmt::format("      - {}", condition));
    }
  }
  for (const std::string& note : d.notes)
    line("  Note: " + note);
}

void figures(Lines& line, const Report& report) {
  const ChipSpec& spec = *report.spec;
  const Metrics& metrics = report.metrics;
  if (spec.kind == ChipKind::memory) {
    const MetricValue density = metric_value(Metric::memory_bandwidth_density, spec, metrics);
    line(fmt::format("Memory bandwidth density  {} GB/s/mm2{}",
                     detail::value_text(density, Metric::memory_bandwidth_density),
                     density.state == DensityState::unknown
                         ? " (" + std::string(density.missing_input) + ")"
                         : ""));
    return;
  }
  if (spec.kind == ChipKind::system) {
    // An estimate is said to be one wherever it is printed: a range where an IC's figures are.
    if (report.range && report.range->least_metrics.tpp != metrics.tpp) {
      line(fmt::format(
          "TPP of all its ICs   {} to {}  (estimated range; {:.3f} H100-equivalents "
          "at the high end)",
          grouped(report.range->least_metrics.tpp), grouped(metrics.tpp), report.h100_equivalents));
    } else {
      line(fmt::format("TPP of all its ICs   {}  ({:.3f} H100-equivalents)", grouped(metrics.tpp),
                       report.h100_equivalents));
    }
    line("Contains");
    for (std::size_t i = 0; i < report.components.size(); ++i) {
      const ComponentReport& component = report.components[i];
      const Report& part = *component.report;
      // A system with estimated ranges is judged at each end as a whole: its parts are shown
      // at the end printed above (the most controlled), marked where their throughput is a range
      // in the system's own spec (the parts' reports are of that end, without ranges).
      const Component* input =
          i < report.spec->contains.size() ? &report.spec->contains[i] : nullptr;
      const bool ranged =
          report.range && input != nullptr && input->spec &&
          std::any_of(input->spec->processing_units.begin(), input->spec->processing_units.end(),
                      [](const ProcessingUnit& unit) {
                        return std::any_of(
                            unit.throughput.begin(), unit.throughput.end(),
                            [](const Throughput& t) { return t.tops_range.has_value(); });
                      });
      const std::string tpp =
          grouped(part.metrics.tpp) + (ranged ? " (est., the most controlled end)" : "");
      line(fmt::format("  {} x{}: TPP {} each, {}", component.chip, component.count, tpp,
                       detail::result_line(part)));
    }
    return;
  }
  std::vector<std::string> governing;
  for (const UnitTpp& unit : metrics.units) {
    if (unit.by_precision.empty()) continue;
    const PrecisionTpp& row = unit.by_precision[unit.governing];
    governing.push_back(fmt::format(
        "{}{} {} dense TOPS x {} bits", unit.count > 1 ? fmt::format("{} x ", unit.count) : "",
        to_string(row.precision), grouped(row.dense_tops), row.bit_length));
  }
  if (report.range) {
    line(fmt::format("TPP                  {} to {}  (estimated range; {} at the high end)",
                     grouped(report.range->least_metrics.tpp), grouped(metrics.tpp),
                     detail::join(governing, " + ")));
  } else {
    line(fmt::format("TPP                  {}  = {}", grouped(metrics.tpp),
                     detail::join(governing, " + ")));
  }
  const Density& least_density =
      report.range ? report.range->least_metrics.density : metrics.density;
  if (report.range && metrics.density.state == DensityState::known &&
      least_density.state == DensityState::known) {
    line(fmt::format("Performance density  {:.6f} to {:.6f}  (estimated range)",
                     least_density.value.to_double(), metrics.density.value.to_double()));
  } else if (metrics.density.state == DensityState::known) {
    line(fmt::format("Performance density  {:.6f}  = {} / {} mm2 applicable die area",
                     metrics.density.value.to_double(), grouped(metrics.tpp),
                     grouped(metrics.density.applicable_area_mm2)));
  } else {
    line(fmt::format("Performance density  {} ({})", to_string(metrics.density.state),
                     metrics.density.reason));
  }
  line(fmt::format("H100-equivalents     {:.3f}  (TPP / 15,832 of the bundled H100 SXM)",
                   report.h100_equivalents));
}

void inputs(Lines& line, const Report& report) {
  const ChipSpec& spec = *report.spec;
  const Metrics& metrics = report.metrics;
  if (!metrics.units.empty()) {
    line(fmt::format("TPP per precision (TF32 at {} bits)", metrics.tf32_bits));
    for (std::size_t u = 0; u < metrics.units.size(); ++u) {
      const UnitTpp& unit = metrics.units[u];
      line(fmt::format("  {} x{}", unit.name.empty() ? "processing unit" : unit.name, unit.count));
      for (std::size_t r = 0; r < unit.by_precision.size(); ++r) {
        const PrecisionTpp& row = unit.by_precision[r];
        const Throughput& input = spec.processing_units[u].throughput[row.throughput_index];
        std::string figure = input.tops_range ? grouped(input.tops_range->low) + " to " +
                                                    grouped(input.tops_range->high)
                                              : grouped(input.tops);
        if (input.sparse) figure += " sparse -> " + grouped(row.dense_tops);
        line(fmt::format("    {:<5} {:>24} x {:>2} bits = {:>12}{} {}", to_string(row.precision),
                         figure, row.bit_length, grouped(row.tpp),
                         r == unit.governing ? "  <- governs" : "             ",
                         detail::source_tag(input.provenance)));
      }
    }
  }
  if (!spec.dies.empty()) {
    line("Dies");
    for (const Die& die : spec.dies) {
      const bool counts = die.logic && die.non_planar;
      line(fmt::format(
          "  {} x{}  {}  {}{}  ({}) {}", die.name.empty() ? "die" : die.name, die.count,
          !die.area_mm2         ? std::string("area unknown")
          : die.area_mm2->range ? grouped(die.area_mm2->range->low) + " to " +
                                      grouped(die.area_mm2->range->high) + " mm2 (estimated range)"
                                : grouped(die.area_mm2->value) + " mm2",
          die.logic ? "logic" : "non-logic", die.non_planar ? ", non-planar" : ", planar",
          counts ? "counts toward density" : "does not count",
          die.area_mm2 ? detail::source_tag(die.area_mm2->provenance) : ""));
    }
  }
  if (spec.io_bidirectional_gbps) {
    line(fmt::format("I/O (bidirectional)  {} GB/s {}", grouped(spec.io_bidirectional_gbps->value),
                     detail::source_tag(spec.io_bidirectional_gbps->provenance)));
  }
  if (spec.memory) {
    const Memory& memory = *spec.memory;
    line(fmt::format(
        "Memory               {} {} GB, {} GB/s{} {}", memory.type,
        memory.capacity_gb ? grouped(memory.capacity_gb->value) : "?",
        memory.bandwidth_gbps ? grouped(memory.bandwidth_gbps->value) : "?",
        memory.package_area_mm2 ? ", package " + grouped(memory.package_area_mm2->value) + " mm2"
                                : "",
        memory.bandwidth_gbps ? detail::source_tag(memory.bandwidth_gbps->provenance) : ""));
  }
  if (spec.transistors_billion) {
    line(fmt::format("Transistors          {} billion {}", grouped(spec.transistors_billion->value),
                     detail::source_tag(spec.transistors_billion->provenance)));
  }
  if (spec.power_w) {
    line(fmt::format("Power                {} W {}", grouped(spec.power_w->value),
                     detail::source_tag(spec.power_w->provenance)));
  }
  if (spec.kind != ChipKind::memory) {
    line(fmt::format("Datacenter           {} {}", spec.datacenter.value ? "yes" : "no",
                     detail::source_tag(spec.datacenter.provenance)));
  }
}

void clauses(Lines& line, const Report& report) {
  const Classification& c = report.classification;
  if (c.clauses.empty() && c.exclusions.empty()) return;
  line("");
  line(fmt::format("Tests ({}){}", detail::paragraphs_citation(c),
                   report.range ? ", at the most controlled end of the estimated range" : ""));
  for (const ClauseOutcome& clause : c.clauses) {
    std::vector<std::string> tests;
    for (const ConditionOutcome& outcome : clause.conditions) {
      tests.push_back(detail::test_text(outcome) + ": " +
                      std::string(detail::verdict(outcome.truth)));
    }
    const char* verdict = clause.applies == Truth::yes       ? "MATCH"
                          : clause.applies == Truth::unknown ? "UNKNOWN"
                          : clause.matches == Truth::yes     ? "excluded by a note"
                                                             : "no";
    line(fmt::format("  {:<10} {}  -> {}", clause.clause->paragraph, detail::join(tests, "; "),
                     verdict));
  }
  for (const ExclusionOutcome& exclusion : c.exclusions) {
    std::vector<std::string> tests;
    for (const ConditionOutcome& outcome : exclusion.conditions) {
      tests.push_back(detail::test_text(outcome) + ": " +
                      std::string(detail::verdict(outcome.truth)));
    }
    line(fmt::format("  {}: {}  -> {}", exclusion.exclusion->name, detail::join(tests, "; "),
                     exclusion.applies == Truth::yes ? "APPLIES" : "does not apply"));
  }
  if (report.range) {
    const Classification& least = report.range->least;
    line(fmt::format(
        "  At the least controlled end (TPP {}): {}", grouped(report.range->least_metrics.tpp),
        least.paragraph ? std::string(*least.paragraph) : std::string(to_string(least.status))));
  }
  if (c.margins.empty()) return;
  line(report.range ? "Margins at the most controlled end (value - threshold)"
                    : "Margins (value - threshold)");
  for (const Margin& margin : c.margins) {
    const MetricValue value = metric_value(margin.metric, *report.spec, report.metrics);
    const std::string text = detail::margin_text(value, margin.threshold);
    line(fmt::format("  {:<22} vs {:>6}: {}{}", display_name(margin.metric),
                     grouped(margin.threshold), text.empty() ? "unknown" : text,
                     !margin.known      ? ""
                     : margin.side < 0  ? " (below)"
                     : margin.side == 0 ? " (exactly at)"
                                        : " (above)"));
  }
}

void listing(Lines& line, std::string_view title, const std::vector<std::string>& items) {
  if (items.empty()) return;
  line(title);
  for (const std::string& item : items)
    line("  - " + item);
}

}  // namespace

std::string render_show(const Report& given) {
  std::optional<Report> storage;  // the report with its notes, when it came without
  const Report& report = detail::detailed(given, storage);
  const ChipSpec& spec = *report.spec;
  Lines line;
  header(line, report);
  line("");
  result(line, report);
  destination(line, report);
  line("");
  figures(line, report);
  line("");
  inputs(line, report);
  clauses(line, report);
  line("");
  listing(line, "Sensitivity", report.sensitivity);
  listing(line, "Notes", report.notes);
  if (report.classification.revision) {
    const auto& rule_notes = report.classification.revision->notes;
    listing(line, "About the rules in force",
            std::vector<std::string>(rule_notes.begin(), rule_notes.end()));
  }
  listing(line, "From the chip record", spec.notes);
  if (!spec.sources.empty()) {
    line("Sources");
    for (const Source& source : spec.sources) {
      line(fmt::format("  {:<18} {}{}", source.key, source.url,
                       source.title.empty() ? "" : "  (" + source.title + ")"));
    }
  }
  line(fmt::format("Audit: tpp {}, {}, input sha256 {}", version_string,
                   detail::rules_audit_text(16), input_digest(report).substr(0, 16)));
  line("Not legal advice: check the Federal Register text before relying on this.");
  return line.take();
}

}  // namespace tpp
