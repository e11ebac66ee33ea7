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
