#include "rules/rule_json.hpp"

#include <fmt/format.h>

namespace tpp::detail {
namespace {

using json = nlohmann::json;

std::string shown(const json& value) {
  std::string text = value.dump();
  return text.size() > 60 ? text.substr(0, 60) + "..." : text;
}

Result<std::vector<std::string>> string_list(const json& value, const std::string& field) {
  if (!value.is_array()) return fail(errc::wrong_type, field, shown(value), "expected an array");
  std::vector<std::string> out;
  for (const json& item : value) {
    if (!item.is_string()) return fail(errc::wrong_type, field, shown(item), "expected a string");
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

Result<std::string> json_string(const json& object, const char* key, bool required) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) return fail(errc::missing_field, key, "", "required");
    return std::string();
  }
  if (!it->is_string()) return fail(errc::wrong_type, key, shown(*it), "expected a string");
  std::string text = it->get<std::string>();
  if (required && text.empty()) return fail(errc::missing_field, key, "", "must not be empty");
  return text;
}

Result<std::optional<Date>> json_date(const json& object, const char* key, bool required) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) return fail(errc::missing_field, key, "", "required");
    return std::optional<Date>{};
  }
  if (!it->is_string())
    return fail(errc::wrong_type, key, shown(*it), "expected a date YYYY-MM-DD");
  auto date = parse_date(it->get<std::string>(), key);
  if (!date) return tpp::unexpected(date.error());
  return std::optional<Date>{*date};
}

Result<Metric> parse_metric(std::string_view name, const std::string& field) {
  for (Metric metric :
       {Metric::tpp, Metric::performance_density, Metric::io_bidirectional_gbps, Metric::datacenter,
        Metric::memory_bandwidth_density, Metric::dram_bandwidth_gbps}) {
    if (to_string(metric) == name) return metric;
  }
  return fail(errc::invalid_argument, field, std::string(name),
              "unknown metric (known: tpp, performance_density, io_bidirectional_gbps, "
              "datacenter, memory_bandwidth_density, dram_bandwidth_gbps)");
}

Result<std::vector<Condition>> read_conditions(const json& value, const std::string& field) {
  if (!value.is_array()) return fail(errc::wrong_type, field, shown(value), "expected an array");
  std::vector<Condition> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const json& item = value[i];
    const std::string where = fmt::format("{}[{}]", field, i);
    if (!item.is_object()) return fail(errc::wrong_type, where, shown(item), "expected an object");
    for (const auto& [key, v] : item.items()) {
      if (key != "metric" && key != "op" && key != "value") {
        return fail(errc::unknown_field, where + "." + key, shown(v), "unknown field");
      }
    }
    auto metric_name = json_string(item, "metric", true);
    if (!metric_name)
      return fail(metric_name.error().code, where + ".metric", "", metric_name.error().detail);
    auto metric = parse_metric(*metric_name, where + ".metric");
    if (!metric) return tpp::unexpected(metric.error());
    auto op = json_string(item, "op", true);
    if (!op) return fail(op.error().code, where + ".op", "", op.error().detail);
    Comparator comparator;
    if (*op == ">=") {
      comparator = Comparator::ge;
    } else if (*op == ">") {
      comparator = Comparator::gt;
    } else if (*op == "<") {
      comparator = Comparator::lt;
    } else if (*op == "<=") {
      comparator = Comparator::le;
    } else if (*op == "=") {
      comparator = Comparator::eq;
    } else {
      return fail(errc::invalid_argument, where + ".op", *op, "expected >=, >, <, <= or =");
    }
    const auto number = item.find("value");
    if (number == item.end() || !number->is_number()) {
      return fail(errc::missing_field, where + ".value", "", "required: a number");
    }
    auto threshold = parse_decimal(number->dump(), where + ".value");
    if (!threshold) return tpp::unexpected(threshold.error());
    out.push_back({*metric, comparator, *threshold});
  }
  return out;
}

Result<DestinationSet> read_destination_set(
    const json& value, const std::string& field,
    const std::function<std::string_view(std::string)>& keep,
    const std::function<std::span<const std::string_view>(std::vector<std::string_view>)>& list) {
  if (!value.is_object()) return fail(errc::wrong_type, field, shown(value), "expected an object");
  DestinationSet out;
  for (const auto& [key, item] : value.items()) {
    const std::string where = field + "." + key;
    if (key == "worldwide") {
      if (!item.is_boolean())
        return fail(errc::wrong_type, where, shown(item), "expected true or false");
      out.worldwide = item.get<bool>();
    } else if (key == "summary") {
      if (!item.is_string()) return fail(errc::wrong_type, where, shown(item), "expected a string");
      out.summary = keep(item.get<std::string>());
    } else if (key == "groups" || key == "countries" || key == "except_groups" ||
               key == "except_countries") {
      auto strings = string_list(item, where);
      if (!strings) return tpp::unexpected(strings.error());
      std::vector<std::string_view> views;
      for (std::string& s : *strings)
        views.push_back(keep(std::move(s)));
      const auto span = list(std::move(views));
      if (key == "groups") out.groups = span;
      if (key == "countries") out.countries = span;
      if (key == "except_groups") out.except_groups = span;
      if (key == "except_countries") out.except_countries = span;
    } else {
      return fail(errc::unknown_field, where, shown(item), "unknown field");
    }
  }
  if (out.summary.empty()) return fail(errc::missing_field, field + ".summary", "", "required");
  if (!out.worldwide && out.groups.empty() && out.countries.empty()) {
    return fail(errc::missing_field, field, "",
                "names no destination (groups, countries or worldwide)");
  }
  return out;
}

Result<std::vector<Source>> read_graded_sources(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_object() || it->empty()) {
    return fail(errc::missing_field, key, "", "required: at least one source");
  }
  std::vector<Source> out;
  for (const auto& [name, item] : it->items()) {
    const std::string where = std::string(key) + "." + name;
    if (!item.is_object()) return fail(errc::wrong_type, where, shown(item), "expected an object");
    for (const auto& [k, v] : item.items()) {
      if (k != "url" && k != "title" && k != "grade") {
        return fail(errc::unknown_field, where + "." + k, shown(v), "unknown field");
      }
    }
    Source source{name, {}, {}, {}};
    for (auto [k, target] :
         {std::pair{"url", &source.url}, {"title", &source.title}, {"grade", &source.grade}}) {
      auto text = json_string(item, k, true);
      if (!text) return fail(text.error().code, where + "." + k, "", text.error().detail);
      *target = *text;
    }
    if (source.grade != "P" && source.grade != "C" && source.grade != "S") {
      return fail(errc::invalid_argument, where + ".grade", source.grade,
                  "expected P (primary), C (company filing) or S (secondary)");
    }
    out.push_back(std::move(source));
  }
  return out;
}

}  // namespace tpp::detail
