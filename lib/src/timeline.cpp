#include "tpp/timeline.hpp"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "render_common.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

std::string outcome_of(const Report& report) {
  const Classification& c = report.classification;
  if (c.paragraph) return std::string(*c.paragraph);
  return std::string(to_string(c.status));
}

std::string licence_of(const Report& report) {
  if (!report.destination) return "";
  switch (report.destination->licence_required) {
    case Truth::yes: return "licence required";
    case Truth::no: return "no licence";
    case Truth::unknown: return "licence: undecided";
  }
  return "";
}

}  // namespace

Result<std::vector<TimelineEntry>> timeline(std::shared_ptr<const ChipSpec> spec,
                                            const Options& options) {
  std::vector<Date> dates;
  const auto table = regimes();
  if (!table.empty()) {
    dates.push_back(Date{std::chrono::sys_days{table.front().effective} - std::chrono::days{1}});
  }
  for (const Regime& revision : table)
    dates.push_back(revision.effective);

  std::vector<TimelineEntry> out;
  for (const Date date : dates) {
    Options at = options;
    at.as_of = date;
    auto report = evaluate(spec, at);
    if (!report) return tpp::unexpected(report.error());
    TimelineEntry entry;
    entry.date = date;
    entry.revision = report->classification.revision;
    entry.report = std::make_shared<const Report>(std::move(*report));
    if (!out.empty()) {
      const Report& before = *out.back().report;
      const Report& now = *entry.report;
      std::vector<std::string> changes;
      if (outcome_of(before) != outcome_of(now)) {
        changes.push_back(outcome_of(before) + " -> " + outcome_of(now));
      }
      if (licence_of(before) != licence_of(now)) {
        changes.push_back(licence_of(before) + " -> " + licence_of(now));
      }
      const auto policy = [](const Report& r) {
        return r.destination && r.destination->review ? std::string(r.destination->review->policy)
                                                      : std::string();
      };
      if (policy(before) != policy(now)) {
        changes.push_back("review: " + (policy(before).empty() ? "none" : policy(before)) + " -> " +
                          (policy(now).empty() ? "none" : policy(now)));
      }
      entry.changed = !changes.empty();
      for (const std::string& change : changes)
        entry.change += (entry.change.empty() ? "" : "; ") + change;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

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
      what += "; " + licence_of(report);
      if (report.destination->review)
        what += " (" + std::string(report.destination->review->policy) + ")";
    }
    out += fmt::format("{} {}  {:<66} {}\n", entry.changed ? '*' : ' ', to_string(entry.date),
                       entry.revision ? std::string(entry.revision->citation).substr(0, 66)
                                      : std::string("(before 3A090 existed)"),
                       what);
  }
  out += "* = changed from the date before. Not legal advice.\n";
  return out;
}

std::string render_timeline_json(std::span<const TimelineEntry> entries) {
  using json = nlohmann::ordered_json;
  json out;
  out["tool"] = std::string("tpp ") + version_string;
  out["rules_version"] = std::string(rules_version());
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
    row["revision"] = entry.revision ? json(std::string(entry.revision->citation)) : json(nullptr);
    row["eccn"] = c.eccn ? json(std::string(*c.eccn)) : json(nullptr);
    row["paragraph"] = c.paragraph ? json(std::string(*c.paragraph)) : json(nullptr);
    row["status"] = std::string(to_string(c.status));
    if (report.destination) {
      const Truth required = report.destination->licence_required;
      row["licence_required"] = required == Truth::yes  ? json(true)
                                : required == Truth::no ? json(false)
                                                        : json(nullptr);
      row["review_policy"] = report.destination->review
                                 ? json(std::string(report.destination->review->policy))
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
