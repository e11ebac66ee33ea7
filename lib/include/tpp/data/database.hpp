// The chip database: the bundled chips (chips/*.json, compiled in) and lookup by id or alias.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tpp/core/decimal.hpp"
#include "tpp/core/error.hpp"
#include "tpp/core/spec.hpp"

namespace tpp {

class ChipDatabase {
 public:
  /// The chips bundled with tpp, parsed once on first use.
  static const ChipDatabase& bundled();

  /// A database of the given spec JSON texts; `origins` name them in errors (same length, or
  /// empty). A system may name any chip of the set. Ids and aliases must be unique.
  static Result<ChipDatabase> from_json(std::span<const std::string_view> texts,
                                        std::span<const std::string_view> origins = {});

  /// Every chip, in id order.
  std::span<const std::shared_ptr<const ChipSpec>> chips() const { return chips_; }

  /// The chip whose id or alias matches `name`, ignoring case, spaces, '-' and '_'. When none
  /// does: the name without a leading vendor name ("NVIDIA H20" -> "H20", "Huawei Ascend 910C"
  /// -> "Ascend 910C") if that finds exactly one chip. A name that fits several chips (after
  /// dropping the vendor, or as the start of several chips' names, "A100" when there are A100
  /// variants) is errc::ambiguous_chip, the candidates in the detail; else errc::unknown_chip
  /// with up to three suggestions. The exact match is one hash lookup: the rest runs on a miss.
  Result<std::shared_ptr<const ChipSpec>> find_shared(std::string_view name) const;
  Result<const ChipSpec*> find(std::string_view name) const;

  /// find_shared() on the bundled chips, reading only the named chip's file (and those of the
  /// chips a system contains) when the name is an id or alias; anything else goes through
  /// bundled(). The same answer, without parsing a hundred files for one lookup.
  static Result<std::shared_ptr<const ChipSpec>> find_bundled(std::string_view name);

  /// Ids of the chips whose names are closest to `name`.
  std::vector<std::string> suggest(std::string_view name, std::size_t max = 3) const;

 private:
  std::vector<std::shared_ptr<const ChipSpec>> chips_;
  /// Every id and alias, normalized: one hash lookup per name (suggestions only on a miss).
  std::unordered_map<std::string, std::shared_ptr<const ChipSpec>> by_name_;
  /// Vendor names, normalized ("nvidia", "huawei", "hisilicon"), longest first: what a typed
  /// name may start with.
  std::vector<std::string> vendors_;
};

/// "H100 SXM" -> "h100sxm": the form names are matched in.
std::string normalize_name(std::string_view name);

/// The TPP of the bundled H100 SXM record (15,832): the unit of H100-equivalents.
Decimal h100_reference_tpp();

}  // namespace tpp
