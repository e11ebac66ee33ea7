// The hardening audit's findings as library-level regression tests; they also run under ASan and
// UBSan (tools/sanitize.sh), where the original faults were fatal.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../../lib/src/core/text_escape.hpp"
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

TEST_CASE("the lean path takes exactly the numbers JSON allows, as the single path does") {
  // Found by fuzzing: simdjson let `814.` through to the lean path, which classified it.
  for (const char* token : {"814.", "1.e2", "1e", "1e+", "-", "01", "-01.5", ".5", "+814"}) {
    const std::string line =
        std::string(
            R"({"id":"x","name":"x","processing_units":[{"throughput":[{"precision":"fp8","tops":296}]}],"dies":[{"area_mm2":)") +
        token + "}]}";
    const auto records = lean(line);
    REQUIRE(records.size() == 1);
    CHECK_MESSAGE(records[0].error.has_value(), token);
    CHECK_FALSE_MESSAGE(read_spec_json(line).has_value(), token);
  }
  for (const char* token : {"814", "814.0", "8.14e2", "8.14E+2", "81400e-2", "0.5"}) {
    const std::string line =
        std::string(
            R"({"id":"x","name":"x","processing_units":[{"throughput":[{"precision":"fp8","tops":296}]}],"dies":[{"area_mm2":)") +
        token + "}]}";
    const auto records = lean(line);
    REQUIRE(records.size() == 1);
    CHECK_FALSE_MESSAGE(records[0].error.has_value(), token);
    CHECK_MESSAGE(read_spec_json(line).has_value(), token);
  }
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

TEST_CASE("a stray CSV quote is contained to its record - a duplicate column is refused") {
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
  // Found by fuzzing: the compute report (`tpp fleet --days`) overflowed printing the count.
  account.count_compute(ComputeOptions{Decimal::from_integer(30)});
  auto line = reader->next();
  REQUIRE(line.has_value());
  REQUIRE(account.add(**line).has_value());
  CHECK(render_fleet_totals(account, false).find("1,000,000,000,000") != std::string::npos);
  const auto compute = account.compute_report();
  REQUIRE(compute.has_value());
  CHECK(render_fleet_compute(*compute, false).find("1,000,000,000,000 x") != std::string::npos);
  CHECK(nlohmann::json::parse(render_fleet_compute(*compute, true)).is_object());
}

TEST_CASE("catalog output is valid UTF-8 on the lean CSV path too, as the full writer writes it") {
  // Found by fuzzing: the lean flat-CSV writer copied an id's invalid UTF-8 into its output.
  namespace fs = std::filesystem;
  const fs::path file = fs::temp_directory_path() / "tpp-hardening-utf8.csv";
  std::ofstream(file) << "id,name,fp8\n"
                      << "c\xCD"
                         "e,plain,296\n"
                      << "caf\xC3\xA9,tab\there,296\n"
                      << "q,\"a \"\"quoted\"\", name\",296\n"
                      << "esc,\x1B[31mred,296\n";
  for (const CatalogOutput output : {CatalogOutput::jsonl, CatalogOutput::csv}) {
    CatalogOptions options;
    options.as_of = tpp::test::date("2026-11-22");
    options.output = output;
    options.fields = CatalogFields::full();
    options.threads = 1;
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(run_catalog({file}, out, err, options).has_value());
    const std::string text = out.str();
    std::string valid;
    detail::append_valid_utf8(valid, text, false);
    CHECK(valid == text);
    CHECK(text.find("caf\xC3\xA9") != std::string::npos);  // valid UTF-8 is kept
    if (output == CatalogOutput::jsonl) {
      std::istringstream lines(text);
      std::vector<nlohmann::json> records;
      std::string line;
      REQUIRE(std::getline(lines, line));  // the run's facts
      CHECK(nlohmann::json::parse(line).contains("run"));
      while (std::getline(lines, line))
        records.push_back(nlohmann::json::parse(line));
      REQUIRE(records.size() == 4);
      CHECK(records[0]["id"] ==
            "c\xEF\xBF\xBD"
            "e");
      CHECK(records[1]["name"] == "tab\there");
      CHECK(records[2]["name"] == "a \"quoted\", name");
      CHECK(records[3]["name"] == "\x1B[31mred");  // JSON escapes it: \u001b
    } else {
      CHECK(text.find("\nline,") == std::string::npos);
      CHECK(text.find("c\xEF\xBF\xBD"
                      "e,plain") != std::string::npos);
      CHECK(text.find("\"a \"\"quoted\"\", name\"") != std::string::npos);
      CHECK(text.find("\xEF\xBF\xBD[31mred") != std::string::npos);  // no terminal escape in CSV
    }
  }
  fs::remove(file);
}

TEST_CASE("Epoch's CSV: a stray quote is an error record naming its line, and reading goes on") {
  // Found by fuzzing: the Epoch path stopped at a broken record without writing it, and named
  // the line one too low; a `nan` bit-op/s cell went into the JSON as a bare nan; 1e300 FLOP/s
  // printed past its buffer.
  CatalogOptions options;
  options.as_of = tpp::test::date("2026-11-22");
  options.fields = CatalogFields::full();
  std::ostringstream out;
  std::ostringstream err;
  const auto stats = run_catalog(
      {std::string(TPP_SOURCE_DIR) + "/tests/unit/data/epoch-made-up.csv"}, out, err, options);
  REQUIRE(stats.has_value());
  CHECK(stats->records == 5);
  CHECK(stats->failed == 2);
  std::istringstream lines(out.str());
  std::vector<nlohmann::json> records;
  std::string line;
  REQUIRE(std::getline(lines, line));  // the run's facts
  while (std::getline(lines, line))
    records.push_back(nlohmann::json::parse(line));  // every line is JSON: no bare nan
  REQUIRE(records.size() == 5);
  for (std::size_t i = 0; i < records.size(); ++i)
    CHECK(records[i]["line"] == i + 2);
  CHECK(records[0]["epoch_tpp"] == 8000);
  CHECK_FALSE(records[1].contains("epoch_tpp"));  // nan: not compared
  CHECK(records[2]["error"]["value"] == "1e300");
  CHECK(records[3]["error"]["field"] == "line 5");
  CHECK(records[3]["error"]["reason"].get<std::string>().find("lines 5-6") != std::string::npos);
  CHECK(records[4]["name"] == "Example After");
  CHECK(records[4]["paragraph"] == "3A090.a.1");
}

// The CSV catalog output of `file` in one chunk, in 1-byte chunks on one thread, and in 7-byte
// chunks on two threads.
static std::vector<std::string> csv_in_chunkings(const std::filesystem::path& file) {
  std::vector<std::string> outputs;
  for (const std::size_t chunk_bytes : {std::size_t{1} << 20, std::size_t{1}, std::size_t{7}}) {
    CatalogOptions options;
    options.as_of = tpp::test::date("2026-11-22");
    options.output = CatalogOutput::csv;
    options.fields = CatalogFields::full();
    options.chunk_bytes = chunk_bytes;
    options.threads = chunk_bytes == 7 ? 2 : 1;
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(run_catalog({file}, out, err, options).has_value());
    outputs.push_back(out.str());
  }
  return outputs;
}

TEST_CASE("a stray quote in a flat CSV catalog reads the same in one chunk or in many") {
  // Found by fuzzing: a chunk's reader counted lines from the chunk, so the error's line range
  // depended on where the chunks were cut.
  namespace fs = std::filesystem;
  const fs::path file = fs::temp_directory_path() / "tpp-hardening-stray.csv";
  std::ofstream(file) << "id,name,fp8\na,b,296\nc,\"open,1\nd,e,2\n";
  const std::vector<std::string> outputs = csv_in_chunkings(file);
  CHECK(outputs[0] == outputs[1]);
  CHECK(outputs[0] == outputs[2]);
  CHECK(outputs[0].find("\n2,3,,,") != std::string::npos);  // record 2, line 3: the error
  CHECK(outputs[0].find("lines 3-4") != std::string::npos);
  CHECK(outputs[0].find("\n3,4,d,e,") != std::string::npos);  // record 3 reads on
  fs::remove(file);
}

TEST_CASE("a byte-order mark inside a flat CSV is data, however the file is cut into chunks") {
  // Found by fuzzing: a chunk's reader skipped a byte-order mark at the chunk's start, as if it
  // began the file, so the record's id lost it in some chunkings only.
  namespace fs = std::filesystem;
  const fs::path file = fs::temp_directory_path() / "tpp-hardening-bom.csv";
  std::ofstream(file) << "\xEF\xBB\xBFid,name,fp8\na,b,296\n\xEF\xBB\xBF"
                         "c,d,300\n";
  const std::vector<std::string> outputs = csv_in_chunkings(file);
  CHECK(outputs[0] == outputs[1]);
  CHECK(outputs[0] == outputs[2]);
  CHECK(outputs[0].find("\n1,2,a,") != std::string::npos);  // the file's own mark is skipped
  CHECK(outputs[0].find("\n2,3,\xEF\xBB\xBF"
                        "c,") != std::string::npos);  // a later one is data
  fs::remove(file);
}
