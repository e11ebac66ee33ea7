// What every route shares: the API's one error shape and its status, query parameters read
// into the command line's options (unknown ones refused), a chip from the request, and request
// bodies read within a size and a time limit.
#pragma once

#include <httplib.h>

#include <chrono>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../command_support.hpp"
#include "../commands.hpp"
#include "serve.hpp"

namespace tpp::serve {

/// The status an error is answered with: 404 for an unknown chip, 500 for tpp's own bug, 400
/// for everything else the caller sent.
int status_of(const Error& error);

/// {"error":{"code":..., "field":..., "value":..., "message":...}}: `code` is the library's
/// (tpp::to_string(errc)), `field` the query parameter or JSON path at fault.
std::string error_json(const Error& error);
void reply_error(httplib::Response& res, const Error& error, int status = 0);
void reply_json(httplib::Response& res, std::string body);

/// An error's field as the API names it: the command line's "--as-of" becomes "as_of".
Error api_error(Error error);

/// Refuses a query parameter not in `allowed` (a typo would otherwise be ignored silently), a
/// repeated one that is not `repeatable`, and overlong names or values.
Result<void> check_query(const httplib::Request& req, const std::vector<std::string_view>& allowed,
                         const std::vector<std::string_view>& repeatable = {});

/// A parameter's value, or empty.
std::string param(const httplib::Request& req, const char* name);
/// A yes/no parameter: absent, "true", "false", "1", "0".
Result<bool> flag(const httplib::Request& req, const char* name);

/// as_of, to, from_country, hq, tf32_bits, as the command line's options.
Result<cli::Common> common_of(const httplib::Request& req);

/// The query parameters that describe a chip (as the command line's --from, --tops, ...).
inline const std::vector<std::string_view> kFigureParams = {
    "from",       "tops",    "sparse_tops", "area_mm2",    "dies", "planar",
    "datacenter", "io_gbps", "memory_gbps", "transistors", "name"};
inline const std::vector<std::string_view> kCommonParams = {"as_of", "to", "from_country", "hq",
                                                            "tf32_bits"};

/// The chip a request names or describes: `id` (a path segment) or ?chip=, a spec in the
/// chips/ JSON format as the body, or figures in the query. Exactly one of them.
Result<std::shared_ptr<const ChipSpec>> chip_of(const httplib::Request& req, std::string_view id,
                                                const std::string& body);

/// Reads the request's body through `reader`: at most `max_bytes` (else 413) and within the
/// request time (else 408). On failure the error is replied and nothing is returned.
struct Body {
  bool ok = false;
  std::string text;
};
Body read_body(const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader, std::size_t max_bytes,
               std::chrono::seconds time_limit);

/// JSON Lines (one object a line) as one JSON array.
std::string json_array(std::string_view lines);

}  // namespace tpp::serve
