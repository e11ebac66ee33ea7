// `tpp serve`: the library over HTTP on loopback: a JSON API under /v1/ and a web page at /.
// Internal to the command line; the handlers call the same functions as the subcommands.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "tpp/core/error.hpp"

namespace tpp::serve {

/// The server's options and its limits. Every limit has a safe default; none is unbounded.
struct ServeOptions {
  std::string bind = "127.0.0.1";       ///< loopback unless told otherwise
  int port = 8080;                      ///< 0: any free port (printed on start)
  unsigned threads = 4;                 ///< connections served at once
  std::size_t queued_connections = 64;  ///< accepted and waiting for a thread; then accept waits
  std::size_t max_body_bytes = std::size_t{16} << 20;      ///< catalog, fleet, quota bodies
  std::size_t max_spec_body_bytes = std::size_t{1} << 20;  ///< a spec (classify, explain, ...)
  std::size_t max_header_bytes = 16 << 10;                 ///< all request headers together
  int request_seconds = 30;  ///< reading one request's body, and each socket read or write (5 s)
};

/// Serves until SIGTERM or SIGINT, then finishes the requests in flight and returns. The first
/// line on `out` says where it listens ("tpp serve: listening on http://127.0.0.1:8080/").
Result<void> run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace tpp::serve
