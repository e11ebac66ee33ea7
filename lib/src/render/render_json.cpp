// `--json`: one object per chip, the same content as `show`, plus the `explain` object and the
// audit record.
#include <cmath>
#include <nlohmann/json.hpp>

#include "render/render_common.hpp"
#include "tpp/render/render.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

using json = nlohmann::ordered_json;

using detail::number;
using detail::optional_text;
using detail::rounded;

json strings(const auto& list) {
  json out = json::array();
  for (const auto& item : list)
    out.push_back(std::string(item));
  return out;
}

json provenance_json(const ChipSpec& spec, const Provenance& provenance) {
  json out = json::object();
  if (const Source* source = spec.find_source(provenance.source_key)) out["source"] = source->url;
  if (provenance.confidence) out["confidence"] = std::string(to_string(*provenance.confidence));
  if (provenance.unconfirmed) out["unconfirmed"] = true;
  if (!provenance.note.empty()) out["note"] = provenance.note;
  return out;
}

json value_json(const MetricValue& value) {
  if (value.state != DensityState::known) return nullptr;
  if (value.value.denominator == Decimal::from_integer(1)) return number(value.value.numerator);
  return rounded(value.value.to_double());
}

json tests_json(const std::vector<ConditionOutcome>& outcomes) {
  json out = json::array();
  for (const ConditionOutcome& outcome : outcomes) {
    json test;
    test["metric"] = std::string(to_string(outcome.condition.metric));
    test["comparator"] = std::string(to_string(outcome.condition.comparator));
    test["threshold"] = number(outcome.condition.threshold);
    test["value"] = value_json(outcome.value);
    test["result"] = std::string(detail::verdict(outcome.truth));
    const auto margin = detail::margin_value(outcome.value, outcome.condition.threshold);
    test["margin"] = margin ? json(*margin) : json(nullptr);
    if (!outcome.value.missing_input.empty())
      test["missing_input"] = std::string(outcome.value.missing_input);
    test["text"] = detail::test_text(outcome);
    out.push_back(std::move(test));
  }
  return out;
}

json margins_json(const Report& report) {
  json out = json::array();
  for (const Margin& margin : report.classification.margins) {
    json item;
    item["metric"] = std::string(to_string(margin.metric));
    item["threshold"] = number(margin.threshold);
    if (margin.known) {
      item["margin"] = margin.exact_difference ? number(*margin.exact_difference)
                                               : json(rounded(margin.difference));
      item["side"] = margin.side < 0 ? "below" : (margin.side == 0 ? "at" : "above");
    } else {
      item["margin"] = nullptr;
      item["side"] = "unknown";
    }
    out.push_back(std::move(item));
  }
  return out;
}

json units_json(const Report& report) {
  const ChipSpec& spec = *report.spec;
  json out = json::array();
  for (std::size_t u = 0; u < report.metrics.units.size(); ++u) {
    const UnitTpp& unit = report.metrics.units[u];
    json rows = json::array();
    for (std::size_t r = 0; r < unit.by_precision.size(); ++r) {
      const PrecisionTpp& row = unit.by_precision[r];
      const Throughput& input = spec.processing_units[u].throughput[row.throughput_index];
      json item;
      item["precision"] = to_string(row.precision);
      item["bits"] = row.bit_length;
      item["tops"] = number(input.tops);
      item["sparse"] = input.sparse;
      item["dense_tops"] = number(row.dense_tops);
      item["tpp"] = number(row.tpp);
      item["governs"] = r == unit.governing;
      item.update(provenance_json(spec, input.provenance));
      rows.push_back(std::move(item));
    }
    out.push_back({{"name", unit.name},
                   {"count", unit.count},
                   {"tpp", number(unit.tpp)},
                   {"precisions", std::move(rows)}});
  }
  return out;
}

json explain_json(const Report& report) {
  const Report& ic = report.decisive();
  const Classification& c = ic.classification;
  json out;
  if (c.revision) {
    out["rule"] = {
        {"revision", to_string(c.revision->effective)},
        {"title", std::string(c.revision->title)},
        {"citation", std::string(c.revision->citation)},
        {"paragraphs_since",
         c.paragraphs_effective ? json(to_string(*c.paragraphs_effective)) : json(nullptr)},
        {"paragraphs_citation", std::string(detail::paragraphs_citation(c))}};
  } else {
    out["rule"] = nullptr;
  }
  if (!report.classification.decided_by.empty())
    out["decided_by"] = report.classification.decided_by;
  json clauses = json::array();
  for (const ClauseOutcome& clause : c.clauses) {
    clauses.push_back({{"paragraph", std::string(clause.clause->paragraph)},
                       {"eccn", std::string(clause.clause->eccn)},
                       {"text", std::string(clause.clause->summary)},
                       {"result", clause.applies == Truth::yes       ? "match"
                                  : clause.applies == Truth::unknown ? "unknown"
                                  : clause.matches == Truth::yes     ? "excluded"
                                                                     : "no match"},
                       {"tests", tests_json(clause.conditions)}});
  }
  out["clauses"] = std::move(clauses);
  json notes = json::array();
  for (const ExclusionOutcome& exclusion : c.exclusions) {
    notes.push_back({{"name", std::string(exclusion.exclusion->name)},
                     {"text", std::string(exclusion.exclusion->summary)},
                     {"applies", exclusion.applies == Truth::yes},
                     {"tests", tests_json(exclusion.conditions)}});
  }
  out["notes"] = std::move(notes);
  json inputs = json::array();
  for (const InputFigure& figure : deciding_inputs(report)) {
    json item = {{"field", figure.field}, {"value", figure.value}};
    item.update(provenance_json(*ic.spec, *figure.provenance));
    inputs.push_back(std::move(item));
  }
  out["inputs"] = std::move(inputs);
  out["rule_notes"] = c.revision ? strings(c.revision->notes) : json::array();
  return out;
}

json truth_json(Truth truth) {
  return truth == Truth::yes ? json(true) : truth == Truth::no ? json(false) : json(nullptr);
}

json destination_json(const DestinationAssessment& d) {
  json out;
  out["country"] = d.country->code;
  out["name"] = d.country->name;
  out["origin"] = d.origin != nullptr ? json(d.origin->code) : json(nullptr);
  out["headquarters"] = d.headquarters != nullptr ? json(d.headquarters->code) : json(nullptr);
  out["is_export"] = d.is_export;
  json groups = json::array();
  for (const Membership* m : d.groups) {
    json item = {{"group", m->group}};
    if (m->unconfirmed) item["unconfirmed"] = true;
    groups.push_back(std::move(item));
  }
  out["groups"] = std::move(groups);
  out["ai_diffusion_tier"] = d.ai_diffusion_tier ? json(*d.ai_diffusion_tier) : json(nullptr);
  out["binding_revision"] =
      d.binding != nullptr ? json(to_string(d.binding->effective)) : json(nullptr);
  // true, false or null (undetermined); false when it is not an export (see "licence").
  out["licence_required"] = d.is_export ? truth_json(d.licence_required) : json(false);
  out["licence"] = std::string(detail::licence_state(d));
  out["missing_inputs"] = strings(d.missing_inputs);
  json basis = json::array();
  for (const LicenceBasis& item : d.basis) {
    json row = {{"kind", item.kind},
                {"applies", truth_json(item.applies)},
                {"text", item.text},
                {"grade", item.grade}};
    if (item.letter != nullptr) {
      row["letter"] = item.letter->id;
      row["recipient"] = item.letter->recipient;
      row["informed"] = to_string(item.letter->informed);
      row["disclosed"] = item.letter->disclosed;
      row["status"] = item.status;
    }
    basis.push_back(std::move(row));
  }
  out["basis"] = std::move(basis);
  out["requirements"] = strings(d.requirements);
  json exceptions = json::array();
  for (const ExceptionOption& option : d.exceptions) {
    exceptions.push_back({{"exception", std::string(option.exception)},
                          {"notification", option.notification},
                          {"summary", std::string(option.summary)},
                          {"citation", std::string(option.citation)}});
  }
  out["licence_exceptions"] = std::move(exceptions);
  if (d.review) {
    const ReviewOutcome& r = *d.review;
    out["review_policy"] = {{"policy", detail::review_label(r)},
                            {"applies", truth_json(r.applies)},
                            {"if_it_applies", r.policy},
                            {"otherwise", r.otherwise.empty() ? json(nullptr) : json(r.otherwise)},
                            {"missing_inputs", strings(r.missing_inputs)},
                            {"summary", std::string(r.summary)},
                            {"citation", std::string(r.citation)},
                            {"scope_tests", strings(r.scope_tests)},
                            {"tests", tests_json(r.conditions)},
                            {"exporter_must_establish", strings(r.must_establish)}};
  } else {
    out["review_policy"] = nullptr;
  }
  out["notes"] = strings(d.notes);
  return out;
}

json foundry_json(const FoundryAssessment& f) {
  if (!f.in_force) return nullptr;
  json out;
  out["binding"] = f.binding;
  out["applicable_ic"] = f.applicable_ic;
  out["has_hbm"] = f.has_hbm;
  out["threshold_billion"] = f.threshold_billion ? number(*f.threshold_billion) : json(nullptr);
  out["transistors_billion"] =
      f.transistors_billion ? number(*f.transistors_billion) : json(nullptr);
  out["below_threshold"] = f.below_threshold == Truth::yes  ? json(true)
                           : f.below_threshold == Truth::no ? json(false)
                                                            : json(nullptr);
  return out;
}

}  // namespace

std::string render_json(const Report& given) {
  std::optional<Report> storage;  // the report with its notes, when it came without
  const Report& report = detail::detailed(given, storage);
  const ChipSpec& spec = *report.spec;
  const Metrics& metrics = report.metrics;
  const Classification& classification = report.classification;
  json out;
  out["tool"] = std::string("tpp ") + version_string;
  detail::add_rules_audit(out);
  out["input_sha256"] = input_digest(report);
  out["id"] = spec.id;
  out["name"] = spec.name;
  out["kind"] = std::string(to_string(spec.kind));
  out["as_of"] = to_string(report.as_of);
  out["regime"] = classification.paragraphs_effective
                      ? json(to_string(*classification.paragraphs_effective))
                      : json(nullptr);
  out["revision"] =
      classification.revision ? json(to_string(classification.revision->effective)) : json(nullptr);
  out["citation"] = classification.revision ? json(std::string(classification.revision->citation))
                                            : json(nullptr);
  out["tpp"] = number(metrics.tpp);
  // With estimated ranges, tpp and performance_density are the most controlled end.
  if (report.range) {
    const Density& least = report.range->least_metrics.density;
    out["tpp_range"] = {{"low", number(report.range->least_metrics.tpp)},
                        {"high", number(metrics.tpp)}};
    out["performance_density_range"] =
        least.state == DensityState::known && metrics.density.state == DensityState::known
            ? json{{"low", rounded(least.value.to_double())},
                   {"high", rounded(metrics.density.value.to_double())}}
            : json(nullptr);
    out["ranged_inputs"] = strings(report.range->inputs);
    out["range_ends_agree"] = report.range->agree;
  } else {
    out["tpp_range"] = nullptr;
  }
  out["tf32_bits"] = metrics.tf32_bits;
  const bool density_known = metrics.density.state == DensityState::known;
  out["performance_density"] =
      density_known ? json(rounded(metrics.density.value.to_double())) : json(nullptr);
  out["density_status"] = std::string(to_string(metrics.density.state));
  out["applicable_die_area_mm2"] =
      density_known ? json(number(metrics.density.applicable_area_mm2)) : json(nullptr);
  if (spec.kind == ChipKind::memory) {
    out["memory_bandwidth_density"] =
        value_json(metric_value(Metric::memory_bandwidth_density, spec, metrics));
  }
  out["h100_equivalents"] = rounded(report.h100_equivalents);
  out["datacenter"] = spec.datacenter.value;
  out["power_w"] = spec.power_w ? number(spec.power_w->value) : json(nullptr);
  out["eccn"] = optional_text(classification.eccn);
  out["paragraph"] = optional_text(classification.paragraph);
  out["paragraphs"] = strings(classification.paragraphs);
  out["possible_paragraphs"] = strings(classification.possible_paragraphs);
  out["status"] = std::string(to_string(classification.status));
  out["missing_inputs"] = strings(classification.missing_inputs);
  out["licence_exceptions"] = strings(classification.licence_exceptions);
  if (!classification.decided_by.empty()) {
    out["decided_by"] = classification.decided_by;
    json components = json::array();
    for (const ComponentReport& component : report.components) {
      const Classification& c = component.report->classification;
      components.push_back({{"chip", component.chip},
                            {"count", component.count},
                            {"tpp", number(component.report->metrics.tpp)},
                            {"eccn", optional_text(c.eccn)},
                            {"paragraph", optional_text(c.paragraph)}});
    }
    out["components"] = std::move(components);
  }
  out["margins"] = margins_json(report);
  out["basis"] = std::string(to_string(report.basis));
  out["tpp_by_unit"] = units_json(report);
  out["notes"] = strings(report.notes);
  out["sensitivity"] = strings(report.sensitivity);
  out["foundry_presumption"] = foundry_json(report.foundry);
  out["destination"] = report.destination ? destination_json(*report.destination) : json(nullptr);
  out["explain"] = explain_json(report);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tpp
