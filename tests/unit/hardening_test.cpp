// The hardening audit's findings as library-level regression tests; they also run under ASan and
// UBSan (tools/sanitize.sh), where the original faults were fatal.
#include <doctest/doctest.h>

#include <sstream>

#include "test_specs.hpp"

using namespace tpp;

namespace {

std::vector<CatalogRecord> lean(std::string_view text) {
  CatalogOptions options;
  options.as_of = tpp::test::date("2026-11-22");
  return classify_jsonl_block(text, 1, options);
}

}  // namespace

TEST_CASE("a `nan` token and a lead-zero number are record errors on both paths") {
  const auto records = lean(
      R"({"id":"ok","name":"ok","processing_units":[{"throughput":[{"precision":"fp8","tops":296}]}],"dies":[{"area_mm2":814}]})"
      "\n"
      R"({"id":"x","name":"x","processing_units":[{"throughput":[{"precision":"fp8","tops":296}]}],"dies":[{"area_mm2":nan}]})"
      "\n"
      R"({"id":"z","name":"x","processing_units":[{"throughput":[{"precision":"fp8","tops":007}]}]})");
  REQUIRE(records.size() == 3);
  CHECK_FALSE(records[0].error.has_value());
  REQUIRE(records[1].error.has_value());
  CHECK(records[1].error->code == errc::invalid_json);
  REQUIRE(records[2].error.has_value());
  CHECK_FALSE(
      read_spec_json(R"({"processing_units":[{"throughput":[{"precision":"fp8","tops":007}]}]})")
          .has_value());
}

TEST_CASE("a lean-path TPP past 92,233 does not overflow in the kernel") {
  // TPP 100,000 x 8 bits: the 64-bit product path cannot hold it; the 128-bit one decides.
  const auto records = lean(
      R"({"id":"big","name":"big","processing_units":[{"throughput":[{"precision":"fp8","tops":100000000}]}],"dies":[{"area_mm2":1}]})"
      "\n"
      R"({"id":"big","name":"big","processing_units":[{"throughput":[{"precision":"fp8","tops":20000}]}],"dies":[{"area_mm2":100}]})");
  REQUIRE(records.size() == 2);
  for (const CatalogRecord& record : records) {
    REQUIRE_FALSE(record.error.has_value());
    CHECK(record.result().paragraph == "3A090.a.1");
  }
}

TEST_CASE("JSON nested past 64 levels is refused before parsing") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto spec = read_spec_json(deep);
  REQUIRE_FALSE(spec.has_value());
  CHECK(spec.error().detail.find("nested deeper than 64 levels") != std::string::npos);
  const auto fleet = FleetReader::from_string(R"({"lines":)" + deep + "}", FleetFormat::json);
  REQUIRE_FALSE(fleet.has_value());
}

TEST_CASE("a stray CSV quote is contained to its record; a duplicate column is refused") {
  std::string text = "chip,quantity\n";
  for (int i = 0; i < 3000; ++i)
    text += (i == 10 ? "\"h100,1\n" : "h100,1\n");
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<std::string_view> fields;
  int records = 0;
  int errors = 0;
  for (;;) {
    auto got = reader.next(fields);
    if (!got) {
      ++errors;
      CHECK(got.error().field == "line 12");
      CHECK(got.error().detail.find("stray quote") != std::string::npos);
      continue;
    }
    if (!*got) break;
    ++records;
  }
  CHECK(errors == 1);
  CHECK(records == 3000);  // the header, and every row but the broken one
  auto duplicate = FleetReader::from_string("chip,quantity,chip\nh100,1,h20\n", FleetFormat::csv);
  REQUIRE(duplicate.has_value());
  auto line = duplicate->next();
  REQUIRE_FALSE(line.has_value());
  CHECK(line.error().detail.find("appears twice") != std::string::npos);
}

TEST_CASE("input echoed in a message has no raw control characters or invalid UTF-8") {
  const Error error{errc::unknown_chip, "chip", "\x1b]0;pwned\x07\xff", "no such chip"};
  const std::string message = error.message();
  CHECK(message == "chip = \\x1B]0;pwned\\x07\\xFF: no such chip");
}

TEST_CASE("a fleet quantity of 10^12 totals without overflow") {
  auto reader = FleetReader::from_string("chip,quantity\nh100,1000000000000\n", FleetFormat::csv);
  REQUIRE(reader.has_value());
  FleetAccount account;
  auto line = reader->next();
  REQUIRE(line.has_value());
  REQUIRE(account.add(**line).has_value());
  CHECK(render_fleet_totals(account, false).find("1,000,000,000,000") != std::string::npos);
}
