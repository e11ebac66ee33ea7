#include "render/render_common.hpp"

#include <fmt/format.h>

#include <cmath>

#include "tpp/rules/rules.hpp"

namespace tpp::detail {

std::string rules_audit_text(std::size_t digest_chars) {
  const std::string& origin = rules_origin();
  return fmt::format("rules {}{} (sha256 {})", rules_version(),
                     origin == "bundled" ? std::string() : " from " + origin,
                     rules_digest().substr(0, digest_chars));
}

void add_rules_audit(nlohmann::ordered_json& out) {
  out["rules_version"] = std::string(rules_version());
  out["rules_sha256"] = rules_digest();
  out["rules_origin"] = rules_origin();
}

nlohmann::ordered_json number(Decimal value) {
  if (value.units() % Decimal::kScale == 0) return value.units() / Decimal::kScale;
  return value.to_double();
}

double rounded(double value) {
  return std::round(value * 1e6) / 1e6;
}

nlohmann::ordered_json optional_text(const std::optional<std::string_view>& text) {
  return text ? nlohmann::ordered_json(std::string(*text)) : nlohmann::ordered_json(nullptr);
}

const Report& detailed(const Report& report, std::optional<Report>& storage) {
  if (report.options.details) return report;
  auto again = with_details(report);
  if (!again) return report;  // it was evaluated once; without its notes rather than nothing
  storage = std::move(*again);
  return *storage;
}

}  // namespace tpp::detail
