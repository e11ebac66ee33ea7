// A chip's status at every rule date: what it was on each day the rules changed.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "tpp/report.hpp"

namespace tpp {

struct TimelineEntry {
  Date date;  ///< the day a revision took effect (or the day before the first)
  const Regime* revision = nullptr;  ///< nullptr before 3A090 existed
  std::shared_ptr<const Report> report;
  bool changed = false;  ///< status, ECCN, paragraph or licence need differ from the entry before
  std::string change;    ///< what changed, in words
};

/// Evaluates `spec` on the day before the first revision and on every revision's date.
/// `options.as_of` is ignored; `options.destination` adds the licence question to each date.
Result<std::vector<TimelineEntry>> timeline(std::shared_ptr<const ChipSpec> spec,
                                            const Options& options = {});

/// A table: date, revision, result, licence (with a destination), and a mark on each change.
std::string render_timeline(std::span<const TimelineEntry> entries);
/// One JSON object: {"id", "name", "entries": [{"date", "revision", "eccn", ...}]}.
std::string render_timeline_json(std::span<const TimelineEntry> entries);

}  // namespace tpp
