// A catalog as marks on the map. Whatever the input, the map draws `tpp catalog`'s own results:
// a catalog of specs is classified by the catalog engine (every format it reads, the same
// answer as `tpp catalog`), and results `tpp catalog` already wrote are read back as they are.
// Either way each mark carries its record number, so a picture can be checked against the
// catalog's output record by record.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <array>
#include <fstream>
#include <functional>
#include <ostream>
#include <streambuf>
#include <unordered_map>

#include "tpp/data/csv.hpp"
#include "tpp/render/plot.hpp"

namespace tpp {
namespace {

// One result as `tpp catalog` writes it, as text fields (from its JSON Lines or CSV).
struct ResultRow {
  std::size_t record = 0;
  std::size_t line = 0;
  std::string id, name, tpp, density, density_status, paragraph, eccn, status, datacenter, basis;
  std::optional<Error> error;
};

Status status_of(std::string_view text) {
  if (text == "controlled") return Status::controlled;
  if (text == "not-controlled") return Status::not_controlled;
  return Status::indeterminate;
}

// A result row as a mark, or the reason it cannot be one.
Result<MapChip> chip_of(const ResultRow& row) {
  if (row.error) return tpp::unexpected(*row.error);
  MapChip chip;
  chip.record = row.record;
  chip.label = row.id.empty() ? row.name : row.id;
  auto tpp = parse_decimal(row.tpp, "tpp");
  if (!tpp) return tpp::unexpected(tpp.error());
  chip.tpp = *tpp;
  // A result without density_status (`--fields result`) has a density exactly when it is known.
  if (row.density_status == "known" || (row.density_status.empty() && !row.density.empty())) {
    auto density = parse_decimal(row.density, "performance_density");
    if (!density) return tpp::unexpected(density.error());
    chip.density = density->to_double();
  }
  chip.paragraph = row.paragraph == "-" ? "" : row.paragraph;
  chip.eccn = row.eccn;
  chip.status = status_of(row.status);
  chip.datacenter = row.datacenter != "false";
  chip.estimate = row.basis == "estimate";
  return chip;
}

std::string text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_null()) return "";
  // tpp catalog writes at most 6 decimals; the nearest double prints back to them at 6.
  if (value.is_number_float()) return fmt::format("{:.6f}", value.get<double>());
  return value.dump();
}

Result<ResultRow> row_of_json(std::string_view line, std::size_t line_number) {
  const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
  if (!object.is_object() || !object.contains("record")) {
    return fail(errc::invalid_json, "line " + std::to_string(line_number), "",
                "not a result of tpp catalog (no \"record\")");
  }
  ResultRow row;
  row.record = object.value("record", std::size_t{0});
  row.line = object.value("line", std::size_t{0});
  if (const auto error = object.find("error"); error != object.end() && error->is_object()) {
    row.error = Error{errc::invalid_argument, text_of(error->value("field", nlohmann::json())),
                      text_of(error->value("value", nlohmann::json())),
                      text_of(error->value("reason", nlohmann::json()))};
    return row;
  }
  const auto field = [&](const char* key) {
    const auto found = object.find(key);
    return found == object.end() ? std::string() : text_of(*found);
  };
  row.id = field("id");
  row.name = field("name");
  row.tpp = field("tpp");
  row.density = field("performance_density");
  row.density_status = field("density_status");
  row.paragraph = field("paragraph");
  row.eccn = field("eccn");
  row.status = field("status");
  row.datacenter = field("datacenter");
  row.basis = field("basis");
  return row;
}

// A stream that hands each complete line to a callback: the catalog engine's output, read as
// it is written (the map never holds the whole output).
class LineSink : public std::streambuf {
 public:
  explicit LineSink(std::function<void(std::string_view)> on_line) : on_line_(std::move(on_line)) {}
  void finish() {
    if (!pending_.empty()) on_line_(pending_);
    pending_.clear();
  }

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) put(static_cast<char>(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    for (std::streamsize i = 0; i < n; ++i)
      put(s[i]);
    return n;
  }

 private:
  void put(char c) {
    if (c != '\n') {
      pending_.push_back(c);
      return;
    }
    on_line_(pending_);
    pending_.clear();
  }
  std::function<void(std::string_view)> on_line_;
  std::string pending_;
};

// The CSV result columns the map reads, by name.
constexpr std::array<const char*, 13> kColumns = {
    "record",         "line",      "id",   "name",   "tpp",        "performance_density",
    "density_status", "paragraph", "eccn", "status", "datacenter", "basis",
    "error"};

Result<void> read_result_csv(std::istream& in, const std::function<void(ResultRow)>& add) {
  CsvReader reader(in);
  std::vector<std::string_view> fields;
  auto header = reader.next(fields);
  if (!header) return tpp::unexpected(header.error());
  std::array<std::optional<std::size_t>, kColumns.size()> at{};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    for (std::size_t c = 0; c < kColumns.size(); ++c)
      if (fields[i] == kColumns[c] && !at[c]) at[c] = i;
  }
  // What a mark needs; the other columns (`--fields full`) only add to it.
  for (const std::size_t c : {0, 4, 5, 7, 9, 12}) {
    if (!at[c]) {
      return fail(errc::invalid_argument, "header", kColumns[c],
                  "missing column (a result of tpp catalog has it with --fields result or full)");
    }
  }
  for (;;) {
    auto more = reader.next(fields);
    if (!more) return tpp::unexpected(more.error());
    if (!*more) return {};
    const auto get = [&](std::size_t c) {
      return at[c] && *at[c] < fields.size() ? std::string(fields[*at[c]]) : std::string();
    };
    ResultRow row;
    row.record = std::strtoull(get(0).c_str(), nullptr, 10);
    row.line = std::strtoull(get(1).c_str(), nullptr, 10);
    if (const std::string error = get(12); !error.empty()) {
      row.error = Error{errc::invalid_argument, "", "", error};
    } else {
      row.id = get(2), row.name = get(3), row.tpp = get(4), row.density = get(5);
      row.density_status = get(6), row.paragraph = get(7), row.eccn = get(8);
      row.status = get(9), row.datacenter = get(10), row.basis = get(11);
    }
    add(std::move(row));
  }
}

enum class Sniffed { specs, result_jsonl, result_csv };

Result<Sniffed> sniff(const std::filesystem::path& input) {
  std::ifstream in(input, std::ios::binary);
  if (!in) return fail(errc::io_error, "file", input.string(), "cannot be opened");
  std::string first;
  while (first.find_first_not_of(" \t\r") == std::string::npos && std::getline(in, first)) {
  }
  if (first.starts_with("\xEF\xBB\xBF")) first.erase(0, 3);
  if (first.starts_with("record,")) return Sniffed::result_csv;
  if (first.starts_with("{\"record\":") || first.starts_with("{\"run\":")) {
    return Sniffed::result_jsonl;
  }
  return Sniffed::specs;
}

}  // namespace

Result<MapCatalog> map_catalog(const std::filesystem::path& input, const CatalogOptions& options,
                               std::size_t max_records) {
  auto kind = sniff(input);
  if (!kind) return tpp::unexpected(kind.error());
  MapCatalog out;
  std::size_t records = 0;
  const auto add = [&](ResultRow row) {
    if (++records > max_records) return;
    auto chip = chip_of(row);
    if (chip) {
      out.chips.push_back(std::move(*chip));
      return;
    }
    Error error = chip.error();
    // The catalog engine's fields may name the line already; the prefix below names it once.
    if (const std::string line = "line " + std::to_string(row.line) + ": ";
        error.field.starts_with(line)) {
      error.field.erase(0, line.size());
    }
    error.field = "record " + std::to_string(row.record) + " (line " + std::to_string(row.line) +
                  ")" + (error.field.empty() ? "" : ": " + error.field);
    out.skipped.push_back(std::move(error));
  };
  std::optional<Error> broken;
  std::size_t result_line = 0;
  const auto add_json_line = [&](std::string_view line) {
    ++result_line;
    if (broken || line.find_first_not_of(" \t\r") == std::string_view::npos) return;
    if (line.starts_with("{\"run\":")) return;  // the run's facts, not a record
    auto row = row_of_json(line, result_line);
    if (!row) {
      broken = row.error();
      return;
    }
    add(std::move(*row));
  };
  if (*kind == Sniffed::result_csv) {
    std::ifstream in(input, std::ios::binary);
    if (auto read = read_result_csv(in, add); !read) return tpp::unexpected(read.error());
  } else if (*kind == Sniffed::result_jsonl) {
    std::ifstream in(input, std::ios::binary);
    std::string line;
    while (std::getline(in, line))
      add_json_line(line);
    if (in.bad()) return fail(errc::io_error, "file", input.string(), "read failed");
  } else {
    CatalogOptions catalog = options;
    catalog.output = CatalogOutput::jsonl;
    catalog.progress = false;
    using F = CatalogField;
    catalog.fields = CatalogFields();
    for (const F f : {F::line, F::id, F::name, F::tpp, F::performance_density, F::density_status,
                      F::eccn, F::paragraph, F::status, F::datacenter, F::basis}) {
      catalog.fields.add(f);
    }
    LineSink sink(add_json_line);
    std::ostream results(&sink);
    std::ostream no_messages(nullptr);  // errors reach the map as records, not as stderr
    auto stats = run_catalog({input}, results, no_messages, catalog);
    if (!stats) return tpp::unexpected(stats.error());
    sink.finish();
  }
  if (broken) {
    Error error = *broken;
    error.field = input.string() + ": " + error.field;
    return tpp::unexpected(std::move(error));
  }
  if (records > max_records) {
    return fail(errc::invalid_argument, "--catalog", input.string(),
                fmt::format("{} records: a map of more than {} is unreadable; filter the catalog",
                            records, max_records));
  }
  return out;
}

}  // namespace tpp
