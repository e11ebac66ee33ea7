// Data files compiled into the library (see cmake/embed_files.cmake).
#pragma once

#include <span>
#include <string_view>

namespace tpp::detail {

struct EmbeddedFile {
  std::string_view name;  ///< file name, e.g. "h100-sxm.json" (or a path in the rule package)
  std::string_view text;
};

/// chips/*.json except the schema, in file-name order.
std::span<const EmbeddedFile> bundled_chip_files() noexcept;

/// data/rules/ (the rule package), each named by its path there ("revisions/x.json"), in
/// name order.
std::span<const EmbeddedFile> bundled_rule_files() noexcept;

}  // namespace tpp::detail
