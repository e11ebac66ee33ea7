// Catalogs: millions of chip specs in, one result per record out, in order, in bounded memory.
//
// Inputs: JSON Lines in the chips/ format, a flat CSV layout (one column per precision), and
// Epoch AI's ML-hardware CSV as published. Plain records (numbers rather than provenance
// objects) take a lean path: simdjson or the CSV reader into columns, then the batch kernel;
// anything else takes the single-chip path. Both give the same answer, record for record.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "tpp/batch/batch.hpp"
#include "tpp/batch/catalog_fields.hpp"
#include "tpp/core/error.hpp"
#include "tpp/rules/report.hpp"

namespace tpp {

enum class CatalogInput : std::uint8_t { jsonl, csv, epoch };
enum class CatalogOutput : std::uint8_t { jsonl, csv };

struct CatalogOptions {
  Date as_of = today();
  int tf32_bits = kDefaultTf32Bits;
  unsigned threads = 0;               ///< 0: every core
  std::optional<CatalogInput> input;  ///< default: from the extension / the header
  CatalogOutput output = CatalogOutput::jsonl;
  CatalogFields fields = CatalogFields::result();  ///< per record; `record` and `error` always
  bool progress = false;                           ///< a progress line on the error stream
  std::size_t chunk_bytes = 1 << 20;  ///< records are processed in chunks of about this size
  /// With a destination every record takes the single-chip path and gets the licence answer
  /// (licence, basis, review policy, what would settle it), as `tpp show --to` gives it.
  std::optional<std::string> destination;
  std::optional<std::string> origin;        ///< exported from (default: the US)
  std::optional<std::string> headquarters;  ///< the end users' headquarters

  /// The options of the single-chip path for one record.
  Options report_options() const;
};

struct CatalogStats {
  std::size_t records = 0;
  std::size_t failed = 0;
  std::size_t lean = 0;  ///< records that took the lean path
  std::size_t bytes = 0;
};

/// One record's result, whichever path computed it.
struct CatalogRecord {
  std::size_t line = 0;
  std::string id;
  std::string name;
  std::optional<Error> error;
  Decimal tpp;
  DensityState density_state = DensityState::unknown;
  double density = 0.0;
  double h100_equivalents = 0.0;
  bool datacenter = true;
  const BatchOutcome* outcome = nullptr;  ///< lean path
  BatchOutcome own;                       ///< single path
  Basis basis = Basis::sourced;
  std::string kind = "accelerator";
  std::optional<Date> regime;
  // Epoch input only: Epoch's own TPP and why ours differs.
  std::optional<double> epoch_tpp;
  std::string differs_because;
  std::optional<LicenceSummary> licence;  ///< with a destination

  const BatchOutcome& result() const { return outcome != nullptr ? *outcome : own; }
};

/// The record for a report computed by the single-chip path.
CatalogRecord catalog_record(const Report& report, std::size_t line);

/// Reads each input, classifies every record and writes one result per record to `out`, in
/// order. A bad record becomes an error result (line, field, reason) and the rest goes on.
Result<CatalogStats> run_catalog(const std::vector<std::filesystem::path>& inputs,
                                 std::ostream& out, std::ostream& err,
                                 const CatalogOptions& options);

/// The same over one stream the caller has open (an HTTP request's body), named `name` in the
/// results and errors. `options.input` must say its format: there is no extension to tell it by.
Result<CatalogStats> run_catalog(std::istream& in, const std::string& name, std::ostream& out,
                                 std::ostream& err, const CatalogOptions& options);

/// The lean path on a block of JSON Lines text (for tests and benchmarks): one record per line
/// that is not blank; `first_line` numbers them.
std::vector<CatalogRecord> classify_jsonl_block(std::string_view text, std::size_t first_line,
                                                const CatalogOptions& options);

/// The flat CSV layout's columns: id, name, datacenter, one per precision (fp64 ... int4),
/// die_area_mm2, non_planar, io_bidirectional_gbps, memory_bandwidth_gbps. A row as a spec (the
/// single path).
Result<ChipSpec> spec_from_flat_csv(const std::vector<std::string>& header,
                                    const std::vector<std::string_view>& row, std::size_t line);

}  // namespace tpp
