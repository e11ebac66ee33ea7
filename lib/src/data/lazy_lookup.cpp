// One bundled chip without reading the others: `tpp show h100-sxm` parses one file, not a
// hundred. The index of names to files is built on first use from each file's "id" and
// "aliases" only (simdjson On Demand skips the rest); a chip is parsed when first asked for.
#include <simdjson.h>

#include <mutex>
#include <unordered_map>

#include "data/embedded.hpp"
#include "tpp/data/database.hpp"
#include "tpp/data/io.hpp"

namespace tpp {
namespace {

// Normalized id or alias -> index into bundled_chip_files(). A name two files claim is left
// out (the full database refuses such data; the test suite loads it).
std::unordered_map<std::string, std::size_t> build_index() {
  std::unordered_map<std::string, std::size_t> index;
  std::unordered_map<std::string, bool> clash;
  simdjson::ondemand::parser parser;
  const auto files = detail::bundled_chip_files();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const simdjson::padded_string text(files[i].text);
    simdjson::ondemand::document doc;
    if (parser.iterate(text).get(doc)) continue;
    simdjson::ondemand::object root;
    if (doc.get_object().get(root)) continue;
    const auto add = [&](std::string_view name) {
      const std::string key = normalize_name(name);
      const auto [at, added] = index.emplace(key, i);
      if (!added && at->second != i) clash[key] = true;
    };
    for (auto field : root) {
      std::string_view key;
      if (field.unescaped_key().get(key)) break;
      if (key == "id") {
        std::string_view id;
        if (!field.value().get_string().get(id)) add(id);
      } else if (key == "aliases") {
        simdjson::ondemand::array aliases;
        if (field.value().get_array().get(aliases)) continue;
        for (auto alias : aliases) {
          std::string_view text_alias;
          if (!alias.get_string().get(text_alias)) add(text_alias);
        }
      }
    }
  }
  for (const auto& [key, _] : clash)
    index.erase(key);
  return index;
}

}  // namespace

Result<std::shared_ptr<const ChipSpec>> ChipDatabase::find_bundled(std::string_view name) {
  static const std::unordered_map<std::string, std::size_t> index = build_index();
  static std::mutex mutex;
  static std::unordered_map<std::size_t, std::shared_ptr<const ChipSpec>> parsed;
  const auto found = index.find(normalize_name(name));
  if (found == index.end()) return bundled().find_shared(name);  // misses, vendors, ambiguity
  {
    std::lock_guard lock(mutex);
    if (const auto at = parsed.find(found->second); at != parsed.end()) return at->second;
  }
  // A system names other bundled chips: found the same way.
  const ChipResolver resolver = [](std::string_view id) { return find_bundled(id); };
  auto spec = read_spec_json(detail::bundled_chip_files()[found->second].text, resolver);
  // The bundled data is checked by the test suite; failing here is a build defect.
  if (!spec) return bundled().find_shared(name);
  auto chip = std::make_shared<const ChipSpec>(std::move(*spec));
  std::lock_guard lock(mutex);
  return parsed.emplace(found->second, std::move(chip)).first->second;
}

}  // namespace tpp
