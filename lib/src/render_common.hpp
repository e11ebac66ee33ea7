// Formatting shared by the text and JSON renderers (internal).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tpp/report.hpp"

namespace tpp::detail {

/// "15,831.2": exact, grouped, trailing zeros trimmed.
std::string grouped(Decimal value);
/// A metric value as text: "2,368", "2.909091", "yes", "unknown".
std::string value_text(const MetricValue& value, Metric metric);
/// value - threshold as text with sign ("+768", "-3.010909"), or empty when unknown.
std::string margin_text(const MetricValue& value, Decimal threshold);
/// value - threshold, exact where the value is a plain decimal; for JSON.
std::optional<double> margin_value(const MetricValue& value, Decimal threshold);
/// "TPP 2,368 ≥ 4,800"
std::string test_text(const ConditionOutcome& outcome);
/// "pass", "fail", "unknown"
std::string_view verdict(Truth truth);
/// "[secondary: klockwood-h100, UNCONFIRMED]" or empty.
std::string source_tag(const Provenance& provenance);
/// "3A090.a - controlled (first match 3A090.a.1; also 3A090.a.2)"
std::string result_line(const Report& report);
/// The licence answer in words: "yes", "no", "undetermined (needs ...)", "not an export".
std::string licence_answer(const DestinationAssessment& destination);
/// The licence answer for JSON: true, false or null (undetermined; also null when not an export).
std::string_view licence_state(const DestinationAssessment& destination);
/// "case-by-case", or "undetermined: case-by-case or presumption of denial".
std::string review_label(const ReviewOutcome& review);
/// "rules 2026-01-15.3 (sha256 6d855130c7f392ad)", with " from DIR" when the rule package is
/// not the bundled one; `digest_chars` digits of the digest.
std::string rules_audit_text(std::size_t digest_chars);
/// Sets rules_version, rules_sha256 and rules_origin ("bundled" or the directory).
void add_rules_audit(nlohmann::ordered_json& out);
/// The citation of the revision whose paragraphs judge the report's chip.
std::string_view paragraphs_citation(const Classification& classification);

}  // namespace tpp::detail
