#include "tpp/rules/model_weights.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "rules/wording.hpp"
#include "tpp/rules/destination.hpp"
#include "tpp/rules/rule_package.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

std::string verdict(bool pass) {
  return pass ? "pass" : "fail";
}

}  // namespace

Result<ModelAssessment> assess_model(const ModelInput& input, const ModelOptions& options) {
  ModelAssessment out;
  out.input = input;
  out.as_of = options.as_of.value_or(today());
  if (input.derived_from_ops && *input.derived_from_ops > input.training_ops) {
    return fail(errc::invalid_argument, "--derived-from-ops", to_string(*input.derived_from_ops),
                "the published model's operations exceed the model's own training operations "
                "(--training-ops counts all of them, the base model's included)");
  }
  const CountryDatabase& countries = active_rules().countries();
  if (options.destination) {
    auto country = countries.find(*options.destination);
    if (!country) {
      Error error = country.error();
      error.field = "destination";
      return tpp::unexpected(std::move(error));
    }
    out.destination = *country;
    out.is_export = !is_united_states(**country);
  }
  out.revision = regime_in_force(out.as_of);
  out.rule = out.revision != nullptr ? out.revision->model_weights : nullptr;
  if (out.rule == nullptr) {
    out.notes.push_back(fmt::format(
        "No ECCN controlled model weights on {}: 4E091 was created by 90 FR 4544, in force from "
        "2025-01-13.",
        to_string(out.as_of)));
    return out;
  }
  const ModelWeightsRule& rule = *out.rule;
  out.codified = true;
  Date created = out.revision->effective;  // the first revision with 4E091
  for (const Regime& revision : regimes()) {
    if (revision.model_weights != nullptr) {
      created = revision.effective;
      break;
    }
  }
  const Regime* binding = regime_binding(out.as_of);
  out.enforced =
      binding != nullptr && binding->model_weights != nullptr && binding->model_weights->enforced;

  // The control: training operations at or above the line.
  const bool above = input.training_ops >= rule.threshold;
  out.tests.push_back(fmt::format("training operations {} ≥ {}: {}", to_string(input.training_ops),
                                  to_string(rule.threshold), verdict(above)));
  Truth controlled = above ? Truth::yes : Truth::no;
  if (input.published) {
    controlled = Truth::no;
    out.tests.push_back("published weights (§734.7): not controlled");
  } else if (input.derived_from_ops && controlled == Truth::yes) {
    // Extra training must exceed max(2.5e25, 25% of "the training operations"). Whose
    // operations the 25% is of is not stated: the published model's, or the derived model's
    // own total. Both readings are tried; where they differ the answer is undetermined.
    const Operations base = *input.derived_from_ops;
    const Operations extra{input.training_ops.count - base.count};
    const auto exceeds = [&](Operations of) {
      return extra > rule.derived_floor && extra.count * 100 > of.count * rule.derived_percent;
    };
    const bool by_base = exceeds(base);
    const bool by_total = exceeds(input.training_ops);
    out.tests.push_back(fmt::format(
        "derived from a published model ({} operations): extra training {} > max({}, {}% of the "
        "published model's operations): {}; > max({}, {}% of the model's own total): {}",
        to_string(base), to_string(extra), to_string(rule.derived_floor), rule.derived_percent,
        verdict(by_base), to_string(rule.derived_floor), rule.derived_percent, verdict(by_total)));
    if (!by_base && !by_total) {
      controlled = Truth::no;
    } else if (by_base != by_total) {
      controlled = Truth::unknown;
      out.missing_inputs.push_back(
          "which operations the derived-model rule's 25% is of (4E091 Note 1 says only '25 "
          "percent of the training operations'): UNCONFIRMED");
    }
  }
  out.status = controlled == Truth::yes  ? Status::controlled
               : controlled == Truth::no ? Status::not_controlled
                                         : Status::indeterminate;
  if (out.status == Status::controlled) out.eccn = rule.eccn;

  // The licence: only where the requirement binds that day.
  if (!out.is_export) {
    out.licence_required = Truth::no;
    out.notes.push_back(
        "Not an export: the weights do not leave the United States (access by "
        "foreign persons in the US can be a deemed export; tpp does not model "
        "it).");
  } else if (controlled == Truth::no || !out.enforced) {
    out.licence_required = Truth::no;
  } else {
    const bool covered = out.destination == nullptr ||
                         in_set(rule.destinations, *out.destination, out.as_of, countries);
    out.licence_required = !covered ? Truth::no : controlled;
  }
  if (!out.enforced) {
    out.notes.push_back(
        binding == nullptr || binding->model_weights == nullptr
            ? fmt::format("In force from {} but compliance was not required until {} ({}); no "
                          "licence was required on {}.",
                          to_string(created), to_string(out.revision->binding_from()),
                          out.revision->compliance_citation, to_string(out.as_of))
            : std::string(
                  "Codified (still in the eCFR of 2026-07-23 [P]) but not enforced: BIS announced "
                  "on 2025-05-13, before compliance was due (2025-05-15), that it would not "
                  "enforce the AI Diffusion rule, so no licence has been required. GAO "
                  "(B-337935, 2026-05-12 [P]) found that announcement to be a rule under the "
                  "Congressional Review Act; Pillsbury reads the AI Diffusion rule as legally "
                  "in effect [S]. An exporter relying on non-enforcement should take advice."));
  }
  if (out.status != Status::not_controlled && !rule.exceptions.empty()) {
    out.notes.push_back(fmt::format(
        "Licence exceptions listed for 4E091: {} (to Tier 1 destinations); ACM is not available "
        "({}).",
        detail::join(rule.exceptions, ", "), rule.citation));
  }
  out.notes.push_back(
      "Count every training operation (4E091 Note 2): pre-training and later training such as "
      "fine-tuning, not data collection; where more than 10% of training used unpublished "
      "synthetic data from one model, add that model's generation operations (and its training "
      "operations if its weights are unpublished) (Note 3). The capability exclusion (a model "
      "no more capable than the most capable published one) is not modelled.");
  return out;
}

}  // namespace tpp
