#include "tpp/batch/batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <stdexcept>

namespace tpp {
namespace {

__extension__ using i128 = __int128;

// The thresholds of `metric` in the clauses and exclusions for ICs, as predicates sorted so that
// the number a value satisfies grows with the value.
template <class Predicate>
std::vector<Predicate> predicates_of(const Regime& revision, Metric metric) {
  std::vector<Predicate> out;
  for (const Condition& c : ic_conditions(revision)) {
    if (c.metric != metric) continue;
    // lt/le are the negations of ge/gt: the same line.
    const bool strict = c.comparator == Comparator::gt || c.comparator == Comparator::le;
    const Predicate p{c.threshold, strict};
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Predicate& q) {
      return q.threshold == p.threshold && q.strict == p.strict;
    });
    if (!seen) out.push_back(p);
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

void BatchColumns::resize(std::size_t rows) {
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
  for (std::string_view p : c.paragraphs)
    outcome.paragraphs.emplace_back(p);
  for (std::string_view p : c.possible_paragraphs)
    outcome.possible_paragraphs.emplace_back(p);
  outcome.missing_inputs = c.missing_inputs;
  for (std::string_view e : c.licence_exceptions)
    outcome.licence_exceptions.emplace_back(e);
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
  // The table depends on the revision only: build it once per revision and copy it after.
  static std::mutex mutex;
  static std::map<const Regime*, BatchClassifier> built;
  {
    std::lock_guard lock(mutex);
    if (auto it = built.find(revision_); it != built.end()) {
      *this = it->second;
      return;
    }
  }
  build();
  std::lock_guard lock(mutex);
  built.emplace(revision_, *this);
}

void BatchClassifier::build() {
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
  spec.processing_units.push_back(
      {"", 1, {{{Format::custom, 1}, Decimal::from_integer(1), false, {}}}});
  for (int t = 0; t < tpp_states; ++t) {
    for (int d = 0; d < density_states_; ++d) {
      for (int o = 0; o < io_states_; ++o) {
        for (int dc = 0; dc < 2; ++dc) {
          Metrics metrics;
          metrics.tpp =
              tpp_.empty() ? Decimal{} : representative(tpp_, static_cast<std::size_t>(t));
          if (d < static_cast<int>(density_.size()) + 1) {
            metrics.density.state = DensityState::known;
            metrics.density.value = DecimalRatio{
                density_.empty() ? Decimal{}
                                 : representative(density_, static_cast<std::size_t>(d)),
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
            spec.io_bidirectional_gbps =
                Figure{representative(io_, static_cast<std::size_t>(o)), {}};
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

namespace {

// Up to this many thresholds per metric (the rules have at most three).
constexpr int kMaxLines = 4;

struct KernelLines {
  // Integer metrics: value >= line (a strict line is the next unit). Unused: INT64_MAX.
  std::int64_t tpp[kMaxLines];
  std::int64_t io[kMaxLines];
  // Density lines in 10^-7 units, and whether each is strict.
  std::int64_t density[kMaxLines];
  std::int32_t density_strict[kMaxLines];
  std::int32_t density_states, io_states, density_known, io_unknown;
};

// GCC builds an AVX2 clone and a baseline one and picks at load time; clang cannot clone
// templates, and its builds (fuzzing) take the baseline.
#if defined(__clang__)
#define TPP_KERNEL_CLONES
#else
#define TPP_KERNEL_CLONES __attribute__((target_clones("avx2", "default")))
#endif

// Rows whose products fit in 64 bits compare exactly in integers: tpp x 10^7 against line x area.
// (TPP below about 922,000 and areas below about 15,000 mm2 for the 5.92 line; larger rows take
// the 128-bit path.)
constexpr std::int64_t kTppFits = INT64_MAX / Decimal::kScale;

// One fused pass: the outcome of each row, with rows too large for 64-bit products flagged for
// the exact 128-bit path. Branch-free 64-bit integer arithmetic, so that the compiler vectorises
// it (an AVX2 clone is picked at load time where the CPU has it); a template on the number of
// density lines unrolls the inner loop.
template <int kDensityLines>
TPP_KERNEL_CLONES void kernel_pass(const std::int64_t* __restrict tpp_units,
                                   const std::int64_t* __restrict area_units,
                                   const std::int64_t* __restrict io_units,
                                   const std::uint8_t* __restrict datacenter, std::size_t n,
                                   const KernelLines& lines_in, std::int64_t area_fits,
                                   const std::int32_t* __restrict table,
                                   std::uint16_t* __restrict outcome,
                                   std::uint8_t* __restrict wide) {
  const KernelLines lines = lines_in;  // locals: no reloads through a possible alias
  const std::int64_t density_states = lines.density_states;
  const std::int64_t io_states = lines.io_states;
  const std::int64_t unknown_bucket = lines.density_known + 1;
  const std::int64_t na_bucket = lines.density_known + 2;
  const std::int64_t io_unknown = lines.io_unknown;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t tpp = tpp_units[i];
    const std::int64_t area = area_units[i];
    const std::int64_t io = io_units[i];
    std::int64_t tb = 0;
    std::int64_t ib = 0;
    for (int k = 0; k < kMaxLines; ++k) {
      tb += static_cast<std::int64_t>(tpp >= lines.tpp[k]);
      ib += static_cast<std::int64_t>(io >= lines.io[k]);
    }
    const std::int64_t fits =
        static_cast<std::int64_t>(tpp <= kTppFits) & static_cast<std::int64_t>(area <= area_fits);
    // Zeroed before multiplying: a row that does not fit must not overflow on the way.
    const std::int64_t scaled = (tpp * fits) * Decimal::kScale;
    const std::int64_t safe_area = area * fits;
    std::int64_t db = 0;
    for (int k = 0; k < kDensityLines; ++k) {
      const std::int64_t line = lines.density[k] * safe_area;
      db += static_cast<std::int64_t>(scaled > line) |
            (static_cast<std::int64_t>(scaled == line) &
             static_cast<std::int64_t>(lines.density_strict[k] == 0));
    }
    const std::int64_t known = static_cast<std::int64_t>(area > 0);
    const std::int64_t unknown = static_cast<std::int64_t>(area == kUnknown);
    db = known * db + unknown * unknown_bucket + (1 - known - unknown) * na_bucket;
    const std::int64_t io_missing = static_cast<std::int64_t>(io == kUnknown);
    ib = (1 - io_missing) * ib + io_missing * io_unknown;
    const auto at = static_cast<std::int32_t>(((tb * density_states + db) * io_states + ib) * 2 +
                                              datacenter[i]);
    outcome[i] = static_cast<std::uint16_t>(table[at]);
    wide[i] = static_cast<std::uint8_t>((1 - fits) & known);
  }
}

using KernelPass = void (*)(const std::int64_t*, const std::int64_t*, const std::int64_t*,
                            const std::uint8_t*, std::size_t, const KernelLines&, std::int64_t,
                            const std::int32_t*, std::uint16_t*, std::uint8_t*);
constexpr KernelPass kPasses[] = {kernel_pass<0>, kernel_pass<1>, kernel_pass<2>, kernel_pass<3>,
                                  kernel_pass<4>};

}  // namespace

Result<std::size_t> BatchClassifier::classify(const BatchColumnsView& columns,
                                              std::span<std::uint16_t> outcome) const {
  const auto n = static_cast<std::size_t>(columns.rows());
  if (outcome.size() != n || columns.area_units.size() != n || columns.io_units.size() != n ||
      columns.datacenter.size() != n) {
    return fail(errc::invalid_argument, "columns", std::to_string(n),
                "the columns and the outcome must have the same number of rows");
  }
  // Range checks first: the kernel's table lookup is only defined for these values.
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = i;
    const std::int64_t t = columns.tpp_units[row];
    const std::int64_t a = columns.area_units[row];
    const std::int64_t o = columns.io_units[row];
    const char* bad = nullptr;
    if (t < 0 || t > kMaxBatchUnits) {
      bad = "tpp_units";
    } else if ((a <= 0 && a != kUnknown && a != kNotApplicable) || a > kMaxBatchUnits) {
      bad = "area_units";
    } else if ((o < 0 && o != kUnknown) || o > kMaxBatchUnits) {
      bad = "io_units";
    } else if (columns.datacenter[row] > 1) {
      bad = "datacenter";
    }
    if (bad != nullptr) {
      return fail(errc::out_of_range, fmt::format("row {}: {}", i, bad), "",
                  "outside the values a column may hold (0..2^63-2, or a sentinel)");
    }
  }
  std::size_t rechecks = 0;
  if (revision_ == nullptr) {
    std::fill(outcome.begin(), outcome.end(), std::uint16_t{0});
    return rechecks;
  }
  KernelLines lines{};
  for (int k = 0; k < kMaxLines; ++k) {
    lines.tpp[k] = lines.io[k] = INT64_MAX;
    lines.density[k] = 0;
    lines.density_strict[k] = 0;
  }
  const auto integer_line = [](const Predicate& p) {
    return p.threshold.units() + (p.strict ? 1 : 0);
  };
  for (std::size_t k = 0; k < tpp_.size(); ++k)
    lines.tpp[k] = integer_line(tpp_[k]);
  for (std::size_t k = 0; k < io_.size(); ++k)
    lines.io[k] = integer_line(io_[k]);
  for (std::size_t k = 0; k < density_.size(); ++k) {
    lines.density[k] = density_[k].threshold.units();
    lines.density_strict[k] = density_[k].strict ? 1 : 0;
  }
  lines.density_states = density_states_;
  lines.io_states = io_states_;
  lines.density_known = static_cast<std::int32_t>(density_.size());
  lines.io_unknown = static_cast<std::int32_t>(io_.size()) + 1;
  std::int64_t largest_density = 1;
  for (const Predicate& p : density_)
    largest_density = std::max(largest_density, p.threshold.units());
  const std::int64_t area_fits = INT64_MAX / largest_density;
  const KernelPass pass = kPasses[density_.size()];

  // In blocks, so that the flags stay in cache for the scan after each pass.
  constexpr std::size_t kBlock = 4096;
  std::uint8_t wide[kBlock];
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t m = std::min(kBlock, n - start);
    const std::int64_t* tpp_units = columns.tpp_units.data() + start;
    const std::int64_t* area_units = columns.area_units.data() + start;
    const std::int64_t* io_units = columns.io_units.data() + start;
    pass(tpp_units, area_units, io_units, columns.datacenter.data() + start, m, lines, area_fits,
         table_.data(), outcome.data() + start, wide);
    // Rows too large for 64-bit products (rare): tpp * S vs t * area in 128 bits.
    for (const std::uint8_t* at = wide;
         (at = static_cast<const std::uint8_t*>(
              std::memchr(at, 1, static_cast<std::size_t>(wide + m - at)))) != nullptr;
         ++at) {
      const auto i = static_cast<std::size_t>(at - wide);
      std::int32_t bucket = 0;
      for (const Predicate& p : density_) {
        const i128 lhs = static_cast<i128>(tpp_units[i]) * Decimal::kScale;
        const i128 rhs = static_cast<i128>(p.threshold.units()) * area_units[i];
        bucket += p.strict ? lhs > rhs : lhs >= rhs;
      }
      std::int32_t tb = 0;
      std::int32_t ib = 0;
      for (int k = 0; k < kMaxLines; ++k) {
        tb += tpp_units[i] >= lines.tpp[k];
        ib += io_units[i] >= lines.io[k];
      }
      if (io_units[i] == kUnknown) ib = lines.io_unknown;
      const std::int32_t index =
          ((tb * density_states_ + bucket) * io_states_ + ib) * 2 + columns.datacenter[start + i];
      outcome[start + i] = static_cast<std::uint16_t>(table_[static_cast<std::size_t>(index)]);
      ++rechecks;
    }
  }
  return rechecks;
}

}  // namespace tpp
