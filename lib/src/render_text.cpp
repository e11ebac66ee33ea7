#include <fmt/format.h>

#include "text.hpp"
#include "tpp/render.hpp"

namespace tpp {
namespace {

std::string grouped(Decimal value) {
  return format_decimal(value, 6, true);
}

std::string density_text(double value) {
  return fmt::format("{:.4f}", value);
}

std::string value_text(const MetricValue& value, Metric metric) {
  switch (value.state) {
    case DensityState::unknown:
      return "unknown";
    case DensityState::not_applicable:
      return "not applicable";
    case DensityState::known:
      break;
  }
  if (metric == Metric::datacenter) return value.value.numerator.is_zero() ? "no" : "yes";
  if (metric == Metric::performance_density) return density_text(value.value.to_double());
  return grouped(value.value.numerator);
}

std::string condition_text(const ConditionOutcome& outcome) {
  const Condition& condition = outcome.condition;
  if (condition.metric == Metric::datacenter) {
    const bool wants_datacenter = !condition.threshold.is_zero();
    return fmt::format("{} (datacenter: {}) {}",
                       wants_datacenter ? "designed/marketed for datacenters"
                                        : "not designed/marketed for datacenters",
                       value_text(outcome.value, condition.metric), to_string(outcome.truth));
  }
  const char* name = condition.metric == Metric::tpp                   ? "TPP"
                     : condition.metric == Metric::performance_density ? "density"
                                                                       : "I/O GB/s";
  return fmt::format("{} {} {} {}: {}", name, value_text(outcome.value, condition.metric),
                     to_string(condition.comparator), grouped(condition.threshold),
                     to_string(outcome.truth));
}

std::string conditions_text(const std::vector<ConditionOutcome>& outcomes) {
  std::vector<std::string> parts;
  for (const ConditionOutcome& outcome : outcomes)
    parts.push_back(condition_text(outcome));
  return detail::join(parts, "; ");
}

std::string source_tag(const ChipSpec& spec, const Provenance& provenance) {
  if (provenance.source_key.empty() && !provenance.confidence) return "";
  std::string tag = "[";
  if (provenance.confidence) tag += std::string(to_string(*provenance.confidence));
  if (!provenance.source_key.empty()) {
    tag += (provenance.confidence ? ": " : "") + provenance.source_key;
  }
  if (provenance.unconfirmed) tag += ", UNCONFIRMED";
  tag += "]";
  (void)spec;
  return tag;
}

std::string result_line(const Report& report) {
  const Classification& c = report.classification;
  switch (c.status) {
    case Status::controlled: {
      const std::span<const std::string_view> others(c.paragraphs.begin() + 1, c.paragraphs.end());
      return fmt::format("{} - controlled (first match {}{})", *c.eccn, *c.paragraph,
                         others.empty() ? "" : "; also " + detail::join(others, " "));
    }
    case Status::not_controlled:
      return "outside 3A090 - not controlled";
    case Status::indeterminate: {
      return "indeterminate - could be " + detail::join(c.possible_paragraphs, " ");
    }
  }
  return "";
}

std::string basis_marker(Basis basis) {
  switch (basis) {
    case Basis::sourced:
      return "";
    case Basis::unconfirmed:
      return " (unconfirmed input)";
    case Basis::estimate:
      return " (ESTIMATE)";
  }
  return "";
}

}  // namespace

std::string render_show(const Report& report) {
  const ChipSpec& spec = *report.spec;
  const Metrics& metrics = report.metrics;
  const Classification& c = report.classification;
  std::string out;
  auto line = [&out](std::string_view text) {
    out += text;
    out += '\n';
  };

  std::string header = spec.display_name();
  std::string about = std::string(to_string(spec.kind));
  if (!spec.vendor.empty()) about += ", " + spec.vendor;
  if (spec.year) about += fmt::format(", {}", *spec.year);
  about += spec.datacenter.value ? ", datacenter part" : ", not designed/marketed for datacenters";
  line(fmt::format("{} - {}", header, about));
  if (c.revision) {
    line(fmt::format("Rule in force on {}: 3A090 paragraphs of {} ({}); latest revision {}",
                     to_string(report.as_of), to_string(c.clauses_effective),
                     regime_in_force(c.clauses_effective)->citation,
                     to_string(c.revision->effective)));
  } else {
    line(fmt::format("Rule in force on {}: none (3A090 did not exist yet)",
                     to_string(report.as_of)));
  }
  line("");
  line(fmt::format("Result: {}{}", result_line(report), basis_marker(report.basis)));
  if (!c.licence_exceptions.empty()) {
    line("  Licence exceptions open to it: " + detail::join(c.licence_exceptions, ", "));
  }
  if (!c.missing_inputs.empty()) {
    for (const std::string& missing : c.missing_inputs)
      line("  Missing input: " + missing);
  }
  line("");

  std::string governing;
  for (const UnitTpp& unit : metrics.units) {
    if (unit.by_precision.empty()) continue;
    const PrecisionTpp& row = unit.by_precision[unit.governing];
    governing += fmt::format("{}{}{} x {} dense TOPS x {} bits", governing.empty() ? "" : " + ",
                             unit.count > 1 ? fmt::format("{} x ", unit.count) : "",
                             to_string(row.precision), grouped(row.dense_tops), row.bit_length);
  }
  line(fmt::format("TPP                  {}{}", grouped(metrics.tpp),
                   governing.empty() ? "" : "  = " + governing));
  switch (metrics.density.state) {
    case DensityState::known:
      line(fmt::format("Performance density  {}  = {} / {} mm2 applicable die area",
                       density_text(metrics.density.value.to_double()), grouped(metrics.tpp),
                       grouped(metrics.density.applicable_area_mm2)));
      break;
    default:
      line(fmt::format("Performance density  {} ({})", to_string(metrics.density.state),
                       metrics.density.reason));
  }
  line(fmt::format("H100-equivalents     {:.3f}  (TPP / 15,832 of the bundled H100 SXM)",
                   report.h100_equivalents));
  line("");

  if (!metrics.units.empty()) {
    line(fmt::format("TPP per precision (TF32 at {} bits)", metrics.tf32_bits));
    for (std::size_t u = 0; u < metrics.units.size(); ++u) {
      const UnitTpp& unit = metrics.units[u];
      line(fmt::format("  {} x{}", unit.name.empty() ? "processing unit" : unit.name, unit.count));
      for (std::size_t r = 0; r < unit.by_precision.size(); ++r) {
        const PrecisionTpp& row = unit.by_precision[r];
        const Throughput& input = spec.processing_units[u].throughput[row.throughput_index];
        std::string figure = grouped(input.tops);
        if (input.sparse) figure += " sparse -> " + grouped(row.dense_tops);
        line(fmt::format("    {:<5} {:>24} x {:>2} bits = {:>12}{} {}", to_string(row.precision),
                         figure, row.bit_length, grouped(row.tpp),
                         r == unit.governing ? "  <- governs" : "             ",
                         source_tag(spec, input.provenance)));
      }
    }
  }
  if (!spec.dies.empty()) {
    line("Dies");
    for (const Die& die : spec.dies) {
      const bool counts = die.logic && die.non_planar;
      line(fmt::format("  {} x{}  {}  {}{}  {}", die.name.empty() ? "die" : die.name, die.count,
                       die.area_mm2 ? grouped(die.area_mm2->value) + " mm2" : "area unknown",
                       die.logic ? "logic" : "non-logic",
                       die.non_planar ? ", non-planar" : ", planar",
                       counts ? "(counts toward density)" : "(does not count)"));
      if (die.area_mm2) {
        const std::string tag = source_tag(spec, die.area_mm2->provenance);
        if (!tag.empty()) line("      area " + tag);
      }
    }
  }
  if (spec.io_bidirectional_gbps) {
    line(fmt::format("I/O (bidirectional)  {} GB/s {}", grouped(spec.io_bidirectional_gbps->value),
                     source_tag(spec, spec.io_bidirectional_gbps->provenance)));
  }
  if (spec.memory) {
    const Memory& memory = *spec.memory;
    line(fmt::format("Memory               {} {} GB, {} GB/s", memory.type,
                     memory.capacity_gb ? grouped(memory.capacity_gb->value) : "?",
                     memory.bandwidth_gbps ? grouped(memory.bandwidth_gbps->value) : "?"));
  }
  line(fmt::format("Datacenter           {} {}", spec.datacenter.value ? "yes" : "no",
                   source_tag(spec, spec.datacenter.provenance)));
  line("");

  if (c.revision) {
    line(fmt::format("Clauses ({})", regime_in_force(c.clauses_effective)->citation));
    for (const ClauseOutcome& clause : c.clauses) {
      const std::string conditions = conditions_text(clause.conditions);
      std::string verdict = clause.applies == Truth::yes       ? "MATCH"
                            : clause.applies == Truth::unknown ? "UNKNOWN"
                            : clause.matches == Truth::yes     ? "excluded by note"
                                                               : "no";
      line(fmt::format("  {:<10} {}  -> {}", clause.clause->paragraph, conditions, verdict));
    }
    for (const ExclusionOutcome& exclusion : c.exclusions) {
      const std::string conditions = conditions_text(exclusion.conditions);
      line(fmt::format("  {}: {}  -> {}", exclusion.exclusion->name, conditions,
                       exclusion.applies == Truth::yes ? "APPLIES" : "does not apply"));
    }
    line("Margins (value - threshold)");
    for (const Margin& margin : c.margins) {
      const char* name = margin.metric == Metric::tpp                   ? "TPP"
                         : margin.metric == Metric::performance_density ? "density"
                                                                        : "I/O GB/s";
      if (!margin.known) {
        line(fmt::format("  {:<8} vs {:>6}: unknown", name, grouped(margin.threshold)));
        continue;
      }
      const std::string difference = margin.exact_difference
                                         ? grouped(*margin.exact_difference)
                                         : fmt::format("{:.4f}", margin.difference);
      line(fmt::format("  {:<8} vs {:>6}: {}{} ({})", name, grouped(margin.threshold),
                       margin.side > 0 ? "+" : "", difference,
                       margin.side < 0 ? "below" : (margin.side == 0 ? "exactly at" : "above")));
    }
    line("");
  }
  if (!report.notes.empty()) {
    line("Notes");
    for (const std::string& note : report.notes)
      line("  - " + note);
  }
  if (!spec.notes.empty()) {
    line("From the chip record");
    for (const std::string& note : spec.notes)
      line("  - " + note);
  }
  if (!spec.sources.empty()) {
    line("Sources");
    for (const Source& source : spec.sources) {
      line(fmt::format("  {:<18} {}{}", source.key, source.url,
                       source.title.empty() ? "" : "  (" + source.title + ")"));
    }
  }
  line("Not legal advice: check the Federal Register text before relying on this.");
  return out;
}

std::string render_list(std::span<const Report> reports) {
  std::string out = fmt::format("{:<16} {:<44} {:>10} {:>9} {:>7}  {:<10} {:<15} {}\n", "id",
                                "name", "TPP", "density", "H100eq", "paragraph", "status", "basis");
  for (const Report& report : reports) {
    const ChipSpec& spec = *report.spec;
    const Metrics& metrics = report.metrics;
    const Classification& c = report.classification;
    std::string density = metrics.density.state == DensityState::known
                              ? fmt::format("{:.2f}", metrics.density.value.to_double())
                              : (metrics.density.state == DensityState::unknown ? "?" : "n/a");
    std::string name = spec.name.size() > 44 ? spec.name.substr(0, 41) + "..." : spec.name;
    std::string paragraph = c.paragraph
                                ? std::string(*c.paragraph)
                                : (c.status == Status::indeterminate ? "?" : std::string("-"));
    out += fmt::format("{:<16} {:<44} {:>10} {:>9} {:>7.2f}  {:<10} {:<15} {}\n", spec.id, name,
                       format_decimal(metrics.tpp, 1, true), density, report.h100_equivalents,
                       paragraph, to_string(c.status), to_string(report.basis));
  }
  return out;
}

}  // namespace tpp
