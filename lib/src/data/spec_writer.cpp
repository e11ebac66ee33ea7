// The JSON spec writer: a ChipSpec back to the chips/ format (what --spec reads), figures with
// their provenance.
#include <nlohmann/json.hpp>

#include "tpp/data/database.hpp"

namespace tpp {
namespace {

using json = nlohmann::json;

json number_json(Decimal value) {
  if (value.units() % Decimal::kScale == 0) return value.units() / Decimal::kScale;
  return value.to_double();
}

void put_provenance(json& out, const Provenance& provenance) {
  if (!provenance.source_key.empty()) out["source"] = provenance.source_key;
  if (provenance.confidence) out["confidence"] = std::string(to_string(*provenance.confidence));
  if (provenance.unconfirmed) out["unconfirmed"] = true;
  if (!provenance.note.empty()) out["note"] = provenance.note;
}

json figure_json(const Figure& figure) {
  json out = figure.range ? json{{"low", number_json(figure.range->low)},
                                 {"high", number_json(figure.range->high)}}
                          : json{{"value", number_json(figure.value)}};
  put_provenance(out, figure.provenance);
  return out;
}

json spec_json(const ChipSpec& spec) {
  json out = json::object();
  if (!spec.id.empty()) out["id"] = spec.id;
  if (!spec.name.empty()) out["name"] = spec.name;
  if (!spec.vendor.empty()) out["vendor"] = spec.vendor;
  if (!spec.aliases.empty()) out["aliases"] = spec.aliases;
  if (spec.year) out["year"] = *spec.year;
  out["kind"] = std::string(to_string(spec.kind));
  json datacenter = {{"value", spec.datacenter.value}};
  put_provenance(datacenter, spec.datacenter.provenance);
  out["datacenter"] = datacenter;
  if (!spec.processing_units.empty()) {
    json units = json::array();
    for (const ProcessingUnit& unit : spec.processing_units) {
      json rows = json::array();
      for (const Throughput& t : unit.throughput) {
        json row = {{"precision", to_string(t.precision)},
                    {"tops", t.tops_range ? json{{"low", number_json(t.tops_range->low)},
                                                 {"high", number_json(t.tops_range->high)}}
                                          : number_json(t.tops)}};
        if (t.sparse) row["sparse"] = true;
        put_provenance(row, t.provenance);
        rows.push_back(std::move(row));
      }
      json item = {{"count", unit.count}, {"throughput", std::move(rows)}};
      if (!unit.name.empty()) item["name"] = unit.name;
      units.push_back(std::move(item));
    }
    out["processing_units"] = std::move(units);
  }
  if (!spec.dies.empty()) {
    json dies = json::array();
    for (const Die& die : spec.dies) {
      json item = {{"count", die.count}, {"logic", die.logic}, {"non_planar", die.non_planar}};
      item["area_mm2"] = die.area_mm2 ? figure_json(*die.area_mm2) : json(nullptr);
      if (!die.name.empty()) item["name"] = die.name;
      if (!die.process_node.empty()) item["process_node"] = die.process_node;
      dies.push_back(std::move(item));
    }
    out["dies"] = std::move(dies);
  }
  if (spec.io_bidirectional_gbps)
    out["io_bidirectional_gbps"] = figure_json(*spec.io_bidirectional_gbps);
  if (spec.memory) {
    json memory = json::object();
    if (!spec.memory->type.empty()) memory["type"] = spec.memory->type;
    if (spec.memory->capacity_gb) memory["capacity_gb"] = figure_json(*spec.memory->capacity_gb);
    if (spec.memory->bandwidth_gbps)
      memory["bandwidth_gbps"] = figure_json(*spec.memory->bandwidth_gbps);
    if (spec.memory->package_area_mm2) {
      memory["package_area_mm2"] = figure_json(*spec.memory->package_area_mm2);
    }
    out["memory"] = std::move(memory);
  }
  if (spec.transistors_billion) out["transistors_billion"] = figure_json(*spec.transistors_billion);
  if (spec.power_w) out["power_w"] = figure_json(*spec.power_w);
  if (!spec.process_node.empty()) out["process_node"] = spec.process_node;
  if (!spec.contains.empty()) {
    json contains = json::array();
    for (const Component& component : spec.contains) {
      json item = {{"count", component.count}};
      if (component.inline_spec && component.spec) {
        item["spec"] = spec_json(*component.spec);
      } else {
        item["chip"] = component.chip_id;
      }
      contains.push_back(std::move(item));
    }
    out["contains"] = std::move(contains);
  }
  if (!spec.sources.empty()) {
    json sources = json::object();
    for (const Source& source : spec.sources) {
      json item = {{"url", source.url}};
      if (!source.title.empty()) item["title"] = source.title;
      if (!source.grade.empty()) item["grade"] = source.grade;
      sources[source.key] = std::move(item);
    }
    out["sources"] = std::move(sources);
  }
  if (!spec.notes.empty()) out["notes"] = spec.notes;
  return out;
}

}  // namespace

std::string write_spec_json(const ChipSpec& spec) {
  // Input text can hold invalid UTF-8 (a catalog's names): replaced, never a throw.
  return spec_json(spec).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tpp
