#include "tpp/countries.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "tpp/database.hpp"
#include "tpp/detail/embedded.hpp"

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
  try {
    const json root = json::parse(text.begin(), text.end());
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
  return db;
}

const CountryDatabase& CountryDatabase::bundled() {
  static const CountryDatabase db = [] {
    const auto files = detail::bundled_country_files();
    if (files.empty()) throw std::logic_error("bundled country data is missing");
    auto loaded = from_json(files.front().text);
    // The bundled data is checked by the test suite; failing here is a build defect.
    if (!loaded) throw std::logic_error("bundled country data: " + loaded.error().message());
    return std::move(*loaded);
  }();
  return db;
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
