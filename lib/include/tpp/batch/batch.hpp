// The batch kernel: classification over columns (structure of arrays) for catalogs of millions
// of chips, giving element for element what `classify` gives.
//
// Under one rule revision the classification of an IC depends only on which side of each
// threshold its TPP, density, I/O and datacenter flag fall. The kernel counts, per metric, the
// thresholds each value passes (a "bucket"), and looks the combination up in a table that was
// filled by running `classify` itself on one representative chip per combination. Every
// comparison is exact integer arithmetic: density t <= tpp / area as t x area <= tpp x 10^7, in
// 64 bits where the products fit (any realistic chip) and in 128 bits otherwise. So every side
// of every line is the one `classify` gives.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "tpp/rules/classify.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp {

/// Column sentinels for a value that is unknown or does not apply.
inline constexpr std::int64_t kUnknown = -1;
inline constexpr std::int64_t kNotApplicable = -2;
/// The largest value a column may hold (in 10^-7 units); larger ones are refused.
inline constexpr std::int64_t kMaxBatchUnits = INT64_MAX - 1;

/// One row per IC. Units are 10^-7 (Decimal::units()). Plain vectors: the layout does not
/// depend on compile flags, so a program built with other flags (-march=native) shares it.
struct BatchColumns {
  std::vector<std::int64_t> tpp_units;
  std::vector<std::int64_t> area_units;  ///< applicable die area, or a sentinel
  std::vector<std::int64_t> io_units;    ///< bidirectional I/O GB/s, or kUnknown
  std::vector<std::uint8_t> datacenter;  ///< 1 or 0

  void resize(std::size_t rows);
  std::size_t rows() const { return tpp_units.size(); }
};

/// Columns to classify, borrowed: a BatchColumns (or its first rows), or a caller's own arrays
/// (numpy buffers, a C array) without a copy.
struct BatchColumnsView {
  std::span<const std::int64_t> tpp_units;
  std::span<const std::int64_t> area_units;
  std::span<const std::int64_t> io_units;
  std::span<const std::uint8_t> datacenter;

  BatchColumnsView() = default;
  BatchColumnsView(const BatchColumns& columns)  // NOLINT(google-explicit-constructor)
      : tpp_units(columns.tpp_units),
        area_units(columns.area_units),
        io_units(columns.io_units),
        datacenter(columns.datacenter) {}
  /// The first `rows` rows.
  BatchColumnsView first(std::size_t rows) const {
    BatchColumnsView out;
    out.tpp_units = tpp_units.first(rows);
    out.area_units = area_units.first(rows);
    out.io_units = io_units.first(rows);
    out.datacenter = datacenter.first(rows);
    return out;
  }
  std::size_t rows() const { return tpp_units.size(); }
};

/// A distinct classification result; the kernel returns an index into a table of these.
struct BatchOutcome {
  Status status = Status::not_controlled;
  std::string eccn;       ///< "" when none
  std::string paragraph;  ///< "" when none
  std::vector<std::string> paragraphs;
  std::vector<std::string> possible_paragraphs;
  std::vector<std::string> missing_inputs;
  std::vector<std::string> licence_exceptions;
};

/// Classifies accelerator ICs in bulk under the revision in force on a date.
class BatchClassifier {
 public:
  explicit BatchClassifier(Date as_of);

  /// outcome[i] = the outcome index of row i; returns how many rows needed the exact 128-bit
  /// path. Every value is checked first: a negative value other than a sentinel, a value above
  /// kMaxBatchUnits, a datacenter flag other than 0 or 1, or `outcome` of another size is an
  /// error naming the row and the column (and nothing is classified). Safe to call from many
  /// threads at once.
  Result<std::size_t> classify(const BatchColumnsView& columns,
                               std::span<std::uint16_t> outcome) const;

  const BatchOutcome& outcome(std::uint16_t index) const { return outcomes_[index]; }
  std::size_t outcome_count() const { return outcomes_.size(); }
  const Regime* revision() const { return revision_; }
  std::optional<Date> paragraphs_effective() const { return paragraphs_effective_; }

 private:
  struct Predicate {
    Decimal threshold;
    bool strict;  ///< value > threshold (else >=)
  };
  std::uint16_t outcome_of(const Metrics& metrics, const ChipSpec& spec);
  void build();  // fills the table for revision_

  const Regime* revision_ = nullptr;
  std::optional<Date> paragraphs_effective_;
  std::vector<Predicate> tpp_;
  std::vector<Predicate> density_;
  std::vector<Predicate> io_;
  // Strides of the combined index: tpp bucket, density (buckets + unknown + n/a), io (+ unknown),
  // datacenter (0/1).
  int density_states_ = 0;
  int io_states_ = 0;
  std::vector<std::int32_t> table_;  // outcome index per bucket combination
  std::vector<BatchOutcome> outcomes_;
};

}  // namespace tpp
