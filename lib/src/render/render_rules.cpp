// `tpp rules`: what a compliance reviewer checks before trusting an answer: which rule data is
// in use, where it came from, and the instrument behind every revision.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "render/render_common.hpp"
#include "tpp/render/render.hpp"

namespace tpp {

std::string render_rules(const RulePackage& package, bool json_output) {
  if (json_output) {
    nlohmann::json out;
    out["name"] = std::string(package.name());
    out["version"] = std::string(package.version());
    out["sha256"] = package.digest();
    out["origin"] = package.origin();
    out["revisions"] = nlohmann::json::array();
    for (std::size_t i = 0; i < package.regimes().size(); ++i) {
      const Regime& r = package.regimes()[i];
      out["revisions"].push_back(
          {{"effective", to_string(r.effective)},
           {"compliance", r.compliance ? nlohmann::json(to_string(*r.compliance)) : nullptr},
           {"title", std::string(r.title)},
           {"citation", std::string(r.citation)},
           {"grade", std::string(r.grade)},
           {"file", package.revision_files()[i]}});
    }
    out["letters"] = nlohmann::json::array();
    for (const Letter& l : package.letters().letters()) {
      out["letters"].push_back({{"id", l.id},
                                {"informed", to_string(l.informed)},
                                {"until", l.until ? nlohmann::json(to_string(*l.until)) : nullptr},
                                {"title", l.title}});
    }
    out["notices"] = nlohmann::json::array();
    for (const Notice& n : package.notices())
      out["notices"].push_back(
          {{"id", n.id}, {"from", to_string(n.from)}, {"citation", n.citation()}});
    out["quota_policies"] = nlohmann::json::array();
    for (const QuotaPolicy& p : package.quota_policies())
      out["quota_policies"].push_back({{"name", p.name}, {"citation", p.citation}});
    out["countries_text_as_of"] = package.countries().text_as_of();
    return out.dump() + "\n";
  }
  std::string out;
  const auto line = [&out](const std::string& text) { out += text + "\n"; };
  line(fmt::format("{} {} ({})", package.name(), package.version(),
                   package.origin() == "bundled" ? "compiled in" : "from " + package.origin()));
  line("sha256 " + package.digest());
  line("");
  line(
      "Revisions (each in force from its date until the next; grade P primary, C company "
      "filing, S secondary):");
  for (std::size_t i = 0; i < package.regimes().size(); ++i) {
    const Regime& r = package.regimes()[i];
    line(fmt::format("  {}{}  {} [{}]", to_string(r.effective),
                     r.compliance ? " (binding " + to_string(*r.compliance) + ")" : "", r.citation,
                     r.grade));
    line(fmt::format("      {}  ({})", r.title, package.revision_files()[i]));
  }
  line("Is-informed letters:");
  for (const Letter& l : package.letters().letters()) {
    line(fmt::format("  {}{}  {}", to_string(l.informed),
                     l.until ? " to " + to_string(*l.until) : "", l.label()));
  }
  line("Notices:");
  for (const Notice& n : package.notices())
    line(fmt::format("  {}  {} {}", to_string(n.from), n.id, n.citation()));
  line("Quota policies:");
  for (const QuotaPolicy& p : package.quota_policies())
    line(fmt::format("  {} ({})", p.name, p.citation));
  line(fmt::format("Country groups as of the eCFR text of {}.", package.countries().text_as_of()));
  return out;
}

}  // namespace tpp
