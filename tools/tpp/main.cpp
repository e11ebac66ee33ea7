// `tpp`: see cli.cpp; this file only connects it to the process's streams.
#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return tpp::cli::run(argc, argv, std::cout, std::cerr);
}
