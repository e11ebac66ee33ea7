#include "rules/wording.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"

namespace tpp::detail {

std::string grouped(Decimal value) {
  return format_decimal(value, 6, true);
}

std::string value_text(const MetricValue& value, Metric metric) {
  switch (value.state) {
    case DensityState::unknown: return "unknown";
    case DensityState::not_applicable: return "not applicable";
    case DensityState::known: break;
  }
  if (metric == Metric::datacenter) return value.value.numerator.is_zero() ? "no" : "yes";
  if (value.value.denominator == Decimal::from_integer(1)) return grouped(value.value.numerator);
  return fmt::format("{:.6f}", value.value.to_double());
}

std::optional<double> margin_value(const MetricValue& value, Decimal threshold) {
  if (value.state != DensityState::known) return std::nullopt;
  if (value.value.denominator == Decimal::from_integer(1)) {
    if (const auto exact = checked_sub(value.value.numerator, threshold)) return exact->to_double();
  }
  return std::round((value.value.to_double() - threshold.to_double()) * 1e6) / 1e6;
}

std::string margin_text(const MetricValue& value, Decimal threshold) {
  if (value.state != DensityState::known) return "";
  std::string text;
  if (value.value.denominator == Decimal::from_integer(1)) {
    const auto exact = checked_sub(value.value.numerator, threshold);
    if (exact) text = grouped(*exact);
  }
  if (text.empty()) text = fmt::format("{:.6f}", value.value.to_double() - threshold.to_double());
  const auto order = value.value.compare(threshold);
  if (order > 0) return "+" + text;
  if (order == 0) return "0";
  return text;
}

std::string test_text(const ConditionOutcome& outcome) {
  const Condition& condition = outcome.condition;
  if (condition.metric == Metric::datacenter) {
    return fmt::format("{} (datacenter: {})",
                       condition.threshold.is_zero() ? "not designed or marketed for datacenters"
                                                     : "designed or marketed for datacenters",
                       value_text(outcome.value, condition.metric));
  }
  return fmt::format("{} {} {} {}", display_name(condition.metric),
                     value_text(outcome.value, condition.metric), to_string(condition.comparator),
                     grouped(condition.threshold));
}

std::string_view verdict(Truth truth) {
  switch (truth) {
    case Truth::yes: return "pass";
    case Truth::no: return "fail";
    case Truth::unknown: return "unknown";
  }
  return "unknown";
}

std::string source_tag(const Provenance& provenance) {
  if (provenance.source_key.empty() && !provenance.confidence) return "";
  std::string tag = "[";
  if (provenance.confidence) tag.append(to_string(*provenance.confidence));
  if (!provenance.source_key.empty()) {
    if (provenance.confidence) tag.append(": ");
    tag.append(provenance.source_key);
  }
  if (provenance.unconfirmed) tag.append(", UNCONFIRMED");
  tag.push_back(']');
  return tag;
}

std::string result_line(const Report& report) {
  const Classification& c = report.classification;
  switch (c.status) {
    case Status::controlled: {
      const std::span<const std::string_view> others(c.paragraphs.begin() + 1, c.paragraphs.end());
      std::string line = fmt::format("{} - controlled (first match {}{})", *c.eccn, *c.paragraph,
                                     others.empty() ? "" : "; also " + join(others, " "));
      if (!c.decided_by.empty()) line += ", decided by " + c.decided_by;
      return line;
    }
    case Status::not_controlled:
      return c.revision == nullptr ? "no 3A090 rule in force - not controlled"
                                   : "outside 3A090/4A090 - not controlled";
    case Status::indeterminate:
      return "indeterminate - could be " + join(c.possible_paragraphs, " ");
  }
  return "";
}

std::string licence_answer(const DestinationAssessment& d) {
  if (!d.is_export) return "not an export (the item stays in the United States)";
  switch (d.licence_required) {
    case Truth::yes: return "yes";
    case Truth::no: return "no";
    case Truth::unknown:
      return d.missing_inputs.empty() ? "undetermined"
                                      : "undetermined: needs " + join(d.missing_inputs, "; ");
  }
  return "undetermined";
}

std::string_view licence_state(const DestinationAssessment& d) {
  if (!d.is_export) return "not-an-export";
  switch (d.licence_required) {
    case Truth::yes: return "required";
    case Truth::no: return "not-required";
    case Truth::unknown: return "undetermined";
  }
  return "undetermined";
}

std::string review_label(const ReviewOutcome& review) {
  if (review.applies != Truth::unknown) return review.policy;
  return "undetermined: " + review.policy + " or " + review.otherwise;
}

std::string_view paragraphs_citation(const Classification& classification) {
  if (!classification.paragraphs_effective) {
    return classification.revision ? classification.revision->citation : std::string_view();
  }
  const Regime* origin = regime_in_force(*classification.paragraphs_effective);
  return origin ? origin->citation : std::string_view();
}

std::string licence_summary(const Report& report) {
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

}  // namespace tpp::detail
