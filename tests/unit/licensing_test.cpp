// Licensing truth: the licence answer on the day it is asked, with its basis, on both sides of
// every date that changes it: destination sets as the rule writes them, shipments that are no
// export, compliance dates, the headquarters requirement, is-informed letters, the 2026 China
// window and its limits, model weights, and estimated ranges.
#include <doctest/doctest.h>

#include <algorithm>

#include "test_specs.hpp"

using namespace tpp;
using tpp::test::date;

namespace {

struct Ask {
  const char* to = nullptr;
  const char* hq = nullptr;
  const char* from = nullptr;
};

Report ask(const ChipSpec& spec, const char* as_of, Ask shipment = {}) {
  Options options{date(as_of)};
  options.details = true;  // the tests read the notes and the foundry assessment
  if (shipment.to != nullptr) options.destination = shipment.to;
  if (shipment.hq != nullptr) options.headquarters = shipment.hq;
  if (shipment.from != nullptr) options.origin = shipment.from;
  auto report = evaluate(spec, options);
  REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().message()));
  return std::move(*report);
}

Report ask(const char* chip, const char* as_of, Ask shipment = {}) {
  auto spec = ChipDatabase::bundled().find(chip);
  REQUIRE_MESSAGE(spec.has_value(), chip);
  return ask(**spec, as_of, shipment);
}

Truth licence(const char* chip, const char* as_of, Ask shipment) {
  return ask(chip, as_of, shipment).destination->licence_required;
}

const LicenceBasis* letter_basis(const Report& report, std::string_view id) {
  for (const LicenceBasis& basis : report.destination->basis) {
    if (basis.letter != nullptr && basis.letter->id == id) return &basis;
  }
  return nullptr;
}

bool mentions(const std::vector<std::string>& lines, std::string_view text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

std::string review(const Report& r) {
  return r.destination && r.destination->review ? r.destination->review->policy : "-";
}

// An H20-like part from a given maker, with a given memory and interconnect bandwidth.
ChipSpec part(const char* vendor, std::optional<int> dram_gbps, std::optional<int> io_gbps) {
  ChipSpec spec = tpp::test::spec_of({{"fp8", "250"}}, "814");  // TPP 2,000: not 3A090
  spec.vendor = vendor;
  if (dram_gbps) {
    spec.memory = Memory{"HBM3", std::nullopt, Figure{Decimal::from_integer(*dram_gbps), {}}, {}};
  }
  if (io_gbps) spec.io_bidirectional_gbps = Figure{Decimal::from_integer(*io_gbps), {}};
  return spec;
}

}  // namespace

TEST_CASE("a country the rule names stays in its set when the group exclusion would drop it") {
  auto db = CountryDatabase::from_json(R"({
    "sources": {},
    "countries": [{"code": "XA", "name": "Xa"}, {"code": "XB", "name": "Xb"},
                  {"code": "XC", "name": "Xc"}],
    "groups": {"D:1": {"members": [{"code": "XA"}, {"code": "XB"}]},
               "A:5": {"members": [{"code": "XA"}, {"code": "XB"}]}}})");
  REQUIRE(db.has_value());
  const Country& xa = *db->find("XA").value();
  const Country& xb = *db->find("XB").value();
  const Country& xc = *db->find("XC").value();
  static constexpr std::string_view kD1[] = {"D:1"};
  static constexpr std::string_view kXa[] = {"XA"};
  static constexpr std::string_view kA5[] = {"A:5"};
  // "XA, or D:1 excluding A:5": the exclusion binds the group only.
  const DestinationSet named{false, kD1, kXa, kA5, {}, "XA, or D:1 except A:5"};
  const Date day = date("2026-01-01");
  CHECK(in_set(named, xa, day, *db));
  CHECK_FALSE(in_set(named, xb, day, *db));
  CHECK_FALSE(in_set(named, xc, day, *db));
  // An explicit country exclusion still removes a named country.
  const DestinationSet except{false, kD1, kXa, kA5, kXa, "D:1 except A:5, and not XA"};
  CHECK_FALSE(in_set(except, xa, day, *db));
}

TEST_CASE("the UAE stays licensed after it joins A:5 (2026-07-23): B200 and a 3A090.b part") {
  const ChipSpec b2 = tpp::test::spec_of({{"1", "1775.9997"}}, "300");  // 3A090.b.2
  for (const char* day : {"2026-07-22", "2026-07-23", "2026-11-30"}) {
    CAPTURE(std::string(day));
    const Report b200 = ask("b200", day, {"AE", "AE"});
    CHECK(b200.destination->licence_required == Truth::yes);
    CHECK(mentions(b200.destination->requirements, "UAE"));
    const Report b = ask(b2, day, {"AE", "AE"});
    CHECK(b.classification.eccn == "3A090.b");
    CHECK(b.destination->licence_required == Truth::yes);
  }
  // The UAE is in A:5 on 2026-11-30 (the reason the bug mattered).
  const Country& ae = *active_rules().countries().find("AE").value();
  const auto groups = active_rules().countries().memberships(ae, date("2026-11-30"));
  CHECK(std::any_of(groups.begin(), groups.end(),
                    [](const Membership* m) { return m->group == "A:5"; }));
  // A:5 still excludes the countries the rule does not name: Germany needs no licence.
  CHECK(licence("b200", "2026-11-30", {"DE", "DE"}) == Truth::no);
}

TEST_CASE(
    "a shipment that never leaves the US is no export - a shipment into the US from abroad "
    "meets no licence requirement") {
  for (const char* day : {"2023-12-01", "2025-03-01", "2026-11-30"}) {
    CAPTURE(std::string(day));
    const Report home = ask("h100-sxm", day, {"US"});
    CHECK_FALSE(home.destination->is_export);
    CHECK(home.destination->licence_required == Truth::no);
    CHECK(home.destination->basis.empty());
    CHECK(mentions(home.destination->notes, "Not an export"));
    const Report in = ask("h100-sxm", day, {"US", nullptr, "TW"});
    CHECK(in.destination->is_export);
    CHECK(in.destination->licence_required == Truth::no);  // no headquarters question either
  }
}

TEST_CASE("compliance dates: 3A090.c from 2024-12-31, the foundry presumption from 2025-01-31") {
  CHECK(licence("hbm3-stack", "2024-12-30", {"CN"}) == Truth::no);
  CHECK(licence("hbm3-stack", "2024-12-31", {"CN"}) == Truth::yes);
  CHECK(mentions(ask("hbm3-stack", "2024-12-30", {"CN"}).destination->notes, "not yet binding"));
  CHECK(ask("h100-sxm", "2025-01-16").foundry.in_force);
  CHECK_FALSE(ask("h100-sxm", "2025-01-30").foundry.binding);
  CHECK(ask("h100-sxm", "2025-01-31").foundry.binding);
}

TEST_CASE(
    "the headquarters requirement: 3A090.a/.b to end users headquartered in D:5 or Macau, "
    "wherever located, from 2023-11-17") {
  // An AMD part, so that no NVIDIA letter is in play.
  CHECK(licence("mi250x", "2023-11-16", {"IN", "CN"}) == Truth::no);
  CHECK(licence("mi250x", "2023-11-17", {"IN", "CN"}) == Truth::yes);
  CHECK(licence("mi250x", "2023-11-17", {"IN", "MO"}) == Truth::yes);
  CHECK(licence("mi250x", "2026-11-30", {"IN", "IN"}) == Truth::no);
  const Report unknown = ask("mi250x", "2026-11-30", {"IN"});
  CHECK(unknown.destination->licence_required == Truth::unknown);
  CHECK(mentions(unknown.destination->missing_inputs, "end-user headquarters"));
  // Where the destination decides, the headquarters is not asked.
  const Report china = ask("mi250x", "2026-11-30", {"CN"});
  CHECK(china.destination->licence_required == Truth::yes);
  CHECK(china.destination->missing_inputs.empty());
  // Not 3A090: no headquarters question.
  CHECK(licence("l20", "2026-11-30", {"IN"}) == Truth::no);
}

TEST_CASE("is-informed letter to NVIDIA for the H20, 2025-04-09") {
  CHECK(licence("h20", "2025-04-08", {"CN"}) == Truth::no);
  const Report first = ask("h20", "2025-04-09", {"CN"});
  CHECK(first.classification.status == Status::not_controlled);  // no ECCN changes
  CHECK(first.destination->licence_required == Truth::yes);
  const LicenceBasis* basis = letter_basis(first, "nvidia-h20-2025");
  REQUIRE(basis != nullptr);
  CHECK(basis->applies == Truth::yes);
  CHECK(basis->grade == "C");
  CHECK(basis->text.find("2025-04-09") != std::string::npos);
  CHECK(mentions(first.destination->notes, "binds the company it was sent to (NVIDIA)"));
  CHECK(first.destination->requirements.empty());  // not a published rule
  // Hong Kong and Macau are named; D:5 too.
  CHECK(licence("h20", "2025-06-01", {"HK"}) == Truth::yes);
  CHECK(licence("h20", "2025-06-01", {"MO"}) == Truth::yes);
  CHECK(licence("h20", "2025-06-01", {"RU"}) == Truth::yes);
  // Licences issued from August 2025: the status says so.
  const Report later = ask("h20", "2025-08-08", {"CN"});
  CHECK(letter_basis(later, "nvidia-h20-2025")->status.find("licences granted") !=
        std::string::npos);
  CHECK(licence("h20", "2026-11-30", {"CN"}) == Truth::yes);
  // Companies headquartered there, wherever located.
  CHECK(licence("h20", "2025-06-01", {"DE", "CN"}) == Truth::yes);
  CHECK(licence("h20", "2025-06-01", {"DE", "DE"}) == Truth::no);
  const Report germany = ask("h20", "2025-06-01", {"DE"});
  CHECK(germany.destination->licence_required == Truth::unknown);
  CHECK(mentions(germany.destination->missing_inputs, "end-user headquarters"));
}

TEST_CASE("tpp timeline h20 --to CN shows the letter's change") {
  Options options;
  options.destination = "CN";
  auto entries = timeline(ChipDatabase::bundled().find_shared("h20").value(), options);
  REQUIRE(entries.has_value());
  std::vector<std::string> changed;
  for (const TimelineEntry& entry : *entries) {
    if (entry.changed) changed.push_back(to_string(entry.date));
  }
  REQUIRE_FALSE(changed.empty());
  CHECK(changed.front() == "2025-04-09");
  CHECK(std::find(changed.begin(), changed.end(), "2025-08-08") != changed.end());
  for (const TimelineEntry& entry : *entries) {
    const bool before = entry.date < date("2025-04-09");
    CAPTURE(to_string(entry.date));
    CHECK(entry.report->destination->licence_required == (before ? Truth::no : Truth::yes));
  }
}

TEST_CASE("a letter binds its recipient's items: other makers, unknown makers, the stand-in") {
  // An AMD part with the H20's bandwidths: the NVIDIA letter does not reach it.
  CHECK(ask(part("AMD", 4000, 900), "2025-06-01", {"CN"}).destination->licence_required ==
        Truth::no);
  // A part whose maker is not given: not checked, and the output says so.
  const Report anonymous = ask(part("", 4000, 900), "2025-06-01", {"CN"});
  CHECK(anonymous.destination->licence_required == Truth::no);
  CHECK(mentions(anonymous.destination->notes, "maker is not given"));
  // An NVIDIA part at the H20's memory bandwidth: the unpublished test may cover it.
  const Report covered = ask(part("NVIDIA", 4000, 400), "2025-06-01", {"CN"});
  CHECK(covered.destination->licence_required == Truth::unknown);
  const LicenceBasis* basis = letter_basis(covered, "nvidia-h20-2025");
  REQUIRE(basis != nullptr);
  CHECK(basis->applies == Truth::unknown);
  CHECK(basis->text.find("UNCONFIRMED") != std::string::npos);
  // ... and one below both stand-in lines is not flagged.
  CHECK(ask(part("NVIDIA", 3999, 899), "2025-06-01", {"CN"}).destination->licence_required ==
        Truth::no);
  // Missing bandwidths leave it undetermined, naming them.
  const Report blind = ask(part("NVIDIA", std::nullopt, std::nullopt), "2025-06-01", {"CN"});
  CHECK(blind.destination->licence_required == Truth::unknown);
  CHECK(mentions(blind.destination->missing_inputs, "DRAM bandwidth"));
}

TEST_CASE("AMD's MI308 requirement from 2025-04-15 - the 2022 and 2023 NVIDIA letters") {
  // The MI308X's TPP range straddles 4,800: before the letter the answer is undetermined.
  CHECK(licence("mi308x", "2025-04-14", {"CN"}) == Truth::unknown);
  const Report mi308 = ask("mi308x", "2025-04-15", {"CN"});
  CHECK(mi308.destination->licence_required == Truth::yes);
  CHECK(letter_basis(mi308, "amd-mi308-2025") != nullptr);
  // A100/H100 to China and Russia from 2022-08-26, before any rule; systems holding them too.
  CHECK(licence("a100-sxm", "2022-08-25", {"RU"}) == Truth::no);
  CHECK(licence("a100-sxm", "2022-08-26", {"RU"}) == Truth::yes);
  CHECK(licence("dgx-h100", "2022-09-15", {"CN"}) == Truth::yes);
  // The October-2023 rule started early for five products on 2023-10-23.
  CHECK(licence("a800-sxm", "2023-10-22", {"CN"}) == Truth::no);
  CHECK(licence("a800-sxm", "2023-10-23", {"CN"}) == Truth::yes);
  CHECK(licence("l40s", "2023-10-23", {"SA", "SA"}) == Truth::yes);
  CHECK(licence("l40s", "2023-10-22", {"SA", "SA"}) == Truth::no);
  // From 2023-11-17 the rule itself requires it; the early-start letter has ended.
  const Report rule = ask("a800-sxm", "2023-11-17", {"CN"});
  CHECK(letter_basis(rule, "nvidia-datacenter-early-2023") == nullptr);
  CHECK(rule.destination->requirements.size() == 1);
}

TEST_CASE(
    "the 2026 China window: exports from the US only, DRAM bandwidth decides, the "
    "exporter's conditions listed, headquarters abroad denied") {
  const Report in = ask("h200-sxm", "2026-06-01", {"CN", "CN"});
  CHECK(review(in) == "case-by-case");
  CHECK(in.destination->review->applies == Truth::yes);
  CHECK(in.destination->review->must_establish.size() >= 5);
  CHECK(review(ask("h200-sxm", "2026-01-14", {"CN", "CN"})) == "presumption of denial");
  // Reexports and transfers within China stay under denial.
  CHECK(review(ask("h200-sxm", "2026-06-01", {"CN", "CN", "TW"})) == "presumption of denial");
  CHECK(review(ask("h200-sxm", "2026-06-01", {"CN", "CN", "CN"})) == "presumption of denial");
  // TPP 21,000 and over: outside.
  CHECK(review(ask("b200", "2026-06-01", {"CN", "CN"})) == "presumption of denial");
  // An unknown DRAM bandwidth never yields the favourable policy.
  ChipSpec no_dram = tpp::test::spec_of({{"fp8", "1979"}}, "814");
  const Report blind = ask(no_dram, "2026-06-01", {"CN", "CN"});
  REQUIRE(blind.destination->review.has_value());
  CHECK(blind.destination->review->applies == Truth::unknown);
  CHECK(blind.destination->review->otherwise == "presumption of denial");
  CHECK(mentions(blind.destination->review->missing_inputs, "DRAM bandwidth"));
  // A China-headquartered end user in Malaysia: licence (headquarters), presumption of denial.
  const Report abroad = ask("h200-sxm", "2026-06-01", {"MY", "CN"});
  CHECK(abroad.destination->licence_required == Truth::yes);
  CHECK(review(abroad) == "presumption of denial");
  CHECK(abroad.destination->review->applies == Truth::yes);
}

TEST_CASE(
    "ECCN 4E091: 10^26 or more operations - codified, never enforced - published and "
    "derived models") {
  const auto model = [](const char* ops, const char* as_of, bool published = false,
                        const char* base = nullptr) {
    ModelInput input{parse_operations(ops, "ops").value(), published, std::nullopt};
    if (base != nullptr) input.derived_from_ops = parse_operations(base, "base").value();
    auto out = assess_model(input, ModelOptions{date(as_of), std::nullopt});
    REQUIRE(out.has_value());
    return std::move(*out);
  };
  CHECK_FALSE(model("3e26", "2025-01-12").codified);
  CHECK_FALSE(model("3e26", "2025-01-12").eccn.has_value());
  const ModelAssessment early = model("3e26", "2025-03-01");
  CHECK(early.eccn == "4E091");
  CHECK(early.codified);
  CHECK_FALSE(early.enforced);
  CHECK(early.licence_required == Truth::no);
  CHECK(mentions(early.notes, "2025-05-15"));
  const ModelAssessment now = model("3e26", "2026-11-30");
  CHECK(now.codified);
  CHECK_FALSE(now.enforced);
  CHECK(mentions(now.notes, "B-337935"));
  // The line is "10^26 or more".
  CHECK(model("1e26", "2026-11-30").status == Status::controlled);
  CHECK(model("99999999999999999999999999", "2026-11-30").status == Status::not_controlled);
  CHECK(model("3e26", "2026-11-30", true).status == Status::not_controlled);
  // Derived from a published model: extra training must exceed max(2.5e25, 25%).
  CHECK(model("1e26", "2026-11-30", false, "8e25").status == Status::not_controlled);  // 2e25
  CHECK(model("1e26", "2026-11-30", false, "7e25").status == Status::controlled);      // 3e25
  // 4.5e25 extra on 1.6e26: above 25% of the published model's operations (4e25), not above
  // 25% of the derived model's total (5.125e25): the text does not say which, so undetermined.
  const ModelAssessment ambiguous = model("2.05e26", "2026-11-30", false, "1.6e26");
  CHECK(ambiguous.status == Status::indeterminate);
  CHECK(mentions(ambiguous.missing_inputs, "25%"));
  // Bad input.
  CHECK_FALSE(parse_operations("-5", "--training-ops").has_value());
  CHECK(parse_operations("-5", "--training-ops").error().detail == "must be greater than 0");
  CHECK_FALSE(parse_operations("nan", "--training-ops").has_value());
  CHECK_FALSE(parse_operations("1e39", "--training-ops").has_value());
  CHECK_FALSE(parse_operations("1.5", "--training-ops").has_value());
  CHECK(parse_operations("2.5e25", "x").value() == Operations::power_of_ten(24, 25));
  ModelInput backwards{parse_operations("1e26", "x").value(), false,
                       parse_operations("2e26", "x").value()};
  CHECK_FALSE(assess_model(backwards).has_value());
}

TEST_CASE("estimated ranges: both ends classified - one answer where they agree") {
  const Report mi308 = ask("mi308x", "2024-06-01");
  REQUIRE(mi308.range.has_value());
  CHECK_FALSE(mi308.range->agree);
  CHECK(mi308.classification.status == Status::indeterminate);
  CHECK(mi308.range->least_metrics.tpp == Decimal::from_integer(4400));
  CHECK(mi308.metrics.tpp == parse_decimal("5505.024").value());
  CHECK(mentions(mi308.classification.missing_inputs, "estimated range"));
  const Report ascend = ask("ascend-910c", "2026-11-30");
  REQUIRE(ascend.range.has_value());
  CHECK(ascend.range->agree);
  CHECK(ascend.classification.paragraph == "3A090.a.1");
  // A range read from JSON: its value is the most controlled end; low > high is refused.
  auto ranged = read_spec_json(
      R"({"name":"r","processing_units":[{"throughput":[{"precision":"fp8","tops":{"low":500,"high":700}}]}],
          "dies":[{"area_mm2":{"low":300,"high":900}}]})");
  REQUIRE(ranged.has_value());
  CHECK(ranged->processing_units[0].throughput[0].tops == Decimal::from_integer(700));
  CHECK(ranged->dies[0].area_mm2->value == Decimal::from_integer(300));
  const ChipSpec least = at_range_end(*ranged, RangeEnd::least_controlled);
  CHECK(least.processing_units[0].throughput[0].tops == Decimal::from_integer(500));
  CHECK(least.dies[0].area_mm2->value == Decimal::from_integer(900));
  auto backwards = read_spec_json(
      R"({"name":"r","processing_units":[{"throughput":[{"precision":"fp8","tops":{"low":700,"high":500}}]}]})");
  REQUIRE_FALSE(backwards.has_value());
  CHECK(backwards.error().field == "processing_units[0].throughput[0].tops");
  CHECK(backwards.error().detail.find("low end is above its high end") != std::string::npos);
}

TEST_CASE("the bundled letters and notices: every item a bundled chip, every source graded") {
  const auto& letters = active_rules().letters().letters();
  CHECK(letters.size() >= 4);
  for (const Letter& letter : letters) {
    CAPTURE(letter.id);
    for (const std::string& model : letter.models)
      CHECK_MESSAGE(ChipDatabase::bundled().find(model).has_value(), model);
    for (const Source& source : letter.sources) {
      CHECK(!source.url.empty());
      CHECK((source.grade == "P" || source.grade == "C" || source.grade == "S"));
    }
    CHECK(letter.find_source(letter.source) != nullptr);
    if (letter.stand_in) CHECK(letter.stand_in->note.find("UNCONFIRMED") != std::string::npos);
  }
  for (const Notice& notice : active_rules().notices()) {
    CAPTURE(notice.id);
    for (const std::string& model : notice.models)
      CHECK_MESSAGE(ChipDatabase::bundled().find(model).has_value(), model);
    CHECK_FALSE(notice.sources.empty());
  }
  // The notices reach the chips they name, from their date.
  const Report ascend = ask("ascend-910c", "2025-05-13");
  CHECK(mentions(ascend.notes, "General Prohibition 10"));
  CHECK_FALSE(mentions(ask("ascend-910c", "2025-05-12").notes, "General Prohibition 10"));
}

TEST_CASE("a broken letter file is refused, naming the file, the field and the reason") {
  const std::string good = R"({"id": "x", "kind": "is-informed", "recipient": "ACME",
    "title": "t", "informed": "2025-01-01", "disclosed": "8-K", "source": "s",
    "items": {"models": [], "wording": "w"},
    "destinations": {"countries": ["CN"], "summary": "China"},
    "status": [{"from": "2025-01-01", "state": "licence required", "source": "s"}],
    "sources": {"s": {"url": "https://example.org", "title": "t", "grade": "C"}}})";
  const auto read = [](std::string text) {
    std::vector<std::string_view> texts{text};
    std::vector<std::string_view> names{"acme.json"};
    auto db = LetterDatabase::from_json(texts, names);
    return db ? std::string() : db.error().message();
  };
  CHECK(read(good).empty());
  const auto broken = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return read(text.replace(at, from.size(), to));
  };
  CHECK(broken("\"2025-01-01\", \"disclosed\"", "\"2025-02-30\", \"disclosed\"")
            .find("acme.json: informed") == 0);
  CHECK(broken("\"grade\": \"C\"", "\"grade\": \"X\"").find("acme.json: sources.s.grade") == 0);
  CHECK(broken("\"source\": \"s\",\n    \"items\"", "\"source\": \"nope\",\n    \"items\"")
            .find("names no entry of `sources`") != std::string::npos);
  CHECK(broken("\"kind\": \"is-informed\"", "\"kind\": \"rumour\"").find("acme.json: kind") == 0);
  CHECK(broken("\"summary\": \"China\"", "\"summary\": \"\"").find("destinations.summary") !=
        std::string::npos);
}
