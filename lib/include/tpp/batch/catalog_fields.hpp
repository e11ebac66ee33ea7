// Which fields a catalog writes per record, and the facts it writes once per run.
//
// A record always carries its number (`record`) and, when it failed, its `error`: without them
// no output could be matched to its input. Everything else is chosen: a named set (`compact`,
// `result`, `full`) or a comma-separated list of fields and sets.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/core/error.hpp"

namespace tpp {

struct CatalogOptions;

/// The selectable fields, in the order they are written.
enum class CatalogField : std::uint8_t {
  line,
  file,  ///< written only when a run reads several inputs
  id,
  name,
  kind,
  tpp,
  performance_density,
  density_status,
  h100_equivalents,
  datacenter,
  eccn,
  paragraph,
  paragraphs,
  possible_paragraphs,
  status,
  missing_inputs,
  licence_exceptions,
  regime,
  basis,
  epoch_tpp,        ///< Epoch's CSV only
  differs_because,  ///< Epoch's CSV only
  destination,      ///< the five licence fields: only with a destination
  licence,
  licence_basis,
  review_policy,
  licence_needs,
};
inline constexpr std::size_t kCatalogFieldCount = 26;

/// A set of fields (a bit per CatalogField).
class CatalogFields {
 public:
  constexpr CatalogFields() = default;
  constexpr bool has(CatalogField f) const { return (bits_ >> static_cast<unsigned>(f)) & 1U; }
  constexpr CatalogFields& add(CatalogField f) {
    bits_ |= 1U << static_cast<unsigned>(f);
    return *this;
  }
  constexpr CatalogFields& add(CatalogFields other) {
    bits_ |= other.bits_;
    return *this;
  }
  constexpr bool operator==(const CatalogFields&) const = default;

  /// record, id, tpp, performance_density, paragraph, status, basis (+ destination, licence).
  static CatalogFields compact();
  /// What an analyst needs per record: compact + line, file, eccn, missing_inputs and the
  /// licence answer's basis, review policy and needs. The default.
  static CatalogFields result();
  /// Every field.
  static CatalogFields full();

 private:
  std::uint32_t bits_ = 0;
};

/// The name of a field as written in JSON keys and CSV headers.
std::string_view to_string(CatalogField field);

/// "compact", "result", "full", or a comma-separated list of field names and set names.
/// An unknown name fails naming it, with the names that exist.
Result<CatalogFields> parse_catalog_fields(std::string_view text);

/// The fields of `fields`, in the order written.
std::vector<CatalogField> catalog_field_list(CatalogFields fields);

/// The fields a run writes: `options.fields` without `file` unless it reads several inputs and
/// without the licence fields unless it has a destination.
CatalogFields catalog_fields_written(const CatalogOptions& options, bool several_inputs);

/// The facts that are the same for every record of a run, as one line of JSON (no newline):
/// {"run":{...}} with the tool and its version, the rule package (version, SHA-256, origin), the
/// as-of date and the revision in force, TF32's bit length, the destination, origin and
/// headquarters, and the fields each record has. A JSON Lines catalog output starts with it.
std::string catalog_run_facts_json(const CatalogOptions& options, bool several_inputs = false);

}  // namespace tpp
