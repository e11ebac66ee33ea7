// Reads one revision file of the rule package (data/rules/revisions/*.json) into a Regime whose
// views live in the package's arena. Every error names the file and the JSON path.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "rules/rule_arena.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp::detail {

/// The package's named destination sets ("tier1", "d5-macau", ...), by name.
using NamedSets = std::map<std::string, DestinationSet, std::less<>>;

/// A destination set: the name of one in `sets`, or an inline object. `field` is the JSON path
/// for errors, `file` the file for errors.
Result<DestinationSet> read_set(const nlohmann::json& value, const std::string& file,
                                const std::string& field, const NamedSets& sets, RuleArena& arena);

/// One revision, complete (a snapshot of what is in force from its effective date).
Result<Regime> read_revision(const nlohmann::json& root, const std::string& file,
                             const NamedSets& sets, RuleArena& arena);

}  // namespace tpp::detail
