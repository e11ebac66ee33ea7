// One licence answer, three paths: the library (evaluate), `tpp fleet` (FleetAccount, with its
// cache per rule epoch) and `tpp show --to --json` (the command line, in process). For every
// bundled chip, to every country, on the day before and the day of every rule event (revisions,
// compliance dates, letters), the three must give the same answer.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <chrono>
#include <sstream>

#include "../../tools/tpp/commands.hpp"
#include "tpp/tpp.hpp"

using namespace tpp;

namespace {

std::vector<Date> days() {
  std::vector<Date> out;
  for (const RuleEvent& event : rule_events()) {
    const Date before{std::chrono::sys_days{event.date} - std::chrono::days{1}};
    for (const Date day : {before, event.date}) {
      if (rule_epoch(day) == 0) continue;  // before anything tpp knows: fleet lines refuse it
      if (out.empty() || out.back() != day) out.push_back(day);
    }
  }
  out.push_back(parse_date("2026-11-30").value());
  return out;
}

std::string library_answer(const std::shared_ptr<const ChipSpec>& chip, Date day,
                           const std::string& to, const std::string& hq) {
  Options options{day};
  options.details = false;
  options.destination = to;
  if (!hq.empty()) options.headquarters = hq;
  auto report = evaluate(chip, options);
  REQUIRE_MESSAGE(report.has_value(), chip->id);
  const DestinationAssessment& d = *report->destination;
  if (!d.is_export) return "not-an-export";
  return std::string(to_string(d.licence_required));
}

std::string fleet_answer(const FleetLineResult& line) {
  if (line.licence == "not-an-export") return line.licence;
  return std::string(to_string(*line.licence_required));
}

// `tpp show CHIP --to TO [--hq HQ] --as-of DAY --json`: the destination's "licence" field.
std::string cli_answer(const std::string& chip, Date day, const std::string& to,
                       const std::string& hq) {
  std::vector<std::string> args{"tpp", "show",    chip,           "--to",
                                to,    "--as-of", to_string(day), "--json"};
  if (!hq.empty()) {
    args.push_back("--hq");
    args.push_back(hq);
  }
  std::vector<char*> argv;
  for (std::string& arg : args)
    argv.push_back(arg.data());
  std::ostringstream out;
  std::ostringstream err;
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  REQUIRE_MESSAGE(code == 0, err.str());
  const std::string text = out.str();
  const std::string key = "\"licence\":\"";
  const auto at = text.find(key);
  REQUIRE(at != std::string::npos);
  const std::string state =
      text.substr(at + key.size(), text.find('"', at + key.size()) - at - key.size());
  if (state == "required") return "yes";
  if (state == "not-required") return "no";
  if (state == "undetermined") return "unknown";
  return state;
}

}  // namespace

TEST_CASE("library and tpp fleet agree for every chip, country and rule date") {
  const auto dates = days();
  const auto& chips = ChipDatabase::bundled().chips();
  const auto countries = active_rules().countries().countries();
  // Every country without a headquarters, and with a China-headquartered end user.
  std::string csv = "ship_date,chip,quantity,destination,end_user_hq\n";
  struct Expected {
    std::shared_ptr<const ChipSpec> chip;
    Date day;
    std::string to;
    std::string hq;
  };
  std::vector<Expected> expected;
  for (const Date day : dates) {
    for (const auto& chip : chips) {
      for (const Country& country : countries) {
        for (const std::string hq : {"", "CN"}) {
          csv += to_string(day) + "," + chip->id + ",1," + country.code + "," + hq + "\n";
          expected.push_back({chip, day, country.code, hq});
        }
      }
    }
  }
  auto reader = FleetReader::from_string(std::move(csv), FleetFormat::csv);
  REQUIRE(reader.has_value());
  FleetAccount account;
  std::size_t checked = 0;
  std::size_t disagreements = 0;
  for (const Expected& e : expected) {
    auto next = reader->next();
    REQUIRE(next.has_value());
    REQUIRE(next->has_value());
    auto line = account.add(**next);
    REQUIRE(line.has_value());
    const std::string library = library_answer(e.chip, e.day, e.to, e.hq);
    const std::string fleet = fleet_answer(*line);
    if (library != fleet) {
      ++disagreements;
      CAPTURE(e.chip->id);
      CAPTURE(to_string(e.day));
      CAPTURE(e.to);
      CAPTURE(e.hq);
      CHECK(library == fleet);
    }
    ++checked;
  }
  MESSAGE("library vs fleet: " << checked << " answers, " << disagreements << " disagreements");
  CHECK(disagreements == 0);
  CHECK(checked > 100'000);
}

TEST_CASE("library and tpp show --to agree on the countries the rules single out") {
  const auto dates = days();
  std::size_t checked = 0;
  for (const Date day : dates) {
    for (const auto& chip : ChipDatabase::bundled().chips()) {
      for (const char* to :
           {"CN", "HK", "MO", "RU", "AE", "SA", "IN", "DE", "US", "MY", "IL", "VN"}) {
        for (const std::string hq : {"", "CN"}) {
          CAPTURE(chip->id);
          CAPTURE(to_string(day));
          CAPTURE(std::string(to));
          CAPTURE(hq);
          CHECK(cli_answer(chip->id, day, to, hq) == library_answer(chip, day, to, hq));
          ++checked;
        }
      }
    }
  }
  MESSAGE("library vs tpp show --to: " << checked << " answers");
  CHECK(checked > 10'000);
}
