// The page and its files, the OpenAPI document, /healthz, the rule package, compare, model
// weights.
#include "../compare_command.hpp"
#include "assets.hpp"
#include "http_support.hpp"
#include "routes.hpp"

namespace tpp::serve {

namespace {

void add_asset(httplib::Server& server, const char* path, const char* name, const char* type) {
  server.Get(path, [name, type](const httplib::Request& req, httplib::Response& res) {
    if (auto ok = check_query(req, {}); !ok) return reply_error(res, ok.error());
    const auto text = asset(name);
    if (!text) {
      return reply_error(res, Error{errc::internal, "asset", name, "not compiled in"});
    }
    res.set_content(text->data(), text->size(), type);
  });
}

}  // namespace

void add_misc_routes(httplib::Server& server, const ServeOptions&) {
  add_asset(server, "/", "index.html", "text/html; charset=utf-8");
  add_asset(server, "/app.js", "app.js", "text/javascript; charset=utf-8");
  add_asset(server, "/app.css", "app.css", "text/css; charset=utf-8");
  add_asset(server, "/v1/openapi.json", "openapi.json", "application/json");
  server.Get("/healthz", [](const httplib::Request& req, httplib::Response& res) {
    if (auto ok = check_query(req, {}); !ok) return reply_error(res, ok.error());
    reply_json(res, std::string("{\"status\":\"ok\",\"tool\":\"tpp ") + tpp::version_string +
                        "\",\"rules_version\":\"" + std::string(active_rules().version()) + "\"}");
  });
  server.Get("/v1/rules", [](const httplib::Request& req, httplib::Response& res) {
    if (auto ok = check_query(req, {}); !ok) return reply_error(res, ok.error());
    reply_json(res, render_rules(active_rules(), true));
  });
  server.Get("/v1/compare", [](const httplib::Request& req, httplib::Response& res) {
    if (auto ok = check_query(req, {"chips", "as_of", "to", "from_country", "hq", "tf32_bits"});
        !ok) {
      return reply_error(res, ok.error());
    }
    auto common = common_of(req);
    if (!common) return reply_error(res, common.error());
    // chips=a,b,c: the ids or aliases `tpp compare a b c` takes.
    std::vector<std::string> names;
    const std::string list = param(req, "chips");
    for (std::string_view rest = list; !rest.empty();) {
      const std::size_t comma = rest.find(',');
      names.emplace_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    auto out = cli::run_compare(*common, names);
    if (!out) return reply_error(res, out.error());
    reply_json(res, std::move(*out));
  });
  server.Get("/v1/model", [](const httplib::Request& req, httplib::Response& res) {
    if (auto ok =
            check_query(req, {"training_ops", "published", "derived_from_ops", "as_of", "to"});
        !ok) {
      return reply_error(res, ok.error());
    }
    auto common = common_of(req);
    if (!common) return reply_error(res, common.error());
    cli::ModelArgs args;
    args.training_ops = param(req, "training_ops");
    if (args.training_ops.empty()) {
      return reply_error(res, Error{errc::missing_field, "training_ops", "",
                                    "give the training operations, e.g. 3e26"});
    }
    auto published = flag(req, "published");
    if (!published) return reply_error(res, published.error());
    args.published = *published;
    if (req.has_param("derived_from_ops")) args.derived_from_ops = param(req, "derived_from_ops");
    auto out = cli::run_model(*common, args);
    if (!out) return reply_error(res, out.error());
    reply_json(res, std::move(*out));
  });
}

}  // namespace tpp::serve
