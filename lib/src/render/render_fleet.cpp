// `tpp fleet` and `tpp quota` output.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "render/render_common.hpp"
#include "tpp/data/database.hpp"
#include "tpp/render/render.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

using json = nlohmann::ordered_json;

json wide_number(WideDecimal value) {
  if (value.units % Decimal::kScale == 0) {
    const auto whole = value.units / Decimal::kScale;
    if (whole <= INT64_MAX && whole >= INT64_MIN) return static_cast<std::int64_t>(whole);
  }
  return value.to_double();
}

std::string tpp_text(WideDecimal value) {
  return format_decimal(value, 1, true);
}

double h100eq(WideDecimal tpp) {
  return tpp.to_double() / h100_reference_tpp().to_double();
}

}  // namespace

std::string render_fleet_header() {
  return fmt::format("{:>7}  {:<14} {:>9} {:>16} {:>10}  {:<10} {:<13} {:<4} {}\n", "line", "chip",
                     "quantity", "TPP", "H100eq", "as of", "paragraph", "to", "licence");
}

std::string render_fleet_line(const FleetLineResult& line, bool as_json) {
  if (as_json) {
    json out;
    out["type"] = "line";
    out["line"] = line.line;
    out["chip"] = line.chip;
    out["quantity"] = line.quantity;
    const auto given = [](const std::string& text) {
      return text.empty() ? json(nullptr) : json(text);
    };
    out["ship_date"] = line.ship_date ? json(to_string(*line.ship_date)) : json(nullptr);
    out["consignee"] = given(line.consignee);
    out["end_user"] = given(line.end_user);
    out["veu"] = given(line.veu);
    out["end_user_hq"] = given(line.end_user_hq);
    out["origin"] = given(line.origin);
    out["tpp"] = wide_number(line.tpp);
    out["h100_equivalents"] = std::round(line.h100_equivalents * 1e6) / 1e6;
    out["as_of"] = to_string(line.as_of);
    out["eccn"] = line.eccn.empty() ? json(nullptr) : json(line.eccn);
    out["paragraph"] = line.paragraph;
    out["basis"] = std::string(to_string(line.basis));
    out["destination"] = line.destination.empty() ? json(nullptr) : json(line.destination);
    if (line.licence_required) {
      out["licence_required"] = *line.licence_required == Truth::yes  ? json(true)
                                : *line.licence_required == Truth::no ? json(false)
                                                                      : json(nullptr);
      out["licence"] = line.licence;
      out["licence_basis"] = line.licence_basis.empty() ? json(nullptr) : json(line.licence_basis);
      out["review_policy"] = line.review_policy.empty() ? json(nullptr) : json(line.review_policy);
      out["missing_inputs"] = line.missing_inputs;
    }
    return out.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }
  std::string licence;
  if (line.licence_required) {
    licence = line.licence == "not-an-export"        ? "not an export"
              : *line.licence_required == Truth::yes ? "required (" + line.licence_basis + ")"
              : *line.licence_required == Truth::no  ? "no"
                                                     : "undetermined";
    if (*line.licence_required == Truth::unknown && !line.missing_inputs.empty()) {
      licence += ": needs " + line.missing_inputs.front();
    }
  }
  return fmt::format("{:>7}  {:<14} {:>9} {:>16} {:>10.2f}  {:<10} {:<13} {:<4} {}\n", line.line,
                     line.chip + (line.basis == Basis::estimate ? " (est.)" : ""), line.quantity,
                     tpp_text(line.tpp), line.h100_equivalents, to_string(line.as_of),
                     line.paragraph, line.destination, licence);
}

std::string render_fleet_totals(const FleetAccount& account, bool as_json) {
  const auto bucket_json = [&](const FleetBucket& b) {
    return json{{"lines", b.lines},
                {"quantity", b.quantity},
                {"tpp", wide_number(b.tpp)},
                {"h100_equivalents", std::round(account.h100_equivalents(b) * 1e6) / 1e6}};
  };
  if (as_json) {
    json out;
    out["type"] = "totals";
    out["tool"] = std::string("tpp ") + version_string;
    detail::add_rules_audit(out);
    out["h100_convention"] = std::string(to_string(account.convention()));
    json totals = bucket_json(account.total());
    for (const auto& [name, map] : {std::pair{"by_chip", &account.by_chip()},
                                    std::pair{"by_destination", &account.by_destination()},
                                    std::pair{"by_consignee", &account.by_consignee()}}) {
      json group = json::object();
      for (const auto& [key, bucket] : *map)
        group[key] = bucket_json(bucket);
      totals[name] = std::move(group);
    }
    out["totals"] = std::move(totals);
    return out.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }
  std::string out;
  const auto table = [&](std::string_view title, const FleetAccount::Buckets& unsorted) {
    const std::map<std::string, FleetBucket> map(unsorted.begin(), unsorted.end());
    out += fmt::format("\n{:<24} {:>8} {:>14} {:>20} {:>14}\n", title, "lines", "quantity", "TPP",
                       "H100-eq");
    for (const auto& [key, b] : map) {
      out += fmt::format(
          "{:<24} {:>8} {:>14} {:>20} {:>14.2f}\n", key.substr(0, 24), b.lines,
          format_decimal(
              WideDecimal{static_cast<decltype(WideDecimal::units)>(b.quantity) * Decimal::kScale},
              0, true),
          tpp_text(b.tpp), account.h100_equivalents(b));
    }
  };
  table("by chip", account.by_chip());
  table("by destination", account.by_destination());
  table("by consignee", account.by_consignee());
  const FleetBucket& t = account.total();
  out += fmt::format(
      "\n{:<24} {:>8} {:>14} {:>20} {:>14.2f}\n", "total", t.lines,
      format_decimal(
          WideDecimal{t.quantity * static_cast<decltype(WideDecimal::units)>(Decimal::kScale)}, 0,
          true),
      tpp_text(t.tpp), account.h100_equivalents(t));
  out += fmt::format("H100-equivalents: {}. Sums are exact; {}. Not legal advice.\n",
                     to_string(account.convention()), detail::rules_audit_text(16));
  return out;
}

std::string render_fleet_compute(const ComputeReport& report, bool as_json) {
  const std::string operations = report.exact_operations ? to_string(*report.exact_operations)
                                                         : fmt::format("{:.3e}", report.operations);
  if (as_json) {
    json out;
    out["type"] = "compute";
    out["days"] = report.options.days.to_double();
    out["utilization"] = report.options.utilization.to_double();
    out["precision"] = report.options.precision ? json(to_string(*report.options.precision))
                                                : json("default (bf16, else fp16, else TPP's)");
    json rows = json::array();
    for (const ComputeRow& row : report.rows) {
      rows.push_back({{"chip", row.chip},
                      {"quantity", row.quantity},
                      {"precision", row.precision.empty() ? json(nullptr) : json(row.precision)},
                      {"dense_tops_per_chip",
                       row.precision.empty() ? json(nullptr) : json(row.dense_tops.to_double())}});
    }
    out["chips"] = std::move(rows);
    out["operations"] = report.operations;
    out["operations_exact"] = report.exact_operations ? json(operations) : json(nullptr);
    out["reaches_1e26"] = report.reaches_threshold;
    out["days_to_1e26"] = report.days_to_threshold
                              ? json(std::round(*report.days_to_threshold * 1000) / 1000)
                              : json(nullptr);
    out["missing"] = report.missing;
    return out.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }
  std::string out = fmt::format(
      "\nCompute in {} days at {}% utilization (dense rate; precision per chip)\n",
      format_decimal(report.options.days, 6, true),
      format_decimal(
          WideDecimal{
              static_cast<decltype(WideDecimal::units)>(report.options.utilization.units()) * 100},
          6, true));
  for (const ComputeRow& row : report.rows) {
    if (row.precision.empty()) {
      out += fmt::format("  {:<24} {:>14}  no figure at {}: not counted\n", row.chip,
                         format_decimal(WideDecimal::from_integer(row.quantity), 0, true),
                         report.options.precision ? to_string(*report.options.precision) : "");
      continue;
    }
    out += fmt::format("  {:<24} {:>14} x {} {} dense TOPS\n", row.chip,
                       format_decimal(WideDecimal::from_integer(row.quantity), 0, true),
                       row.precision, format_decimal(row.dense_tops, 3, true));
  }
  out += fmt::format("  {} operations; 10^26 (ECCN 4E091's line) {}", operations,
                     report.reaches_threshold ? "is reached" : "is not reached");
  if (report.days_to_threshold) {
    out += fmt::format(" (it takes {:.1f} days at this rate)", *report.days_to_threshold);
  }
  out += ".\n";
  if (!report.missing.empty()) {
    out += "  Not counted (no figure at the precision asked): " +
           fmt::format("{}", fmt::join(report.missing, ", ")) + "; the totals are a lower bound.\n";
  }
  return out;
}

std::string render_quota_line(const QuotaLineResult& line, bool as_json) {
  if (as_json) {
    json out;
    out["type"] = "shipment";
    out["line"] = line.line;
    out["chip"] = line.chip;
    out["eccn"] = line.eccn.empty() ? json(nullptr) : json(line.eccn);
    out["tpp"] = wide_number(line.tpp);
    out["route"] = line.route;
    out["detail"] = line.detail;
    out["crossed"] = line.crossed;
    return out.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }
  std::string out = fmt::format("{:>7}  {:<14} {:>16}  {:<14} {}\n", line.line, line.chip,
                                tpp_text(line.tpp), line.route, line.detail);
  for (const std::string& crossed : line.crossed)
    out += fmt::format("{:>7}  ! crosses {}\n", "", crossed);
  return out;
}

std::string render_quota_report(const QuotaReport& report, const QuotaPolicy& policy,
                                bool as_json) {
  if (as_json) {
    json out;
    out["type"] = "report";
    out["tool"] = std::string("tpp ") + version_string;
    detail::add_rules_audit(out);
    out["policy"] = policy.name;
    out["lines"] = report.lines;
    out["accounted"] = report.accounted;
    out["outside_window"] = report.outside_window;
    out["undetermined"] = report.undetermined;
    out["binds_from"] = to_string(
        std::max(policy.window_from, policy.compliance_from.value_or(policy.window_from)));
    out["binds_until"] = to_string(policy.window_until);
    out["not_counted"] = report.not_counted;
    json routes = json::object();
    for (const auto& [route, tpp] : report.by_route)
      routes[route] = wide_number(tpp);
    out["tpp_by_route"] = std::move(routes);
    json caps = json::array();
    for (const CapResult& cap : report.caps) {
      json item;
      item["cap"] = cap.cap;
      item["key"] = cap.key;
      if (cap.share) {
        item["total_tpp"] = wide_number(cap.limit);
        item["shares"] = cap.detail;
      } else {
        item["used_tpp"] = wide_number(cap.used);
        item["limit_tpp"] = wide_number(cap.limit);
        item["remaining_tpp"] = cap.used > cap.limit
                                    ? json(0)
                                    : wide_number(WideDecimal{cap.limit.units - cap.used.units});
        item["used_h100_equivalents"] = std::round(h100eq(cap.used) * 1000) / 1000;
      }
      item["within"] = cap.within;
      item["first_crossing_line"] =
          cap.first_crossing_line ? json(*cap.first_crossing_line) : json(nullptr);
      item["reason"] = cap.reason;
      if (cap.unconfirmed) item["unconfirmed"] = true;
      caps.push_back(std::move(item));
    }
    out["caps"] = std::move(caps);
    out["notes"] = policy.notes;
    return out.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }
  std::string out = fmt::format("Quota accounting under: {}\n", policy.name);
  const Date binds_from =
      std::max(policy.window_from, policy.compliance_from.value_or(policy.window_from));
  if (binds_from > policy.window_until) {
    out += fmt::format(
        "The policy never bound: in force {}..{}, but compliance was not required before {} ({}). "
        "Caps below count only shipments accounted with --what-if.\n",
        to_string(policy.window_from), to_string(policy.window_until), to_string(binds_from),
        policy.compliance_source);
  }
  out += fmt::format(
      "Shipments: {} read, {} accounted, {} while the policy did not bind, {} not counted, {} "
      "undetermined\n",
      report.lines, report.accounted, report.outside_window, report.not_counted,
      report.undetermined);
  for (const auto& [route, tpp] : report.by_route) {
    out +=
        fmt::format("  {:<16} {:>20} TPP  ({:.1f} H100-eq)\n", route, tpp_text(tpp), h100eq(tpp));
  }
  // Every crossed cap is listed; caps still within are listed while there are few of them
  // (a million-line file touches tens of thousands of consignee-years: see --json for all).
  constexpr std::size_t kListedWithin = 40;
  const std::size_t within = static_cast<std::size_t>(std::count_if(
      report.caps.begin(), report.caps.end(), [](const CapResult& c) { return c.within; }));
  out += "\nCaps\n";
  for (const CapResult& cap : report.caps) {
    if (cap.within && within > kListedWithin) continue;
    std::string line;
    if (cap.share) {
      line = fmt::format("  {:<18} {:<22} {}: {}", cap.cap, cap.key,
                         cap.within ? "within" : "OUT OF BOUNDS", cap.detail);
    } else {
      const WideDecimal remaining{cap.used > cap.limit ? 0 : cap.limit.units - cap.used.units};
      line =
          fmt::format("  {:<18} {:<22} used {} of {} TPP ({:.1f} H100-eq), remaining {}{}", cap.cap,
                      cap.key, tpp_text(cap.used), tpp_text(cap.limit), h100eq(cap.used),
                      tpp_text(remaining), cap.unconfirmed ? " [cap UNCONFIRMED]" : "");
    }
    out += line + "\n";
    if (cap.first_crossing_line) {
      out += fmt::format("  {:<18} first crossed by line {}: {}\n", "", *cap.first_crossing_line,
                         cap.reason);
    }
  }
  if (within > kListedWithin) {
    out += fmt::format("  ... and {} more caps within their limits (--json lists every cap)\n",
                       within);
  }
  if (report.caps.empty()) out += "  (no cap was touched)\n";
  for (const std::string& note : policy.notes)
    out += "Note: " + note + "\n";
  out +=
      fmt::format("Policy: {}; {}. Not legal advice.\n", policy.name, detail::rules_audit_text(16));
  return out;
}

}  // namespace tpp
