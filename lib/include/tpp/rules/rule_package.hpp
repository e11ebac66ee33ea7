// The rule package: everything regulatory that tpp applies, as data, the way tzdata ships time
// zones. A directory of JSON files (data/rules/ in the source tree, compiled into the library):
//   package.json       name, version, the named destination sets revisions refer to
//   revisions/*.json   every revision of 3A090/4A090/4E091 and its licence scope, one per
//                      instrument, each a complete snapshot in force until the next
//   letters/*.json     is-informed letters          notices/*.json   dated notices
//   policies/*.json    quota policies (AI Diffusion) countries.json   EAR country groups
// Loaded and checked as a whole: a broken file is refused naming the file, the JSON path and
// the reason, and nothing of the package is used. One package is active per process; the
// compiled-in one unless `use_rules` picked another (the CLI's --rules DIR and TPP_RULES).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/rules/countries.hpp"
#include "tpp/rules/letters.hpp"
#include "tpp/rules/quota_policy.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp {

/// One file of a package: its path relative to the package root ("revisions/x.json").
struct PackageFile {
  std::string name;
  std::string text;
};

class RulePackage {
 public:
  /// The package compiled into the library (data/rules/ at build time), loaded once.
  static const RulePackage& bundled();
  /// Reads the package in `directory`. `origin` in the result is the directory.
  static Result<std::unique_ptr<const RulePackage>> load(const std::filesystem::path& directory);
  /// A package from its files (any order); `origin` says where they came from.
  static Result<std::unique_ptr<const RulePackage>> from_files(std::vector<PackageFile> files,
                                                               std::string origin);

  std::string_view name() const { return name_; }
  /// The version package.json declares ("2026-01-15.3"); bumped with every edit.
  std::string_view version() const { return version_; }
  /// SHA-256 over every file's name and bytes, in name order: pins the exact data used.
  /// Computed on first use (an audit record asks for it; a lookup does not).
  const std::string& digest() const;
  /// "bundled" or the directory it was read from.
  const std::string& origin() const { return origin_; }

  /// Every revision, oldest first, and the file each came from ("revisions/x.json").
  std::span<const Regime> regimes() const { return regimes_; }
  std::span<const std::string> revision_files() const { return revision_files_; }
  const LetterDatabase& letters() const { return letters_; }
  std::span<const Notice> notices() const { return notices_; }
  const CountryDatabase& countries() const { return countries_; }
  /// The quota policies, in file-name order (at least one).
  std::span<const QuotaPolicy> quota_policies() const { return policies_; }
  /// The first quota policy: the AI Diffusion rule in the bundled package.
  const QuotaPolicy& quota_policy() const { return policies_.front(); }
  /// The files, in name order, as read.
  std::span<const PackageFile> files() const { return files_; }

  RulePackage(const RulePackage&) = delete;
  RulePackage& operator=(const RulePackage&) = delete;
  ~RulePackage();

 private:
  RulePackage();
  struct Loader;

  std::string name_;
  std::string version_;
  mutable std::once_flag digest_once_;
  mutable std::string digest_;
  std::string origin_;
  std::vector<PackageFile> files_;
  std::vector<Regime> regimes_;
  std::vector<std::string> revision_files_;
  LetterDatabase letters_;
  std::vector<Notice> notices_;
  CountryDatabase countries_;
  std::vector<QuotaPolicy> policies_;
  std::shared_ptr<void> arena_;  // owns what the regimes view
};

/// The package in use: the bundled one unless use_rules() chose another.
const RulePackage& active_rules();

/// Makes the package in `directory` the active one, process-wide; refused (and the active one
/// kept) when it does not load. Call it before classifying: answers already computed keep
/// pointing into the package they came from, which stays alive.
Result<void> use_rules(const std::filesystem::path& directory);

/// Makes the bundled package the active one again.
void use_bundled_rules();

}  // namespace tpp
