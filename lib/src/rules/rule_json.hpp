// Readers shared by the regulatory data files (letters now, the rule package next): dates,
// strings, conditions, destination sets and graded sources, each error naming the field.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/core/spec.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp::detail {

/// `object[key]` as a string; empty when absent and not `required`.
Result<std::string> json_string(const nlohmann::json& object, const char* key, bool required);
/// `object[key]` as a date "YYYY-MM-DD"; empty when absent or null and not `required`.
Result<std::optional<Date>> json_date(const nlohmann::json& object, const char* key, bool required);

/// A metric by its name in data files ("tpp", "dram_bandwidth_gbps", ...).
Result<Metric> parse_metric(std::string_view name, const std::string& field);

/// [{"metric": "tpp", "op": ">=", "value": 4800}, ...]
Result<std::vector<Condition>> read_conditions(const nlohmann::json& value,
                                               const std::string& field);

/// {"worldwide": bool, "groups": [...], "countries": [...], "except_groups": [...],
///  "except_countries": [...], "summary": "..."}; strings are kept by `keep`, lists by `list`
/// (storage that outlives the set).
Result<DestinationSet> read_destination_set(
    const nlohmann::json& value, const std::string& field,
    const std::function<std::string_view(std::string)>& keep,
    const std::function<std::span<const std::string_view>(std::vector<std::string_view>)>& list);

/// {"key": {"url": ..., "title": ..., "grade": "P"|"C"|"S"}}: every source needs a url, a
/// title and a grade.
Result<std::vector<Source>> read_graded_sources(const nlohmann::json& object, const char* key);

}  // namespace tpp::detail
