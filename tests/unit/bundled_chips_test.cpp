// The bundled database: the chips users look up most, pinned; every figure sourced.
#include <doctest/doctest.h>

#include "test_specs.hpp"

using namespace tpp;
using namespace tpp::literals;
using tpp::test::report_of;

namespace {

Report bundled(const char* name, const char* as_of = "2026-11-22") {
  auto chip = ChipDatabase::bundled().find_shared(name);
  REQUIRE_MESSAGE(chip.has_value(), (chip ? "" : chip.error().message()));
  auto report = evaluate(*chip, Options{tpp::test::date(as_of)});
  REQUIRE(report.has_value());
  return std::move(*report);
}

void check_provenance(const ChipSpec& chip, const Provenance& provenance, const std::string& what) {
  CAPTURE(chip.id);
  CAPTURE(what);
  CHECK_FALSE(provenance.source_key.empty());
  const Source* source = chip.find_source(provenance.source_key);
  REQUIRE(source != nullptr);
  CHECK(source->url.find("://") != std::string::npos);
  CHECK(provenance.confidence.has_value());
  if (provenance.confidence == Confidence::estimate) CHECK_FALSE(provenance.note.empty());
}

}  // namespace

TEST_CASE("H100 SXM: TPP 15,832, density 19.4-19.5, 3A090.a.1") {
  const Report h100 = bundled("h100-sxm");
  CHECK(h100.metrics.tpp == 15832_dec);
  CHECK(h100.metrics.density.value.to_double() > 19.4);
  CHECK(h100.metrics.density.value.to_double() < 19.5);
  CHECK(h100.classification.eccn == "3A090.a");
  CHECK(h100.classification.paragraph == "3A090.a.1");
  CHECK(h100.h100_equivalents == doctest::Approx(1.0));
}

TEST_CASE("H20: TPP 2,368, density about 2.91, outside 3A090") {
  const Report h20 = bundled("h20");
  CHECK(h20.metrics.tpp == 2368_dec);
  CHECK(h20.metrics.density.value.to_double() == doctest::Approx(2.91).epsilon(0.001));
  CHECK_FALSE(h20.classification.eccn.has_value());
  CHECK(h20.classification.status == Status::not_controlled);
}

TEST_CASE("MI308X: classified, and every output says it rests on an estimate") {
  const Report mi308x = bundled("MI308X");
  CHECK(mi308x.basis == Basis::estimate);
  const std::string json = render_json(mi308x);
  CHECK(json.find("\"basis\":\"estimate\"") != std::string::npos);
  CHECK(render_show(mi308x).find("ESTIMATE") != std::string::npos);
  CHECK(render_list(std::span<const Report>(&mi308x, 1)).find("estimate") != std::string::npos);
}

TEST_CASE("the issue's chips are all bundled and found by id or alias") {
  for (const char* name :
       {"h100-sxm", "h100-pcie", "h20",      "mi308x",     "ascend-910c", "ascend-910b", "a100-sxm",
        "a800-sxm", "h800-sxm",  "h200-sxm", "b200",       "l40s",        "l20",         "l2",
        "rtx-4090", "mi300x",    "mi325x",   "gaudi-3",    "tpu-v5p",     "trainium2",   "H100",
        "h100 sxm", "A100",      "RTX 4090", "Ascend 910C"}) {
    CAPTURE(std::string(name));
    CHECK(ChipDatabase::bundled().find(name).has_value());
  }
  CHECK(ChipDatabase::bundled().find("H100").value()->id == "h100-sxm");
}

TEST_CASE("an unknown name gets suggestions") {
  const auto missing = ChipDatabase::bundled().find("h2O");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == errc::unknown_chip);
  CHECK(missing.error().detail.find("h20") != std::string::npos);
}

TEST_CASE("every bundled figure carries a source URL and a confidence") {
  for (const auto& chip : ChipDatabase::bundled().chips()) {
    CHECK_FALSE(chip->sources.empty());
    if (chip->kind != ChipKind::memory)
      check_provenance(*chip, chip->datacenter.provenance, "datacenter");
    for (const ProcessingUnit& unit : chip->processing_units) {
      for (const Throughput& figure : unit.throughput) {
        check_provenance(*chip, figure.provenance, "throughput " + to_string(figure.precision));
      }
    }
    for (const Die& die : chip->dies) {
      if (die.area_mm2) check_provenance(*chip, die.area_mm2->provenance, "die " + die.name);
    }
    if (chip->io_bidirectional_gbps)
      check_provenance(*chip, chip->io_bidirectional_gbps->provenance, "io");
    if (chip->memory && chip->memory->bandwidth_gbps) {
      check_provenance(*chip, chip->memory->bandwidth_gbps->provenance, "memory bandwidth");
    }
    if (chip->memory && chip->memory->capacity_gb) {
      check_provenance(*chip, chip->memory->capacity_gb->provenance, "memory capacity");
    }
    if (chip->transistors_billion)
      check_provenance(*chip, chip->transistors_billion->provenance, "transistors");
    if (chip->power_w) check_provenance(*chip, chip->power_w->provenance, "power");
    CHECK(evaluate(chip).has_value());
  }
}

TEST_CASE("a lookup that reads one file gives the chip the whole database gives") {
  const ChipDatabase& db = ChipDatabase::bundled();
  std::size_t names = 0;
  for (const auto& chip : db.chips()) {
    std::vector<std::string> all{chip->id};
    all.insert(all.end(), chip->aliases.begin(), chip->aliases.end());
    for (const std::string& name : all) {
      CAPTURE(name);
      const auto lazy = ChipDatabase::find_bundled(name);
      REQUIRE(lazy.has_value());
      CHECK(write_spec_json(**lazy) == write_spec_json(*chip));
      ++names;
    }
  }
  CHECK(names > db.chips().size());
  // What it does not index goes through the database: the same answers and errors.
  for (const char* name : {"NVIDIA H20", "a80", "no such chip"}) {
    const auto lazy = ChipDatabase::find_bundled(name);
    const auto full = db.find_shared(name);
    REQUIRE(lazy.has_value() == full.has_value());
    if (!full) CHECK(lazy.error().message() == full.error().message());
    if (full) CHECK((*lazy)->id == (*full)->id);
  }
}
