#include "tpp/batch.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tpp {
namespace {

__extension__ using i128 = __int128;

// The thresholds of `metric` in the clauses and exclusions for ICs, as predicates sorted so that
// the number a value satisfies grows with the value.
template <class Predicate>
std::vector<Predicate> predicates_of(const Regime& revision, Metric metric) {
  std::vector<Predicate> out;
  const auto add = [&](const Condition& c) {
    if (c.metric != metric) return;
    // lt/le are the negations of ge/gt: the same line.
    const bool strict = c.comparator == Comparator::gt || c.comparator == Comparator::le;
    const Predicate p{c.threshold, strict};
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Predicate& q) {
      return q.threshold == p.threshold && q.strict == p.strict;
    });
    if (!seen) out.push_back(p);
  };
  for (const Clause& clause : revision.clauses) {
    if (clause.applies_to != ChipKind::accelerator) continue;
    for (const Condition& c : clause.conditions) add(c);
  }
  for (const Exclusion& exclusion : revision.exclusions) {
    for (const Condition& c : exclusion.conditions) add(c);
  }
  std::sort(out.begin(), out.end(), [](const Predicate& a, const Predicate& b) {
    return a.threshold != b.threshold ? a.threshold < b.threshold : (!a.strict && b.strict);
  });
  return out;
}

// A value that satisfies exactly the first `bucket` predicates.
template <class Predicate>
Decimal representative(const std::vector<Predicate>& predicates, std::size_t bucket) {
  if (bucket == 0) return Decimal::from_units(predicates.front().threshold.units() - 1);
  const Predicate& p = predicates[bucket - 1];
  const Decimal value = p.strict ? Decimal::from_units(p.threshold.units() + 1) : p.threshold;
  if (bucket < predicates.size()) {
    const Predicate& next = predicates[bucket];
    const bool passes_next = next.strict ? value > next.threshold : value >= next.threshold;
    if (passes_next) throw std::logic_error("batch table: thresholds closer than 10^-7");
  }
  return value;
}

bool same(const BatchOutcome& a, const BatchOutcome& b) {
  return a.status == b.status && a.eccn == b.eccn && a.paragraphs == b.paragraphs &&
         a.possible_paragraphs == b.possible_paragraphs && a.missing_inputs == b.missing_inputs &&
         a.licence_exceptions == b.licence_exceptions;
}

}  // namespace

void BatchColumns::resize(Eigen::Index rows) {
  tpp_units.resize(rows);
  area_units.resize(rows);
  io_units.resize(rows);
  datacenter.resize(rows);
}

std::uint16_t BatchClassifier::outcome_of(const Metrics& metrics, const ChipSpec& spec) {
  const Classification c = ::tpp::classify(spec, metrics, revision_->effective);
  BatchOutcome outcome;
  outcome.status = c.status;
  if (c.eccn) outcome.eccn = std::string(*c.eccn);
  if (c.paragraph) outcome.paragraph = std::string(*c.paragraph);
  for (std::string_view p : c.paragraphs) outcome.paragraphs.emplace_back(p);
  for (std::string_view p : c.possible_paragraphs) outcome.possible_paragraphs.emplace_back(p);
  outcome.missing_inputs = c.missing_inputs;
  for (std::string_view e : c.licence_exceptions) outcome.licence_exceptions.emplace_back(e);
  for (std::size_t i = 0; i < outcomes_.size(); ++i) {
    if (same(outcomes_[i], outcome)) return static_cast<std::uint16_t>(i);
  }
  outcomes_.push_back(std::move(outcome));
  return static_cast<std::uint16_t>(outcomes_.size() - 1);
}

BatchClassifier::BatchClassifier(Date as_of) {
  revision_ = regime_in_force(as_of);
  if (revision_ == nullptr) {
    outcomes_.push_back(BatchOutcome{});
    return;
  }
  paragraphs_effective_ = ::tpp::paragraphs_effective(*revision_, ChipKind::accelerator);
  tpp_ = predicates_of<Predicate>(*revision_, Metric::tpp);
  density_ = predicates_of<Predicate>(*revision_, Metric::performance_density);
  io_ = predicates_of<Predicate>(*revision_, Metric::io_bidirectional_gbps);
  density_states_ = static_cast<int>(density_.size()) + 3;  // buckets, unknown, not applicable
  io_states_ = static_cast<int>(io_.size()) + 2;            // buckets, unknown
  const int tpp_states = static_cast<int>(tpp_.size()) + 1;
  table_.resize(static_cast<std::size_t>(tpp_states * density_states_ * io_states_ * 2));

  // Fill the table by classifying one representative chip per combination with the real
  // classifier, so the batch path cannot disagree with it.
  ChipSpec spec;
  spec.processing_units.push_back({"", 1, {{{Format::custom, 1}, Decimal::from_integer(1)}}});
  for (int t = 0; t < tpp_states; ++t) {
    for (int d = 0; d < density_states_; ++d) {
      for (int o = 0; o < io_states_; ++o) {
        for (int dc = 0; dc < 2; ++dc) {
          Metrics metrics;
          metrics.tpp = tpp_.empty() ? Decimal{} : representative(tpp_, static_cast<std::size_t>(t));
          if (d < static_cast<int>(density_.size()) + 1) {
            metrics.density.state = DensityState::known;
            metrics.density.value =
                DecimalRatio{density_.empty() ? Decimal{} : representative(density_, static_cast<std::size_t>(d)),
                             Decimal::from_integer(1)};
          } else {
            metrics.density.state =
                d == density_states_ - 2 ? DensityState::unknown : DensityState::not_applicable;
            metrics.density.reason = d == density_states_ - 2
                                         ? "the applicable die area is unknown"
                                         : "no logic die is made on a non-planar process node";
          }
          spec.io_bidirectional_gbps.reset();
          if (o < static_cast<int>(io_.size()) + 1 && !io_.empty()) {
            spec.io_bidirectional_gbps = Figure{representative(io_, static_cast<std::size_t>(o)), {}};
          } else if (io_.empty()) {
            spec.io_bidirectional_gbps = Figure{Decimal{}, {}};
          }
          spec.datacenter.value = dc == 1;
          const std::size_t index =
              static_cast<std::size_t>(((t * density_states_ + d) * io_states_ + o) * 2 + dc);
          table_[index] = outcome_of(metrics, spec);
        }
      }
    }
  }
}

void BatchClassifier::classify(const BatchColumns& columns, std::span<std::uint16_t> outcome) const {
  rechecks_ = 0;
  if (revision_ == nullptr) {
    std::fill(outcome.begin(), outcome.end(), std::uint16_t{0});
    return;
  }
  // Blocks small enough that every pass over a block stays in the L1/L2 cache.
  constexpr Eigen::Index kBlock = 2048;
  const Eigen::Index n = columns.rows();
  using Int = Eigen::Array<std::int32_t, Eigen::Dynamic, 1>;
  Int tpp_bucket(kBlock);
  Int io_bucket(kBlock);
  Int density_bucket(kBlock);
  Eigen::ArrayXd tpp(kBlock);
  Eigen::ArrayXd area(kBlock);
  Eigen::ArrayXd difference(kBlock);
  Eigen::Array<bool, Eigen::Dynamic, 1> near(kBlock);
  const auto density_known = static_cast<std::int32_t>(density_.size());
  const auto io_unknown = static_cast<std::int32_t>(io_.size()) + 1;

  for (Eigen::Index start = 0; start < n; start += kBlock) {
    const Eigen::Index m = std::min(kBlock, n - start);
    const auto tpp_units = columns.tpp_units.segment(start, m);
    const auto area_units = columns.area_units.segment(start, m);
    const auto io_units = columns.io_units.segment(start, m);
    auto tb = tpp_bucket.head(m);
    auto ib = io_bucket.head(m);
    auto db = density_bucket.head(m);
    auto nr = near.head(m);
    auto diff = difference.head(m);

    // TPP and I/O: exact integer comparisons.
    tb.setZero();
    for (const Predicate& p : tpp_) {
      if (p.strict) {
        tb += (tpp_units > p.threshold.units()).cast<std::int32_t>();
      } else {
        tb += (tpp_units >= p.threshold.units()).cast<std::int32_t>();
      }
    }
    ib.setZero();
    for (const Predicate& p : io_) {
      if (p.strict) {
        ib += (io_units > p.threshold.units()).cast<std::int32_t>();
      } else {
        ib += (io_units >= p.threshold.units()).cast<std::int32_t>();
      }
    }
    ib = (io_units == kUnknown).select(io_unknown, ib);

    // Density: the sign of tpp - t * area in doubles; near a line, marked for the exact check.
    tpp.head(m) = tpp_units.cast<double>();
    area.head(m) = area_units.cast<double>();
    db.setZero();
    nr.setConstant(false);
    for (const Predicate& p : density_) {
      const double t = p.threshold.to_double();
      diff = tpp.head(m) - t * area.head(m);
      if (p.strict) {
        db += (diff > 0.0).cast<std::int32_t>();
      } else {
        db += (diff >= 0.0).cast<std::int32_t>();
      }
      nr = nr || (diff.abs() <= 1e-9 * tpp.head(m).max(1.0));
    }
    db = (area_units == kUnknown)
             .select(density_known + 1, (area_units == kNotApplicable).select(density_known + 2, db));
    const auto dc = columns.datacenter.segment(start, m).cast<std::int32_t>();
    tb = ((tb * density_states_ + db) * io_states_ + ib) * 2 + dc;  // the table index

    for (Eigen::Index i = 0; i < m; ++i) {
      std::int32_t at = tb[i];
      if (nr[i] && area_units[i] > 0) {
        // Exact: tpp / area vs t  <=>  tpp * S vs t * area, in 128 bits.
        std::int32_t bucket = 0;
        for (const Predicate& p : density_) {
          const i128 lhs = static_cast<i128>(tpp_units[i]) * Decimal::kScale;
          const i128 rhs = static_cast<i128>(p.threshold.units()) * area_units[i];
          bucket += p.strict ? lhs > rhs : lhs >= rhs;
        }
        at += (bucket - db[i]) * io_states_ * 2;
        ++rechecks_;
      }
      outcome[static_cast<std::size_t>(start + i)] = table_[static_cast<std::size_t>(at)];
    }
  }
}

}  // namespace tpp
