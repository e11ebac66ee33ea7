#include <cmath>
#include <nlohmann/json.hpp>

#include "tpp/render.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

using json = nlohmann::ordered_json;

// Display values: whole decimals print as integers, others as the nearest double (which prints
// as the decimal itself: at most 15 significant digits); ratios are rounded to 6 digits.
json number(Decimal value) {
  if (value.units() % Decimal::kScale == 0) return value.units() / Decimal::kScale;
  return value.to_double();
}
double rounded(double value) {
  return std::round(value * 1e6) / 1e6;
}

json optional_text(const std::optional<std::string_view>& text) {
  return text ? json(std::string(*text)) : json(nullptr);
}

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

json margins_json(const Classification& classification) {
  json out = json::array();
  for (const Margin& margin : classification.margins) {
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

}  // namespace

std::string render_json(const Report& report) {
  const ChipSpec& spec = *report.spec;
  const Metrics& metrics = report.metrics;
  const Classification& classification = report.classification;
  json out;
  out["tool"] = std::string("tpp ") + version_string;
  out["id"] = spec.id;
  out["name"] = spec.name;
  out["kind"] = std::string(to_string(spec.kind));
  out["as_of"] = to_string(report.as_of);
  out["regime"] =
      classification.revision ? json(to_string(classification.clauses_effective)) : json(nullptr);
  out["revision"] =
      classification.revision ? json(to_string(classification.revision->effective)) : json(nullptr);
  out["citation"] = classification.revision ? json(std::string(classification.revision->citation))
                                            : json(nullptr);
  out["tpp"] = number(metrics.tpp);
  out["tf32_bits"] = metrics.tf32_bits;
  const bool density_known = metrics.density.state == DensityState::known;
  out["performance_density"] =
      density_known ? json(rounded(metrics.density.value.to_double())) : json(nullptr);
  out["density_status"] = std::string(to_string(metrics.density.state));
  out["applicable_die_area_mm2"] =
      density_known ? json(number(metrics.density.applicable_area_mm2)) : json(nullptr);
  out["h100_equivalents"] = rounded(report.h100_equivalents);
  out["datacenter"] = spec.datacenter.value;
  out["eccn"] = optional_text(classification.eccn);
  out["paragraph"] = optional_text(classification.paragraph);
  out["paragraphs"] = strings(classification.paragraphs);
  out["possible_paragraphs"] = strings(classification.possible_paragraphs);
  out["status"] = std::string(to_string(classification.status));
  out["missing_inputs"] = strings(classification.missing_inputs);
  out["licence_exceptions"] = strings(classification.licence_exceptions);
  out["margins"] = margins_json(classification);
  out["basis"] = std::string(to_string(report.basis));
  out["tpp_by_unit"] = units_json(report);
  out["notes"] = strings(report.notes);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tpp
