// A program outside the tpp tree that uses the library as a consumer would.
#include <cstdint>
#include <iostream>
#include <vector>

#include "tpp/tpp.hpp"

int main() {
  auto h20 = tpp::ChipDatabase::bundled().find_shared("h20");
  if (!h20) return 2;
  auto report = tpp::evaluate(*h20, {.as_of = tpp::parse_date("2026-11-22").value()});
  if (!report) return 2;
  // The batch API: columns the consumer allocates and frees (built with other flags, e.g.
  // -march=native, they must still match the library's layout).
  tpp::BatchColumns columns;
  columns.resize(2);
  columns.tpp_units = {tpp::Decimal::from_integer(4800).units(),
                       tpp::Decimal::from_integer(100).units()};
  columns.area_units = {tpp::kUnknown, tpp::kUnknown};
  columns.io_units = {tpp::kUnknown, tpp::kUnknown};
  columns.datacenter = {1, 1};
  const tpp::BatchClassifier classifier(tpp::parse_date("2026-11-22").value());
  std::vector<std::uint16_t> outcomes(columns.rows());
  if (!classifier.classify(columns, outcomes)) return 2;
  if (classifier.outcome(outcomes[0]).paragraph != "3A090.a.1") return 3;
  std::cout << "consumer: tpp " << tpp::version_string << ", h20 TPP "
            << tpp::to_string(report->metrics.tpp) << " "
            << tpp::to_string(report->classification.status) << "; batch "
            << classifier.outcome(outcomes[0]).paragraph << "\n";
  return 0;
}
