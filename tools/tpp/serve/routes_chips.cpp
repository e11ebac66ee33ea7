// One chip at a time: the bundled chips, classify, explain, headroom, timeline, the map.
// Each handler checks its query, builds the command line's options and calls what the
// subcommand calls.
#include <functional>
#include <nlohmann/json.hpp>

#include "http_support.hpp"
#include "routes.hpp"

namespace tpp::serve {

namespace {

using Answer = std::function<Result<std::string>(const httplib::Request&, const cli::Common&,
                                                 const std::shared_ptr<const ChipSpec>&)>;

std::vector<std::string_view> joined(std::vector<std::string_view> a,
                                     const std::vector<std::string_view>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Replies with the answer for the chip the request describes (`id`: a path segment, or none).
void answer_chip(const httplib::Request& req, httplib::Response& res, std::string_view id,
                 const std::string& body, const std::vector<std::string_view>& extra,
                 const std::string& content_type, const Answer& answer) {
  std::vector<std::string_view> allowed = joined(kCommonParams, extra);
  if (id.empty()) allowed = joined(joined(allowed, kFigureParams), {"chip"});
  if (auto ok = check_query(req, allowed, {"tops", "sparse_tops"}); !ok) {
    return reply_error(res, ok.error());
  }
  auto common = common_of(req);
  if (!common) return reply_error(res, common.error());
  auto chip = chip_of(req, id, body);
  if (!chip) return reply_error(res, chip.error());
  auto out = answer(req, *common, *chip);
  if (!out) return reply_error(res, out.error());
  if (content_type == "application/json") return reply_json(res, std::move(*out));
  res.set_content(std::move(*out), content_type.c_str());
}

// GET with the chip in the query, and POST with a spec as the body.
void add_chip_endpoint(httplib::Server& server, const ServeOptions& options, const char* path,
                       std::vector<std::string_view> extra, Answer answer,
                       std::string content_type = "application/json") {
  server.Get(path, [=](const httplib::Request& req, httplib::Response& res) {
    answer_chip(req, res, "", "", extra, content_type, answer);
  });
  const std::size_t limit = options.max_spec_body_bytes;
  const std::chrono::seconds seconds(options.request_seconds);
  server.Post(path, [=](const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader& reader) {
    Body body = read_body(req, res, reader, limit, seconds);
    if (!body.ok) return;
    if (body.text.empty()) {
      return reply_error(res, Error{errc::missing_field, "body", "",
                                    "POST a spec in the chips/ JSON format (or GET with figures)"});
    }
    answer_chip(req, res, "", body.text, extra, content_type, answer);
  });
}

Result<Options> options_for(const cli::Common& common) {
  return cli::options_of(common);
}

Result<Report> report_of(const cli::Common& common, const std::shared_ptr<const ChipSpec>& chip) {
  auto options = options_for(common);
  if (!options) return tpp::unexpected(options.error());
  return evaluate(chip, *options);
}

Result<std::string> classify_answer(const httplib::Request&, const cli::Common& common,
                                    const std::shared_ptr<const ChipSpec>& chip) {
  auto report = report_of(common, chip);
  if (!report) return tpp::unexpected(report.error());
  return render_json(*report);
}

Result<std::string> explain_answer(const httplib::Request&, const cli::Common& common,
                                   const std::shared_ptr<const ChipSpec>& chip) {
  auto report = report_of(common, chip);
  if (!report) return tpp::unexpected(report.error());
  // The report as `show --json` gives it, and the quotable text of `explain`.
  return "{\"report\":" + render_json(*report) +
         ",\"text\":" + nlohmann::json(render_explain(*report)).dump() + "}";
}

Result<std::string> headroom_answer(const httplib::Request& req, const cli::Common& common,
                                    const std::shared_ptr<const ChipSpec>& chip) {
  auto options = options_for(common);
  if (!options) return tpp::unexpected(options.error());
  std::optional<Precision> precision;
  if (req.has_param("at")) {
    auto parsed = parse_precision(req.get_param_value("at"), "at");
    if (!parsed) return tpp::unexpected(parsed.error());
    precision = *parsed;
  }
  auto room = headroom(*chip, *options, precision);
  if (!room) return tpp::unexpected(room.error());
  return render_headroom_json(*chip, *room);
}

Result<std::string> timeline_answer(const httplib::Request&, const cli::Common& common,
                                    const std::shared_ptr<const ChipSpec>& chip) {
  auto options = options_for(common);
  if (!options) return tpp::unexpected(options.error());
  auto entries = timeline(chip, *options);
  if (!entries) return tpp::unexpected(entries.error());
  return render_timeline_json(*entries);
}

Result<std::string> timeline_svg_answer(const httplib::Request&, const cli::Common& common,
                                        const std::shared_ptr<const ChipSpec>& chip) {
  auto options = options_for(common);
  if (!options) return tpp::unexpected(options.error());
  auto entries = timeline(chip, *options);
  if (!entries) return tpp::unexpected(entries.error());
  std::vector<std::vector<TimelineEntry>> rows{std::move(*entries)};
  return render_timeline_svg(rows);
}

// The label the map gives the request's chip, so that the page can find and mark it.
constexpr const char* kYourChip = "your chip";

Result<std::string> plot_answer(const httplib::Request& req, const cli::Common& common,
                                const std::shared_ptr<const ChipSpec>& chip) {
  auto options = options_for(common);
  if (!options) return tpp::unexpected(options.error());
  const Date as_of = options->as_of.value_or(today());
  options->as_of = as_of;
  MapOptions map;
  const std::string labels = param(req, "labels");
  if (labels == "none") {
    map.labels = MapLabels::none;
  } else if (labels == "all") {
    map.labels = MapLabels::all;
  } else if (!labels.empty() && labels != "auto") {
    return fail(errc::invalid_argument, "labels", labels, "expected auto, none or all");
  }
  std::vector<MapChip> chips;
  for (const auto& bundled : ChipDatabase::bundled().chips()) {
    if (bundled->kind != ChipKind::accelerator) continue;        // as `tpp plot`: ICs only
    if (!chip->id.empty() && bundled->id == chip->id) continue;  // drawn as "your chip"
    auto report = evaluate(bundled, *options);
    if (!report) return tpp::unexpected(report.error());
    chips.push_back(map_chip(*report));
  }
  if (chip->kind != ChipKind::accelerator) {
    return fail(errc::invalid_argument, "chip", chip->id,
                "only ICs with processing units are placed on the map");
  }
  auto report = evaluate(chip, *options);
  if (!report) return tpp::unexpected(report.error());
  MapChip yours = map_chip(*report);
  yours.label = kYourChip;
  chips.push_back(std::move(yours));
  return render_map_svg(layout_map(chips, as_of, map));
}

}  // namespace

void add_chip_routes(httplib::Server& server, const ServeOptions& options) {
  server.Get("/v1/chips", [](const httplib::Request& req, httplib::Response& res) {
    if (auto ok = check_query(req, kCommonParams); !ok) return reply_error(res, ok.error());
    auto common = common_of(req);
    if (!common) return reply_error(res, common.error());
    auto list = cli::run_list(*common);
    if (!list) return reply_error(res, list.error());
    reply_json(res, "{\"chips\":" + json_array(*list) + "}");
  });
  server.Get(R"(/v1/chips/([^/]+))", [](const httplib::Request& req, httplib::Response& res) {
    answer_chip(req, res, req.matches[1].str(), "", {}, "application/json", classify_answer);
  });
  server.Get(R"(/v1/chips/([^/]+)/spec)", [](const httplib::Request& req, httplib::Response& res) {
    if (auto ok = check_query(req, {}); !ok) return reply_error(res, ok.error());
    auto chip = ChipDatabase::bundled().find_shared(req.matches[1].str());
    if (!chip) return reply_error(res, chip.error());
    reply_json(res, write_spec_json(**chip));
  });
  add_chip_endpoint(server, options, "/v1/classify", {}, classify_answer);
  add_chip_endpoint(server, options, "/v1/explain", {}, explain_answer);
  add_chip_endpoint(server, options, "/v1/headroom", {"at"}, headroom_answer);
  add_chip_endpoint(server, options, "/v1/timeline", {}, timeline_answer);
  add_chip_endpoint(server, options, "/v1/timeline.svg", {}, timeline_svg_answer, "image/svg+xml");
  add_chip_endpoint(server, options, "/v1/plot", {"labels"}, plot_answer, "image/svg+xml");
}

}  // namespace tpp::serve
