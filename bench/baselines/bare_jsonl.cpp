// Baseline for the catalog's JSON Lines throughput: one simdjson iterate_many pass over a file
// of chip records, extracting the fields `tpp catalog` reads (id, name, datacenter, every
// precision and its TOPS, die areas, I/O bandwidth) and nothing else: no decimal parsing, no
// classification, no output but a checksum. `tpp catalog` can at best approach this.
//   usage: bare_jsonl FILE
#include <simdjson.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bare_jsonl FILE\n");
    return 2;
  }
  simdjson::padded_string text;
  if (simdjson::padded_string::load(argv[1]).get(text)) {
    std::fprintf(stderr, "bare_jsonl: cannot read %s\n", argv[1]);
    return 2;
  }
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream stream;
  if (parser.iterate_many(text, 1 << 20).get(stream)) return 2;
  std::size_t records = 0, bad = 0, id_bytes = 0;
  double sum = 0;
  for (auto doc : stream) {
    ++records;
    simdjson::ondemand::object object;
    if (doc.get_object().get(object)) {
      ++bad;
      continue;
    }
    for (auto field : object) {
      std::string_view key;
      if (field.unescaped_key().get(key)) {
        ++bad;
        break;
      }
      auto value = field.value();
      if (key == "id" || key == "name") {
        std::string_view s;
        if (!value.get_string().get(s)) id_bytes += s.size();
      } else if (key == "datacenter") {
        bool b = false;
        if (!value.get_bool().get(b)) sum += b;
      } else if (key == "io_bidirectional_gbps") {
        double d = 0;
        if (!value.get_double().get(d)) sum += d;
      } else if (key == "processing_units") {
        simdjson::ondemand::array units;
        if (value.get_array().get(units)) continue;
        for (auto unit : units) {
          simdjson::ondemand::array throughput;
          if (unit["throughput"].get_array().get(throughput)) continue;
          for (auto entry : throughput) {
            std::string_view precision;
            double tops = 0;
            if (!entry["precision"].get_string().get(precision)) id_bytes += precision.size();
            if (!entry["tops"].get_double().get(tops)) sum += tops;
          }
        }
      } else if (key == "dies") {
        simdjson::ondemand::array dies;
        if (value.get_array().get(dies)) continue;
        for (auto die : dies) {
          double area = 0;
          if (!die["area_mm2"].get_double().get(area)) sum += area;
        }
      }
    }
  }
  std::printf("%zu records, %zu not objects, checksum %.3f %zu\n", records, bad, sum, id_bytes);
  return 0;
}
