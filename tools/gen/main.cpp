// tpp-gen: deterministic test data for benchmarks and scale tests.
//   tpp-gen shipments N [SEED] > shipments.csv
#include <cstdlib>
#include <iostream>
#include <string>

#include "generators.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 3 || std::string(argv[1]) != "shipments") {
    std::cerr << "usage: tpp-gen shipments COUNT [SEED]\n";
    return 2;
  }
  char* end = nullptr;
  const unsigned long long count = std::strtoull(argv[2], &end, 10);
  if (*end != '\0') {
    std::cerr << "tpp-gen: COUNT = " << argv[2] << ": not a whole number\n";
    return 2;
  }
  const unsigned long long seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 42;
  tpp::gen::write_shipments(std::cout, count, seed);
  return 0;
}
