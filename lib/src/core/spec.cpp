#include "tpp/core/spec.hpp"

#include <fmt/format.h>

namespace tpp {
namespace {

// Field names are passed as callables: they are formatted only when a check fails, which keeps
// validation of good specs (the common case, and on the batch path) free of allocations.
template <class FieldName>
Result<void> check_positive(Decimal value, Decimal max, FieldName field, std::string_view unit) {
  if (value.units() <= 0) {
    return fail(errc::out_of_range, field(), to_string(value), "must be greater than 0");
  }
  if (value > max) {
    return fail(errc::out_of_range, field(), to_string(value),
                fmt::format("absurd magnitude: above {} {}", format_decimal(max, 0, true), unit));
  }
  return {};
}

template <class FieldName>
Result<void> check_non_negative(Decimal value, Decimal max, FieldName field,
                                std::string_view unit) {
  if (value.is_negative()) {
    return fail(errc::out_of_range, field(), to_string(value), "must not be negative");
  }
  if (value > max) {
    return fail(errc::out_of_range, field(), to_string(value),
                fmt::format("absurd magnitude: above {} {}", format_decimal(max, 0, true), unit));
  }
  return {};
}

// A range must be ordered and its most-controlled end must be the figure's value.
template <class FieldName>
Result<void> check_range(const std::optional<DecimalRange>& range, Decimal value, bool high_end,
                         FieldName field) {
  if (!range) return {};
  if (range->low > range->high) {
    return fail(errc::out_of_range, field(),
                fmt::format("{}..{}", to_string(range->low), to_string(range->high)),
                "the range's low end is above its high end");
  }
  if (value != (high_end ? range->high : range->low)) {
    return fail(errc::invalid_argument, field(), to_string(value),
                "a ranged figure's value must be its most controlled end");
  }
  return {};
}

template <class FieldName>
Result<void> check_count(int count, FieldName field) {
  if (count < 1 || count > kMaxCount) {
    return fail(errc::out_of_range, field(), std::to_string(count),
                fmt::format("must be 1..{}", kMaxCount));
  }
  return {};
}

template <class FieldName>
Result<void> check_source(const ChipSpec& spec, const Provenance& provenance, FieldName field) {
  if (!provenance.source_key.empty() && spec.find_source(provenance.source_key) == nullptr) {
    return fail(errc::missing_field, field() + ".source", provenance.source_key,
                "no such key in `sources`");
  }
  return {};
}

auto named(const char* name) {
  return [name] { return std::string(name); };
}

}  // namespace

std::string_view to_string(Confidence confidence) noexcept {
  switch (confidence) {
    case Confidence::vendor: return "vendor";
    case Confidence::secondary: return "secondary";
    case Confidence::estimate: return "estimate";
  }
  return "estimate";
}

std::string_view to_string(ChipKind kind) noexcept {
  switch (kind) {
    case ChipKind::accelerator: return "accelerator";
    case ChipKind::memory: return "memory";
    case ChipKind::system: return "system";
  }
  return "accelerator";
}

const Source* ChipSpec::find_source(std::string_view key) const {
  for (const Source& source : sources) {
    if (source.key == key) return &source;
  }
  return nullptr;
}

std::string ChipSpec::display_name() const {
  if (name.empty()) return id.empty() ? std::string("ad-hoc spec") : id;
  if (id.empty() || id == name) return name;
  return name + " (" + id + ")";
}

Result<void> validate(const ChipSpec& spec) {
  if (auto ok = check_source(spec, spec.datacenter.provenance, named("datacenter")); !ok) return ok;

  bool any_throughput = false;
  for (std::size_t u = 0; u < spec.processing_units.size(); ++u) {
    const ProcessingUnit& unit = spec.processing_units[u];
    const auto unit_field = [u] { return fmt::format("processing_units[{}]", u); };
    if (auto ok = check_count(unit.count, [&] { return unit_field() + ".count"; }); !ok) return ok;
    for (std::size_t t = 0; t < unit.throughput.size(); ++t) {
      const Throughput& figure = unit.throughput[t];
      const auto field = [&] { return fmt::format("{}.throughput[{}]", unit_field(), t); };
      const auto tops_field = [&] { return field() + ".tops"; };
      if (auto ok = check_range(figure.tops_range, figure.tops, true, tops_field); !ok) return ok;
      if (auto ok = check_positive(figure.tops_range ? figure.tops_range->low : figure.tops,
                                   kMaxTops, tops_field, "TOPS");
          !ok) {
        return ok;
      }
      if (auto ok = check_source(spec, figure.provenance, field); !ok) return ok;
      for (std::size_t earlier = 0; earlier < t; ++earlier) {
        if (unit.throughput[earlier].precision == figure.precision) {
          return fail(
              errc::duplicate_precision, field() + ".precision", to_string(figure.precision),
              fmt::format("given twice in this processing unit (also throughput[{}])", earlier));
        }
      }
      any_throughput = true;
    }
  }
  for (std::size_t d = 0; d < spec.dies.size(); ++d) {
    const Die& die = spec.dies[d];
    const auto field = [d](const char* leaf) { return fmt::format("dies[{}].{}", d, leaf); };
    if (auto ok = check_count(die.count, [&] { return field("count"); }); !ok) return ok;
    if (die.area_mm2) {
      const auto area_field = [&] { return field("area_mm2"); };
      if (auto ok = check_range(die.area_mm2->range, die.area_mm2->value, false, area_field); !ok) {
        return ok;
      }
      const Decimal largest = die.area_mm2->range ? die.area_mm2->range->high : die.area_mm2->value;
      if (auto ok = check_positive(die.area_mm2->value, kMaxDieAreaMm2, area_field, "mm2"); !ok) {
        return ok;
      }
      if (auto ok = check_positive(largest, kMaxDieAreaMm2, area_field, "mm2"); !ok) return ok;
      if (auto ok = check_source(spec, die.area_mm2->provenance, area_field); !ok) return ok;
    }
  }
  if (spec.io_bidirectional_gbps) {
    const Figure& io = *spec.io_bidirectional_gbps;
    const auto field = named("io_bidirectional_gbps");
    if (auto ok = check_range(io.range, io.value, true, field); !ok) return ok;
    if (auto ok = check_non_negative(io.value, kMaxBandwidthGbps, field, "GB/s"); !ok) return ok;
    if (auto ok = check_source(spec, io.provenance, field); !ok) return ok;
  }
  if (spec.memory) {
    const Memory& memory = *spec.memory;
    if (memory.bandwidth_gbps) {
      if (auto ok = check_range(memory.bandwidth_gbps->range, memory.bandwidth_gbps->value, true,
                                named("memory.bandwidth_gbps"));
          !ok) {
        return ok;
      }
      if (auto ok = check_non_negative(memory.bandwidth_gbps->value, kMaxBandwidthGbps,
                                       named("memory.bandwidth_gbps"), "GB/s");
          !ok) {
        return ok;
      }
    }
    if (memory.capacity_gb) {
      if (auto ok = check_non_negative(memory.capacity_gb->value, kMaxBandwidthGbps,
                                       named("memory.capacity_gb"), "GB");
          !ok) {
        return ok;
      }
    }
    if (memory.package_area_mm2) {
      if (auto ok = check_range(memory.package_area_mm2->range, memory.package_area_mm2->value,
                                false, named("memory.package_area_mm2"));
          !ok) {
        return ok;
      }
      if (auto ok = check_positive(memory.package_area_mm2->value, kMaxDieAreaMm2,
                                   named("memory.package_area_mm2"), "mm2");
          !ok) {
        return ok;
      }
    }
  }
  if (spec.transistors_billion) {
    if (auto ok = check_range(spec.transistors_billion->range, spec.transistors_billion->value,
                              true, named("transistors_billion"));
        !ok) {
      return ok;
    }
    if (auto ok = check_non_negative(spec.transistors_billion->value, kMaxTops,
                                     named("transistors_billion"), "billion");
        !ok) {
      return ok;
    }
  }

  switch (spec.kind) {
    case ChipKind::accelerator:
      if (!any_throughput) {
        return fail(errc::no_throughput, "processing_units", "",
                    "the spec has no throughput figure: give at least one precision's dense TOPS");
      }
      break;
    case ChipKind::memory:
      if (!spec.memory) {
        return fail(errc::missing_field, "memory", "", "a memory part needs a `memory` object");
      }
      break;
    case ChipKind::system:
      if (spec.contains.empty()) {
        return fail(errc::missing_field, "contains", "",
                    "a system needs the ICs it contains (`contains`)");
      }
      for (std::size_t c = 0; c < spec.contains.size(); ++c) {
        const std::string field = fmt::format("contains[{}]", c);
        if (auto ok = check_count(spec.contains[c].count, [&] { return field + ".count"; }); !ok) {
          return ok;
        }
        if (!spec.contains[c].spec) {
          return fail(errc::missing_field, field, spec.contains[c].chip_id,
                      "the contained chip was not resolved");
        }
        if (auto ok = validate(*spec.contains[c].spec); !ok) {
          Error error = ok.error();
          error.field = field + ".spec." + error.field;
          return tpp::unexpected(std::move(error));
        }
      }
      break;
  }
  return {};
}

namespace {

bool ranged(const std::optional<Figure>& figure) {
  return figure && figure->range;
}

// Reads a ranged figure at the least-controlled end: the other end of its range.
void to_least(std::optional<Figure>& figure, bool high_is_more) {
  if (!figure || !figure->range) return;
  figure->value = high_is_more ? figure->range->low : figure->range->high;
  figure->range.reset();
}

void to_most(std::optional<Figure>& figure) {
  if (figure) figure->range.reset();  // `value` is the most controlled end already
}

}  // namespace

bool has_range(const ChipSpec& spec) {
  for (const ProcessingUnit& unit : spec.processing_units) {
    for (const Throughput& t : unit.throughput) {
      if (t.tops_range) return true;
    }
  }
  for (const Die& die : spec.dies) {
    if (ranged(die.area_mm2)) return true;
  }
  if (ranged(spec.io_bidirectional_gbps) || ranged(spec.transistors_billion)) return true;
  if (spec.memory && (ranged(spec.memory->bandwidth_gbps) || ranged(spec.memory->capacity_gb) ||
                      ranged(spec.memory->package_area_mm2))) {
    return true;
  }
  for (const Component& component : spec.contains) {
    if (component.spec && has_range(*component.spec)) return true;
  }
  return false;
}

ChipSpec at_range_end(const ChipSpec& spec, RangeEnd end) {
  ChipSpec out = spec;
  const bool least = end == RangeEnd::least_controlled;
  for (ProcessingUnit& unit : out.processing_units) {
    for (Throughput& t : unit.throughput) {
      if (t.tops_range && least) t.tops = t.tops_range->low;
      t.tops_range.reset();
    }
  }
  for (Die& die : out.dies) {
    least ? to_least(die.area_mm2, false) : to_most(die.area_mm2);
  }
  least ? to_least(out.io_bidirectional_gbps, true) : to_most(out.io_bidirectional_gbps);
  least ? to_least(out.transistors_billion, true) : to_most(out.transistors_billion);
  if (out.memory) {
    least ? to_least(out.memory->bandwidth_gbps, true) : to_most(out.memory->bandwidth_gbps);
    least ? to_least(out.memory->capacity_gb, true) : to_most(out.memory->capacity_gb);
    least ? to_least(out.memory->package_area_mm2, false) : to_most(out.memory->package_area_mm2);
  }
  for (Component& component : out.contains) {
    if (component.spec && has_range(*component.spec)) {
      component.spec = std::make_shared<const ChipSpec>(at_range_end(*component.spec, end));
    }
  }
  return out;
}

}  // namespace tpp
