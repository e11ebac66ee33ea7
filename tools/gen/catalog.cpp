#include <array>
#include <cstdio>
#include <string>

#include "generators.hpp"
#include "random.hpp"

namespace tpp::gen {
namespace {

// A decimal with six fractional digits from a count of micro-units.
std::string micro(std::int64_t units) {
  char buffer[32];
  const char* sign = units < 0 ? "-" : "";
  if (units < 0) units = -units;
  if (units % 1'000'000 == 0) {
    std::snprintf(buffer, sizeof buffer, "%s%lld", sign, static_cast<long long>(units / 1'000'000));
  } else {
    std::snprintf(buffer, sizeof buffer, "%s%lld.%06lld", sign,
                  static_cast<long long>(units / 1'000'000),
                  static_cast<long long>(units % 1'000'000));
    std::string text(buffer);
    while (text.back() == '0')
      text.pop_back();
    return text;
  }
  return buffer;
}

struct Record {
  std::string fp16, bf16, fp8, int8, area, io;
  bool datacenter = true;
  const char* bad = nullptr;  // a raw bad JSON line, or a bad cell for CSV
};

Record make(Random& random) {
  Record r;
  r.datacenter = random.below(10) != 0;
  const std::uint64_t kind = random.below(100);
  if (kind < 10) {
    // On or beside a line: fp8 at T/8 (TPP thresholds) or an area giving density exactly t.
    static constexpr std::int64_t kTppLines[] = {4800, 2400, 1600};
    const std::int64_t step = static_cast<std::int64_t>(random.below(3)) - 1;  // -1, 0, +1 micro
    if (kind < 5) {
      r.fp8 = micro(kTppLines[random.below(3)] * 1'000'000 / 8 + step);
      r.area = micro(static_cast<std::int64_t>(200 + random.below(800)) * 1'000'000);
    } else {
      r.fp8 = "296";  // TPP 2368: density 5.92 at 400 mm2, 3.2 at 740, 1.6 at 1480
      static constexpr std::int64_t kAreas[] = {400, 740, 1480};
      r.area = micro(kAreas[random.below(3)] * 1'000'000 + step);
    }
  } else if (kind < 11) {
    static const char* kBad[] = {"negative",      "unknown-precision", "malformed",
                                 "no-throughput", "text-number",       "absurd"};
    r.bad = kBad[random.below(6)];
  } else {
    const std::int64_t fp16 =
        static_cast<std::int64_t>(random.below(2'000'000'000));  // up to 2,000 TFLOPS
    r.fp16 = micro(fp16 / 1000 * 1000);
    if (random.below(2) == 0) r.bf16 = r.fp16;
    if (random.below(2) == 0) r.fp8 = micro(fp16 / 1000 * 2000);
    if (random.below(4) == 0) r.int8 = micro(fp16 / 1000 * 2000);
    if (random.below(10) != 0)
      r.area = micro(static_cast<std::int64_t>(100 + random.below(1500)) * 1'000'000 +
                     static_cast<std::int64_t>(random.below(1'000'000)));
  }
  if (random.below(4) != 0) r.io = micro(static_cast<std::int64_t>(random.below(1800)) * 1'000'000);
  return r;
}

void json_line(std::string& out, std::size_t i, const Record& r) {
  char id[96];
  std::snprintf(id, sizeof id, "{\"id\":\"gen-%07zu\",\"name\":\"Generated chip %zu\"", i, i);
  out += id;
  if (r.bad != nullptr) {
    const std::string bad = r.bad;
    if (bad == "negative")
      out += ",\"processing_units\":[{\"throughput\":[{\"precision\":\"fp8\",\"tops\":-5}]}]}";
    if (bad == "unknown-precision")
      out += ",\"processing_units\":[{\"throughput\":[{\"precision\":\"fp7\",\"tops\":5}]}]}";
    if (bad == "malformed")
      out += ",\"processing_units\":[{\"throughput\":[{\"precision\":\"fp8\",\"tops\":5}";
    if (bad == "no-throughput") out += ",\"processing_units\":[]}";
    if (bad == "text-number")
      out += ",\"processing_units\":[{\"throughput\":[{\"precision\":\"fp8\",\"tops\":\"5\"}]}]}";
    if (bad == "absurd")
      out += ",\"processing_units\":[{\"throughput\":[{\"precision\":\"fp8\",\"tops\":5e12}]}]}";
    out += '\n';
    return;
  }
  out += r.datacenter ? ",\"datacenter\":true" : ",\"datacenter\":false";
  out += ",\"processing_units\":[{\"throughput\":[";
  bool first = true;
  const auto add = [&](const char* precision, const std::string& tops) {
    if (tops.empty()) return;
    if (!first) out += ',';
    first = false;
    out += "{\"precision\":\"";
    out += precision;
    out += "\",\"tops\":";
    out += tops;
    out += '}';
  };
  add("fp16", r.fp16);
  add("bf16", r.bf16);
  add("fp8", r.fp8);
  add("int8", r.int8);
  out += "]}]";
  if (!r.area.empty()) out += ",\"dies\":[{\"area_mm2\":" + r.area + "}]";
  if (!r.io.empty()) out += ",\"io_bidirectional_gbps\":" + r.io;
  out += "}\n";
}

void csv_line(std::string& out, std::size_t i, const Record& r) {
  char id[96];
  std::snprintf(id, sizeof id, "gen-%07zu,Generated chip %zu,", i, i);
  out += id;
  if (r.bad != nullptr) {
    const std::string bad = r.bad;
    if (bad == "negative")
      out += "true,,,-5,,,\n";
    else if (bad == "unknown-precision" || bad == "text-number")
      out += "true,,,five,,,\n";
    else if (bad == "malformed")
      out += "true,\"5,,,\n";  // an unterminated quote runs to the end: only at the end
    else if (bad == "no-throughput")
      out += "true,,,,,100,\n";
    else
      out += "true,,,5000000000000,,,\n";
    return;
  }
  out += r.datacenter ? "true," : "false,";
  out += r.fp16 + ',' + r.bf16 + ',' + r.fp8 + ',' + r.int8 + ',' + r.area + ',' + r.io + '\n';
}

}  // namespace

void write_catalog(std::ostream& out, std::size_t count, CatalogFormat format, std::uint64_t seed) {
  Random random{seed};
  std::string buffer;
  if (format == CatalogFormat::csv)
    buffer = "id,name,datacenter,fp16,bf16,fp8,int8,die_area_mm2,io_bidirectional_gbps\n";
  for (std::size_t i = 1; i <= count; ++i) {
    Record r = make(random);
    if (format == CatalogFormat::csv && r.bad != nullptr && std::string(r.bad) == "malformed") {
      r.bad = "negative";  // an unterminated quote would swallow the rest of a CSV file
    }
    if (format == CatalogFormat::jsonl) {
      json_line(buffer, i, r);
    } else {
      csv_line(buffer, i, r);
    }
    if (buffer.size() > (1 << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace tpp::gen
