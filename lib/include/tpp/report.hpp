// One call from a spec to everything tpp says about it: metrics, classification, notes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tpp/classify.hpp"
#include "tpp/metrics.hpp"
#include "tpp/rules.hpp"
#include "tpp/spec.hpp"

namespace tpp {

struct Options {
  std::optional<Date> as_of;         ///< default: today
  int tf32_bits = kDefaultTf32Bits;  ///< 32 (default) or 19
};

/// How firm the figures behind the decision are.
enum class Basis : std::uint8_t {
  sourced,      ///< every deciding figure has a vendor or secondary source
  unconfirmed,  ///< a deciding figure is marked UNCONFIRMED in our reference data
  estimate,     ///< a deciding figure is our own estimate
};
std::string_view to_string(Basis basis) noexcept;

struct Report {
  std::shared_ptr<const ChipSpec> spec;
  Options options;
  Date as_of;
  Metrics metrics;
  Classification classification;
  double h100_equivalents = 0.0;  ///< TPP / the bundled H100 SXM's TPP
  Basis basis = Basis::sourced;
  std::vector<std::string> notes;  ///< what a reader must know to trust the result
};

/// Computes and classifies `spec`; e.g. `tpp::evaluate(*tpp::ChipDatabase::bundled().find("h20"))`.
Result<Report> evaluate(std::shared_ptr<const ChipSpec> spec, const Options& options = {});
Result<Report> evaluate(const ChipSpec& spec, const Options& options = {});

}  // namespace tpp
