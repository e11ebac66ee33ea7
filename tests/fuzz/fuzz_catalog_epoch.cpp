// libFuzzer: `tpp catalog` on Epoch AI's ML-hardware CSV (FLOP/s to TOPS, Epoch's TPP, why ours
// differs) through both writers, checking the output as the other catalog targets do. An input
// whose first line is not a header naming "Hardware name" gets Epoch's published header put in
// front, so the fuzzer spends its time on rows.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "catalog_check.hpp"

namespace {

constexpr std::string_view kEpochHeader =
    "Hardware name,Manufacturer,Type,Notes,Release date,Release price (USD),"
    "Tensor-FP16/BF16 performance (FLOP/s),FP8 performance (FLOP/s),FP4 performance (FLOP/s),"
    "Memory (bytes),Memory bandwidth (byte/s),Intranode bandwidth (byte/s),"
    "Internode bandwidth (bit/s),TDP (W),FP64 (double precision) performance (FLOP/s),"
    "FP32 (single precision) performance (FLOP/s),TF32 (TensorFloat-32) performance (FLOP/s),"
    "FP16 (half precision) performance (FLOP/s),INT16 performance (OP/s),"
    "INT8 performance (OP/s),INT4 performance (OP/s),Foundry,Die Size (mm^2),Base clock (MHz),"
    "Boost clock (MHz),Memory clock (MHz),Memory bus (bit),Tensor cores,Process size (nm),"
    "Transistors (millions),Link to datasheet,Source for the price,ML models,Last modified,"
    "Max performance,Energy efficiency,Total processing performance (bit-OP/s),"
    "Price-performance,ML OP/s\n";

bool names_hardware(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  constexpr std::string_view kName = "hardware name";
  return std::search(first.begin(), first.end(), kName.begin(), kName.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         }) != first.end();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static tpp::fuzz::MemFile file;
  static const tpp::CatalogOptions options = tpp::fuzz::catalog_options(tpp::CatalogInput::epoch);
  static std::string whole;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!names_hardware(text)) {
    whole.assign(kEpochHeader);
    whole.append(text);
    text = whole;
  }
  tpp::fuzz::check_writers(file.write(text), options, tpp::fuzz::csv_records(text));
  return 0;
}
