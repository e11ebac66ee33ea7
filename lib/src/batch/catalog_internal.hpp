// Internals of the catalog pipeline: the per-thread worker state and the record writers.
#pragma once

#include <simdjson.h>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/batch/batch.hpp"
#include "tpp/batch/catalog.hpp"

namespace tpp::detail {

/// Everything a worker thread reuses from chunk to chunk.
struct CatalogContext {
  CatalogOptions options;
  BatchClassifier classifier;
  std::string regime;  ///< paragraphs_effective as text, or empty
  double h100_tpp;
  bool with_file = false;
  std::string file;      ///< the input's name when several are given
  CatalogFields fields;  ///< what each record has (catalog_fields_written)
  /// Per outcome index, the end of a lean JSON (or CSV) record, from the ECCN on: it depends on
  /// the outcome only, so it is written once and copied.
  std::vector<std::string> tails;
};

/// Fills `context.tails` for its classifier's outcomes and output format.
void prepare_tails(CatalogContext& context);

/// A lean row: its numbers go into the columns; its strings into the arena.
struct LeanRow {
  std::size_t line;
  std::size_t id_offset, id_size, name_offset, name_size;
  std::size_t column;  ///< row in the columns
};

/// One row of output in order: lean (index into rows) or a full record.
struct OutputRow {
  bool lean;
  std::size_t index;
};

struct ChunkWork {
  BatchColumns columns;
  std::size_t used = 0;
  std::vector<std::uint16_t> outcomes;
  std::vector<LeanRow> lean;
  std::vector<CatalogRecord> full;
  std::vector<OutputRow> order;
  std::string arena;

  void reset() {
    used = 0;
    lean.clear();
    full.clear();
    order.clear();
    arena.clear();
  }
  /// A new column row, growing the columns geometrically.
  std::size_t add_column();
};

struct ChunkResult {
  std::string output;
  std::size_t input_bytes = 0;  ///< of the chunk it came from
  /// Where each row starts in `output`: the writer puts the record number in front of each.
  std::vector<std::size_t> row_starts;
  std::size_t records = 0;
  std::size_t failed = 0;
  std::size_t lean = 0;
  std::vector<std::string> first_errors;  ///< messages of the first few failures
};

/// Column positions of the flat CSV layout, from its header.
struct FlatColumns {
  int id = -1, name = -1, datacenter = -1, area = -1, non_planar = -1, io = -1, memory = -1;
  std::vector<std::pair<int, Precision>> precisions;
  std::vector<std::string> header;
};

/// Numbers the records of one input in output order and writes them. Workers format rows
/// without it; the writer is the one place where the order, hence the number, is known.
class RecordNumbers {
 public:
  explicit RecordNumbers(bool csv) : csv_(csv) {}
  /// Writes `rows` (starting at `starts`), each with the next record number in front.
  void write(std::ostream& out, std::string_view rows, const std::vector<std::size_t>& starts);

 private:
  bool csv_;
  std::size_t next_ = 1;
  std::string buffer_;
};

/// The CSV header row for CSV output.
std::string catalog_csv_header(const CatalogContext& context);

/// Classifies the lean rows of `work` and writes every row of the chunk to `result`.
void finish_chunk(ChunkWork& work, const CatalogContext& context, ChunkResult& result);

/// Reads a chunk of whole records into `work` (the lean rows into its columns), without
/// classifying or writing: ingestion alone.
void ingest_jsonl_chunk(std::string_view chunk, std::size_t first_line, ChunkWork& work,
                        simdjson::ondemand::parser& parser, const CatalogContext& context);
void ingest_flat_csv_chunk(std::string_view chunk, std::size_t first_line,
                           const FlatColumns& columns, ChunkWork& work,
                           const CatalogContext& context);
Result<FlatColumns> flat_columns(const std::vector<std::string_view>& fields);

/// One JSON record through the single-chip path (the reference the lean path must match).
CatalogRecord single_path_record(std::string_view text, std::size_t line,
                                 const CatalogOptions& options);

/// Appends one record (single path) to the output.
void write_record(const CatalogRecord& record, const CatalogContext& context, std::string& out);

/// Where the last whole JSONL record of `data` ends (just past its newline), or 0 if none does.
std::size_t cut_jsonl(std::string_view data);
/// The same for CSV, where a newline inside quotes does not end a record.
std::size_t cut_csv(std::string_view data);
/// How many newlines `data` holds.
std::size_t count_lines(std::string_view data);

}  // namespace tpp::detail
