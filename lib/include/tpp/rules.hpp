// The rules as data: a dated table of revisions, each a list of clauses (paragraphs whose
// conditions must all hold), exclusion notes and licence-exception eligibility. The classifier
// reads whichever revision is in force on a date; a new revision is a new table entry.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "tpp/decimal.hpp"
#include "tpp/error.hpp"

namespace tpp {

using Date = std::chrono::year_month_day;

/// "2023-11-17"; errc::invalid_argument names `field` when the text is not a real date.
Result<Date> parse_date(std::string_view text, std::string_view field = "date");
std::string to_string(Date date);
/// Today's date in UTC.
Date today();

/// What a condition measures.
enum class Metric : std::uint8_t {
  tpp,                    ///< Total Processing Performance
  performance_density,    ///< TPP per mm2 of applicable die area
  io_bidirectional_gbps,  ///< aggregate bidirectional chip-to-chip I/O, GB/s
  datacenter,             ///< 1 if designed or marketed for datacenters, else 0
};
std::string_view to_string(Metric metric) noexcept;

enum class Comparator : std::uint8_t { ge, gt, lt, le, eq };
std::string_view to_string(Comparator comparator) noexcept;  ///< "≥", ">", "<", "≤", "="

/// metric <comparator> threshold, e.g. TPP ≥ 4800.
struct Condition {
  Metric metric;
  Comparator comparator;
  Decimal threshold;
};

/// Whether a condition holds for a given value (exact).
constexpr bool holds(std::strong_ordering value_vs_threshold, Comparator comparator) {
  switch (comparator) {
    case Comparator::ge:
      return value_vs_threshold >= 0;
    case Comparator::gt:
      return value_vs_threshold > 0;
    case Comparator::lt:
      return value_vs_threshold < 0;
    case Comparator::le:
      return value_vs_threshold <= 0;
    case Comparator::eq:
      return value_vs_threshold == 0;
  }
  return false;
}

/// A paragraph that matches when all its conditions hold.
struct Clause {
  std::string_view paragraph;  ///< "3A090.a.1"
  std::string_view eccn;       ///< "3A090.a"
  std::string_view summary;    ///< "TPP ≥ 4800"
  std::span<const Condition> conditions;
};

/// A note that takes items out of some ECCNs when all its conditions hold.
struct Exclusion {
  std::string_view name;     ///< "Datacenter note (Note 2 to 3A090)"
  std::string_view summary;  ///< what it says
  std::span<const Condition> conditions;
  std::span<const std::string_view> excluded_eccns;
};

/// A licence exception open to items of an ECCN when all its conditions hold.
struct ExceptionRule {
  std::string_view exception;  ///< "NAC"
  std::string_view eccn;       ///< "3A090.a"
  std::string_view summary;
  std::span<const Condition> conditions;
};

/// One revision of the rules, in force from `effective` until the next one.
struct Regime {
  Date effective;
  std::string_view title;
  std::string_view citation;  ///< Federal Register citation
  std::string_view source;    ///< where in our reference material
  std::span<const Clause> clauses;
  std::span<const Exclusion> exclusions;
  std::span<const ExceptionRule> exceptions;
};

/// Every revision, oldest first.
std::span<const Regime> regimes() noexcept;

/// The revision in force on `as_of`, or nullptr before the first (no 3A090 existed).
const Regime* regime_in_force(Date as_of) noexcept;

}  // namespace tpp
