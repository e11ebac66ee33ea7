#include "tpp/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "render_common.hpp"
#include "text.hpp"
#include "tpp/rule_package.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

// The result a reader compares between dates: every paragraph matched, or for an
// undetermined result every one it could be.
std::string outcome_of(const Report& report) {
  const Classification& c = report.classification;
  if (!c.paragraphs.empty()) return detail::join(c.paragraphs, " ");
  if (c.status == Status::indeterminate && !c.possible_paragraphs.empty()) {
    return "indeterminate (could be " + detail::join(c.possible_paragraphs, " ") + ")";
  }
  return std::string(to_string(c.status));
}

std::string licence_of(const Report& report) {
  if (!report.destination) return "";
  const DestinationAssessment& d = *report.destination;
  if (!d.is_export) return "not an export";
  std::string text;
  switch (d.licence_required) {
    case Truth::yes: text = "licence required"; break;
    case Truth::no: text = "no licence"; break;
    case Truth::unknown: text = "licence undetermined"; break;
  }
  // Name the basis when only a letter gives the answer: the change a reader looks for.
  const auto by = [&](bool letter) {
    return std::find_if(d.basis.begin(), d.basis.end(), [&](const LicenceBasis& b) {
      return (b.letter != nullptr) == letter && b.applies == d.licence_required;
    });
  };
  if (by(false) == d.basis.end() && by(true) != d.basis.end()) {
    text += " (" + by(true)->letter->label() + ")";
  }
  return text;
}

void add_event(std::vector<RuleEvent>& events, Date date, std::string what,
               const Letter* letter = nullptr) {
  RuleEvent event{date, std::move(what), {}, letter == nullptr};
  if (letter != nullptr) event.letters.push_back(letter);
  events.push_back(std::move(event));
}

// Whether one chip's timeline shows the event: letters to other makers are left out.
bool seen_by(const RuleEvent& event, const ChipSpec& spec) {
  return event.rule || std::any_of(event.letters.begin(), event.letters.end(),
                                   [&](const Letter* l) { return l->recipient_made(spec); });
}

}  // namespace

std::vector<RuleEvent> rule_events() {
  std::vector<RuleEvent> out;
  for (const Regime& revision : regimes()) {
    add_event(out, revision.effective, std::string(revision.citation) + " takes effect");
    if (revision.binding_from() != revision.effective &&
        regime_in_force(revision.binding_from()) == &revision) {
      add_event(out, revision.binding_from(),
                "compliance with " + std::string(revision.citation) + " required");
    }
    if (revision.foundry != nullptr &&
        regime_in_force(revision.foundry->binding_from) == &revision) {
      add_event(out, revision.foundry->binding_from, "foundry presumption binds");
    }
  }
  for (const Letter& letter : active_rules().letters().letters()) {
    const std::string items = detail::join(letter.models, ", ");
    for (const LetterStatus& row : letter.status) {
      add_event(out, row.from,
                row.from == letter.informed
                    ? letter.label() + " (" + items + ")"
                    : "letter to " + letter.recipient + " (" + items + "): " + row.state +
                          (row.review.empty() ? "" : ", " + row.review),
                &letter);
    }
    if (letter.until) {
      add_event(out, Date{std::chrono::sys_days{*letter.until} + std::chrono::days{1}},
                "letter to " + letter.recipient + " (" + items + ") ends: " + letter.until_reason,
                &letter);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RuleEvent& a, const RuleEvent& b) { return a.date < b.date; });
  return out;
}

std::size_t rule_epoch(Date date) {
  // The event days of each package used, computed once; fleets ask per line.
  static std::mutex mutex;
  static std::map<const RulePackage*, std::vector<Date>> by_package;
  thread_local const RulePackage* last_package = nullptr;
  thread_local const std::vector<Date>* last_dates = nullptr;
  const RulePackage* package = &active_rules();
  if (package != last_package) {
    std::lock_guard lock(mutex);
    auto [it, added] = by_package.try_emplace(package);
    if (added) {
      for (const RuleEvent& event : rule_events())
        it->second.push_back(event.date);
    }
    last_package = package;
    last_dates = &it->second;
  }
  return static_cast<std::size_t>(std::upper_bound(last_dates->begin(), last_dates->end(), date) -
                                  last_dates->begin());
}

Result<std::vector<TimelineEntry>> timeline(std::shared_ptr<const ChipSpec> spec,
                                            const Options& options) {
  // The days that matter to this chip: other makers' letters left out, one entry per day.
  std::vector<RuleEvent> events;
  for (const RuleEvent& event : rule_events()) {
    if (!seen_by(event, *spec)) continue;
    if (!events.empty() && events.back().date == event.date) {
      events.back().what += "; " + event.what;
    } else {
      events.push_back(event);
    }
  }
  if (!events.empty()) {
    events.insert(events.begin(),
                  RuleEvent{Date{std::chrono::sys_days{events.front().date} - std::chrono::days{1}},
                            "the day before",
                            {},
                            true});
  }

  std::vector<TimelineEntry> out;
  for (const RuleEvent& event : events) {
    const Date date = event.date;
    Options at = options;
    at.as_of = date;
    auto report = evaluate(spec, at);
    if (!report) return tpp::unexpected(report.error());
    TimelineEntry entry;
    entry.date = date;
    entry.event = event.what;
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
        if (!r.destination) return std::string();
        if (r.destination->review) return detail::review_label(*r.destination->review);
        for (const LicenceBasis& basis : r.destination->basis) {
          const LetterStatus* status =
              basis.letter != nullptr ? basis.letter->status_on(r.as_of) : nullptr;
          if (status != nullptr) {
            return "letter: " + status->state +
                   (status->review.empty() ? "" : ", " + status->review);
          }
        }
        return std::string();
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
