// The JSON reader: the shape of a good spec and every kind of bad input.
#include <doctest/doctest.h>

#include "test_specs.hpp"

using namespace tpp;

namespace {

std::string unit_with(const std::string& throughput) {
  return R"({"id":"x","name":"x","processing_units":[{"throughput":[)" + throughput + "]}]}";
}

Error error_of(const std::string& json) {
  const auto spec = read_spec_json(json);
  REQUIRE_MESSAGE(!spec.has_value(), "accepted: " << json);
  return spec.error();
}

}  // namespace

TEST_CASE("a full spec reads with its provenance") {
  const auto spec = read_spec_json(R"({
    "id": "demo", "name": "Demo", "datacenter": {"value": false, "source": "s", "confidence": "vendor"},
    "processing_units": [{"name": "tensor", "count": 2, "throughput": [
      {"precision": "fp8", "tops": 3958, "sparse": true, "source": "s", "confidence": "vendor"},
      {"precision": "6", "tops": 100, "confidence": "estimate", "unconfirmed": true, "note": "why"}]}],
    "dies": [{"name": "d", "area_mm2": {"value": 814, "source": "s"}}, {"name": "io", "area_mm2": null, "non_planar": false}],
    "io_bidirectional_gbps": 900,
    "memory": {"type": "HBM3", "bandwidth_gbps": 3350},
    "sources": {"s": {"url": "https://example.com", "grade": "C"}}})");
  REQUIRE_MESSAGE(spec.has_value(), (spec ? "" : spec.error().message()));
  CHECK_FALSE(spec->datacenter.value);
  CHECK(spec->processing_units[0].count == 2);
  CHECK(spec->processing_units[0].throughput[0].sparse);
  CHECK(spec->processing_units[0].throughput[1].precision.format == Format::custom);
  CHECK(spec->processing_units[0].throughput[1].provenance.confidence == Confidence::estimate);
  CHECK(spec->dies[1].area_mm2 == std::nullopt);
  CHECK(spec->find_source("s")->url == "https://example.com");
  CHECK(compute_metrics(*spec).value().tpp == Decimal::from_integer(31664));
}

TEST_CASE("bad input gets an error naming the field and the value") {
  struct Bad {
    const char* what;
    std::string json;
    errc code;
    const char* field;
    const char* value;
  };
  const Bad cases[] = {
      {"negative", unit_with(R"({"precision":"fp8","tops":-5})"), errc::out_of_range,
       "processing_units[0].throughput[0].tops", "-5"},
      {"zero", unit_with(R"({"precision":"fp8","tops":0})"), errc::out_of_range,
       "processing_units[0].throughput[0].tops", "0"},
      {"NaN as text", unit_with(R"({"precision":"fp8","tops":"NaN"})"), errc::wrong_type,
       "processing_units[0].throughput[0].tops", "\"NaN\""},
      {"infinite (the JSON parser rejects it)", unit_with(R"({"precision":"fp8","tops":1e999})"),
       errc::invalid_json, "json", ""},
      {"non-numeric", unit_with(R"({"precision":"fp8","tops":"lots"})"), errc::wrong_type,
       "processing_units[0].throughput[0].tops", "\"lots\""},
      {"too many digits", unit_with(R"({"precision":"fp8","tops":1.1234567})"),
       errc::invalid_number, "processing_units[0].throughput[0].tops", "1.1234567"},
      {"absurd", unit_with(R"({"precision":"fp8","tops":1000000001})"), errc::out_of_range,
       "processing_units[0].throughput[0].tops", "1000000001"},
      {"unknown precision", unit_with(R"({"precision":"fp7","tops":1})"), errc::unknown_precision,
       "processing_units[0].throughput[0].precision", "fp7"},
      {"precision twice", unit_with(R"({"precision":"fp8","tops":1},{"precision":"FP8","tops":2})"),
       errc::duplicate_precision, "processing_units[0].throughput[1].precision", "fp8"},
      {"empty", "", errc::invalid_json, "json", ""},
      {"malformed", R"({"id": "x",)", errc::invalid_json, "json", ""},
      {"not an object", "[1,2]", errc::wrong_type, "spec", "[1,2]"},
      {"no throughput", R"({"id":"x","processing_units":[]})", errc::no_throughput,
       "processing_units", ""},
      {"no units at all", R"({"id":"x"})", errc::no_throughput, "processing_units", ""},
      {"typo field", R"({"id":"x","processing_unit":[]})", errc::unknown_field, "processing_unit",
       "[]"},
      {"negative area",
       R"({"id":"x","processing_units":[{"throughput":[{"precision":"fp8","tops":1}]}],"dies":[{"area_mm2":-1}]})",
       errc::out_of_range, "dies[0].area_mm2", "-1"},
      {"zero area",
       R"({"id":"x","processing_units":[{"throughput":[{"precision":"fp8","tops":1}]}],"dies":[{"area_mm2":0}]})",
       errc::out_of_range, "dies[0].area_mm2", "0"},
      {"absurd area",
       R"({"id":"x","processing_units":[{"throughput":[{"precision":"fp8","tops":1}]}],"dies":[{"area_mm2":1e12}]})",
       errc::out_of_range, "dies[0].area_mm2", "1e+12"},
      {"undefined source", unit_with(R"({"precision":"fp8","tops":1,"source":"nowhere"})"),
       errc::missing_field, "processing_units[0].throughput[0].source", "nowhere"},
      {"fractional count",
       R"({"id":"x","processing_units":[{"count":1.5,"throughput":[{"precision":"fp8","tops":1}]}]})",
       errc::wrong_type, "processing_units[0].count", "1.5"},
  };
  for (const Bad& bad : cases) {
    CAPTURE(std::string(bad.what));
    const Error error = error_of(bad.json);
    if (bad.code == errc::invalid_json) CHECK(error.detail.find("pars") != std::string::npos);
    CHECK(error.code == bad.code);
    CHECK(error.field == bad.field);
    if (*bad.value != '\0') CHECK(error.value == bad.value);
    CHECK_FALSE(error.message().empty());
  }
}

TEST_CASE("a system names its ICs by id or inline spec") {
  const auto server = read_spec_json(
      R"({"id":"srv","name":"srv","kind":"system","contains":[{"chip":"H100","count":8}]})");
  REQUIRE_MESSAGE(server.has_value(), (server ? "" : server.error().message()));
  CHECK(server->contains[0].spec->id == "h100-sxm");
  const Error unknown =
      error_of(R"({"id":"srv","kind":"system","contains":[{"chip":"h1000","count":8}]})");
  CHECK(unknown.code == errc::unknown_chip);
  CHECK(unknown.field == "contains[0].chip");
}
