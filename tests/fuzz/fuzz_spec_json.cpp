// libFuzzer: the spec JSON reader, then everything a spec flows into.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tpp/tpp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto spec = tpp::read_spec_json(text);
  if (!spec) return 0;
  static const tpp::Date kAsOf = tpp::parse_date("2026-11-22").value();
  auto report = tpp::evaluate(*spec, tpp::Options{kAsOf, tpp::kDefaultTf32Bits, "CN"});
  if (!report) return 0;
  (void)tpp::render_json(*report);
  (void)tpp::render_show(*report);
  (void)tpp::render_explain(*report);
  if (spec->kind == tpp::ChipKind::accelerator) (void)tpp::headroom(*spec, tpp::Options{kAsOf});
  return 0;
}
