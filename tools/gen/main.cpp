// tpp-gen: deterministic test data for benchmarks and scale tests.
//   tpp-gen shipments N [SEED] > shipments.csv
//   tpp-gen catalog jsonl|csv N [SEED] > catalog.jsonl
#include <cstdlib>
#include <iostream>
#include <string>

#include "generators.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::string what = argc > 1 ? argv[1] : "";
  const bool catalog = what == "catalog";
  const int at = catalog ? 3 : 2;  // where COUNT is
  if ((what != "shipments" && !catalog) || argc <= at ||
      (catalog && std::string(argv[2]) != "jsonl" && std::string(argv[2]) != "csv")) {
    std::cerr
        << "usage: tpp-gen shipments COUNT [SEED]\n       tpp-gen catalog jsonl|csv COUNT [SEED]\n";
    return 2;
  }
  char* end = nullptr;
  const unsigned long long count = std::strtoull(argv[at], &end, 10);
  if (*end != '\0') {
    std::cerr << "tpp-gen: COUNT = " << argv[at] << ": not a whole number\n";
    return 2;
  }
  const bool has_seed = argc > at + 1;
  const unsigned long long seed = has_seed ? std::strtoull(argv[at + 1], nullptr, 10) : 0;
  if (catalog) {
    const auto format = std::string(argv[2]) == "csv" ? tpp::gen::CatalogFormat::csv
                                                      : tpp::gen::CatalogFormat::jsonl;
    tpp::gen::write_catalog(std::cout, count, format, has_seed ? seed : 7);
  } else {
    tpp::gen::write_shipments(std::cout, count, has_seed ? seed : 42);
  }
  return 0;
}
