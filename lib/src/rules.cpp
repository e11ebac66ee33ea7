#include <chrono>
#include <cstdio>

#include "sha256.hpp"
#include "tpp/letters.hpp"
#include "tpp/rules.hpp"

namespace tpp {

Result<Date> parse_date(std::string_view text, std::string_view field) {
  const std::string copy(text);
  bool shaped = text.size() == 10;
  for (std::size_t i = 0; shaped && i < text.size(); ++i) {
    shaped = (i == 4 || i == 7) ? text[i] == '-' : (text[i] >= '0' && text[i] <= '9');
  }
  if (!shaped) {
    return fail(errc::invalid_argument, std::string(field), copy, "expected a date YYYY-MM-DD");
  }
  const auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i)
      value = value * 10 + (text[i] - '0');
    return value;
  };
  const int y = number(0, 4);
  const auto m = static_cast<unsigned>(number(5, 2));
  const auto d = static_cast<unsigned>(number(8, 2));
  const Date date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) {
    return fail(errc::invalid_argument, std::string(field), copy, "no such calendar date");
  }
  return date;
}

std::string to_string(Date date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

Date today() {
  return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

std::string_view to_string(Metric metric) noexcept {
  switch (metric) {
    case Metric::tpp: return "tpp";
    case Metric::performance_density: return "performance_density";
    case Metric::io_bidirectional_gbps: return "io_bidirectional_gbps";
    case Metric::datacenter: return "datacenter";
    case Metric::memory_bandwidth_density: return "memory_bandwidth_density";
    case Metric::dram_bandwidth_gbps: return "dram_bandwidth_gbps";
  }
  return "tpp";
}

std::string_view display_name(Metric metric) noexcept {
  switch (metric) {
    case Metric::tpp: return "TPP";
    case Metric::performance_density: return "performance density";
    case Metric::io_bidirectional_gbps: return "bidirectional I/O (GB/s)";
    case Metric::datacenter: return "datacenter";
    case Metric::memory_bandwidth_density: return "memory bandwidth density (GB/s/mm2)";
    case Metric::dram_bandwidth_gbps: return "DRAM bandwidth (GB/s)";
  }
  return "TPP";
}

std::string_view to_string(Comparator comparator) noexcept {
  switch (comparator) {
    case Comparator::ge: return "≥";
    case Comparator::gt: return ">";
    case Comparator::lt: return "<";
    case Comparator::le: return "≤";
    case Comparator::eq: return "=";
  }
  return "?";
}

namespace {

void dump(std::string& out, std::span<const Condition> conditions) {
  for (const Condition& c : conditions) {
    out += to_string(c.metric);
    out += to_string(c.comparator);
    out += std::to_string(c.threshold.units());
    out += ';';
  }
}

void dump(std::string& out, std::span<const std::string_view> items) {
  for (std::string_view item : items) {
    out += item;
    out += ',';
  }
}

void dump(std::string& out, const DestinationSet& d) {
  out += d.worldwide ? "W|" : "|";
  dump(out, d.groups);
  out += '|';
  dump(out, d.countries);
  out += '|';
  dump(out, d.except_groups);
  out += '|';
  dump(out, d.except_countries);
  out += '\n';
}

std::string table_text() {
  std::string text(rules_version());
  for (const Regime& r : regimes()) {
    text += "\n#" + to_string(r.effective) + "/" + to_string(r.binding_from()) +
            std::string(r.citation) + "\n";
    for (const Clause& c : r.clauses) {
      text += std::string(c.paragraph) + std::string(c.eccn) +
              std::to_string(static_cast<int>(c.applies_to));
      dump(text, c.conditions);
      text += '\n';
    }
    for (const Exclusion& e : r.exclusions) {
      dump(text, e.conditions);
      dump(text, e.excluded_eccns);
      text += '\n';
    }
    for (const SystemRule& s : r.systems)
      text += std::string(s.ic_eccn) + std::string(s.system_eccn);
    for (const LicenceRequirement& l : r.licences) {
      text += l.scope == Scope::headquarters ? "hq:" : "to:";
      dump(text, l.eccns);
      dump(text, l.destinations);
    }
    for (const ExceptionRule& e : r.exceptions) {
      text += std::string(e.exception) + std::string(e.eccn);
      dump(text, e.conditions);
      dump(text, e.destinations);
      dump(text, e.notification_to);
    }
    for (const ReviewPolicy& p : r.review_policies) {
      text += std::string(p.policy) + (p.scope == Scope::headquarters ? "hq:" : "to:");
      dump(text, p.eccns);
      dump(text, p.destinations);
      dump(text, p.conditions);
      dump(text, p.origins);
    }
    if (const ModelWeightsRule* w = r.model_weights) {
      text += std::string(w->eccn) + to_string(w->threshold) + "/" + to_string(w->derived_floor) +
              "/" + std::to_string(w->derived_percent) + (w->enforced ? "E" : "U");
      dump(text, w->destinations);
    }
    if (r.foundry != nullptr) {
      text += "foundry:" + to_string(r.foundry->binding_from);
      for (const TransistorAttestation& a : r.foundry->attestations) {
        text += std::to_string(a.from_year) + "-" + std::to_string(a.to_year) + ":" +
                std::to_string(a.billion.units()) + (a.requires_no_hbm ? "h;" : ";");
      }
    }
    text += r.ai_diffusion_tiers ? "tiers\n" : "\n";
  }
  return text;
}

}  // namespace

const std::string& rules_digest() {
  static const std::string digest = [] {
    std::string text = table_text() + LetterDatabase::bundled().canonical_text();
    for (const Notice& notice : bundled_notices())
      text += "\nnotice:" + notice.id + to_string(notice.from) + notice.text;
    return detail::sha256_hex(text);
  }();
  return digest;
}

}  // namespace tpp
