// The rule table. Thresholds, wording and citations are from ../shared/REFERENCE.md: §0 (the
// timeline), §1-§2 (3A090 in 2022 and from 2023), §3 (4A090), §1.5 and §5 (licences and
// licence exceptions), §6 (the foundry presumption), §7 (the 2026 review window), §9
// (thresholds), §11 (decision order). A revision that changes nothing in a list reuses the
// previous revision's array; that is how `clauses_origin` tells when paragraphs took effect.
// Bump kRulesVersion with every edit.
#include <algorithm>
#include <array>

#include "tpp/rules.hpp"

namespace tpp {
namespace {

using namespace std::chrono;
using namespace tpp::literals;
using sv = std::string_view;

constexpr sv kRulesVersion = "2026-01-15.1";

constexpr Condition at_least(Metric m, Decimal t) {
  return {m, Comparator::ge, t};
}
constexpr Condition below(Metric m, Decimal t) {
  return {m, Comparator::lt, t};
}
constexpr Condition above(Metric m, Decimal t) {
  return {m, Comparator::gt, t};
}
constexpr Condition kNotDatacenter{Metric::datacenter, Comparator::eq, 0_dec};
constexpr Condition kDatacenter{Metric::datacenter, Comparator::eq, 1_dec};
constexpr Metric kTpp = Metric::tpp;
constexpr Metric kDensity = Metric::performance_density;

// --- Destination sets -------------------------------------------------------------------------
constexpr sv kChina[] = {"CN"};
constexpr sv kChinaMacau[] = {"CN", "MO"};
constexpr sv kMacau[] = {"MO"};
constexpr sv kMacauUae[] = {"MO", "AE"};
constexpr sv kD5[] = {"D:5"};
constexpr sv kD1D4D5[] = {"D:1", "D:4", "D:5"};
constexpr sv kD1D4[] = {"D:1", "D:4"};
constexpr sv kA5A6[] = {"A:5", "A:6"};
constexpr sv kTier1[] = {"tier1"};
constexpr sv kTier1D5[] = {"tier1", "D:5"};

constexpr DestinationSet kToChina{false, {}, kChina, {}, {}, "China (incl. Hong Kong)"};
constexpr DestinationSet kToChinaMacau{false, {}, kChinaMacau,
                                       {},    {}, "China (incl. Hong Kong) and Macau"};
constexpr DestinationSet kToD5Macau{false, kD5, kMacau, {}, {}, "Country Group D:5 and Macau"};
constexpr DestinationSet kToD1D4D5{
    false, kD1D4D5, kMacau,
    kA5A6, {},      "D:1, D:4 and D:5 (except destinations also in A:5 or A:6) and Macau"};
// The 2026 eCFR names the UAE separately for 3A090.b (REFERENCE.md §1.5; why and since when is
// UNCONFIRMED); listing it keeps the UAE licensed after its move into A:5.
constexpr DestinationSet kToD1D4D5Uae{
    false, kD1D4D5, kMacauUae,
    kA5A6, {},      "the UAE, and D:1, D:4 and D:5 (except A:5/A:6) and Macau"};
constexpr DestinationSet kToD1D4NotD5{false, kD1D4,  {},
                                      kD5,   kMacau, "D:1 and D:4, except D:5 and Macau"};
constexpr DestinationSet kWorldwide{true, {}, {}, {}, {}, "every destination"};
constexpr DestinationSet kTier1Only{false, kTier1, {},
                                    {},    {},     "AI Diffusion Tier 1 (Supp. 5 to part 740)"};
constexpr DestinationSet kTier2{
    true, {}, {}, kTier1D5, kMacau, "AI Diffusion Tier 2 (neither Tier 1 nor D:5/Macau)"};
constexpr DestinationSet kNotD5Macau{true, {},     {},
                                     kD5,  kMacau, "every destination except D:5 and Macau"};
constexpr DestinationSet kNowhere{};

// --- 3A090.a as created by 87 FR 62186 (in force 2022-10-07) ---------------------------------
constexpr Condition k2022_a[] = {at_least(kTpp, 4800_dec),
                                 at_least(Metric::io_bidirectional_gbps, 600_dec)};
constexpr Clause k2022_clauses[] = {
    {"3A090.a", "3A090.a",
     "bit length x TOPS summed over processing units ≥ 4800 and aggregate bidirectional I/O ≥ "
     "600 GB/s",
     k2022_a},
};
constexpr SystemRule k2022_systems[] = {
    {"3A090.a", "4A090.a", "a computer, assembly or component containing an IC of 3A090.a"},
};
constexpr sv k2022_eccns[] = {"3A090.a", "4A090.a"};
constexpr LicenceRequirement k2022_licences[] = {
    {k2022_eccns, kToChina, "87 FR 62186 (2022-10-13, FR Doc 2022-21658)"},
};
constexpr LicenceRequirement k2023m_licences[] = {
    {k2022_eccns, kToChinaMacau, "88 FR 2821 (2023-01-18, FR Doc 2023-00888)"},
};
constexpr sv k2022_notes[] = {
    "The 2022 rule had no performance-density test, no datacenter note and no 3A090.b.",
    "The 2022 technical notes and the exact 2022 wording of 4A090 were not retrieved "
    "(UNCONFIRMED); the test follows 87 FR 62186 as quoted in our reference notes.",
};
constexpr sv k2023m_notes[] = {
    "The 2022 rule had no performance-density test, no datacenter note and no 3A090.b.",
    "88 FR 2821 added Macau; only its title was seen, and its publication date is taken as its "
    "effective date (UNCONFIRMED).",
};

// --- 3A090.a/.b as revised by 88 FR 73458 (in force 2023-11-17) -------------------------------
constexpr Condition k2023_a1[] = {at_least(kTpp, 4800_dec)};
constexpr Condition k2023_a2[] = {at_least(kTpp, 1600_dec), at_least(kDensity, 5.92_dec)};
constexpr Condition k2023_b1[] = {at_least(kTpp, 2400_dec), below(kTpp, 4800_dec),
                                  at_least(kDensity, 1.6_dec), below(kDensity, 5.92_dec)};
constexpr Condition k2023_b2[] = {at_least(kTpp, 1600_dec), at_least(kDensity, 3.2_dec),
                                  below(kDensity, 5.92_dec)};
constexpr Clause k2023_clauses[] = {
    {"3A090.a.1", "3A090.a", "TPP ≥ 4800", k2023_a1},
    {"3A090.a.2", "3A090.a", "TPP ≥ 1600 and performance density ≥ 5.92", k2023_a2},
    {"3A090.b.1", "3A090.b", "2400 ≤ TPP < 4800 and 1.6 ≤ performance density < 5.92", k2023_b1},
    {"3A090.b.2", "3A090.b", "TPP ≥ 1600 and 3.2 ≤ performance density < 5.92", k2023_b2},
};
constexpr Condition k2023_datacenter_note[] = {kNotDatacenter, below(kTpp, 4800_dec)};
constexpr sv k2023_ab[] = {"3A090.a", "3A090.b"};
constexpr Exclusion k2023_exclusions[] = {
    {"Datacenter note (Note 2 to 3A090)",
     "3A090.a and .b do not apply to ICs not designed or marketed for use in datacenters with "
     "TPP < 4800",
     k2023_datacenter_note, k2023_ab},
};
constexpr SystemRule k2023_systems[] = {
    {"3A090.a", "4A090.a", "a computer, assembly or component containing an IC of 3A090.a"},
    {"3A090.b", "4A090.b", "a computer, assembly or component containing an IC of 3A090.b"},
};
constexpr sv k2023_ab_systems[] = {"3A090.a", "3A090.b", "4A090.a", "4A090.b"};
constexpr LicenceRequirement k2023_licences[] = {
    {k2023_ab_systems, kToD1D4D5, "88 FR 73458 (2023-10-25, FR Doc 2023-23055); §742.6(a)(6)"},
};
constexpr Condition k2023_nac_a[] = {kNotDatacenter, at_least(kTpp, 4800_dec)};
constexpr Condition k2023_nac_b[] = {kDatacenter};
constexpr ExceptionRule k2023_exceptions[] = {
    {"NAC", "3A090.a", "3A090.a ICs not designed or marketed for datacenters (TPP ≥ 4800)",
     k2023_nac_a, kToD1D4D5, kToD5Macau, "§740.8, 88 FR 73458"},
    {"NAC", "3A090.b", "3A090.b ICs designed or marketed for datacenters", k2023_nac_b, kToD1D4D5,
     kToD5Macau, "§740.8, 88 FR 73458"},
};
constexpr ReviewPolicy k2023_reviews[] = {
    {"presumption of denial",
     k2023_ab_systems,
     kToD5Macau,
     {},
     "licence applications for D:5 and Macau are reviewed with a presumption of denial",
     "88 FR 73458, as summarised by a public tracker (REFERENCE.md §1.5, [S])"},
    {"presumption of approval",
     k2023_ab_systems,
     kToD1D4NotD5,
     {},
     "licence applications for D:1/D:4 destinations outside D:5 and Macau are reviewed with a "
     "presumption of approval",
     "88 FR 73458, as summarised by a public tracker (REFERENCE.md §1.5, [S])"},
};
constexpr sv k2023_notes[] = {
    "A licence is also required for 3A090.a/.b and 4A090.a/.b items going anywhere to an entity "
    "headquartered, or with an ultimate parent headquartered, in D:5 or Macau (§744.23(a)(3), "
    "from 2023-11-17).",
    "NAC notifications must give the item's TPP and performance density and evidence of "
    "datacenter or consumer design or marketing; at most 6 items per notification (BIS).",
};

// --- 89 FR 23876 (2024-04-04): ACA split out of NAC ------------------------------------------
constexpr ExceptionRule k2024_exceptions[] = {
    {"NAC", "3A090.a", "3A090.a ICs not designed or marketed for datacenters (TPP ≥ 4800)",
     k2023_nac_a, kToD5Macau, kToD5Macau, "§740.8, 89 FR 23876"},
    {"ACA", "3A090.a", "3A090.a ICs not designed or marketed for datacenters (TPP ≥ 4800)",
     k2023_nac_a, kToD1D4NotD5, kNowhere, "§740.8, 89 FR 23876"},
    {"NAC", "3A090.b", "3A090.b ICs designed or marketed for datacenters", k2023_nac_b, kToD5Macau,
     kToD5Macau, "§740.8, 89 FR 23876"},
    {"ACA", "3A090.b", "3A090.b ICs designed or marketed for datacenters", k2023_nac_b,
     kToD1D4NotD5, kNowhere, "§740.8, 89 FR 23876"},
};

// --- 89 FR 96790 (2024-12-02): 3A090.c, HBM -----------------------------------------------------
constexpr Condition k2024_c[] = {above(Metric::memory_bandwidth_density, 2_dec)};
constexpr Clause k2024_clauses[] = {
    k2023_clauses[0],
    k2023_clauses[1],
    k2023_clauses[2],
    k2023_clauses[3],
    {"3A090.c", "3A090.c", "high bandwidth memory with memory bandwidth density > 2 GB/s/mm2",
     k2024_c, ChipKind::memory},
};
constexpr sv k2024_c_eccn[] = {"3A090.c"};
constexpr LicenceRequirement k2024_licences[] = {
    k2023_licences[0],
    {k2024_c_eccn, kToD5Macau, "89 FR 96790 (2024-12-05, FR Doc 2024-28270); §742.6(a)(6)(i)(B)"},
};
constexpr Condition k2024_hbm[] = {below(Metric::memory_bandwidth_density, 3.3_dec)};
constexpr ExceptionRule k2024d_exceptions[] = {
    k2024_exceptions[0],
    k2024_exceptions[1],
    k2024_exceptions[2],
    k2024_exceptions[3],
    {"HBM", "3A090.c", "3A090.c HBM with memory bandwidth density < 3.3 GB/s/mm2", k2024_hbm,
     kToD5Macau, kNowhere, "§740.25, 89 FR 96790"},
};
constexpr sv k2024d_notes[] = {
    k2023_notes[0],
    k2023_notes[1],
    "3A090.c compliance date: 2024-12-31. HBM co-packaged with a logic IC whose dominant "
    "function is processing is not 3A090.c; the .c parameters never decide .z status.",
};

// --- 90 FR 4544 (2025-01-13): AI Diffusion ----------------------------------------------------
constexpr sv k2025_a_eccns[] = {"3A090.a", "4A090.a"};
constexpr sv k2025_b_eccns[] = {"3A090.b", "4A090.b"};
constexpr LicenceRequirement k2025_licences[] = {
    {k2025_a_eccns, kWorldwide, "90 FR 4544 (2025-01-15, FR Doc 2025-00636); §742.6(a)(6)(iii)(A)"},
    {k2025_b_eccns, kToD1D4D5Uae, "90 FR 4544; §742.6(a)(6)(iii)(B)"},
    k2024_licences[1],
};
constexpr ExceptionRule k2025_exceptions[] = {
    {"AIA",
     "3A090.a",
     "Artificial Intelligence Authorization: exports to Tier 1 destinations",
     {},
     kTier1Only,
     kNowhere,
     "§740.27, 90 FR 4544"},
    {"LPP",
     "3A090.a",
     "Low Processing Performance: up to 26,900,000 TPP per ultimate consignee per calendar year, "
     "not counted against country allocations (see `tpp quota`)",
     {},
     kNotD5Macau,
     kNowhere,
     "§740.29, 90 FR 4544"},
    {"ACM",
     "3A090.a",
     "Advanced Compute Manufacturing: development, production or storage only",
     {},
     kNotD5Macau,
     kNowhere,
     "§740.28, 90 FR 4544"},
    {"ACM",
     "3A090.b",
     "Advanced Compute Manufacturing: development, production or storage only",
     {},
     kNotD5Macau,
     kNowhere,
     "§740.28, 90 FR 4544"},
    {"ACA", "3A090.a",
     "non-datacenter 3A090.a ICs (TPP ≥ 4800) to Tier 2 without notification (as widened by the "
     "AI Diffusion rule; [S] SemiAnalysis)",
     k2023_nac_a, kTier2, kNowhere, "§740.8, 90 FR 4544"},
    {"NAC", "3A090.a", "non-datacenter 3A090.a ICs (TPP ≥ 4800) to D:5/Macau, with notification",
     k2023_nac_a, kToD5Macau, kToD5Macau, "§740.8, 90 FR 4544"},
    k2024_exceptions[2],
    k2024_exceptions[3],
    k2024d_exceptions[4],
};
constexpr sv k2025_notes[] = {
    k2023_notes[0],
    k2023_notes[1],
    "AI Diffusion country tiers: Tier 1 = the US and 18 partners (Supp. 5 to part 740); Tier 3 = "
    "D:5 and Macau (nothing licence-free); Tier 2 = every other destination.",
    "Tier 2 country allocation: about 50,000 H100-equivalents for 2025-2027 (790,000,000 TPP is "
    "inferred, UNCONFIRMED); LPP and VEU shipments do not count toward it.",
    "Compliance with the AI Diffusion rule was due 2025-05-15.",
};

// --- 90 FR 5298 (2025-01-16): foundry due-diligence presumption -------------------------------
constexpr TransistorAttestation k2025_attestations[] = {
    {2025, 9999, 30_dec, false},
    {2027, 2027, 35_dec, true},  // transactions completed in 2027; 2028 is not named (UNCONFIRMED)
    {2029, 9999, 40_dec, true},
};
constexpr FoundryPresumption k2025_foundry{
    "When a front-end fabricator or OSAT ships an applicable advanced logic IC (16/14 nm or "
    "below, or non-planar), it is presumed 3A090.a and datacenter unless an approved or "
    "authorized IC designer attests otherwise, or the packaged IC's aggregated approximated "
    "transistor count is below the threshold (30 billion; without HBM 35 billion in 2027 and 40 "
    "billion from 2029)",
    k2025_attestations, "Note 1 to 3A090.a, 90 FR 5298 (FR Doc 2025-00711)"};

// --- 2025-05-13: AI Diffusion no longer enforced ----------------------------------------------
constexpr LicenceRequirement k2025r_licences[] = {
    {k2023_ab_systems, kToD1D4D5Uae,
     "§742.6(a)(6) as before 90 FR 4544 (BIS announced non-enforcement of the AI Diffusion rule, "
     "2025-05-13)"},
    k2024_licences[1],
};
constexpr sv k2025r_notes[] = {
    "BIS announced on 2025-05-13 that it would not enforce the AI Diffusion rule; no Federal "
    "Register rescission was found (UNCONFIRMED) and the eCFR still carried the text on "
    "2026-07-23. tpp applies the pre-2025 licence scope.",
    "Still enforced (BIS guidance 2026-05-31): the licence requirement for 3A090.a/4A090.a items "
    "to entities headquartered in D:5 or Macau, wherever located (§744.23(a)(3), 2023-11-17).",
    k2023_notes[1],
    k2024d_notes[2],
};

// --- 91 FR 1684 (2026-01-15): China/Macau case-by-case window ----------------------------------
constexpr Condition k2026_window[] = {below(kTpp, 21000_dec),
                                      below(Metric::dram_bandwidth_gbps, 6500_dec)};
constexpr ReviewPolicy k2026_reviews[] = {
    {"case-by-case", k2023_ab_systems, kToChinaMacau, k2026_window,
     "China/Macau applications for chips with TPP < 21,000 and total DRAM bandwidth < 6,500 GB/s "
     "(e.g. H200, MI325X) are reviewed case by case, if the chips are commercially available in "
     "the US, the exporter certifies sufficient US supply, no foundry capacity is diverted, the "
     "recipient has adequate security procedures and independent third-party testing is done in "
     "the US",
     "91 FR 1684 (2026-01-15, FR Doc 2026-00789)"},
    k2023_reviews[0],
    k2023_reviews[1],
};
constexpr sv k2026_notes[] = {
    k2025r_notes[0],
    k2025r_notes[1],
    "Reported but UNCONFIRMED in the rule text: a cap of 50% of US-customer volume, and a 25% "
    "import tariff with TPP/bandwidth bands (proclamation of 2026-01-14).",
    k2023_notes[1],
};

constexpr Regime kRegimes[] = {
    {year{2022} / October / 7,
     "Advanced computing IFR: creates 3A090 and 4A090 (compute and interconnect test)",
     "87 FR 62186 (2022-10-13, FR Doc 2022-21658)",
     "REFERENCE.md §2",
     k2022_clauses,
     {},
     k2022_systems,
     k2022_licences,
     {},
     {},
     nullptr,
     false,
     k2022_notes},
    {year{2023} / January / 18,
     "Macau added to the advanced-computing licence requirement",
     "88 FR 2821 (2023-01-18, FR Doc 2023-00888)",
     "REFERENCE.md §0, §2",
     k2022_clauses,
     {},
     k2022_systems,
     k2023m_licences,
     {},
     {},
     nullptr,
     false,
     k2023m_notes},
    {year{2023} / November / 17,
     "AC/S IFR: TPP, performance density, datacenter note, 3A090.a/.b, License Exception NAC",
     "88 FR 73458 (2023-10-25, FR Doc 2023-23055)", "REFERENCE.md §1, §11", k2023_clauses,
     k2023_exclusions, k2023_systems, k2023_licences, k2023_exceptions, k2023_reviews, nullptr,
     false, k2023_notes},
    {year{2024} / April / 4, "Corrections; License Exception ACA split out of NAC",
     "89 FR 23876 (2024-04-04, FR Doc 2024-07004)", "REFERENCE.md §0, §1.5", k2023_clauses,
     k2023_exclusions, k2023_systems, k2023_licences, k2024_exceptions, k2023_reviews, nullptr,
     false, k2023_notes},
    {year{2024} / December / 2, "3A090.c (high bandwidth memory) and License Exception HBM",
     "89 FR 96790 (2024-12-05, FR Doc 2024-28270)", "REFERENCE.md §1.1, §1.4, §1.5", k2024_clauses,
     k2023_exclusions, k2023_systems, k2024_licences, k2024d_exceptions, k2023_reviews, nullptr,
     false, k2024d_notes},
    {year{2025} / January / 13,
     "Framework for AI Diffusion: worldwide licence for 3A090.a/4A090.a; LPP, AIA, ACM; tiers",
     "90 FR 4544 (2025-01-15, FR Doc 2025-00636)", "REFERENCE.md §5", k2024_clauses,
     k2023_exclusions, k2023_systems, k2025_licences, k2025_exceptions, k2023_reviews, nullptr,
     true, k2025_notes},
    {year{2025} / January / 16, "Foundry due-diligence presumption (Note 1 to 3A090.a)",
     "90 FR 5298 (2025-01-16, FR Doc 2025-00711)", "REFERENCE.md §6", k2024_clauses,
     k2023_exclusions, k2023_systems, k2025_licences, k2025_exceptions, k2023_reviews,
     &k2025_foundry, true, k2025_notes},
    {year{2025} / May / 13, "AI Diffusion rule no longer enforced",
     "BIS announcement of 2025-05-13 (no Federal Register rescission found)", "REFERENCE.md §5",
     k2024_clauses, k2023_exclusions, k2023_systems, k2025r_licences, k2024d_exceptions,
     k2023_reviews, &k2025_foundry, false, k2025r_notes},
    {year{2026} / January / 15,
     "China/Macau licence review: case-by-case under TPP 21,000 and DRAM bandwidth 6,500 GB/s",
     "91 FR 1684 (2026-01-15, FR Doc 2026-00789)", "REFERENCE.md §7", k2024_clauses,
     k2023_exclusions, k2023_systems, k2025r_licences, k2024d_exceptions, k2026_reviews,
     &k2025_foundry, false, k2026_notes},
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

namespace {

bool same_paragraphs(const Regime& a, const Regime& b, ChipKind kind) {
  auto next = [kind](std::span<const Clause> clauses, std::size_t& i) -> const Clause* {
    while (i < clauses.size() && clauses[i].applies_to != kind)
      ++i;
    return i < clauses.size() ? &clauses[i++] : nullptr;
  };
  std::size_t i = 0;
  std::size_t j = 0;
  for (;;) {
    const Clause* x = next(a.clauses, i);
    const Clause* y = next(b.clauses, j);
    if (x == nullptr || y == nullptr) return x == y;
    if (x->paragraph != y->paragraph || x->conditions.data() != y->conditions.data()) return false;
  }
}

}  // namespace

std::optional<Date> paragraphs_effective(const Regime& revision, ChipKind kind) noexcept {
  const std::span<const Regime> table = kRegimes;
  std::size_t index = static_cast<std::size_t>(&revision - table.data());
  const bool any = std::any_of(revision.clauses.begin(), revision.clauses.end(),
                               [kind](const Clause& c) { return c.applies_to == kind; });
  if (!any || index >= table.size()) return std::nullopt;
  while (index > 0 && same_paragraphs(table[index - 1], revision, kind))
    --index;
  return table[index].effective;
}

std::vector<Condition> ic_conditions(const Regime& revision) {
  std::vector<Condition> out;
  for (const Clause& clause : revision.clauses) {
    if (clause.applies_to == ChipKind::accelerator)
      out.insert(out.end(), clause.conditions.begin(), clause.conditions.end());
  }
  for (const Exclusion& exclusion : revision.exclusions)
    out.insert(out.end(), exclusion.conditions.begin(), exclusion.conditions.end());
  return out;
}

std::string_view rules_version() noexcept {
  return kRulesVersion;
}

}  // namespace tpp
