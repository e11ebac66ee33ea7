// libFuzzer: the catalog's JSON Lines reader (the lean simdjson path and its fallback), against
// the single-chip path: one record per non-blank line, and for each the same result as
// read_spec_json + evaluate (README: "both paths give the same answer, record for record").
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "catalog_check.hpp"
#include "tpp/data/io.hpp"
#include "tpp/rules/report.hpp"

namespace {

// The single path, as a catalog record.
tpp::CatalogRecord single_path(std::string_view text, std::size_t line) {
  tpp::CatalogRecord record;
  record.line = line;
  try {
    auto spec = tpp::read_spec_json(text);
    if (!spec) {
      record.error = spec.error();
      return record;
    }
    // Without the details (notes, sensitivity, digest): a catalog record takes none of them.
    auto report = tpp::evaluate(*spec, tpp::Options{.as_of = tpp::fuzz::as_of(),
                                                    .tf32_bits = tpp::kDefaultTf32Bits,
                                                    .details = false});
    if (!report) {
      record.error = report.error();
      return record;
    }
    return tpp::catalog_record(*report, line);
  } catch (const std::exception& e) {
    record.error = tpp::Error{tpp::errc::internal, "record", "", e.what()};
    return record;
  }
}

bool close(double a, double b) {
  return a == b || std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

std::string describe(const tpp::CatalogRecord& r) {
  if (r.error) return "line " + std::to_string(r.line) + " error: " + r.error->message();
  const tpp::BatchOutcome& o = r.result();
  return "line " + std::to_string(r.line) + " id " + r.id + " tpp " +
         std::to_string(r.tpp.units()) + "e-7 density_state " +
         std::to_string(static_cast<int>(r.density_state)) + " density " +
         std::to_string(r.density) + " datacenter " + std::to_string(r.datacenter) + " status " +
         std::to_string(static_cast<int>(o.status)) + " eccn " + o.eccn + " paragraph " +
         o.paragraph + " kind " + r.kind;
}

bool same(const tpp::CatalogRecord& a, const tpp::CatalogRecord& b) {
  if (a.line != b.line || a.error.has_value() != b.error.has_value()) return false;
  if (a.error) return a.error->code == b.error->code && a.error->message() == b.error->message();
  const tpp::BatchOutcome& x = a.result();
  const tpp::BatchOutcome& y = b.result();
  return a.id == b.id && a.name == b.name && a.kind == b.kind && a.tpp == b.tpp &&
         a.density_state == b.density_state && close(a.density, b.density) &&
         close(a.h100_equivalents, b.h100_equivalents) && a.datacenter == b.datacenter &&
         a.regime == b.regime && x.status == y.status && x.eccn == y.eccn &&
         x.paragraph == y.paragraph && x.paragraphs == y.paragraphs &&
         x.possible_paragraphs == y.possible_paragraphs && x.missing_inputs == y.missing_inputs &&
         x.licence_exceptions == y.licence_exceptions;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tpp::CatalogOptions options = tpp::fuzz::catalog_options(tpp::CatalogInput::jsonl);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto records = tpp::classify_jsonl_block(text, 1, options);
  tpp::fuzz::require(records.size() == tpp::fuzz::jsonl_records(text),
                     "classify_jsonl_block: one record per non-blank line");
  std::size_t next = 0;
  std::size_t line = 1;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view record = text.substr(start, end - start);
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    start = end + 1;
    const std::size_t this_line = line++;
    if (record.find_first_not_of(" \t") == std::string_view::npos) continue;
    const tpp::CatalogRecord reference = single_path(record, this_line);
    const tpp::CatalogRecord& got = records[next++];
    if (!same(got, reference)) {
      tpp::fuzz::violated("lean path and single path agree",
                          "lean:   " + describe(got) + "\nsingle: " + describe(reference));
    }
  }
  return 0;
}
