#include "tpp/rules/classify.hpp"

#include <algorithm>

namespace tpp {
namespace {

using namespace tpp::literals;

MetricValue known(Decimal value) {
  return MetricValue{DensityState::known, DecimalRatio{value, 1_dec}, {}};
}

MetricValue unknown(std::string_view missing) {
  return MetricValue{DensityState::unknown, {}, missing};
}

Truth evaluate(const Condition& condition, const MetricValue& value) {
  switch (value.state) {
    case DensityState::known:
      return holds(value.value.compare(condition.threshold), condition.comparator) ? Truth::yes
                                                                                   : Truth::no;
    case DensityState::not_applicable: return Truth::no;
    case DensityState::unknown: return Truth::unknown;
  }
  return Truth::unknown;
}

Truth any_of(Truth a, Truth b) {
  if (a == Truth::yes || b == Truth::yes) return Truth::yes;
  if (a == Truth::unknown || b == Truth::unknown) return Truth::unknown;
  return Truth::no;
}

Truth and_not(Truth a, Truth b) {
  if (a == Truth::no || b == Truth::yes) return Truth::no;
  if (a == Truth::yes && b == Truth::no) return Truth::yes;
  return Truth::unknown;
}

void add_unique(std::vector<std::string>& list, std::string_view item) {
  if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) {
    list.emplace_back(item);
  }
}

std::vector<Margin> margins_of(const Regime& revision, const ChipSpec& spec,
                               const Metrics& metrics) {
  std::vector<Margin> out;
  out.reserve(8);
  for (const Clause& clause : revision.clauses) {
    if (clause.applies_to != spec.kind) continue;
    for (const Condition& condition : clause.conditions) {
      if (condition.metric == Metric::datacenter) continue;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const Margin& m) {
        return m.metric == condition.metric && m.threshold == condition.threshold;
      });
      if (seen) continue;
      Margin margin;
      margin.metric = condition.metric;
      margin.threshold = condition.threshold;
      const MetricValue value = metric_value(condition.metric, spec, metrics);
      if (value.state == DensityState::known) {
        margin.known = true;
        const auto order = value.value.compare(condition.threshold);
        margin.side = order < 0 ? -1 : (order > 0 ? 1 : 0);
        margin.difference = value.value.to_double() - condition.threshold.to_double();
        if (value.value.denominator == 1_dec) {
          margin.exact_difference = checked_sub(value.value.numerator, condition.threshold);
        }
      }
      out.push_back(margin);
    }
  }
  // By metric, then the highest line first; insertion sort keeps equal margins in rule order
  // (a stable sort) without the buffer std::stable_sort allocates: a handful of margins.
  for (std::size_t i = 1; i < out.size(); ++i) {
    for (std::size_t j = i; j > 0; --j) {
      const Margin& a = out[j];
      const Margin& b = out[j - 1];
      const bool before = a.metric != b.metric ? a.metric < b.metric : a.threshold > b.threshold;
      if (!before) break;
      std::swap(out[j], out[j - 1]);
    }
  }
  return out;
}

void add_exceptions(Classification& out, const Regime& revision, const ChipSpec& spec,
                    const Metrics& metrics) {
  for (const ExceptionRule& rule : revision.exceptions) {
    if (!out.eccn || rule.eccn != *out.eccn) continue;
    const bool holds_all = std::all_of(
        rule.conditions.begin(), rule.conditions.end(), [&](const Condition& condition) {
          return evaluate(condition, metric_value(condition.metric, spec, metrics)) == Truth::yes;
        });
    if (!holds_all) continue;
    if (std::find(out.licence_exceptions.begin(), out.licence_exceptions.end(), rule.exception) ==
        out.licence_exceptions.end()) {
      out.licence_exceptions.push_back(rule.exception);
    }
  }
}

int strength(const Classification& c) {
  if (c.eccn && c.eccn->ends_with(".a")) return 3;
  if (c.eccn && c.eccn->ends_with(".b")) return 2;
  if (c.status == Status::indeterminate) return 1;
  return 0;
}

}  // namespace

Truth all_of(const std::vector<ConditionOutcome>& outcomes) {
  Truth out = Truth::yes;
  for (const ConditionOutcome& outcome : outcomes) {
    if (outcome.truth == Truth::no) return Truth::no;
    if (outcome.truth == Truth::unknown) out = Truth::unknown;
  }
  return out;
}

std::vector<ConditionOutcome> evaluate_conditions(std::span<const Condition> conditions,
                                                  const ChipSpec& spec, const Metrics& metrics) {
  std::vector<ConditionOutcome> out;
  out.reserve(conditions.size());
  for (const Condition& condition : conditions) {
    MetricValue value = metric_value(condition.metric, spec, metrics);
    const Truth truth = evaluate(condition, value);
    out.push_back({condition, truth, std::move(value)});
  }
  return out;
}

std::string_view to_string(Status status) noexcept {
  switch (status) {
    case Status::controlled: return "controlled";
    case Status::not_controlled: return "not-controlled";
    case Status::indeterminate: return "indeterminate";
  }
  return "indeterminate";
}

std::string_view to_string(Truth truth) noexcept {
  switch (truth) {
    case Truth::no: return "no";
    case Truth::yes: return "yes";
    case Truth::unknown: return "unknown";
  }
  return "unknown";
}

MetricValue metric_value(Metric metric, const ChipSpec& spec, const Metrics& metrics) {
  switch (metric) {
    case Metric::tpp: return known(metrics.tpp);
    case Metric::performance_density:
      if (metrics.density.state == DensityState::known) {
        return MetricValue{DensityState::known, metrics.density.value, {}};
      }
      return MetricValue{metrics.density.state,
                         {},
                         metrics.density.state == DensityState::unknown
                             ? "die area (the applicable logic-die area, dies[].area_mm2)"
                             : std::string_view()};
    case Metric::io_bidirectional_gbps:
      if (spec.io_bidirectional_gbps) return known(spec.io_bidirectional_gbps->value);
      return unknown("aggregate bidirectional I/O rate (io_bidirectional_gbps)");
    case Metric::datacenter: return known(spec.datacenter.value ? 1_dec : 0_dec);
    case Metric::memory_bandwidth_density: {
      const auto& memory = spec.memory;
      if (!memory || !memory->bandwidth_gbps) {
        return unknown("memory bandwidth (memory.bandwidth_gbps)");
      }
      if (!memory->package_area_mm2) {
        return unknown("stack or package area (memory.package_area_mm2)");
      }
      return MetricValue{
          DensityState::known,
          DecimalRatio{memory->bandwidth_gbps->value, memory->package_area_mm2->value},
          {}};
    }
    case Metric::dram_bandwidth_gbps:
      if (spec.memory && spec.memory->bandwidth_gbps)
        return known(spec.memory->bandwidth_gbps->value);
      return unknown("total DRAM bandwidth (memory.bandwidth_gbps)");
  }
  return unknown("unsupported metric");
}

Classification classify(const ChipSpec& spec, const Metrics& metrics, Date as_of) {
  Classification out;
  out.as_of = as_of;
  const Regime* revision = regime_in_force(as_of);
  out.revision = revision;
  if (revision == nullptr) return out;  // no 3A090 existed: nothing to match
  out.paragraphs_effective = paragraphs_effective(*revision, spec.kind);
  out.exclusions.reserve(revision->exclusions.size());
  out.clauses.reserve(revision->clauses.size());

  for (const Exclusion& exclusion : revision->exclusions) {
    ExclusionOutcome outcome;
    outcome.exclusion = &exclusion;
    outcome.conditions = evaluate_conditions(exclusion.conditions, spec, metrics);
    outcome.applies = all_of(outcome.conditions);
    out.exclusions.push_back(std::move(outcome));
  }

  for (const Clause& clause : revision->clauses) {
    if (clause.applies_to != spec.kind) continue;
    ClauseOutcome outcome;
    outcome.clause = &clause;
    outcome.conditions = evaluate_conditions(clause.conditions, spec, metrics);
    outcome.matches = all_of(outcome.conditions);
    for (const ExclusionOutcome& exclusion : out.exclusions) {
      const auto& eccns = exclusion.exclusion->excluded_eccns;
      if (std::find(eccns.begin(), eccns.end(), clause.eccn) != eccns.end()) {
        outcome.excluded = any_of(outcome.excluded, exclusion.applies);
      }
    }
    outcome.applies = and_not(outcome.matches, outcome.excluded);
    if (outcome.applies == Truth::yes) {
      out.paragraphs.push_back(clause.paragraph);
    } else if (outcome.applies == Truth::unknown) {
      out.possible_paragraphs.push_back(clause.paragraph);
    }
    out.clauses.push_back(std::move(outcome));
  }

  if (!out.paragraphs.empty()) {
    out.status = Status::controlled;
    out.paragraph = out.paragraphs.front();
    for (const ClauseOutcome& clause : out.clauses) {
      if (clause.clause->paragraph == *out.paragraph) out.eccn = clause.clause->eccn;
    }
    // Licence exceptions are part of the licence scope: the one binding that day.
    if (const Regime* binding = regime_binding(as_of)) add_exceptions(out, *binding, spec, metrics);
  } else if (!out.possible_paragraphs.empty()) {
    out.status = Status::indeterminate;
    for (const ClauseOutcome& clause : out.clauses) {
      if (clause.applies != Truth::unknown) continue;
      for (const ConditionOutcome& condition : clause.conditions) {
        if (condition.truth == Truth::unknown) {
          add_unique(out.missing_inputs, condition.value.missing_input);
        }
      }
      if (clause.excluded != Truth::unknown) continue;
      for (const ExclusionOutcome& exclusion : out.exclusions) {
        for (const ConditionOutcome& condition : exclusion.conditions) {
          if (condition.truth == Truth::unknown) {
            add_unique(out.missing_inputs, condition.value.missing_input);
          }
        }
      }
    }
  } else {
    out.status = Status::not_controlled;
  }
  out.margins = margins_of(*revision, spec, metrics);
  return out;
}

Classification classify_system(std::span<const ComponentClassification> components, Date as_of) {
  Classification out;
  out.as_of = as_of;
  out.revision = regime_in_force(as_of);
  if (out.revision == nullptr) return out;
  out.paragraphs_effective = paragraphs_effective(*out.revision, ChipKind::accelerator);

  const ComponentClassification* strongest = nullptr;
  for (const ComponentClassification& component : components) {
    if (strongest == nullptr ||
        strength(*component.classification) > strength(*strongest->classification)) {
      strongest = &component;
    }
  }
  if (strongest == nullptr) return out;
  const Classification& ic = *strongest->classification;
  out.decided_by = strongest->chip;
  for (const SystemRule& rule : out.revision->systems) {
    if (ic.eccn && *ic.eccn == rule.ic_eccn) {
      out.status = Status::controlled;
      out.eccn = rule.system_eccn;
      out.paragraph = rule.system_eccn;
      out.paragraphs = {rule.system_eccn};
      out.licence_exceptions = ic.licence_exceptions;
      return out;
    }
  }
  if (ic.status == Status::indeterminate) {
    out.status = Status::indeterminate;
    out.missing_inputs = ic.missing_inputs;
    for (const SystemRule& rule : out.revision->systems)
      out.possible_paragraphs.push_back(rule.system_eccn);
  }
  return out;
}

}  // namespace tpp
