// `tpp model`: an AI model's weights under ECCN 4E091, as text and as JSON.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "render/render_common.hpp"
#include "tpp/render/render.hpp"
#include "tpp/version.hpp"

namespace tpp {

std::string render_model(const ModelAssessment& a) {
  std::string out = fmt::format("Model weights trained with {} operations{} - as of {}\n",
                                to_string(a.input.training_ops),
                                a.input.published ? " (published)" : "", to_string(a.as_of));
  if (a.rule == nullptr) {
    out += "Result: no ECCN 4E091 in force - not controlled\n";
  } else {
    out += fmt::format("Rule: ECCN {} ({}), codified: {}, enforced: {}\n", a.rule->eccn,
                       a.rule->citation, a.codified ? "yes" : "no", a.enforced ? "yes" : "no");
    for (const std::string& test : a.tests)
      out += "  " + test + "\n";
    out += fmt::format("Result: {}{}\n", a.eccn ? std::string(*a.eccn) + " - " : "",
                       to_string(a.status));
  }
  for (const std::string& missing : a.missing_inputs)
    out += "  Missing input: " + missing + "\n";
  const std::string where =
      a.destination != nullptr ? fmt::format("to {} ({})", a.destination->name, a.destination->code)
                               : std::string("to any destination outside the US");
  out += fmt::format("Licence required {}: {}\n", where,
                     !a.is_export                       ? "not an export"
                     : a.licence_required == Truth::yes ? "yes"
                     : a.licence_required == Truth::no  ? "no"
                                                        : "undetermined");
  for (const std::string& note : a.notes)
    out += "  - " + note + "\n";
  out += "Not legal advice: check the Federal Register text before relying on this.\n";
  return out;
}

std::string render_model_json(const ModelAssessment& a) {
  using json = nlohmann::ordered_json;
  json out;
  out["tool"] = std::string("tpp ") + version_string;
  detail::add_rules_audit(out);
  out["as_of"] = to_string(a.as_of);
  out["training_ops"] = a.input.training_ops.to_double();
  out["training_ops_exact"] = to_string(a.input.training_ops);
  out["published"] = a.input.published;
  out["derived_from_ops"] =
      a.input.derived_from_ops ? json(to_string(*a.input.derived_from_ops)) : json(nullptr);
  out["eccn"] = a.eccn ? json(std::string(*a.eccn)) : json(nullptr);
  out["status"] = std::string(to_string(a.status));
  out["codified"] = a.codified;
  out["enforced"] = a.enforced;
  out["destination"] = a.destination != nullptr ? json(a.destination->code) : json(nullptr);
  out["is_export"] = a.is_export;
  out["licence_required"] = a.licence_required == Truth::yes  ? json(true)
                            : a.licence_required == Truth::no ? json(false)
                                                              : json(nullptr);
  out["citation"] = a.rule != nullptr ? json(std::string(a.rule->citation)) : json(nullptr);
  out["tests"] = a.tests;
  out["missing_inputs"] = a.missing_inputs;
  out["notes"] = a.notes;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tpp
