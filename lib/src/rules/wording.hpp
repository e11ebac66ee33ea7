// How rule outcomes are said in words (internal): numbers, tests, margins, verdicts, the
// licence answer. Shared by the notes the rules layer writes and by the renderers.
#pragma once

#include <optional>
#include <string>

#include "tpp/rules/report.hpp"

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
/// "licence required", "no licence", "licence undetermined" or "not an export" (with the
/// letter when only a letter decides); empty without a destination.
std::string licence_summary(const Report& report);
/// "case-by-case", or "undetermined: case-by-case or presumption of denial".
std::string review_label(const ReviewOutcome& review);
/// The citation of the revision whose paragraphs judge the report's chip.
std::string_view paragraphs_citation(const Classification& classification);

}  // namespace tpp::detail
