#include "tpp/rules/letters.hpp"
#include "core/json_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "rules/rule_json.hpp"
#include "rules/wording.hpp"
#include "tpp/data/database.hpp"
#include "tpp/rules/destination.hpp"
#include "tpp/rules/report.hpp"
#include "tpp/rules/rule_package.hpp"

namespace tpp {

// Reads one letter file; every error names the file and the field.
struct LetterReader {
  LetterDatabase& db;
  std::string file;

  using json = nlohmann::json;

  Error error(errc code, const std::string& field, std::string value, std::string detail) const {
    return Error{code, file + ": " + field, std::move(value), std::move(detail)};
  }

  std::string_view keep(std::string text) { return db.strings_->emplace_back(std::move(text)); }

  Result<DestinationSet> destinations(const json& value, const std::string& field) {
    if (!value.is_object()) {
      return tpp::unexpected(error(errc::wrong_type, field, value.dump(), "expected an object"));
    }
    auto set = detail::read_destination_set(
        value, field, [this](std::string text) { return keep(std::move(text)); },
        [this](std::vector<std::string_view> list) -> std::span<const std::string_view> {
          return db.lists_->emplace_back(std::move(list));
        });
    if (!set) {
      Error e = set.error();
      e.field = file + ": " + e.field;
      return tpp::unexpected(std::move(e));
    }
    return *set;
  }

  Result<Letter> read(const json& root) {
    using detail::json_date;
    using detail::json_string;
    if (!root.is_object())
      return tpp::unexpected(error(errc::wrong_type, "(root)", "", "expected an object"));
    static constexpr std::string_view kKeys[] = {"$schema",
                                                 "id",
                                                 "kind",
                                                 "recipient",
                                                 "title",
                                                 "informed",
                                                 "until",
                                                 "until_reason",
                                                 "disclosed",
                                                 "source",
                                                 "items",
                                                 "destinations",
                                                 "headquartered_in",
                                                 "status",
                                                 "sources",
                                                 "notes"};
    for (const auto& [key, value] : root.items()) {
      if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
        return tpp::unexpected(error(errc::unknown_field, key, "", "unknown field"));
      }
    }
    Letter out;
    const auto text = [&](const char* key, bool required) -> Result<std::string> {
      auto value = json_string(root, key, required);
      if (!value)
        return tpp::unexpected(
            error(value.error().code, key, value.error().value, value.error().detail));
      return *value;
    };
    auto id = text("id", true);
    if (!id) return tpp::unexpected(id.error());
    out.id = *id;
    auto kind = text("kind", true);
    if (!kind) return tpp::unexpected(kind.error());
    if (*kind != "is-informed") {
      return tpp::unexpected(error(errc::invalid_argument, "kind", *kind, "expected is-informed"));
    }
    for (auto [key, target] : {std::pair{"recipient", &out.recipient},
                               {"title", &out.title},
                               {"until_reason", &out.until_reason},
                               {"disclosed", &out.disclosed},
                               {"source", &out.source}}) {
      const bool required = std::string_view(key) != "until_reason";
      auto value = text(key, required);
      if (!value) return tpp::unexpected(value.error());
      *target = *value;
    }
    auto informed = json_date(root, "informed", true);
    if (!informed)
      return tpp::unexpected(error(errc::invalid_argument, "informed", informed.error().value,
                                   informed.error().detail));
    out.informed = **informed;
    auto until = json_date(root, "until", false);
    if (!until)
      return tpp::unexpected(
          error(errc::invalid_argument, "until", until.error().value, until.error().detail));
    out.until = *until;
    if (out.until && *out.until < out.informed) {
      return tpp::unexpected(
          error(errc::out_of_range, "until", to_string(*out.until), "is before `informed`"));
    }
    if (out.until && out.until_reason.empty()) {
      return tpp::unexpected(
          error(errc::missing_field, "until_reason", "", "required with `until`"));
    }

    // Items.
    const auto items = root.find("items");
    if (items == root.end() || !items->is_object()) {
      return tpp::unexpected(error(errc::missing_field, "items", "", "required: an object"));
    }
    for (const auto& [key, value] : items->items()) {
      if (key == "models") {
        if (!value.is_array())
          return tpp::unexpected(error(errc::wrong_type, "items.models", value.dump(),
                                       "expected an array of chip ids"));
        for (const json& model : value) {
          if (!model.is_string())
            return tpp::unexpected(
                error(errc::wrong_type, "items.models", model.dump(), "expected a chip id"));
          out.models.push_back(model.get<std::string>());
        }
      } else if (key == "wording") {
        if (!value.is_string())
          return tpp::unexpected(
              error(errc::wrong_type, "items.wording", value.dump(), "expected a string"));
        out.wording = value.get<std::string>();
      } else if (key == "covers_systems") {
        if (!value.is_boolean())
          return tpp::unexpected(error(errc::wrong_type, "items.covers_systems", value.dump(),
                                       "expected true or false"));
        out.covers_systems = value.get<bool>();
      } else if (key == "stand_in") {
        auto stand_in = read_stand_in(value);
        if (!stand_in) return tpp::unexpected(stand_in.error());
        out.stand_in = std::move(*stand_in);
      } else {
        return tpp::unexpected(error(errc::unknown_field, "items." + key, "", "unknown field"));
      }
    }
    if (out.wording.empty())
      return tpp::unexpected(
          error(errc::missing_field, "items.wording", "", "required: the letter's own words"));

    const auto where = root.find("destinations");
    if (where == root.end())
      return tpp::unexpected(error(errc::missing_field, "destinations", "", "required"));
    auto to = destinations(*where, "destinations");
    if (!to) return tpp::unexpected(to.error());
    out.destinations = *to;
    if (const auto hq = root.find("headquartered_in"); hq != root.end()) {
      auto set = destinations(*hq, "headquartered_in");
      if (!set) return tpp::unexpected(set.error());
      out.headquartered_in = *set;
    }

    auto sources = detail::read_graded_sources(root, "sources");
    if (!sources) {
      Error e = sources.error();
      e.field = file + ": " + e.field;
      return tpp::unexpected(std::move(e));
    }
    out.sources = std::move(*sources);
    if (out.find_source(out.source) == nullptr) {
      return tpp::unexpected(
          error(errc::missing_field, "source", out.source, "names no entry of `sources`"));
    }

    const auto status = root.find("status");
    if (status == root.end() || !status->is_array() || status->empty()) {
      return tpp::unexpected(
          error(errc::missing_field, "status", "", "required: a non-empty array"));
    }
    for (std::size_t i = 0; i < status->size(); ++i) {
      const json& entry = (*status)[i];
      const std::string field = fmt::format("status[{}]", i);
      if (!entry.is_object())
        return tpp::unexpected(error(errc::wrong_type, field, entry.dump(), "expected an object"));
      for (const auto& [key, value] : entry.items()) {
        if (key != "from" && key != "state" && key != "review" && key != "note" &&
            key != "source") {
          return tpp::unexpected(
              error(errc::unknown_field, field + "." + key, "", "unknown field"));
        }
      }
      LetterStatus row;
      auto from = json_date(entry, "from", true);
      if (!from)
        return tpp::unexpected(error(errc::invalid_argument, field + ".from", from.error().value,
                                     from.error().detail));
      row.from = **from;
      for (auto [key, target] : {std::pair{"state", &row.state},
                                 {"review", &row.review},
                                 {"note", &row.note},
                                 {"source", &row.source}}) {
        const bool required = std::string_view(key) == "state" || std::string_view(key) == "source";
        auto value = json_string(entry, key, required);
        if (!value)
          return tpp::unexpected(error(value.error().code, field + "." + key, value.error().value,
                                       value.error().detail));
        *target = *value;
      }
      if (out.find_source(row.source) == nullptr) {
        return tpp::unexpected(error(errc::missing_field, field + ".source", row.source,
                                     "names no entry of `sources`"));
      }
      if (i == 0 && row.from != out.informed) {
        return tpp::unexpected(error(errc::out_of_range, field + ".from", to_string(row.from),
                                     "the first status must start on `informed`"));
      }
      if (i > 0 && row.from <= out.status.back().from) {
        return tpp::unexpected(error(errc::out_of_range, field + ".from", to_string(row.from),
                                     "statuses must be in date order"));
      }
      if (out.until && row.from > *out.until) {
        return tpp::unexpected(
            error(errc::out_of_range, field + ".from", to_string(row.from), "is after `until`"));
      }
      out.status.push_back(std::move(row));
    }
    if (const auto notes = root.find("notes"); notes != root.end()) {
      if (!notes->is_array())
        return tpp::unexpected(
            error(errc::wrong_type, "notes", notes->dump(), "expected an array of strings"));
      for (const json& note : *notes) {
        if (!note.is_string())
          return tpp::unexpected(
              error(errc::wrong_type, "notes", note.dump(), "expected a string"));
        out.notes.push_back(note.get<std::string>());
      }
    }
    return out;
  }

  Result<StandIn> read_stand_in(const json& value) {
    const std::string field = "items.stand_in";
    if (!value.is_object())
      return tpp::unexpected(error(errc::wrong_type, field, value.dump(), "expected an object"));
    StandIn out;
    for (const auto& [key, item] : value.items()) {
      if (key == "any" || key == "all") {
        if (!out.tests.empty()) {
          return tpp::unexpected(
              error(errc::invalid_argument, field, "", "give `any` or `all`, not both"));
        }
        auto conditions = detail::read_conditions(item, field + "." + key);
        if (!conditions) {
          Error e = conditions.error();
          e.field = file + ": " + e.field;
          return tpp::unexpected(std::move(e));
        }
        out.tests = std::move(*conditions);
        out.all = key == "all";
      } else if (key == "note") {
        if (!item.is_string())
          return tpp::unexpected(
              error(errc::wrong_type, field + ".note", item.dump(), "expected a string"));
        out.note = item.get<std::string>();
      } else {
        return tpp::unexpected(error(errc::unknown_field, field + "." + key, "", "unknown field"));
      }
    }
    if (out.tests.empty())
      return tpp::unexpected(error(errc::missing_field, field + ".any", "",
                                   "required: `any` or `all` with at least one test"));
    if (out.note.empty())
      return tpp::unexpected(
          error(errc::missing_field, field + ".note", "", "required: why these numbers"));
    return out;
  }
};

const Source* Letter::find_source(std::string_view key) const {
  for (const Source& entry : sources) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

const LetterStatus* Letter::status_on(Date date) const {
  if (date < informed || (until && date > *until)) return nullptr;
  const LetterStatus* found = nullptr;
  for (const LetterStatus& row : status) {
    if (row.from <= date) found = &row;
  }
  return found;
}

bool Letter::recipient_made(const ChipSpec& spec) const {
  const std::string vendor = normalize_name(spec.vendor);
  if (!vendor.empty() && vendor.find(normalize_name(recipient)) != std::string::npos) return true;
  for (const Component& component : spec.contains) {
    if (component.spec && recipient_made(*component.spec)) return true;
  }
  return false;
}

std::string Letter::label() const {
  return fmt::format("is-informed letter to {}, {}", recipient, to_string(informed));
}

Result<LetterDatabase> LetterDatabase::from_json(std::span<const std::string_view> texts,
                                                 std::span<const std::string_view> origins) {
  LetterDatabase db;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    LetterReader reader{
        db, i < origins.size() ? std::string(origins[i]) : fmt::format("letter {}", i + 1)};
    auto parsed = detail::parse_json(texts[i], reader.file);
    if (!parsed) return tpp::unexpected(parsed.error());
    const nlohmann::json root = std::move(*parsed);
    auto letter = reader.read(root);
    if (!letter) return tpp::unexpected(letter.error());
    for (const Letter& other : db.letters_) {
      if (other.id == letter->id) {
        return fail(errc::invalid_argument, reader.file + ": id", letter->id,
                    "duplicate letter id");
      }
    }
    db.canonical_ += "\nletter:" + root.dump();
    db.letters_.push_back(std::move(*letter));
  }
  return db;
}

std::vector<Date> LetterDatabase::change_dates() const {
  std::vector<Date> out;
  for (const Letter& letter : letters_) {
    for (const LetterStatus& row : letter.status)
      out.push_back(row.from);
    if (letter.until) {
      out.push_back(Date{std::chrono::sys_days{*letter.until} + std::chrono::days{1}});
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

// The named item the spec is, or holds (for a system the letter covers); empty if none.
std::string named_item(const ChipSpec& spec, const Letter& letter, bool top) {
  if (std::find(letter.models.begin(), letter.models.end(), spec.id) != letter.models.end()) {
    return spec.display_name();
  }
  if (spec.kind == ChipKind::system && (letter.covers_systems || !top)) {
    for (const Component& component : spec.contains) {
      if (!component.spec) continue;
      const std::string inner = named_item(*component.spec, letter, false);
      if (!inner.empty()) return inner;
    }
  }
  return "";
}

}  // namespace

std::vector<LetterMatch> letters_for(const Report& report, const Country& country,
                                     const Country* headquarters, const CountryDatabase& countries,
                                     const LetterDatabase& letters) {
  std::vector<LetterMatch> out;
  const Date date = report.as_of;
  const ChipSpec& spec = *report.spec;
  for (const Letter& letter : letters.letters()) {
    const LetterStatus* status = letter.status_on(date);
    if (status == nullptr || !letter.recipient_made(spec)) continue;
    LetterMatch match;
    match.letter = &letter;
    match.status = status;
    Truth item = Truth::no;
    if (const std::string named = named_item(spec, letter, true); !named.empty()) {
      item = Truth::yes;
      match.how = "names the " + named;
    } else if (letter.stand_in) {
      // The stand-in is read on the IC that decided the classification.
      const Report& ic = report.decisive();
      const auto outcomes = evaluate_conditions(letter.stand_in->tests, *ic.spec, ic.metrics);
      std::vector<std::string> hits;
      std::vector<std::string> missing;
      bool any_fails = false;
      for (const ConditionOutcome& outcome : outcomes) {
        if (outcome.truth == Truth::yes) hits.push_back(detail::test_text(outcome));
        if (outcome.truth == Truth::unknown) missing.emplace_back(outcome.value.missing_input);
        any_fails = any_fails || outcome.truth == Truth::no;
      }
      const bool all = letter.stand_in->all;
      if (all && any_fails) {
        // one test fails: not covered by the stand-in
      } else if (all ? missing.empty() : !hits.empty()) {
        item = Truth::unknown;
        match.how = fmt::format(
            "may cover it: \"{}\" has no published number; an UNCONFIRMED stand-in matches ({})",
            letter.wording, detail::join(hits, "; "));
      } else if (!missing.empty()) {
        item = Truth::unknown;
        match.how = fmt::format(
            "may cover it: \"{}\" has no published number; the UNCONFIRMED stand-in needs {}",
            letter.wording, detail::join(missing, "; "));
        match.missing_inputs = missing;
      }
    }
    if (item == Truth::no) continue;
    Truth where = Truth::no;
    if (in_set(letter.destinations, country, date, countries)) {
      where = Truth::yes;
      match.how += fmt::format("; to {}", letter.destinations.summary);
    } else if ((!letter.headquartered_in.countries.empty() ||
                !letter.headquartered_in.groups.empty()) &&
               !is_united_states(country)) {
      // Like the rule's headquarters requirement, read as reaching destinations outside the US.
      if (headquarters == nullptr) {
        where = Truth::unknown;
        match.how += fmt::format("; to end users headquartered in {}, if this one is",
                                 letter.headquartered_in.summary);
        match.missing_inputs.emplace_back("end-user headquarters (--hq COUNTRY)");
      } else if (in_set(letter.headquartered_in, *headquarters, date, countries)) {
        where = Truth::yes;
        match.how += fmt::format("; to end users headquartered in {} ({})",
                                 letter.headquartered_in.summary, headquarters->name);
      }
    }
    if (where == Truth::no) continue;
    match.applies = item == Truth::yes && where == Truth::yes ? Truth::yes : Truth::unknown;
    out.push_back(std::move(match));
  }
  return out;
}

}  // namespace tpp
