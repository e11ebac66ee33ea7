// Destinations: ISO 3166 countries and their EAR country groups (and AI Diffusion Tier 1) on a
// date, from the rule package's countries.json.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tpp/core/error.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp {

struct Country {
  std::string code;  ///< ISO 3166-1 alpha-2, "CN"
  std::string name;
  std::vector<std::string> aliases;
  std::string treated_as;  ///< the EAR row it takes ("CN" for Hong Kong), or empty
  std::string note;
};

/// A country's place in a group over a span of dates.
struct Membership {
  std::string group;  ///< "D:5", "A:6", "tier1"
  std::string code;
  std::optional<Date> from;   ///< inclusive; empty: throughout what the data covers
  std::optional<Date> until;  ///< inclusive
  std::string source;         ///< key into the data's sources
  bool unconfirmed = false;
  std::string note;

  bool covers(Date date) const { return (!from || *from <= date) && (!until || date <= *until); }
};

class CountryDatabase {
 public:
  /// Reads data/rules/countries.json's shape; the active rule package holds the one in use
  /// (active_rules().countries()).
  static Result<CountryDatabase> from_json(std::string_view text);

  /// By ISO code or by name/alias, ignoring case; an unknown one gets suggestions.
  Result<const Country*> find(std::string_view code_or_name) const;

  /// The memberships that hold on `date` for the country's EAR row (China's for Hong Kong).
  std::vector<const Membership*> memberships(const Country& country, Date date) const;

  /// Whether any country is ever a member of `group` ("D:5", "tier1").
  bool has_group(std::string_view group) const;

  /// The URL of a source key, or empty.
  std::string source_url(std::string_view key) const;

  std::span<const Country> countries() const { return countries_; }
  std::span<const std::string> notes() const { return notes_; }
  const std::string& text_as_of() const { return text_as_of_; }

 private:
  std::vector<Country> countries_;
  std::vector<Membership> memberships_;
  std::unordered_map<std::string, std::vector<std::size_t>> memberships_by_code_;
  std::vector<std::pair<std::string, std::string>> sources_;
  std::vector<std::string> notes_;
  std::string text_as_of_;
};

}  // namespace tpp
