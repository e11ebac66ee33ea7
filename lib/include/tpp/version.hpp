// The one place tpp's version lives; CMake reads the three numbers from here.
#pragma once

#define TPP_VERSION_MAJOR 0
#define TPP_VERSION_MINOR 2
#define TPP_VERSION_PATCH 0

#define TPP_DETAIL_STR2(x) #x
#define TPP_DETAIL_STR(x) TPP_DETAIL_STR2(x)

namespace tpp {
/// The library version, e.g. "0.2.0".
inline constexpr const char* version_string = TPP_DETAIL_STR(TPP_VERSION_MAJOR) "." TPP_DETAIL_STR(
    TPP_VERSION_MINOR) "." TPP_DETAIL_STR(TPP_VERSION_PATCH);
}  // namespace tpp
