// A program outside the tpp tree that uses the library as a consumer would.
#include <iostream>

#include "tpp/tpp.hpp"

int main() {
  auto h20 = tpp::ChipDatabase::bundled().find_shared("h20");
  if (!h20) return 2;
  auto report = tpp::evaluate(*h20, {.as_of = tpp::parse_date("2026-11-22").value()});
  if (!report) return 2;
  std::cout << "consumer: tpp " << tpp::version_string << ", h20 TPP "
            << tpp::to_string(report->metrics.tpp) << " "
            << tpp::to_string(report->classification.status) << "\n";
  return 0;
}
