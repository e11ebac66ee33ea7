// SHA-256 (FIPS 180-4) for the audit record's digests (internal).
#pragma once

#include <string>
#include <string_view>

namespace tpp::detail {

/// The digest of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace tpp::detail
