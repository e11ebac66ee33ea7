// The library example of docs/library.md: look up a bundled chip, classify an ad-hoc one.
#include <iostream>

#include "tpp/tpp.hpp"

int main() {
  // A bundled chip, by id or alias.
  auto h20 = tpp::ChipDatabase::bundled().find_shared("H20");
  if (!h20) return std::cerr << h20.error().message() << "\n", 2;
  auto report = tpp::evaluate(*h20, {.as_of = tpp::parse_date("2024-06-01").value()});
  if (!report) return std::cerr << report.error().message() << "\n", 2;
  std::cout << report->spec->id << ": TPP " << tpp::to_string(report->metrics.tpp) << ", status "
            << tpp::to_string(report->classification.status) << "\n";

  // An ad-hoc chip: 600 dense INT8 TOPS on an 800 mm2 die (the rule's 4800 example).
  tpp::ChipSpec spec;
  spec.name = "example";
  spec.processing_units.push_back(
      {"tensor", 1, {{{tpp::Format::int8}, tpp::parse_decimal("600").value()}}});
  spec.dies.push_back({"die", 1, tpp::Figure{tpp::parse_decimal("800").value()}});
  auto adhoc = tpp::evaluate(spec);
  if (!adhoc) return std::cerr << adhoc.error().message() << "\n", 2;
  std::cout << "example: " << *adhoc->classification.paragraph << "\n";
  std::cout << tpp::render_json(*adhoc).substr(0, 60) << "...\n";
}
