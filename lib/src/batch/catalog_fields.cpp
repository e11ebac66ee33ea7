#include "tpp/batch/catalog_fields.hpp"

#include <nlohmann/json.hpp>

#include <array>

#include "tpp/batch/catalog.hpp"
#include "tpp/data/csv.hpp"
#include "tpp/rules/rules.hpp"
#include "tpp/version.hpp"

namespace tpp {
namespace {

constexpr std::array<std::string_view, kCatalogFieldCount> kNames{"line",
                                                                  "file",
                                                                  "id",
                                                                  "name",
                                                                  "kind",
                                                                  "tpp",
                                                                  "performance_density",
                                                                  "density_status",
                                                                  "h100_equivalents",
                                                                  "datacenter",
                                                                  "eccn",
                                                                  "paragraph",
                                                                  "paragraphs",
                                                                  "possible_paragraphs",
                                                                  "status",
                                                                  "missing_inputs",
                                                                  "licence_exceptions",
                                                                  "regime",
                                                                  "basis",
                                                                  "epoch_tpp",
                                                                  "differs_because",
                                                                  "destination",
                                                                  "licence",
                                                                  "licence_basis",
                                                                  "review_policy",
                                                                  "licence_needs"};
static_assert(static_cast<std::size_t>(CatalogField::licence_needs) + 1 == kCatalogFieldCount);

CatalogFields of(std::initializer_list<CatalogField> fields) {
  CatalogFields out;
  for (const CatalogField f : fields)
    out.add(f);
  return out;
}

}  // namespace

CatalogFields CatalogFields::compact() {
  using F = CatalogField;
  return of({F::id, F::tpp, F::performance_density, F::paragraph, F::status, F::basis,
             F::destination, F::licence});
}

CatalogFields CatalogFields::result() {
  using F = CatalogField;
  return compact().add(of({F::line, F::file, F::eccn, F::missing_inputs, F::licence_basis,
                           F::review_policy, F::licence_needs}));
}

CatalogFields CatalogFields::full() {
  CatalogFields out;
  for (std::size_t i = 0; i < kCatalogFieldCount; ++i)
    out.add(static_cast<CatalogField>(i));
  return out;
}

std::string_view to_string(CatalogField field) {
  return kNames[static_cast<std::size_t>(field)];
}

Result<CatalogFields> parse_catalog_fields(std::string_view text) {
  CatalogFields out;
  const std::string known = "compact, result, full, or a comma-separated list of: " + [] {
    std::string names;
    for (const std::string_view name : kNames)
      names += (names.empty() ? "" : ", ") + std::string(name);
    return names;
  }();
  if (trim(text).empty())
    return fail(errc::invalid_argument, "fields", std::string(text), "empty: give " + known);
  for (std::string_view rest = text; !rest.empty();) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (item == "compact") {
      out.add(CatalogFields::compact());
    } else if (item == "result") {
      out.add(CatalogFields::result());
    } else if (item == "full") {
      out.add(CatalogFields::full());
    } else if (item == "record" || item == "error") {
      // Always written: accepted so that a list copied from a header reads back.
    } else {
      std::size_t i = 0;
      while (i < kNames.size() && kNames[i] != item)
        ++i;
      if (i == kNames.size()) {
        return fail(errc::invalid_argument, "fields", std::string(item),
                    "unknown field: give " + known);
      }
      out.add(static_cast<CatalogField>(i));
    }
  }
  return out;
}

std::vector<CatalogField> catalog_field_list(CatalogFields fields) {
  std::vector<CatalogField> out;
  for (std::size_t i = 0; i < kCatalogFieldCount; ++i) {
    const auto f = static_cast<CatalogField>(i);
    if (fields.has(f)) out.push_back(f);
  }
  return out;
}

CatalogFields catalog_fields_written(const CatalogOptions& options, bool several_inputs) {
  using F = CatalogField;
  CatalogFields out;
  for (const F f : catalog_field_list(options.fields)) {
    if (f == F::file && !several_inputs) continue;
    const bool licence_field = f == F::destination || f == F::licence || f == F::licence_basis ||
                               f == F::review_policy || f == F::licence_needs;
    if (licence_field && !options.destination) continue;
    out.add(f);
  }
  return out;
}

std::string catalog_run_facts_json(const CatalogOptions& options, bool several_inputs) {
  nlohmann::ordered_json run;
  run["tool"] = std::string("tpp ") + version_string;
  run["rules_version"] = std::string(rules_version());
  run["rules_sha256"] = rules_digest();
  run["rules_origin"] = rules_origin();
  run["as_of"] = to_string(options.as_of);
  const Regime* regime = regime_in_force(options.as_of);
  run["revision"] = regime != nullptr ? nlohmann::json(to_string(regime->effective)) : nullptr;
  run["citation"] =
      regime != nullptr ? nlohmann::json(std::string(regime->citation)) : nlohmann::json(nullptr);
  run["tf32_bits"] = options.tf32_bits;
  const auto optional = [](const std::optional<std::string>& text) {
    return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
  };
  run["destination"] = optional(options.destination);
  run["origin"] = optional(options.origin);
  run["headquarters"] = optional(options.headquarters);
  nlohmann::json fields = nlohmann::json::array({"record"});
  for (const CatalogField f : catalog_field_list(catalog_fields_written(options, several_inputs))) {
    fields.push_back(std::string(to_string(f)));
  }
  fields.push_back("error");
  run["fields"] = std::move(fields);
  return nlohmann::ordered_json{{"run", std::move(run)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tpp
