// The JSON spec reader: structure and types here, ranges in validate() (spec.cpp).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/json_reader.hpp"
#include "core/text.hpp"
#include "tpp/data/database.hpp"
#include "tpp/data/io.hpp"

namespace tpp {
namespace {

using json = nlohmann::json;

std::string shown(const json& value) {
  constexpr std::size_t kShown = 60;
  std::string text = value.dump();
  if (text.size() > kShown) text = text.substr(0, kShown) + "...";
  return text;
}

tpp::unexpected<Error> wrong_type(const std::string& field, const json& value,
                                  std::string_view expected) {
  return fail(errc::wrong_type, field, shown(value), fmt::format("expected {}", expected));
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

Result<void> only_known_keys(const json& object, const std::string& path,
                             std::initializer_list<std::string_view> keys) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      std::string known;
      for (std::string_view k : keys)
        known += (known.empty() ? "" : ", ") + std::string(k);
      return fail(errc::unknown_field, join(path, key), shown(value),
                  fmt::format("unknown field (known here: {})", known));
    }
  }
  return {};
}

Result<const json*> object_at(const json& value, const std::string& field) {
  if (!value.is_object()) return wrong_type(field, value, "an object");
  return &value;
}

Result<std::string> read_string(const json& value, const std::string& field) {
  if (!value.is_string()) return wrong_type(field, value, "a string");
  return value.get<std::string>();
}

Result<bool> read_bool(const json& value, const std::string& field) {
  if (!value.is_boolean()) return wrong_type(field, value, "true or false");
  return value.get<bool>();
}

Result<int> read_int(const json& value, const std::string& field) {
  if (value.is_number_unsigned() || value.is_number_integer()) {
    const auto wide = value.get<std::int64_t>();
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > INT32_MAX) {
      return fail(errc::out_of_range, field, shown(value), "too large");
    }
    if (wide > INT32_MAX || wide < INT32_MIN) {
      return fail(errc::out_of_range, field, shown(value), "too large");
    }
    return static_cast<int>(wide);
  }
  return wrong_type(field, value, "a whole number");
}

Result<Decimal> read_decimal(const json& value, const std::string& field) {
  if (value.is_number_unsigned())
    return parse_decimal(std::to_string(value.get<std::uint64_t>()), field);
  if (value.is_number_integer())
    return parse_decimal(std::to_string(value.get<std::int64_t>()), field);
  if (value.is_number_float()) return decimal_from_double(value.get<double>(), field);
  return wrong_type(field, value, "a number");
}

Result<Confidence> read_confidence(const json& value, const std::string& field) {
  auto text = read_string(value, field);
  if (!text) return tpp::unexpected(text.error());
  if (*text == "vendor") return Confidence::vendor;
  if (*text == "secondary") return Confidence::secondary;
  if (*text == "estimate") return Confidence::estimate;
  return fail(errc::invalid_argument, field, *text, "expected vendor, secondary or estimate");
}

// Reads the provenance keys of an object figure; the caller has checked the key set.
Result<Provenance> read_provenance(const json& object, const std::string& path) {
  Provenance out;
  if (auto it = object.find("source"); it != object.end()) {
    auto key = read_string(*it, join(path, "source"));
    if (!key) return tpp::unexpected(key.error());
    out.source_key = std::move(*key);
  }
  if (auto it = object.find("confidence"); it != object.end()) {
    auto confidence = read_confidence(*it, join(path, "confidence"));
    if (!confidence) return tpp::unexpected(confidence.error());
    out.confidence = *confidence;
  }
  if (auto it = object.find("unconfirmed"); it != object.end()) {
    auto flag = read_bool(*it, join(path, "unconfirmed"));
    if (!flag) return tpp::unexpected(flag.error());
    out.unconfirmed = *flag;
  }
  if (auto it = object.find("note"); it != object.end()) {
    auto note = read_string(*it, join(path, "note"));
    if (!note) return tpp::unexpected(note.error());
    out.note = std::move(*note);
  }
  return out;
}

// {"value": ..., "source": ..., ...}: the value read by `read_value`, with its provenance.
template <class Sourced, class ReadValue>
Result<Sourced> read_sourced(const json& value, const std::string& field, ReadValue read_value) {
  if (auto ok =
          only_known_keys(value, field, {"value", "source", "confidence", "unconfirmed", "note"});
      !ok) {
    return tpp::unexpected(ok.error());
  }
  auto it = value.find("value");
  if (it == value.end()) return fail(errc::missing_field, join(field, "value"), "", "required");
  auto plain = read_value(*it, join(field, "value"));
  if (!plain) return tpp::unexpected(plain.error());
  auto provenance = read_provenance(value, field);
  if (!provenance) return tpp::unexpected(provenance.error());
  return Sourced{*plain, std::move(*provenance)};
}

// {"low": a, "high": b}: an estimated range (each end a number).
Result<DecimalRange> read_range(const json& object, const std::string& field) {
  const auto low = object.find("low");
  const auto high = object.find("high");
  if (low == object.end() || high == object.end()) {
    return fail(errc::missing_field, field, shown(object), "a range needs both `low` and `high`");
  }
  auto low_value = read_decimal(*low, join(field, "low"));
  if (!low_value) return tpp::unexpected(low_value.error());
  auto high_value = read_decimal(*high, join(field, "high"));
  if (!high_value) return tpp::unexpected(high_value.error());
  if (*low_value > *high_value) {
    return fail(errc::out_of_range, field,
                fmt::format("{}..{}", to_string(*low_value), to_string(*high_value)),
                "the range's low end is above its high end");
  }
  return DecimalRange{*low_value, *high_value};
}

// Whether a larger figure makes the item more controlled (rates, counts) or less (areas).
enum class Direction : std::uint8_t { higher_controls, lower_controls };

// A number, {"value": ...} or {"low": ..., "high": ...} with provenance.
Result<Figure> read_figure(const json& value, const std::string& field,
                           Direction direction = Direction::higher_controls) {
  if (value.is_number()) {
    auto number = read_decimal(value, field);
    if (!number) return tpp::unexpected(number.error());
    return Figure{*number, {}};
  }
  if (!value.is_object()) {
    return wrong_type(field, value, "a number, {\"value\": ...} or {\"low\": ..., \"high\": ...}");
  }
  if (!value.contains("low") && !value.contains("high")) {
    return read_sourced<Figure>(value, field, read_decimal);
  }
  if (auto ok = only_known_keys(value, field,
                                {"low", "high", "source", "confidence", "unconfirmed", "note"});
      !ok) {
    return tpp::unexpected(ok.error());
  }
  auto range = read_range(value, field);
  if (!range) return tpp::unexpected(range.error());
  auto provenance = read_provenance(value, field);
  if (!provenance) return tpp::unexpected(provenance.error());
  const Decimal most = direction == Direction::higher_controls ? range->high : range->low;
  return Figure{most, std::move(*provenance), *range};
}

Result<Flag> read_flag(const json& value, const std::string& field) {
  if (value.is_boolean()) return Flag{value.get<bool>(), {}};
  if (!value.is_object()) return wrong_type(field, value, "true, false or {\"value\": ...}");
  return read_sourced<Flag>(value, field, read_bool);
}

Result<Throughput> read_throughput(const json& value, const std::string& field) {
  if (auto ok = object_at(value, field); !ok) return tpp::unexpected(ok.error());
  if (auto ok = only_known_keys(
          value, field,
          {"precision", "tops", "sparse", "source", "confidence", "unconfirmed", "note"});
      !ok) {
    return tpp::unexpected(ok.error());
  }
  Throughput out;
  auto precision_it = value.find("precision");
  if (precision_it == value.end()) {
    return fail(errc::missing_field, join(field, "precision"), "", "required");
  }
  auto precision_text = read_string(*precision_it, join(field, "precision"));
  if (!precision_text) return tpp::unexpected(precision_text.error());
  auto precision = parse_precision(*precision_text, join(field, "precision"));
  if (!precision) return tpp::unexpected(precision.error());
  out.precision = *precision;
  auto tops_it = value.find("tops");
  if (tops_it == value.end()) return fail(errc::missing_field, join(field, "tops"), "", "required");
  if (tops_it->is_object()) {
    if (auto ok = only_known_keys(*tops_it, join(field, "tops"), {"low", "high"}); !ok) {
      return tpp::unexpected(ok.error());
    }
    auto range = read_range(*tops_it, join(field, "tops"));
    if (!range) return tpp::unexpected(range.error());
    out.tops = range->high;
    out.tops_range = *range;
  } else {
    auto tops = read_decimal(*tops_it, join(field, "tops"));
    if (!tops) return tpp::unexpected(tops.error());
    out.tops = *tops;
  }
  if (auto it = value.find("sparse"); it != value.end()) {
    auto sparse = read_bool(*it, join(field, "sparse"));
    if (!sparse) return tpp::unexpected(sparse.error());
    out.sparse = *sparse;
  }
  auto provenance = read_provenance(value, field);
  if (!provenance) return tpp::unexpected(provenance.error());
  out.provenance = std::move(*provenance);
  return out;
}

template <class T, class ReadOne>
Result<std::vector<T>> read_array(const json& value, const std::string& field, ReadOne read_one) {
  if (!value.is_array()) return wrong_type(field, value, "an array");
  std::vector<T> out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto item = read_one(value[i], fmt::format("{}[{}]", field, i));
    if (!item) return tpp::unexpected(item.error());
    out.push_back(std::move(*item));
  }
  return out;
}

Result<ProcessingUnit> read_unit(const json& value, const std::string& field) {
  if (auto ok = object_at(value, field); !ok) return tpp::unexpected(ok.error());
  if (auto ok = only_known_keys(value, field, {"name", "count", "throughput"}); !ok) {
    return tpp::unexpected(ok.error());
  }
  ProcessingUnit out;
  if (auto it = value.find("name"); it != value.end()) {
    auto name = read_string(*it, join(field, "name"));
    if (!name) return tpp::unexpected(name.error());
    out.name = std::move(*name);
  }
  if (auto it = value.find("count"); it != value.end()) {
    auto count = read_int(*it, join(field, "count"));
    if (!count) return tpp::unexpected(count.error());
    out.count = *count;
  }
  auto it = value.find("throughput");
  if (it == value.end())
    return fail(errc::missing_field, join(field, "throughput"), "", "required");
  auto figures = read_array<Throughput>(*it, join(field, "throughput"), read_throughput);
  if (!figures) return tpp::unexpected(figures.error());
  out.throughput = std::move(*figures);
  return out;
}

Result<Die> read_die(const json& value, const std::string& field) {
  if (auto ok = object_at(value, field); !ok) return tpp::unexpected(ok.error());
  if (auto ok = only_known_keys(
          value, field, {"name", "count", "area_mm2", "logic", "non_planar", "process_node"});
      !ok) {
    return tpp::unexpected(ok.error());
  }
  Die out;
  for (const auto& [key, item] : value.items()) {
    const std::string item_field = join(field, key);
    if (key == "name" || key == "process_node") {
      auto text = read_string(item, item_field);
      if (!text) return tpp::unexpected(text.error());
      (key == "name" ? out.name : out.process_node) = std::move(*text);
    } else if (key == "count") {
      auto count = read_int(item, item_field);
      if (!count) return tpp::unexpected(count.error());
      out.count = *count;
    } else if (key == "area_mm2") {
      if (item.is_null()) continue;
      auto area = read_figure(item, item_field, Direction::lower_controls);
      if (!area) return tpp::unexpected(area.error());
      out.area_mm2 = std::move(*area);
    } else {
      auto flag = read_bool(item, item_field);
      if (!flag) return tpp::unexpected(flag.error());
      (key == "logic" ? out.logic : out.non_planar) = *flag;
    }
  }
  return out;
}

Result<Memory> read_memory(const json& value, const std::string& field) {
  if (auto ok = object_at(value, field); !ok) return tpp::unexpected(ok.error());
  if (auto ok = only_known_keys(value, field,
                                {"type", "capacity_gb", "bandwidth_gbps", "package_area_mm2"});
      !ok) {
    return tpp::unexpected(ok.error());
  }
  Memory out;
  for (const auto& [key, item] : value.items()) {
    const std::string item_field = join(field, key);
    if (key == "type") {
      auto text = read_string(item, item_field);
      if (!text) return tpp::unexpected(text.error());
      out.type = std::move(*text);
      continue;
    }
    auto figure = read_figure(
        item, item_field,
        key == "package_area_mm2" ? Direction::lower_controls : Direction::higher_controls);
    if (!figure) return tpp::unexpected(figure.error());
    if (key == "capacity_gb") out.capacity_gb = std::move(*figure);
    if (key == "bandwidth_gbps") out.bandwidth_gbps = std::move(*figure);
    if (key == "package_area_mm2") out.package_area_mm2 = std::move(*figure);
  }
  return out;
}

Result<std::vector<Source>> read_sources(const json& value, const std::string& field) {
  if (!value.is_object()) return wrong_type(field, value, "an object of source key -> {url, ...}");
  std::vector<Source> out;
  for (const auto& [key, item] : value.items()) {
    const std::string item_field = join(field, key);
    if (auto ok = object_at(item, item_field); !ok) return tpp::unexpected(ok.error());
    if (auto ok = only_known_keys(item, item_field, {"url", "title", "grade"}); !ok) {
      return tpp::unexpected(ok.error());
    }
    Source source{key, {}, {}, {}};
    auto url = item.find("url");
    if (url == item.end())
      return fail(errc::missing_field, join(item_field, "url"), "", "required");
    auto url_text = read_string(*url, join(item_field, "url"));
    if (!url_text) return tpp::unexpected(url_text.error());
    source.url = std::move(*url_text);
    if (auto it = item.find("title"); it != item.end()) {
      auto title = read_string(*it, join(item_field, "title"));
      if (!title) return tpp::unexpected(title.error());
      source.title = std::move(*title);
    }
    if (auto it = item.find("grade"); it != item.end()) {
      auto grade = read_string(*it, join(item_field, "grade"));
      if (!grade) return tpp::unexpected(grade.error());
      source.grade = std::move(*grade);
    }
    out.push_back(std::move(source));
  }
  return out;
}

Result<std::vector<std::string>> read_strings(const json& value, const std::string& field) {
  return read_array<std::string>(value, field, read_string);
}

Result<ChipSpec> read_spec_object(const json& root, const std::string& path,
                                  const ChipResolver& resolver);

Result<Component> read_component(const json& value, const std::string& field,
                                 const ChipResolver& resolver) {
  if (auto ok = object_at(value, field); !ok) return tpp::unexpected(ok.error());
  if (auto ok = only_known_keys(value, field, {"chip", "spec", "count"}); !ok) {
    return tpp::unexpected(ok.error());
  }
  Component out;
  const auto chip = value.find("chip");
  const auto spec = value.find("spec");
  if ((chip == value.end()) == (spec == value.end())) {
    return fail(errc::missing_field, field, shown(value), "give exactly one of `chip` or `spec`");
  }
  if (chip != value.end()) {
    auto id = read_string(*chip, join(field, "chip"));
    if (!id) return tpp::unexpected(id.error());
    auto resolved = resolver ? resolver(*id)
                             : fail(errc::unknown_chip, join(field, "chip"), *id,
                                    "no chip database to resolve it");
    if (!resolved) {
      Error error = resolved.error();
      error.field = join(field, "chip");
      return tpp::unexpected(std::move(error));
    }
    out.chip_id = std::move(*id);
    out.spec = std::move(*resolved);
  } else {
    auto inline_spec = read_spec_object(*spec, join(field, "spec"), resolver);
    if (!inline_spec) return tpp::unexpected(inline_spec.error());
    out.chip_id = inline_spec->id;
    out.inline_spec = true;
    out.spec = std::make_shared<const ChipSpec>(std::move(*inline_spec));
  }
  if (auto it = value.find("count"); it != value.end()) {
    auto count = read_int(*it, join(field, "count"));
    if (!count) return tpp::unexpected(count.error());
    out.count = *count;
  } else {
    return fail(errc::missing_field, join(field, "count"), "", "required");
  }
  return out;
}

Result<ChipSpec> read_spec_object(const json& root, const std::string& path,
                                  const ChipResolver& resolver) {
  if (auto ok = object_at(root, path.empty() ? "spec" : path); !ok) {
    return tpp::unexpected(ok.error());
  }
  if (auto ok = only_known_keys(
          root, path,
          {"$schema", "id", "name", "vendor", "aliases", "year", "kind", "datacenter",
           "processing_units", "dies", "io_bidirectional_gbps", "memory", "transistors_billion",
           "power_w", "process_node", "contains", "sources", "notes"});
      !ok) {
    return tpp::unexpected(ok.error());
  }
  ChipSpec out;
  for (const auto& [key, value] : root.items()) {
    const std::string field = join(path, key);
    Result<void> ok{};
    const auto assign = [&](auto result, auto& target) {
      if (!result) {
        ok = tpp::unexpected(result.error());
      } else {
        target = std::move(*result);
      }
    };
    if (key == "$schema") continue;
    if (key == "id") assign(read_string(value, field), out.id);
    if (key == "name") assign(read_string(value, field), out.name);
    if (key == "vendor") assign(read_string(value, field), out.vendor);
    if (key == "process_node") assign(read_string(value, field), out.process_node);
    if (key == "aliases") assign(read_strings(value, field), out.aliases);
    if (key == "notes") assign(read_strings(value, field), out.notes);
    if (key == "sources") assign(read_sources(value, field), out.sources);
    if (key == "datacenter") assign(read_flag(value, field), out.datacenter);
    if (key == "year") {
      auto year = read_int(value, field);
      if (year)
        out.year = *year;
      else
        ok = tpp::unexpected(year.error());
    }
    if (key == "kind") {
      auto kind = read_string(value, field);
      if (!kind) {
        ok = tpp::unexpected(kind.error());
      } else if (*kind == "accelerator") {
        out.kind = ChipKind::accelerator;
      } else if (*kind == "memory") {
        out.kind = ChipKind::memory;
      } else if (*kind == "system") {
        out.kind = ChipKind::system;
      } else {
        ok = fail(errc::invalid_argument, field, *kind, "expected accelerator, memory or system");
      }
    }
    if (key == "processing_units") {
      assign(read_array<ProcessingUnit>(value, field, read_unit), out.processing_units);
    }
    if (key == "dies") assign(read_array<Die>(value, field, read_die), out.dies);
    if (key == "io_bidirectional_gbps") {
      auto figure = read_figure(value, field);
      if (figure)
        out.io_bidirectional_gbps = std::move(*figure);
      else
        ok = tpp::unexpected(figure.error());
    }
    if (key == "transistors_billion") {
      auto figure = read_figure(value, field);
      if (figure)
        out.transistors_billion = std::move(*figure);
      else
        ok = tpp::unexpected(figure.error());
    }
    if (key == "power_w") {
      auto figure = read_figure(value, field);
      if (figure)
        out.power_w = std::move(*figure);
      else
        ok = tpp::unexpected(figure.error());
    }
    if (key == "memory") {
      auto memory = read_memory(value, field);
      if (memory)
        out.memory = std::move(*memory);
      else
        ok = tpp::unexpected(memory.error());
    }
    if (key == "contains") {
      assign(read_array<Component>(value, field,
                                   [&](const json& item, const std::string& item_field) {
                                     return read_component(item, item_field, resolver);
                                   }),
             out.contains);
    }
    if (!ok) return tpp::unexpected(ok.error());
  }
  if (auto ok = validate(out); !ok) {
    Error error = ok.error();
    if (!path.empty()) error.field = join(path, error.field);
    return tpp::unexpected(std::move(error));
  }
  return out;
}

ChipResolver bundled_resolver() {
  return [](std::string_view id) -> Result<std::shared_ptr<const ChipSpec>> {
    return ChipDatabase::bundled().find_shared(id);
  };
}

}  // namespace

Result<ChipSpec> read_spec_json(std::string_view json_text, const ChipResolver& resolver) {
  auto root = detail::parse_json(json_text, "json");
  if (!root) return tpp::unexpected(root.error());
  return read_spec_object(*root, "", resolver ? resolver : bundled_resolver());
}

Result<ChipSpec> read_spec_file(const std::filesystem::path& path, const ChipResolver& resolver) {
  auto text = read_text_file(path);
  if (!text) return tpp::unexpected(text.error());
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    return fail(errc::invalid_json, "file", path.string(), "is empty");
  }
  return read_spec_json(*text, resolver);
}

}  // namespace tpp
