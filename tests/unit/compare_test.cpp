// `compare` and the whole-item totals: the systems of the news, summed memory, power as
// published, and every compared cell equal to what `show` (evaluate) says.
#include <doctest/doctest.h>

#include "test_specs.hpp"

using namespace tpp;
using namespace tpp::literals;

namespace {

std::shared_ptr<const ChipSpec> chip(const char* name) {
  auto found = ChipDatabase::bundled().find_shared(name);
  REQUIRE_MESSAGE(found.has_value(), (found ? "" : found.error().message()));
  return *found;
}

Options options_for(const char* as_of, std::optional<std::string> to = std::nullopt) {
  Options options;
  options.as_of = tpp::test::date(as_of);
  options.destination = std::move(to);
  options.details = true;  // as the command line asks
  return options;
}

}  // namespace

TEST_CASE("item_totals: an IC's own memory and power, unknown when absent") {
  const ItemTotals h20 = item_totals(*chip("h20"));
  CHECK(h20.memory_capacity_gb.source == TotalSource::stated);
  CHECK(h20.memory_capacity_gb.value == 96_dec);
  CHECK(h20.memory_capacity_gb.unconfirmed);
  ChipSpec bare = tpp::test::spec_of({{"fp8", "100"}});
  const ItemTotals none = item_totals(bare);
  CHECK_FALSE(none.memory_capacity_gb.known());
  CHECK_FALSE(none.power_w.known());
  CHECK(none.power_w.value.is_zero());
  CHECK_FALSE(none.power_w.missing.empty());
}

TEST_CASE("item_totals: a system's memory is summed over its ICs, its power never") {
  const ItemTotals hgx = item_totals(*chip("hgx-h20"));
  CHECK(hgx.memory_capacity_gb.source == TotalSource::summed);
  CHECK(hgx.memory_capacity_gb.value == 768_dec);
  CHECK(hgx.memory_capacity_gb.unconfirmed);  // the H20's 96 GB is
  CHECK(hgx.memory_bandwidth_gbps.value == 32000_dec);
  CHECK_FALSE(hgx.power_w.known());

  const ItemTotals cm = item_totals(*chip("CloudMatrix 384"));
  CHECK(cm.memory_capacity_gb.source == TotalSource::summed);
  CHECK(cm.memory_capacity_gb.value == 49152_dec);
  CHECK(cm.memory_bandwidth_gbps.value == 1228800_dec);
  CHECK(cm.power_w.source == TotalSource::stated);
  CHECK(cm.power_w.value == 559000_dec);
  CHECK(cm.power_w.unconfirmed);

  const ItemTotals nvl = item_totals(*chip("NVL72"));
  CHECK(nvl.memory_capacity_gb.value == 13392_dec);
  CHECK(nvl.memory_bandwidth_gbps.value == 576000_dec);
  CHECK(nvl.power_w.value == 145000_dec);
}

TEST_CASE("item_totals: a system's published totals win over the sum") {
  const ItemTotals dgx = item_totals(*chip("DGX B200"));
  CHECK(dgx.memory_capacity_gb.source == TotalSource::stated);
  CHECK(dgx.memory_capacity_gb.value == 1440_dec);
  CHECK(dgx.memory_bandwidth_gbps.value == 64000_dec);
  CHECK(dgx.power_w.source == TotalSource::stated);
  CHECK(dgx.power_w.value == 14300_dec);
}

TEST_CASE("systems of the news: counts, ECCN from the deciding IC") {
  auto result = compare(
      std::vector{chip("cloudmatrix-384"), chip("gb200-nvl72"), chip("hgx-h20"), chip("dgx-b200")},
      options_for("2025-06-01", "CN"));
  REQUIRE(result.has_value());
  const auto& items = result->items;
  REQUIRE(items.size() == 4);
  CHECK(items[0].report.metrics.tpp == 4915200_dec);  // 384 x 12,800
  CHECK(items[1].report.metrics.tpp == 2880000_dec);  // 72 x 40,000
  CHECK(items[2].report.metrics.tpp == 18944_dec);    // 8 x 2,368
  CHECK(items[3].report.metrics.tpp == 288000_dec);   // 8 x 36,000
  CHECK(items[0].deciding_ic == "ascend-910c");
  CHECK(items[0].deciding_count == 384);
  CHECK(items[1].deciding_ic == "gb200");
  CHECK(items[0].report.classification.eccn == "4A090.a");
  CHECK(items[1].report.classification.eccn == "4A090.a");
  CHECK(items[3].report.classification.eccn == "4A090.a");
  // The Ascend 910C has no 8-bit figure: Epoch's convention counts TPP / 8.
  CHECK(items[0].epoch_from_tpp);
  CHECK_FALSE(items[1].epoch_from_tpp);
  CHECK(items[1].h100_equivalents_epoch == doctest::Approx(72.0 * 5000 / 1979));
  CHECK(items[0].h100_equivalents == doctest::Approx(4915200.0 / 15832));
  CHECK_FALSE(items[2].tpp_per_watt.has_value());  // no published power
  REQUIRE(items[3].tpp_per_watt.has_value());
  CHECK(*items[3].tpp_per_watt == doctest::Approx(288000.0 / 14300));
}

TEST_CASE(
    "the seed's claim: CloudMatrix 384 has more compute and memory than GB200 NVL72, at "
    "more power and less TPP per watt") {
  auto result =
      compare(std::vector{chip("cloudmatrix-384"), chip("gb200-nvl72")}, options_for("2025-06-01"));
  REQUIRE(result.has_value());
  const ComparedItem& cm = result->items[0];
  const ComparedItem& nvl = result->items[1];
  CHECK(cm.report.metrics.tpp > nvl.report.metrics.tpp);
  CHECK(cm.totals.memory_capacity_gb.value > nvl.totals.memory_capacity_gb.value);
  CHECK(cm.totals.memory_bandwidth_gbps.value > nvl.totals.memory_bandwidth_gbps.value);
  CHECK(cm.totals.power_w.value > nvl.totals.power_w.value);
  REQUIRE(cm.tpp_per_watt.has_value());
  REQUIRE(nvl.tpp_per_watt.has_value());
  CHECK(*cm.tpp_per_watt < *nvl.tpp_per_watt);
}

TEST_CASE("a compared item says what evaluate() says, as `tpp show` does, for every chip") {
  std::vector<std::shared_ptr<const ChipSpec>> all(ChipDatabase::bundled().chips().begin(),
                                                   ChipDatabase::bundled().chips().end());
  for (const char* as_of : {"2023-01-01", "2024-06-01", "2025-06-01", "2026-02-01"}) {
    for (const std::optional<std::string>& to :
         {std::optional<std::string>{}, std::optional<std::string>{"CN"},
          std::optional<std::string>{"AE"}, std::optional<std::string>{"DE"}}) {
      const Options options = options_for(as_of, to);
      auto result = compare(all, options);
      REQUIRE(result.has_value());
      REQUIRE(result->items.size() == all.size());
      for (const ComparedItem& item : result->items) {
        CAPTURE(item.spec->id);
        CAPTURE(as_of);
        auto shown = evaluate(item.spec, options);
        REQUIRE(shown.has_value());
        const Classification& a = item.report.classification;
        const Classification& b = shown->classification;
        CHECK(a.eccn == b.eccn);
        CHECK(a.paragraph == b.paragraph);
        CHECK(a.status == b.status);
        CHECK(a.decided_by == b.decided_by);
        CHECK(item.report.basis == shown->basis);
        CHECK(item.report.metrics.tpp == shown->metrics.tpp);
        CHECK(item.report.h100_equivalents == shown->h100_equivalents);
        REQUIRE(item.report.destination.has_value() == shown->destination.has_value());
        if (shown->destination) {
          CHECK(item.report.destination->licence_required == shown->destination->licence_required);
          CHECK(item.report.destination->is_export == shown->destination->is_export);
        }
      }
    }
  }
}

TEST_CASE("names people type: a leading vendor name is dropped when the rest finds one chip") {
  const ChipDatabase& db = ChipDatabase::bundled();
  CHECK(db.find("NVIDIA H20").value()->id == "h20");
  CHECK(db.find("Ascend 910C").value()->id == "ascend-910c");
  CHECK(db.find("Huawei Ascend 910C").value()->id == "ascend-910c");
  CHECK(db.find("HiSilicon Ascend 910C").value()->id == "ascend-910c");
  CHECK(db.find("nvidia dgx b200").value()->id == "dgx-b200");
  CHECK(db.find("Huawei CM384").value()->id == "cloudmatrix-384");
  CHECK(db.find("HGX H20").value()->id == "hgx-h20");     // the 8-GPU board
  CHECK(db.find("NVIDIA HGX H20").value()->id == "h20");  // Epoch's name for the chip
  CHECK(db.find("NVIDIA GB200 NVL72").value()->id == "gb200-nvl72");
}

TEST_CASE("names people type: a name that fits several chips is ambiguous, with the candidates") {
  const ChipDatabase& db = ChipDatabase::bundled();
  for (const char* name : {"a80", "NVIDIA A80", "mi3"}) {
    CAPTURE(name);
    auto found = db.find(name);
    REQUIRE_FALSE(found.has_value());
    CHECK(found.error().code == errc::ambiguous_chip);
    CHECK(found.error().field == "chip");
    CHECK(found.error().value == name);
  }
  auto a800 = db.find("a80");
  REQUIRE_FALSE(a800.has_value());
  CHECK(a800.error().detail.find("a800-sxm") != std::string::npos);
  CHECK(a800.error().detail.find("a800-pcie") != std::string::npos);
  // A typo that starts no chip's name is still unknown, with suggestions.
  auto typo = db.find("h2O");
  REQUIRE_FALSE(typo.has_value());
  CHECK(typo.error().code == errc::unknown_chip);
  CHECK(to_string(errc::ambiguous_chip) == "ambiguous_chip");
}
