// explain, headroom, sensitivity and the audit record.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../../lib/src/core/sha256.hpp"
#include "test_specs.hpp"

using namespace tpp;
using tpp::test::date;

namespace {
Report bundled(const char* chip, const char* as_of = "2026-11-22") {
  Options options{date(as_of)};
  options.details = true;  // the tests read the notes and the sensitivity
  auto report = evaluate(ChipDatabase::bundled().find_shared(chip).value(), options);
  REQUIRE(report.has_value());
  return std::move(*report);
}
}  // namespace

TEST_CASE("explain quotes the rule, every test with its numbers and margin, and the sources") {
  const std::string text = render_explain(bundled("h20"));
  CHECK(text.find("88 FR 73458") != std::string::npos);
  CHECK(text.find("TPP 2,368 ≥ 2,400: fail (margin -32)") != std::string::npos);
  CHECK(text.find("performance density 2.909091 ≥ 3.2: fail") != std::string::npos);
  CHECK(text.find("https://") != std::string::npos);
  CHECK(text.find("not legal advice") != std::string::npos);
  const auto json = nlohmann::json::parse(render_json(bundled("h20")));
  const auto& explain = json.at("explain");
  CHECK(explain.at("clauses").size() == 4);
  CHECK(explain.at("clauses")[2].at("paragraph") == "3A090.b.1");
  CHECK(explain.at("clauses")[2].at("tests")[0].at("margin") == -32);
  CHECK(explain.at("inputs")[0].at("source").get<std::string>().starts_with("https://"));
}

TEST_CASE("headroom: the H20 stays outside 3A090.b.1 up to 299.999999 fp8 TOPS") {
  const ChipSpec h20 = *ChipDatabase::bundled().find("h20").value();
  const auto room = headroom(h20, Options{date("2026-11-22")}, parse_precision("fp8").value());
  REQUIRE(room.has_value());
  REQUIRE(room->first_up.has_value());
  const HeadroomLine& first = room->lines[*room->first_up];
  CHECK(first.metric == Metric::tpp);
  CHECK(first.threshold == Decimal::from_integer(2400));
  CHECK(first.by_throughput.boundary == parse_decimal("299.999999").value());
  CHECK(first.by_throughput.past == Decimal::from_integer(300));
  CHECK(first.by_throughput.result_at_boundary == "not-controlled");
  CHECK(first.by_throughput.result_past == "3A090.b.1");
  // 300 fp8 TOPS is on the line: b.1 (the other precisions still give 2,368).
  ChipSpec at_line = h20;
  for (Throughput& t : at_line.processing_units[0].throughput) {
    if (t.precision.format == Format::fp8) t.tops = Decimal::from_integer(300);
  }
  CHECK(evaluate(at_line, Options{date("2026-11-22")})->classification.paragraph == "3A090.b.1");
}

TEST_CASE("headroom above a line: how far it must come down, and how large the die must grow") {
  const ChipSpec above = tpp::test::spec_of({{"fp8", "700"}}, "1000");  // TPP 5600, density 5.6
  const auto room = headroom(above, Options{date("2026-11-22")});
  REQUIRE(room.has_value());
  int seen = 0;
  for (const HeadroomLine& line : room->lines) {
    if (line.metric == Metric::tpp && line.threshold == Decimal::from_integer(4800)) {
      CHECK(line.above);
      CHECK(line.by_throughput.past == parse_decimal("599.999999").value());
      CHECK(line.by_throughput.boundary == Decimal::from_integer(600));
      CHECK_FALSE(line.by_area.possible);  // a TPP line
      ++seen;
    }
    if (line.metric == Metric::performance_density &&
        line.threshold == parse_decimal("3.2").value()) {
      CHECK(line.above);
      CHECK(line.by_area.past == parse_decimal("1750.000001").value());  // 5600 / 3.2 = 1750
      CHECK(line.by_area.boundary == Decimal::from_integer(1750));
      ++seen;
    }
  }
  CHECK(seen == 2);
}

TEST_CASE("headroom past a density line by area follows the classifier: the H100 stays 3A090.a.1") {
  // The old bug: past 9,895 mm2 (density 1.6) the H100 was said to be not controlled, though
  // TPP 15,832 >= 4,800 makes it 3A090.a.1 whatever its area.
  const ChipSpec h100 = *ChipDatabase::bundled().find("h100-sxm").value();
  const auto room = headroom(h100, Options{date("2026-11-30")});
  REQUIRE(room.has_value());
  for (const HeadroomLine& line : room->lines) {
    if (!line.by_area.possible) continue;
    CAPTURE(to_string(line.threshold));
    CHECK(line.by_area.result_past.starts_with("3A090.a.1"));
  }
}

TEST_CASE("sensitivity: TF32's bit length decides whether Trainium2 is below 21,000") {
  const Report trn2 = bundled("trainium2");
  REQUIRE_FALSE(trn2.sensitivity.empty());
  CHECK(trn2.sensitivity[0].find("TF32") != std::string::npos);
  CHECK(trn2.sensitivity[0].find("21,000") != std::string::npos);
  CHECK(bundled("h100-sxm").sensitivity.empty());  // no convention moves the H100
  CHECK(render_show(trn2).find("Sensitivity") != std::string::npos);
}

TEST_CASE("the audit record: tool, rule data and a digest of the inputs") {
  CHECK(detail::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(detail::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(detail::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(detail::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

  const auto json = nlohmann::json::parse(render_json(bundled("h20")));
  CHECK(json.at("tool").get<std::string>().starts_with("tpp "));
  CHECK(json.at("rules_version") == std::string(rules_version()));
  CHECK(json.at("rules_sha256").get<std::string>().size() == 64);
  CHECK(json.at("as_of") == "2026-11-22");
  CHECK(input_digest(bundled("h20")) == input_digest(bundled("h20")));
  CHECK(input_digest(bundled("h20")) != input_digest(bundled("h20", "2026-11-21")));
  CHECK(input_digest(bundled("h20")) != input_digest(bundled("h100-sxm")));
}

TEST_CASE("a spec survives write_spec_json and read_spec_json unchanged") {
  for (const auto& chip : ChipDatabase::bundled().chips()) {
    CAPTURE(chip->id);
    const std::string once = write_spec_json(*chip);
    auto again = read_spec_json(once);
    REQUIRE_MESSAGE(again.has_value(), (again ? "" : again.error().message()));
    CHECK(write_spec_json(*again) == once);
  }
}

TEST_CASE("the details (notes, sensitivity, foundry) never change an answer") {
  // evaluate() leaves them out by default; every decision must be the same with them.
  for (const auto& chip : ChipDatabase::bundled().chips()) {
    for (const char* as_of :
         {"2022-11-01", "2023-11-17", "2025-01-16", "2025-06-01", "2026-11-22"}) {
      for (const char* to : {"", "CN", "AE", "IN", "US"}) {
        CAPTURE(chip->id);
        CAPTURE(as_of);
        CAPTURE(to);
        Options options{date(as_of)};
        if (*to != '\0') options.destination = to;
        const Report lean = evaluate(chip, options).value();
        options.details = true;
        const Report full = evaluate(chip, options).value();
        CHECK(lean.classification.status == full.classification.status);
        CHECK(lean.classification.paragraphs == full.classification.paragraphs);
        CHECK(lean.classification.missing_inputs == full.classification.missing_inputs);
        CHECK(lean.basis == full.basis);
        CHECK(lean.metrics.tpp == full.metrics.tpp);
        CHECK(lean.destination.has_value() == full.destination.has_value());
        if (lean.destination && full.destination) {
          CHECK(lean.destination->licence_required == full.destination->licence_required);
          CHECK(summarize(*lean.destination).state == summarize(*full.destination).state);
          CHECK(summarize(*lean.destination).review_policy ==
                summarize(*full.destination).review_policy);
        }
        CHECK(render_json(lean) == render_json(full));  // the renderer adds them
        CHECK(input_digest(lean) == input_digest(full));
      }
    }
  }
}
