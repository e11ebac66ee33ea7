// The API's error shape, query parameters, the chip a request describes, bounded bodies.
#include "http_support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

namespace tpp::serve {

namespace {

// A query is short: a longer name or value is a mistake or an attack, refused before parsing.
constexpr std::size_t kMaxParamBytes = 1024;
constexpr std::size_t kMaxParams = 64;

// The command line's option names, as the API's query parameters name them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kFieldNames{{
    {"--as-of", "as_of"},
    {"--tf32-bits", "tf32_bits"},
    {"--to", "to"},
    {"--from-country", "from_country"},
    {"--hq", "hq"},
    {"--sparse-tops", "sparse_tops"},
    {"--tops", "tops"},
    {"--area", "area_mm2"},
    {"--dies", "dies"},
    {"--io-gbps", "io_gbps"},
    {"--memory-gbps", "memory_gbps"},
    {"--transistors", "transistors"},
    {"--from", "from"},
    {"--spec", "body"},
    {"--at", "at"},
    {"--training-ops", "training_ops"},
    {"--derived-from-ops", "derived_from_ops"},
    {"--output-format", "output_format"},
    {"--input-format", "input_format"},
    {"--format", "format"},
    {"--days", "days"},
    {"--utilization", "utilization"},
    {"--precision", "precision"},
    {"--h100eq", "h100eq"},
    {"--labels", "labels"},
    {"--name", "name"},
}};

}  // namespace

int status_of(const Error& error) {
  switch (error.code) {
    case errc::unknown_chip: return 404;
    case errc::internal: return 500;
    default: return 400;
  }
}

Error api_error(Error error) {
  for (const auto& [option, name] : kFieldNames) {
    // Longest first where one is a prefix of another (--sparse-tops before --tops is in order).
    if (error.field.starts_with(option) &&
        (error.field.size() == option.size() || error.field[option.size()] == ' ' ||
         error.field[option.size()] == '[' || error.field[option.size()] == '.')) {
      error.field = std::string(name) + error.field.substr(option.size());
      break;
    }
  }
  return error;
}

std::string error_json(const Error& error) {
  nlohmann::json body{{"error",
                       {{"code", std::string(to_string(error.code))},
                        {"field", error.field},
                        {"value", error.value},
                        {"message", error.message()}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void reply_error(httplib::Response& res, const Error& error, int status) {
  const Error named = api_error(error);
  res.status = status != 0 ? status : status_of(named);
  res.set_content(error_json(named) + "\n", "application/json");
}

void reply_json(httplib::Response& res, std::string body) {
  if (body.empty() || body.back() != '\n') body += '\n';
  res.set_content(std::move(body), "application/json");
}

Result<void> check_query(const httplib::Request& req, const std::vector<std::string_view>& allowed,
                         const std::vector<std::string_view>& repeatable) {
  if (req.params.size() > kMaxParams) {
    return fail(errc::invalid_argument, "query", std::to_string(req.params.size()) + " parameters",
                "at most " + std::to_string(kMaxParams) + " query parameters");
  }
  for (const auto& [name, value] : req.params) {
    if (name.size() > kMaxParamBytes || value.size() > kMaxParamBytes) {
      return fail(errc::out_of_range, name.substr(0, 64), value.substr(0, 64) + "...",
                  "a query parameter longer than " + std::to_string(kMaxParamBytes) + " bytes");
    }
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string known;
      for (std::string_view a : allowed)
        known += (known.empty() ? "" : ", ") + std::string(a);
      return fail(
          errc::unknown_field, name, value,
          "not a parameter of this endpoint" +
              (known.empty() ? std::string(" (it takes none)") : " (it takes " + known + ")"));
    }
    if (req.get_param_value_count(name) > 1 &&
        std::find(repeatable.begin(), repeatable.end(), name) == repeatable.end()) {
      return fail(errc::invalid_argument, name, value, "given more than once");
    }
  }
  return {};
}

std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

Result<bool> flag(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return false;
  const std::string value = req.get_param_value(name);
  if (value == "true" || value == "1" || value.empty()) return true;
  if (value == "false" || value == "0") return false;
  return fail(errc::invalid_argument, name, value, "expected true or false");
}

Result<cli::Common> common_of(const httplib::Request& req) {
  cli::Common common;
  common.json = true;
  common.as_of = param(req, "as_of");
  common.to = param(req, "to");
  common.from_country = param(req, "from_country");
  common.hq = param(req, "hq");
  if (req.has_param("tf32_bits")) {
    const std::string bits = req.get_param_value("tf32_bits");
    if (bits != "19" && bits != "32") {
      return fail(errc::invalid_argument, "tf32_bits", bits, "must be 19 or 32");
    }
    common.tf32_bits = std::stoi(bits);
  }
  // Checked here so that a bad date or country is a 400 naming it, before any work.
  if (auto options = cli::options_of(common); !options) return tpp::unexpected(options.error());
  return common;
}

namespace {

Result<cli::SpecArgs> figures_of(const httplib::Request& req) {
  cli::SpecArgs args;
  const auto optional = [&](const char* name) -> std::optional<std::string> {
    if (!req.has_param(name)) return std::nullopt;
    return req.get_param_value(name);
  };
  for (const char* name : {"tops", "sparse_tops"}) {
    auto& into = std::string_view(name) == "tops" ? args.tops : args.sparse_tops;
    for (std::size_t i = 0; i < req.get_param_value_count(name); ++i)
      into.push_back(req.get_param_value(name, i));
  }
  args.from = optional("from");
  args.area_mm2 = optional("area_mm2");
  args.dies = optional("dies");
  args.io_gbps = optional("io_gbps");
  args.memory_gbps = optional("memory_gbps");
  args.transistors = optional("transistors");
  args.name = optional("name");
  auto planar = flag(req, "planar");
  if (!planar) return tpp::unexpected(planar.error());
  args.planar = *planar;
  if (req.has_param("datacenter")) {
    auto datacenter = flag(req, "datacenter");
    if (!datacenter) return tpp::unexpected(datacenter.error());
    args.non_datacenter = !*datacenter;
  }
  return args;
}

}  // namespace

Result<std::shared_ptr<const ChipSpec>> chip_of(const httplib::Request& req, std::string_view id,
                                                const std::string& body) {
  std::string name(id);
  if (name.empty()) name = param(req, "chip");
  auto figures = figures_of(req);
  if (!figures) return tpp::unexpected(figures.error());
  const int given = (name.empty() ? 0 : 1) + (body.empty() ? 0 : 1) + (figures->given() ? 1 : 0);
  if (given == 0) {
    return fail(errc::invalid_argument, "chip", "",
                "name a bundled chip (?chip=h20), send a spec in the chips/ JSON format as the "
                "body, or give figures (?tops=fp8=296&area_mm2=814)");
  }
  if (given > 1) {
    return fail(errc::invalid_argument, name.empty() ? "body" : "chip", name,
                "give one of: a bundled chip, a spec as the body, figures in the query");
  }
  if (!name.empty()) return ChipDatabase::bundled().find_shared(name);
  if (!body.empty()) {
    auto spec = read_spec_json(body);
    if (!spec) {
      Error error = spec.error();
      error.field = error.field.empty() ? "body" : "body: " + error.field;
      return tpp::unexpected(std::move(error));
    }
    return std::make_shared<const ChipSpec>(std::move(*spec));
  }
  return cli::spec_of(*figures);
}

Body read_body(const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader, std::size_t max_bytes,
               std::chrono::seconds time_limit) {
  Body body;
  // A declared length far over the limit is refused before a byte of the body is read; one
  // just over it is read up to the limit first, so that a client that sends the whole body
  // before reading (most do) gets the 413 rather than a broken pipe.
  constexpr std::uint64_t kDrainBytes = std::uint64_t{1} << 20;
  const std::string declared = req.get_header_value("Content-Length");
  std::uint64_t length = 0;
  const auto [end, ec] =
      std::from_chars(declared.data(), declared.data() + declared.size(), length);
  if (!declared.empty() && (ec != std::errc() || length > max_bytes + kDrainBytes)) {
    res.set_header("Connection", "close");
    reply_error(
        res,
        Error{errc::out_of_range, "Content-Length", declared.substr(0, 40),
              "larger than this endpoint's limit of " + std::to_string(max_bytes) + " bytes"},
        413);
    return body;
  }
  const auto deadline = std::chrono::steady_clock::now() + time_limit;
  bool too_large = false;
  bool too_slow = false;
  const bool read = reader([&](const char* data, std::size_t length) {
    if (body.text.size() + length > max_bytes) {
      too_large = true;
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      too_slow = true;
      return false;
    }
    body.text.append(data, length);
    return true;
  });
  if (too_large) {
    res.set_header("Connection", "close");  // the rest of the body is not read
    reply_error(
        res,
        Error{errc::out_of_range, "body", std::to_string(body.text.size() + 1) + "+ bytes",
              "larger than this endpoint's limit of " + std::to_string(max_bytes) + " bytes"},
        413);
    return body;
  }
  if (too_slow) {
    res.set_header("Connection", "close");
    reply_error(res,
                Error{errc::invalid_argument, "body", "",
                      "not received within " + std::to_string(time_limit.count()) + " seconds"},
                408);
    return body;
  }
  if (!read) {
    res.set_header("Connection", "close");
    reply_error(res, Error{errc::io_error, "body", "", "the body could not be read"}, 400);
    return body;
  }
  body.ok = true;
  return body;
}

std::string json_array(std::string_view lines) {
  std::string out = "[";
  std::size_t start = 0;
  bool first = true;
  while (start < lines.size()) {
    std::size_t end = lines.find('\n', start);
    if (end == std::string_view::npos) end = lines.size();
    if (end > start) {
      if (!first) out += ',';
      out.append(lines.substr(start, end - start));
      first = false;
    }
    start = end + 1;
  }
  out += ']';
  return out;
}

}  // namespace tpp::serve
