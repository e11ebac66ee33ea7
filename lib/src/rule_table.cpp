// The rule table. Thresholds and wording from ../shared/REFERENCE.md (§0 timeline, §1 the
// 3A090 text in force from 2023-11-17, §9 thresholds, §11 decision order); citations are the
// Federal Register documents named there. A revision that changes nothing in a list reuses the
// previous revision's array, which is how the classifier tells when a paragraph took effect.
#include <array>

#include "tpp/rules.hpp"

namespace tpp {
namespace {

using namespace std::chrono;
using namespace tpp::literals;

constexpr Condition tpp_at_least(Decimal t) {
  return {Metric::tpp, Comparator::ge, t};
}
constexpr Condition tpp_below(Decimal t) {
  return {Metric::tpp, Comparator::lt, t};
}
constexpr Condition density_at_least(Decimal t) {
  return {Metric::performance_density, Comparator::ge, t};
}
constexpr Condition density_below(Decimal t) {
  return {Metric::performance_density, Comparator::lt, t};
}
constexpr Condition not_datacenter{Metric::datacenter, Comparator::eq, 0_dec};
constexpr Condition datacenter{Metric::datacenter, Comparator::eq, 1_dec};

// --- 3A090.a/.b as revised by 88 FR 73458 (in force 2023-11-17) -------------------------------
constexpr Condition k2023_a1[] = {tpp_at_least(4800_dec)};
constexpr Condition k2023_a2[] = {tpp_at_least(1600_dec), density_at_least(5.92_dec)};
constexpr Condition k2023_b1[] = {tpp_at_least(2400_dec), tpp_below(4800_dec),
                                  density_at_least(1.6_dec), density_below(5.92_dec)};
constexpr Condition k2023_b2[] = {tpp_at_least(1600_dec), density_at_least(3.2_dec),
                                  density_below(5.92_dec)};
constexpr Clause k2023_clauses[] = {
    {"3A090.a.1", "3A090.a", "TPP ≥ 4800", k2023_a1},
    {"3A090.a.2", "3A090.a", "TPP ≥ 1600 and performance density ≥ 5.92", k2023_a2},
    {"3A090.b.1", "3A090.b", "2400 ≤ TPP < 4800 and 1.6 ≤ performance density < 5.92", k2023_b1},
    {"3A090.b.2", "3A090.b", "TPP ≥ 1600 and 3.2 ≤ performance density < 5.92", k2023_b2},
};

constexpr Condition k2023_datacenter_note[] = {not_datacenter, tpp_below(4800_dec)};
constexpr std::string_view k2023_ab[] = {"3A090.a", "3A090.b"};
constexpr Exclusion k2023_exclusions[] = {
    {"Datacenter note (Note 2 to 3A090)",
     "3A090.a and .b do not apply to ICs not designed or marketed for use in datacenters with "
     "TPP < 4800",
     k2023_datacenter_note, k2023_ab},
};

constexpr Condition k2023_nac_a[] = {not_datacenter, tpp_at_least(4800_dec)};
constexpr Condition k2023_nac_b[] = {datacenter};
constexpr ExceptionRule k2023_exceptions[] = {
    {"NAC", "3A090.a", "3A090.a ICs not designed or marketed for datacenters (TPP ≥ 4800)",
     k2023_nac_a},
    {"NAC", "3A090.b", "3A090.b ICs designed or marketed for datacenters", k2023_nac_b},
};

// --- 89 FR 23876 (2024-04-04): ACA split out of NAC ------------------------------------------
constexpr ExceptionRule k2024_exceptions[] = {
    {"NAC", "3A090.a",
     "3A090.a ICs not designed or marketed for datacenters (TPP ≥ 4800); D:5/Macau with "
     "notification",
     k2023_nac_a},
    {"ACA", "3A090.a",
     "3A090.a ICs not designed or marketed for datacenters (TPP ≥ 4800); D:1/D:4, no "
     "notification",
     k2023_nac_a},
    {"NAC", "3A090.b", "3A090.b datacenter ICs; D:5/Macau with notification", k2023_nac_b},
    {"ACA", "3A090.b", "3A090.b datacenter ICs; D:1/D:4, no notification", k2023_nac_b},
};

constexpr Regime kRegimes[] = {
    {year{2023} / November / 17,
     "Advanced computing / supercomputer IFR (AC/S IFR): TPP, performance density, datacenter "
     "note, License Exception NAC",
     "88 FR 73458 (2023-10-25, FR Doc 2023-23055)", "REFERENCE.md §1, §11", k2023_clauses,
     k2023_exclusions, k2023_exceptions},
    {year{2024} / April / 4, "Corrections; License Exception ACA split out of NAC",
     "89 FR 23876 (2024-04-04, FR Doc 2024-07004)", "REFERENCE.md §0, §1.5", k2023_clauses,
     k2023_exclusions, k2024_exceptions},
};

}  // namespace

std::span<const Regime> regimes() noexcept {
  return kRegimes;
}

const Regime* regime_in_force(Date as_of) noexcept {
  const Regime* found = nullptr;
  for (const Regime& regime : kRegimes) {
    if (regime.effective <= as_of) found = &regime;
  }
  return found;
}

}  // namespace tpp
