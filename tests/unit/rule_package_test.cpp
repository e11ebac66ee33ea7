// The rule package: the bundled one loads and is what the library uses; a broken package is
// refused naming the file, the JSON path and the reason; an edited one changes the answers.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "test_specs.hpp"

using namespace tpp;

namespace {

std::vector<PackageFile> bundled_files() {
  const auto files = RulePackage::bundled().files();
  return {files.begin(), files.end()};
}

PackageFile& file_named(std::vector<PackageFile>& files, std::string_view name) {
  for (PackageFile& file : files)
    if (file.name == name) return file;
  FAIL("no file " << name);
  return files.front();
}

constexpr std::string_view kLatest = "revisions/2026-01-15-91-fr-1684.json";

// Replaces the first `from` in `name` by `to`.
std::vector<PackageFile> edited(std::string_view name, const std::string& from,
                                const std::string& to) {
  auto files = bundled_files();
  std::string& text = file_named(files, name).text;
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  text.replace(at, from.size(), to);
  return files;
}

// The message a broken package is refused with.
std::string refusal(std::vector<PackageFile> files) {
  auto package = RulePackage::from_files(std::move(files), "test");
  REQUIRE_FALSE(package.has_value());
  return package.error().message();
}

}  // namespace

TEST_CASE("the bundled rule package loads whole and is the one in use") {
  const RulePackage& bundled = RulePackage::bundled();
  CHECK(&active_rules() == &bundled);
  CHECK(bundled.regimes().size() == bundled.revision_files().size());
  CHECK(bundled.regimes().size() >= 10);
  CHECK(bundled.origin() == "bundled");
  CHECK(bundled.digest().size() == 64);
  CHECK(rules_version() == bundled.version());
  CHECK(rules_digest() == bundled.digest());
  for (std::size_t i = 1; i < bundled.regimes().size(); ++i)
    CHECK(bundled.regimes()[i - 1].effective < bundled.regimes()[i].effective);
  for (const Regime& r : bundled.regimes()) {
    CHECK_FALSE(r.citation.empty());
    CHECK((r.grade == "P" || r.grade == "C" || r.grade == "S"));
  }
  // The same files read again give the same package and the same digest.
  auto again = RulePackage::from_files(bundled_files(), "again");
  REQUIRE(again.has_value());
  CHECK((*again)->digest() == bundled.digest());
}

TEST_CASE("when paragraphs took effect comes from their content, not from where they are stored") {
  const RulePackage& bundled = RulePackage::bundled();
  const Regime* latest = &bundled.regimes().back();
  // The IC paragraphs of 2023-11-17 are unchanged through 2026 (the 2024 corrections and the
  // 2025 rules left them alone); 3A090.c dates from 2024-12-02.
  CHECK(paragraphs_effective(*latest, ChipKind::accelerator) == parse_date("2023-11-17").value());
  CHECK(paragraphs_effective(*latest, ChipKind::memory) == parse_date("2024-12-02").value());
  CHECK_FALSE(paragraphs_effective(bundled.regimes().front(), ChipKind::memory).has_value());
  // A revision that rewords a summary but keeps the conditions keeps the date.
  auto files =
      edited(kLatest, "\"summary\": \"TPP ≥ 4800\"", "\"summary\": \"TPP of 4800 or more\"");
  auto reworded = RulePackage::from_files(std::move(files), "test");
  REQUIRE(reworded.has_value());
  CHECK((*reworded)->regimes().back().accelerator_paragraphs_from ==
        parse_date("2023-11-17").value());
  // A changed threshold starts a new date.
  files = edited(kLatest, "{\"metric\": \"tpp\", \"op\": \">=\", \"value\": 4800}",
                 "{\"metric\": \"tpp\", \"op\": \">=\", \"value\": 4000}");
  auto changed = RulePackage::from_files(std::move(files), "test");
  REQUIRE(changed.has_value());
  CHECK((*changed)->regimes().back().accelerator_paragraphs_from ==
        parse_date("2026-01-15").value());
}

TEST_CASE("a broken rule package is refused, naming the file, the path and the reason") {
  SUBCASE("a bad date") {
    const std::string message =
        refusal(edited(kLatest, "\"effective\": \"2026-01-15\"", "\"effective\": \"2026-02-30\""));
    CHECK(message == std::string(kLatest) + ": effective = 2026-02-30: no such calendar date");
  }
  SUBCASE("an unknown metric") {
    const std::string message = refusal(
        edited(kLatest, "\"metric\": \"performance_density\"", "\"metric\": \"perf_density\""));
    CHECK(message.find(std::string(kLatest) + ": clauses[1].conditions[1].metric = perf_density: "
                                              "unknown metric") == 0);
  }
  SUBCASE("two revisions in force from the same day") {
    auto files = bundled_files();
    PackageFile copy = file_named(files, kLatest);
    copy.name = "revisions/2026-01-15-copy.json";
    files.push_back(copy);
    const std::string message = refusal(std::move(files));
    CHECK(message.find(": effective = 2026-01-15: overlaps revisions/") != std::string::npos);
  }
  SUBCASE("a missing citation") {
    const std::string message = refusal(
        edited(kLatest, "\"citation\": \"91 FR 1684 (2026-01-15, FR Doc 2026-00789)\",", ""));
    CHECK(message == std::string(kLatest) + ": citation: required");
  }
  SUBCASE("a licence without its citation") {
    const std::string message =
        refusal(edited(kLatest,
                       "\"scope\": \"headquarters\",\n      \"citation\": \"§744.23(a)(3), 88 FR "
                       "73458; BIS guidance of 2026-05-31 [P]\"",
                       "\"scope\": \"headquarters\""));
    CHECK(message == std::string(kLatest) + ": licences[1].citation: required");
  }
  SUBCASE("a grade that is not P, C or S") {
    const std::string message = refusal(edited(kLatest, "\"grade\": \"P\"", "\"grade\": \"X\""));
    CHECK(message.find(std::string(kLatest) + ": grade = X: expected P") == 0);
  }
  SUBCASE("a misspelt field") {
    const std::string message =
        refusal(edited(kLatest, "\"exclusions\": [", "\"exclusion\": [], \"exclusions\": ["));
    CHECK(message.find(std::string(kLatest) + ": exclusion") == 0);
    CHECK(message.find("unknown field") != std::string::npos);
  }
  SUBCASE("a destination set the package does not define") {
    const std::string message = refusal(
        edited(kLatest, "\"destinations\": \"china-macau\"", "\"destinations\": \"china-macao\""));
    CHECK(message == std::string(kLatest) +
                         ": review_policies[0].destinations = china-macao: no destination set "
                         "of that name in package.json `sets`");
  }
  SUBCASE("a country group that does not exist") {
    const std::string message =
        refusal(edited("package.json",
                       "\"groups\": [\"D:5\"],\n      \"countries\": [\"MO\"],\n      \"summary\": "
                       "\"Country Group D:5 and Macau\"",
                       "\"groups\": [\"D:6\"],\n      \"countries\": [\"MO\"],\n      \"summary\": "
                       "\"Country Group D:5 and Macau\""));
    CHECK(message.find("D:6: no country group of that name") != std::string::npos);
  }
  SUBCASE("a file name that does not start with its effective date") {
    auto files = bundled_files();
    file_named(files, kLatest).name = "revisions/2026-01-16-91-fr-1684.json";
    CHECK(refusal(std::move(files)) ==
          "revisions/2026-01-16-91-fr-1684.json: effective = 2026-01-15: the file name must start "
          "with the effective date");
  }
  SUBCASE("compliance before the effective date") {
    const std::string message =
        refusal(edited("revisions/2024-12-02-89-fr-96790.json", "\"compliance\": \"2024-12-31\"",
                       "\"compliance\": \"2024-11-30\""));
    CHECK(message.find("revisions/2024-12-02-89-fr-96790.json: compliance = 2024-11-30: is before "
                       "the effective date") == 0);
  }
  SUBCASE("not JSON") {
    const std::string message = refusal(edited(kLatest, "{", "{{"));
    CHECK(message.find(std::string(kLatest)) == 0);
  }
  SUBCASE("no manifest") {
    auto files = bundled_files();
    std::erase_if(files, [](const PackageFile& f) { return f.name == "package.json"; });
    CHECK(refusal(std::move(files)).find("package.json") == 0);
  }
  SUBCASE("a broken letter") {
    const std::string message =
        refusal(edited("letters/nvidia-h20-2025.json", "\"informed\": \"2025-04-09\"",
                       "\"informed\": \"2025-04-31\""));
    CHECK(message.find("letters/nvidia-h20-2025.json: informed") == 0);
  }
  SUBCASE("a broken policy") {
    const std::string message = refusal(edited("policies/ai-diffusion-2025.json",
                                               "\"tpp_per_consignee_per_year\": 26900000",
                                               "\"tpp_per_consignee_per_year\": -1"));
    CHECK(message.find("policies/ai-diffusion-2025.json: lpp.tpp_per_consignee_per_year") == 0);
  }
}

TEST_CASE("use_rules: a package from a directory answers, and a broken one leaves the old in use") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "tpp-rule-package-test";
  fs::remove_all(dir);
  for (const PackageFile& file : RulePackage::bundled().files()) {
    fs::create_directories((dir / file.name).parent_path());
    std::ofstream(dir / file.name) << file.text;
  }
  // A made-up revision: from 2026-09-01, 3A090.a.1 catches TPP 2000 and up.
  std::string latest;
  for (const PackageFile& file : RulePackage::bundled().files())
    if (file.name == kLatest) latest = file.text;
  const std::string effective = "\"effective\": \"2026-01-15\"";
  latest.replace(latest.find(effective), effective.size(), "\"effective\": \"2026-09-01\"");
  const std::string a1 = "{\"metric\": \"tpp\", \"op\": \">=\", \"value\": 4800}\n";
  latest.replace(latest.find(a1), a1.size(),
                 "{\"metric\": \"tpp\", \"op\": \">=\", \"value\": 2000}\n");
  std::ofstream(dir / "revisions/2026-09-01-made-up.json") << latest;

  auto h20 = ChipDatabase::bundled().find_shared("h20").value();
  const auto status_on = [&](const char* day) {
    return std::string(
        to_string(evaluate(h20, Options{parse_date(day).value()})->classification.status));
  };
  REQUIRE(status_on("2026-10-01") == "not-controlled");
  const auto used = use_rules(dir);
  REQUIRE_MESSAGE(used.has_value(), (used ? "" : used.error().message()));
  CHECK(rules_origin() == fs::absolute(dir).string());
  CHECK(rules_digest() != RulePackage::bundled().digest());
  CHECK(status_on("2026-10-01") == "controlled");
  CHECK(status_on("2026-08-31") == "not-controlled");

  // A broken directory is refused and the package in use stays.
  const std::string digest = rules_digest();
  std::ofstream(dir / "revisions/2026-09-01-made-up.json") << "{";
  auto broken = use_rules(dir);
  REQUIRE_FALSE(broken.has_value());
  CHECK(broken.error().message().find("revisions/2026-09-01-made-up.json") != std::string::npos);
  CHECK(rules_digest() == digest);
  CHECK_FALSE(use_rules(dir / "nowhere").has_value());

  use_bundled_rules();
  CHECK(status_on("2026-10-01") == "not-controlled");
  fs::remove_all(dir);
}
