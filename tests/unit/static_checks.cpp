// Compile-time checks: this file passes by compiling.
#include "tpp/core/decimal.hpp"
#include "tpp/core/precision.hpp"
#include "tpp/rules/rules.hpp"

namespace {
using namespace tpp::literals;

static_assert((5.92_dec).units() == 59'200'000);
static_assert(4800_dec == tpp::Decimal::from_integer(4800));
static_assert((0.000001_dec).units() == 10);
static_assert(tpp::half(3958_dec) == 1979_dec);

static_assert(tpp::bit_length({tpp::Format::fp8}) == 8);
static_assert(tpp::bit_length({tpp::Format::tf32}) == 32);
static_assert(tpp::bit_length({tpp::Format::tf32}, 19) == 19);
static_assert(tpp::bit_length({tpp::Format::fp6}) == 6);
static_assert(tpp::bit_length({tpp::Format::custom, 7}) == 7);

static_assert(tpp::holds(std::strong_ordering::equal, tpp::Comparator::ge));
static_assert(!tpp::holds(std::strong_ordering::equal, tpp::Comparator::lt));
static_assert(!tpp::holds(std::strong_ordering::equal, tpp::Comparator::gt));
}  // namespace
