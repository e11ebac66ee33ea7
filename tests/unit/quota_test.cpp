// Fleets and quotas: exact sums, the caps and their first crossings, bad lines.
#include <doctest/doctest.h>

#include <fstream>

#include "test_specs.hpp"

using namespace tpp;

namespace {

// A fleet CSV from rows of
// "ship_date,chip,quantity,destination,consignee,end_user,veu,end_user_hq".
FleetReader csv(const std::vector<std::string>& rows) {
  std::string text = "ship_date,chip,quantity,destination,consignee,end_user,veu,end_user_hq\n";
  for (const std::string& row : rows)
    text += row + "\n";
  return FleetReader::from_string(text, FleetFormat::csv).value();
}

struct Run {
  QuotaReport report;
  std::vector<QuotaLineResult> lines;
  std::vector<Error> errors;
};

// The AI Diffusion policy as published, had it bound: its caps in force over the whole window
// (the bundled policy never bound: compliance was due after non-enforcement began).
const QuotaPolicy& as_if_binding() {
  static const QuotaPolicy policy = [] {
    QuotaPolicy p = active_rules().quota_policy();
    p.compliance_from.reset();
    return p;
  }();
  return policy;
}

Run account(FleetReader reader, const QuotaPolicy& policy = as_if_binding(), bool what_if = false) {
  QuotaLedger ledger(policy, QuotaOptions{what_if});
  Run run;
  for (;;) {
    auto next = reader.next();
    if (!next) {
      run.errors.push_back(next.error());
      continue;
    }
    if (!*next) break;
    auto result = ledger.add(**next);
    if (result) {
      run.lines.push_back(*result);
    } else {
      run.errors.push_back(result.error());
    }
  }
  run.report = ledger.report();
  return run;
}

const CapResult* cap(const Run& run, std::string_view name, std::string_view key) {
  for (const CapResult& c : run.report.caps) {
    if (c.cap == name && c.key == key) return &c;
  }
  return nullptr;
}

// An inline JSON-lines fleet: a 1-bit custom chip whose TPP is its TOPS figure.
std::string custom_line(const std::string& date, const std::string& tops, int quantity,
                        const std::string& consignee, const std::string& to = "IN") {
  return R"({"ship_date":")" + date +
         R"(","spec":{"id":"x","name":"x","processing_units":[{"throughput":[{"precision":"1","tops":)" +
         tops + R"(}]}]},"quantity":)" + std::to_string(quantity) + R"(,"destination":")" + to +
         R"(","consignee":")" + consignee + "\"}\n";
}

}  // namespace

TEST_CASE("LPP: exactly 26,900,000 TPP in a year is within - one more H100 is not") {
  // 1,000 chips of 26,900 TPP (custom, TPP >= 4800 so 3A090.a.1) = 26,900,000 exactly.
  std::string text = custom_line("2025-02-01", "26900", 1000, "Acme");
  text +=
      R"({"ship_date":"2025-02-02","chip":"h100-sxm","quantity":1,"destination":"IN","consignee":"Acme"})"
      "\n";
  const Run run = account(FleetReader::from_string(text, FleetFormat::jsonl).value());
  REQUIRE(run.errors.empty());
  REQUIRE(run.lines.size() == 2);
  CHECK(run.lines[0].route == "LPP");
  CHECK(run.lines[1].route == "allocation");
  const CapResult* lpp = cap(run, "LPP", "Acme 2025");
  REQUIRE(lpp != nullptr);
  CHECK(lpp->used == times(Decimal::from_integer(26900), 1000));
  CHECK(lpp->first_crossing_line == 2);
}

TEST_CASE("LPP resets at the calendar year") {
  std::string text = custom_line("2025-03-01", "26900", 1000, "Acme");
  text += custom_line("2026-01-01", "26900", 1000, "Acme");
  const Run run = account(FleetReader::from_string(text, FleetFormat::jsonl).value(),
                          active_rules().quota_policy(), true);
  REQUIRE(run.lines.size() == 2);
  CHECK(run.lines[1].route == "LPP");
  CHECK(cap(run, "LPP", "Acme 2026")->within);
}

TEST_CASE("a Tier-2 country allocation, with and without a government-to-government agreement") {
  QuotaPolicy policy = as_if_binding();
  policy.lpp_tpp_per_consignee_year = Decimal{};               // everything goes to the allocation
  policy.allocation_tpp = Decimal::from_integer(100'000'000);  // small, to cross it
  const auto rows = std::vector<std::string>{
      "2025-02-01,h100-sxm,5000,IN,A,,,",  // 79,160,000
      "2025-02-02,h100-sxm,2000,IN,B,,,",  // +31,664,000 = 110,824,000 > 100,000,000
  };
  const Run without = account(csv(rows), policy);
  const CapResult* in = cap(without, "Tier-2 allocation", "IN");
  REQUIRE(in != nullptr);
  CHECK_FALSE(in->within);
  CHECK(in->first_crossing_line == 3);
  policy.g2g_countries = {"IN"};
  const Run with = account(csv(rows), policy);
  CHECK(cap(with, "Tier-2 allocation", "IN")->within);
  CHECK(cap(with, "Tier-2 allocation", "IN")->limit ==
        times(Decimal::from_integer(100'000'000), 2));
}

TEST_CASE("UVEU geography: Tier-1 share, single Tier-2 country share, US share for a US UVEU") {
  const Run ok = account(
      csv({"2025-02-01,h100-sxm,930,US,V,V,UVEU,US", "2025-02-02,h100-sxm,70,IN,V,V,UVEU,US"}));
  CHECK(cap(ok, "UVEU geography", "V")->within);  // IN at exactly 7% is within
  const Run tier2 = account(
      csv({"2025-02-01,h100-sxm,920,US,V,V,UVEU,US", "2025-02-02,h100-sxm,80,IN,V,V,UVEU,US"}));
  const CapResult* c = cap(tier2, "UVEU geography", "V");
  CHECK_FALSE(c->within);
  CHECK(c->first_crossing_line == 3);
  CHECK(c->reason.find("IN's share") != std::string::npos);
  const Run us = account(
      csv({"2025-02-01,h100-sxm,600,DE,W,W,UVEU,US", "2025-02-02,h100-sxm,400,US,W,W,UVEU,US"}));
  CHECK(cap(us, "UVEU geography", "W")->reason.find("US share") != std::string::npos);
  const Run tier1 = account(
      csv({"2025-02-01,h100-sxm,74,DE,X,X,UVEU,DE", "2025-02-02,h100-sxm,6,IN,X,X,UVEU,DE",
           "2025-02-03,h100-sxm,6,AE,X,X,UVEU,DE", "2025-02-04,h100-sxm,6,SG,X,X,UVEU,DE",
           "2025-02-05,h100-sxm,6,MY,X,X,UVEU,DE", "2025-02-06,h100-sxm,2,BR,X,X,UVEU,DE"}));
  CHECK(cap(tier1, "UVEU geography", "X")->reason.find("Tier-1 share") != std::string::npos);
}

TEST_CASE("Tier 3 (D:5 and Macau): nothing licence-free") {
  const Run run = account(csv({"2025-02-01,h100-sxm,1,MO,M,,,", "2025-02-02,h100-sxm,1,CN,C,,,"}));
  CHECK(run.lines[0].route == "Tier 3");
  CHECK(run.lines[1].route == "Tier 3");
  CHECK(cap(run, "Tier 3", "MO")->first_crossing_line == 2);
  CHECK(cap(run, "Tier 3", "CN")->first_crossing_line == 3);
}

TEST_CASE("the 500-H100 what-if changes which shipment is first to cross LPP") {
  const std::string root = TPP_SOURCE_DIR;
  auto published = FleetReader::open(root + "/examples/fleets/shipments.csv");
  REQUIRE(published.has_value());
  const Run base = account(std::move(*published));
  std::ifstream file(root + "/examples/policies/lpp-500.json");
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const auto what_if = read_policy_json(text);
  REQUIRE(what_if.has_value());
  const Run cut =
      account(FleetReader::open(root + "/examples/fleets/shipments.csv").value(), *what_if);
  const CapResult* before = cap(base, "LPP", "Acme Cloud India 2025");
  const CapResult* after = cap(cut, "LPP", "Acme Cloud India 2025");
  REQUIRE(before != nullptr);
  REQUIRE(after != nullptr);
  CHECK(before->first_crossing_line == 6);
  CHECK(after->first_crossing_line == 2);
}

TEST_CASE("the AI Diffusion caps as published never bound: every shipment is a what-if") {
  const QuotaPolicy& published = active_rules().quota_policy();
  REQUIRE(published.compliance_from.has_value());
  CHECK(*published.compliance_from == tpp::test::date("2025-05-15"));
  CHECK(published.window_until == tpp::test::date("2025-05-12"));
  for (const char* day : {"2025-01-13", "2025-03-01", "2025-05-12", "2025-05-15"}) {
    CAPTURE(std::string(day));
    const Run run = account(csv({std::string(day) + ",h100-sxm,10,IN,A,,,"}), published);
    REQUIRE(run.lines.size() == 1);
    CHECK(run.lines[0].route == "not binding");
    CHECK(run.report.accounted == 0);
    const Run what_if = account(csv({std::string(day) + ",h100-sxm,10,IN,A,,,"}), published, true);
    CHECK(what_if.lines[0].route == "LPP");
  }
}

TEST_CASE("shipments outside the window count only as a what-if - non-3A090.a lines never") {
  const Run run = account(csv({"2025-06-01,h100-sxm,10,IN,A,,,", "2025-02-01,h20,10,CN,B,,,"}));
  CHECK(run.lines.size() == 1);  // the second goes back in time: an error
  CHECK(run.lines[0].route == "not binding");
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].field == "line 3: ship_date");
  const Run what_if = account(csv({"2025-06-01,h100-sxm,10,IN,A,,,", "2025-07-01,h20,10,CN,B,,,"}),
                              active_rules().quota_policy(), true);
  CHECK(what_if.lines[0].route == "LPP");
  CHECK(what_if.lines[1].route == "not counted");
}

TEST_CASE("bad lines name the line and the field - the rest is read") {
  auto reader = csv({"2025-02-01,h100,10,IN,A,,,", "2025-02-01,h2O,10,IN,A,,,",
                     "2025-02-01,h100,-3,IN,A,,,", "2025-02-01,h100,2.5,IN,A,,,",
                     "2021-02-01,h100,1,IN,A,,,", "2025-02-01,h100,1,Atlantis,A,,,",
                     "2025-02-30,h100,1,IN,A,,,", "2025-02-01,h100,1,IN,A,,XVEU,",
                     "2025-02-01,h100,1,IN,A,,,,extra", "2025-02-02,h100,1,IN,A,,,"});
  std::vector<Error> errors;
  int good = 0;
  for (;;) {
    auto next = reader.next();
    if (!next) {
      errors.push_back(next.error());
      continue;
    }
    if (!*next) break;
    ++good;
  }
  CHECK(good == 2);
  REQUIRE(errors.size() == 8);
  CHECK(errors[0].field == "line 3: chip");
  CHECK(errors[0].detail.find("h20") != std::string::npos);  // a suggestion
  CHECK(errors[1].field == "line 4: quantity");
  CHECK(errors[1].value == "-3");
  CHECK(errors[2].value == "2.5");
  CHECK(errors[3].field == "line 6: ship_date");
  CHECK(errors[4].field == "line 7: destination");
  CHECK(errors[5].field == "line 8: ship_date");
  CHECK(errors[6].field == "line 9: veu");
  CHECK(errors[7].field == "line 10: row");
}

TEST_CASE("CSV: quoted fields, CRLF, a byte-order mark, columns in any order") {
  const std::string text =
      "\xEF\xBB\xBF"
      "quantity,\"chip\",consignee\r\n"
      "3,h100-sxm,\"Acme, Inc. \"\"West\"\"\"\r\n"
      "\r\n"
      "2,\"h20\",\"multi\nline\"\r\n";
  auto reader = FleetReader::from_string(text, FleetFormat::csv).value();
  auto first = reader.next().value();
  REQUIRE(first.has_value());
  CHECK(first->quantity == 3);
  CHECK(first->consignee == "Acme, Inc. \"West\"");
  auto second = reader.next().value();
  REQUIRE(second.has_value());
  CHECK(second->chip->id == "h20");
  CHECK(second->consignee == "multi\nline");
  CHECK(second->line == 4);
  CHECK_FALSE(reader.next().value().has_value());
}

TEST_CASE("fleet sums are exact over many lines") {
  FleetAccount fleet(Options{tpp::test::date("2026-01-01")});
  FleetLine line;
  line.chip = ChipDatabase::bundled().find_shared("h800-sxm").value();  // TPP 15,831.2
  line.quantity = 1;
  for (int i = 0; i < 200'000; ++i)
    REQUIRE(fleet.add(line).has_value());
  CHECK(fleet.total().tpp == times(parse_decimal("15831.2").value(), 200'000));
  CHECK(format_decimal(fleet.total().tpp, 1, true) == "3,166,240,000");
}

TEST_CASE("H100-equivalents by TPP and by Epoch AI's 8-bit convention") {
  ChipSpec b300 = tpp::test::spec_of({{"fp4", "15000"}, {"fp8", "5000"}});  // FP4 dominates TPP
  const auto facts = chip_facts(b300).value();
  CHECK(facts.tpp == Decimal::from_integer(60000));
  CHECK(facts.dense_8bit_tops == Decimal::from_integer(5000));
  FleetLine line;
  line.chip = std::make_shared<const ChipSpec>(b300);
  line.quantity = 1;
  FleetAccount by_tpp(Options{tpp::test::date("2026-01-01")}, H100Convention::tpp);
  FleetAccount by_epoch(Options{tpp::test::date("2026-01-01")}, H100Convention::epoch_8bit);
  CHECK(by_tpp.add(line)->h100_equivalents == doctest::Approx(60000.0 / 15832));
  CHECK(by_epoch.add(line)->h100_equivalents == doctest::Approx(5000.0 / 1979));
}

TEST_CASE("a bad policy file names the field") {
  CHECK(read_policy_json("{").error().code == errc::invalid_json);
  CHECK(read_policy_json(R"({"name":"x"})").error().field == "window.from");
  std::string text =
      R"({"name":"x","window":{"from":"2025-01-13","until":"2025-05-12"},"counted_eccns":[],
    "tiers":{"tier1":{"groups":[],"countries":[]},"tier3":{"groups":[],"countries":[]}},
    "lpp":{"tpp_per_consignee_per_year":-1},"country_allocation":{"tpp":1,"from":"2025-01-13","until":"2027-12-31","g2g_multiplier":2},
    "uveu":{"min_tier1_share":0.75,"max_tier2_country_share":0.07,"min_us_share_if_us_headquartered":0.5}})";
  CHECK(read_policy_json(text).error().field == "lpp.tpp_per_consignee_per_year");
}

TEST_CASE(
    "an undetermined chip is never silently 'not counted' - a VEU line names its headquarters") {
  const Run run = account(csv({"2025-02-01,mi308x,10,IN,A,,,"}));
  REQUIRE(run.lines.size() == 1);
  CHECK(run.lines[0].route == "undetermined");
  CHECK(run.lines[0].detail.find("estimated range") != std::string::npos);
  CHECK(run.report.undetermined == 1);
  CHECK(run.report.not_counted == 0);
  const Run veu = account(csv({"2025-02-01,h100-sxm,10,SG,X,X,UVEU,"}));
  REQUIRE(veu.errors.size() == 1);
  CHECK(veu.errors[0].field == "line 2: end_user_hq");
}
