#include "tpp/rules/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/sha256.hpp"
#include "core/text.hpp"
#include "rules/wording.hpp"
#include "tpp/data/database.hpp"
#include "tpp/data/io.hpp"
#include "tpp/rules/rule_package.hpp"

namespace tpp {
namespace {

std::vector<InputFigure> deciding_figures(const ChipSpec& spec, const Metrics& metrics,
                                          const Classification& classification) {
  std::vector<InputFigure> out;
  for (std::size_t u = 0; u < metrics.units.size(); ++u) {
    const UnitTpp& unit = metrics.units[u];
    if (unit.by_precision.empty()) continue;
    const PrecisionTpp& row = unit.by_precision[unit.governing];
    const Throughput& input = spec.processing_units[u].throughput[row.throughput_index];
    out.push_back({fmt::format("processing_units[{}] {} throughput", u, to_string(row.precision)),
                   to_string(input.tops) + (input.sparse ? " TOPS (sparse)" : " TOPS"),
                   &input.provenance});
  }
  for (std::size_t d = 0; d < spec.dies.size(); ++d) {
    const Die& die = spec.dies[d];
    if (!die.logic || !die.non_planar || !die.area_mm2) continue;
    out.push_back({fmt::format("dies[{}] '{}' area", d, die.name),
                   to_string(die.area_mm2->value) + " mm2", &die.area_mm2->provenance});
  }
  if (spec.kind == ChipKind::accelerator) {
    out.push_back(
        {"datacenter", spec.datacenter.value ? "true" : "false", &spec.datacenter.provenance});
  }
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
  if (spec.memory && spec.memory->bandwidth_gbps) {
    out.push_back({"memory.bandwidth_gbps", to_string(spec.memory->bandwidth_gbps->value) + " GB/s",
                   &spec.memory->bandwidth_gbps->provenance});
  }
  if (spec.kind == ChipKind::memory && spec.memory && spec.memory->package_area_mm2) {
    out.push_back({"memory.package_area_mm2",
                   to_string(spec.memory->package_area_mm2->value) + " mm2",
                   &spec.memory->package_area_mm2->provenance});
  }
  return out;
}

std::string describe(const InputFigure& figure) {
  std::string text = figure.field + " = " + figure.value;
  if (!figure.provenance->note.empty()) text += " (" + figure.provenance->note + ")";
  return text;
}

// Whether the die area can change the result: classified with density unknown, does the
// status or the ECCN move? (TPP alone puts a chip at 3A090.a.1 whatever its area.)
bool area_decides(const Report& report) {
  if (report.metrics.density.state != DensityState::known) return true;
  Metrics without = report.metrics;
  without.density.state = DensityState::unknown;
  const Classification blind = classify(*report.spec, without, report.as_of);
  return blind.status != report.classification.status || blind.eccn != report.classification.eccn;
}

// Whether any figure of the spec is an estimate or unconfirmed (a superset of the deciding ones).
bool any_doubtful(const ChipSpec& spec) {
  const auto doubtful = [](const Provenance& p) {
    return p.confidence == Confidence::estimate || p.unconfirmed;
  };
  for (const ProcessingUnit& unit : spec.processing_units) {
    for (const Throughput& t : unit.throughput)
      if (doubtful(t.provenance)) return true;
  }
  for (const Die& die : spec.dies) {
    if (die.area_mm2 && doubtful(die.area_mm2->provenance)) return true;
  }
  if (doubtful(spec.datacenter.provenance)) return true;
  if (spec.io_bidirectional_gbps && doubtful(spec.io_bidirectional_gbps->provenance)) return true;
  if (spec.memory && spec.memory->bandwidth_gbps &&
      doubtful(spec.memory->bandwidth_gbps->provenance)) {
    return true;
  }
  return spec.memory && spec.memory->package_area_mm2 &&
         doubtful(spec.memory->package_area_mm2->provenance);
}

// How firm the deciding figures are (report.basis), and with `notes`, a note for each doubtful
// one. The basis is part of the answer (every output marks an estimate), so it is set whether
// or not the notes are asked for.
void weigh_figures(Report& report, bool notes) {
  const ChipSpec& spec = *report.spec;
  if (!notes && !any_doubtful(spec)) return;  // all sourced: nothing to weigh (the common case)
  std::optional<bool> area_matters;
  for (const InputFigure& figure : deciding_figures(spec, report.metrics, report.classification)) {
    // Memory bandwidth decides only the review window; an estimate there is flagged below.
    if (figure.field == "memory.bandwidth_gbps" && spec.kind != ChipKind::memory) continue;
    const bool doubtful =
        figure.provenance->confidence == Confidence::estimate || figure.provenance->unconfirmed;
    if (doubtful && figure.field.starts_with("dies[")) {
      if (!area_matters) area_matters = area_decides(report);
      if (!*area_matters) {
        if (notes) {
          report.notes.push_back("The die area is uncertain (" + describe(figure) +
                                 ") but cannot change the result: TPP alone decides it.");
        }
        continue;
      }
    }
    if (figure.provenance->confidence == Confidence::estimate) {
      report.basis = Basis::estimate;
      if (notes) {
        report.notes.push_back("The classification rests on an estimate: " + describe(figure) +
                               ".");
      }
    } else if (figure.provenance->unconfirmed) {
      if (report.basis == Basis::sourced) report.basis = Basis::unconfirmed;
      if (notes) report.notes.push_back("Unconfirmed input: " + describe(figure) + ".");
    }
  }
}

void add_figure_notes(Report& report) {
  const ChipSpec& spec = *report.spec;
  std::vector<std::string> halved;
  bool has_tf32 = false;
  for (std::size_t u = 0; u < report.metrics.units.size(); ++u) {
    for (const PrecisionTpp& row : report.metrics.units[u].by_precision) {
      has_tf32 = has_tf32 || row.precision.format == Format::tf32;
      if (!row.halved_from_sparse) continue;
      const Decimal printed = spec.processing_units[u].throughput[row.throughput_index].tops;
      halved.push_back(fmt::format("{} {} -> {}", to_string(row.precision), to_string(printed),
                                   to_string(row.dense_tops)));
    }
  }
  if (!halved.empty()) {
    report.notes.push_back("Figures printed with 2:4 structured sparsity were halved to dense: " +
                           detail::join(halved, "; ") + ".");
  }
  if (has_tf32) {
    report.notes.push_back(
        fmt::format("TF32 counted as {} bits{}.", report.metrics.tf32_bits,
                    report.metrics.tf32_bits == 32
                        ? " (its multiply inputs are 32-bit registers; Epoch AI uses 19)"
                        : " (its significant bits, as Epoch AI counts it; tpp's default is 32)"));
  }
}

void add_classification_notes(Report& report) {
  const ChipSpec& spec = *report.spec;
  const Classification& classification = report.classification;
  if (classification.revision == nullptr) {
    report.notes.push_back(fmt::format(
        "No 3A090 existed on {}: ECCN 3A090 was created by 87 FR 62186, in force from 2022-10-07.",
        to_string(report.as_of)));
    return;
  }
  if (report.metrics.density.state != DensityState::known && spec.kind == ChipKind::accelerator) {
    report.notes.push_back(fmt::format("Performance density is {}: {}.",
                                       to_string(report.metrics.density.state),
                                       report.metrics.density.reason));
  }
  for (const ExclusionOutcome& exclusion : classification.exclusions) {
    if (exclusion.applies == Truth::yes) {
      report.notes.push_back(
          fmt::format("{} applies: {}.", exclusion.exclusion->name, exclusion.exclusion->summary));
    }
  }
  if (!classification.decided_by.empty()) {
    report.notes.push_back(
        fmt::format("As a system (4A090) it follows the strongest IC it "
                    "contains: {}.",
                    classification.decided_by));
  }
  if (spec.kind == ChipKind::memory && classification.paragraphs_effective == std::nullopt) {
    report.notes.push_back(
        "No paragraph judged memory parts on this date (3A090.c took effect "
        "2024-12-02).");
  }
  if (classification.status == Status::indeterminate) {
    report.notes.push_back("Indeterminate: the outcome depends on a missing input: " +
                           detail::join(classification.missing_inputs, "; ") + ".");
  }
}

FoundryAssessment foundry_of(const ChipSpec& spec, const Regime* revision, Date as_of) {
  FoundryAssessment out;
  if (revision == nullptr || revision->foundry == nullptr || spec.kind != ChipKind::accelerator) {
    return out;
  }
  out.in_force = true;
  out.binding = revision->foundry->binding_from <= as_of;
  out.applicable_ic = std::any_of(spec.dies.begin(), spec.dies.end(),
                                  [](const Die& d) { return d.logic && d.non_planar; });
  out.has_hbm = spec.memory && spec.memory->type.starts_with("HBM");
  const int year = static_cast<int>(as_of.year());
  for (const TransistorAttestation& line : revision->foundry->attestations) {
    if (year < line.from_year || year > line.to_year) continue;
    if (line.requires_no_hbm && out.has_hbm) continue;
    if (!out.threshold_billion || line.billion > *out.threshold_billion) {
      out.threshold_billion = line.billion;
    }
  }
  if (spec.transistors_billion) out.transistors_billion = spec.transistors_billion->value;
  if (out.threshold_billion && out.transistors_billion) {
    out.below_threshold =
        *out.transistors_billion < *out.threshold_billion ? Truth::yes : Truth::no;
  }
  return out;
}

void add_foundry_note(Report& report) {
  const FoundryAssessment& f = report.foundry;
  if (!f.in_force || !f.applicable_ic || !f.threshold_billion) return;
  const std::string count = f.transistors_billion
                                ? format_decimal(*f.transistors_billion, 3, true) + " billion"
                                : std::string("unknown");
  std::string verdict;
  switch (f.below_threshold) {
    case Truth::yes: verdict = "below it, so the fabricator or OSAT may attest"; break;
    case Truth::no:
      verdict =
          "not below it, so only an approved or authorized IC designer's attestation can "
          "overcome the presumption";
      break;
    case Truth::unknown: verdict = "unknown, so the count cannot be attested"; break;
  }
  report.notes.push_back(fmt::format(
      "Foundry presumption (Note 1 to 3A090.a){}: shipped by a front-end fabricator or OSAT, this "
      "non-planar logic IC is presumed 3A090.a and datacenter unless attested otherwise; the "
      "attestation line for {} is {} billion transistors{}; its count is {}: {}.",
      f.binding ? ""
                : fmt::format(", in force but not binding until {}",
                              to_string(report.classification.revision->foundry->binding_from)),
      static_cast<int>(report.as_of.year()), to_string(*f.threshold_billion),
      f.has_hbm ? " (it has HBM)" : "", count, verdict));
}

}  // namespace

std::string input_digest(const Report& report) {
  std::string text = write_spec_json(*report.spec);
  text += "\nas_of=" + to_string(report.as_of);
  text += "\ntf32_bits=" + std::to_string(report.options.tf32_bits);
  if (report.options.destination) text += "\nto=" + *report.options.destination;
  if (report.options.origin) text += "\nfrom=" + *report.options.origin;
  if (report.options.headquarters) text += "\nhq=" + *report.options.headquarters;
  return detail::sha256_hex(text);
}

namespace {

std::string range_text(const DecimalRange& range) {
  return format_decimal(range.low, 6, true) + "-" + format_decimal(range.high, 6, true);
}

// The ranged figures of a spec, in words.
std::vector<std::string> ranged_inputs(const ChipSpec& spec) {
  std::vector<std::string> out;
  for (std::size_t u = 0; u < spec.processing_units.size(); ++u) {
    for (const Throughput& t : spec.processing_units[u].throughput) {
      if (t.tops_range) {
        out.push_back(fmt::format("processing_units[{}] {} throughput {} TOPS", u,
                                  to_string(t.precision), range_text(*t.tops_range)));
      }
    }
  }
  for (std::size_t d = 0; d < spec.dies.size(); ++d) {
    const auto& area = spec.dies[d].area_mm2;
    if (area && area->range) {
      out.push_back(fmt::format("dies[{}] area {} mm2", d, range_text(*area->range)));
    }
  }
  const auto figure = [&](const std::optional<Figure>& f, std::string_view name,
                          std::string_view unit) {
    if (f && f->range) out.push_back(fmt::format("{} {} {}", name, range_text(*f->range), unit));
  };
  figure(spec.io_bidirectional_gbps, "io_bidirectional_gbps", "GB/s");
  figure(spec.transistors_billion, "transistors_billion", "billion");
  if (spec.memory) {
    figure(spec.memory->bandwidth_gbps, "memory.bandwidth_gbps", "GB/s");
    figure(spec.memory->capacity_gb, "memory.capacity_gb", "GB");
    figure(spec.memory->package_area_mm2, "memory.package_area_mm2", "mm2");
  }
  for (const Component& component : spec.contains) {
    if (!component.spec) continue;
    for (const std::string& inner : ranged_inputs(*component.spec))
      out.push_back(component.spec->display_name() + ": " + inner);
  }
  return out;
}

bool same_result(const Classification& a, const Classification& b) {
  return a.status == b.status && a.eccn == b.eccn && a.paragraphs == b.paragraphs &&
         a.possible_paragraphs == b.possible_paragraphs;
}

void add_paragraphs(std::vector<std::string_view>& out, const Classification& c) {
  for (const auto& list : {c.paragraphs, c.possible_paragraphs}) {
    for (std::string_view p : list) {
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
  }
}

// A ranged spec: classified at both ends; where they differ the answer is undetermined.
Result<Report> evaluate_range(std::shared_ptr<const ChipSpec> spec, const Options& options) {
  auto most = evaluate(at_range_end(*spec, RangeEnd::most_controlled), options);
  if (!most) return most;
  auto least = evaluate(at_range_end(*spec, RangeEnd::least_controlled), options);
  if (!least) return least;
  Report out = std::move(*most);
  out.spec = std::move(spec);
  RangeEnds ends{least->metrics, least->classification, out.classification,
                 ranged_inputs(*out.spec), true};
  const std::string within =
      "the exact figure within the estimated range: " + detail::join(ends.inputs, "; ") +
      fmt::format(" (TPP {}-{})", format_decimal(least->metrics.tpp, 6, true),
                  format_decimal(out.metrics.tpp, 6, true));
  ends.agree = same_result(ends.most, ends.least);
  if (!ends.agree) {
    Classification& c = out.classification;
    std::vector<std::string_view> possible;
    add_paragraphs(possible, ends.most);
    add_paragraphs(possible, ends.least);
    c.possibly_not_controlled =
        ends.most.status != Status::controlled || ends.least.status != Status::controlled;
    c.status = Status::indeterminate;
    c.eccn.reset();
    c.paragraph.reset();
    c.paragraphs.clear();
    c.possible_paragraphs = std::move(possible);
    c.licence_exceptions.clear();
    c.missing_inputs.insert(c.missing_inputs.begin(), within);
    for (const std::string& missing : ends.least.missing_inputs) {
      if (std::find(c.missing_inputs.begin(), c.missing_inputs.end(), missing) ==
          c.missing_inputs.end()) {
        c.missing_inputs.push_back(missing);
      }
    }
    out.notes.push_back(fmt::format(
        "Estimated ranges ({}): at the most controlled end {}, at the least controlled end {}; "
        "the result is undetermined until the exact figure is known.",
        detail::join(ends.inputs, "; "), ends.most.paragraph.value_or(to_string(ends.most.status)),
        ends.least.paragraph.value_or(to_string(ends.least.status))));
  } else {
    out.notes.push_back(
        fmt::format("Estimated ranges ({}): classified at both ends, with the same result.",
                    detail::join(ends.inputs, "; ")));
  }
  if (out.destination && least->destination) {
    DestinationAssessment& d = *out.destination;
    const DestinationAssessment& other = *least->destination;
    if (d.licence_required != other.licence_required) {
      d.licence_required = Truth::unknown;
      std::vector<std::string> missing{within};
      const std::array<const std::vector<std::string>*, 3> lists{
          &out.classification.missing_inputs, &d.missing_inputs, &other.missing_inputs};
      for (const std::vector<std::string>* list : lists) {
        for (const std::string& item : *list) {
          if (std::find(missing.begin(), missing.end(), item) == missing.end()) {
            missing.push_back(item);
          }
        }
      }
      d.missing_inputs = std::move(missing);
    }
    if (d.review && other.review &&
        detail::review_label(*d.review) != detail::review_label(*other.review)) {
      d.review->applies = Truth::unknown;
      d.review->otherwise = detail::review_label(*other.review);
      d.review->missing_inputs.insert(d.review->missing_inputs.begin(), within);
    }
    if (d.exceptions.size() != other.exceptions.size()) d.exceptions.clear();
  }
  out.range = std::move(ends);
  return out;
}

Result<Report> evaluate_system(Report report) {
  std::vector<ComponentClassification> decided;
  Options inner = report.options;
  inner.destination.reset();
  inner.as_of = report.as_of;
  Decimal total;
  for (const Component& component : report.spec->contains) {
    auto part = evaluate(component.spec, inner);
    if (!part) return tpp::unexpected(part.error());
    const auto tpp = checked_mul(part->metrics.tpp, component.count);
    const auto sum = tpp ? checked_add(total, *tpp) : std::nullopt;
    if (!sum) return fail(errc::out_of_range, "contains", component.chip_id, "TPP overflows");
    total = *sum;
    const std::string name = component.chip_id.empty() ? component.spec->name : component.chip_id;
    report.components.push_back(
        {name, component.count, std::make_shared<Report>(std::move(*part))});
  }
  for (const ComponentReport& component : report.components) {
    decided.push_back({component.chip, component.count, &component.report->classification});
  }
  report.metrics.tpp = total;
  report.metrics.density.state = DensityState::not_applicable;
  report.metrics.density.reason = "a system is judged by the ICs it contains";
  report.classification = classify_system(decided, report.as_of);
  const Report& ic = report.decisive();
  if (ic.basis > report.basis) report.basis = ic.basis;
  return report;
}

}  // namespace

std::string_view to_string(Basis basis) noexcept {
  switch (basis) {
    case Basis::sourced: return "sourced";
    case Basis::unconfirmed: return "unconfirmed";
    case Basis::estimate: return "estimate";
  }
  return "estimate";
}

std::vector<InputFigure> deciding_inputs(const Report& report) {
  const Report& ic = report.decisive();
  return deciding_figures(*ic.spec, ic.metrics, ic.classification);
}

const Report& Report::decisive() const {
  for (const ComponentReport& component : components) {
    if (component.chip == classification.decided_by) return *component.report;
  }
  return *this;
}

Result<Report> evaluate(std::shared_ptr<const ChipSpec> spec, const Options& options) {
  if (!spec) return fail(errc::invalid_argument, "spec", "null", "no spec given");
  if (has_range(*spec)) {
    if (auto ok = validate(*spec); !ok) return tpp::unexpected(ok.error());
    return evaluate_range(std::move(spec), options);
  }
  Report report;
  report.spec = std::move(spec);
  report.options = options;
  report.as_of = options.as_of.value_or(today());
  if (report.spec->kind == ChipKind::system) {
    if (auto ok = validate(*report.spec); !ok) return tpp::unexpected(ok.error());
    auto system = evaluate_system(std::move(report));
    if (!system) return system;
    report = std::move(*system);
  } else {
    auto metrics = compute_metrics(*report.spec, MetricOptions{options.tf32_bits});
    if (!metrics) return tpp::unexpected(metrics.error());
    report.metrics = std::move(*metrics);
    report.classification = classify(*report.spec, report.metrics, report.as_of);
    weigh_figures(report, options.details);
    if (options.details) add_figure_notes(report);
    if (options.details && report.classification.revision != nullptr) {
      report.sensitivity =
          sensitivity_notes(*report.spec, report.metrics, *report.classification.revision,
                            report.as_of, MetricOptions{options.tf32_bits});
    }
  }
  report.h100_equivalents = h100_equivalents(report.metrics.tpp, h100_reference_tpp());
  if (options.details) {
    for (const Notice* notice : notices_for(*report.spec, report.as_of)) {
      report.notes.push_back(fmt::format("Notice since {}: {} {}", to_string(notice->from),
                                         notice->text, notice->citation()));
    }
    add_classification_notes(report);
    report.foundry = foundry_of(*report.spec, report.classification.revision, report.as_of);
    add_foundry_note(report);
  }
  if (options.destination) {
    const CountryDatabase& countries = active_rules().countries();
    const auto find = [&](const std::optional<std::string>& name,
                          std::string_view field) -> Result<const Country*> {
      if (!name) return nullptr;
      auto country = countries.find(*name);
      if (!country) {
        Error error = country.error();
        error.field = field;
        return tpp::unexpected(std::move(error));
      }
      return *country;
    };
    auto country = find(options.destination, "destination");
    if (!country) return tpp::unexpected(country.error());
    auto origin = find(options.origin, "origin");
    if (!origin) return tpp::unexpected(origin.error());
    auto headquarters = find(options.headquarters, "headquarters");
    if (!headquarters) return tpp::unexpected(headquarters.error());
    report.destination = assess_destination(report, **country, *origin, *headquarters);
  }
  return report;
}

Result<Report> with_details(const Report& report) {
  if (report.options.details || !report.spec) return report;
  Options options = report.options;
  options.details = true;
  options.as_of = report.as_of;
  return evaluate(report.spec, options);
}

Result<Report> evaluate(const ChipSpec& spec, const Options& options) {
  return evaluate(std::make_shared<const ChipSpec>(spec), options);
}

}  // namespace tpp
