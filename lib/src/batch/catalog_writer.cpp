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

// The fields that depend only on the classification outcome (and the regime), from the ECCN
// on: written per record on the single path and once per outcome for the lean path's tails.
void append_outcome_json(std::string& out, const BatchOutcome& o, std::string_view regime) {
  out += ",\"eccn\":";
  append_json_string_or_null(out, o.eccn);
  out += ",\"paragraph\":";
  append_json_string_or_null(out, o.paragraph);
  out += ",\"paragraphs\":";
  append_list(out, o.paragraphs);
  out += ",\"possible_paragraphs\":";
  append_list(out, o.possible_paragraphs);
  out += ",\"status\":\"";
  out += to_string(o.status);
  out += "\",\"missing_inputs\":";
  append_list(out, o.missing_inputs);
  out += ",\"licence_exceptions\":";
  append_list(out, o.licence_exceptions);
  out += ",\"regime\":";
  append_json_string_or_null(out, regime);
}

/// eccn,paragraph,paragraphs,status,missing_inputs,regime (no trailing comma).
void append_outcome_csv(std::string& out, const BatchOutcome& o, std::string_view regime) {
  out += o.eccn;
  out.push_back(',');
  out += o.paragraph;
  out.push_back(',');
  out += join(o.paragraphs, ";");
  out.push_back(',');
  out += to_string(o.status);
  out.push_back(',');
  append_csv_field(out, join(o.missing_inputs, ";"));
  out.push_back(',');
  out += regime;
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

void write_json(const RowView& row, const CatalogContext& context, std::string& out) {
  out += "{\"line\":";
  append_integer(out, row.line);
  if (context.with_file) {
    out += ",\"file\":";
    append_json_string(out, context.file);
  }
  if (row.error != nullptr) {
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
  out += ",\"id\":";
  append_json_string(out, row.id);
  out += ",\"name\":";
  append_json_string(out, row.name);
  out += ",\"kind\":\"";
  out += row.kind;
  out += "\",\"tpp\":";
  append_decimal(out, row.tpp);
  out += ",\"performance_density\":";
  if (row.density_state == DensityState::known) {
    append_rounded(out, row.density);
  } else {
    out += "null";
  }
  out += ",\"density_status\":\"";
  out += to_string(row.density_state);
  out += "\",\"h100_equivalents\":";
  append_rounded(out, row.h100_equivalents);
  out += row.datacenter ? ",\"datacenter\":true" : ",\"datacenter\":false";
  append_outcome_json(out, *row.outcome, row.regime);
  out += ",\"basis\":\"";
  out += to_string(row.basis);
  out += '"';
  if (row.record != nullptr && row.record->epoch_tpp) {
    out += ",\"epoch_tpp\":";
    append_rounded(out, *row.record->epoch_tpp);
    out += ",\"differs_because\":";
    append_json_string(out, row.record->differs_because);
  }
  if (row.record != nullptr && row.record->licence) {
    const LicenceSummary& l = *row.record->licence;
    out += ",\"destination\":";
    append_json_string(out, *context.options.destination);
    out += ",\"licence\":";
    append_json_string(out, l.state);
    // Absent as null, as in `tpp fleet --json` and `tpp show --json`.
    const auto string_or_null = [&out](std::string_view text) {
      if (text.empty()) {
        out += "null";
      } else {
        append_json_string(out, text);
      }
    };
    out += ",\"licence_basis\":";
    string_or_null(l.basis);
    out += ",\"review_policy\":";
    string_or_null(l.review_policy);
    out += ",\"licence_needs\":[";
    for (std::size_t i = 0; i < l.missing_inputs.size(); ++i) {
      if (i > 0) out.push_back(',');
      append_json_string(out, l.missing_inputs[i]);
    }
    out += ']';
  }
  out += "}\n";
}

void write_csv(const RowView& row, const CatalogContext& context, std::string& out) {
  append_integer(out, row.line);
  out.push_back(',');
  if (context.with_file) {
    append_csv_field(out, context.file);
    out.push_back(',');
  }
  if (row.error != nullptr) {
    // Every row is the header's width: empty fields (id .. differs_because, and the licence
    // columns with a destination), then the error.
    out += context.options.destination ? ",,,,,,,,,,,,,,,,,,,,,," : ",,,,,,,,,,,,,,,,,";
    append_csv_field(out, row.error->message());
    out += '\n';
    return;
  }
  append_csv_field(out, row.id);
  out.push_back(',');
  append_csv_field(out, row.name);
  out.push_back(',');
  out += row.kind;
  out.push_back(',');
  append_decimal(out, row.tpp);
  out.push_back(',');
  if (row.density_state == DensityState::known) append_rounded(out, row.density);
  out.push_back(',');
  out += to_string(row.density_state);
  out.push_back(',');
  append_rounded(out, row.h100_equivalents);
  out += row.datacenter ? ",true," : ",false,";
  append_outcome_csv(out, *row.outcome, row.regime);
  out.push_back(',');
  out += to_string(row.basis);
  out.push_back(',');
  if (row.record != nullptr && row.record->epoch_tpp) {
    append_rounded(out, *row.record->epoch_tpp);
    out.push_back(',');
    append_csv_field(out, row.record->differs_because);
  } else {
    out.push_back(',');
  }
  out.push_back(',');
  if (context.options.destination) {
    const LicenceSummary* l =
        row.record != nullptr && row.record->licence ? &*row.record->licence : nullptr;
    append_csv_field(out, *context.options.destination);
    out.push_back(',');
    if (l != nullptr) {
      append_csv_field(out, l->state);
      out.push_back(',');
      append_csv_field(out, l->basis);
      out.push_back(',');
      append_csv_field(out, l->review_policy);
      out.push_back(',');
      std::string needs;
      for (const std::string& m : l->missing_inputs)
        needs += (needs.empty() ? "" : "; ") + m;
      append_csv_field(out, needs);
    } else {
      out += ",,,";
    }
    out.push_back(',');
  }
  out += "\n";
}

void write_row(const RowView& row, const CatalogContext& context, std::string& out) {
  if (context.options.output == CatalogOutput::csv) {
    write_csv(row, context, out);
  } else {
    write_json(row, context, out);
  }
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
  context.tails.clear();
  for (std::size_t i = 0; i < context.classifier.outcome_count(); ++i) {
    const BatchOutcome& o = context.classifier.outcome(static_cast<std::uint16_t>(i));
    std::string tail;
    if (context.options.output == CatalogOutput::csv) {
      append_outcome_csv(tail, o, context.regime);
      tail += ",sourced,,,\n";
    } else {
      append_outcome_json(tail, o, context.regime);
      tail += ",\"basis\":\"sourced\"}\n";
    }
    context.tails.push_back(std::move(tail));
  }
}

std::string catalog_csv_header(const CatalogContext& context) {
  return std::string("record,line,") + (context.with_file ? "file," : "") +
         "id,name,kind,tpp,performance_density,density_status,h100_equivalents,datacenter,eccn,"
         "paragraph,paragraphs,status,missing_inputs,regime,basis,epoch_tpp,differs_because," +
         (context.options.destination
              ? "destination,licence,licence_basis,review_policy,licence_needs,"
              : "") +
         "error\n";
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
    out.resize_and_overwrite(old_size + bound, [&](char* data, std::size_t) {
      RawWriter w(data + old_size);
      const bool csv = context.options.output == CatalogOutput::csv;
      if (csv) {
        w.integer(lean.line);
        w.put(',');
        if (context.with_file) {
          w.csv_field(context.file);
          w.put(',');
        }
        w.csv_field(id);
        w.put(',');
        w.csv_field(name);
        w.put(",accelerator,");
        w.decimal(tpp);
        w.put(',');
        if (state == DensityState::known)
          w.rounded(tpp.to_double() / Decimal::from_units(area).to_double());
        w.put(',');
        w.put(to_string(state));
        w.put(',');
        w.rounded(tpp.to_double() / context.h100_tpp);
        w.put(work.columns.datacenter[c] != 0 ? ",true," : ",false,");
      } else {
        w.put("{\"line\":");
        w.integer(lean.line);
        if (context.with_file) {
          w.put(",\"file\":");
          w.json_string(context.file);
        }
        w.put(",\"id\":");
        w.json_string(id);
        w.put(",\"name\":");
        w.json_string(name);
        w.put(",\"kind\":\"accelerator\",\"tpp\":");
        w.decimal(tpp);
        w.put(",\"performance_density\":");
        if (state == DensityState::known) {
          w.rounded(tpp.to_double() / Decimal::from_units(area).to_double());
        } else {
          w.put("null");
        }
        w.put(",\"density_status\":\"");
        w.put(to_string(state));
        w.put("\",\"h100_equivalents\":");
        w.rounded(tpp.to_double() / context.h100_tpp);
        w.put(work.columns.datacenter[c] != 0 ? ",\"datacenter\":true" : ",\"datacenter\":false");
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
    if (csv_) {
      buffer_ += digits;
      buffer_ += ',';
      buffer_ += row;
    } else {
      // Every JSON row starts with '{': the number goes first inside it.
      buffer_ += "{\"record\":";
      buffer_ += digits;
      buffer_ += ',';
      buffer_ += row.substr(1);
    }
  }
  out.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

}  // namespace tpp::detail
