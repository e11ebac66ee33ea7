#include "tpp/rules/countries.hpp"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "core/json_reader.hpp"
#include "tpp/data/database.hpp"

namespace tpp {
namespace {

using json = nlohmann::json;

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

Result<std::optional<Date>> optional_date(const json& entry, const char* key,
                                          const std::string& where) {
  const auto it = entry.find(key);
  if (it == entry.end() || it->is_null()) return std::optional<Date>{};
  if (!it->is_string())
    return fail(errc::wrong_type, where + "." + key, it->dump(), "expected a date");
  auto date = parse_date(it->get<std::string>(), where + "." + key);
  if (!date) return tpp::unexpected(date.error());
  return std::optional<Date>{*date};
}

}  // namespace

Result<CountryDatabase> CountryDatabase::from_json(std::string_view text) {
  CountryDatabase db;
  auto parsed = detail::parse_json(text, "countries");
  if (!parsed) return tpp::unexpected(parsed.error());
  // Fields the format knows, per level; anything else is a typo that would be ignored.
  const auto only = [](const json& object, std::initializer_list<std::string_view> known,
                       const std::string& where) -> Result<void> {
    if (!object.is_object()) return fail(errc::wrong_type, where, "", "expected an object");
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end())
        return fail(errc::unknown_field, where.empty() ? key : where + "." + key, "",
                    "unknown field");
    }
    return {};
  };
  try {
    const json& root = *parsed;
    auto known = only(
        root, {"$schema", "$comment", "text_as_of", "sources", "countries", "groups", "notes"}, "");
    if (!known) return tpp::unexpected(known.error());
    for (const json& entry : root.at("countries")) {
      known = only(entry, {"code", "name", "aliases", "treated_as", "note", "source"},
                   "countries." + entry.value("code", std::string("?")));
      if (!known) return tpp::unexpected(known.error());
    }
    for (const auto& [group, body] : root.at("groups").items()) {
      known = only(body, {"title", "source", "members"}, "groups." + group);
      if (!known) return tpp::unexpected(known.error());
      for (const json& entry : body.at("members")) {
        known = only(entry, {"code", "from", "until", "source", "unconfirmed", "note"},
                     "groups." + group + "." + entry.value("code", std::string("?")));
        if (!known) return tpp::unexpected(known.error());
      }
    }
    db.text_as_of_ = root.value("text_as_of", "");
    for (const auto& [key, source] : root.at("sources").items()) {
      db.sources_.emplace_back(key, source.value("url", ""));
    }
    for (const json& entry : root.at("countries")) {
      Country country;
      country.code = entry.at("code").get<std::string>();
      country.name = entry.at("name").get<std::string>();
      country.aliases = entry.value("aliases", std::vector<std::string>{});
      country.treated_as = entry.value("treated_as", "");
      country.note = entry.value("note", "");
      db.countries_.push_back(std::move(country));
    }
    for (const auto& [group, body] : root.at("groups").items()) {
      const std::string group_source = body.value("source", "");
      for (const json& entry : body.at("members")) {
        Membership m;
        m.group = group;
        m.code = entry.at("code").get<std::string>();
        const std::string where = "groups." + group + "." + m.code;
        auto from = optional_date(entry, "from", where);
        if (!from) return tpp::unexpected(from.error());
        auto until = optional_date(entry, "until", where);
        if (!until) return tpp::unexpected(until.error());
        m.from = *from;
        m.until = *until;
        m.source = entry.value("source", group_source);
        m.unconfirmed = entry.value("unconfirmed", false);
        m.note = entry.value("note", "");
        db.memberships_.push_back(std::move(m));
      }
    }
    db.notes_ = root.value("notes", std::vector<std::string>{});
    for (std::size_t i = 0; i < db.memberships_.size(); ++i) {
      db.memberships_by_code_[db.memberships_[i].code].push_back(i);
    }
  } catch (const json::exception& e) {
    return fail(errc::invalid_json, "countries", "", e.what());
  }
  // Every code a group or a country's EAR row names must be a country of the data.
  const auto known = [&db](const std::string& code) {
    return std::any_of(db.countries_.begin(), db.countries_.end(),
                       [&code](const Country& c) { return c.code == code; });
  };
  for (std::size_t i = 0; i < db.countries_.size(); ++i) {
    const Country& country = db.countries_[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (db.countries_[j].code == country.code)
        return fail(errc::invalid_argument, "countries", country.code, "listed twice");
    }
    if (!country.treated_as.empty() && !known(country.treated_as)) {
      return fail(errc::invalid_argument, "countries." + country.code + ".treated_as",
                  country.treated_as, "not a country of the data");
    }
  }
  for (const Membership& m : db.memberships_) {
    if (!known(m.code)) {
      return fail(errc::invalid_argument, "groups." + m.group, m.code, "not a country of the data");
    }
  }
  return db;
}

bool CountryDatabase::has_group(std::string_view group) const {
  return std::any_of(memberships_.begin(), memberships_.end(),
                     [group](const Membership& m) { return m.group == group; });
}

Result<const Country*> CountryDatabase::find(std::string_view code_or_name) const {
  const std::string code = upper(code_or_name);
  for (const Country& country : countries_) {
    if (country.code == code) return &country;
  }
  const std::string wanted = normalize_name(code_or_name);
  for (const Country& country : countries_) {
    if (normalize_name(country.name) == wanted) return &country;
    for (const std::string& alias : country.aliases) {
      if (normalize_name(alias) == wanted) return &country;
    }
  }
  std::vector<std::string> close;
  for (const Country& country : countries_) {
    const std::string name = normalize_name(country.name);
    if (!wanted.empty() && (name.starts_with(wanted) || wanted.starts_with(name))) {
      close.push_back(country.code + " (" + country.name + ")");
    }
  }
  std::string detail = "not an ISO 3166 alpha-2 code or a country name tpp knows";
  if (!close.empty() && close.size() <= 4) {
    detail += "; did you mean ";
    for (std::size_t i = 0; i < close.size(); ++i)
      detail += (i ? ", " : "") + close[i];
    detail += "?";
  }
  return fail(errc::invalid_argument, "country", std::string(code_or_name), detail);
}

std::vector<const Membership*> CountryDatabase::memberships(const Country& country,
                                                            Date date) const {
  const std::string& code = country.treated_as.empty() ? country.code : country.treated_as;
  std::vector<const Membership*> out;
  const auto it = memberships_by_code_.find(code);
  if (it == memberships_by_code_.end()) return out;
  for (const std::size_t index : it->second) {
    if (memberships_[index].covers(date)) out.push_back(&memberships_[index]);
  }
  return out;
}

std::string CountryDatabase::source_url(std::string_view key) const {
  for (const auto& [k, url] : sources_) {
    if (k == key) return url;
  }
  return {};
}

}  // namespace tpp
