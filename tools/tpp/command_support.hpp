// What the commands share (internal to the command line): the common options as the library's
// Options, the output format asked for, the chips a command line names or describes, and
// reports rendered one after another.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"

namespace tpp::cli {

enum class OutputFormat { text, json, csv };

/// --output-format (text, json, csv), or --json.
Result<OutputFormat> output_format_of(const Common& common);
/// --as-of, --tf32-bits, --to, --from-country, --hq, checked.
Result<Options> options_of(const Common& common);
/// A catalog run's options from the checked common options: the date, TF32's bit length, the
/// destination, origin and headquarters, and the fields (`--fields`, or `fields=` in the
/// service: a set name or a list; named `field` in an error).
Result<CatalogOptions> catalog_options_of(const Options& options, std::string_view fields,
                                          const std::string& field);
/// The chip the spec options describe (--spec, --from, --tops, ...).
Result<std::shared_ptr<const ChipSpec>> spec_of(const SpecArgs& args);
/// Bundled chips by name, or the chip the spec options describe.
Result<std::vector<std::shared_ptr<const ChipSpec>>> chips_of(const std::vector<std::string>& names,
                                                              const SpecArgs& args);
Result<std::vector<Report>> evaluate_all(const std::vector<std::shared_ptr<const ChipSpec>>& chips,
                                         const Options& options);

/// Each report rendered; text blocks separated by a blank line, JSON one per line.
template <class Render>
std::string render_each(const std::vector<Report>& reports, Render render, bool json) {
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (i > 0 && !json) out += '\n';
    out += render(reports[i]);
    if (json) out += '\n';
  }
  return out;
}

}  // namespace tpp::cli
