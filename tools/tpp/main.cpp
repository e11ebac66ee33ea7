// `tpp`: see cli.cpp; this file only connects it to the process's streams.
#include <iostream>

#include "commands.hpp"
#include "tpp/data/io.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // Standard output through a buffer that keeps why a write failed (a full disk, a closed
  // pipe), so the failure is reported with its reason and a non-zero exit.
  std::cout.rdbuf(tpp::descriptor_buffer(1));
  const int code = tpp::cli::run(argc, argv, std::cout, std::cerr);
  std::cout.flush();
  return code;
}
