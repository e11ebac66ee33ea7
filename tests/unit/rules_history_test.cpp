// The history: each rule date on the chips that made it, and the day before and the day of
// every revision.
#include <doctest/doctest.h>

#include <chrono>

#include "test_specs.hpp"

using namespace tpp;
using tpp::test::date;

namespace {

Report on_hq(const char* chip, const char* as_of, const char* to, const char* hq) {
  auto spec = ChipDatabase::bundled().find_shared(chip);
  REQUIRE_MESSAGE(spec.has_value(), chip);
  Options options{date(as_of)};
  options.details = true;  // the tests read the notes and the foundry assessment
  if (to != nullptr) options.destination = to;
  if (hq != nullptr) options.headquarters = hq;
  auto report = evaluate(*spec, options);
  REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().message()));
  return std::move(*report);
}

Report on(const char* chip, const char* as_of, const char* to = nullptr) {
  return on_hq(chip, as_of, to, nullptr);
}

std::string paragraph(const Report& r) {
  return r.classification.paragraph ? std::string(*r.classification.paragraph) : "-";
}

bool has_exception(const Report& r, std::string_view name, bool notification) {
  for (const ExceptionOption& option : r.destination->exceptions) {
    if (option.exception == name && option.notification == notification) return true;
  }
  return false;
}

std::string review(const Report& r) {
  return r.destination && r.destination->review ? std::string(r.destination->review->policy) : "-";
}

Date day_before(Date d) {
  return Date{std::chrono::sys_days{d} - std::chrono::days{1}};
}

}  // namespace

TEST_CASE("A800 and H800: outside the 2022 rule (I/O 400 GB/s), 3A090.a.1 from 2023-11-17") {
  for (const char* chip : {"a800-sxm", "h800-sxm"}) {
    CAPTURE(std::string(chip));
    CHECK(on(chip, "2022-10-07").classification.status == Status::not_controlled);
    CHECK(on(chip, "2023-11-16").classification.status == Status::not_controlled);
    CHECK(paragraph(on(chip, "2023-11-17")) == "3A090.a.1");
    CHECK(paragraph(on(chip, "2026-11-22")) == "3A090.a.1");
  }
  // The A100 (600 GB/s, exactly at the 2022 line) was caught from the first day.
  CHECK(on("a100-sxm", "2022-10-06").classification.revision == nullptr);
  CHECK(paragraph(on("a100-sxm", "2022-10-07")) == "3A090.a");
}

TEST_CASE("H20: outside 3A090 at every rule date") {
  auto entries = timeline(ChipDatabase::bundled().find_shared("h20").value());
  REQUIRE(entries.has_value());
  // The day before the first event, and every day a rule, a compliance date or a letter to
  // NVIDIA changed something.
  std::size_t revisions = 0;
  for (const TimelineEntry& entry : *entries) {
    if (entry.revision != nullptr && entry.revision->effective == entry.date) ++revisions;
  }
  CHECK(revisions == regimes().size());
  for (const TimelineEntry& entry : *entries) {
    CAPTURE(to_string(entry.date));
    CHECK(entry.report->classification.status == Status::not_controlled);
    CHECK_FALSE(entry.changed);
  }
}

TEST_CASE("the A800's timeline marks one change, on 2023-11-17") {
  auto entries = timeline(ChipDatabase::bundled().find_shared("a800").value());
  REQUIRE(entries.has_value());
  int changes = 0;
  for (const TimelineEntry& entry : *entries) {
    if (!entry.changed) continue;
    ++changes;
    CHECK(to_string(entry.date) == "2023-11-17");
    CHECK(entry.change.find("3A090.a.1") != std::string::npos);
  }
  CHECK(changes == 1);
}

TEST_CASE("the 2026 China/Macau window: H200 and MI325X inside, B200 outside") {
  for (const char* chip : {"h200-sxm", "mi325x"}) {
    CAPTURE(std::string(chip));
    CHECK(review(on(chip, "2026-01-14", "CN")) == "presumption of denial");
    CHECK(review(on(chip, "2026-01-15", "CN")) == "case-by-case");
    CHECK(review(on(chip, "2026-01-15", "Macau")) == "case-by-case");
    CHECK(on(chip, "2026-01-15", "CN").destination->licence_required == Truth::yes);
  }
  const Report b200 = on("b200", "2026-01-15", "CN");
  CHECK(b200.metrics.tpp == Decimal::from_integer(36000));
  CHECK(review(b200) == "presumption of denial");
  // The window is China and Macau only.
  CHECK(review(on("h200-sxm", "2026-01-15", "RU")) == "presumption of denial");
}

TEST_CASE("RTX 4090: 3A090.a, NAC/ACA-eligible, not datacenter") {
  const Report today = on("rtx-4090", "2026-11-22");
  CHECK(paragraph(today) == "3A090.a.1");
  CHECK_FALSE(today.spec->datacenter.value);
  const auto& exceptions = today.classification.licence_exceptions;
  CHECK(std::find(exceptions.begin(), exceptions.end(), "NAC") != exceptions.end());
  CHECK(std::find(exceptions.begin(), exceptions.end(), "ACA") != exceptions.end());
  // NAC with notification into D:5; ACA without into D:1/D:4 outside D:5.
  CHECK(has_exception(on("rtx-4090", "2026-11-22", "CN"), "NAC", true));
  CHECK(has_exception(on("rtx-4090", "2026-11-22", "SA"), "ACA", false));
  // Before 2024-04-04 NAC served both, with notification only for D:5/Macau.
  CHECK(has_exception(on("rtx-4090", "2024-04-03", "SA"), "NAC", false));
  CHECK(has_exception(on("rtx-4090", "2024-04-04", "SA"), "ACA", false));
}

TEST_CASE("an HBM3 stack: 3A090.c from 2024-12-02, not eligible for License Exception HBM") {
  CHECK(on("hbm3-stack", "2024-12-01").classification.status == Status::not_controlled);
  // In force from 2024-12-02; compliance with it, the licence requirement included, from 12-31.
  const Report early = on("hbm3-stack", "2024-12-02", "CN");
  CHECK(paragraph(early) == "3A090.c");
  CHECK(early.destination->licence_required == Truth::no);
  CHECK(on("hbm3-stack", "2024-12-30", "CN").destination->licence_required == Truth::no);
  const Report c = on("hbm3-stack", "2024-12-31", "CN");
  CHECK(c.destination->licence_required == Truth::yes);
  CHECK(c.destination->exceptions.empty());  // 6.77 GB/s/mm2 is not below 3.3
  CHECK(on("hbm3-stack", "2024-12-02", "DE").destination->licence_required == Truth::no);

  ChipSpec slow = *ChipDatabase::bundled().find("hbm3-stack").value();
  slow.memory->bandwidth_gbps->value = Decimal::from_integer(300);  // 2.48 GB/s/mm2
  auto eligible = evaluate(slow, Options{date("2025-06-01"), kDefaultTf32Bits, "CN"});
  REQUIRE(eligible.has_value());
  CHECK(paragraph(*eligible) == "3A090.c");
  REQUIRE(eligible->destination->exceptions.size() == 1);
  CHECK(eligible->destination->exceptions[0].exception == "HBM");
  // Exactly 2 GB/s/mm2 is not "greater than 2".
  slow.memory->bandwidth_gbps->value = Decimal::from_integer(242);
  CHECK(evaluate(slow, Options{date("2025-06-01")})->classification.status ==
        Status::not_controlled);
}

TEST_CASE("an 8 x H100 server is 4A090.a, decided by the H100") {
  const Report server = on("dgx-h100", "2026-11-22");
  CHECK(server.classification.eccn == "4A090.a");
  CHECK(server.classification.decided_by == "h100-sxm");
  CHECK(server.h100_equivalents == doctest::Approx(8.0));
  CHECK(on("dgx-h100", "2022-10-07").classification.eccn == "4A090.a");
  CHECK(on("dgx-h100", "2022-10-06").classification.status == Status::not_controlled);
  // A server of H20s is outside 4A090.
  auto h20_server = read_spec_json(
      R"({"id":"h20-server","name":"8 x H20","kind":"system","contains":[{"chip":"h20","count":8}]})");
  REQUIRE(h20_server.has_value());
  CHECK(evaluate(*h20_server, Options{date("2026-11-22")})->classification.status ==
        Status::not_controlled);
}

TEST_CASE(
    "AI Diffusion: in force from 2025-01-13 but never binding (compliance 05-15, "
    "not enforced from 05-13)") {
  // The end user's headquarters is given, so only the rule's destination scope decides.
  for (const char* day : {"2025-01-12", "2025-01-13", "2025-03-01", "2025-05-12", "2025-05-13",
                          "2025-05-15", "2026-11-30"}) {
    CAPTURE(std::string(day));
    for (const char* to : {"DE", "IN"}) {
      const Report r = on_hq("h100-sxm", day, to, to);
      CHECK(r.destination->licence_required == Truth::no);
      CHECK_FALSE(r.destination->ai_diffusion_tier.has_value());
      CHECK_FALSE(has_exception(r, "LPP", false));
      CHECK_FALSE(has_exception(r, "AIA", false));
    }
    CHECK(on("h100-sxm", day, "CN").destination->licence_required == Truth::yes);
  }
  // The revision is in force (its classification notes, its model-weights ECCN) and says why
  // it does not bind.
  const Report during = on_hq("h100-sxm", "2025-03-01", "IN", "IN");
  CHECK(during.classification.revision->effective == date("2025-02-11"));
  CHECK(during.destination->binding->effective == date("2024-12-02"));
  bool says = false;
  for (const std::string& note : during.destination->notes)
    says = says || note.find("not yet binding") != std::string::npos;
  CHECK(says);
}

TEST_CASE("the day before and the day of every revision") {
  const auto table = regimes();
  for (std::size_t i = 0; i < table.size(); ++i) {
    CAPTURE(to_string(table[i].effective));
    CHECK(regime_in_force(table[i].effective) == &table[i]);
    const Regime* before = regime_in_force(day_before(table[i].effective));
    CHECK(before == (i == 0 ? nullptr : &table[i - 1]));
  }
  // Chip-level effects on each boundary. The A100 needed a licence to China from the letter of
  // 2022-08-26; the rule covered it from 2022-10-07.
  CHECK(on("a100-sxm", "2022-08-25", "CN").destination->licence_required == Truth::no);
  CHECK(on("a100-sxm", "2022-08-26", "CN").destination->licence_required == Truth::yes);
  CHECK(on("a100-sxm", "2022-10-07", "CN").destination->requirements.size() == 1);
  // Macau from 2023-01-17 (88 FR 2821's effective date, a day before its publication).
  CHECK(on("a100-sxm", "2023-01-16", "MO").destination->licence_required == Truth::no);
  CHECK(on("a100-sxm", "2023-01-17", "MO").destination->licence_required == Truth::yes);
  // The H800: the early-start letter of 2023-10-23, then the rule from 2023-11-17.
  CHECK(on("h800-sxm", "2023-10-22", "CN").destination->licence_required == Truth::no);
  CHECK(on("h800-sxm", "2023-10-23", "CN").destination->licence_required == Truth::yes);
  CHECK(on("h800-sxm", "2023-11-16", "CN").destination->requirements.empty());
  CHECK(on("h800-sxm", "2023-11-17", "CN").destination->requirements.size() == 1);
  CHECK_FALSE(on("h100-sxm", "2025-01-15").foundry.in_force);
  CHECK(on("h100-sxm", "2025-01-16").foundry.in_force);
}

TEST_CASE("destinations by code or name - Hong Kong takes China's row - unknown is an error") {
  CHECK(active_rules().countries().find("cn").value()->code == "CN");
  CHECK(active_rules().countries().find("China").value()->code == "CN");
  CHECK(active_rules().countries().find("Macao").value()->code == "MO");
  const Report hk = on("h100-sxm", "2026-11-22", "HK");
  CHECK(hk.destination->licence_required == Truth::yes);
  const auto unknown = active_rules().countries().find("Atlantis");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().value == "Atlantis");
  auto bad = evaluate(*ChipDatabase::bundled().find("h20").value(),
                      Options{date("2026-01-01"), kDefaultTf32Bits, "ZZ"});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().field == "destination");
}

TEST_CASE("a system with no ICs is rejected") {
  const auto empty = read_spec_json(R"({"id":"box","kind":"system","contains":[]})");
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().field == "contains");
}

TEST_CASE(
    "the foundry presumption: 30 billion, 35 billion without HBM in 2027 only, 40 from 2029") {
  const ChipSpec l20 = *ChipDatabase::bundled().find("l20").value();  // GDDR6, 76.3 B
  const auto foundry = [&l20](const char* as_of) {
    Options options{date(as_of)};
    options.details = true;
    return evaluate(l20, options)->foundry;
  };
  CHECK(foundry("2026-06-01").threshold_billion == Decimal::from_integer(30));
  CHECK(foundry("2027-06-01").threshold_billion == Decimal::from_integer(35));
  CHECK(foundry("2028-06-01").threshold_billion == Decimal::from_integer(30));
  CHECK(foundry("2029-06-01").threshold_billion == Decimal::from_integer(40));
  const Report h100 = on("h100-sxm", "2027-06-01");  // HBM: 30 billion throughout
  CHECK(h100.foundry.threshold_billion == Decimal::from_integer(30));
  CHECK(h100.foundry.below_threshold == Truth::no);
}
