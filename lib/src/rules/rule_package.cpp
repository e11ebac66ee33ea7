#include "tpp/rules/rule_package.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "core/json_reader.hpp"
#include "core/sha256.hpp"
#include "data/embedded.hpp"
#include "rules/revision_reader.hpp"
#include "rules/rule_arena.hpp"
#include "rules/rule_json.hpp"

namespace tpp {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// The folders a package is read from; anything else in the directory (schema/, a README) is
// not part of the package and not in its digest.
constexpr std::string_view kFolders[] = {"revisions", "letters", "notices", "policies"};
constexpr std::string_view kRootFiles[] = {"package.json", "countries.json"};

Error in_file(const std::string& file, Error error) {
  if (error.field.rfind(file, 0) != 0) error.field = file + ": " + error.field;
  return error;
}

bool in_folder(std::string_view name, std::string_view folder) {
  return name.size() > folder.size() + 1 && name.substr(0, folder.size()) == folder &&
         name[folder.size()] == '/';
}

// Whether two clauses judge the same way (the summary may be reworded without a change).
bool same_clause(const Clause& a, const Clause& b) {
  if (a.paragraph != b.paragraph || a.eccn != b.eccn || a.applies_to != b.applies_to ||
      a.conditions.size() != b.conditions.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.conditions.size(); ++i) {
    const Condition& x = a.conditions[i];
    const Condition& y = b.conditions[i];
    if (x.metric != y.metric || x.comparator != y.comparator || x.threshold != y.threshold)
      return false;
  }
  return true;
}

bool same_paragraphs(const Regime& a, const Regime& b, ChipKind kind) {
  std::vector<const Clause*> x;
  std::vector<const Clause*> y;
  for (const Clause& c : a.clauses)
    if (c.applies_to == kind) x.push_back(&c);
  for (const Clause& c : b.clauses)
    if (c.applies_to == kind) y.push_back(&c);
  return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                    [](const Clause* p, const Clause* q) { return same_clause(*p, *q); });
}

// When the paragraphs judging `kind` in regimes[index] took effect.
std::optional<Date> paragraphs_from(std::span<const Regime> regimes, std::size_t index,
                                    ChipKind kind) {
  const Regime& revision = regimes[index];
  if (std::none_of(revision.clauses.begin(), revision.clauses.end(),
                   [kind](const Clause& c) { return c.applies_to == kind; })) {
    return std::nullopt;
  }
  while (index > 0 && same_paragraphs(regimes[index - 1], revision, kind))
    --index;
  return regimes[index].effective;
}

void names_of(const DestinationSet& set, std::vector<std::string_view>& groups,
              std::vector<std::string_view>& countries) {
  groups.insert(groups.end(), set.groups.begin(), set.groups.end());
  groups.insert(groups.end(), set.except_groups.begin(), set.except_groups.end());
  countries.insert(countries.end(), set.countries.begin(), set.countries.end());
  countries.insert(countries.end(), set.except_countries.begin(), set.except_countries.end());
}

// Every group and country a revision names must exist in the package's country data, so a
// typo ("D:6", "UK") cannot silently match nothing.
Result<void> check_names(const Regime& revision, const std::string& file,
                         const CountryDatabase& countries) {
  std::vector<std::string_view> groups;
  std::vector<std::string_view> codes;
  for (const LicenceRequirement& l : revision.licences)
    names_of(l.destinations, groups, codes);
  for (const ExceptionRule& e : revision.exceptions) {
    names_of(e.destinations, groups, codes);
    names_of(e.notification_to, groups, codes);
  }
  for (const ReviewPolicy& p : revision.review_policies) {
    names_of(p.destinations, groups, codes);
    codes.insert(codes.end(), p.origins.begin(), p.origins.end());
  }
  if (revision.model_weights != nullptr)
    names_of(revision.model_weights->destinations, groups, codes);
  for (std::string_view group : groups) {
    if (!countries.has_group(group)) {
      return fail(errc::invalid_argument, file + ": destinations", std::string(group),
                  "no country group of that name in countries.json");
    }
  }
  for (std::string_view code : codes) {
    auto country = countries.find(code);
    if (!country || (*country)->code != code) {
      return fail(errc::invalid_argument, file + ": destinations", std::string(code),
                  "not an ISO country code of countries.json");
    }
  }
  return {};
}

Result<detail::NamedSets> read_sets(const json& root, detail::RuleArena& arena) {
  detail::NamedSets sets;
  const auto it = root.find("sets");
  if (it == root.end()) return sets;
  if (!it->is_object())
    return fail(errc::wrong_type, "package.json: sets", "", "expected an object");
  for (const auto& [name, body] : it->items()) {
    if (!body.is_object()) {
      return fail(errc::wrong_type, "package.json: sets." + name, body.dump(),
                  "expected an object");
    }
    auto set = detail::read_set(body, "package.json", "sets." + name, sets, arena);
    if (!set) return tpp::unexpected(set.error());
    sets.emplace(name, *set);
  }
  return sets;
}

std::string digest_of(std::span<const PackageFile> files) {
  std::string text;
  for (const PackageFile& file : files)
    text += fmt::format("{}\n{}\n", file.name, file.text.size()) + file.text;
  return detail::sha256_hex(text);
}

}  // namespace

struct RulePackage::Loader {
  static Result<std::unique_ptr<const RulePackage>> load(std::vector<PackageFile> files,
                                                         std::string origin) {
    std::sort(files.begin(), files.end(),
              [](const PackageFile& a, const PackageFile& b) { return a.name < b.name; });
    for (std::size_t i = 1; i < files.size(); ++i) {
      if (files[i].name == files[i - 1].name)
        return fail(errc::invalid_argument, files[i].name, "", "the package holds it twice");
    }
    std::unique_ptr<RulePackage> package(new RulePackage());
    auto arena = std::make_shared<detail::RuleArena>();
    const auto text_of = [&files](std::string_view name) -> const std::string* {
      for (const PackageFile& file : files)
        if (file.name == name) return &file.text;
      return nullptr;
    };
    const auto texts_in = [&files](std::string_view folder) {
      std::vector<const PackageFile*> out;
      for (const PackageFile& file : files)
        if (in_folder(file.name, folder)) out.push_back(&file);
      return out;
    };

    // package.json
    const std::string* manifest = text_of("package.json");
    if (manifest == nullptr)
      return fail(errc::missing_field, "package.json", "", "a rule package needs package.json");
    auto root = detail::parse_json(*manifest, "package.json");
    if (!root) return tpp::unexpected(root.error());
    if (!root->is_object())
      return fail(errc::wrong_type, "package.json: (root)", "", "expected an object");
    for (const auto& [key, value] : root->items()) {
      if (key != "$schema" && key != "name" && key != "version" && key != "description" &&
          key != "sets") {
        return fail(errc::unknown_field, "package.json: " + key, "", "unknown field");
      }
    }
    for (auto [key, target] :
         {std::pair{"name", &package->name_}, {"version", &package->version_}}) {
      auto text = detail::json_string(*root, key, true);
      if (!text) return tpp::unexpected(in_file("package.json", text.error()));
      *target = *text;
    }
    auto sets = read_sets(*root, *arena);
    if (!sets) return tpp::unexpected(sets.error());

    // countries.json: before the revisions, whose destination sets it checks.
    const std::string* countries = text_of("countries.json");
    if (countries == nullptr)
      return fail(errc::missing_field, "countries.json", "", "a rule package needs countries.json");
    auto country_db = CountryDatabase::from_json(*countries);
    if (!country_db) return tpp::unexpected(in_file("countries.json", country_db.error()));
    package->countries_ = std::move(*country_db);

    // revisions/*.json
    std::vector<std::string> revision_files;
    for (const PackageFile* file : texts_in("revisions")) {
      auto parsed = detail::parse_json(file->text, file->name);
      if (!parsed) return tpp::unexpected(parsed.error());
      auto revision = detail::read_revision(*parsed, file->name, *sets, *arena);
      if (!revision) return tpp::unexpected(revision.error());
      // The file name starts with the effective date, so a directory listing reads in order.
      const std::string stem = file->name.substr(std::string_view("revisions/").size());
      if (stem.rfind(to_string(revision->effective), 0) != 0) {
        return fail(errc::invalid_argument, file->name + ": effective",
                    to_string(revision->effective),
                    "the file name must start with the effective date");
      }
      auto names = check_names(*revision, file->name, package->countries_);
      if (!names) return tpp::unexpected(names.error());
      package->regimes_.push_back(*revision);
      revision_files.push_back(file->name);
    }
    if (package->regimes_.empty())
      return fail(errc::missing_field, "revisions/", "",
                  "a rule package needs at least one revision");
    // File names sort by date, so the regimes are in date order; two on one day would make
    // "the revision in force" ambiguous.
    for (std::size_t i = 1; i < package->regimes_.size(); ++i) {
      if (package->regimes_[i].effective == package->regimes_[i - 1].effective) {
        return fail(errc::invalid_argument, revision_files[i] + ": effective",
                    to_string(package->regimes_[i].effective),
                    "overlaps " + revision_files[i - 1] + ", in force from the same day");
      }
    }
    for (std::size_t i = 0; i < package->regimes_.size(); ++i) {
      package->regimes_[i].accelerator_paragraphs_from =
          paragraphs_from(package->regimes_, i, ChipKind::accelerator);
      package->regimes_[i].memory_paragraphs_from =
          paragraphs_from(package->regimes_, i, ChipKind::memory);
    }

    // letters/, notices/, policies/
    std::vector<std::string_view> texts;
    std::vector<std::string_view> names;
    const auto collect = [&](std::string_view folder) {
      texts.clear();
      names.clear();
      for (const PackageFile* file : texts_in(folder)) {
        texts.push_back(file->text);
        names.push_back(file->name);
      }
    };
    collect("letters");
    auto letters = LetterDatabase::from_json(texts, names);
    if (!letters) return tpp::unexpected(letters.error());
    package->letters_ = std::move(*letters);
    collect("notices");
    auto notices = read_notices(texts, names);
    if (!notices) return tpp::unexpected(notices.error());
    package->notices_ = std::move(*notices);
    collect("policies");
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto policy = read_policy_json(texts[i], package->countries_);
      if (!policy) return tpp::unexpected(in_file(std::string(names[i]), policy.error()));
      package->policies_.push_back(std::move(*policy));
    }
    if (package->policies_.empty())
      return fail(errc::missing_field, "policies/", "", "a rule package needs a quota policy");

    package->revision_files_ = std::move(revision_files);
    package->origin_ = std::move(origin);
    package->files_ = std::move(files);
    package->arena_ = std::move(arena);
    return std::unique_ptr<const RulePackage>(std::move(package));
  }
};

RulePackage::RulePackage() = default;

const std::string& RulePackage::digest() const {
  std::call_once(digest_once_, [this] { digest_ = digest_of(files_); });
  return digest_;
}
RulePackage::~RulePackage() = default;

Result<std::unique_ptr<const RulePackage>> RulePackage::from_files(std::vector<PackageFile> files,
                                                                   std::string origin) {
  return Loader::load(std::move(files), std::move(origin));
}

Result<std::unique_ptr<const RulePackage>> RulePackage::load(const fs::path& directory) {
  const std::string where = directory.string();
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    return fail(errc::io_error, "rules", where, "not a directory");
  }
  std::vector<PackageFile> files;
  const auto read = [&](const fs::path& path, std::string name) -> Result<void> {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in || !text) return fail(errc::io_error, "rules", path.string(), "cannot be read");
    files.push_back({std::move(name), std::move(text).str()});
    return {};
  };
  for (std::string_view name : kRootFiles) {
    const fs::path path = directory / name;
    if (fs::exists(path, error)) {
      auto ok = read(path, std::string(name));
      if (!ok) return tpp::unexpected(ok.error());
    }
  }
  for (std::string_view folder : kFolders) {
    const fs::path sub = directory / folder;
    if (!fs::is_directory(sub, error)) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(sub, error)) {
      if (!entry.is_regular_file(error) || entry.path().extension() != ".json") continue;
      auto ok = read(entry.path(), std::string(folder) + "/" + entry.path().filename().string());
      if (!ok) return tpp::unexpected(ok.error());
    }
    if (error) return fail(errc::io_error, "rules", sub.string(), error.message());
  }
  auto package = Loader::load(std::move(files), fs::absolute(directory, error).string());
  if (!package) {
    Error e = package.error();
    e.field = (directory / "").string() + e.field;
    return tpp::unexpected(std::move(e));
  }
  return package;
}

const RulePackage& RulePackage::bundled() {
  static const std::unique_ptr<const RulePackage> package = [] {
    std::vector<PackageFile> files;
    for (const detail::EmbeddedFile& file : detail::bundled_rule_files())
      files.push_back({std::string(file.name), std::string(file.text)});
    auto loaded = Loader::load(std::move(files), "bundled");
    // The bundled package is checked by the test suite; failing here is a build defect.
    if (!loaded) throw std::logic_error("bundled rule package: " + loaded.error().message());
    return std::move(*loaded);
  }();
  return *package;
}

namespace {

std::atomic<const RulePackage*> g_active{nullptr};
std::mutex g_loaded_mutex;
// Every package ever made active stays alive: reports keep pointers into their revisions.
std::vector<std::unique_ptr<const RulePackage>>& loaded_packages() {
  static std::vector<std::unique_ptr<const RulePackage>> loaded;
  return loaded;
}

}  // namespace

const RulePackage& active_rules() {
  const RulePackage* active = g_active.load(std::memory_order_acquire);
  return active != nullptr ? *active : RulePackage::bundled();
}

Result<void> use_rules(const fs::path& directory) {
  auto package = RulePackage::load(directory);
  if (!package) return tpp::unexpected(package.error());
  std::lock_guard lock(g_loaded_mutex);
  loaded_packages().push_back(std::move(*package));
  g_active.store(loaded_packages().back().get(), std::memory_order_release);
  return {};
}

void use_bundled_rules() {
  g_active.store(&RulePackage::bundled(), std::memory_order_release);
}

}  // namespace tpp
