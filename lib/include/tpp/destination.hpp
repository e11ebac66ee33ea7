// What shipping a classified item to a destination needs on the report's date: whether a
// licence is required, which licence exceptions may apply and with what notification, and how
// BIS reviews applications where the rule states it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/classify.hpp"
#include "tpp/countries.hpp"
#include "tpp/rules.hpp"

namespace tpp {

struct Report;

struct ExceptionOption {
  std::string_view exception;  ///< "NAC"
  std::string_view summary;
  bool notification = false;  ///< a prior notification to BIS is needed
  std::string_view citation;
};

struct ReviewOutcome {
  std::string_view policy;  ///< "case-by-case", "presumption of denial", ...
  std::string_view summary;
  std::string_view citation;
  std::vector<ConditionOutcome> conditions;  ///< the window's tests, e.g. TPP < 21,000
};

struct DestinationAssessment {
  const Country* country = nullptr;
  std::vector<const Membership*> groups;  ///< EAR groups (and tier1) on the date
  std::optional<int> ai_diffusion_tier;   ///< 1, 2 or 3 while the tiers are enforced
  Truth licence_required = Truth::no;
  std::vector<std::string> requirements;  ///< "3A090.a to D:1, D:4 and D:5 ... (citation)"
  std::vector<ExceptionOption> exceptions;
  std::optional<ReviewOutcome> review;
  std::vector<std::string> notes;
};

/// Assesses `report` (already classified) for `country` on the report's date.
DestinationAssessment assess_destination(
    const Report& report, const Country& country,
    const CountryDatabase& countries = CountryDatabase::bundled());

/// Whether `country` is in `set` on `date`; `unconfirmed` is set when a membership that decides
/// it is marked unconfirmed.
bool in_set(const DestinationSet& set, const Country& country, Date date,
            const CountryDatabase& countries, bool* unconfirmed = nullptr);

}  // namespace tpp
