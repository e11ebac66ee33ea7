// A chip's status at every rule date: what it was on each day the rules changed.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "tpp/rules/letters.hpp"
#include "tpp/rules/report.hpp"

namespace tpp {

/// A day on which what the rules say about some item can change.
struct RuleEvent {
  Date date;
  std::string what;  ///< "88 FR 73458 takes effect", "is-informed letter to NVIDIA (h20)"
  std::vector<const Letter*> letters;  ///< the letter whose event it is (if any)
  bool rule = false;                   ///< a revision or compliance event
};

/// Every revision's effective day, every compliance day that changes the binding licence
/// scope, the foundry presumption's compliance day and every letter's start, status change and
/// end, oldest first (events of one day in table order).
std::vector<RuleEvent> rule_events();

/// Which span between rule events `date` falls in (0 before the first): two dates with the same
/// epoch get the same answers from the rules and letters (group memberships aside).
std::size_t rule_epoch(Date date);

struct TimelineEntry {
  Date date;                         ///< a rule event's day (or the day before the first)
  std::string event;                 ///< what happened that day
  const Regime* revision = nullptr;  ///< in force that day; nullptr before 3A090 existed
  std::shared_ptr<const Report> report;
  bool changed = false;  ///< status, ECCN, paragraph or licence need differ from the entry before
  std::string change;    ///< what changed, in words
};

/// Evaluates `spec` on the day before the first revision and on every rule event's day.
/// `options.as_of` is ignored; `options.destination` adds the licence question to each date.
Result<std::vector<TimelineEntry>> timeline(std::shared_ptr<const ChipSpec> spec,
                                            const Options& options = {});

}  // namespace tpp
