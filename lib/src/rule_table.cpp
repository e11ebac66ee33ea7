// The rule table. Thresholds, wording and citations are from ../shared/REFERENCE.md: §0 (the
// timeline), §1-§2 (3A090 in 2022 and from 2023), §3 (4A090), §1.5 and §5 (licences and
// licence exceptions), §6 (the foundry presumption), §7 (the 2026 review window), §9
// (thresholds), §11 (decision order). A revision that changes nothing in a list reuses the
// previous revision's array; that is how `clauses_origin` tells when paragraphs took effect.
// Dates, compliance dates and scope limits were re-checked against ../shared/reference/
// regs-2026-audit.md and the sources it cites (the closing note of issue 10 lists each change).
// Bump kRulesVersion with every edit.
#include <algorithm>
#include <array>

#include "tpp/rules.hpp"

namespace tpp {
namespace {

using namespace std::chrono;
using namespace tpp::literals;
using sv = std::string_view;

constexpr sv kRulesVersion = "2026-01-15.2";

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
constexpr sv kUs[] = {"US"};

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
// For end users headquartered (or with an ultimate parent headquartered) here, wherever located.
constexpr DestinationSet kHqD5Macau{false, kD5, kMacau, {}, {}, "Country Group D:5 or Macau"};

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
    {k2022_eccns, kToChinaMacau,
     "88 FR 2821 (published 2023-01-18, effective 2023-01-17, FR Doc 2023-00888)"},
};
constexpr sv k2022_notes[] = {
    "The 2022 rule had no performance-density test, no datacenter note and no 3A090.b.",
    "The 2022 technical notes and the exact 2022 wording of 4A090 were not retrieved "
    "(UNCONFIRMED); the test follows 87 FR 62186 as quoted in our reference notes.",
};
constexpr sv k2023m_notes[] = {
    "The 2022 rule had no performance-density test, no datacenter note and no 3A090.b.",
    "88 FR 2821 added Macau, effective 2023-01-17 (published 2023-01-18) per four secondary "
    "sources (tradepractitioner.com, Steptoe, mondaq, Export Compliance Daily) [S]; the Federal "
    "Register's own DATES line was not read.",
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
// The scope is BIS's own account (guidance of 2026-05-31, reproduced verbatim [P]): .a and .b
// items and their systems, from 2023-11-17; the .a part moved into §742.6(a)(6)(iii)(A) with
// 90 FR 4544 and is still enforced; where the .b part sits since 2025 is UNCONFIRMED.
constexpr sv kHqCitation = "§744.23(a)(3), 88 FR 73458; BIS guidance of 2026-05-31 [P]";
constexpr LicenceRequirement k2023_hq{k2023_ab_systems, kHqD5Macau, kHqCitation,
                                      Scope::headquarters};
constexpr LicenceRequirement k2023_licences[] = {
    {k2023_ab_systems, kToD1D4D5, "88 FR 73458 (2023-10-25, FR Doc 2023-23055); §742.6(a)(6)"},
    k2023_hq,
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
    "from 2023-11-17): give the end user's headquarters (--hq) where it decides.",
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
constexpr LicenceRequirement k2024_c_licence{
    k2024_c_eccn, kToD5Macau, "89 FR 96790 (2024-12-05, FR Doc 2024-28270); §742.6(a)(6)(i)(B)"};
constexpr LicenceRequirement k2024_licences[] = {k2023_licences[0], k2023_hq, k2024_c_licence};
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
    "HBM co-packaged with a logic IC whose dominant function is processing is not 3A090.c; the "
    ".c parameters never decide .z status.",
};

// --- 90 FR 4544 (2025-01-13): AI Diffusion ----------------------------------------------------
constexpr sv k2025_a_eccns[] = {"3A090.a", "4A090.a"};
constexpr sv k2025_b_eccns[] = {"3A090.b", "4A090.b"};
constexpr LicenceRequirement k2025_licences[] = {
    {k2025_a_eccns, kWorldwide, "90 FR 4544 (2025-01-15, FR Doc 2025-00636); §742.6(a)(6)(iii)(A)"},
    {k2025_b_eccns, kToD1D4D5Uae, "90 FR 4544; §742.6(a)(6)(iii)(B)"},
    k2023_hq,
    k2024_c_licence,
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
    "Compliance with the AI Diffusion rule was not required until 2025-05-15 (bis.gov [P]); BIS "
    "announced non-enforcement on 2025-05-13, so its worldwide licence requirement, LPP/AIA and "
    "the country caps never bound anyone.",
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
    k2025_attestations,
    "Note 1 to 3A090.a, 90 FR 5298 (FR Doc 2025-00711; compliance from 2025-01-31)",
    year{2025} / January / 31};

// --- 2025-05-13: AI Diffusion no longer enforced ----------------------------------------------
constexpr LicenceRequirement k2025r_licences[] = {
    {k2023_ab_systems, kToD1D4D5Uae,
     "§742.6(a)(6) as before 90 FR 4544 (BIS announced non-enforcement of the AI Diffusion rule, "
     "2025-05-13), with the UAE as the eCFR names it"},
    k2023_hq,
    k2024_c_licence,
};
constexpr sv k2025r_notes[] = {
    "BIS announced on 2025-05-13 that it would not enforce the AI Diffusion rule; no Federal "
    "Register rescission was found and the eCFR still carried the text on 2026-07-23 [P]. tpp "
    "applies the pre-2025 licence scope, keeping the UAE named as the eCFR names it (so it stays "
    "licensed after its move into A:5). GAO (B-337935, 2026-05-12 [P]) found the non-enforcement "
    "press release to be a rule under the Congressional Review Act; Pillsbury reads that the AI "
    "Diffusion rule remains legally in effect [S].",
    "Still enforced (BIS guidance of 2026-05-31 [P]): the licence requirement for 3A090.a/.b and "
    "4A090.a/.b items to entities headquartered, or with an ultimate parent headquartered, in D:5 "
    "or Macau, wherever located (§744.23(a)(3) from 2023-11-17; §742.6(a)(6)(iii)(A) for .a).",
    k2023_notes[1],
    k2024d_notes[2],
};

// --- 91 FR 1684 (2026-01-15): China/Macau case-by-case window ----------------------------------
constexpr Condition k2026_window[] = {below(kTpp, 21000_dec),
                                      below(Metric::dram_bandwidth_gbps, 6500_dec)};
constexpr sv k2026_must_establish[] = {
    "the chip was commercially available in the United States on 2026-01-15 (91 FR 1684 [P])",
    "the exporter certifies sufficient supply of the product in the United States [P]",
    "production for China does not divert global foundry capacity from US customers [P]",
    "the recipient has demonstrated sufficient security procedures (know-your-customer screening "
    "against unauthorized remote access) [P]",
    "each shipment undergoes independent third-party testing in the United States before export "
    "[P]",
    "shipments to China and Macau total no more than 50% of those to US end users (reported by "
    "ST&R [S]; UNCONFIRMED in the rule text)",
    "the export is not prohibited by an end-use or end-user control",
};
constexpr ReviewPolicy k2026_reviews[] = {
    {.policy = "case-by-case",
     .eccns = k2023_ab_systems,
     .destinations = kToChinaMacau,
     .conditions = k2026_window,
     .summary = "exports from the United States to end users located in China or Macau of chips "
                "with TPP < 21,000 and total DRAM bandwidth < 6,500 GB/s (e.g. H200, MI325X) are "
                "reviewed case by case; reexports, exports from abroad and in-country transfers "
                "stay under a presumption of denial",
     .citation = "91 FR 1684 (2026-01-15, FR Doc 2026-00789) [P]; TPP and DRAM lines as quoted by "
                 "a research note [S]; the US-origin limit per Covington and Baker McKenzie [S]",
     .origins = kUs,
     .must_establish = k2026_must_establish},
    k2023_reviews[0],
    {.policy = "presumption of denial",
     .eccns = k2023_ab_systems,
     .destinations = kHqD5Macau,
     .conditions = {},
     .summary = "end users headquartered in D:5 or Macau but located outside them stay under a "
                "presumption of denial",
     .citation = "91 FR 1684, as summarised by a research note quoting the rule [S] (UNCONFIRMED "
                 "in the English rule text)",
     .scope = Scope::headquarters},
    k2023_reviews[1],
};
constexpr sv k2026_notes[] = {
    k2025r_notes[0],
    k2025r_notes[1],
    "Not export controls: a 25% tariff (Presidential Proclamation of 2026-01-14, effective "
    "2026-01-15) on chips imported for US testing, band 1 TPP 14,000-17,500 and DRAM bandwidth "
    "4,500-5,000 GB/s (CBP CSMS #67400472 as quoted [S]); revenue shares announced for H20/MI308 "
    "(15%) and H200 (25%) have no published regulation.",
    k2023_notes[1],
};

// --- FR Doc 2025-02655 (effective 2025-02-11): correction of the 3A090 licence text ------------
constexpr sv k2025c_notes[] = {
    k2025_notes[0],
    k2025_notes[1],
    k2025_notes[2],
    k2025_notes[3],
    k2025_notes[4],
    "FR Doc 2025-02655 (90 FR 9604, published 2025-02-14, effective 2025-02-11) corrects the 3A090 "
    "licence requirement added by 90 FR 5298 [P]; only its summary was read, so what the text "
    "said before and after is UNCONFIRMED. No threshold or destination tpp models changes.",
};

// --- 90 FR 4544: ECCN 4E091, model weights ---------------------------------------------------
constexpr sv k4e091_exceptions[] = {"AIA"};
constexpr ModelWeightsRule k2025_weights{
    "4E091",
    "the parameters (weights) of an AI model trained with 10^26 or more operations; not "
    "published weights, nor a model derived from published weights unless the extra training "
    "exceeds 2.5 x 10^25 operations or 25% of the training operations, whichever is higher",
    Operations::power_of_ten(26),
    Operations::power_of_ten(24, 25),
    25,
    kWorldwide,
    true,
    "§742.6(a)(13), 90 FR 4544; text as in the eCFR of 2026-07-23 [P]",
    k4e091_exceptions};
// Still codified (eCFR 2026-07-23), not enforced since BIS's announcement of 2025-05-13.
constexpr ModelWeightsRule k2025r_weights{k2025_weights.eccn,
                                          k2025_weights.summary,
                                          k2025_weights.threshold,
                                          k2025_weights.derived_floor,
                                          k2025_weights.derived_percent,
                                          k2025_weights.destinations,
                                          false,
                                          k2025_weights.citation,
                                          k2025_weights.exceptions};

constexpr sv kAiDiffusionCompliance =
    "90 FR 4544 (AI Diffusion): compliance not required until 120 days after publication, "
    "2025-05-15 (bis.gov/advanced-compute-resources [P])";

constexpr Regime kRegimes[] = {
    {.effective = year{2022} / October / 7,
     .title = "Advanced computing IFR: creates 3A090 and 4A090 (compute and interconnect test)",
     .citation = "87 FR 62186 (2022-10-13, FR Doc 2022-21658)",
     .source = "REFERENCE.md §2",
     .clauses = k2022_clauses,
     .systems = k2022_systems,
     .licences = k2022_licences,
     .notes = k2022_notes},
    {.effective = year{2023} / January / 17,
     .title = "Macau added to the advanced-computing licence requirement",
     .citation = "88 FR 2821 (published 2023-01-18, FR Doc 2023-00888)",
     .source = "REFERENCE.md §0, §2; regs-2026-audit.md §2",
     .clauses = k2022_clauses,
     .systems = k2022_systems,
     .licences = k2023m_licences,
     .notes = k2023m_notes},
    {.effective = year{2023} / November / 17,
     .title =
         "AC/S IFR: TPP, performance density, datacenter note, 3A090.a/.b, License Exception NAC",
     .citation = "88 FR 73458 (2023-10-25, FR Doc 2023-23055)",
     .source = "REFERENCE.md §1, §11",
     .clauses = k2023_clauses,
     .exclusions = k2023_exclusions,
     .systems = k2023_systems,
     .licences = k2023_licences,
     .exceptions = k2023_exceptions,
     .review_policies = k2023_reviews,
     .notes = k2023_notes},
    {.effective = year{2024} / April / 4,
     .title = "Corrections; License Exception ACA split out of NAC",
     .citation = "89 FR 23876 (2024-04-04, FR Doc 2024-07004)",
     .source = "REFERENCE.md §0, §1.5",
     .clauses = k2023_clauses,
     .exclusions = k2023_exclusions,
     .systems = k2023_systems,
     .licences = k2023_licences,
     .exceptions = k2024_exceptions,
     .review_policies = k2023_reviews,
     .notes = k2023_notes},
    {.effective = year{2024} / December / 2,
     .title = "3A090.c (high bandwidth memory) and License Exception HBM",
     .citation = "89 FR 96790 (2024-12-05, FR Doc 2024-28270)",
     .source = "REFERENCE.md §1.1, §1.4, §1.5",
     .clauses = k2024_clauses,
     .exclusions = k2023_exclusions,
     .systems = k2023_systems,
     .licences = k2024_licences,
     .exceptions = k2024d_exceptions,
     .review_policies = k2023_reviews,
     .notes = k2024d_notes,
     .compliance = year{2024} / December / 31,
     .compliance_citation = "89 FR 96790 (3A090.c): compliance from 2024-12-31 (Covington, "
                            "2024-12-09, and a research note quoting the rule's DATES [S])"},
    {.effective = year{2025} / January / 13,
     .title = "Framework for AI Diffusion: worldwide licence for 3A090.a/4A090.a; LPP, AIA, ACM; "
              "tiers; ECCN 4E091",
     .citation = "90 FR 4544 (2025-01-15, FR Doc 2025-00636)",
     .source = "REFERENCE.md §5",
     .clauses = k2024_clauses,
     .exclusions = k2023_exclusions,
     .systems = k2023_systems,
     .licences = k2025_licences,
     .exceptions = k2025_exceptions,
     .review_policies = k2023_reviews,
     .ai_diffusion_tiers = true,
     .notes = k2025_notes,
     .compliance = year{2025} / May / 15,
     .compliance_citation = kAiDiffusionCompliance,
     .model_weights = &k2025_weights},
    {.effective = year{2025} / January / 16,
     .title = "Foundry due-diligence presumption (Note 1 to 3A090.a)",
     .citation = "90 FR 5298 (2025-01-16, FR Doc 2025-00711)",
     .source = "REFERENCE.md §6",
     .clauses = k2024_clauses,
     .exclusions = k2023_exclusions,
     .systems = k2023_systems,
     .licences = k2025_licences,
     .exceptions = k2025_exceptions,
     .review_policies = k2023_reviews,
     .foundry = &k2025_foundry,
     .ai_diffusion_tiers = true,
     .notes = k2025_notes,
     .compliance = year{2025} / May / 15,
     .compliance_citation = kAiDiffusionCompliance,
     .model_weights = &k2025_weights},
    {.effective = year{2025} / February / 11,
     .title = "Correction of the 3A090 licence requirement text",
     .citation = "FR Doc 2025-02655 (90 FR 9604, 2025-02-14)",
     .source = "regs-2026-audit.md §2",
     .clauses = k2024_clauses,
     .exclusions = k2023_exclusions,
     .systems = k2023_systems,
     .licences = k2025_licences,
     .exceptions = k2025_exceptions,
     .review_policies = k2023_reviews,
     .foundry = &k2025_foundry,
     .ai_diffusion_tiers = true,
     .notes = k2025c_notes,
     .compliance = year{2025} / May / 15,
     .compliance_citation = kAiDiffusionCompliance,
     .model_weights = &k2025_weights},
    {.effective = year{2025} / May / 13,
     .title = "AI Diffusion rule no longer enforced",
     .citation = "BIS announcement of 2025-05-13 (no Federal Register rescission found)",
     .source = "REFERENCE.md §5; regs-2026-audit.md §2",
     .clauses = k2024_clauses,
     .exclusions = k2023_exclusions,
     .systems = k2023_systems,
     .licences = k2025r_licences,
     .exceptions = k2024d_exceptions,
     .review_policies = k2023_reviews,
     .foundry = &k2025_foundry,
     .notes = k2025r_notes,
     .model_weights = &k2025r_weights},
    {.effective = year{2026} / January / 15,
     .title = "China/Macau licence review: case-by-case under TPP 21,000 and DRAM bandwidth 6,500 "
              "GB/s",
     .citation = "91 FR 1684 (2026-01-15, FR Doc 2026-00789)",
     .source = "REFERENCE.md §7; regs-2026-audit.md §3",
     .clauses = k2024_clauses,
     .exclusions = k2023_exclusions,
     .systems = k2023_systems,
     .licences = k2025r_licences,
     .exceptions = k2024d_exceptions,
     .review_policies = k2026_reviews,
     .foundry = &k2025_foundry,
     .notes = k2026_notes,
     .model_weights = &k2025r_weights},
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

const Regime* regime_binding(Date as_of) noexcept {
  const Regime* found = nullptr;
  for (const Regime& regime : kRegimes) {
    if (regime.effective <= as_of && regime.binding_from() <= as_of) found = &regime;
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
