// The lean JSON Lines path: simdjson on-demand over one record at a time, straight into the
// batch columns. It takes the plain subset of the chips/ format (numbers, not provenance
// objects); on anything else, or anything it would reject, the record goes to the single-chip
// reader, whose answer (or error) is the reference.
#include <simdjson.h>

#include <bitset>

#include "batch/catalog_internal.hpp"
#include "tpp/data/io.hpp"

namespace tpp::detail {
namespace {

using simdjson::ondemand::json_type;
using simdjson::ondemand::value;

// Plain numbers only; anything else sends the record to the single path.
struct Lean {
  bool ok = true;
  void fail() { ok = false; }
};

// The JSON number grammar, exactly: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?. simdjson's
// on-demand parser lets some invalid tokens through (814., 007); the single path refuses them,
// so the lean path must not classify them.
bool is_json_number(std::string_view raw) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < raw.size() && raw[i] >= '0' && raw[i] <= '9')
      ++i;
    return i - from;
  };
  if (i < raw.size() && raw[i] == '-') ++i;
  if (i < raw.size() && raw[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < raw.size() && raw[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < raw.size() && (raw[i] == 'e' || raw[i] == 'E')) {
    ++i;
    if (i < raw.size() && (raw[i] == '+' || raw[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == raw.size();
}

std::optional<Decimal> number(value v) {
  json_type type;
  if (v.type().get(type) || type != json_type::number) return std::nullopt;
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() &&
         (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n')) {
    raw.remove_suffix(1);
  }
  if (!is_json_number(raw)) return std::nullopt;
  auto parsed = parse_decimal(raw);
  if (!parsed) return std::nullopt;
  return *parsed;
}

std::optional<std::int64_t> whole(value v) {
  std::int64_t out = 0;
  if (v.get_int64().get(out)) return std::nullopt;
  return out;
}

std::optional<bool> boolean(value v) {
  bool out = false;
  if (v.get_bool().get(out)) return std::nullopt;
  return out;
}

bool string_into(value v, std::string& arena, std::size_t& offset, std::size_t& size) {
  std::string_view text;
  if (v.get_string().get(text)) return false;
  offset = arena.size();
  size = text.size();
  arena.append(text);
  return true;
}

bool is_string(value v) {
  std::string_view text;
  return !v.get_string().get(text);
}

bool in_range(Decimal value, Decimal max, bool positive) {
  return (positive ? value.units() > 0 : !value.is_negative()) && value <= max;
}

struct LeanSpec {
  std::size_t id_offset = 0, id_size = 0, name_offset = 0, name_size = 0;
  Decimal tpp;
  std::int64_t area = kUnknown;
  std::int64_t io = kUnknown;
  bool datacenter = true;
};

// TPP of one processing unit (count x the best precision), or nothing.
std::optional<Decimal> unit_tpp(value unit, int tf32_bits, bool& any_throughput) {
  simdjson::ondemand::object object;
  if (unit.get_object().get(object)) return std::nullopt;
  std::int64_t count = 1;
  bool has_throughput = false;
  Decimal best;
  std::bitset<80> seen;  // precisions seen (formats, and 16 + bits for custom)
  std::uint8_t keys = 0;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return std::nullopt;
    value v = field.value();
    if (key == "name") {
      if ((keys & 1) || !is_string(v)) return std::nullopt;
      keys |= 1;
    } else if (key == "count") {
      const auto c = whole(v);
      if ((keys & 2) || !c || *c < 1 || *c > kMaxCount) return std::nullopt;
      keys |= 2;
      count = *c;
    } else if (key == "throughput") {
      if (keys & 4) return std::nullopt;
      keys |= 4;
      has_throughput = true;
      simdjson::ondemand::array rows;
      if (v.get_array().get(rows)) return std::nullopt;
      for (auto item : rows) {
        simdjson::ondemand::object row;
        if (item.get_object().get(row)) return std::nullopt;
        std::optional<Precision> precision;
        std::optional<Decimal> tops;
        bool sparse = false;
        std::uint8_t row_keys = 0;
        for (auto rf : row) {
          std::string_view rk;
          if (rf.unescaped_key().get(rk)) return std::nullopt;
          value rv = rf.value();
          if (rk == "precision") {
            std::string_view text;
            if ((row_keys & 1) || rv.get_string().get(text)) return std::nullopt;
            auto p = parse_precision(text);
            if (!p) return std::nullopt;
            precision = *p;
            row_keys |= 1;
          } else if (rk == "tops") {
            if (row_keys & 2) return std::nullopt;
            tops = number(rv);
            if (!tops || !in_range(*tops, kMaxTops, true)) return std::nullopt;
            row_keys |= 2;
          } else if (rk == "sparse") {
            const auto b = boolean(rv);
            if ((row_keys & 4) || !b) return std::nullopt;
            sparse = *b;
            row_keys |= 4;
          } else {
            return std::nullopt;  // provenance or unknown: the single path decides
          }
        }
        if (!precision || !tops) return std::nullopt;
        const std::size_t slot = precision->format == Format::custom
                                     ? 16 + precision->custom_bits
                                     : static_cast<std::size_t>(precision->format);
        if (seen[slot]) return std::nullopt;
        seen[slot] = true;
        const Decimal dense = sparse ? half(*tops) : *tops;
        const auto tpp = checked_mul(dense, bit_length(*precision, tf32_bits));
        if (!tpp) return std::nullopt;
        if (*tpp > best) best = *tpp;
        any_throughput = true;
      }
    } else {
      return std::nullopt;
    }
  }
  if (!has_throughput) return std::nullopt;
  return checked_mul(best, count);
}

// Σ area x count over non-planar logic dies: kUnknown if one lacks an area or there are no
// dies; kNotApplicable if none is a non-planar logic die; nothing if the record is not plain.
std::optional<std::int64_t> applicable_area(value dies) {
  simdjson::ondemand::array list;
  if (dies.get_array().get(list)) return std::nullopt;
  bool any = false;
  bool any_applicable = false;
  bool unknown = false;
  Decimal total;
  for (auto item : list) {
    any = true;
    simdjson::ondemand::object die;
    if (item.get_object().get(die)) return std::nullopt;
    std::int64_t count = 1;
    std::optional<Decimal> area;
    bool logic = true;
    bool non_planar = true;
    std::uint8_t keys = 0;
    for (auto field : die) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return std::nullopt;
      value v = field.value();
      std::uint8_t bit = 0;
      if (key == "name" || key == "process_node") {
        bit = key == "name" ? 1 : 2;
        if (!is_string(v)) return std::nullopt;
      } else if (key == "count") {
        bit = 4;
        const auto c = whole(v);
        if (!c || *c < 1 || *c > kMaxCount) return std::nullopt;
        count = *c;
      } else if (key == "area_mm2") {
        bit = 8;
        // is_null() in its error-code form: a token such as `nan` is an error, never a throw.
        bool null_area = false;
        if (v.is_null().get(null_area)) return std::nullopt;
        if (!null_area) {
          area = number(v);
          if (!area || !in_range(*area, kMaxDieAreaMm2, true)) return std::nullopt;
        }
      } else if (key == "logic" || key == "non_planar") {
        bit = key == "logic" ? 16 : 32;
        const auto b = boolean(v);
        if (!b) return std::nullopt;
        (key == "logic" ? logic : non_planar) = *b;
      } else {
        return std::nullopt;
      }
      if (keys & bit) return std::nullopt;
      keys |= bit;
    }
    if (!logic || !non_planar) continue;
    any_applicable = true;
    if (!area) {
      unknown = true;
      continue;
    }
    const auto die_total = checked_mul(*area, count);
    const auto sum = die_total ? checked_add(total, *die_total) : std::nullopt;
    if (!sum) return std::nullopt;
    total = *sum;
  }
  if (!any || unknown) return kUnknown;
  if (!any_applicable) return kNotApplicable;
  return total.units();
}

bool plain_memory(value memory) {
  simdjson::ondemand::object object;
  if (memory.get_object().get(object)) return false;
  std::uint8_t keys = 0;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    value v = field.value();
    std::uint8_t bit = 0;
    if (key == "type") {
      bit = 1;
      if (!is_string(v)) return false;
    } else if (key == "capacity_gb" || key == "bandwidth_gbps") {
      bit = key == "capacity_gb" ? 2 : 4;
      const auto n = number(v);
      if (!n || !in_range(*n, kMaxBandwidthGbps, false)) return false;
    } else if (key == "package_area_mm2") {
      bit = 8;
      const auto n = number(v);
      if (!n || !in_range(*n, kMaxDieAreaMm2, true)) return false;
    } else {
      return false;
    }
    if (keys & bit) return false;
    keys |= bit;
  }
  return true;
}

// The lean reading of one record, or nothing (the single path then decides).
std::optional<LeanSpec> lean_spec(simdjson::ondemand::document& doc, std::string& arena,
                                  int tf32_bits) {
  simdjson::ondemand::object object;
  if (doc.get_object().get(object)) return std::nullopt;
  LeanSpec out;
  std::uint32_t keys = 0;
  bool any_throughput = false;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return std::nullopt;
    value v = field.value();
    std::uint32_t bit = 0;
    if (key == "id") {
      bit = 1;
      if (!string_into(v, arena, out.id_offset, out.id_size)) return std::nullopt;
    } else if (key == "name") {
      bit = 2;
      if (!string_into(v, arena, out.name_offset, out.name_size)) return std::nullopt;
    } else if (key == "vendor" || key == "process_node" || key == "$schema") {
      bit = key == "vendor" ? 4 : (key == "process_node" ? 8 : 16);
      if (!is_string(v)) return std::nullopt;
    } else if (key == "year") {
      bit = 32;
      const auto y = whole(v);
      if (!y || *y > INT32_MAX || *y < INT32_MIN) return std::nullopt;
    } else if (key == "kind") {
      bit = 64;
      std::string_view kind;
      if (v.get_string().get(kind) || kind != "accelerator") return std::nullopt;
    } else if (key == "datacenter") {
      bit = 128;
      const auto b = boolean(v);
      if (!b) return std::nullopt;
      out.datacenter = *b;
    } else if (key == "processing_units") {
      bit = 256;
      simdjson::ondemand::array units;
      if (v.get_array().get(units)) return std::nullopt;
      for (auto unit : units) {
        value u;
        if (unit.get(u)) return std::nullopt;
        const auto tpp = unit_tpp(u, tf32_bits, any_throughput);
        if (!tpp) return std::nullopt;
        const auto sum = checked_add(out.tpp, *tpp);
        if (!sum) return std::nullopt;
        out.tpp = *sum;
      }
    } else if (key == "dies") {
      bit = 512;
      const auto area = applicable_area(v);
      if (!area) return std::nullopt;
      out.area = *area;
    } else if (key == "io_bidirectional_gbps") {
      bit = 1024;
      const auto io = number(v);
      if (!io || !in_range(*io, kMaxBandwidthGbps, false)) return std::nullopt;
      out.io = io->units();
    } else if (key == "transistors_billion") {
      bit = 2048;
      const auto t = number(v);
      if (!t || !in_range(*t, kMaxTops, false)) return std::nullopt;
    } else if (key == "memory") {
      bit = 4096;
      if (!plain_memory(v)) return std::nullopt;
    } else {
      return std::nullopt;  // aliases, sources, notes, contains ...: the single path
    }
    if (keys & bit) return std::nullopt;  // a repeated key
    keys |= bit;
  }
  if (!any_throughput) return std::nullopt;  // an error the single path words
  if (!(keys & 512)) out.area = kUnknown;    // no dies listed
  return out;
}

}  // namespace

CatalogRecord single_path_record_unguarded(std::string_view text, std::size_t line,
                                           const CatalogOptions& options);

CatalogRecord single_path_record(std::string_view text, std::size_t line,
                                 const CatalogOptions& options) {
  // Each record is its own failure domain: nothing it contains may end the run.
  try {
    return single_path_record_unguarded(text, line, options);
  } catch (const std::exception& e) {
    CatalogRecord record;
    record.line = line;
    record.error =
        Error{errc::internal, "record", "", std::string("could not be read: ") + e.what()};
    return record;
  }
}

CatalogRecord single_path_record_unguarded(std::string_view text, std::size_t line,
                                           const CatalogOptions& options) {
  auto spec = read_spec_json(text);
  if (!spec) {
    CatalogRecord record;
    record.line = line;
    record.error = spec.error();
    return record;
  }
  auto report = evaluate(*spec, options.report_options());
  if (!report) {
    CatalogRecord record;
    record.line = line;
    record.error = report.error();
    return record;
  }
  return catalog_record(*report, line);
}

void ingest_jsonl_chunk(std::string_view chunk, std::size_t first_line, ChunkWork& work,
                        simdjson::ondemand::parser& parser, const CatalogContext& context) {
  work.reset();
  std::size_t line = first_line;
  std::size_t start = 0;
  while (start < chunk.size()) {
    std::size_t end = chunk.find('\n', start);
    if (end == std::string_view::npos) end = chunk.size();
    std::string_view text = chunk.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    const std::size_t this_line = line++;
    start = end + 1;
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;

    // The chunk is padded, so simdjson may read past the record's end.
    // The chunk holds at least SIMDJSON_PADDING readable bytes past any record (the next
    // records, then the padding), which is all simdjson needs; a larger capacity would only make
    // it allocate more.
    const std::size_t capacity = text.size() + simdjson::SIMDJSON_PADDING;
    simdjson::ondemand::document doc;
    std::optional<LeanSpec> lean;
    const std::size_t arena_mark = work.arena.size();
    try {
      if (!parser.iterate(simdjson::padded_string_view(text.data(), text.size(), capacity))
               .get(doc)) {
        lean = lean_spec(doc, work.arena, context.options.tf32_bits);
        const char* after = nullptr;
        if (lean && doc.current_location().get(after) != simdjson::OUT_OF_BOUNDS) {
          lean.reset();  // content after the object: the single path words the error
        }
      }
    } catch (const std::exception&) {
      lean.reset();  // the single path reads it and words what is wrong
    }
    if (context.options.destination) lean.reset();  // the licence answer needs the single path
    if (!lean) {
      work.arena.resize(arena_mark);
      work.full.push_back(single_path_record(text, this_line, context.options));
      work.order.push_back({false, work.full.size() - 1});
      continue;
    }
    const std::size_t c = work.add_column();
    work.columns.tpp_units[c] = lean->tpp.units();
    work.columns.area_units[c] = lean->area;
    work.columns.io_units[c] = lean->io;
    work.columns.datacenter[c] = lean->datacenter ? 1 : 0;
    work.lean.push_back(
        {this_line, lean->id_offset, lean->id_size, lean->name_offset, lean->name_size, c});
    work.order.push_back({true, work.lean.size() - 1});
  }
}

void process_jsonl_chunk(std::string_view chunk, std::size_t first_line, ChunkWork& work,
                         simdjson::ondemand::parser& parser, const CatalogContext& context,
                         ChunkResult& result) {
  ingest_jsonl_chunk(chunk, first_line, work, parser, context);
  finish_chunk(work, context, result);
}

}  // namespace tpp::detail
