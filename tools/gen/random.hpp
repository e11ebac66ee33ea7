// The generators' random numbers: splitmix64, small, fast and the same everywhere, so a seed
// gives the same bytes on every machine and standard library.
#pragma once

#include <cstdint>

namespace tpp::gen {

struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// In [0, n).
  std::uint64_t below(std::uint64_t n) { return next() % n; }
};

}  // namespace tpp::gen
