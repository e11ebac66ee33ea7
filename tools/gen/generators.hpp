// Deterministic test-data generators shared by the `tpp-gen` tool and the benchmarks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>

namespace tpp::gen {

/// `count` shipment lines (CSV with a header), dated in order from 2025-01-13 over about three
/// years, spread over bundled chips, ~60 destinations, ~20,000 consignees, with UVEU and NVEU
/// lines. The same seed gives the same bytes.
void write_shipments(std::ostream& out, std::size_t count, std::uint64_t seed = 42);

}  // namespace tpp::gen

namespace tpp::gen {

enum class CatalogFormat { jsonl, csv };

/// `count` chip specs: random accelerators (one to three precisions, a die area, I/O, a
/// datacenter flag), about 10% placed exactly on or one step (10^-6 TOPS or mm2) beside a TPP or
/// density threshold, and about 1% bad records of several kinds. JSONL in the chips/ format, or
/// the flat CSV layout (id,name,datacenter,fp16,bf16,fp8,int8,die_area_mm2,io_bidirectional_gbps).
void write_catalog(std::ostream& out, std::size_t count, CatalogFormat format,
                   std::uint64_t seed = 7);

}  // namespace tpp::gen
