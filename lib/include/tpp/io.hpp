// Reading chip specs from JSON (the `chips/` format, see chips/schema.json).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include "tpp/error.hpp"
#include "tpp/spec.hpp"

namespace tpp {

/// Resolves a bundled chip id named by a system's `contains[].chip`.
using ChipResolver = std::function<Result<std::shared_ptr<const ChipSpec>>(std::string_view id)>;

/// Parses and validates one spec. Unknown fields are errors (they are usually typos); JSON
/// numbers are read exactly (see parse_decimal). `resolver` defaults to the bundled database.
Result<ChipSpec> read_spec_json(std::string_view json_text, const ChipResolver& resolver = {});

/// Reads a spec file; "-" reads standard input.
Result<ChipSpec> read_spec_file(const std::filesystem::path& path,
                                const ChipResolver& resolver = {});

/// The spec in the chips/ JSON format, keys sorted, on one line: read_spec_json gives it back.
std::string write_spec_json(const ChipSpec& spec);

/// The whole of a file (or standard input for "-"), or errc::io_error naming the path.
Result<std::string> read_text_file(const std::filesystem::path& path);

}  // namespace tpp
