// The routes of `tpp serve`, by job; each registers its handlers on the server.
#pragma once

#include <httplib.h>

#include "serve.hpp"

namespace tpp::serve {

/// /v1/chips, /v1/chips/{id}, /v1/classify, /v1/explain, /v1/headroom, /v1/timeline, /v1/plot.
void add_chip_routes(httplib::Server& server, const ServeOptions& options);
/// /v1/catalog (streamed), /v1/fleet, /v1/quota.
void add_batch_routes(httplib::Server& server, const ServeOptions& options);
/// /, /app.js, /app.css, /healthz, /v1/openapi.json, /v1/rules, /v1/model.
void add_misc_routes(httplib::Server& server, const ServeOptions& options);

}  // namespace tpp::serve
