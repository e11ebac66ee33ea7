// `tpp compare`: items side by side as a text table (a row per figure, a column per item), one
// JSON object, or CSV (a row per item). Unknown figures say so (never 0); estimates are marked.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "core/text_escape.hpp"
#include "render/render_common.hpp"
#include "tpp/render/render.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

using json = nlohmann::ordered_json;
using detail::grouped;

constexpr std::string_view kEst = " (est.)";

using detail::number;
using detail::optional_text;
using detail::rounded;

std::string paragraph_text(const Classification& c) {
  if (c.paragraph) return std::string(*c.paragraph);
  return c.status == Status::indeterminate ? "indeterminate" : "-";
}

// "12,800", "4,400 to 5,505 (est.)"
std::string tpp_text(const ComparedItem& item) {
  std::string text = item.tpp_low ? grouped(*item.tpp_low) + " to " : "";
  text += grouped(item.report.metrics.tpp);
  return item.tpp_estimate ? text + std::string(kEst) : text;
}

// A report's density: "19.45", "9.62 to 19.23 (est.)", "unknown (...)", "n/a".
std::string density_text(const Report& report, bool estimate) {
  const Density& most = report.metrics.density;
  if (most.state == DensityState::unknown) return "unknown";
  if (most.state == DensityState::not_applicable) return "n/a";
  std::string text;
  const Density* least = report.range ? &report.range->least_metrics.density : nullptr;
  if (least != nullptr && least->state == DensityState::known &&
      least->value.to_double() != most.value.to_double()) {
    text = fmt::format("{:.2f} to {:.2f}", least->value.to_double(), most.value.to_double());
    estimate = true;
  } else {
    text = fmt::format("{:.2f}", most.value.to_double());
  }
  return estimate ? text + std::string(kEst) : text;
}

// "49,152 GB (sum)", "559,000 W (est.)", "unknown"
std::string total_text(const Total& total, std::string_view unit) {
  if (!total.known()) return "unknown";
  std::string text = grouped(total.value) + " " + std::string(unit);
  if (total.source == TotalSource::summed) text += " (sum)";
  if (total.estimate) text += kEst;
  if (total.unconfirmed) text += " (unconfirmed)";
  return text;
}

std::string kind_text(const ComparedItem& item) {
  const ChipSpec& spec = *item.spec;
  if (spec.kind != ChipKind::system) return std::string(to_string(spec.kind));
  std::string parts;
  for (const Component& component : spec.contains) {
    parts += (parts.empty() ? "" : " + ") +
             fmt::format("{} x {}", component.count,
                         component.chip_id.empty() ? component.spec->name : component.chip_id);
  }
  return "system: " + parts;
}

std::string licence_text(const Report& report) {
  if (!report.destination) return "-";
  return detail::licence_summary(report);
}

const Report* deciding_report(const ComparedItem& item) {
  return item.deciding.get();
}

json total_json(const Total& total) {
  if (!total.known())
    return {{"value", nullptr}, {"source", "unknown"}, {"missing", total.missing}};
  return {{"value", number(total.value)},
          {"source", std::string(to_string(total.source))},
          {"estimate", total.estimate},
          {"unconfirmed", total.unconfirmed}};
}

json density_json(const Report& report) {
  const Density& d = report.metrics.density;
  return d.state == DensityState::known ? json(rounded(d.value.to_double())) : json(nullptr);
}

}  // namespace

std::string render_compare(const Comparison& comparison) {
  std::vector<std::string> labels;
  std::vector<std::vector<std::string>> columns(comparison.items.size());
  const auto row = [&](std::string label, auto cell) {
    labels.push_back(std::move(label));
    for (std::size_t i = 0; i < comparison.items.size(); ++i)
      columns[i].push_back(cell(comparison.items[i]));
  };
  const bool any_system =
      std::any_of(comparison.items.begin(), comparison.items.end(),
                  [](const ComparedItem& item) { return item.spec->kind == ChipKind::system; });
  row("", [](const ComparedItem& item) { return item.spec->id; });
  row("Name", [](const ComparedItem& item) { return item.spec->name; });
  row("Kind", [](const ComparedItem& item) { return kind_text(item); });
  row("TPP", [](const ComparedItem& item) { return tpp_text(item); });
  row("H100-eq (TPP)", [](const ComparedItem& item) {
    return fmt::format("{:.2f}{}", item.h100_equivalents, item.tpp_estimate ? kEst : "");
  });
  row("H100-eq (Epoch 8-bit)", [](const ComparedItem& item) {
    return fmt::format("{:.2f}{}{}", item.h100_equivalents_epoch,
                       item.epoch_from_tpp ? " (TPP/8)" : "", item.tpp_estimate ? kEst : "");
  });
  row("Performance density", [](const ComparedItem& item) {
    if (item.spec->kind == ChipKind::system) return std::string("n/a (system)");
    return density_text(item.report, item.density_estimate);
  });
  row("Memory capacity",
      [](const ComparedItem& item) { return total_text(item.totals.memory_capacity_gb, "GB"); });
  row("Memory bandwidth", [](const ComparedItem& item) {
    return total_text(item.totals.memory_bandwidth_gbps, "GB/s");
  });
  row("Power", [](const ComparedItem& item) { return total_text(item.totals.power_w, "W"); });
  row("TPP per watt", [](const ComparedItem& item) {
    if (!item.tpp_per_watt) return std::string("unknown");
    const bool estimate = item.tpp_estimate || item.totals.power_w.estimate;
    return fmt::format("{:.2f}{}", *item.tpp_per_watt, estimate ? kEst : "");
  });
  row("ECCN", [](const ComparedItem& item) {
    const auto& eccn = item.report.classification.eccn;
    return eccn ? std::string(*eccn) : std::string("-");
  });
  row("Paragraph",
      [](const ComparedItem& item) { return paragraph_text(item.report.classification); });
  row("Status", [](const ComparedItem& item) {
    return std::string(to_string(item.report.classification.status));
  });
  if (any_system) {
    row("Decided by (IC)", [](const ComparedItem& item) {
      const Report* ic = deciding_report(item);
      if (ic == nullptr) return std::string("-");
      return fmt::format("{} x {}: {}", item.deciding_count, item.deciding_ic,
                         paragraph_text(ic->classification));
    });
    row("  its density", [](const ComparedItem& item) {
      const Report* ic = deciding_report(item);
      if (ic == nullptr) return std::string("-");
      bool estimate = false;
      for (const Die& die : ic->spec->dies) {
        if (die.area_mm2 && (die.area_mm2->range || die.area_mm2->provenance.confidence ==
                                                        std::optional(Confidence::estimate)))
          estimate = true;
      }
      return density_text(*ic, estimate);
    });
  }
  if (comparison.options.destination) {
    row(fmt::format("Licence to {}", *comparison.options.destination),
        [](const ComparedItem& item) { return licence_text(item.report); });
  }
  row("Basis", [](const ComparedItem& item) { return std::string(to_string(item.report.basis)); });

  std::size_t label_width = 0;
  for (const std::string& label : labels)
    label_width = std::max(label_width, label.size());
  std::vector<std::size_t> widths;
  for (const auto& column : columns) {
    std::size_t width = 0;
    for (const std::string& cell : column)
      width = std::max(width, cell.size());
    widths.push_back(width);
  }
  std::string out;
  for (std::size_t r = 0; r < labels.size(); ++r) {
    std::string line = fmt::format("{:<{}}", labels[r], label_width);
    for (std::size_t i = 0; i < columns.size(); ++i)
      line += fmt::format("  {:<{}}", columns[i][r], widths[i]);
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line + "\n";
  }
  out += fmt::format(
      "As of {}{}. H100-eq: TPP / 15,832; Epoch: dense 8-bit TOPS / 1,979 (TPP/8 "
      "without an 8-bit figure).\n",
      to_string(comparison.as_of),
      comparison.options.destination
          ? ", licence answers for export to " + *comparison.options.destination
          : std::string());
  out +=
      "Systems: memory summed over their ICs where the record gives none (sum); power only as "
      "published.\n";
  out += fmt::format("Audit: tpp {}, {}. Not legal advice.\n", version_string,
                     detail::rules_audit_text(16));
  return out;
}

std::string render_compare_json(const Comparison& comparison) {
  json out;
  out["as_of"] = to_string(comparison.as_of);
  out["destination"] =
      comparison.options.destination ? json(*comparison.options.destination) : json(nullptr);
  json items = json::array();
  for (const ComparedItem& item : comparison.items) {
    const Report& report = item.report;
    const Classification& c = report.classification;
    json one;
    one["id"] = item.spec->id;
    one["name"] = item.spec->name;
    one["kind"] = std::string(to_string(item.spec->kind));
    one["tpp"] = number(report.metrics.tpp);
    one["tpp_low"] = item.tpp_low ? number(*item.tpp_low) : json(nullptr);
    one["tpp_estimate"] = item.tpp_estimate;
    one["h100_equivalents"] = rounded(item.h100_equivalents);
    one["h100_equivalents_epoch"] = rounded(item.h100_equivalents_epoch);
    one["epoch_from_tpp"] = item.epoch_from_tpp;
    one["performance_density"] = density_json(report);
    one["density_status"] = std::string(to_string(report.metrics.density.state));
    one["density_estimate"] = item.density_estimate;
    one["memory_capacity_gb"] = total_json(item.totals.memory_capacity_gb);
    one["memory_bandwidth_gbps"] = total_json(item.totals.memory_bandwidth_gbps);
    one["power_w"] = total_json(item.totals.power_w);
    one["tpp_per_watt"] = item.tpp_per_watt ? json(rounded(*item.tpp_per_watt)) : json(nullptr);
    one["eccn"] = optional_text(c.eccn);
    one["paragraph"] = optional_text(c.paragraph);
    one["status"] = std::string(to_string(c.status));
    one["basis"] = std::string(to_string(report.basis));
    if (const Report* ic = deciding_report(item)) {
      one["decided_by"] = {{"chip", item.deciding_ic},
                           {"count", item.deciding_count},
                           {"eccn", optional_text(ic->classification.eccn)},
                           {"paragraph", optional_text(ic->classification.paragraph)},
                           {"performance_density", density_json(*ic)}};
    } else {
      one["decided_by"] = nullptr;
    }
    if (report.destination) {
      const DestinationAssessment& d = *report.destination;
      one["licence_required"] = d.is_export ? (d.licence_required == Truth::yes  ? json(true)
                                               : d.licence_required == Truth::no ? json(false)
                                                                                 : json(nullptr))
                                            : json(false);
      one["licence"] = std::string(detail::licence_state(d));
      one["licence_summary"] = detail::licence_summary(report);
    } else {
      one["licence_required"] = nullptr;
      one["licence"] = nullptr;
      one["licence_summary"] = nullptr;
    }
    items.push_back(std::move(one));
  }
  out["items"] = std::move(items);
  out["tool_version"] = version_string;
  detail::add_rules_audit(out);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string render_compare_csv(const Comparison& comparison) {
  std::string out =
      "id,name,kind,tpp,tpp_low,tpp_estimate,h100_equivalents,h100_equivalents_epoch,"
      "epoch_from_tpp,performance_density,density_estimate,memory_capacity_gb,memory_capacity_"
      "source,memory_bandwidth_gbps,memory_bandwidth_source,power_w,power_source,tpp_per_watt,"
      "eccn,paragraph,status,basis,decided_by,decided_by_count,decided_by_paragraph,destination,"
      "licence,as_of,rules_version\n";
  for (const ComparedItem& item : comparison.items) {
    const Report& report = item.report;
    const Classification& c = report.classification;
    std::string line;
    bool first = true;
    const auto field = [&](std::string_view text) {
      if (!first) line.push_back(',');
      first = false;
      detail::append_csv_field(line, text);
    };
    const auto decimal = [](Decimal value) { return format_decimal(value, 7, false); };
    const auto real = [](double value) { return fmt::format("{}", rounded(value)); };
    const auto truth = [](bool value) { return std::string(value ? "true" : "false"); };
    const auto total = [&](const Total& t) {
      field(t.known() ? decimal(t.value) : "");
      field(to_string(t.source));
    };
    field(item.spec->id);
    field(item.spec->name);
    field(to_string(item.spec->kind));
    field(decimal(report.metrics.tpp));
    field(item.tpp_low ? decimal(*item.tpp_low) : "");
    field(truth(item.tpp_estimate));
    field(real(item.h100_equivalents));
    field(real(item.h100_equivalents_epoch));
    field(truth(item.epoch_from_tpp));
    field(report.metrics.density.state == DensityState::known
              ? real(report.metrics.density.value.to_double())
              : "");
    field(truth(item.density_estimate));
    total(item.totals.memory_capacity_gb);
    total(item.totals.memory_bandwidth_gbps);
    total(item.totals.power_w);
    field(item.tpp_per_watt ? real(*item.tpp_per_watt) : "");
    field(c.eccn ? *c.eccn : "");
    field(c.paragraph ? *c.paragraph : "");
    field(to_string(c.status));
    field(to_string(report.basis));
    const Report* ic = deciding_report(item);
    field(ic ? item.deciding_ic : "");
    field(ic ? std::to_string(item.deciding_count) : "");
    field(ic && ic->classification.paragraph ? *ic->classification.paragraph : "");
    field(comparison.options.destination ? *comparison.options.destination : "");
    field(report.destination ? detail::licence_state(*report.destination) : "");
    field(to_string(comparison.as_of));
    field(rules_version());
    out += line + "\n";
  }
  return out;
}

}  // namespace tpp
