// CSV catalogs: the flat layout (lean path, checked against the single path on any doubt) and
// Epoch AI's ML-hardware CSV (always the single path: it is small, and each row needs notes).
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <spanstream>

#include "batch/catalog_internal.hpp"
#include "tpp/data/csv.hpp"

namespace tpp::detail {
namespace {

constexpr std::string_view kPrecisionColumns[] = {"fp64",  "fp32", "tf32", "int32", "fp16", "bf16",
                                                  "int16", "fp8",  "int8", "fp6",   "fp4",  "int4"};

bool truthy(std::string_view text, bool& out) {
  if (text == "true" || text == "1" || text == "yes" || text == "TRUE" || text == "True") {
    out = true;
    return true;
  }
  if (text == "false" || text == "0" || text == "no" || text == "FALSE" || text == "False") {
    out = false;
    return true;
  }
  return false;
}

}  // namespace

Result<FlatColumns> flat_columns(const std::vector<std::string_view>& fields) {
  FlatColumns out;
  const CsvHeader header(fields);
  if (const std::string* twice = header.duplicate()) {
    return fail(errc::invalid_argument, "line 1", *twice,
                "the column appears twice: which one counts would be a guess");
  }
  out.header = header.names();
  for (std::size_t i = 0; i < header.names().size(); ++i) {
    const std::string& name = header.names()[i];
    const int c = static_cast<int>(i);
    if (name == "id")
      out.id = c;
    else if (name == "name")
      out.name = c;
    else if (name == "datacenter")
      out.datacenter = c;
    else if (name == "die_area_mm2")
      out.area = c;
    else if (name == "non_planar")
      out.non_planar = c;
    else if (name == "io_bidirectional_gbps")
      out.io = c;
    else if (name == "memory_bandwidth_gbps")
      out.memory = c;
    else if (auto p = parse_precision(name);
             p && std::find(std::begin(kPrecisionColumns), std::end(kPrecisionColumns), name) !=
                      std::end(kPrecisionColumns)) {
      out.precisions.emplace_back(c, *p);
    } else {
      return fail(errc::unknown_field, "line 1", name,
                  "unknown column (flat layout: id, name, datacenter, fp64 fp32 tf32 int32 fp16 "
                  "bf16 int16 fp8 int8 fp6 fp4 int4, die_area_mm2, non_planar, "
                  "io_bidirectional_gbps, memory_bandwidth_gbps)");
    }
  }
  if (out.precisions.empty()) {
    return fail(errc::missing_field, "line 1", "",
                "the header has no precision column (fp8, bf16, ...)");
  }
  return out;
}

}  // namespace tpp::detail

namespace tpp {

Result<ChipSpec> spec_from_flat_csv(const std::vector<std::string>& header,
                                    const std::vector<std::string_view>& row, std::size_t line) {
  std::vector<std::string_view> names(header.begin(), header.end());
  auto columns = detail::flat_columns(names);
  if (!columns) return tpp::unexpected(columns.error());
  const auto cell = [&](int c) {
    return c >= 0 && static_cast<std::size_t>(c) < row.size()
               ? trim(row[static_cast<std::size_t>(c)])
               : std::string_view();
  };
  const auto field = [&](std::string_view column) {
    return fmt::format("line {}: {}", line, column);
  };
  ChipSpec spec;
  spec.id = std::string(cell(columns->id));
  spec.name = std::string(cell(columns->name));
  if (row.size() > header.size()) {
    return fail(errc::invalid_argument, field("row"), std::to_string(row.size()) + " fields",
                fmt::format("the header has {} columns", header.size()));
  }
  if (const auto dc = cell(columns->datacenter); !dc.empty()) {
    if (!detail::truthy(dc, spec.datacenter.value)) {
      return fail(errc::invalid_argument, field("datacenter"), std::string(dc),
                  "expected true or false");
    }
  }
  ProcessingUnit unit;
  for (const auto& [c, precision] : columns->precisions) {
    const auto text = cell(c);
    if (text.empty()) continue;
    auto tops = parse_decimal(text, field(columns->header[static_cast<std::size_t>(c)]));
    if (!tops) return tpp::unexpected(tops.error());
    unit.throughput.push_back(Throughput{precision, *tops, false, {}});
  }
  if (!unit.throughput.empty()) spec.processing_units.push_back(std::move(unit));
  if (const auto area = cell(columns->area); !area.empty()) {
    auto value = parse_decimal(area, field("die_area_mm2"));
    if (!value) return tpp::unexpected(value.error());
    Die die;
    die.area_mm2 = Figure{*value, {}};
    if (const auto np = cell(columns->non_planar);
        !np.empty() && !detail::truthy(np, die.non_planar)) {
      return fail(errc::invalid_argument, field("non_planar"), std::string(np),
                  "expected true or false");
    }
    spec.dies.push_back(std::move(die));
  }
  if (const auto io = cell(columns->io); !io.empty()) {
    auto value = parse_decimal(io, field("io_bidirectional_gbps"));
    if (!value) return tpp::unexpected(value.error());
    spec.io_bidirectional_gbps = Figure{*value, {}};
  }
  if (const auto bw = cell(columns->memory); !bw.empty()) {
    auto value = parse_decimal(bw, field("memory_bandwidth_gbps"));
    if (!value) return tpp::unexpected(value.error());
    spec.memory = Memory{};
    spec.memory->bandwidth_gbps = Figure{*value, {}};
  }
  if (auto ok = validate(spec); !ok) {
    Error error = ok.error();
    // Name the CSV column rather than the spec path.
    if (error.field.starts_with("processing_units")) {
      error.field = field(error.code == errc::no_throughput ? "throughput" : "precision columns");
    } else if (error.field.starts_with("dies")) {
      error.field = field("die_area_mm2");
    } else {
      error.field = field(error.field);
    }
    return tpp::unexpected(std::move(error));
  }
  return spec;
}

}  // namespace tpp

namespace tpp::detail {

// The flat layout's lean path for one chunk of whole records.
void ingest_flat_csv_chunk(std::string_view chunk, std::size_t first_line,
                           const FlatColumns& columns, ChunkWork& work,
                           const CatalogContext& context) {
  work.reset();
  std::ispanstream in(std::span<const char>(chunk.data(), chunk.size()));
  CsvReader reader(in, std::max<std::size_t>(chunk.size() + 1, 4096), first_line);
  std::vector<std::string_view> fields;
  const std::size_t width = columns.header.size();
  for (;;) {
    auto got = reader.next(fields);
    const std::size_t line = reader.line();
    if (!got) {
      // A broken record is reported and reading goes on after it (CsvReader resumes).
      CatalogRecord record;
      record.line = line;
      record.error = got.error();
      record.error->field = "line " + std::to_string(line);
      work.full.push_back(std::move(record));
      work.order.push_back({false, work.full.size() - 1});
      if (got.error().code == errc::io_error) break;
      continue;
    }
    if (!*got) break;
    // Lean: every cell parses and is in range; else the single path words the result.
    // The licence answer needs the single path (letters, review windows, every input).
    bool lean = fields.size() <= width && !context.options.destination;
    Decimal best;
    bool any = false;
    const auto cell = [&](int c) {
      return c >= 0 && static_cast<std::size_t>(c) < fields.size()
                 ? trim(fields[static_cast<std::size_t>(c)])
                 : std::string_view();
    };
    for (const auto& [c, precision] : columns.precisions) {
      if (!lean) break;
      const auto text = cell(c);
      if (text.empty()) continue;
      auto tops = parse_decimal(text);
      if (!tops || tops->units() <= 0 || *tops > kMaxTops) {
        lean = false;
        break;
      }
      const auto tpp = checked_mul(*tops, bit_length(precision, context.options.tf32_bits));
      if (!tpp) {
        lean = false;
        break;
      }
      best = std::max(best, *tpp);
      any = true;
    }
    std::int64_t area = kUnknown;
    std::int64_t io = kUnknown;
    bool datacenter = true;
    if (lean && any) {
      if (const auto text = cell(columns.area); !text.empty()) {
        auto value = parse_decimal(text);
        bool non_planar = true;
        const auto np = cell(columns.non_planar);
        lean = value && value->units() > 0 && *value <= kMaxDieAreaMm2 &&
               (np.empty() || truthy(np, non_planar));
        if (lean) area = non_planar ? value->units() : kNotApplicable;
      }
      if (const auto text = cell(columns.io); lean && !text.empty()) {
        auto value = parse_decimal(text);
        lean = value && !value->is_negative() && *value <= kMaxBandwidthGbps;
        if (lean) io = value->units();
      }
      if (const auto text = cell(columns.memory); lean && !text.empty()) {
        auto value = parse_decimal(text);
        lean = value && !value->is_negative() && *value <= kMaxBandwidthGbps;
      }
      if (const auto text = cell(columns.datacenter); lean && !text.empty())
        lean = truthy(text, datacenter);
    }
    if (!lean || !any) {
      CatalogRecord record;
      auto spec = spec_from_flat_csv(columns.header, fields, line);
      if (!spec) {
        record.line = line;
        record.error = spec.error();
      } else if (auto report = evaluate(*spec, context.options.report_options())) {
        record = catalog_record(*report, line);
      } else {
        record.line = line;
        record.error = report.error();
      }
      work.full.push_back(std::move(record));
      work.order.push_back({false, work.full.size() - 1});
      continue;
    }
    const std::size_t c = work.add_column();
    work.columns.tpp_units[c] = best.units();
    work.columns.area_units[c] = area;
    work.columns.io_units[c] = io;
    work.columns.datacenter[c] = datacenter ? 1 : 0;
    const auto id = cell(columns.id);
    const auto name = cell(columns.name);
    const std::size_t id_offset = work.arena.size();
    work.arena.append(id);
    const std::size_t name_offset = work.arena.size();
    work.arena.append(name);
    work.lean.push_back({line, id_offset, id.size(), name_offset, name.size(), c});
    work.order.push_back({true, work.lean.size() - 1});
  }
}

void process_flat_csv_chunk(std::string_view chunk, std::size_t first_line,
                            const FlatColumns& columns, ChunkWork& work,
                            const CatalogContext& context, ChunkResult& result) {
  ingest_flat_csv_chunk(chunk, first_line, columns, work, context);
  finish_chunk(work, context, result);
}

// --- Epoch AI's ML-hardware CSV ------------------------------------------------------------------

namespace {

// FLOP/s (or byte/s) as a decimal in units of `scale` (1e12: TOPS; 1e9: GB/s), rounded to
// 10^-6 of the unit; `rounded` is set when that changed the value (Epoch's float noise).
std::optional<Decimal> scaled(std::string_view text, double scale, bool& rounded) {
  double raw = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), raw);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(raw) || raw < 0) {
    return std::nullopt;
  }
  const double value = raw / scale;
  const double micro = std::round(value * 1e6);
  if (std::abs(micro - value * 1e6) > 1e-3) rounded = true;
  char buffer[40];
  const auto [e2, ec2] =
      std::to_chars(buffer, buffer + sizeof buffer, micro / 1e6, std::chars_format::fixed, 6);
  if (ec2 != std::errc{}) return std::nullopt;  // too large to print (1e300 FLOP/s): refused
  auto parsed = parse_decimal(std::string_view(buffer, static_cast<std::size_t>(e2 - buffer)));
  if (!parsed) return std::nullopt;
  return *parsed;
}

std::string slug(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  return out;
}

struct EpochColumn {
  std::string_view header;
  Precision precision;
};

const EpochColumn kEpochPrecisions[] = {
    {"tensor-fp16/bf16 performance (flop/s)", {Format::bf16}},
    {"fp8 performance (flop/s)", {Format::fp8}},
    {"fp4 performance (flop/s)", {Format::fp4}},
    {"fp64 (double precision) performance (flop/s)", {Format::fp64}},
    {"fp32 (single precision) performance (flop/s)", {Format::fp32}},
    {"tf32 (tensorfloat-32) performance (flop/s)", {Format::tf32}},
    {"fp16 (half precision) performance (flop/s)", {Format::fp16}},
    {"int16 performance (op/s)", {Format::int16}},
    {"int8 performance (op/s)", {Format::int8}},
    {"int4 performance (op/s)", {Format::int4}},
};

}  // namespace

bool is_epoch_header(const std::vector<std::string_view>& fields) {
  const CsvHeader header(fields);
  return header.column("hardware name") >= 0 &&
         header.column("total processing performance (bit-op/s)") >= 0;
}

// Why our TPP differs from Epoch's, from the figures themselves.
std::string epoch_difference(const ChipSpec& spec, const Report& report, double epoch_tpp,
                             const CatalogOptions& options) {
  const double ours = report.metrics.tpp.to_double();
  const auto close = [](double a, double b) {
    return std::abs(a - b) <= 0.001 * std::max(1.0, std::abs(b));
  };
  if (close(ours, epoch_tpp)) return "";
  if (options.tf32_bits == 32) {
    if (auto at19 = compute_metrics(spec, MetricOptions{19});
        at19 && close(at19->tpp.to_double(), epoch_tpp)) {
      return fmt::format("TF32 counted at 32 bits (Epoch counts 19): {} vs {}",
                         format_decimal(report.metrics.tpp, 1, true),
                         format_decimal(at19->tpp, 1, true));
    }
  }
  for (const UnitTpp& unit : report.metrics.units) {
    for (const PrecisionTpp& row : unit.by_precision) {
      if (close(row.tpp.to_double(), epoch_tpp)) {
        const PrecisionTpp& governing = unit.by_precision[unit.governing];
        return fmt::format(
            "Epoch's figure is the {} TPP ({}); tpp takes the highest precision, {} ({})",
            to_string(row.precision), format_decimal(row.tpp, 1, true),
            to_string(governing.precision), format_decimal(governing.tpp, 1, true));
      }
    }
  }
  // Epoch's TPP may rest on a throughput figure other than the one in its own column.
  for (const UnitTpp& unit : report.metrics.units) {
    const PrecisionTpp& governing = unit.by_precision[unit.governing];
    const double implied = epoch_tpp / governing.bit_length;
    if (std::abs(implied - governing.dense_tops.to_double()) <=
        0.05 * governing.dense_tops.to_double()) {
      return fmt::format(
          "Epoch's TPP implies {:.1f} {} TOPS where its own {} column lists {}: {:.1f} vs {}",
          implied, to_string(governing.precision), to_string(governing.precision),
          format_decimal(governing.dense_tops, 1, true), epoch_tpp,
          format_decimal(report.metrics.tpp, 1, true));
    }
  }
  return fmt::format("unexplained: Epoch {:.1f} vs tpp {}", epoch_tpp,
                     format_decimal(report.metrics.tpp, 1, true));
}

CatalogRecord epoch_record(const CsvHeader& header, const std::vector<std::string_view>& fields,
                           std::size_t line, const CatalogOptions& options) {
  const auto cell = [&](std::string_view name) {
    const int c = header.column(name);
    return c >= 0 && static_cast<std::size_t>(c) < fields.size()
               ? trim(fields[static_cast<std::size_t>(c)])
               : std::string_view();
  };
  CatalogRecord record;
  record.line = line;
  ChipSpec spec;
  spec.name = std::string(cell("hardware name"));
  spec.id = slug(spec.name);
  spec.vendor = std::string(cell("manufacturer"));
  const auto bad = [&](std::string_view column, std::string_view value) {
    record.error = Error{errc::invalid_number, fmt::format("line {}: {}", line, column),
                         std::string(value), "not a non-negative number"};
    return record;
  };
  bool rounded = false;
  ProcessingUnit unit;
  unit.name = "as listed by Epoch AI (dense)";
  for (const EpochColumn& column : kEpochPrecisions) {
    const auto text = cell(column.header);
    if (text.empty()) continue;
    const auto tops = scaled(text, 1e12, rounded);
    if (!tops) return bad(column.header, text);
    if (tops->is_zero()) continue;
    unit.throughput.push_back(Throughput{column.precision, *tops, false, {}});
  }
  if (!unit.throughput.empty()) spec.processing_units.push_back(std::move(unit));
  if (const auto area = cell("die size (mm^2)"); !area.empty()) {
    auto value = parse_decimal(area);
    if (!value) return bad("die size (mm^2)", area);
    Die die;
    die.area_mm2 = Figure{*value, {}};
    // FinFET began at 16/14 nm: larger nodes are planar. An unknown node is taken as non-planar
    // (density then applies: the conservative reading).
    if (const auto node = cell("process size (nm)"); !node.empty()) {
      double nm = 0;
      std::from_chars(node.data(), node.data() + node.size(), nm);
      die.non_planar = nm <= 16.0;
    }
    spec.dies.push_back(std::move(die));
  }
  if (const auto io = cell("intranode bandwidth (byte/s)"); !io.empty()) {
    const auto value = scaled(io, 1e9, rounded);
    if (!value) return bad("intranode bandwidth (byte/s)", io);
    spec.io_bidirectional_gbps = Figure{*value, {}};
  }
  if (const auto bw = cell("memory bandwidth (byte/s)"); !bw.empty()) {
    const auto value = scaled(bw, 1e9, rounded);
    if (!value) return bad("memory bandwidth (byte/s)", bw);
    spec.memory = Memory{};
    spec.memory->bandwidth_gbps = Figure{*value, {}};
  }
  // Epoch has no datacenter column: consumer lines are recognised by name, everything else is
  // taken as designed for datacenters (the conservative reading).
  spec.datacenter.value = spec.name.find("GeForce") == std::string::npos &&
                          spec.name.find("Radeon RX") == std::string::npos;
  auto report = evaluate(spec, options.report_options());
  if (!report) {
    record.error = report.error();
    record.error->field = fmt::format("line {}: {}", line, record.error->field);
    if (record.error->code == errc::no_throughput) {
      record.error->detail =
          "Epoch lists no compute figure for this row, so it cannot be classified";
    }
    return record;
  }
  record = catalog_record(*report, line);
  if (const auto epoch = cell("total processing performance (bit-op/s)"); !epoch.empty()) {
    double bit_ops = 0;
    const auto [end, ec] = std::from_chars(epoch.data(), epoch.data() + epoch.size(), bit_ops);
    // Only a whole, finite, non-negative number is compared (nan or inf would not be JSON).
    if (ec == std::errc{} && end == epoch.data() + epoch.size() && std::isfinite(bit_ops) &&
        bit_ops >= 0) {
      record.epoch_tpp = bit_ops / 1e12;
      record.differs_because = epoch_difference(spec, *report, *record.epoch_tpp, options);
    }
  }
  if (rounded && !record.differs_because.empty()) {
    record.differs_because += "; Epoch's figures carry float noise, rounded to 10^-6 TOPS or GB/s";
  }
  return record;
}

}  // namespace tpp::detail
