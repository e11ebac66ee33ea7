#include "tpp/fleet/fleet.hpp"

#include <fmt/format.h>

#include "rules/wording.hpp"
#include "tpp/data/database.hpp"
#include "tpp/rules/rule_package.hpp"
#include "tpp/rules/timeline.hpp"

namespace tpp {

std::string_view to_string(H100Convention convention) noexcept {
  switch (convention) {
    case H100Convention::tpp: return "TPP / 15,832 (the bundled H100 SXM)";
    case H100Convention::epoch_8bit:
      return "peak dense 8-bit operations / 1,979 TOPS (Epoch AI's convention)";
  }
  return "";
}

Result<ChipFacts> chip_facts(const ChipSpec& spec, int tf32_bits) {
  ChipFacts out;
  if (spec.kind == ChipKind::system) {
    for (const Component& component : spec.contains) {
      auto part = chip_facts(*component.spec, tf32_bits);
      if (!part) return tpp::unexpected(part.error());
      const auto tpp = checked_mul(part->tpp, component.count);
      const auto ops = checked_mul(part->dense_8bit_tops, component.count);
      const auto tpp_sum = tpp ? checked_add(out.tpp, *tpp) : std::nullopt;
      const auto ops_sum = ops ? checked_add(out.dense_8bit_tops, *ops) : std::nullopt;
      if (!tpp_sum || !ops_sum) return fail(errc::out_of_range, "contains", spec.id, "overflows");
      out.tpp = *tpp_sum;
      out.dense_8bit_tops = *ops_sum;
      out.has_8bit_figure = out.has_8bit_figure || part->has_8bit_figure;
    }
    return out;
  }
  auto metrics = compute_metrics(spec, MetricOptions{tf32_bits});
  if (!metrics) return tpp::unexpected(metrics.error());
  out.tpp = metrics->tpp;
  for (const UnitTpp& unit : metrics->units) {
    Decimal best;
    for (const PrecisionTpp& row : unit.by_precision) {
      if (row.bit_length == 8 && row.dense_tops > best) best = row.dense_tops;
    }
    if (best.is_zero()) {
      best = Decimal::from_units(unit.tpp.units() / unit.count / 8);  // TPP / 8
    } else {
      out.has_8bit_figure = true;
    }
    const auto total = checked_mul(best, unit.count);
    const auto sum = total ? checked_add(out.dense_8bit_tops, *total) : std::nullopt;
    if (!sum) return fail(errc::out_of_range, "processing_units", spec.id, "overflows");
    out.dense_8bit_tops = *sum;
  }
  return out;
}

namespace {

__extension__ using Int128 = __int128;

// The dense rate of a chip at one precision (per chip, systems summed over their ICs), and the
// precision used; no precision when the chip has no figure at the one asked for.
struct Rate {
  Decimal dense_tops;
  std::optional<Precision> precision;
};

Result<Rate> dense_rate(const ChipSpec& spec, const std::optional<Precision>& asked,
                        int tf32_bits) {
  if (spec.kind == ChipKind::system) {
    Rate out;
    for (const Component& component : spec.contains) {
      auto part = dense_rate(*component.spec, asked, tf32_bits);
      if (!part) return part;
      if (!part->precision) return Rate{};
      const auto scaled = checked_mul(part->dense_tops, component.count);
      const auto sum = scaled ? checked_add(out.dense_tops, *scaled) : std::nullopt;
      if (!sum) return fail(errc::out_of_range, "contains", spec.id, "overflows");
      out.dense_tops = *sum;
      out.precision = part->precision;
    }
    return out;
  }
  auto metrics = compute_metrics(spec, MetricOptions{tf32_bits});
  if (!metrics) return tpp::unexpected(metrics.error());
  const auto has = [&](Precision p) {
    for (const UnitTpp& unit : metrics->units) {
      for (const PrecisionTpp& row : unit.by_precision) {
        if (row.precision == p) return true;
      }
    }
    return false;
  };
  std::optional<Precision> use = asked;
  if (!use) {
    const Precision bf16{Format::bf16, 0};
    const Precision fp16{Format::fp16, 0};
    if (has(bf16)) {
      use = bf16;
    } else if (has(fp16)) {
      use = fp16;
    } else if (!metrics->units.empty() && !metrics->units.front().by_precision.empty()) {
      const UnitTpp& unit = metrics->units.front();
      use = unit.by_precision[unit.governing].precision;
    }
  }
  if (!use || !has(*use)) return Rate{};
  Rate out{{}, use};
  for (const UnitTpp& unit : metrics->units) {
    for (const PrecisionTpp& row : unit.by_precision) {
      if (row.precision != *use) continue;
      const auto scaled = checked_mul(row.dense_tops, unit.count);
      const auto sum = scaled ? checked_add(out.dense_tops, *scaled) : std::nullopt;
      if (!sum) return fail(errc::out_of_range, "processing_units", spec.id, "overflows");
      out.dense_tops = *sum;
    }
  }
  return out;
}

}  // namespace

std::optional<ComputeReport> FleetAccount::compute_report() const {
  if (!compute_) return std::nullopt;
  ComputeReport out;
  out.options = *compute_;
  // Sum of quantity x dense TOPS, in 10^-7 TOPS units.
  Int128 rate_units = 0;
  bool overflow = false;
  for (const auto& [chip, row] : compute_rows_) {
    out.rows.push_back(row);
    if (row.precision.empty()) {
      out.missing.push_back(chip);
      continue;
    }
    Int128 term = 0;
    overflow = overflow ||
               __builtin_mul_overflow(static_cast<Int128>(row.dense_tops.units()),
                                      static_cast<Int128>(row.quantity), &term) ||
               __builtin_add_overflow(rate_units, term, &rate_units);
  }
  // operations = rate_units / 1e7 TOPS x 1e12 ops/s/TOPS x 86,400 s x days_units / 1e7
  //              x utilization_units / 1e7 = rate_units x 86,400 x days_units x utilization_units /
  //              1e9.
  const double seconds = 86400.0 * compute_->days.to_double();
  const double per_second =
      static_cast<double>(rate_units) * 1e5 * compute_->utilization.to_double();
  out.operations = per_second * seconds;
  if (per_second > 0) out.days_to_threshold = 1e26 / (per_second * 86400.0);
  Int128 product = rate_units;
  for (const std::int64_t factor :
       {std::int64_t{86400}, compute_->days.units(), compute_->utilization.units()}) {
    overflow = overflow || __builtin_mul_overflow(product, static_cast<Int128>(factor), &product);
  }
  if (!overflow) {
    constexpr Int128 kScale = 1'000'000'000;
    out.exact_operations = Operations{product / kScale};
    // operations ≥ 10^26  <=>  product ≥ 10^35  <=>  floor(product / 10^9) ≥ 10^26, exact
    // because 10^26 is a whole number.
    out.reaches_threshold = out.exact_operations->count >= Operations::power_of_ten(26).count;
  } else {
    out.reaches_threshold = out.operations >= 1e26;
  }
  return out;
}

FleetAccount::FleetAccount(Options options, H100Convention convention)
    : options_(std::move(options)), convention_(convention) {
  options_.details = false;  // a line needs its classification and licence answer only
  const auto h100 = ChipDatabase::bundled().find("h100-sxm");
  if (h100) {
    if (auto facts = chip_facts(**h100)) h100_ = *facts;
  }
}

double FleetAccount::h100_equivalents(const FleetBucket& bucket) const {
  if (convention_ == H100Convention::tpp) {
    return h100_.tpp.is_zero() ? 0.0 : bucket.tpp.to_double() / h100_.tpp.to_double();
  }
  return h100_.dense_8bit_tops.is_zero()
             ? 0.0
             : bucket.dense_8bit_tops.to_double() / h100_.dense_8bit_tops.to_double();
}

Result<const ChipFacts*> FleetAccount::facts(const std::shared_ptr<const ChipSpec>& chip) {
  if (auto it = facts_.find(chip.get()); it != facts_.end()) return &it->second;
  auto computed = chip_facts(*chip, options_.tf32_bits);
  if (!computed) return tpp::unexpected(computed.error());
  return &facts_.emplace(chip.get(), *computed).first->second;
}

Result<FleetAccount::Classified> FleetAccount::classified(
    const std::shared_ptr<const ChipSpec>& chip, Date date) {
  const Regime* revision = regime_in_force(date);
  const auto key = std::make_pair(chip.get(), revision);
  if (auto it = classified_.find(key); it != classified_.end()) return it->second;
  Options options = options_;
  options.as_of = date;
  options.destination.reset();
  auto report = evaluate(chip, options);
  if (!report) return tpp::unexpected(report.error());
  const Classification& c = report->classification;
  Classified out;
  out.eccn = c.eccn ? std::string(*c.eccn) : std::string();
  out.paragraph = c.paragraph ? std::string(*c.paragraph)
                              : (c.status == Status::indeterminate ? "indeterminate" : "-");
  out.missing = c.missing_inputs;
  out.basis = report->basis;
  classified_.emplace(key, out);
  return out;
}

Result<FleetLineResult> FleetAccount::add(const FleetLine& line) {
  auto chip_facts_ptr = facts(line.chip);
  if (!chip_facts_ptr) return tpp::unexpected(chip_facts_ptr.error());
  const ChipFacts& f = **chip_facts_ptr;
  FleetLineResult out;
  out.line = line.line;
  out.chip = line.chip->id.empty() ? line.chip->name : line.chip->id;
  out.quantity = line.quantity;
  out.ship_date = line.ship_date;
  out.consignee = line.consignee;
  out.end_user = line.end_user;
  if (line.veu != VeuKind::none) out.veu = std::string(to_string(line.veu));
  if (line.end_user_hq != nullptr) out.end_user_hq = line.end_user_hq->code;
  if (line.origin != nullptr) out.origin = line.origin->code;
  out.tpp = times(f.tpp, line.quantity);
  out.as_of = line.ship_date.value_or(options_.as_of.value_or(today()));
  auto c = classified(line.chip, out.as_of);
  if (!c) return tpp::unexpected(c.error());
  out.eccn = c->eccn;
  out.paragraph = c->paragraph;
  out.classification_missing = c->missing;
  out.basis = c->basis;
  if (line.destination != nullptr) {
    out.destination = line.destination->code;
    Options options = options_;
    options.as_of = out.as_of;
    options.destination = line.destination->code;
    if (line.end_user_hq != nullptr) options.headquarters = line.end_user_hq->code;
    if (line.origin != nullptr) options.origin = line.origin->code;
    // evaluate() is the single source of truth for the licence question; it is asked once per
    // chip, rule epoch, destination, headquarters, origin and set of group memberships.
    const CountryDatabase& countries = active_rules().countries();
    LicenceKey key{line.chip.get(),
                   rule_epoch(out.as_of),
                   line.destination,
                   line.end_user_hq,
                   line.origin,
                   countries.memberships(*line.destination, out.as_of),
                   line.end_user_hq != nullptr ? countries.memberships(*line.end_user_hq, out.as_of)
                                               : std::vector<const Membership*>{}};
    auto it = licence_.find(key);
    if (it == licence_.end()) {
      auto report = evaluate(line.chip, options);
      if (!report) return tpp::unexpected(report.error());
      it = licence_.emplace(std::move(key), summarize(*report->destination)).first;
    }
    out.licence_required = it->second.required;
    out.licence = it->second.state;
    out.review_policy = it->second.review_policy;
    out.licence_basis = it->second.basis;
    out.missing_inputs = it->second.missing_inputs;
  }
  if (compute_) {
    auto [row, fresh] = compute_rows_.try_emplace(out.chip);
    if (fresh) {
      auto rate = dense_rate(*line.chip, compute_->precision, options_.tf32_bits);
      if (!rate) return tpp::unexpected(rate.error());
      row->second.chip = out.chip;
      row->second.dense_tops = rate->dense_tops;
      row->second.precision = rate->precision ? to_string(*rate->precision) : std::string();
    }
    row->second.quantity += line.quantity;
  }
  FleetBucket delta;
  delta.quantity = line.quantity;
  delta.tpp = out.tpp;
  delta.dense_8bit_tops = times(f.dense_8bit_tops, line.quantity);
  delta.lines = 1;
  out.h100_equivalents = h100_equivalents(delta);
  const auto add_to = [&delta](FleetBucket& bucket) {
    bucket.quantity += delta.quantity;
    bucket.tpp += delta.tpp;
    bucket.dense_8bit_tops += delta.dense_8bit_tops;
    bucket.lines += 1;
  };
  add_to(by_chip_[out.chip]);
  add_to(by_destination_[line.destination ? line.destination->code : std::string("(none)")]);
  add_to(by_consignee_[line.consignee.empty() ? std::string("(none)") : line.consignee]);
  add_to(total_);
  return out;
}

}  // namespace tpp
