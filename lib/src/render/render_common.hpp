// What every renderer adds (internal): the audit record of the rule data used.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "rules/wording.hpp"
#include "tpp/rules/report.hpp"

namespace tpp::detail {

/// "rules 2026-01-15.3 (sha256 6d855130c7f392ad)", with " from DIR" when the rule package is
/// not the bundled one; `digest_chars` digits of the digest.
std::string rules_audit_text(std::size_t digest_chars);
/// Sets rules_version, rules_sha256 and rules_origin ("bundled" or the directory).
void add_rules_audit(nlohmann::ordered_json& out);
/// The report with its notes, sensitivity and foundry assessment (what a renderer prints): the
/// report itself when it has them, else its re-evaluation with them, kept in `storage`.
const Report& detailed(const Report& report, std::optional<Report>& storage);

/// JSON numbers as every renderer writes them: a whole decimal as an integer, another as the
/// nearest double (which prints as the decimal itself: at most 15 significant digits).
nlohmann::ordered_json number(Decimal value);
/// A ratio rounded to 6 decimals.
double rounded(double value);
/// A text, or null.
nlohmann::ordered_json optional_text(const std::optional<std::string_view>& text);
}  // namespace tpp::detail
