// libFuzzer: the C interface (tpp/tpp.h). The first byte picks the call:
//   0: tpp_batch_classify on columns decoded from the rest: per row a TPP, an area and an I/O
//      value (a tag byte each: below 32 one of the values in kValues — thresholds, sentinels,
//      INT64_MAX/MIN; otherwise the next 8 bytes, little-endian) and a datacenter byte. Every
//      outcome index must be valid, a batch must give what its rows give one at a time, and the
//      status must follow the documented contract.
//   1: tpp_decimal_units on the rest as a C string.
//   2: tpp_classify_json on the rest, then every report accessor and tpp_report_json into
//      buffers of exactly the capacity passed (ASan catches a write past it).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "tpp/tpp.h"

namespace {

constexpr std::int64_t kUnit = 10'000'000;  // 10^-7 units per 1
constexpr std::int64_t kValues[] = {
    0,
    1,
    TPP_UNKNOWN,
    TPP_NOT_APPLICABLE,
    -3,
    std::numeric_limits<std::int64_t>::max(),
    std::numeric_limits<std::int64_t>::min(),
    std::numeric_limits<std::int64_t>::max() - 1,
    std::numeric_limits<std::int64_t>::min() + 1,
    std::numeric_limits<std::int64_t>::max() / kUnit,
    1600 * kUnit,
    1600 * kUnit - 10,
    2400 * kUnit,
    4800 * kUnit,
    4800 * kUnit - 10,  // 4799.999999
    4800 * kUnit + 10,
    6500 * kUnit,
    21000 * kUnit,
    16 * kUnit,         // 1.6 (a density), or 16
    32 * kUnit / 10,    // 3.2
    33 * kUnit / 10,    // 3.3
    592 * kUnit / 100,  // 5.92
    600 * kUnit,        // 600 GB/s I/O
    814 * kUnit,        // mm2
    15832 * kUnit,      // an H100's TPP
    92233 * kUnit,      // where 64-bit products stop fitting
    1'000'000'000'000 / 10'000 * kUnit,
    static_cast<std::int64_t>(1) << 32,
    static_cast<std::int64_t>(1) << 62,
    -(static_cast<std::int64_t>(1) << 62),
    kUnit / 10,
    999'999'999'999 / 1000 * kUnit,
};
static_assert(std::size(kValues) == 32);

struct Input {
  const std::uint8_t* p;
  const std::uint8_t* end;
  bool empty() const { return p >= end; }
  std::uint8_t byte() { return p < end ? *p++ : 0; }
  std::int64_t value() {
    const std::uint8_t tag = byte();
    if (tag < std::size(kValues)) return kValues[tag];
    if (end - p < 8) return kValues[tag % std::size(kValues)];
    std::uint64_t raw = 0;
    for (int i = 0; i < 8; ++i)
      raw |= static_cast<std::uint64_t>(*p++) << (8 * i);
    return static_cast<std::int64_t>(raw);
  }
};

void batch(const tpp_batch* classifier, Input in) {
  std::vector<std::int64_t> tpp;
  std::vector<std::int64_t> area;
  std::vector<std::int64_t> io;
  std::vector<std::uint8_t> datacenter;
  bool valid = true;
  while (!in.empty() && tpp.size() < 256) {
    tpp.push_back(in.value());
    area.push_back(in.value());
    io.push_back(in.value());
    const std::uint8_t dc = in.byte();
    datacenter.push_back(dc == 0xFF ? 2 : dc & 1);
    valid = valid && tpp.back() >= 0 &&
            (area.back() > 0 || area.back() == TPP_UNKNOWN || area.back() == TPP_NOT_APPLICABLE) &&
            (io.back() >= 0 || io.back() == TPP_UNKNOWN) && datacenter.back() <= 1;
  }
  const std::size_t n = tpp.size();
  // Exactly n outcomes, so ASan sees any write past them.
  const auto outcomes = std::make_unique<std::uint16_t[]>(n + 1);
  tpp_error error{};
  const tpp_status status = tpp_batch_classify(classifier, tpp.data(), area.data(), io.data(),
                                               datacenter.data(), n, outcomes.get(), &error);
  tpp::fuzz::require(std::memchr(error.message, '\0', sizeof error.message) != nullptr,
                     "tpp_error.message is NUL-terminated");
  if (!valid) {
    tpp::fuzz::require(status == TPP_OUT_OF_RANGE,
                       "tpp_batch_classify refuses a negative value or an unknown sentinel");
    return;
  }
  // The contract names only the refusals above; a range check the library adds must say so.
  tpp::fuzz::require(status == TPP_OK || status == TPP_OUT_OF_RANGE,
                     "tpp_batch_classify: valid rows are classified (or out of range)",
                     error.message);
  if (status != TPP_OK) return;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint16_t o = outcomes[i];
    const char* state = tpp_batch_outcome_status(classifier, o);
    tpp::fuzz::require(state != nullptr && state[0] != '\0',
                       "tpp_batch_classify: every outcome index is valid",
                       "row " + std::to_string(i) + " outcome " + std::to_string(o));
    tpp::fuzz::require(tpp_batch_outcome_eccn(classifier, o) != nullptr &&
                           tpp_batch_outcome_paragraph(classifier, o) != nullptr,
                       "outcome accessors return strings");
    std::uint16_t alone = 0;
    const tpp_status one = tpp_batch_classify(classifier, &tpp[i], &area[i], &io[i], &datacenter[i],
                                              1, &alone, &error);
    tpp::fuzz::require(one == TPP_OK && alone == o,
                       "a row classified alone gives the outcome it got in the batch",
                       "row " + std::to_string(i) + ": tpp " + std::to_string(tpp[i]) + " area " +
                           std::to_string(area[i]) + " io " + std::to_string(io[i]) + " dc " +
                           std::to_string(datacenter[i]) + ": batch " + std::to_string(o) +
                           ", alone " + std::to_string(alone));
  }
}

void decimal(Input in) {
  const std::string text(reinterpret_cast<const char*>(in.p),
                         static_cast<std::size_t>(in.end - in.p));
  std::int64_t units = 0;
  tpp_error error{};
  (void)tpp_decimal_units(text.c_str(), &units, &error);
  tpp::fuzz::require(std::memchr(error.message, '\0', sizeof error.message) != nullptr,
                     "tpp_error.message is NUL-terminated");
}

void classify_json(Input in) {
  const auto length = static_cast<std::size_t>(in.end - in.p);
  tpp_report* report = nullptr;
  tpp_error error{};
  if (tpp_classify_json(reinterpret_cast<const char*>(in.p), length, "2026-11-22", &report,
                        &error) != TPP_OK) {
    tpp::fuzz::require(report == nullptr, "no report on failure");
    tpp::fuzz::require(std::memchr(error.message, '\0', sizeof error.message) != nullptr,
                       "tpp_error.message is NUL-terminated");
    return;
  }
  tpp::fuzz::require(report != nullptr, "a report on success");
  for (const char* text : {tpp_report_id(report), tpp_report_tpp(report), tpp_report_eccn(report),
                           tpp_report_paragraph(report), tpp_report_status(report)}) {
    tpp::fuzz::require(text != nullptr, "report accessors return strings");
  }
  (void)tpp_report_performance_density(report);
  (void)tpp_report_h100_equivalents(report);
  const std::size_t needed = tpp_report_json(report, nullptr, 0);
  const auto full = std::make_unique<char[]>(needed + 1);
  tpp::fuzz::require(tpp_report_json(report, full.get(), needed + 1) == needed &&
                         std::strlen(full.get()) == needed,
                     "tpp_report_json writes what it said it needs");
  tpp::fuzz::require_json_lines(std::string_view(full.get(), needed), "tpp_report_json is JSON");
  const std::size_t capacity = length % (needed + 1);
  const auto part = std::make_unique<char[]>(capacity);
  tpp::fuzz::require(tpp_report_json(report, part.get(), capacity) == needed,
                     "tpp_report_json returns the length it needs whatever the capacity");
  if (capacity > 0) {
    tpp::fuzz::require(std::strlen(part.get()) == capacity - 1 &&
                           std::memcmp(part.get(), full.get(), capacity - 1) == 0,
                       "tpp_report_json truncates to capacity - 1 and terminates");
  }
  tpp_report_free(report);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static tpp_batch* const classifier = [] {
    tpp_batch* made = nullptr;
    tpp_error error{};
    if (tpp_batch_new("2026-11-22", &made, &error) != TPP_OK) __builtin_trap();
    return made;
  }();
  if (size == 0) return 0;
  const Input rest{data + 1, data + size};
  switch (data[0] % 3) {
    case 0: batch(classifier, rest); break;
    case 1: decimal(rest); break;
    default: classify_json(rest); break;
  }
  return 0;
}
