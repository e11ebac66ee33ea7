// Data files compiled into the library (see cmake/embed_files.cmake).
#pragma once

#include <span>
#include <string_view>

namespace tpp::detail {

struct EmbeddedFile {
  std::string_view name;  ///< file name, e.g. "h100-sxm.json"
  std::string_view text;
};

/// chips/*.json except the schema, in file-name order.
std::span<const EmbeddedFile> bundled_chip_files() noexcept;

/// data/policies/ai-diffusion-2025.json.
std::span<const EmbeddedFile> bundled_policy_files() noexcept;

/// data/letters/*.json, in file-name order.
std::span<const EmbeddedFile> bundled_letter_files() noexcept;

/// data/notices/*.json, in file-name order.
std::span<const EmbeddedFile> bundled_notice_files() noexcept;

/// data/countries.json.
std::span<const EmbeddedFile> bundled_country_files() noexcept;

}  // namespace tpp::detail
