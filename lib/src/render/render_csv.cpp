// CSV for `list`, `fleet` and `quota` (`--output-format csv`): one header, every row its width,
// every row typed where one output holds records of several kinds (lines, then totals), so a
// spreadsheet or pandas loads it as it is.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

#include "core/text_escape.hpp"
#include "render/render_common.hpp"
#include "tpp/core/metrics.hpp"
#include "tpp/render/render.hpp"

namespace tpp {
namespace {

// Builds one row field by field.
class Row {
 public:
  Row& field(std::string_view text) {
    separate();
    detail::append_csv_field(out_, text);
    return *this;
  }
  Row& number(double value) {
    separate();
    if (std::isfinite(value)) out_ += fmt::format("{}", std::round(value * 1e6) / 1e6);
    return *this;
  }
  Row& number(WideDecimal value) {
    separate();
    out_ += format_decimal(value, 7, false);
    return *this;
  }
  Row& number(Decimal value) { return number(WideDecimal{value.units()}); }
  Row& integer(std::int64_t value) {
    separate();
    out_ += std::to_string(value);
    return *this;
  }
  Row& empty(int count = 1) {
    for (int i = 0; i < count; ++i)
      separate();
    return *this;
  }
  std::string line() { return std::move(out_) + "\n"; }

 private:
  void separate() {
    if (started_) out_.push_back(',');
    started_ = true;
  }
  std::string out_;
  bool started_ = false;
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items)
    out += (out.empty() ? "" : "; ") + item;
  return out;
}

std::string_view truth_text(std::optional<Truth> truth) {
  if (!truth) return "";
  return *truth == Truth::yes ? "true" : *truth == Truth::no ? "false" : "";
}

// A bad line's record: the line number its field names ("line 7: quantity"), the rest as given.
std::string render_line_error(const Error& error, bool csv, int columns) {
  std::size_t line = 0;
  std::string field = error.field;
  if (field.starts_with("line ")) {
    const auto colon = field.find(": ");
    line = std::strtoull(field.c_str() + 5, nullptr, 10);
    field = colon == std::string::npos ? std::string() : field.substr(colon + 2);
  }
  if (csv) {
    Row row;
    row.field("error").integer(static_cast<std::int64_t>(line)).empty(columns - 3);
    row.field(error.message());
    return row.line();
  }
  nlohmann::ordered_json out;
  out["type"] = "error";
  out["line"] = line;
  out["error"] = {{"code", std::string(to_string(error.code))},
                  {"field", field},
                  {"value", error.value},
                  {"reason", error.detail}};
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_fleet_error(const Error& error, bool csv) {
  return render_line_error(error, csv, 26);  // the columns of render_fleet_csv_header
}

std::string render_quota_error(const Error& error, bool csv) {
  return render_line_error(error, csv, 16);  // the columns of render_quota_csv_header
}

std::string render_list_csv(std::span<const Report> reports) {
  std::string out =
      "id,name,kind,tpp,performance_density,density_status,h100_equivalents,eccn,paragraph,"
      "status,basis,as_of,rules_version\n";
  for (const Report& report : reports) {
    const Metrics& m = report.metrics;
    const Classification& c = report.classification;
    Row row;
    row.field(report.spec->id).field(report.spec->name).field(to_string(report.spec->kind));
    row.number(m.tpp);
    if (m.density.state == DensityState::known) {
      row.number(m.density.value.to_double());  // rounded to 10^-6, as in JSON
    } else {
      row.empty();
    }
    row.field(to_string(m.density.state)).number(report.h100_equivalents);
    row.field(c.eccn ? *c.eccn : "").field(c.paragraph ? *c.paragraph : "");
    row.field(to_string(c.status)).field(to_string(report.basis)).field(to_string(report.as_of));
    row.field(rules_version());
    out += row.line();
  }
  return out;
}

std::string render_fleet_csv_header() {
  return "type,line,chip,quantity,tpp,h100_equivalents,as_of,eccn,paragraph,basis,destination,"
         "ship_date,consignee,end_user,veu,end_user_hq,origin,licence_required,licence,"
         "licence_basis,review_policy,missing_inputs,group,key,lines,error\n";
}

std::string render_fleet_line_csv(const FleetLineResult& line) {
  Row row;
  row.field("line").integer(static_cast<std::int64_t>(line.line)).field(line.chip);
  row.integer(line.quantity).number(line.tpp).number(line.h100_equivalents);
  row.field(to_string(line.as_of)).field(line.eccn).field(line.paragraph);
  row.field(to_string(line.basis)).field(line.destination);
  row.field(line.ship_date ? to_string(*line.ship_date) : "").field(line.consignee);
  row.field(line.end_user).field(line.veu).field(line.end_user_hq).field(line.origin);
  row.field(truth_text(line.licence_required)).field(line.licence).field(line.licence_basis);
  row.field(line.review_policy).field(joined(line.missing_inputs));
  row.empty(4);
  return row.line();
}

std::string render_fleet_totals_csv(const FleetAccount& account) {
  std::string out;
  const auto bucket_row = [&](std::string_view group, std::string_view key,
                              const FleetBucket& bucket) {
    Row row;
    row.field("totals").empty(2).integer(bucket.quantity).number(bucket.tpp);
    row.number(account.h100_equivalents(bucket)).empty(16);
    row.field(group).field(key).integer(bucket.lines).empty();
    out += row.line();
  };
  for (const auto& [group, map] : {std::pair{"by_chip", &account.by_chip()},
                                   std::pair{"by_destination", &account.by_destination()},
                                   std::pair{"by_consignee", &account.by_consignee()}}) {
    for (const auto& [key, bucket] : std::map<std::string, FleetBucket>(map->begin(), map->end()))
      bucket_row(group, key, bucket);
  }
  bucket_row("total", "", account.total());
  return out;
}

std::string render_quota_csv_header() {
  return "type,line,chip,eccn,tpp,route,detail,crossed,cap,key,used,limit,within,"
         "first_crossing_line,unconfirmed,error\n";
}

std::string render_quota_line_csv(const QuotaLineResult& line) {
  Row row;
  row.field("shipment").integer(static_cast<std::int64_t>(line.line)).field(line.chip);
  row.field(line.eccn).number(line.tpp).field(line.route).field(line.detail);
  row.field(joined(line.crossed)).empty(8);
  return row.line();
}

std::string render_quota_report_csv(const QuotaReport& report) {
  std::string out;
  for (const CapResult& cap : report.caps) {
    Row row;
    row.field("cap").empty(5).field(cap.share ? cap.detail : cap.reason).empty();
    row.field(cap.cap).field(cap.key).number(cap.used).number(cap.limit);
    row.field(cap.within ? "true" : "false");
    if (cap.first_crossing_line) {
      row.integer(static_cast<std::int64_t>(*cap.first_crossing_line));
    } else {
      row.empty();
    }
    row.field(cap.unconfirmed ? "true" : "false").empty();
    out += row.line();
  }
  return out;
}

}  // namespace tpp
