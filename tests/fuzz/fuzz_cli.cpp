// libFuzzer: the command-line parser and everything behind it. The input is split at NUL or
// newline into arguments. Arguments that could reach outside the fuzzer's sandbox (paths with
// '/', stdin "-", an output file) are refused, so the run reads only what it is given; so is
// `serve`, which listens until it is signalled.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "../../tools/tpp/commands.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args{"tpp"};
  std::string current;
  for (std::size_t i = 0; i < size && args.size() < 32; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == '\0' || c == '\n') {
      args.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) args.push_back(current);
  for (const std::string& arg : args) {
    const bool short_flags_with_o =  // "-o FILE", and "-xo FILE" should CLI11 read it as flags
        arg.size() > 1 && arg[0] == '-' && arg[1] != '-' && arg.find('o') != std::string::npos;
    if (arg.find('/') != std::string::npos || arg == "-" || short_flags_with_o ||
        arg.starts_with("--output") || arg.find("fleet") != std::string::npos ||
        arg.find("quota") != std::string::npos || arg.find("catalog") != std::string::npos ||
        arg.find("serve") != std::string::npos) {  // a server runs until signalled
      return 0;
    }
  }
  std::vector<char*> argv;
  for (std::string& arg : args)
    argv.push_back(arg.data());
  std::ostringstream out;
  std::ostringstream err;
  (void)tpp::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return 0;
}
