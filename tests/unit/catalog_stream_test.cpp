// run_catalog over a stream the caller has open (tpp serve's request bodies) gives what it gives
// over the same bytes in a file.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tpp/batch/catalog.hpp"

using namespace tpp;

namespace {

struct Run {
  bool ok = false;
  std::string out;
  std::string error;
};

Run from_file(const std::string& text, const std::string& extension,
              const CatalogOptions& options) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("tpp_catalog_stream_test" + std::to_string(::getpid()) + extension);
  std::ofstream(path, std::ios::binary) << text;
  std::ostringstream out;
  std::ostringstream err;
  auto stats = run_catalog({path}, out, err, options);
  std::filesystem::remove(path);
  return {stats.has_value(), out.str(), stats ? "" : stats.error().message()};
}

Run from_stream(const std::string& text, const CatalogOptions& options) {
  std::istringstream in(text);
  std::ostringstream out;
  std::ostringstream err;
  auto stats = run_catalog(in, "body", out, err, options);
  return {stats.has_value(), out.str(), stats ? "" : stats.error().message()};
}

}  // namespace

TEST_CASE("catalog over a stream: the same results as over a file") {
  CatalogOptions options;
  options.as_of = parse_date("2026-11-22").value();
  options.threads = 2;
  options.chunk_bytes = 64;  // several chunks, so that the stream is read in pieces
  const std::string jsonl =
      R"({"id":"a","name":"a","processing_units":[{"throughput":[{"precision":"fp8","tops":296}]}],"dies":[{"area_mm2":814}]})"
      "\n"
      R"({"id":"b","name":"b","processing_units":[{"throughput":[{"precision":"fp8","tops":301}]}],"dies":[{"area_mm2":814}]})"
      "\n{not json}\n";
  for (const CatalogOutput output : {CatalogOutput::jsonl, CatalogOutput::csv}) {
    options.output = output;
    options.input = CatalogInput::jsonl;
    const Run file = from_file(jsonl, ".jsonl", options);
    const Run stream = from_stream(jsonl, options);
    REQUIRE(file.ok);
    REQUIRE(stream.ok);
    CHECK(stream.out == file.out);
    CHECK(stream.out.find("3A090.b.1") != std::string::npos);
  }
  const std::string csv = "id,name,fp8,die_area_mm2\nh,h,296,814\ni,i,301,814\n";
  options.input = CatalogInput::csv;
  options.output = CatalogOutput::jsonl;
  const Run file = from_file(csv, ".csv", options);
  const Run stream = from_stream(csv, options);
  REQUIRE(file.ok);
  CHECK(stream.out == file.out);
}

TEST_CASE("catalog over a stream: the format must be given, and a bad header fails the run") {
  CatalogOptions options;
  const Run unnamed = from_stream("{}\n", options);
  CHECK_FALSE(unnamed.ok);
  CHECK(unnamed.error.find("input_format") != std::string::npos);
  options.input = CatalogInput::csv;
  const Run header = from_stream("a,b\n1,2\n", options);
  CHECK_FALSE(header.ok);
  CHECK(header.error.find("body: line 1") != std::string::npos);
}
