// Properties users rely on, over many random chips: more throughput or less die area never
// lowers the level of control; a datacenter part is never less controlled than the same chip
// marketed otherwise; and the batch path agrees with the single path.
#include <doctest/doctest.h>

#include "test_specs.hpp"

using namespace tpp;

namespace {

struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 17;
  }
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
};

// 0: outside 3A090, 1: 3A090.b, 2: 3A090.a.
int level(const ChipSpec& spec, Date as_of) {
  const Report report = evaluate(spec, Options{as_of}).value();
  const auto& eccn = report.classification.eccn;
  if (!eccn) return 0;
  return eccn->ends_with(".a") ? 2 : 1;
}

ChipSpec random_chip(Random& random) {
  ChipSpec spec;
  spec.name = "random";
  spec.datacenter.value = random.next() % 2 == 0;
  static constexpr Format kFormats[] = {Format::fp64, Format::tf32, Format::fp16, Format::bf16,
                                        Format::fp8,  Format::int8, Format::fp4};
  const int units = static_cast<int>(random.between(1, 2));
  for (int u = 0; u < units; ++u) {
    ProcessingUnit unit;
    unit.count = static_cast<int>(random.between(1, 3));
    for (const Format format : kFormats) {
      if (random.next() % 3 != 0) continue;
      unit.throughput.push_back(
          Throughput{{format},
                     Decimal::from_units(random.between(1, 800) * Decimal::kScale / 1000 * 1000 +
                                         random.between(0, 999'999) * 10),
                     false,
                     {}});
    }
    if (unit.throughput.empty())
      unit.throughput.push_back(
          Throughput{{Format::fp8}, Decimal::from_integer(random.between(1, 900)), false, {}});
    spec.processing_units.push_back(unit);
  }
  const int dies = static_cast<int>(random.between(1, 2));
  for (int d = 0; d < dies; ++d) {
    spec.dies.push_back(Die{"die", static_cast<int>(random.between(1, 2)),
                            Figure{Decimal::from_units(random.between(50, 1200) * Decimal::kScale +
                                                       random.between(0, 999'999) * 10),
                                   {}},
                            true, random.next() % 8 != 0, ""});
  }
  return spec;
}

// The plain subset of the chips/ format (numbers, no provenance): what the lean path takes.
std::string plain_json(const ChipSpec& spec) {
  std::string out =
      std::string("{\"id\":\"r\",\"datacenter\":") + (spec.datacenter.value ? "true" : "false");
  out += ",\"processing_units\":[";
  for (std::size_t u = 0; u < spec.processing_units.size(); ++u) {
    const ProcessingUnit& unit = spec.processing_units[u];
    out += (u ? "," : "") + std::string("{\"count\":") + std::to_string(unit.count) +
           ",\"throughput\":[";
    for (std::size_t t = 0; t < unit.throughput.size(); ++t) {
      out += (t ? "," : "") + std::string("{\"precision\":\"") +
             to_string(unit.throughput[t].precision) +
             "\",\"tops\":" + to_string(unit.throughput[t].tops) + "}";
    }
    out += "]}";
  }
  out += "],\"dies\":[";
  for (std::size_t d = 0; d < spec.dies.size(); ++d) {
    const Die& die = spec.dies[d];
    out += (d ? "," : "") + std::string("{\"count\":") + std::to_string(die.count) +
           ",\"area_mm2\":" + to_string(die.area_mm2->value) +
           ",\"non_planar\":" + (die.non_planar ? "true" : "false") + "}";
  }
  return out + "]}";
}

}  // namespace

TEST_CASE("more throughput, or less die area, never lowers the level of control") {
  Random random{2026};
  const Date as_of = tpp::test::date("2026-11-22");
  for (int trial = 0; trial < 3000; ++trial) {
    ChipSpec chip = random_chip(random);
    const int before = level(chip, as_of);
    ChipSpec faster = chip;
    auto& unit = faster.processing_units[static_cast<std::size_t>(random.next() %
                                                                  faster.processing_units.size())];
    auto& figure =
        unit.throughput[static_cast<std::size_t>(random.next() % unit.throughput.size())];
    figure.tops =
        Decimal::from_units(figure.tops.units() + random.between(10, 200 * Decimal::kScale));
    CAPTURE(trial);
    CHECK(level(faster, as_of) >= before);
    ChipSpec smaller = chip;
    auto& die = smaller.dies[static_cast<std::size_t>(random.next() % smaller.dies.size())];
    const std::int64_t area = die.area_mm2->value.units();
    die.area_mm2->value =
        Decimal::from_units(std::max<std::int64_t>(10, area - random.between(10, area / 2 + 10)));
    CHECK(level(smaller, as_of) >= before);
  }
}

TEST_CASE("a datacenter part is never less controlled than the same chip marketed otherwise") {
  Random random{7};
  for (const char* as_of : {"2022-12-01", "2024-06-01", "2026-11-22"}) {
    for (int trial = 0; trial < 1000; ++trial) {
      ChipSpec chip = random_chip(random);
      chip.io_bidirectional_gbps = Figure{Decimal::from_integer(random.between(0, 1200)), {}};
      ChipSpec consumer = chip;
      chip.datacenter.value = true;
      consumer.datacenter.value = false;
      CAPTURE(trial);
      CHECK(level(chip, tpp::test::date(as_of)) >= level(consumer, tpp::test::date(as_of)));
    }
  }
}

TEST_CASE("the batch path and the single path agree on random chips") {
  Random random{99};
  std::string text;
  std::vector<ChipSpec> chips;
  for (int i = 0; i < 2000; ++i) {
    chips.push_back(random_chip(random));
    text += plain_json(chips.back()) + "\n";
  }
  CatalogOptions options;
  options.as_of = tpp::test::date("2026-11-22");
  const auto records = classify_jsonl_block(text, 1, options);
  REQUIRE(records.size() == chips.size());
  for (const CatalogRecord& record : records)
    REQUIRE_FALSE(record.error.has_value());
  for (std::size_t i = 0; i < chips.size(); ++i) {
    const Report report = evaluate(chips[i], Options{options.as_of}).value();
    CAPTURE(i);
    CHECK(records[i].tpp == report.metrics.tpp);
    CHECK(records[i].result().paragraphs.size() == report.classification.paragraphs.size());
    CHECK(records[i].result().status == report.classification.status);
    CHECK(records[i].result().paragraph ==
          (report.classification.paragraph ? std::string(*report.classification.paragraph) : ""));
  }
}
