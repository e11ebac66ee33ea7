// Prints every answer tpp gives for every bundled chip, on the day before and the day of every
// rule event, to every country (with the end user's headquarters not given, and in China): the
// classification (its JSON, hashed) and the destination check (its fields, hashed), countries
// with the same answer grouped. tests/equivalence/answers.txt holds this output as the C++ rule
// table gave it before the rules became a data package; the test compares the two, so a change
// to the package that changes any answer shows here, naming the chip, the day and the countries.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/sha256.hpp"
#include "tpp/tpp.hpp"

using namespace tpp;

namespace {

std::vector<Date> days() {
  std::set<Date> out;
  for (const RuleEvent& event : rule_events()) {
    out.insert(Date{std::chrono::sys_days{event.date} - std::chrono::days{1}});
    out.insert(event.date);
  }
  out.insert(parse_date("2026-11-30").value());
  return {out.begin(), out.end()};
}

std::string hash(const std::string& text) {
  return detail::sha256_hex(text).substr(0, 12);
}

std::string truth(Truth t) {
  return std::string(to_string(t));
}

// Everything the destination check says, as one line of text.
std::string destination_text(const DestinationAssessment& d) {
  std::string out = d.is_export ? "export" : "not-an-export";
  out += "|tier=" + (d.ai_diffusion_tier ? std::to_string(*d.ai_diffusion_tier) : "-");
  out += "|binding=" + (d.binding ? to_string(d.binding->effective) : std::string("-"));
  out += "|licence=" + truth(d.licence_required);
  for (const LicenceBasis& b : d.basis) {
    out += "|basis:" + b.kind + "," + truth(b.applies) + "," + b.text + "," + b.citation + "," +
           b.grade + "," + (b.letter ? b.letter->id : "") + "," + b.status;
  }
  for (const std::string& r : d.requirements)
    out += "|req:" + r;
  for (const std::string& m : d.missing_inputs)
    out += "|missing:" + m;
  for (const ExceptionOption& e : d.exceptions) {
    out += "|exc:" + std::string(e.exception) + "," + (e.notification ? "notify" : "") + "," +
           std::string(e.citation);
  }
  if (d.review) {
    const ReviewOutcome& r = *d.review;
    out += "|review:" + r.policy + "," + truth(r.applies) + "," + std::string(r.citation) + "," +
           r.otherwise;
    for (const std::string& s : r.scope_tests)
      out += ",scope:" + s;
    for (const std::string& m : r.missing_inputs)
      out += ",missing:" + m;
    for (std::string_view m : r.must_establish)
      out += ",must:" + std::string(m);
  }
  for (const std::string& n : d.notes)
    out += "|note:" + n;
  return out;
}

// The report's JSON without what names the tool and the data version.
std::string classification_text(const Report& report) {
  nlohmann::json json = nlohmann::json::parse(render_json(report));
  for (const char* key : {"tool", "rules_version", "rules_sha256", "rules_origin"})
    json.erase(key);
  return json.dump();
}

// Built once against the C++ rule table (with -DTPP_LEGACY_RULES) to write answers.txt.
const CountryDatabase& countries_in_use() {
#ifdef TPP_LEGACY_RULES
  return CountryDatabase::bundled();
#else
  return active_rules().countries();
#endif
}

}  // namespace

void print_answers(std::ostream& out) {
  const CountryDatabase& countries = countries_in_use();
  const Country* china = countries.find("CN").value();
  for (const Date day : days()) {
    for (const auto& chip : ChipDatabase::bundled().chips()) {
      Options options{day};
      auto report = evaluate(chip, options);
      if (!report) {
        out << to_string(day) << ' ' << chip->id << " error " << report.error().message() << '\n';
        continue;
      }
      out << to_string(day) << ' ' << chip->id << " report " << hash(classification_text(*report))
          << '\n';
      for (const Country* hq : {static_cast<const Country*>(nullptr), china}) {
        std::map<std::string, std::vector<std::string>> by_answer;
        for (const Country& country : countries.countries()) {
          const DestinationAssessment d =
              assess_destination(*report, country, nullptr, hq, countries);
          by_answer[hash(destination_text(d))].push_back(country.code);
        }
        // The most common answer as "*", the others with their countries.
        auto most = by_answer.begin();
        for (auto it = by_answer.begin(); it != by_answer.end(); ++it)
          if (it->second.size() > most->second.size()) most = it;
        out << to_string(day) << ' ' << chip->id << " hq=" << (hq ? hq->code : "-") << ' '
            << most->first << ":*";
        for (const auto& [answer, codes] : by_answer) {
          if (answer == most->first) continue;
          out << ' ' << answer << ':';
          for (std::size_t i = 0; i < codes.size(); ++i)
            out << (i ? "," : "") << codes[i];
        }
        out << '\n';
      }
    }
  }
}

// `tpp_answers`: prints the answers. `tpp_answers --check FILE`: compares them with FILE and
// names the first lines that differ (exit 1).
int main(int argc, char** argv) {
  if (argc == 1) {
    print_answers(std::cout);
    return 0;
  }
  if (argc != 3 || std::string(argv[1]) != "--check") {
    std::cerr << "usage: tpp_answers [--check FILE]\n";
    return 2;
  }
  std::ifstream file(argv[2]);
  if (!file) {
    std::cerr << "cannot read " << argv[2] << "\n";
    return 2;
  }
  std::vector<std::string> expected;
  for (std::string line; std::getline(file, line);)
    expected.push_back(line);
  std::ostringstream printed;
  print_answers(printed);
  std::istringstream lines(printed.str());
  std::vector<std::string> actual;
  for (std::string line; std::getline(lines, line);)
    actual.push_back(line);
  int shown = 0;
  for (std::size_t i = 0; i < std::max(expected.size(), actual.size()) && shown < 20; ++i) {
    const std::string want = i < expected.size() ? expected[i] : "(nothing)";
    const std::string got = i < actual.size() ? actual[i] : "(nothing)";
    if (want == got) continue;
    std::cerr << "line " << i + 1 << "\n  expected: " << want << "\n  now:      " << got << "\n";
    ++shown;
  }
  std::cout << actual.size() << " answer lines (" << expected.size() << " expected), "
            << (shown == 0 ? "all equal" : "DIFFERENT") << "\n";
  return shown == 0 ? 0 : 1;
}
