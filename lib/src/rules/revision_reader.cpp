#include "rules/revision_reader.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <initializer_list>

#include "rules/rule_json.hpp"

namespace tpp::detail {
namespace {

using json = nlohmann::json;

std::string shown(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() > 60 ? text.substr(0, 60) + "..." : text;
}

// Reads the fields of one JSON object, each error prefixed with the file and the object's path.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string file, std::string path, RuleArena& arena)
      : object_(object), file_(std::move(file)), path_(std::move(path)), arena_(arena) {}

  Error error(errc code, std::string_view key, std::string value, std::string detail) const {
    return Error{code, file_ + ": " + where(key), std::move(value), std::move(detail)};
  }

  std::string where(std::string_view key) const {
    if (key.empty()) return path_.empty() ? "(root)" : path_;
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  /// Refuses a field not in `known` (a typo would otherwise be silently ignored).
  Result<void> only(std::initializer_list<std::string_view> known) const {
    if (!object_.is_object()) {
      return tpp::unexpected(error(errc::wrong_type, "", shown(object_), "expected an object"));
    }
    for (const auto& [key, value] : object_.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        return tpp::unexpected(error(errc::unknown_field, key, shown(value), "unknown field"));
      }
    }
    return {};
  }

  Result<std::string_view> text(const char* key, bool required) const {
    auto value = json_string(object_, key, required);
    if (!value) return tpp::unexpected(rebase(value.error(), key));
    return arena_.keep(std::move(*value));
  }

  Result<std::optional<Date>> date(const char* key, bool required) const {
    auto value = json_date(object_, key, required);
    if (!value) return tpp::unexpected(rebase(value.error(), key));
    return *value;
  }

  Result<bool> flag(const char* key) const {
    const auto it = object_.find(key);
    if (it == object_.end())
      return tpp::unexpected(error(errc::missing_field, key, "", "required"));
    if (!it->is_boolean())
      return tpp::unexpected(error(errc::wrong_type, key, shown(*it), "expected true or false"));
    return it->get<bool>();
  }

  Result<long long> integer(const char* key, long long min, long long max) const {
    const auto it = object_.find(key);
    if (it == object_.end())
      return tpp::unexpected(error(errc::missing_field, key, "", "required"));
    if (!it->is_number_integer())
      return tpp::unexpected(error(errc::wrong_type, key, shown(*it), "expected a whole number"));
    const long long value = it->get<long long>();
    if (value < min || value > max) {
      return tpp::unexpected(
          error(errc::out_of_range, key, shown(*it), fmt::format("expected {} to {}", min, max)));
    }
    return value;
  }

  /// An array of strings; `required` refuses an absent or empty one.
  Result<std::span<const std::string_view>> strings(const char* key, bool required) const {
    const auto it = object_.find(key);
    if (it == object_.end() || (it->is_array() && it->empty())) {
      if (required)
        return tpp::unexpected(error(errc::missing_field, key, "", "required: a non-empty list"));
      return std::span<const std::string_view>{};
    }
    if (!it->is_array())
      return tpp::unexpected(error(errc::wrong_type, key, shown(*it), "expected an array"));
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& item = (*it)[i];
      if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
        return tpp::unexpected(error(errc::wrong_type, fmt::format("{}[{}]", key, i), shown(item),
                                     "expected a non-empty string"));
      }
      out.push_back(arena_.keep(item.get<std::string>()));
    }
    return arena_.keep_list(std::move(out));
  }

  Result<std::span<const Condition>> conditions(const char* key, bool required) const {
    const auto it = object_.find(key);
    if (it == object_.end()) {
      if (required) return tpp::unexpected(error(errc::missing_field, key, "", "required"));
      return std::span<const Condition>{};
    }
    auto read = read_conditions(*it, where(key));
    if (!read) return tpp::unexpected(prefixed(read.error()));
    if (required && read->empty()) {
      return tpp::unexpected(
          error(errc::missing_field, key, "", "required: at least one condition"));
    }
    return arena_.keep_list(std::move(*read));
  }

  Result<Scope> scope(const char* key) const {
    auto name = json_string(object_, key, true);
    if (!name) return tpp::unexpected(rebase(name.error(), key));
    if (*name == "destination") return Scope::destination;
    if (*name == "headquarters") return Scope::headquarters;
    return tpp::unexpected(
        error(errc::invalid_argument, key, *name, "expected destination or headquarters"));
  }

  const json* find(const char* key) const {
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  /// Reads each object of the array `key` with `read_one(reader)`.
  template <class T, class F>
  Result<std::span<const T>> each(const char* key, F&& read_one) const {
    const auto it = object_.find(key);
    if (it == object_.end())
      return tpp::unexpected(error(errc::missing_field, key, "", "required"));
    if (!it->is_array())
      return tpp::unexpected(error(errc::wrong_type, key, shown(*it), "expected an array"));
    std::vector<T> out;
    for (std::size_t i = 0; i < it->size(); ++i) {
      ObjectReader item((*it)[i], file_, fmt::format("{}[{}]", where(key), i), arena_);
      Result<T> one = read_one(item);
      if (!one) return tpp::unexpected(one.error());
      out.push_back(std::move(*one));
    }
    return arena_.keep_list(std::move(out));
  }

  ObjectReader child(const json& value, const char* key) const {
    return ObjectReader(value, file_, where(key), arena_);
  }

  const std::string& file() const { return file_; }
  RuleArena& arena() const { return arena_; }

  // An error from a shared reader that named only `key` (or a path inside this object).
  Error rebase(const Error& inner, std::string_view key) const {
    Error out = inner;
    out.field = file_ + ": " + where(key);
    return out;
  }
  Error prefixed(const Error& inner) const {
    Error out = inner;
    out.field = file_ + ": " + inner.field;
    return out;
  }

 private:
  const json& object_;
  std::string file_;
  std::string path_;
  RuleArena& arena_;
};

Result<ChipKind> chip_kind(const ObjectReader& r, const char* key) {
  auto name = r.text(key, true);
  if (!name) return tpp::unexpected(name.error());
  if (*name == "accelerator") return ChipKind::accelerator;
  if (*name == "memory") return ChipKind::memory;
  return tpp::unexpected(
      r.error(errc::invalid_argument, key, std::string(*name), "expected accelerator or memory"));
}

// Returns the error of a Result<void> from the enclosing function.
#define TPP_TRY(expression)                                  \
  do {                                                       \
    auto tpp_try_ = (expression);                            \
    if (!tpp_try_) return tpp::unexpected(tpp_try_.error()); \
  } while (false)

// Unwraps a Result into `target`, returning its error from the enclosing function.
#define TPP_READ(target, expression)                           \
  do {                                                         \
    auto tpp_read_ = (expression);                             \
    if (!tpp_read_) return tpp::unexpected(tpp_read_.error()); \
    target = std::move(*tpp_read_);                            \
  } while (false)

Result<DestinationSet> set_field(const ObjectReader& r, const char* key, const NamedSets& sets,
                                 bool nullable) {
  const json* value = r.find(key);
  if (value == nullptr) return tpp::unexpected(r.error(errc::missing_field, key, "", "required"));
  if (value->is_null()) {
    if (nullable) return DestinationSet{};
    return tpp::unexpected(
        r.error(errc::missing_field, key, "null", "required: a destination set"));
  }
  return read_set(*value, r.file(), r.where(key), sets, r.arena());
}

Result<Clause> read_clause(const ObjectReader& r) {
  TPP_TRY(r.only({"paragraph", "eccn", "summary", "applies_to", "conditions"}));
  Clause out;
  TPP_READ(out.paragraph, r.text("paragraph", true));
  TPP_READ(out.eccn, r.text("eccn", true));
  TPP_READ(out.summary, r.text("summary", true));
  TPP_READ(out.applies_to, chip_kind(r, "applies_to"));
  TPP_READ(out.conditions, r.conditions("conditions", true));
  return out;
}

Result<Exclusion> read_exclusion(const ObjectReader& r) {
  TPP_TRY(r.only({"name", "summary", "conditions", "excluded_eccns"}));
  Exclusion out;
  TPP_READ(out.name, r.text("name", true));
  TPP_READ(out.summary, r.text("summary", true));
  TPP_READ(out.conditions, r.conditions("conditions", true));
  TPP_READ(out.excluded_eccns, r.strings("excluded_eccns", true));
  return out;
}

Result<SystemRule> read_system(const ObjectReader& r) {
  TPP_TRY(r.only({"ic_eccn", "system_eccn", "summary"}));
  SystemRule out;
  TPP_READ(out.ic_eccn, r.text("ic_eccn", true));
  TPP_READ(out.system_eccn, r.text("system_eccn", true));
  TPP_READ(out.summary, r.text("summary", true));
  return out;
}

Result<LicenceRequirement> read_licence(const ObjectReader& r, const NamedSets& sets) {
  TPP_TRY(r.only({"eccns", "destinations", "scope", "citation"}));
  LicenceRequirement out;
  TPP_READ(out.eccns, r.strings("eccns", true));
  TPP_READ(out.destinations, set_field(r, "destinations", sets, false));
  TPP_READ(out.scope, r.scope("scope"));
  TPP_READ(out.citation, r.text("citation", true));
  return out;
}

Result<ExceptionRule> read_exception(const ObjectReader& r, const NamedSets& sets) {
  TPP_TRY(r.only({"exception", "eccn", "summary", "conditions", "destinations", "notification_to",
                  "citation"}));
  ExceptionRule out;
  TPP_READ(out.exception, r.text("exception", true));
  TPP_READ(out.eccn, r.text("eccn", true));
  TPP_READ(out.summary, r.text("summary", true));
  TPP_READ(out.conditions, r.conditions("conditions", false));
  TPP_READ(out.destinations, set_field(r, "destinations", sets, false));
  TPP_READ(out.notification_to, set_field(r, "notification_to", sets, true));
  TPP_READ(out.citation, r.text("citation", true));
  return out;
}

Result<ReviewPolicy> read_review(const ObjectReader& r, const NamedSets& sets) {
  TPP_TRY(r.only({"policy", "eccns", "destinations", "scope", "conditions", "summary", "citation",
                  "origins", "must_establish"}));
  ReviewPolicy out;
  TPP_READ(out.policy, r.text("policy", true));
  TPP_READ(out.eccns, r.strings("eccns", true));
  TPP_READ(out.destinations, set_field(r, "destinations", sets, false));
  TPP_READ(out.scope, r.scope("scope"));
  TPP_READ(out.conditions, r.conditions("conditions", false));
  TPP_READ(out.summary, r.text("summary", true));
  TPP_READ(out.citation, r.text("citation", true));
  TPP_READ(out.origins, r.strings("origins", false));
  TPP_READ(out.must_establish, r.strings("must_establish", false));
  return out;
}

Result<Decimal> decimal_field(const ObjectReader& r, const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) {
    return tpp::unexpected(r.error(errc::missing_field, key, "", "required: a number"));
  }
  auto value = parse_decimal(it->dump(), key);
  if (!value) return tpp::unexpected(r.rebase(value.error(), key));
  return *value;
}

Result<TransistorAttestation> read_attestation(const ObjectReader& r, const json& object) {
  TPP_TRY(r.only({"from_year", "to_year", "billion", "requires_no_hbm"}));
  TransistorAttestation out{};
  long long year = 0;
  TPP_READ(year, r.integer("from_year", 1900, 9999));
  out.from_year = static_cast<int>(year);
  TPP_READ(year, r.integer("to_year", 1900, 9999));
  out.to_year = static_cast<int>(year);
  TPP_READ(out.billion, decimal_field(r, object, "billion"));
  TPP_READ(out.requires_no_hbm, r.flag("requires_no_hbm"));
  if (out.to_year < out.from_year) {
    return tpp::unexpected(
        r.error(errc::out_of_range, "to_year", std::to_string(out.to_year), "is before from_year"));
  }
  return out;
}

Result<const FoundryPresumption*> read_foundry(const ObjectReader& r) {
  TPP_TRY(r.only({"summary", "citation", "binding_from", "attestations"}));
  FoundryPresumption out{};
  TPP_READ(out.summary, r.text("summary", true));
  TPP_READ(out.citation, r.text("citation", true));
  std::optional<Date> binding;
  TPP_READ(binding, r.date("binding_from", true));
  out.binding_from = *binding;
  const json* list = r.find("attestations");
  if (list == nullptr || !list->is_array() || list->empty()) {
    return tpp::unexpected(
        r.error(errc::missing_field, "attestations", "", "required: a non-empty list"));
  }
  std::vector<TransistorAttestation> attestations;
  for (std::size_t i = 0; i < list->size(); ++i) {
    ObjectReader item((*list)[i], r.file(), r.where(fmt::format("attestations[{}]", i).c_str()),
                      r.arena());
    TransistorAttestation one{};
    TPP_READ(one, read_attestation(item, (*list)[i]));
    attestations.push_back(one);
  }
  out.attestations = r.arena().keep_list(std::move(attestations));
  return r.arena().keep_one(out);
}

Result<Operations> operations_field(const ObjectReader& r, const char* key) {
  auto text = r.text(key, true);
  if (!text) return tpp::unexpected(text.error());
  auto value = parse_operations(*text, key);
  if (!value) return tpp::unexpected(r.rebase(value.error(), key));
  return *value;
}

Result<const ModelWeightsRule*> read_weights(const ObjectReader& r, const NamedSets& sets) {
  TPP_TRY(r.only({"eccn", "summary", "threshold", "derived_floor", "derived_percent",
                  "destinations", "enforced", "citation", "exceptions"}));
  ModelWeightsRule out{};
  TPP_READ(out.eccn, r.text("eccn", true));
  TPP_READ(out.summary, r.text("summary", true));
  TPP_READ(out.threshold, operations_field(r, "threshold"));
  TPP_READ(out.derived_floor, operations_field(r, "derived_floor"));
  long long percent = 0;
  TPP_READ(percent, r.integer("derived_percent", 0, 100));
  out.derived_percent = static_cast<int>(percent);
  TPP_READ(out.destinations, set_field(r, "destinations", sets, false));
  TPP_READ(out.enforced, r.flag("enforced"));
  TPP_READ(out.citation, r.text("citation", true));
  TPP_READ(out.exceptions, r.strings("exceptions", false));
  return r.arena().keep_one(out);
}

}  // namespace

Result<DestinationSet> read_set(const json& value, const std::string& file,
                                const std::string& field, const NamedSets& sets, RuleArena& arena) {
  if (value.is_string()) {
    const auto it = sets.find(value.get_ref<const std::string&>());
    if (it == sets.end()) {
      return fail(errc::invalid_argument, file + ": " + field, value.get<std::string>(),
                  "no destination set of that name in package.json `sets`");
    }
    return it->second;
  }
  auto set = read_destination_set(
      value, field, [&arena](std::string text) { return arena.keep(std::move(text)); },
      [&arena](std::vector<std::string_view> list) { return arena.keep_list(std::move(list)); });
  if (!set) {
    Error error = set.error();
    error.field = file + ": " + error.field;
    return tpp::unexpected(std::move(error));
  }
  return *set;
}

Result<Regime> read_revision(const json& root, const std::string& file, const NamedSets& sets,
                             RuleArena& arena) {
  const ObjectReader r(root, file, "", arena);
  TPP_TRY(r.only({"$schema", "effective", "compliance", "compliance_citation", "title", "citation",
                  "grade", "source", "clauses", "exclusions", "systems", "licences", "exceptions",
                  "review_policies", "foundry", "ai_diffusion_tiers", "model_weights", "notes"}));
  Regime out;
  std::optional<Date> effective;
  TPP_READ(effective, r.date("effective", true));
  out.effective = *effective;
  TPP_READ(out.compliance, r.date("compliance", false));
  if (out.compliance && *out.compliance < out.effective) {
    return tpp::unexpected(r.error(errc::out_of_range, "compliance", to_string(*out.compliance),
                                   "is before the effective date"));
  }
  TPP_READ(out.compliance_citation, r.text("compliance_citation", out.compliance.has_value()));
  TPP_READ(out.title, r.text("title", true));
  TPP_READ(out.citation, r.text("citation", true));
  TPP_READ(out.grade, r.text("grade", true));
  if (out.grade != "P" && out.grade != "C" && out.grade != "S") {
    return tpp::unexpected(r.error(errc::invalid_argument, "grade", std::string(out.grade),
                                   "expected P (primary), C (company filing) or S (secondary)"));
  }
  TPP_READ(out.source, r.text("source", true));
  TPP_READ(out.clauses, r.each<Clause>("clauses", read_clause));
  if (out.clauses.empty()) {
    return tpp::unexpected(
        r.error(errc::missing_field, "clauses", "[]", "a revision needs at least one paragraph"));
  }
  TPP_READ(out.exclusions, r.each<Exclusion>("exclusions", read_exclusion));
  TPP_READ(out.systems, r.each<SystemRule>("systems", read_system));
  const auto with_sets = [&sets](auto reader) {
    return [&sets, reader](const ObjectReader& item) { return reader(item, sets); };
  };
  TPP_READ(out.licences, r.each<LicenceRequirement>("licences", with_sets(read_licence)));
  TPP_READ(out.exceptions, r.each<ExceptionRule>("exceptions", with_sets(read_exception)));
  TPP_READ(out.review_policies, r.each<ReviewPolicy>("review_policies", with_sets(read_review)));
  if (const json* foundry = r.find("foundry"); foundry != nullptr && !foundry->is_null()) {
    TPP_READ(out.foundry, read_foundry(r.child(*foundry, "foundry")));
  }
  TPP_READ(out.ai_diffusion_tiers, r.flag("ai_diffusion_tiers"));
  if (const json* weights = r.find("model_weights"); weights != nullptr && !weights->is_null()) {
    TPP_READ(out.model_weights, read_weights(r.child(*weights, "model_weights"), sets));
  }
  TPP_READ(out.notes, r.strings("notes", false));
  return out;
}

}  // namespace tpp::detail
