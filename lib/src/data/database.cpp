#include "tpp/data/database.hpp"
#include "core/json_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "data/embedded.hpp"
#include "tpp/core/metrics.hpp"
#include "tpp/data/io.hpp"

namespace tpp {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Whether a spec's text is a system's: its "kind" key says "system". A lexical look, so that
// start-up parses each file once; the reader checks the kind again.
bool is_system(std::string_view text) {
  for (std::size_t at = text.find("\"kind\""); at != std::string_view::npos;
       at = text.find("\"kind\"", at + 1)) {
    std::size_t i = at + 6;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
                               text[i] == '\r' || text[i] == ':'))
      ++i;
    if (text.substr(i).starts_with("\"system\"")) return true;
  }
  return false;
}

}  // namespace

std::string normalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == ' ' || c == '-' || c == '_') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

Result<ChipDatabase> ChipDatabase::from_json(std::span<const std::string_view> texts,
                                             std::span<const std::string_view> origins) {
  ChipDatabase db;
  const auto origin = [&](std::size_t i) {
    return i < origins.size() ? std::string(origins[i]) : fmt::format("spec #{}", i + 1);
  };
  const ChipResolver resolve_here =
      [&db](std::string_view id) -> Result<std::shared_ptr<const ChipSpec>> {
    return db.find_shared(id);
  };
  // Systems name other chips, so they are read after every IC.
  for (const bool systems : {false, true}) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (is_system(texts[i]) != systems) continue;
      auto spec = read_spec_json(texts[i], resolve_here);
      if (!spec) {
        Error error = spec.error();
        error.field = origin(i) + ": " + error.field;
        return tpp::unexpected(std::move(error));
      }
      if (spec->id.empty()) return fail(errc::missing_field, origin(i) + ": id", "", "required");
      std::vector<std::string> names{spec->id};
      names.insert(names.end(), spec->aliases.begin(), spec->aliases.end());
      auto chip = std::make_shared<const ChipSpec>(std::move(*spec));
      for (const std::string& name : names) {
        // A name may repeat its own chip's id ("A100 SXM" for a100-sxm), not another chip's.
        const auto [at, added] = db.by_name_.emplace(normalize_name(name), chip);
        if (!added && at->second != chip) {
          return fail(errc::invalid_argument, origin(i), name,
                      "id or alias already names another chip");
        }
      }
      db.chips_.push_back(std::move(chip));
    }
  }
  std::sort(db.chips_.begin(), db.chips_.end(),
            [](const auto& a, const auto& b) { return a->id < b->id; });
  // Vendor names a user may type before a chip's name: each vendor field and its parts
  // ("Huawei/HiSilicon" gives "huaweihisilicon", "huawei" and "hisilicon").
  for (const auto& chip : db.chips_) {
    std::vector<std::string> names{normalize_name(chip->vendor)};
    std::string part;
    for (const char c : chip->vendor + "/") {
      if (c == '/' || c == ',' || c == '(' || c == ')' || c == ' ') {
        if (!part.empty()) names.push_back(normalize_name(part));
        part.clear();
      } else {
        part.push_back(c);
      }
    }
    for (std::string& name : names) {
      if (name.size() >= 2 &&
          std::find(db.vendors_.begin(), db.vendors_.end(), name) == db.vendors_.end())
        db.vendors_.push_back(std::move(name));
    }
  }
  std::stable_sort(db.vendors_.begin(), db.vendors_.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return db;
}

const ChipDatabase& ChipDatabase::bundled() {
  static const ChipDatabase db = [] {
    std::vector<std::string_view> texts;
    std::vector<std::string_view> origins;
    for (const detail::EmbeddedFile& file : detail::bundled_chip_files()) {
      texts.push_back(file.text);
      origins.push_back(file.name);
    }
    auto loaded = from_json(texts, origins);
    // The bundled data is checked by the test suite; failing here is a build defect.
    if (!loaded) throw std::logic_error("bundled chip data: " + loaded.error().message());
    return std::move(*loaded);
  }();
  return db;
}

Result<std::shared_ptr<const ChipSpec>> ChipDatabase::find_shared(std::string_view name) const {
  const std::string wanted = normalize_name(name);
  if (const auto found = by_name_.find(wanted); found != by_name_.end()) {
    return found->second;
  }
  // A miss. The name without a leading vendor name, when that finds one chip.
  std::vector<std::shared_ptr<const ChipSpec>> candidates;
  const auto add = [&candidates](const std::shared_ptr<const ChipSpec>& chip) {
    if (std::find(candidates.begin(), candidates.end(), chip) == candidates.end())
      candidates.push_back(chip);
  };
  std::vector<std::string> forms{wanted};
  for (const std::string& vendor : vendors_) {
    if (wanted.size() <= vendor.size() || !wanted.starts_with(vendor)) continue;
    forms.push_back(wanted.substr(vendor.size()));
    if (const auto found = by_name_.find(forms.back()); found != by_name_.end()) add(found->second);
  }
  if (candidates.size() == 1) return candidates.front();
  // A name that starts several chips' names ("A80": a800-sxm, a800-pcie, ...) is ambiguous.
  if (candidates.empty()) {
    for (const auto& [normal, chip] : by_name_) {
      for (const std::string& form : forms) {
        if (form.size() >= 2 && normal.starts_with(form)) add(chip);
      }
    }
    if (candidates.size() < 2) candidates.clear();
  }
  if (candidates.size() > 1) {
    std::vector<std::string> ids;
    for (const auto& chip : candidates)
      ids.push_back(chip->id);
    std::sort(ids.begin(), ids.end());
    std::string detail = "names " + std::to_string(ids.size()) + " bundled chips: ";
    constexpr std::size_t kListed = 12;
    for (std::size_t i = 0; i < ids.size() && i < kListed; ++i)
      detail += (i == 0 ? "" : ", ") + ids[i];
    if (ids.size() > kListed) detail += ", ...";
    detail += "; give one of these ids";
    return fail(errc::ambiguous_chip, "chip", std::string(name), detail);
  }
  const auto close = suggest(name);
  std::string detail = "no bundled chip has this id or alias";
  if (!close.empty()) {
    detail += "; did you mean ";
    for (std::size_t i = 0; i < close.size(); ++i) {
      detail += (i == 0 ? "" : (i + 1 == close.size() ? " or " : ", ")) + close[i];
    }
    detail += "?";
  }
  detail += " (`tpp list` shows them all)";
  return fail(errc::unknown_chip, "chip", std::string(name), detail);
}

Result<const ChipSpec*> ChipDatabase::find(std::string_view name) const {
  auto found = find_shared(name);
  if (!found) return tpp::unexpected(found.error());
  return found->get();
}

std::vector<std::string> ChipDatabase::suggest(std::string_view name, std::size_t max) const {
  const std::string wanted = normalize_name(name);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& chip : chips_) {
    std::size_t best = SIZE_MAX;
    std::vector<std::string> names{chip->id};
    names.insert(names.end(), chip->aliases.begin(), chip->aliases.end());
    for (const std::string& candidate : names) {
      const std::string normal = normalize_name(candidate);
      std::size_t score = edit_distance(wanted, normal);
      if (!wanted.empty() && normal.find(wanted) != std::string::npos)
        score = std::min<std::size_t>(score, 1);
      best = std::min(best, score);
    }
    const std::size_t limit = std::max<std::size_t>(2, wanted.size() / 3);
    if (best <= limit) scored.emplace_back(best, chip->id);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < max; ++i)
    out.push_back(scored[i].second);
  return out;
}

Decimal h100_reference_tpp() {
  // One lookup, one file read (find_bundled): a catalog or fleet run needs this one figure, not
  // the whole database.
  static const Decimal reference = [] {
    const auto chip = ChipDatabase::find_bundled("h100-sxm");
    if (!chip) throw std::logic_error("bundled chip data lacks h100-sxm");
    const auto metrics = compute_metrics(**chip);
    if (!metrics) throw std::logic_error("h100-sxm: " + metrics.error().message());
    return metrics->tpp;
  }();
  return reference;
}

}  // namespace tpp
