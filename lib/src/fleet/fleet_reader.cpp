// Fleet files: CSV (streamed), JSON Lines (streamed) and JSON (read whole).
#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "core/json_reader.hpp"
#include "tpp/data/database.hpp"
#include "tpp/data/io.hpp"
#include "tpp/fleet/fleet.hpp"
#include "tpp/rules/rule_package.hpp"
#include "tpp/rules/timeline.hpp"

namespace tpp {
namespace {

using json = nlohmann::json;

constexpr std::string_view kColumns[] = {"chip",        "quantity",    "ship_date",
                                         "destination", "consignee",   "end_user",
                                         "veu",         "end_user_hq", "origin"};
enum Column {
  kChip,
  kQuantity,
  kShipDate,
  kDestination,
  kConsignee,
  kEndUser,
  kVeu,
  kEndUserHq,
  kOrigin
};
constexpr std::size_t kColumnCount = std::size(kColumns);

tpp::unexpected<Error> line_error(std::size_t line, std::string_view field, std::string value,
                                  std::string detail, errc code = errc::invalid_argument) {
  return fail(code, fmt::format("line {}: {}", line, field), std::move(value), std::move(detail));
}

}  // namespace

std::string_view to_string(VeuKind kind) noexcept {
  switch (kind) {
    case VeuKind::none: return "";
    case VeuKind::uveu: return "UVEU";
    case VeuKind::nveu: return "NVEU";
  }
  return "";
}

struct FleetReader::State {
  FleetFormat format = FleetFormat::csv;
  std::unique_ptr<std::istream> owned;
  std::optional<InputFile> file;  // a file or standard input: read errors are kept
  std::istream* in = nullptr;
  std::optional<CsvReader> csv;
  std::array<int, kColumnCount> columns{};
  std::vector<std::string_view> fields;
  json document;  // FleetFormat::json: the whole file
  std::size_t next_index = 0;
  std::size_t jsonl_line = 0;
  std::string buffer;
  bool header_read = false;
  bool finished = false;  // after an error that ends the file (a bad header)
  std::size_t header_size = 0;
  std::unordered_map<std::string, std::shared_ptr<const ChipSpec>> chips;  // by name as written
  std::unordered_map<std::string, const Country*> countries;

  Result<std::shared_ptr<const ChipSpec>> chip(std::size_t line, std::string_view name) {
    const std::string key(name);
    if (auto it = chips.find(key); it != chips.end()) return it->second;
    auto found = ChipDatabase::bundled().find_shared(name);
    if (!found) return line_error(line, "chip", key, found.error().detail, errc::unknown_chip);
    chips.emplace(key, *found);
    return *found;
  }

  Result<const Country*> country(std::size_t line, std::string_view field, std::string_view name) {
    const std::string key(name);
    if (auto it = countries.find(key); it != countries.end()) return it->second;
    auto found = active_rules().countries().find(name);
    if (!found) return line_error(line, field, key, found.error().detail);
    countries.emplace(key, *found);
    return *found;
  }

  // The fields of one line, by column; the chip is resolved by the caller.
  Result<FleetLine> build(std::size_t line, const std::array<std::string_view, kColumnCount>& f,
                          std::shared_ptr<const ChipSpec> inline_chip) {
    FleetLine out;
    out.line = line;
    if (inline_chip) {
      out.chip = std::move(inline_chip);
    } else {
      const std::string_view name = trim(f[kChip]);
      if (name.empty())
        return line_error(line, "chip", "", "required (a bundled chip id or alias)");
      auto chip_spec = chip(line, name);
      if (!chip_spec) return tpp::unexpected(chip_spec.error());
      out.chip = std::move(*chip_spec);
    }
    const std::string_view quantity = trim(f[kQuantity]);
    std::int64_t q = 0;
    const auto [end, ec] = std::from_chars(quantity.data(), quantity.data() + quantity.size(), q);
    if (quantity.empty() || ec != std::errc{} || end != quantity.data() + quantity.size() ||
        q < 1) {
      return line_error(line, "quantity", std::string(quantity),
                        "must be a whole number of at least 1");
    }
    if (q > 1'000'000'000'000) {
      return line_error(line, "quantity", std::string(quantity), "absurd: above 10^12",
                        errc::out_of_range);
    }
    out.quantity = q;
    if (const std::string_view date = trim(f[kShipDate]); !date.empty()) {
      auto parsed = parse_date(date, "ship_date");
      if (!parsed) return line_error(line, "ship_date", std::string(date), parsed.error().detail);
      if (rule_epoch(*parsed) == 0) {
        return line_error(line, "ship_date", std::string(date),
                          "before any rule or letter tpp knows (the first is of 2022-08-26)");
      }
      out.ship_date = *parsed;
    }
    if (const std::string_view to = trim(f[kDestination]); !to.empty()) {
      auto found = country(line, "destination", to);
      if (!found) return tpp::unexpected(found.error());
      out.destination = *found;
    }
    out.consignee = std::string(trim(f[kConsignee]));
    out.end_user = std::string(trim(f[kEndUser]));
    if (const std::string_view veu = trim(f[kVeu]); !veu.empty()) {
      std::string upper(veu);
      for (char& c : upper)
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      if (upper == "UVEU") {
        out.veu = VeuKind::uveu;
      } else if (upper == "NVEU") {
        out.veu = VeuKind::nveu;
      } else if (upper != "NONE") {
        return line_error(line, "veu", std::string(veu), "expected UVEU, NVEU or empty");
      }
      if (out.veu != VeuKind::none && out.end_user.empty()) {
        return line_error(line, "end_user", "", "a VEU shipment names its end user (the VEU)");
      }
    }
    if (const std::string_view hq = trim(f[kEndUserHq]); !hq.empty()) {
      auto found = country(line, "end_user_hq", hq);
      if (!found) return tpp::unexpected(found.error());
      out.end_user_hq = *found;
    }
    if (const std::string_view origin = trim(f[kOrigin]); !origin.empty()) {
      auto found = country(line, "origin", origin);
      if (!found) return tpp::unexpected(found.error());
      out.origin = *found;
    }
    return out;
  }

  Result<std::optional<FleetLine>> next_csv() {
    if (!header_read) {
      header_read = true;
      auto got = csv->next(fields);
      if (!got && got.error().code == errc::io_error) return read_failure(got.error());
      if (!got) return tpp::unexpected(got.error());
      if (!*got) return fail(errc::invalid_argument, "line 1", "", "empty file: no header row");
      finished = true;  // until the header proves good
      const CsvHeader header(fields);
      if (const std::string* twice = header.duplicate()) {
        return fail(errc::invalid_argument, "line 1", *twice,
                    "the column appears twice: which one counts would be a guess");
      }
      header_size = header.size();
      for (std::size_t c = 0; c < kColumnCount; ++c)
        columns[c] = header.column(kColumns[c]);
      for (const std::string& name : header.names()) {
        if (std::find(std::begin(kColumns), std::end(kColumns), name) == std::end(kColumns)) {
          return fail(errc::unknown_field, "line 1", name,
                      "unknown column (known: chip, quantity, ship_date, destination, consignee, "
                      "end_user, veu, end_user_hq, origin)");
        }
      }
      if (columns[kChip] < 0 || columns[kQuantity] < 0) {
        return fail(errc::missing_field, "line 1", "",
                    "the header needs chip and quantity columns");
      }
      finished = false;
    }
    if (finished) return std::optional<FleetLine>{};
    auto got = csv->next(fields);
    if (!got) {
      if (got.error().code == errc::io_error) return read_failure(got.error());
      return tpp::unexpected(got.error());
    }
    if (!*got) return std::optional<FleetLine>{};
    const std::size_t line = csv->line();
    if (fields.size() > header_size) {
      return line_error(line, "row", std::to_string(fields.size()) + " fields",
                        fmt::format("the header has {} columns", header_size));
    }
    std::array<std::string_view, kColumnCount> f{};
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (columns[c] >= 0 && static_cast<std::size_t>(columns[c]) < fields.size()) {
        f[c] = fields[static_cast<std::size_t>(columns[c])];
      }
    }
    auto built = build(line, f, nullptr);
    if (!built) return tpp::unexpected(built.error());
    return std::optional<FleetLine>{std::move(*built)};
  }

  Result<FleetLine> from_object(std::size_t line, const json& object) {
    if (!object.is_object()) return line_error(line, "line", object.dump(), "expected an object");
    std::array<std::string, kColumnCount> text;
    std::shared_ptr<const ChipSpec> inline_chip;
    for (const auto& [key, value] : object.items()) {
      const auto* column = std::find(std::begin(kColumns), std::end(kColumns), key);
      if (key == "spec") {
        auto spec = read_spec_json(value.dump());
        if (!spec) {
          return line_error(line, "spec." + spec.error().field, spec.error().value,
                            spec.error().detail, spec.error().code);
        }
        inline_chip = std::make_shared<const ChipSpec>(std::move(*spec));
        continue;
      }
      if (column == std::end(kColumns)) {
        return line_error(line, key, value.dump(), "unknown field", errc::unknown_field);
      }
      const auto index = static_cast<std::size_t>(column - std::begin(kColumns));
      if (value.is_string()) {
        text[index] = value.get<std::string>();
      } else if (value.is_number_integer() || value.is_number_unsigned()) {
        text[index] = value.dump();
      } else if (value.is_null()) {
        continue;
      } else {
        text[index] = value.dump();
        if (index != kQuantity) {
          return line_error(line, key, text[index], "expected a string", errc::wrong_type);
        }
      }
    }
    if (inline_chip && !text[kChip].empty()) {
      return line_error(line, "chip", text[kChip], "give chip or spec, not both");
    }
    std::array<std::string_view, kColumnCount> f;
    for (std::size_t c = 0; c < kColumnCount; ++c)
      f[c] = text[c];
    return build(line, f, std::move(inline_chip));
  }

  // A read error ends the file: it is reported once, with the reason, and nothing after it
  // is taken for the end of the input.
  Result<std::optional<FleetLine>> read_failure(const Error& reported) {
    finished = true;
    if (file) {
      if (auto ok = file->check(); !ok) return tpp::unexpected(ok.error());  // with the reason
    }
    return tpp::unexpected(reported);
  }

  // One line into `buffer`, at most kMaxRecordBytes (a longer one is consumed and reported).
  enum class Got { line, end, too_long, failed };
  Got bounded_line() {
    buffer.clear();
    std::streambuf* source = in->rdbuf();
    bool any = false;
    bool too_long = false;
    try {
      for (;;) {
        const auto c = source->sbumpc();
        if (c == std::char_traits<char>::eof()) break;
        any = true;
        if (c == '\n') return too_long ? Got::too_long : Got::line;
        if (buffer.size() >= kMaxRecordBytes) {
          too_long = true;
          break;  // reported at once: the rest is never read
        }
        buffer.push_back(static_cast<char>(c));
      }
    } catch (const std::exception&) {
      in->setstate(std::ios::badbit);
      return Got::failed;
    }
    if (too_long) return Got::too_long;
    return any ? Got::line : Got::end;
  }

  Result<std::optional<FleetLine>> next_jsonl() {
    if (finished) return std::optional<FleetLine>{};
    for (;;) {
      const Got got = bounded_line();
      if (got == Got::failed)
        return read_failure(Error{errc::io_error, "input", "", "read failed"});
      if (got == Got::end) return std::optional<FleetLine>{};
      ++jsonl_line;
      if (got == Got::too_long) {
        // Not a fleet file (a line that long is no fleet line): final, like a read error.
        finished = true;
        return fail(errc::io_error, fmt::format("line {}", jsonl_line), "",
                    fmt::format("longer than {} MiB: not a fleet file", kMaxRecordBytes >> 20));
      }
      if (trim(buffer).empty()) continue;
      auto object = detail::parse_json(buffer, "json");
      if (!object) {
        return line_error(jsonl_line, "json", "", object.error().detail, errc::invalid_json);
      }
      auto built = from_object(jsonl_line, *object);
      if (!built) return tpp::unexpected(built.error());
      return std::optional<FleetLine>{std::move(*built)};
    }
  }

  Result<std::optional<FleetLine>> next_json() {
    const json& lines = document.at("lines");
    if (next_index >= lines.size()) return std::optional<FleetLine>{};
    const std::size_t index = next_index++;
    auto built = from_object(index + 1, lines[index]);
    if (!built) return tpp::unexpected(built.error());
    return std::optional<FleetLine>{std::move(*built)};
  }
};

FleetReader::FleetReader() : state_(std::make_unique<State>()) {}
FleetReader::FleetReader(FleetReader&&) noexcept = default;
FleetReader& FleetReader::operator=(FleetReader&&) noexcept = default;
FleetReader::~FleetReader() = default;

Result<FleetReader> FleetReader::from_string(std::string text, FleetFormat format) {
  FleetReader reader;
  reader.state_->format = format;
  if (format == FleetFormat::json) {
    auto document = detail::parse_json(text, "json");
    if (!document) return tpp::unexpected(document.error());
    reader.state_->document = std::move(*document);
    const json& doc = reader.state_->document;
    if (!doc.is_object() || !doc.contains("lines") || !doc.at("lines").is_array()) {
      return fail(errc::invalid_json, "lines", "", "a JSON fleet is {\"lines\": [ ... ]}");
    }
    return reader;
  }
  reader.state_->owned = std::make_unique<std::istringstream>(std::move(text));
  reader.state_->in = reader.state_->owned.get();
  if (format == FleetFormat::csv) reader.state_->csv.emplace(*reader.state_->in);
  return reader;
}

Result<FleetReader> FleetReader::open(const std::filesystem::path& path,
                                      std::optional<FleetFormat> format) {
  if (!format) {
    const std::string ext = path.extension().string();
    if (ext == ".csv") format = FleetFormat::csv;
    if (ext == ".json") format = FleetFormat::json;
    if (ext == ".jsonl" || ext == ".ndjson") format = FleetFormat::jsonl;
    if (!format) {
      return fail(errc::invalid_argument, "file", path.string(),
                  "cannot tell the format from the extension: use .csv, .json or .jsonl, or "
                  "--format");
    }
  }
  if (*format == FleetFormat::json) {
    auto text = read_text_file(path);
    if (!text) return tpp::unexpected(text.error());
    return from_string(std::move(*text), *format);
  }
  FleetReader reader;
  reader.state_->format = *format;
  auto file = InputFile::open(path);
  if (!file) return tpp::unexpected(file.error());
  reader.state_->file = std::move(*file);
  reader.state_->in = &reader.state_->file->stream();
  if (*format == FleetFormat::csv) reader.state_->csv.emplace(*reader.state_->in);
  return reader;
}

Result<std::optional<FleetLine>> FleetReader::next() {
  switch (state_->format) {
    case FleetFormat::csv: return state_->next_csv();
    case FleetFormat::jsonl: return state_->next_jsonl();
    case FleetFormat::json: return state_->next_json();
  }
  return std::optional<FleetLine>{};
}

}  // namespace tpp
