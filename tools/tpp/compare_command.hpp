// `tpp compare A B ...`: bundled chips and systems side by side (the figures come from
// tpp::compare, the output from render_compare*).
#pragma once

#include <string>
#include <vector>

#include "commands.hpp"

namespace tpp::cli {

/// The comparison of the named chips as text, JSON (--json / --output-format json) or CSV.
Result<std::string> run_compare(const Common& common, const std::vector<std::string>& names);

}  // namespace tpp::cli
