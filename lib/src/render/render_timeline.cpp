// `tpp timeline`: a chip's status at every rule date, as text and as JSON.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "render/render_common.hpp"
#include "tpp/render/render.hpp"
#include "tpp/version.hpp"

namespace tpp {

std::string render_timeline(std::span<const TimelineEntry> entries) {
  if (entries.empty()) return "";
  const Report& first = *entries.front().report;
  std::string out = fmt::format(
      "{} - status at every rule date{}\n", first.spec->display_name(),
      first.destination ? " (to " + first.destination->country->name + ")" : std::string());
  for (const TimelineEntry& entry : entries) {
    const Report& report = *entry.report;
    std::string what = detail::result_line(report);
    if (report.destination) {
      what += "; " + detail::licence_summary(report);
      if (report.destination->review)
        what += " (" + detail::review_label(*report.destination->review) + ")";
    }
    out += fmt::format("{} {}  {}\n", entry.changed ? '*' : ' ', to_string(entry.date), what);
    out += fmt::format("             {}\n", entry.event);
  }
  out += "* = changed from the date before. Not legal advice.\n";
  return out;
}

std::string render_timeline_json(std::span<const TimelineEntry> entries) {
  using json = nlohmann::ordered_json;
  json out;
  out["tool"] = std::string("tpp ") + version_string;
  detail::add_rules_audit(out);
  if (!entries.empty()) {
    out["id"] = entries.front().report->spec->id;
    out["name"] = entries.front().report->spec->name;
  }
  json rows = json::array();
  for (const TimelineEntry& entry : entries) {
    const Report& report = *entry.report;
    const Classification& c = report.classification;
    json row;
    row["date"] = to_string(entry.date);
    row["event"] = entry.event;
    row["revision"] = entry.revision ? json(std::string(entry.revision->citation)) : json(nullptr);
    row["eccn"] = c.eccn ? json(std::string(*c.eccn)) : json(nullptr);
    row["paragraph"] = c.paragraph ? json(std::string(*c.paragraph)) : json(nullptr);
    row["status"] = std::string(to_string(c.status));
    if (report.destination) {
      const Truth required = report.destination->licence_required;
      row["licence_required"] = !report.destination->is_export ? json(false)
                                : required == Truth::yes       ? json(true)
                                : required == Truth::no        ? json(false)
                                                               : json(nullptr);
      row["licence"] = std::string(detail::licence_state(*report.destination));
      row["review_policy"] = report.destination->review
                                 ? json(detail::review_label(*report.destination->review))
                                 : json(nullptr);
    }
    row["changed"] = entry.changed;
    row["change"] = entry.change;
    rows.push_back(std::move(row));
  }
  out["entries"] = std::move(rows);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tpp
