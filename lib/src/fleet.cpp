#include "tpp/fleet.hpp"

#include <fmt/format.h>

#include "tpp/database.hpp"

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
  out.tpp = times(f.tpp, line.quantity);
  out.as_of = line.ship_date.value_or(options_.as_of.value_or(today()));
  auto c = classified(line.chip, out.as_of);
  if (!c) return tpp::unexpected(c.error());
  out.eccn = c->eccn;
  out.paragraph = c->paragraph;
  if (line.destination != nullptr) {
    out.destination = line.destination->code;
    Options options = options_;
    options.as_of = out.as_of;
    options.destination = line.destination->code;
    // evaluate() is the single source of truth for the licence question; it is asked once per
    // chip, revision, country and set of group memberships.
    const auto key =
        std::make_tuple(line.chip.get(), regime_in_force(out.as_of), line.destination,
                        CountryDatabase::bundled().memberships(*line.destination, out.as_of));
    auto it = licence_.find(key);
    if (it == licence_.end()) {
      auto report = evaluate(line.chip, options);
      if (!report) return tpp::unexpected(report.error());
      it = licence_.emplace(key, report->destination->licence_required).first;
    }
    out.licence_required = it->second;
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
