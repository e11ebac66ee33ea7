// Many records at once: a catalog (streamed out as it is classified), a fleet, quota
// accounting. The body is read whole, within ServeOptions::max_body_bytes: a request is
// answered 4xx before any result is sent when its header row or first line is wrong.
#include <spanstream>
#include <sstream>

#include "http_support.hpp"
#include "routes.hpp"

namespace tpp::serve {

namespace {

// The response body as a stream: the catalog pipeline writes into it and it goes to the
// client in blocks of 64 KiB, so the output is never held whole.
class SinkBuffer : public std::streambuf {
 public:
  explicit SinkBuffer(httplib::DataSink& sink) : sink_(sink) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  ~SinkBuffer() override { sync(); }

 protected:
  int_type overflow(int_type c) override {
    if (!flush_buffer()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flush_buffer() ? 0 : -1; }

 private:
  bool flush_buffer() {
    const auto size = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    if (size == 0) return ok_;
    // A client that went away makes the write fail: the pipeline then stops.
    ok_ = ok_ && sink_.is_writable() && sink_.write(buffer_.data(), size);
    return ok_;
  }
  httplib::DataSink& sink_;
  std::array<char, 1 << 16> buffer_{};
  bool ok_ = true;
};

// The format of a body, from a parameter or else the Content-Type.
std::optional<std::string> format_from_content_type(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (type.starts_with("text/csv")) return "csv";
  if (type.starts_with("application/x-ndjson") || type.starts_with("application/jsonl") ||
      type.starts_with("application/json-lines")) {
    return "jsonl";
  }
  if (type.starts_with("application/json")) return "json";
  return std::nullopt;
}

Result<CatalogOptions> catalog_options_of(const httplib::Request& req) {
  auto common = common_of(req);
  if (!common) return tpp::unexpected(common.error());
  auto options = cli::options_of(*common);
  if (!options) return tpp::unexpected(options.error());
  const std::string fields = req.has_param("fields") ? param(req, "fields") : "result";
  auto chosen = cli::catalog_options_of(*options, fields, "fields");
  if (!chosen) return tpp::unexpected(chosen.error());
  CatalogOptions catalog = std::move(*chosen);
  catalog.threads = 1;  // the server's threads are the parallelism; one request, one thread
  std::string input = param(req, "input_format");
  if (input.empty()) {
    input = format_from_content_type(req).value_or("");
    if (input == "json") input = "jsonl";
  }
  if (input == "jsonl") catalog.input = CatalogInput::jsonl;
  if (input == "csv") catalog.input = CatalogInput::csv;
  if (input == "epoch") catalog.input = CatalogInput::epoch;
  if (!catalog.input) {
    return fail(errc::invalid_argument, "input_format", input,
                "expected jsonl, csv or epoch (or a Content-Type of application/x-ndjson or "
                "text/csv)");
  }
  const std::string output = param(req, "output_format");
  if (!output.empty() && output != "jsonl" && output != "csv") {
    return fail(errc::invalid_argument, "output_format", output, "expected jsonl or csv");
  }
  catalog.output = output == "csv" ? CatalogOutput::csv : CatalogOutput::jsonl;
  return catalog;
}

void catalog_route(const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& reader, const ServeOptions& options) {
  std::vector<std::string_view> allowed = kCommonParams;
  allowed.insert(allowed.end(), {"input_format", "output_format", "fields"});
  if (auto ok = check_query(req, allowed); !ok) {
    res.set_header("Connection", "close");  // the body is not read
    return reply_error(res, ok.error());
  }
  auto catalog = catalog_options_of(req);
  if (!catalog) {
    res.set_header("Connection", "close");  // the body is not read
    return reply_error(res, catalog.error());
  }
  Body body = read_body(req, res, reader, options.max_body_bytes,
                        std::chrono::seconds(options.request_seconds));
  if (!body.ok) return;
  // A wrong header row fails the whole run: found here, on the first line alone, it is a 400
  // rather than a cut-off 200.
  if (*catalog->input != CatalogInput::jsonl) {
    const std::string_view text = body.text;
    const std::string_view first = text.substr(0, text.find('\n'));
    std::ispanstream header(std::span<const char>(first.data(), first.size()));
    std::ostringstream discard;
    auto checked = run_catalog(header, "body", discard, discard, *catalog);
    if (!checked) return reply_error(res, checked.error());
  }
  auto text = std::make_shared<const std::string>(std::move(body.text));
  const char* type = catalog->output == CatalogOutput::csv ? "text/csv" : "application/x-ndjson";
  res.set_chunked_content_provider(
      type, [text, run = *catalog](std::size_t, httplib::DataSink& sink) {
        std::ispanstream in(std::span<const char>(text->data(), text->size()));
        SinkBuffer buffer(sink);
        std::ostream out(&buffer);
        std::ostringstream err;  // at most ten errors and a count: the records carry them all
        auto stats = run_catalog(in, "body", out, err, run);
        out.flush();
        if (!stats || !out) return false;  // the client sees a cut-off chunked body
        sink.done();
        return true;
      });
}

Result<FleetReader> reader_of(const httplib::Request& req, std::string text) {
  std::string format = param(req, "format");
  if (format.empty()) format = format_from_content_type(req).value_or("");
  std::optional<FleetFormat> fleet_format;
  if (format == "csv") fleet_format = FleetFormat::csv;
  if (format == "json") fleet_format = FleetFormat::json;
  if (format == "jsonl") fleet_format = FleetFormat::jsonl;
  if (!fleet_format) {
    return fail(errc::invalid_argument, "format", format,
                "expected csv, json or jsonl (or a Content-Type of text/csv, application/json or "
                "application/x-ndjson)");
  }
  return FleetReader::from_string(std::move(text), *fleet_format);
}

// fleet (`quota` false) or quota: read, account, answer whole (the totals come last, and a bad
// line without keep_going must be a 400, not a cut-off 200).
void ledger_route(const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader, const ServeOptions& options, bool quota) {
  const std::vector<std::string_view> allowed =
      quota ? std::vector<std::string_view>{"format", "output_format", "keep_going",
                                            "lines",  "what_if",       "tf32_bits"}
            : std::vector<std::string_view>{"format", "output_format", "keep_going",  "lines",
                                            "h100eq", "days",          "utilization", "precision",
                                            "as_of",  "tf32_bits"};
  if (auto ok = check_query(req, allowed); !ok) {
    res.set_header("Connection", "close");
    return reply_error(res, ok.error());
  }
  Body body = read_body(req, res, reader, options.max_body_bytes,
                        std::chrono::seconds(options.request_seconds));
  if (!body.ok) return;
  cli::Common common;
  common.as_of = param(req, "as_of");
  common.output_format = param(req, "output_format");
  if (common.output_format.empty()) common.output_format = "json";
  if (req.has_param("tf32_bits")) {
    const std::string bits = req.get_param_value("tf32_bits");
    if (bits != "19" && bits != "32") {
      return reply_error(res, Error{errc::invalid_argument, "tf32_bits", bits, "must be 19 or 32"});
    }
    common.tf32_bits = std::stoi(bits);
  }
  cli::FleetArgs args;
  args.lines = !quota;
  for (const char* name : {"keep_going", "lines", "what_if"}) {
    auto on = flag(req, name);
    if (!on) return reply_error(res, on.error());
    if (!req.has_param(name)) continue;
    if (std::string_view(name) == "keep_going") args.keep_going = *on;
    if (std::string_view(name) == "lines") args.lines = *on;
    if (std::string_view(name) == "what_if") args.what_if = *on;
  }
  if (req.has_param("h100eq")) args.h100eq = req.get_param_value("h100eq");
  if (req.has_param("days")) args.days = req.get_param_value("days");
  if (req.has_param("utilization")) args.utilization = req.get_param_value("utilization");
  if (req.has_param("precision")) args.precision = req.get_param_value("precision");
  auto fleet_reader = reader_of(req, std::move(body.text));
  if (!fleet_reader) return reply_error(res, fleet_reader.error());
  std::ostringstream out;
  std::ostringstream err;
  auto outcome = quota ? cli::run_quota(common, args, *fleet_reader, out, err)
                       : cli::run_fleet(common, args, *fleet_reader, out, err);
  if (!outcome) return reply_error(res, outcome.error());
  res.set_header("X-Tpp-Bad-Lines", std::to_string(outcome->bad_lines));
  const std::string& format = common.output_format;
  res.set_content(out.str(), format == "csv"    ? "text/csv"
                             : format == "text" ? "text/plain; charset=utf-8"
                                                : "application/x-ndjson");
}

}  // namespace

void add_batch_routes(httplib::Server& server, const ServeOptions& options) {
  server.Post("/v1/catalog", [options](const httplib::Request& req, httplib::Response& res,
                                       const httplib::ContentReader& reader) {
    catalog_route(req, res, reader, options);
  });
  server.Post("/v1/fleet", [options](const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& reader) {
    ledger_route(req, res, reader, options, false);
  });
  server.Post("/v1/quota", [options](const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& reader) {
    ledger_route(req, res, reader, options, true);
  });
}

}  // namespace tpp::serve
