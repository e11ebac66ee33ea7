// What shipping a classified item to a destination needs on the report's date: whether a
// licence is required and on what basis (the published rule that binds that day, and any
// "is-informed" letter to the item's maker), which licence exceptions may apply and with what
// notification, and how BIS reviews applications where the rule states it. An input that
// decides the answer and is unknown (the end user's headquarters, a DRAM bandwidth) leaves the
// answer undetermined, naming the input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/rules/classify.hpp"
#include "tpp/rules/countries.hpp"
#include "tpp/rules/letters.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp {

struct Report;

struct ExceptionOption {
  std::string_view exception;  ///< "NAC"
  std::string_view summary;
  bool notification = false;  ///< a prior notification to BIS is needed
  std::string_view citation;
};

struct ReviewOutcome {
  std::string policy;  ///< "case-by-case", "presumption of denial", or "undetermined: ..."
  std::string_view summary;
  std::string_view citation;
  Truth applies = Truth::yes;                ///< unknown: the policy hinges on a missing input
  std::vector<ConditionOutcome> conditions;  ///< the window's tests, e.g. TPP < 21,000
  std::vector<std::string> scope_tests;      ///< origin and headquarters tests, in words
  std::string otherwise;  ///< when undetermined: the policy that applies if it does not
  std::vector<std::string> missing_inputs;
  std::vector<std::string_view> must_establish;  ///< conditions tpp cannot check
};

/// Where the answer comes from: a published requirement or a letter.
struct LicenceBasis {
  std::string kind;  ///< "rule" or "is-informed letter"
  Truth applies = Truth::yes;
  std::string text;      ///< "3A090.a to every destination (90 FR 4544; §742.6(a)(6)(iii)(A))"
  std::string citation;  ///< the instrument
  std::string grade;     ///< P, C or S for letters; "P" for the rule text
  const Letter* letter = nullptr;
  std::string status;  ///< a letter's status that day: "since 2025-08-08: licences granted ..."
};

struct DestinationAssessment {
  const Country* country = nullptr;
  const Country* origin = nullptr;        ///< where the item is exported from (default US)
  const Country* headquarters = nullptr;  ///< the end user's headquarters; nullptr: not given
  /// False when the item does not leave the United States: no export, no licence question.
  bool is_export = true;
  std::vector<const Membership*> groups;  ///< EAR groups (and tier1) on the date
  std::optional<int> ai_diffusion_tier;   ///< 1, 2 or 3 while the tiers bind
  const Regime* binding = nullptr;        ///< the revision whose licence scope binds that day
  Truth licence_required = Truth::no;
  std::vector<LicenceBasis> basis;          ///< every requirement or letter that bears on it
  std::vector<std::string> requirements;    ///< the rules' requirements that apply, in words
  std::vector<std::string> missing_inputs;  ///< what would settle an undetermined answer
  std::vector<ExceptionOption> exceptions;
  std::optional<ReviewOutcome> review;
  std::vector<std::string> notes;
};

/// The licence answer in a few columns, as the fleet and catalog outputs give it.
struct LicenceSummary {
  Truth required = Truth::no;  ///< no when not an export
  std::string state;           ///< "required", "not-required", "undetermined", "not-an-export"
  std::string basis;           ///< "rule", "letter", "rule+letter", or empty
  std::string review_policy;   ///< "case-by-case", ..., "undetermined: a or b", or empty
  std::vector<std::string> missing_inputs;  ///< what would settle an undetermined answer
};
LicenceSummary summarize(const DestinationAssessment& destination);

/// Assesses `report` (already classified) for `country` on the report's date, from `origin`
/// (nullptr: the US) for an end user headquartered in `headquarters` (nullptr: not given).
DestinationAssessment assess_destination(const Report& report, const Country& country,
                                         const Country* origin = nullptr,
                                         const Country* headquarters = nullptr);
/// ...with the country groups of `countries` (the active rule package's by default).
DestinationAssessment assess_destination(const Report& report, const Country& country,
                                         const Country* origin, const Country* headquarters,
                                         const CountryDatabase& countries);

/// Whether `country` is in `set` on `date`, the way the rule writes its sets: the groups
/// (or worldwide) less `except_groups`, plus the countries the set names, less
/// `except_countries`. "The UAE, or D:1, D:4 and D:5 excluding A:5 and A:6" keeps the UAE
/// when it is in A:5. `unconfirmed` is set when a membership that decides it is unconfirmed.
bool in_set(const DestinationSet& set, const Country& country, Date date,
            const CountryDatabase& countries, bool* unconfirmed = nullptr);

/// True for the United States: shipping there from the US is not an export.
bool is_united_states(const Country& country);

}  // namespace tpp
