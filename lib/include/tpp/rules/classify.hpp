// The classifier: one function that reads the rule table and places a chip against it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/core/metrics.hpp"
#include "tpp/core/spec.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp {

enum class Status : std::uint8_t { controlled, not_controlled, indeterminate };
std::string_view to_string(Status status) noexcept;  ///< "controlled", "not-controlled", ...

/// Three-valued truth: a condition on an unknown input is `unknown`, never a guess.
enum class Truth : std::uint8_t { no, yes, unknown };
std::string_view to_string(Truth truth) noexcept;

/// A metric's value for one chip as the classifier sees it.
struct MetricValue {
  DensityState state = DensityState::unknown;  ///< known / unknown / not applicable
  DecimalRatio value;                          ///< when known (plain values have denominator 1)
  std::string_view missing_input;  ///< when unknown: which input is missing (static text)
};

struct ConditionOutcome {
  Condition condition;
  Truth truth = Truth::unknown;
  MetricValue value;
};

struct ClauseOutcome {
  const Clause* clause = nullptr;
  Truth matches = Truth::no;   ///< the clause's own conditions
  Truth excluded = Truth::no;  ///< an exclusion note takes its ECCN out
  Truth applies = Truth::no;   ///< matches and not excluded
  std::vector<ConditionOutcome> conditions;
};

struct ExclusionOutcome {
  const Exclusion* exclusion = nullptr;
  Truth applies = Truth::no;
  std::vector<ConditionOutcome> conditions;
};

/// The distance from a metric's value to one threshold of the rule in force.
struct Margin {
  Metric metric = Metric::tpp;
  Decimal threshold;
  bool known = false;
  int side = 0;             ///< exact sign of value - threshold: -1 below, 0 at, +1 above
  double difference = 0.0;  ///< value - threshold, for display
  std::optional<Decimal> exact_difference;  ///< value - threshold when exact (TPP, I/O)
};

struct Classification {
  const Regime* revision = nullptr;  ///< the table entry in force; nullptr before any 3A090
  Date as_of;
  std::optional<Date> paragraphs_effective;  ///< when the paragraphs judging it took effect
  std::string decided_by;  ///< for a system: the contained IC that decided its ECCN
  Status status = Status::not_controlled;
  std::optional<std::string_view> eccn;               ///< "3A090.a"
  std::optional<std::string_view> paragraph;          ///< first match, "3A090.a.1"
  std::vector<std::string_view> paragraphs;           ///< every match
  std::vector<std::string_view> possible_paragraphs;  ///< matches that hinge on a missing input
  std::vector<std::string> missing_inputs;            ///< what would settle an indeterminate case
  bool possibly_not_controlled = true;  ///< when indeterminate: "not controlled" is an outcome
  std::vector<std::string_view> licence_exceptions;  ///< open to this item on this date
  std::vector<ClauseOutcome> clauses;
  std::vector<ExclusionOutcome> exclusions;
  std::vector<Margin> margins;
};

/// Evaluates each condition for the chip (three-valued).
std::vector<ConditionOutcome> evaluate_conditions(std::span<const Condition> conditions,
                                                  const ChipSpec& spec, const Metrics& metrics);
/// Three-valued AND: no if any is no, else unknown if any is unknown, else yes.
Truth all_of(const std::vector<ConditionOutcome>& outcomes);

/// The value the classifier uses for `metric`.
MetricValue metric_value(Metric metric, const ChipSpec& spec, const Metrics& metrics);

/// Places an IC or memory part against the rule revision in force on `as_of`.
Classification classify(const ChipSpec& spec, const Metrics& metrics, Date as_of);

/// One contained IC of a system, already classified.
struct ComponentClassification {
  std::string chip;  ///< id (or name) of the IC
  int count = 1;
  const Classification* classification = nullptr;
};

/// A system (4A090) follows the strongest IC it contains: 3A090.a makes it 4A090.a, else
/// 3A090.b makes it 4A090.b; an undecided IC leaves it indeterminate.
Classification classify_system(std::span<const ComponentClassification> components, Date as_of);

}  // namespace tpp
