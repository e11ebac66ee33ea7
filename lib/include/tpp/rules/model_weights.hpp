// ECCN 4E091: the weights ("parameters") of an AI model trained with 10^26 or more operations,
// under the revision in force on a date: controlled or not (published weights and lightly
// retrained derivatives of published models are not), whether the rule is codified and
// enforced that day, and whether shipping the weights needs a licence.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/core/operations.hpp"
#include "tpp/rules/classify.hpp"
#include "tpp/rules/countries.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp {

struct ModelInput {
  /// All training operations: pre-training and every later training step (4E091 Note 2),
  /// plus a synthetic-data generator's where Note 3 counts them.
  Operations training_ops;
  bool published = false;  ///< the weights are "published" (§734.7): never controlled
  /// For a model derived from a published one: the published model's training operations.
  std::optional<Operations> derived_from_ops;
};

struct ModelOptions {
  std::optional<Date> as_of;               ///< default: today
  std::optional<std::string> destination;  ///< ISO code or name; empty: "any destination"
};

struct ModelAssessment {
  Date as_of;
  const Regime* revision = nullptr;        ///< in force that day
  const ModelWeightsRule* rule = nullptr;  ///< 4E091 as in force; nullptr before it existed
  ModelInput input;
  Status status = Status::not_controlled;
  std::optional<std::string_view> eccn;  ///< "4E091" when controlled
  bool codified = false;                 ///< the rule is in the regulation that day
  bool enforced = false;                 ///< and binding: compliance due and enforced
  const Country* destination = nullptr;  ///< nullptr: any destination outside the US
  bool is_export = true;
  Truth licence_required = Truth::no;
  std::vector<std::string> tests;  ///< each test with its numbers and verdict
  std::vector<std::string> missing_inputs;
  std::vector<std::string> notes;
};

/// Classifies a model's weights. Errors: the base model trained with more operations than the
/// model itself, an unknown destination.
Result<ModelAssessment> assess_model(const ModelInput& input, const ModelOptions& options = {});

}  // namespace tpp
