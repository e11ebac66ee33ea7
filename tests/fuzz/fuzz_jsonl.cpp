// libFuzzer: the catalog's JSON Lines reader (the lean simdjson path and its fallback).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tpp/tpp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tpp::CatalogOptions options = [] {
    tpp::CatalogOptions o;
    o.as_of = tpp::parse_date("2026-11-22").value();
    return o;
  }();
  (void)tpp::classify_jsonl_block(std::string_view(reinterpret_cast<const char*>(data), size), 1,
                                  options);
  return 0;
}
