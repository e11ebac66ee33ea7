// The server: limits, the safety headers, the one error shape for what httplib itself refuses,
// the routes, and a graceful stop on SIGTERM or SIGINT.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <ctime>
#include <memory>
#include <thread>

#include "bounded_pool.hpp"
#include "http_support.hpp"
#include "routes.hpp"

namespace tpp::serve {

namespace {

// A socket read or write that waits longer than this fails (httplib's timeouts): a client
// that stops sending or reading frees its thread.
constexpr time_t kSocketSeconds = 5;
constexpr std::size_t kKeepAliveRequests = 100;

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

// With a loopback bind, a request must name a loopback host: a web page elsewhere cannot reach
// the server through a DNS name that resolves to 127.0.0.1 (DNS rebinding).
bool host_allowed(const httplib::Request& req) {
  std::string host = req.get_header_value("Host");
  if (host.starts_with("[")) {
    host = host.substr(1, host.find(']') == std::string::npos ? 0 : host.find(']') - 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string::npos) {
    host.resize(colon);
  }
  return host.empty() || is_loopback(host);
}

std::string what_failed(int status) {
  switch (status) {
    case 400: return "a malformed HTTP request";
    case 404: return "no such endpoint (see /v1/openapi.json)";
    case 405: return "method not allowed";
    case 413: return "the body is larger than the limit";
    case 414: return "the request line is too long";
    case 416: return "range not satisfiable";
    default: return "refused";
  }
}

void configure(httplib::Server& server, const ServeOptions& options, bool loopback) {
  server.new_task_queue = [threads = options.threads, queued = options.queued_connections] {
    return new BoundedPool(threads, queued);
  };
  server.set_payload_max_length(options.max_body_bytes);
  // The status line and headers go out in one write and the body in another: with Nagle's
  // algorithm the second waits for the client's delayed ACK (40 ms a request).
  server.set_tcp_nodelay(true);
  server.set_read_timeout(kSocketSeconds, 0);
  server.set_write_timeout(kSocketSeconds, 0);
  server.set_keep_alive_timeout(kSocketSeconds);
  server.set_keep_alive_max_count(kKeepAliveRequests);
  server.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
      // The page loads nothing from elsewhere; the map's SVG carries inline style.
      {"Content-Security-Policy",
       "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"},
  });
  server.set_pre_routing_handler(
      [options, loopback](const httplib::Request& req, httplib::Response& res) {
        std::size_t header_bytes = 0;
        for (const auto& [name, value] : req.headers)
          header_bytes += name.size() + value.size() + 4;
        if (header_bytes > options.max_header_bytes) {
          res.set_header("Connection", "close");
          reply_error(res,
                      Error{errc::out_of_range, "headers", std::to_string(header_bytes) + " bytes",
                            "request headers larger than " +
                                std::to_string(options.max_header_bytes) + " bytes"},
                      431);
          return httplib::Server::HandlerResponse::Handled;
        }
        if (loopback && !host_allowed(req)) {
          reply_error(res,
                      Error{errc::invalid_argument, "Host", req.get_header_value("Host"),
                            "this server is bound to loopback and answers loopback names only"},
                      421);
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });
  // What httplib answers itself (no route, too large, malformed) gets the API's error shape.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const std::string path = req.path.size() > 200 ? req.path.substr(0, 200) + "..." : req.path;
        reply_error(res,
                    Error{errc::invalid_argument, "request", req.method + " " + path,
                          what_failed(res.status)},
                    res.status);
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr failure) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(failure);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        reply_error(res, Error{errc::internal, "server", "", "internal error: " + what}, 500);
      });
  add_chip_routes(server, options);
  add_batch_routes(server, options);
  add_misc_routes(server, options);
}

}  // namespace

Result<void> run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  if (options.threads < 1 || options.threads > 256) {
    return fail(errc::out_of_range, "--threads", std::to_string(options.threads),
                "must be from 1 to 256");
  }
  if (options.port < 0 || options.port > 65535) {
    return fail(errc::out_of_range, "--port", std::to_string(options.port),
                "must be from 0 (any free port) to 65535");
  }
  // SIGTERM and SIGINT are taken by one thread (sigwait), never by a handler: blocked here,
  // before any thread starts, so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);

  const bool loopback = is_loopback(options.bind);
  httplib::Server server;
  configure(server, options, loopback);
  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.bind);
  } else if (!server.bind_to_port(options.bind, port)) {
    port = -1;
  }
  if (port < 0) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return fail(errc::io_error, "--bind", options.bind + ":" + std::to_string(options.port),
                "cannot listen there (in use, or not an address of this machine)");
  }
  if (!loopback) {
    err << "tpp serve: warning: listening on " << options.bind
        << ", not loopback: anyone who can reach it can use it (no authentication, no TLS)\n";
  }
  out << "tpp serve: listening on http://"
      << (options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind)
      << ":" << port << "/" << std::endl;

  std::atomic<bool> listening_ended{false};
  std::thread stopper([&] {
    const timespec poll{0, 200'000'000};
    while (!listening_ended.load()) {
      if (sigtimedwait(&stop_signals, nullptr, &poll) > 0) {
        server.stop();  // requests in flight finish, queued connections are served
        return;
      }
    }
  });
  const bool served = server.listen_after_bind();
  listening_ended.store(true);  // the stopper returns within 200 ms if no signal came
  stopper.join();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  out << "tpp serve: stopped" << std::endl;
  if (!served) return fail(errc::io_error, "server", "", "the listening socket failed");
  return {};
}

}  // namespace tpp::serve
