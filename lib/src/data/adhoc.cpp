#include "tpp/data/adhoc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>

namespace tpp {
namespace {

Result<Decimal> number(const LabeledText& text) {
  return parse_decimal(text.text, text.label);
}

// A figure typed by the user: its provenance says so.
Figure typed(Decimal value, const std::string& label) {
  return Figure{value, Provenance{{}, std::nullopt, false, "given as " + label}};
}

}  // namespace

bool AdhocInput::changes_anything() const {
  return !throughput.empty() || die_area_mm2 || die_count || planar || datacenter ||
         io_bidirectional_gbps || memory_bandwidth_gbps || transistors_billion;
}

Result<ChipSpec> make_adhoc_spec(const AdhocInput& input) {
  ChipSpec spec;
  if (input.base) {
    spec = *input.base;
    if (input.changes_anything()) {
      spec.id.clear();  // a changed chip is not the bundled one
      spec.aliases.clear();
      spec.name = input.name.value_or(input.base->display_name() + " (modified)");
    } else if (input.name) {
      spec.name = *input.name;
    }
  } else {
    spec.name = input.name.value_or("ad-hoc spec");
  }
  if (input.base && input.base->kind != ChipKind::accelerator && input.changes_anything()) {
    return fail(errc::invalid_argument, "--from", input.base->id,
                "only an accelerator IC's figures can be changed");
  }
  // validate() names fields by their place in the spec; this maps them back to the caller's.
  std::vector<std::pair<std::string, std::string>> labels;

  std::vector<Precision> typed_precisions;
  for (const AdhocThroughput& item : input.throughput) {
    const std::string label = fmt::format("{} {}", item.label, item.precision);
    auto precision = parse_precision(item.precision, item.label);
    if (!precision) return tpp::unexpected(precision.error());
    if (std::find(typed_precisions.begin(), typed_precisions.end(), *precision) !=
        typed_precisions.end()) {
      return fail(errc::duplicate_precision, label, item.precision,
                  "given twice: give each precision once");
    }
    typed_precisions.push_back(*precision);
    auto tops = parse_decimal(item.tops, label);
    if (!tops) return tpp::unexpected(tops.error());
    if (spec.processing_units.empty()) spec.processing_units.emplace_back();
    // The first unit that has this precision, else the first unit.
    std::size_t u = 0;
    std::optional<std::size_t> r;
    for (std::size_t i = 0; i < spec.processing_units.size() && !r; ++i) {
      const auto& rows = spec.processing_units[i].throughput;
      for (std::size_t j = 0; j < rows.size(); ++j) {
        if (rows[j].precision == *precision) {
          u = i;
          r = j;
          break;
        }
      }
    }
    auto& rows = spec.processing_units[u].throughput;
    Throughput figure{*precision, *tops, item.sparse,
                      Provenance{{}, std::nullopt, false, "given as " + label}};
    if (r) {
      rows[*r] = figure;
    } else {
      r = rows.size();
      rows.push_back(figure);
    }
    labels.emplace_back(fmt::format("processing_units[{}].throughput[{}]", u, *r), label);
  }
  labels.emplace_back("processing_units", "throughput (give at least one precision=TOPS)");

  if (input.die_area_mm2 || input.die_count) {
    if (!input.die_area_mm2) {
      return fail(errc::invalid_argument, input.die_count->label, input.die_count->text,
                  "needs --area (the die it repeats)");
    }
    auto area = number(*input.die_area_mm2);
    if (!area) return tpp::unexpected(area.error());
    Die die;
    die.name = "logic die (given)";
    die.area_mm2 = typed(*area, input.die_area_mm2->label);
    if (input.die_count) {
      int count = 0;
      const auto& text = input.die_count->text;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
      if (ec != std::errc{} || end != text.data() + text.size()) {
        return fail(errc::invalid_argument, input.die_count->label, text,
                    "expected a whole number of dies");
      }
      die.count = count;
    }
    // The given dies replace the base's logic dies; memory and other dies stay.
    std::erase_if(spec.dies, [](const Die& d) { return d.logic; });
    spec.dies.insert(spec.dies.begin(), die);
    labels.emplace_back("dies[0].count", input.die_count ? input.die_count->label : "--dies");
    labels.emplace_back("dies[0]", input.die_area_mm2->label);
  }
  if (input.planar) {
    bool any_logic = false;
    for (Die& die : spec.dies) {
      if (!die.logic) continue;
      die.non_planar = !*input.planar;
      any_logic = true;
    }
    // A planar chip needs no area: density does not apply whatever its size.
    if (!any_logic && *input.planar) {
      Die die;
      die.name = "logic die (planar, given)";
      die.non_planar = false;
      spec.dies.push_back(die);
    }
  }
  if (input.datacenter) {
    spec.datacenter = Flag{*input.datacenter, Provenance{{}, std::nullopt, false, "given"}};
  }
  const auto set_figure = [&](const std::optional<LabeledText>& text, std::optional<Figure>& target,
                              const char* path) -> Result<void> {
    if (!text) return {};
    auto value = number(*text);
    if (!value) return tpp::unexpected(value.error());
    target = typed(*value, text->label);
    labels.emplace_back(path, text->label);
    return {};
  };
  if (auto ok = set_figure(input.io_bidirectional_gbps, spec.io_bidirectional_gbps,
                           "io_bidirectional_gbps");
      !ok) {
    return tpp::unexpected(ok.error());
  }
  if (auto ok =
          set_figure(input.transistors_billion, spec.transistors_billion, "transistors_billion");
      !ok) {
    return tpp::unexpected(ok.error());
  }
  if (input.memory_bandwidth_gbps) {
    if (!spec.memory) spec.memory = Memory{};
    if (auto ok = set_figure(input.memory_bandwidth_gbps, spec.memory->bandwidth_gbps,
                             "memory.bandwidth_gbps");
        !ok) {
      return tpp::unexpected(ok.error());
    }
  }

  if (auto ok = validate(spec); !ok) {
    Error error = ok.error();
    for (const auto& [path, label] : labels) {
      if (error.field.starts_with(path)) {
        error.field = label;
        break;
      }
    }
    return tpp::unexpected(std::move(error));
  }
  return spec;
}

}  // namespace tpp
