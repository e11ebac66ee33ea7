// libFuzzer: the spec JSON reader, then everything a spec flows into, and the round trip
// write_spec_json -> read_spec_json (documented: it gives the spec back).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "tpp/tpp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto spec = tpp::read_spec_json(text);
  if (!spec) return 0;
  const std::string written = tpp::write_spec_json(*spec);
  auto again = tpp::read_spec_json(written);
  tpp::fuzz::require(again.has_value(), "read_spec_json reads what write_spec_json wrote",
                     written + "\n" + (again ? std::string() : again.error().message()));
  tpp::fuzz::require(tpp::write_spec_json(*again) == written,
                     "write_spec_json(read_spec_json(write_spec_json(spec))) is unchanged",
                     written);
  const tpp::Date as_of = tpp::fuzz::as_of();
  auto report = tpp::evaluate(*spec, tpp::Options{as_of, tpp::kDefaultTf32Bits, "CN"});
  if (!report) return 0;
  tpp::fuzz::require_json_lines(tpp::render_json(*report), "render_json is JSON");
  (void)tpp::render_show(*report);
  (void)tpp::render_explain(*report);
  if (spec->kind == tpp::ChipKind::accelerator) (void)tpp::headroom(*spec, tpp::Options{as_of});
  return 0;
}
