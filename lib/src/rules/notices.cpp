// Dated notices (the rule package's notices/*.json): guidance, licence decisions and letters of
// undisclosed scope that a reader must see beside a chip's answer, though none requires a licence.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_reader.hpp"
#include "core/text.hpp"
#include "rules/rule_json.hpp"
#include "tpp/rules/letters.hpp"
#include "tpp/rules/rule_package.hpp"

namespace tpp {

Result<std::vector<Notice>> read_notices(std::span<const std::string_view> texts,
                                         std::span<const std::string_view> origins) {
  std::vector<Notice> out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string file =
        i < origins.size() ? std::string(origins[i]) : fmt::format("notice {}", i + 1);
    const auto error = [&](errc code, const std::string& field, std::string value,
                           std::string detail) {
      return fail(code, file + ": " + field, std::move(value), std::move(detail));
    };
    auto parsed = detail::parse_json(texts[i], file);
    if (!parsed) return tpp::unexpected(parsed.error());
    const nlohmann::json root = std::move(*parsed);
    if (!root.is_object()) return error(errc::wrong_type, "(root)", "", "expected an object");
    for (const auto& [key, value] : root.items()) {
      if (key != "$schema" && key != "id" && key != "from" && key != "until" && key != "models" &&
          key != "text" && key != "sources") {
        return error(errc::unknown_field, key, "", "unknown field");
      }
    }
    Notice notice;
    for (auto [key, target] : {std::pair{"id", &notice.id}, {"text", &notice.text}}) {
      auto text = detail::json_string(root, key, true);
      if (!text) return error(text.error().code, key, "", text.error().detail);
      *target = *text;
    }
    auto from = detail::json_date(root, "from", true);
    if (!from)
      return error(errc::invalid_argument, "from", from.error().value, from.error().detail);
    notice.from = **from;
    auto until = detail::json_date(root, "until", false);
    if (!until)
      return error(errc::invalid_argument, "until", until.error().value, until.error().detail);
    notice.until = *until;
    if (notice.until && *notice.until < notice.from) {
      return error(errc::out_of_range, "until", to_string(*notice.until), "is before `from`");
    }
    const auto models = root.find("models");
    if (models == root.end() || !models->is_array() || models->empty()) {
      return error(errc::missing_field, "models", "", "required: the chip ids it concerns");
    }
    for (const nlohmann::json& model : *models) {
      if (!model.is_string())
        return error(errc::wrong_type, "models", model.dump(), "expected a chip id");
      notice.models.push_back(model.get<std::string>());
    }
    auto sources = detail::read_graded_sources(root, "sources");
    if (!sources)
      return error(sources.error().code, sources.error().field, sources.error().value,
                   sources.error().detail);
    notice.sources = std::move(*sources);
    out.push_back(std::move(notice));
  }
  return out;
}

std::string Notice::citation() const {
  std::vector<std::string> parts;
  for (const Source& source : sources)
    parts.push_back(fmt::format("{}: {}", source.grade, source.key));
  return fmt::format("[{}]", detail::join(parts, "; "));
}

namespace {

bool names(const ChipSpec& spec, const std::vector<std::string>& models) {
  if (std::find(models.begin(), models.end(), spec.id) != models.end()) return true;
  for (const Component& component : spec.contains) {
    if (component.spec && names(*component.spec, models)) return true;
  }
  return false;
}

}  // namespace

std::vector<const Notice*> notices_for(const ChipSpec& spec, Date date) {
  std::vector<const Notice*> out;
  for (const Notice& notice : active_rules().notices()) {
    if (date < notice.from || (notice.until && date > *notice.until)) continue;
    if (names(spec, notice.models)) out.push_back(&notice);
  }
  return out;
}

}  // namespace tpp
