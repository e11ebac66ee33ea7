#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/json_reader.hpp"
#include "tpp/rules/quota_policy.hpp"
#include "tpp/rules/rule_package.hpp"

namespace tpp {
namespace {

using json = nlohmann::json;

// Reads `object[key]` with a field path for errors.
class PolicyReader {
 public:
  explicit PolicyReader(const json& root) : root_(root) {}

  const json* at(std::string_view path, bool required = true) {
    const json* node = &root_;
    std::size_t start = 0;
    while (start <= path.size()) {
      const std::size_t dot = path.find('.', start);
      const std::string key(
          path.substr(start, dot == std::string_view::npos ? path.npos : dot - start));
      if (!node->is_object() || !node->contains(key)) {
        if (required && !error_)
          error_ = Error{errc::missing_field, std::string(path), "", "required"};
        return nullptr;
      }
      node = &node->at(key);
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    return node;
  }
  Decimal decimal(std::string_view path) {
    const json* node = at(path);
    if (node == nullptr) return {};
    Result<Decimal> value =
        fail(errc::wrong_type, std::string(path), node->dump(), "expected a number");
    if (node->is_number_integer() || node->is_number_unsigned())
      value = parse_decimal(node->dump(), path);
    if (node->is_number_float()) value = decimal_from_double(node->get<double>(), path);
    if (value && value->is_negative()) {
      value = fail(errc::out_of_range, std::string(path), node->dump(), "must not be negative");
    }
    if (!value) {
      if (!error_) error_ = value.error();
      return {};
    }
    return *value;
  }
  Date date(std::string_view path) {
    const json* node = at(path);
    if (node == nullptr) return {};
    auto value = node->is_string()
                     ? parse_date(node->get<std::string>(), path)
                     : fail(errc::wrong_type, std::string(path), node->dump(), "expected a date");
    if (!value) {
      if (!error_) error_ = value.error();
      return {};
    }
    return *value;
  }
  std::vector<std::string> strings(std::string_view path, bool required = true) {
    const json* node = at(path, required);
    std::vector<std::string> out;
    if (node == nullptr) return out;
    if (!node->is_array()) {
      if (!error_)
        error_ = Error{errc::wrong_type, std::string(path), node->dump(),
                       "expected an array of strings"};
      return out;
    }
    for (const json& item : *node) {
      if (!item.is_string()) {
        if (!error_)
          error_ = Error{errc::wrong_type, std::string(path), item.dump(), "expected a string"};
        return out;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  std::string text(std::string_view path, bool required = false) {
    const json* node = at(path, required);
    if (node == nullptr) return {};
    if (!node->is_string()) {
      if (!error_)
        error_ = Error{errc::wrong_type, std::string(path), node->dump(), "expected a string"};
      return {};
    }
    return node->get<std::string>();
  }
  bool flag(std::string_view path) {
    const json* node = at(path, false);
    if (node == nullptr) return false;
    if (!node->is_boolean()) {
      if (!error_)
        error_ = Error{errc::wrong_type, std::string(path), node->dump(), "expected true or false"};
      return false;
    }
    return node->get<bool>();
  }
  TierRule tier(std::string_view path) {
    TierRule out;
    out.groups = strings(std::string(path) + ".groups");
    out.countries = strings(std::string(path) + ".countries");
    if (at(std::string(path) + ".membership_as_of", false) != nullptr) {
      out.membership_as_of = date(std::string(path) + ".membership_as_of");
    }
    return out;
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json& root_;
  std::optional<Error> error_;
};

// Every field the policy format knows ("[]" stands for an array's items): anything else is a
// typo that would otherwise be silently ignored.
constexpr std::string_view kKnownFields[] = {"$schema",
                                             "name",
                                             "citation",
                                             "window",
                                             "window.from",
                                             "window.until",
                                             "window.compliance_from",
                                             "window.compliance_source",
                                             "counted_eccns",
                                             "count_non_datacenter",
                                             "tiers",
                                             "tiers.tier1",
                                             "tiers.tier3",
                                             "tiers.tier1.groups",
                                             "tiers.tier1.countries",
                                             "tiers.tier1.membership_as_of",
                                             "tiers.tier3.groups",
                                             "tiers.tier3.countries",
                                             "tiers.tier3.membership_as_of",
                                             "lpp",
                                             "lpp.tpp_per_consignee_per_year",
                                             "lpp.source",
                                             "country_allocation",
                                             "country_allocation.tpp",
                                             "country_allocation.from",
                                             "country_allocation.until",
                                             "country_allocation.g2g_multiplier",
                                             "country_allocation.g2g_countries",
                                             "country_allocation.unconfirmed",
                                             "country_allocation.source",
                                             "nveu",
                                             "nveu.phase_in",
                                             "nveu.phase_in[].until",
                                             "nveu.phase_in[].h100_equivalents",
                                             "nveu.unconfirmed",
                                             "nveu.source",
                                             "uveu",
                                             "uveu.min_tier1_share",
                                             "uveu.max_tier2_country_share",
                                             "uveu.min_us_share_if_us_headquartered",
                                             "uveu.source",
                                             "notes"};

Result<void> check_fields(const json& node, const std::string& pattern, const std::string& path) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      const std::string child = pattern.empty() ? key : pattern + "." + key;
      const std::string where = path.empty() ? key : path + "." + key;
      if (std::find(std::begin(kKnownFields), std::end(kKnownFields), child) ==
          std::end(kKnownFields)) {
        return fail(errc::unknown_field, where, "", "unknown field");
      }
      auto inner = check_fields(value, child, where);
      if (!inner) return inner;
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      auto inner = check_fields(node[i], pattern + "[]", fmt::format("{}[{}]", path, i));
      if (!inner) return inner;
    }
  }
  return {};
}

}  // namespace

Result<QuotaPolicy> read_policy_json(std::string_view text, const CountryDatabase& countries) {
  auto parsed = detail::parse_json(text, "policy");
  if (!parsed) return tpp::unexpected(parsed.error());
  const json root = std::move(*parsed);
  if (!root.is_object()) return fail(errc::wrong_type, "(root)", "", "expected an object");
  if (auto fields = check_fields(root, "", ""); !fields) return tpp::unexpected(fields.error());
  PolicyReader r(root);
  QuotaPolicy p;
  p.name = r.text("name", true);
  p.citation = r.text("citation");
  p.window_from = r.date("window.from");
  p.window_until = r.date("window.until");
  if (r.at("window.compliance_from", false) != nullptr) {
    p.compliance_from = r.date("window.compliance_from");
    p.compliance_source = r.text("window.compliance_source", true);
  }
  p.counted_eccns = r.strings("counted_eccns");
  p.count_non_datacenter = r.flag("count_non_datacenter");
  p.tier1 = r.tier("tiers.tier1");
  p.tier3 = r.tier("tiers.tier3");
  p.lpp_tpp_per_consignee_year = r.decimal("lpp.tpp_per_consignee_per_year");
  p.lpp_source = r.text("lpp.source");
  p.allocation_tpp = r.decimal("country_allocation.tpp");
  p.allocation_from = r.date("country_allocation.from");
  p.allocation_until = r.date("country_allocation.until");
  const Decimal multiplier = r.decimal("country_allocation.g2g_multiplier");
  if (multiplier < Decimal::from_integer(1) || multiplier > Decimal::from_integer(100) ||
      multiplier.units() % Decimal::kScale != 0) {
    if (!r.error()) {
      return fail(errc::out_of_range, "country_allocation.g2g_multiplier", to_string(multiplier),
                  "must be a whole number from 1 to 100");
    }
  }
  p.g2g_multiplier = static_cast<int>(multiplier.units() / Decimal::kScale);
  p.g2g_countries = r.strings("country_allocation.g2g_countries", false);
  p.allocation_unconfirmed = r.flag("country_allocation.unconfirmed");
  p.allocation_source = r.text("country_allocation.source");
  if (const json* phases = r.at("nveu.phase_in"); phases != nullptr && phases->is_array()) {
    for (std::size_t i = 0; i < phases->size(); ++i) {
      const std::string path = fmt::format("nveu.phase_in.{}", i);
      PolicyReader phase((*phases)[i]);
      NveuPhase item{phase.date("until"), phase.decimal("h100_equivalents")};
      if (phase.error()) {
        Error error = *phase.error();
        error.field = path + "." + error.field;
        return tpp::unexpected(std::move(error));
      }
      p.nveu_phases.push_back(item);
    }
  }
  p.nveu_unconfirmed = r.flag("nveu.unconfirmed");
  p.uveu_min_tier1_share = r.decimal("uveu.min_tier1_share");
  p.uveu_max_tier2_country_share = r.decimal("uveu.max_tier2_country_share");
  p.uveu_min_us_share_us_hq = r.decimal("uveu.min_us_share_if_us_headquartered");
  p.notes = r.strings("notes", false);
  if (r.error()) return tpp::unexpected(*r.error());
  if (p.window_until < p.window_from) {
    return fail(errc::invalid_argument, "window.until", to_string(p.window_until),
                "is before window.from");
  }
  for (const std::string& code : p.g2g_countries) {
    if (!countries.find(code)) {
      return fail(errc::invalid_argument, "country_allocation.g2g_countries", code,
                  "unknown country");
    }
  }
  const Decimal one = Decimal::from_integer(1);
  for (const auto& [name, value] :
       {std::pair{"uveu.min_tier1_share", p.uveu_min_tier1_share},
        std::pair{"uveu.max_tier2_country_share", p.uveu_max_tier2_country_share},
        std::pair{"uveu.min_us_share_if_us_headquartered", p.uveu_min_us_share_us_hq}}) {
    if (value > one)
      return fail(errc::out_of_range, name, to_string(value), "a share is at most 1");
  }
  if (p.g2g_multiplier < 1) {
    return fail(errc::out_of_range, "country_allocation.g2g_multiplier",
                std::to_string(p.g2g_multiplier), "must be at least 1");
  }
  return p;
}

Result<QuotaPolicy> read_policy_json(std::string_view text) {
  return read_policy_json(text, active_rules().countries());
}

}  // namespace tpp
