// The page, its script and style, and the OpenAPI document, compiled in (embed_assets.cmake):
// the server reads no file at run time.
#pragma once

#include <optional>
#include <string_view>

namespace tpp::serve {

/// The asset named `name` ("index.html", "app.js", "app.css", "openapi.json"), or empty.
std::optional<std::string_view> asset(std::string_view name) noexcept;

}  // namespace tpp::serve
