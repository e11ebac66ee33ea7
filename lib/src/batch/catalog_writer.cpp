// Writing catalog results, JSON Lines or CSV, without an allocation per record.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "batch/catalog_internal.hpp"
#include "core/text.hpp"
#include "core/text_escape.hpp"

namespace tpp::detail {
namespace {

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  // Most names need no escaping: copy runs of plain bytes at once; invalid UTF-8 becomes
  // U+FFFD so that every output line is valid JSON text.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(text, i);
      if (n != 0) {
        i += n - 1;
        continue;
      }
      out.append(text.substr(run, i - run));
      out += "\\ufffd";
      run = i + 1;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
        out += buffer;
      }
    }
  }
  out.append(text.substr(run));
  out.push_back('"');
}

void append_integer(std::string& out, std::size_t value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

// units / 10^digits (scale = 10^digits) exactly, trailing zeros trimmed; at most 22 bytes.
char* write_scaled(char* p, std::int64_t units, std::int64_t scale, int digits) {
  if (units < 0) {
    *p++ = '-';
    units = -units;
  }
  p = std::to_chars(p, p + 20, units / scale).ptr;
  std::int64_t fraction = units % scale;
  if (fraction == 0) return p;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  *p++ = '.';
  char buffer[20];
  const char* end = std::to_chars(buffer, buffer + sizeof buffer, fraction).ptr;
  for (int pad = digits - static_cast<int>(end - buffer); pad > 0; --pad)
    *p++ = '0';
  return std::copy(static_cast<const char*>(buffer), end, p);
}

// The exact decimal, trailing zeros trimmed.
void append_decimal(std::string& out, Decimal value) {
  char buffer[32];
  out.append(buffer,
             write_scaled(buffer, value.units(), Decimal::kScale, Decimal::kFractionDigits));
}

// Rounded to 6 decimals, in the shortest form that reads back the same.
void append_rounded(std::string& out, double value) {
  const double rounded = std::round(value * 1e6) / 1e6;
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, rounded);
  out.append(buffer, end);
}

void append_list(std::string& out, const std::vector<std::string>& items) {
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_json_string(out, items[i]);
  }
  out.push_back(']');
}

void append_json_string_or_null(std::string& out, std::string_view text) {
  if (text.empty()) {
    out += "null";
  } else {
    append_json_string(out, text);
  }
}

// Each field is written with its separator in front (`,"key":value` or `,value`); the record
// number goes first (RecordNumbers), so a row is the fields after it and its end.
class FieldOut {
 public:
  FieldOut(std::string& out, const CatalogContext& context)
      : out_(out), fields_(context.fields), csv_(context.options.output == CatalogOutput::csv) {}
  // Starts `f` and says whether it is written.
  bool open(CatalogField f) {
    if (!fields_.has(f)) return false;
    out_.push_back(',');
    if (!csv_) {
      out_.push_back('"');
      out_ += to_string(f);
      out_ += "\":";
    }
    return true;
  }
  bool csv() const { return csv_; }
  std::string& out() { return out_; }
  void text(CatalogField f, std::string_view value) {
    if (!open(f)) return;
    if (csv_) {
      append_csv_field(out_, value);
    } else {
      append_json_string(out_, value);
    }
  }
  // An absent text: empty in CSV, null in JSON.
  void text_or_null(CatalogField f, std::string_view value) {
    if (!open(f)) return;
    if (csv_) {
      append_csv_field(out_, value);
    } else {
      append_json_string_or_null(out_, value);
    }
  }
  // A word that needs no escaping.
  void word(CatalogField f, std::string_view value) {
    if (!open(f)) return;
    if (csv_) {
      out_ += value;
    } else {
      out_.push_back('"');
      out_ += value;
      out_.push_back('"');
    }
  }
  void list(CatalogField f, const std::vector<std::string>& items, std::string_view csv_separator) {
    if (!open(f)) return;
    if (csv_) {
      append_csv_field(out_, join(items, csv_separator));
    } else {
      append_list(out_, items);
    }
  }
  void boolean(CatalogField f, bool value) {
    if (open(f)) out_ += value ? "true" : "false";
  }
  void decimal(CatalogField f, Decimal value) {
    if (open(f)) append_decimal(out_, value);
  }
  void rounded_or_null(CatalogField f, std::optional<double> value) {
    if (!open(f)) return;
    if (value) {
      append_rounded(out_, *value);
    } else if (!csv_) {
      out_ += "null";
    }
  }

 private:
  std::string& out_;
  CatalogFields fields_;
  bool csv_;
};

// The fields that depend only on the classification outcome (and the regime): eccn .. basis.
// Written per record on the single path and once per outcome for the lean path's tails.
void write_outcome(FieldOut& w, const BatchOutcome& o, std::string_view regime, Basis basis) {
  using F = CatalogField;
  w.text_or_null(F::eccn, o.eccn);
  w.text_or_null(F::paragraph, o.paragraph);
  w.list(F::paragraphs, o.paragraphs, ";");
  w.list(F::possible_paragraphs, o.possible_paragraphs, ";");
  w.word(F::status, to_string(o.status));
  w.list(F::missing_inputs, o.missing_inputs, ";");
  w.list(F::licence_exceptions, o.licence_exceptions, ";");
  w.text_or_null(F::regime, regime);
  w.word(F::basis, to_string(basis));
}

struct RowView {
  std::size_t line;
  std::string_view id;
  std::string_view name;
  const Error* error;
  Decimal tpp;
  DensityState density_state;
  double density;
  double h100_equivalents;
  bool datacenter;
  const BatchOutcome* outcome;
  Basis basis;
  std::string_view kind;
  std::string_view regime;
  const CatalogRecord* record;  ///< a full record: the Epoch comparison, the licence answer
};

// How many fields of `fields` a row has (the CSV header's width without record and error).
std::size_t field_count(CatalogFields fields) {
  return catalog_field_list(fields).size();
}

void write_row(const RowView& row, const CatalogContext& context, std::string& out) {
  using F = CatalogField;
  FieldOut w(out, context);
  const bool csv = w.csv();
  if (w.open(F::line)) append_integer(out, row.line);
  w.text(F::file, context.file);
  if (row.error != nullptr) {
    if (csv) {
      // Every row is the header's width: the fields after line and file empty, then the error.
      const CatalogFields fields = context.fields;
      const std::size_t written = (fields.has(F::line) ? 1 : 0) + (fields.has(F::file) ? 1 : 0);
      out.append(field_count(fields) - written, ',');
      out.push_back(',');
      append_csv_field(out, row.error->message());
      out += '\n';
      return;
    }
    out += ",\"error\":{\"code\":";
    append_json_string(out, to_string(row.error->code));
    out += ",\"field\":";
    append_json_string(out, row.error->field);
    out += ",\"value\":";
    append_json_string(out, row.error->value);
    out += ",\"reason\":";
    append_json_string(out, row.error->detail);
    out += "}}\n";
    return;
  }
  w.text(F::id, row.id);
  w.text(F::name, row.name);
  w.word(F::kind, row.kind);
  w.decimal(F::tpp, row.tpp);
  w.rounded_or_null(F::performance_density, row.density_state == DensityState::known
                                                ? std::optional<double>(row.density)
                                                : std::nullopt);
  w.word(F::density_status, to_string(row.density_state));
  w.rounded_or_null(F::h100_equivalents, row.h100_equivalents);
  w.boolean(F::datacenter, row.datacenter);
  write_outcome(w, *row.outcome, row.regime, row.basis);
  const CatalogRecord* record = row.record;
  const bool epoch = record != nullptr && record->epoch_tpp;
  if (epoch || csv) {
    w.rounded_or_null(F::epoch_tpp, epoch ? record->epoch_tpp : std::nullopt);
    w.text(F::differs_because, epoch ? std::string_view(record->differs_because) : "");
  }
  const LicenceSummary* l = record != nullptr && record->licence ? &*record->licence : nullptr;
  if (context.options.destination && (l != nullptr || csv)) {
    w.text(F::destination, *context.options.destination);
    if (csv) {
      w.text(F::licence, l != nullptr ? std::string_view(l->state) : "");
      w.text(F::licence_basis, l != nullptr ? std::string_view(l->basis) : "");
      w.text(F::review_policy, l != nullptr ? std::string_view(l->review_policy) : "");
      std::string needs;
      if (l != nullptr) {
        for (const std::string& m : l->missing_inputs)
          needs += (needs.empty() ? "" : "; ") + m;
      }
      w.text(F::licence_needs, needs);
    } else {
      // Absent as null, as in `tpp fleet --json` and `tpp show --json`.
      w.text(F::licence, l->state);
      w.text_or_null(F::licence_basis, l->basis);
      w.text_or_null(F::review_policy, l->review_policy);
      w.list(F::licence_needs, l->missing_inputs, "; ");
    }
  }
  out += csv ? ",\n" : "}\n";
}

// Writes into memory reserved up front (no capacity check per byte).
class RawWriter {
 public:
  explicit RawWriter(char* at) : p_(at) {}
  char* end() const { return p_; }
  void put(char c) { *p_++ = c; }
  void put(std::string_view text) {
    std::memcpy(p_, text.data(), text.size());
    p_ += text.size();
  }
  void integer(std::size_t value) { p_ = std::to_chars(p_, p_ + 24, value).ptr; }
  void decimal(Decimal value) {
    p_ = write_scaled(p_, value.units(), Decimal::kScale, Decimal::kFractionDigits);
  }
  // The shortest form of round(value x 10^6) / 10^6, as append_rounded writes it, in integer
  // arithmetic (the decimal n / 10^6 is what that double prints as, for |n| < 2^53).
  void rounded(double value) {
    const double scaled = std::round(value * 1e6);
    if (!(std::abs(scaled) < 9e15)) {
      p_ = std::to_chars(p_, p_ + 32, scaled / 1e6).ptr;
      return;
    }
    p_ = write_scaled(p_, static_cast<std::int64_t>(scaled), 1'000'000, 6);
  }
  // At most 6 bytes per input byte. Text beyond ASCII goes through the full writer, so both
  // paths write the same bytes (invalid UTF-8 as U+FFFD: every line stays valid JSON).
  void json_string(std::string_view text) {
    if (!ascii(text)) {
      std::string full;
      append_json_string(full, text);
      put(full);
      return;
    }
    put('"');
    for (const char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (u >= 0x20 && c != '"' && c != '\\') {
        *p_++ = c;
        continue;
      }
      switch (c) {
        case '"': put("\\\""); break;
        case '\\': put("\\\\"); break;
        case '\n': put("\\n"); break;
        case '\r': put("\\r"); break;
        case '\t': put("\\t"); break;
        default: p_ += std::snprintf(p_, 7, "\\u%04x", u);
      }
    }
    put('"');
  }
  // At most 3 bytes per input byte, plus 2 (U+FFFD for an invalid byte or a control character,
  // as the full writer does).
  void csv_field(std::string_view text) {
    if (!plain_or_special(text)) {
      std::string full;
      append_csv_field(full, text);
      put(full);
      return;
    }
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
      put(text);
      return;
    }
    put('"');
    for (const char c : text) {
      if (c == '"') put('"');
      put(c);
    }
    put('"');
  }

 private:
  static bool ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  }
  // Printable ASCII, or the characters CSV quotes (comma, quote, line breaks).
  static bool plain_or_special(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char ch) {
      const auto c = static_cast<unsigned char>(ch);
      return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r';
    });
  }

  char* p_;
};

}  // namespace

void prepare_tails(CatalogContext& context) {
  using F = CatalogField;
  context.tails.clear();
  const bool csv = context.options.output == CatalogOutput::csv;
  for (std::size_t i = 0; i < context.classifier.outcome_count(); ++i) {
    const BatchOutcome& o = context.classifier.outcome(static_cast<std::uint16_t>(i));
    std::string tail;
    FieldOut w(tail, context);
    write_outcome(w, o, context.regime, Basis::sourced);
    if (csv) {
      // A lean record has no Epoch comparison and no licence answer (a destination sends every
      // record down the single path): those columns stay empty, then the empty error.
      for (const F f : {F::epoch_tpp, F::differs_because, F::destination, F::licence,
                        F::licence_basis, F::review_policy, F::licence_needs}) {
        if (context.fields.has(f)) tail.push_back(',');
      }
      tail += ",\n";
    } else {
      tail += "}\n";
    }
    context.tails.push_back(std::move(tail));
  }
}

std::string catalog_csv_header(const CatalogContext& context) {
  std::string header = "record";
  for (const CatalogField f : catalog_field_list(context.fields)) {
    header += ',';
    header += to_string(f);
  }
  return header + ",error\n";
}

void write_record(const CatalogRecord& record, const CatalogContext& context, std::string& out) {
  const std::string regime = record.regime ? to_string(*record.regime) : std::string();
  const RowView row{record.line,
                    record.id,
                    record.name,
                    record.error ? &*record.error : nullptr,
                    record.tpp,
                    record.density_state,
                    record.density,
                    record.h100_equivalents,
                    record.datacenter,
                    &record.result(),
                    record.basis,
                    record.kind,
                    regime,
                    &record};
  write_row(row, context, out);
}

std::size_t ChunkWork::add_column() {
  if (used == columns.rows()) {
    columns.resize(std::max<std::size_t>(1024, used * 2));  // keeps the rows so far
  }
  return used++;
}

void finish_chunk(ChunkWork& work, const CatalogContext& context, ChunkResult& result) {
  // The kernel over the used rows.
  if (work.used > 0) {
    work.outcomes.resize(work.used);
    const Result<std::size_t> ran =
        context.classifier.classify(BatchColumnsView(work.columns).first(work.used), work.outcomes);
    // The lean readers only make values in range; anything else is a bug, and fails the run.
    if (!ran) throw std::logic_error("batch kernel: " + ran.error().message());
  }
  std::string& out = result.output;
  for (const OutputRow& item : work.order) {
    ++result.records;
    result.row_starts.push_back(out.size());
    if (!item.lean) {
      const CatalogRecord& record = work.full[item.index];
      if (record.error) {
        ++result.failed;
        if (result.first_errors.size() < 10) {
          // Some readers name the line in the field already; say it once.
          const std::string message = record.error->message();
          result.first_errors.push_back(message.starts_with("line ")
                                            ? message
                                            : "line " + std::to_string(record.line) + ": " +
                                                  message);
        }
      }
      write_record(record, context, out);
      continue;
    }
    ++result.lean;
    const LeanRow& lean = work.lean[item.index];
    const std::size_t c = lean.column;
    const std::int64_t area = work.columns.area_units[c];
    const Decimal tpp = Decimal::from_units(work.columns.tpp_units[c]);
    const std::string_view id = std::string_view(work.arena).substr(lean.id_offset, lean.id_size);
    const std::string_view name =
        std::string_view(work.arena).substr(lean.name_offset, lean.name_size);
    const std::string& tail = context.tails[work.outcomes[static_cast<std::size_t>(c)]];
    const DensityState state =
        area > 0 ? DensityState::known
                 : (area == kUnknown ? DensityState::unknown : DensityState::not_applicable);
    const std::size_t bound =
        320 + 6 * (id.size() + name.size() + context.file.size()) + tail.size();
    const std::size_t old_size = out.size();
    const CatalogFields fields = context.fields;
    out.resize_and_overwrite(old_size + bound, [&](char* data, std::size_t) {
      using F = CatalogField;
      RawWriter w(data + old_size);
      const bool csv = context.options.output == CatalogOutput::csv;
      // Starts field `f` as FieldOut::open does.
      const auto open = [&](F f, std::string_view json_key) {
        if (!fields.has(f)) return false;
        w.put(csv ? std::string_view(",") : json_key);
        return true;
      };
      if (open(F::line, ",\"line\":")) w.integer(lean.line);
      if (open(F::file, ",\"file\":"))
        csv ? w.csv_field(context.file) : w.json_string(context.file);
      if (open(F::id, ",\"id\":")) csv ? w.csv_field(id) : w.json_string(id);
      if (open(F::name, ",\"name\":")) csv ? w.csv_field(name) : w.json_string(name);
      if (open(F::kind, ",\"kind\":")) w.put(csv ? "accelerator" : "\"accelerator\"");
      if (open(F::tpp, ",\"tpp\":")) w.decimal(tpp);
      if (open(F::performance_density, ",\"performance_density\":")) {
        if (state == DensityState::known) {
          w.rounded(tpp.to_double() / Decimal::from_units(area).to_double());
        } else if (!csv) {
          w.put("null");
        }
      }
      if (open(F::density_status, ",\"density_status\":")) {
        if (!csv) w.put('"');
        w.put(to_string(state));
        if (!csv) w.put('"');
      }
      if (open(F::h100_equivalents, ",\"h100_equivalents\":")) {
        w.rounded(tpp.to_double() / context.h100_tpp);
      }
      if (open(F::datacenter, ",\"datacenter\":")) {
        w.put(work.columns.datacenter[c] != 0 ? "true" : "false");
      }
      w.put(tail);
      return static_cast<std::size_t>(w.end() - data);
    });
  }
}

void RecordNumbers::write(std::ostream& out, std::string_view rows,
                          const std::vector<std::size_t>& starts) {
  buffer_.clear();
  buffer_.reserve(rows.size() + starts.size() * 14);
  char number[24];
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : rows.size();
    const std::string_view row = rows.substr(starts[i], end - starts[i]);
    const char* digits_end = std::to_chars(number, number + sizeof number, next_++).ptr;
    const std::string_view digits(number, static_cast<std::size_t>(digits_end - number));
    if (!csv_) buffer_ += "{\"record\":";
    buffer_ += digits;
    buffer_ += row;
  }
  out.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

}  // namespace tpp::detail
