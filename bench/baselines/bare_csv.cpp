// Baseline for the catalog's CSV throughput: split each line of a flat CSV catalog at commas
// (no quoting), parse every number with std::from_chars, and write one short line per record
// (its id and the sum of its numbers). `tpp catalog` does this and classifies exactly.
//   usage: bare_csv FILE > OUT
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bare_csv FILE\n");
    return 2;
  }
  std::FILE* in = std::fopen(argv[1], "rb");
  if (in == nullptr) {
    std::fprintf(stderr, "bare_csv: cannot read %s\n", argv[1]);
    return 2;
  }
  std::vector<char> buffer(1 << 20);
  std::string carry, out;
  out.reserve(1 << 20);
  std::size_t records = 0;
  const auto line = [&](std::string_view text) {
    if (records++ == 0) return;  // the header
    std::size_t start = 0;
    std::string_view id;
    double sum = 0;
    for (std::size_t field = 0; start <= text.size(); ++field) {
      std::size_t comma = text.find(',', start);
      if (comma == std::string_view::npos) comma = text.size();
      const std::string_view cell = text.substr(start, comma - start);
      if (field == 0) {
        id = cell;
      } else if (field >= 3 && !cell.empty()) {
        double value = 0;
        std::from_chars(cell.data(), cell.data() + cell.size(), value);
        sum += value;
      }
      start = comma + 1;
    }
    out += id;
    out += ',';
    char number[32];
    out.append(number, std::to_chars(number, number + sizeof number, sum).ptr);
    out += '\n';
  };
  for (;;) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), in);
    if (got == 0) break;
    carry.append(buffer.data(), got);
    std::size_t begin = 0;
    for (std::size_t end; (end = carry.find('\n', begin)) != std::string::npos; begin = end + 1)
      line(std::string_view(carry).substr(begin, end - begin));
    carry.erase(0, begin);
    if (out.size() > (1 << 20) - 4096) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  if (!carry.empty()) line(carry);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fclose(in);
  return 0;
}
