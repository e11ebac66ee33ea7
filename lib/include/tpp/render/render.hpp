// What the `tpp` command prints, available to library users as the same calls.
#pragma once

#include <span>
#include <string>

#include "tpp/fleet/compare.hpp"
#include "tpp/fleet/fleet.hpp"
#include "tpp/fleet/quota.hpp"
#include "tpp/rules/headroom.hpp"
#include "tpp/rules/model_weights.hpp"
#include "tpp/rules/report.hpp"
#include "tpp/rules/rule_package.hpp"
#include "tpp/rules/timeline.hpp"

namespace tpp {

/// One JSON object on one line (no trailing newline): the fields of `tpp show --json`.
std::string render_json(const Report& report);

/// The full human-readable account of one chip: inputs with sources, TPP per precision,
/// the clauses tested with their numbers, margins and notes.
std::string render_show(const Report& report);

/// The reasoning as quotable text: the rule in force, each input with its source, each test
/// with its numbers, pass or fail and margin, the result and the audit record.
std::string render_explain(const Report& report);

/// A table of chips: name, TPP, density, H100-equivalents, paragraph, status.
std::string render_list(std::span<const Report> reports);

/// `tpp fleet`: the header of the per-line table, one row (text) or one JSON line per fleet
/// line, and the totals by chip, destination and consignee.
std::string render_fleet_header();
std::string render_fleet_line(const FleetLineResult& line, bool json);
std::string render_fleet_totals(const FleetAccount& account, bool json);
/// `tpp fleet --days`: what the fleet could compute, and how long to 10^26 operations.
std::string render_fleet_compute(const ComputeReport& report, bool json);

/// `tpp quota`: one row or JSON line per shipment, and the report of every cap.
std::string render_quota_line(const QuotaLineResult& line, bool json);
std::string render_quota_report(const QuotaReport& report, const QuotaPolicy& policy, bool json);

/// `--output-format csv` of list, fleet and quota: a header, then rows of its width. Fleet rows
/// are typed ("line", then "totals" by group and key); quota rows too ("shipment", then "cap").
std::string render_list_csv(std::span<const Report> reports);
std::string render_fleet_csv_header();
std::string render_fleet_line_csv(const FleetLineResult& line);
std::string render_fleet_totals_csv(const FleetAccount& account);
std::string render_quota_csv_header();
std::string render_quota_line_csv(const QuotaLineResult& line);
std::string render_quota_report_csv(const QuotaReport& report);
/// A bad line's record in the line stream (with --keep-going): JSON {"type":"error","line",
/// "error":{"code","field","value","reason"}}, or a CSV row of the table's width whose `error`
/// column holds the message. The line number is read from the error's field ("line 7: ...").
std::string render_fleet_error(const Error& error, bool csv);
std::string render_quota_error(const Error& error, bool csv);

/// `tpp compare`: a table with a row per figure and a column per item (unknown figures say
/// "unknown", estimates "(est.)"), one JSON object {"as_of", "destination", "items": [...],
/// audit}, or CSV with a row per item.
std::string render_compare(const Comparison& comparison);
std::string render_compare_json(const Comparison& comparison);
std::string render_compare_csv(const Comparison& comparison);

/// `tpp timeline`: a table (date, revision, result, licence with a destination, a mark on each
/// change), or one JSON object {"id", "name", "entries": [{"date", "revision", "eccn", ...}]}.
std::string render_timeline(std::span<const TimelineEntry> entries);
std::string render_timeline_json(std::span<const TimelineEntry> entries);

/// `tpp headroom`: each line's distance by throughput and by die area.
std::string render_headroom(const ChipSpec& spec, const Headroom& headroom);
std::string render_headroom_json(const ChipSpec& spec, const Headroom& headroom);

/// `tpp model`: text, and one JSON object (eccn, status, codified, enforced, licence_required,
/// notes, ...).
std::string render_model(const ModelAssessment& assessment);
std::string render_model_json(const ModelAssessment& assessment);

/// `tpp rules`: the rule package in use: its version, digest and origin, every revision with
/// its dates, citation and grade, the letters, notices, quota policies and country data.
std::string render_rules(const RulePackage& package, bool json);

}  // namespace tpp
