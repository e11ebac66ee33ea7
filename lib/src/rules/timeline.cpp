#include "tpp/rules/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>

#include "core/text.hpp"
#include "rules/wording.hpp"
#include "tpp/rules/rule_package.hpp"

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
      if (detail::licence_summary(before) != detail::licence_summary(now)) {
        changes.push_back(detail::licence_summary(before) + " -> " + detail::licence_summary(now));
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

}  // namespace tpp
