// `tpp headroom`: how far each line is, by throughput and by die area, as text and as JSON.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "render/render_common.hpp"
#include "tpp/render/render.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

std::string signed_change(Decimal to, Decimal from) {
  const auto diff = checked_sub(to, from);
  if (!diff) return "";
  const std::string text = detail::grouped(*diff);
  return diff->is_negative() ? text : "+" + text;
}

std::string move_text(const HeadroomMove& move, bool above, std::string_view what,
                      std::string_view unit) {
  if (!move.possible) return fmt::format("{}: cannot cross it ({})", what, move.why_not);
  const bool up = move.past > move.boundary;
  std::string text = fmt::format("{}: {} {} {} ({}) -> {}", what, up ? "raise to" : "lower to",
                                 detail::grouped(move.past), unit,
                                 signed_change(move.past, move.now), move.result_past);
  if (!move.changes_result) {
    text += fmt::format(", as at {} {}: crossing this line alone changes nothing",
                        detail::grouped(move.boundary), unit);
  }
  (void)above;
  return text;
}

}  // namespace

std::string render_headroom(const ChipSpec& spec, const Headroom& h) {
  std::string out = fmt::format("{} - headroom under the rules of {} ({})\n", spec.display_name(),
                                to_string(h.as_of),
                                h.revision != nullptr ? std::string(h.revision->citation) : "");
  out += fmt::format("Now: {}; TPP {} ({} {} dense TOPS)", h.result_now, detail::grouped(h.tpp),
                     to_string(h.precision), detail::grouped(h.current_tops));
  if (h.applicable_area_mm2) {
    out += fmt::format(", applicable die area {} mm2", detail::grouped(*h.applicable_area_mm2));
  }
  out += "\n";
  for (std::size_t i = 0; i < h.lines.size(); ++i) {
    const HeadroomLine& line = h.lines[i];
    const bool first = (h.first_up && *h.first_up == i) || (h.first_down && *h.first_down == i);
    out += fmt::format("\n{}{} {} ({}): {}\n", first ? "* " : "",
                       line.metric == Metric::tpp ? "TPP" : "Density",
                       detail::grouped(line.threshold), line.used_by,
                       line.by_throughput.why_not.starts_with("density")
                           ? "cannot be placed"
                           : (line.above ? "the chip is above" : "the chip is below"));
    out += "  " +
           move_text(line.by_throughput, line.above, std::string(to_string(h.precision)), "TOPS") +
           "\n";
    out += "  " + move_text(line.by_area, line.above, "die area", "mm2") + "\n";
  }
  const bool held = std::any_of(h.lines.begin(), h.lines.end(), [](const HeadroomLine& line) {
    return line.above && line.by_throughput.why_not.starts_with("the other figures hold");
  });
  const auto nearest = [&](std::optional<std::size_t> index, const char* direction) {
    if (!index) {
      return fmt::format("{} {} alone: no line changes the result{}.\n", direction,
                         to_string(h.precision),
                         held && std::string_view(direction) == "Lowering"
                             ? " (other precisions hold TPP up: lower them too, or ask "
                               "--at for another precision)"
                             : "");
    }
    const HeadroomLine& line = h.lines[*index];
    return fmt::format("{} {}: the result first changes at {} TOPS ({}): {}.\n", direction,
                       to_string(h.precision), detail::grouped(line.by_throughput.past),
                       signed_change(line.by_throughput.past, line.by_throughput.now),
                       line.by_throughput.result_past);
  };
  out += "\n* " + nearest(h.first_up, "Raising");
  out += "* " + nearest(h.first_down, "Lowering");
  for (const std::string& note : h.notes)
    out += "Note: " + note + "\n";
  out +=
      "Each result is the classifier's own answer for the chip changed to that figure. Not "
      "legal advice.\n";
  return out;
}

std::string render_headroom_json(const ChipSpec& spec, const Headroom& h) {
  using json = nlohmann::ordered_json;
  const auto number = [](Decimal value) -> json {
    if (value.units() % Decimal::kScale == 0) return value.units() / Decimal::kScale;
    return value.to_double();
  };
  const auto move_json = [&](const HeadroomMove& move) -> json {
    if (!move.possible) return {{"possible", false}, {"why_not", move.why_not}};
    return {{"possible", true},
            {"now", number(move.now)},
            {"boundary", number(move.boundary)},
            {"past", number(move.past)},
            {"result_at_boundary", move.result_at_boundary},
            {"result_past", move.result_past},
            {"changes_result", move.changes_result}};
  };
  json out;
  out["tool"] = std::string("tpp ") + version_string;
  detail::add_rules_audit(out);
  out["as_of"] = to_string(h.as_of);
  out["id"] = spec.id;
  out["name"] = spec.name;
  out["result"] = h.result_now;
  out["precision"] = to_string(h.precision);
  out["current_tops"] = number(h.current_tops);
  out["tpp"] = number(h.tpp);
  out["applicable_die_area_mm2"] =
      h.applicable_area_mm2 ? number(*h.applicable_area_mm2) : json(nullptr);
  json lines = json::array();
  for (const HeadroomLine& line : h.lines) {
    lines.push_back({{"metric", std::string(to_string(line.metric))},
                     {"threshold", number(line.threshold)},
                     {"used_by", line.used_by},
                     {"review_window", line.review_window},
                     {"side", line.above ? "above" : "below"},
                     {"by_throughput", move_json(line.by_throughput)},
                     {"by_area", move_json(line.by_area)}});
  }
  out["lines"] = std::move(lines);
  out["first_change_raising"] = h.first_up ? json(*h.first_up) : json(nullptr);
  out["first_change_lowering"] = h.first_down ? json(*h.first_down) : json(nullptr);
  out["notes"] = h.notes;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tpp
