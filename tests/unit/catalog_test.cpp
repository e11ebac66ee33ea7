// The batch path gives, record for record, what the single-chip path gives.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <filesystem>
#include <sstream>

#include "../../lib/src/batch/catalog_internal.hpp"
#include "generators.hpp"
#include "test_specs.hpp"

using namespace tpp;

namespace {

// A JSONL line for a 1-bit custom format (TPP = tops) with an optional die area.
std::string line_of(std::string_view tops, std::string_view area, bool datacenter,
                    std::string_view io = {}) {
  std::string out = fmt::format(
      R"({{"id":"t","name":"edge","datacenter":{},"processing_units":[{{"throughput":[{{"precision":"1","tops":{}}}]}}])",
      datacenter ? "true" : "false", tops);
  if (!area.empty()) out += fmt::format(R"(,"dies":[{{"area_mm2":{}}}])", area);
  if (!io.empty()) out += fmt::format(R"(,"io_bidirectional_gbps":{})", io);
  return out + "}\n";
}

// Every threshold of every revision, exactly and one step (10^-6) to each side.
std::string threshold_catalog() {
  std::string text;
  for (const char* tpp : {"1600", "2400", "4800", "21000"}) {
    for (const char* step : {"-0.000001", "0", "0.000001"}) {
      const std::string value =
          to_string(*checked_add(parse_decimal(tpp).value(), parse_decimal(step).value()));
      for (const bool dc : {true, false}) {
        text += line_of(value, "1000", dc);
        text += line_of(value, "", dc, "600");
        text += line_of(value, "", dc, "599.999999");
      }
    }
  }
  // Density lines: TPP 1776 over 300 mm2 is 5.92; 1920 / 600 = 3.2; 3200 / 2000 = 1.6; and
  // the area moved by 10^-6 either way.
  for (const auto& [tpp, area] :
       {std::pair{"1776", "300"}, std::pair{"1920", "600"}, std::pair{"3200", "2000"}}) {
    for (const char* step : {"-0.000001", "0", "0.000001"}) {
      const std::string a =
          to_string(*checked_add(parse_decimal(area).value(), parse_decimal(step).value()));
      text += line_of(tpp, a, true);
      text += line_of(tpp, a, false);
    }
  }
  return text;
}

std::vector<CatalogRecord> single_path(std::string_view text, const CatalogOptions& options) {
  std::vector<CatalogRecord> out;
  std::size_t line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    const std::string_view record = text.substr(start, end - start);
    start = end + 1;
    if (record.empty()) continue;
    out.push_back(detail::single_path_record(record, line, options));
  }
  return out;
}

void check_same(const CatalogRecord& batch, const CatalogRecord& single) {
  CAPTURE(batch.line);
  CHECK(batch.line == single.line);
  REQUIRE(batch.error.has_value() == single.error.has_value());
  if (batch.error) {
    CHECK(batch.error->message() == single.error->message());
    return;
  }
  CHECK(batch.id == single.id);
  CHECK(batch.name == single.name);
  CHECK(batch.tpp == single.tpp);
  CHECK(batch.density_state == single.density_state);
  CHECK(batch.density == single.density);
  CHECK(batch.h100_equivalents == single.h100_equivalents);
  CHECK(batch.datacenter == single.datacenter);
  CHECK(batch.basis == single.basis);
  CHECK(batch.regime == single.regime);
  const BatchOutcome& a = batch.result();
  const BatchOutcome& b = single.result();
  CHECK(a.status == b.status);
  CHECK(a.eccn == b.eccn);
  CHECK(a.paragraph == b.paragraph);
  CHECK(a.paragraphs == b.paragraphs);
  CHECK(a.possible_paragraphs == b.possible_paragraphs);
  CHECK(a.missing_inputs == b.missing_inputs);
  CHECK(a.licence_exceptions == b.licence_exceptions);
}

}  // namespace

TEST_CASE("batch and single paths agree on a generated catalog and every threshold +/- 10^-6") {
  std::ostringstream generated;
  gen::write_catalog(generated, 20'000, gen::CatalogFormat::jsonl, 11);
  const std::string text = generated.str() + threshold_catalog();
  for (const char* as_of : {"2022-12-01", "2024-06-01", "2025-02-01", "2026-11-22"}) {
    CAPTURE(std::string(as_of));
    CatalogOptions options;
    options.as_of = tpp::test::date(as_of);
    const auto batch = classify_jsonl_block(text, 1, options);
    const auto single = single_path(text, options);
    REQUIRE(batch.size() == single.size());
    for (std::size_t i = 0; i < batch.size(); ++i)
      check_same(batch[i], single[i]);
    CHECK(batch.size() > 20'000);
  }
}

TEST_CASE("the kernel against classify on random metrics, including huge values and unknowns") {
  const Date as_of = tpp::test::date("2026-11-22");
  const BatchClassifier classifier(as_of);
  const std::size_t n = 50'000;
  BatchColumns columns;
  columns.resize(n);
  std::uint64_t seed = 3;
  const auto next = [&] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed >> 11;
  };
  const std::int64_t lines[] = {1600, 2400, 4800, 21000};
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = next() % 10;
    std::int64_t tpp = static_cast<std::int64_t>(next() % 30'000) * Decimal::kScale +
                       static_cast<std::int64_t>(next() % Decimal::kScale);
    if (r == 0)
      tpp = lines[next() % 4] * Decimal::kScale + static_cast<std::int64_t>(next() % 21) - 10;
    if (r == 1)
      tpp =
          static_cast<std::int64_t>(next() % 900'000'000'000'000'000ULL);  // beyond 64-bit products
    std::int64_t area = static_cast<std::int64_t>(50 + next() % 3000) * Decimal::kScale +
                        static_cast<std::int64_t>(next() % 1000) * 10;
    if (r == 2) area = kUnknown;
    if (r == 3) area = kNotApplicable;
    if (r == 4) area = tpp / 592 * 100;  // density 5.92 and near it
    if (r == 5) area = static_cast<std::int64_t>(next() % 4'000'000'000'000'000'000ULL) + 1;
    columns.tpp_units[i] = tpp;
    columns.area_units[i] = area;
    columns.io_units[i] =
        (next() % 3 == 0) ? kUnknown : static_cast<std::int64_t>(next() % 1200) * Decimal::kScale;
    columns.datacenter[i] = static_cast<std::uint8_t>(next() % 2);
  }
  std::vector<std::uint16_t> outcome(static_cast<std::size_t>(n));
  const auto rechecks = classifier.classify(columns, outcome);
  REQUIRE(rechecks.has_value());
  CHECK(*rechecks > 0);  // the 128-bit path was exercised
  ChipSpec spec = tpp::test::spec_of({{"fp8", "1"}});
  for (std::size_t i = 0; i < n; ++i) {
    Metrics metrics;
    metrics.tpp = Decimal::from_units(columns.tpp_units[i]);
    const std::int64_t area = columns.area_units[i];
    metrics.density.state =
        area > 0 ? DensityState::known
                 : (area == kUnknown ? DensityState::unknown : DensityState::not_applicable);
    if (area > 0) metrics.density.value = DecimalRatio{metrics.tpp, Decimal::from_units(area)};
    spec.datacenter.value = columns.datacenter[i] != 0;
    spec.io_bidirectional_gbps.reset();
    if (columns.io_units[i] != kUnknown)
      spec.io_bidirectional_gbps = Figure{Decimal::from_units(columns.io_units[i]), {}};
    const Classification c = classify(spec, metrics, as_of);
    const BatchOutcome& o = classifier.outcome(outcome[static_cast<std::size_t>(i)]);
    CAPTURE(i);
    CHECK(o.status == c.status);
    CHECK(o.paragraph == (c.paragraph ? std::string(*c.paragraph) : std::string()));
    CHECK(o.paragraphs.size() == c.paragraphs.size());
  }
}

TEST_CASE(
    "run_catalog: 1 and 2 threads, small chunks, give the same bytes - CSV agrees with the single "
    "path, for every --fields set") {
  std::ostringstream generated;
  gen::write_catalog(generated, 5'000, gen::CatalogFormat::jsonl, 5);
  const auto dir = std::filesystem::temp_directory_path() / "tpp-catalog-test";
  std::filesystem::create_directories(dir);
  const auto jsonl = dir / "c.jsonl";
  std::ofstream(jsonl) << generated.str();
  std::ostringstream csv_text;
  gen::write_catalog(csv_text, 3'000, gen::CatalogFormat::csv, 5);
  const auto csv = dir / "c.csv";
  std::ofstream(csv) << csv_text.str();
  for (const char* set : {"compact", "result", "full", "tpp,status,licence_exceptions,regime"}) {
    CAPTURE(set);
    CatalogOptions options;
    options.as_of = tpp::test::date("2026-11-22");
    options.chunk_bytes = 4096;
    options.fields = parse_catalog_fields(set).value();
    for (const CatalogOutput format : {CatalogOutput::jsonl, CatalogOutput::csv}) {
      options.output = format;
      std::string outputs[2];
      for (unsigned threads : {1u, 2u}) {
        options.threads = threads;
        std::ostringstream out;
        std::ostringstream err;
        auto stats = run_catalog({jsonl}, out, err, options);
        REQUIRE(stats.has_value());
        CHECK(stats->records == 5'000);
        CHECK(stats->failed > 0);
        CHECK(stats->lean > 4'500);
        outputs[threads - 1] = out.str();
      }
      CHECK(outputs[0] == outputs[1]);
    }

    // The flat CSV layout: the lean rows equal the single path's records, written the same way,
    // after the run's facts (JSON Lines) or the header (CSV).
    for (const CatalogOutput format : {CatalogOutput::jsonl, CatalogOutput::csv}) {
      options.output = format;
      std::ostringstream out;
      std::ostringstream err;
      options.threads = 2;
      REQUIRE(run_catalog({csv}, out, err, options).has_value());
      detail::CatalogContext context{options,
                                     BatchClassifier(options.as_of),
                                     "2023-11-17",
                                     h100_reference_tpp().to_double(),
                                     false,
                                     "",
                                     catalog_fields_written(options, false),
                                     {}};
      std::string rows;  // the single path's records, then numbered as run_catalog numbers them
      std::vector<std::size_t> starts;
      std::istringstream in(csv_text.str());
      CsvReader reader(in);
      std::vector<std::string_view> fields;
      REQUIRE(reader.next(fields).value());
      const std::vector<std::string> header(fields.begin(), fields.end());
      while (reader.next(fields).value()) {
        CatalogRecord record;
        auto spec = spec_from_flat_csv(header, fields, reader.line());
        if (spec) {
          record = catalog_record(*evaluate(*spec, Options{options.as_of}), reader.line());
        } else {
          record.line = reader.line();
          record.error = spec.error();
        }
        starts.push_back(rows.size());
        detail::write_record(record, context, rows);
      }
      std::ostringstream expected;
      expected << (format == CatalogOutput::csv ? detail::catalog_csv_header(context)
                                                : catalog_run_facts_json(options) + "\n");
      detail::RecordNumbers(format == CatalogOutput::csv).write(expected, rows, starts);
      CHECK(out.str() == expected.str());
      // Every row has the header's width (CSV) or is one JSON object (JSON Lines).
      if (format == CatalogOutput::jsonl) {
        std::istringstream lines(out.str());
        std::size_t n = 0;
        for (std::string line; std::getline(lines, line); ++n) {
          const auto parsed = nlohmann::json::parse(line, nullptr, false);
          REQUIRE_FALSE(parsed.is_discarded());
          CHECK((n == 0 ? parsed.contains("run") : parsed.contains("record")));
        }
        CHECK(n == 3'001);
      }
    }
  }
}

TEST_CASE("--fields: sets and lists read, unknown names refused naming them") {
  CHECK(parse_catalog_fields("result").value() == CatalogFields::result());
  CHECK(
      parse_catalog_fields("compact,h100_equivalents").value().has(CatalogField::h100_equivalents));
  CHECK(parse_catalog_fields("record,error,tpp").value() == CatalogFields().add(CatalogField::tpp));
  const auto full = catalog_field_list(parse_catalog_fields("full").value());
  CHECK(full.size() == kCatalogFieldCount);
  const auto bad = parse_catalog_fields("tpp,speed");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().field == "fields");
  CHECK(bad.error().value == "speed");
  CHECK_FALSE(parse_catalog_fields("").has_value());
  CHECK_FALSE(parse_catalog_fields("tpp,,status").has_value());
}

TEST_CASE("bad records: one error result each, naming line and field - the rest goes on") {
  const std::string text =
      "{\"id\":\"a\",\"processing_units\":[{\"throughput\":[{\"precision\":\"fp8\",\"tops\":-5}]}]}"
      "\n"
      "not json\n"
      "\n"
      "{\"id\":\"b\",\"processing_units\":[{\"throughput\":[{\"precision\":\"fp8\",\"tops\":600}]}]"
      "} trailing\n"
      "{\"id\":\"c\",\"processing_units\":[{\"throughput\":[{\"precision\":\"fp8\",\"tops\":600}]}]"
      "}\n";
  CatalogOptions options;
  options.as_of = tpp::test::date("2026-11-22");
  const auto records = classify_jsonl_block(text, 1, options);
  REQUIRE(records.size() == 4);
  CHECK(records[0].error->field == "processing_units[0].throughput[0].tops");
  CHECK(records[0].line == 1);
  CHECK(records[1].error->code == errc::invalid_json);
  CHECK(records[2].line == 4);
  CHECK(records[2].error->code == errc::invalid_json);
  CHECK(records[3].line == 5);
  CHECK_FALSE(records[3].error.has_value());
  CHECK(records[3].result().paragraph == "3A090.a.1");
}

TEST_CASE("Epoch AI's hardware CSV imports - rows without compute figures are the only errors") {
  const std::filesystem::path epoch =
      std::string(TPP_SOURCE_DIR) + "/../shared/external/epoch_ml_hardware.csv";
  if (!std::filesystem::exists(epoch)) {
    MESSAGE("skipped: " << epoch << " is absent");
    return;
  }
  CatalogOptions options;
  options.as_of = tpp::test::date("2026-11-22");
  options.fields = CatalogFields::full();
  std::ostringstream out;
  std::ostringstream err;
  const auto stats = run_catalog({epoch}, out, err, options);
  REQUIRE(stats.has_value());
  CHECK(stats->records == 170);
  CHECK(stats->failed == 2);
  const std::string text = out.str();
  CHECK(text.find("no compute figure") != std::string::npos);
  // Known differences, explained: TF32 at 32 bits for Trainium, the highest precision for MI355X.
  CHECK(text.find("\"name\":\"Amazon Trainium1\"") != std::string::npos);
  CHECK(text.find("TF32 counted at 32 bits (Epoch counts 19): 6,080 vs 3,610") !=
        std::string::npos);
  CHECK(text.find("tpp takes the highest precision, int8 (40,265.6)") != std::string::npos);
  CHECK(text.find("\"name\":\"NVIDIA H100 SXM5 80GB\",\"kind\":\"accelerator\",\"tpp\":15832") !=
        std::string::npos);
}
