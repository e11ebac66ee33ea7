#include "compare_command.hpp"

#include "command_support.hpp"

namespace tpp::cli {

Result<std::string> run_compare(const Common& common, const std::vector<std::string>& names) {
  auto format = output_format_of(common);
  if (!format) return tpp::unexpected(format.error());
  if (names.size() < 2) {
    return fail(errc::invalid_argument, "chip", names.empty() ? "" : names.front(),
                "compare needs at least two chips or systems, e.g. tpp compare cloudmatrix-384 "
                "gb200-nvl72");
  }
  // The same options and the same evaluate() as `tpp show`: a cell cannot disagree with it.
  auto options = options_of(common);
  if (!options) return tpp::unexpected(options.error());
  auto chips = chips_of(names, SpecArgs{});
  if (!chips) return tpp::unexpected(chips.error());
  auto comparison = compare(*chips, *options);
  if (!comparison) return tpp::unexpected(comparison.error());
  switch (*format) {
    case OutputFormat::json: return render_compare_json(*comparison) + "\n";
    case OutputFormat::csv: return render_compare_csv(*comparison);
    case OutputFormat::text: break;
  }
  return render_compare(*comparison);
}

}  // namespace tpp::cli
