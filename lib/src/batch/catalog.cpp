// The catalog pipeline: read in chunks cut at record boundaries, classify chunks on a pool of
// threads, write the results in input order. Memory: about (2 x threads + 1) chunks.
#include "tpp/batch/catalog.hpp"

#include <simdjson.h>
#include <unistd.h>

#include <fmt/format.h>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <spanstream>
#include <thread>

#include "batch/catalog_internal.hpp"
#include "tpp/data/csv.hpp"
#include "tpp/data/database.hpp"
#include "tpp/data/io.hpp"

namespace tpp::detail {

Result<FlatColumns> flat_columns(const std::vector<std::string_view>& fields);
void process_jsonl_chunk(std::string_view chunk, std::size_t first_line, ChunkWork& work,
                         simdjson::ondemand::parser& parser, const CatalogContext& context,
                         ChunkResult& result);
void process_flat_csv_chunk(std::string_view chunk, std::size_t first_line,
                            const FlatColumns& columns, ChunkWork& work,
                            const CatalogContext& context, ChunkResult& result);
bool is_epoch_header(const std::vector<std::string_view>& fields);
CatalogRecord epoch_record(const CsvHeader& header, const std::vector<std::string_view>& fields,
                           std::size_t line, const CatalogOptions& options);
CatalogRecord single_path_record(std::string_view text, std::size_t line,
                                 const CatalogOptions& options);

}  // namespace tpp::detail

namespace tpp {
namespace {

using namespace tpp::detail;

struct Chunk {
  std::string data;  // records, then SIMDJSON_PADDING spare bytes
  std::size_t size = 0;
  std::size_t first_line = 1;
  std::size_t sequence = 0;
};

class Progress {
 public:
  Progress(std::ostream& err, bool on) : err_(err), on_(on), start_(clock::now()), last_(start_) {}
  void update(std::size_t records, std::size_t bytes) {
    if (!on_) return;
    const auto now = clock::now();
    if (now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    shown_ = true;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    err_ << fmt::format("\rtpp catalog: {} records, {:.0f} MB, {:.0f} MB/s   ", records,
                        static_cast<double>(bytes) / 1e6,
                        static_cast<double>(bytes) / 1e6 / seconds)
         << std::flush;
  }
  ~Progress() {
    if (shown_) err_ << "\n";
  }

 private:
  using clock = std::chrono::steady_clock;
  std::ostream& err_;
  bool on_;
  bool shown_ = false;
  clock::time_point start_;
  clock::time_point last_;
};

// Runs `process` over chunks on `threads` workers (inline when 1) and writes results in order.
// Input and output buffers are recycled, so steady state allocates nothing. A record longer
// than kMaxRecordBytes becomes an error record (`oversize` writes it) and reading goes on after
// it; a read error, a failed write or a worker's exception stops the run and is returned.
template <class Process, class Oversize>
Result<void> run_chunks(InputFile& input, std::size_t first_line, bool csv, unsigned threads,
                        std::size_t chunk_bytes, Process process, Oversize oversize,
                        std::ostream& out, RecordNumbers& numbers, CatalogStats& stats,
                        std::vector<std::string>& errors, Progress& progress) {
  std::istream& in = input.stream();
  std::exception_ptr failure;  // a worker's exception, raised again on this thread
  bool write_failed = false;
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Chunk> queue;
  std::map<std::size_t, ChunkResult> done;
  std::vector<std::string> spare_inputs;
  std::vector<std::string> spare_outputs;
  std::size_t next_to_write = 0;
  // Output bytes per input byte so far, in thousandths: a chunk's output buffer is sized from
  // it (the fields chosen make it anything from about 0.6 to 1.9), starting at 1.5.
  std::size_t output_permille = 1500;
  std::size_t input_written = 0, output_written = 0;
  std::size_t submitted = 0;
  bool finished = false;
  const std::size_t max_in_flight = 2 * threads;

  const auto take = [](std::vector<std::string>& pool) {
    if (pool.empty()) return std::string();
    std::string buffer = std::move(pool.back());
    pool.pop_back();
    return buffer;
  };
  const auto write_ready = [&](std::unique_lock<std::mutex>& lock) {
    while (!done.empty() && done.begin()->first == next_to_write) {
      ChunkResult result = std::move(done.begin()->second);
      done.erase(done.begin());
      ++next_to_write;
      lock.unlock();
      numbers.write(out, result.output, result.row_starts);
      write_failed = write_failed || !out;
      stats.records += result.records;
      stats.failed += result.failed;
      stats.lean += result.lean;
      for (std::string& e : result.first_errors) {
        if (errors.size() < 10) errors.push_back(std::move(e));
      }
      progress.update(stats.records, stats.bytes);
      input_written += result.input_bytes;
      output_written += result.output.size();
      result.output.clear();
      result.row_starts.clear();
      lock.lock();
      if (input_written > 0) output_permille = output_written * 1000 / input_written + 1;
      spare_outputs.push_back(std::move(result.output));
      ready.notify_all();
    }
  };
  const auto run_one = [&](Chunk& chunk, ChunkWork& work, simdjson::ondemand::parser& parser) {
    ChunkResult result;
    std::size_t permille = 0;
    {
      std::unique_lock lock(mutex);
      result.output = take(spare_outputs);
      permille = output_permille;
    }
    result.input_bytes = chunk.size;
    result.output.reserve(chunk.size / 1000 * permille + chunk.size / 16 + 4096);
    try {
      process(std::string_view(chunk.data.data(), chunk.size), chunk.first_line, work, parser,
              result);
    } catch (...) {
      std::unique_lock lock(mutex);
      if (!failure) failure = std::current_exception();
    }
    std::unique_lock lock(mutex);
    done.emplace(chunk.sequence, std::move(result));
    spare_inputs.push_back(std::move(chunk.data));
    ready.notify_all();
  };

  std::vector<std::thread> workers;
  if (threads > 1) {
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        ChunkWork work;
        simdjson::ondemand::parser parser;
        for (;;) {
          Chunk chunk;
          {
            std::unique_lock lock(mutex);
            ready.wait(lock, [&] { return !queue.empty() || finished; });
            if (queue.empty()) return;
            chunk = std::move(queue.front());
            queue.pop_front();
          }
          run_one(chunk, work, parser);
        }
      });
    }
  }

  ChunkWork inline_work;
  simdjson::ondemand::parser inline_parser;
  std::string carry;
  std::size_t line = first_line;
  bool eof = false;
  bool skipping = false;  // inside an over-long record: drop bytes up to its end
  std::size_t skipped = 0;
  constexpr std::size_t kMaxSkippedBytes = 3 * kMaxRecordBytes;
  std::optional<Error> stop;  // ends the run once the workers are done
  // Writes every chunk submitted so far (in order) before an out-of-band record.
  const auto drain = [&] {
    std::unique_lock lock(mutex);
    while (next_to_write < submitted) {
      ready.wait(lock, [&] { return !done.empty() && done.begin()->first == next_to_write; });
      write_ready(lock);
    }
  };
  while ((!eof || !carry.empty()) && !write_failed) {
    {
      std::unique_lock lock(mutex);
      if (failure) break;
    }
    Chunk chunk;
    {
      std::unique_lock lock(mutex);
      chunk.data = take(spare_inputs);
    }
    const std::size_t have = carry.size();
    chunk.data.resize(std::max(chunk_bytes, have + 1) + simdjson::SIMDJSON_PADDING);
    std::memcpy(chunk.data.data(), carry.data(), have);
    std::size_t size = have;
    if (!eof) {
      in.read(chunk.data.data() + size,
              static_cast<std::streamsize>(chunk.data.size() - simdjson::SIMDJSON_PADDING - size));
      size += static_cast<std::size_t>(in.gcount());
      if (in.bad()) break;  // a read error: reported below, never taken for the end
      if (!in) eof = true;
    }
    stats.bytes += size - have;
    std::string_view view(chunk.data.data(), size);
    if (skipping) {
      // The rest of an over-long record: drop it up to its line end. An input with no line end
      // for this long is not line-structured (say, /dev/zero): the run stops rather than read
      // it forever.
      const std::size_t end = view.find('\n');
      if (end == std::string_view::npos) {
        carry.clear();
        skipped += size;
        if (skipped > kMaxSkippedBytes) {
          stop = Error{errc::invalid_argument, "input", "",
                       fmt::format("no line end within {} MiB: not a catalog of records",
                                   (kMaxSkippedBytes + kMaxRecordBytes) >> 20)};
          break;
        }
        if (eof) break;
        continue;
      }
      skipped = 0;
      skipping = false;
      line += 1;
      carry.assign(view.substr(end + 1));
      continue;
    }
    const std::size_t cut = eof ? size : (csv ? cut_csv(view) : cut_jsonl(view));
    if (cut == 0) {
      if (eof) break;
      if (size >= kMaxRecordBytes) {
        // One record longer than any tpp reads: an error record, then on after its end.
        drain();
        numbers.write(out, oversize(line), {0});
        ++stats.records;
        ++stats.failed;
        if (errors.size() < 10) {
          errors.push_back(fmt::format("line {}: record longer than {} MiB: skipped", line,
                                       kMaxRecordBytes >> 20));
        }
        skipping = true;
        carry.clear();
        continue;
      }
      carry.assign(view);  // one record longer than a chunk: read on into a bigger one
      chunk_bytes *= 2;
      continue;
    }
    carry.assign(view.substr(cut));
    chunk.size = cut;
    chunk.first_line = line;
    line += count_lines(view.substr(0, cut));
    std::memset(chunk.data.data() + cut, 0,
                std::min(chunk.data.size() - cut, simdjson::SIMDJSON_PADDING));
    chunk.sequence = submitted++;
    if (threads <= 1) {
      run_one(chunk, inline_work, inline_parser);
      std::unique_lock lock(mutex);
      write_ready(lock);
      continue;
    }
    std::unique_lock lock(mutex);
    queue.push_back(std::move(chunk));
    ready.notify_all();
    // Bound the chunks in flight: write finished ones (in order) until there is room.
    for (;;) {
      write_ready(lock);
      if (submitted - next_to_write <= max_in_flight) break;
      ready.wait(lock, [&] { return !done.empty() && done.begin()->first == next_to_write; });
    }
  }
  {
    std::unique_lock lock(mutex);
    finished = true;
    ready.notify_all();
    while (next_to_write < submitted) {
      ready.wait(lock, [&] { return !done.empty() && done.begin()->first == next_to_write; });
      write_ready(lock);
    }
  }
  for (std::thread& worker : workers)
    worker.join();
  if (failure) std::rethrow_exception(failure);
  if (stop) return tpp::unexpected(std::move(*stop));
  if (auto ok = input.check(); !ok) return ok;
  if (write_failed || !out) {
    auto written = check_written(out, "");
    return written ? fail(errc::io_error, "output", "", "write failed") : written;
  }
  return {};
}

}  // namespace

Options CatalogOptions::report_options() const {
  Options options{as_of, tf32_bits, destination};
  options.origin = origin;
  options.headquarters = headquarters;
  options.details = false;
  return options;
}

CatalogRecord catalog_record(const Report& report, std::size_t line) {
  CatalogRecord record;
  if (report.destination) record.licence = summarize(*report.destination);
  record.line = line;
  record.id = report.spec->id;
  record.name = report.spec->name;
  record.kind = std::string(to_string(report.spec->kind));
  record.tpp = report.metrics.tpp;
  record.density_state = report.metrics.density.state;
  if (record.density_state == DensityState::known)
    record.density = report.metrics.density.value.to_double();
  record.h100_equivalents = report.h100_equivalents;
  record.datacenter = report.spec->datacenter.value;
  record.basis = report.basis;
  record.regime = report.classification.paragraphs_effective;
  const Classification& c = report.classification;
  record.own.status = c.status;
  if (c.eccn) record.own.eccn = std::string(*c.eccn);
  if (c.paragraph) record.own.paragraph = std::string(*c.paragraph);
  for (std::string_view p : c.paragraphs)
    record.own.paragraphs.emplace_back(p);
  for (std::string_view p : c.possible_paragraphs)
    record.own.possible_paragraphs.emplace_back(p);
  record.own.missing_inputs = c.missing_inputs;
  for (std::string_view e : c.licence_exceptions)
    record.own.licence_exceptions.emplace_back(e);
  return record;
}

std::vector<CatalogRecord> classify_jsonl_block(std::string_view text, std::size_t first_line,
                                                const CatalogOptions& options) {
  CatalogContext context{
      options, BatchClassifier(options.as_of), "", h100_reference_tpp().to_double(), false, "", {}};
  prepare_tails(context);
  std::string padded(text);
  padded.append(simdjson::SIMDJSON_PADDING, '\0');
  ChunkWork work;
  simdjson::ondemand::parser parser;
  ChunkResult ignored;
  process_jsonl_chunk(std::string_view(padded.data(), text.size()), first_line, work, parser,
                      context, ignored);
  std::vector<CatalogRecord> out;
  for (const OutputRow& row : work.order) {
    if (!row.lean) {
      out.push_back(work.full[row.index]);
      continue;
    }
    const LeanRow& lean = work.lean[row.index];
    CatalogRecord record;
    record.line = lean.line;
    record.id = work.arena.substr(lean.id_offset, lean.id_size);
    record.name = work.arena.substr(lean.name_offset, lean.name_size);
    const std::int64_t area = work.columns.area_units[lean.column];
    record.tpp = Decimal::from_units(work.columns.tpp_units[lean.column]);
    record.density_state =
        area > 0 ? DensityState::known
                 : (area == kUnknown ? DensityState::unknown : DensityState::not_applicable);
    if (area > 0) record.density = record.tpp.to_double() / Decimal::from_units(area).to_double();
    record.h100_equivalents = record.tpp.to_double() / context.h100_tpp;
    record.datacenter = work.columns.datacenter[lean.column] != 0;
    record.own = context.classifier.outcome(work.outcomes[static_cast<std::size_t>(lean.column)]);
    record.regime = context.classifier.paragraphs_effective();
    out.push_back(std::move(record));
  }
  return out;
}

namespace {

// The pipeline over `count` inputs, opened one at a time by `open(i)` (so that a missing second
// file is found after the first is written, as it was named) and named by `name_of(i)`.
template <class Open, class NameOf>
Result<CatalogStats> run_inputs(std::size_t count, Open open, NameOf name_of, std::ostream& out,
                                std::ostream& err, const CatalogOptions& options) {
  CatalogContext context{
      options, BatchClassifier(options.as_of), "", h100_reference_tpp().to_double(), false, "", {}};
  if (const auto since = context.classifier.paragraphs_effective())
    context.regime = to_string(*since);
  context.with_file = count > 1;
  context.fields = catalog_fields_written(options, context.with_file);
  prepare_tails(context);
  const unsigned threads =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  // The facts of the run once, not per record: a JSON Lines output starts with them; a CSV has
  // no place for them that every reader skips (the command can write them to a file).
  if (options.output == CatalogOutput::csv) {
    out << catalog_csv_header(context);
  } else {
    out << catalog_run_facts_json(options, context.with_file) << '\n';
  }
  CatalogStats stats;
  std::vector<std::string> errors;
  Progress progress(err, options.progress);

  const auto oversize = [&](std::size_t line) {
    CatalogRecord record;
    record.line = line;
    record.error = Error{errc::out_of_range, "record", "",
                         fmt::format("longer than {} MiB: skipped", kMaxRecordBytes >> 20)};
    std::string block;
    write_record(record, context, block);
    return block;
  };
  for (std::size_t input = 0; input < count; ++input) {
    const std::filesystem::path path = name_of(input);
    context.file = path.string();
    RecordNumbers numbers(options.output == CatalogOutput::csv);  // from 1 in every file
    Result<InputFile> file = open(input);
    if (!file) return tpp::unexpected(file.error());
    std::istream* in = &file->stream();
    std::optional<CatalogInput> format = options.input;
    const std::string ext = path.extension().string();
    if (!format && (ext == ".jsonl" || ext == ".ndjson")) format = CatalogInput::jsonl;
    if (!format && ext != ".csv") {
      return fail(
          errc::invalid_argument, "file", path.string(),
          "cannot tell the format from the extension: use .jsonl or .csv, or --input-format");
    }
    if (format == CatalogInput::jsonl) {
      auto ran = run_chunks(
          *file, 1, false, threads, options.chunk_bytes,
          [&](std::string_view chunk, std::size_t line, ChunkWork& work,
              simdjson::ondemand::parser& parser, ChunkResult& result) {
            process_jsonl_chunk(chunk, line, work, parser, context, result);
          },
          oversize, out, numbers, stats, errors, progress);
      if (!ran) return tpp::unexpected(ran.error());
      continue;
    }
    // CSV: the header decides between the flat layout and Epoch's.
    std::string header_line;
    bool header_ended = false;
    try {
      for (int c; (c = in->rdbuf()->sbumpc()) != std::char_traits<char>::eof();) {
        if (c == '\n') {
          header_ended = true;
          break;
        }
        header_line.push_back(static_cast<char>(c));
        if (header_line.size() > kMaxRecordBytes) {
          return fail(
              errc::invalid_argument, context.file + ": line 1", "",
              fmt::format("a header row longer than {} MiB: not CSV", kMaxRecordBytes >> 20));
        }
      }
    } catch (const std::exception&) {
      in->setstate(std::ios::badbit);
    }
    if (auto ok = file->check(); !ok) return tpp::unexpected(ok.error());
    if (header_line.empty() && !header_ended) {
      return fail(errc::invalid_argument, context.file + ": line 1", "",
                  "empty file: no header row");
    }
    std::ispanstream header_stream(std::span<const char>(header_line.data(), header_line.size()));
    CsvReader header_reader(header_stream);
    std::vector<std::string_view> header_fields;
    if (!header_reader.next(header_fields).value_or(false)) {
      return fail(errc::invalid_argument, context.file + ": line 1", "", "no header row");
    }
    std::vector<std::string> header_copy(header_fields.begin(), header_fields.end());
    const std::vector<std::string_view> header_views(header_copy.begin(), header_copy.end());
    if (format == CatalogInput::epoch || (!format && is_epoch_header(header_views))) {
      if (!is_epoch_header(header_views)) {
        return fail(errc::invalid_argument, context.file + ": line 1", "",
                    "not Epoch AI's ML-hardware header");
      }
      const CsvHeader header(header_views);
      if (const std::string* twice = header.duplicate()) {
        return fail(errc::invalid_argument, context.file + ": line 1", *twice,
                    "the column appears twice: which one counts would be a guess");
      }
      CsvReader reader(*in, 1 << 20, 2);  // line 1 was the header
      std::vector<std::string_view> fields;
      std::string block;
      for (;;) {
        auto got = reader.next(fields);
        if (!got && got.error().code == errc::io_error) {
          // A read error is final: what was read is written, the run fails.
          if (auto ok = file->check(); !ok) return tpp::unexpected(ok.error());
          Error error = got.error();
          error.field = context.file + ": " + error.field;
          return tpp::unexpected(std::move(error));
        }
        if (got && !*got) break;
        // A broken record (a stray quote) is an error record, and reading goes on after it.
        CatalogRecord record;
        if (got) {
          record = epoch_record(header, fields, reader.line(), options);
        } else {
          record.line = reader.line();
          record.error = got.error();
          record.error->field = "line " + std::to_string(reader.line());
        }
        ++stats.records;
        if (record.error) {
          ++stats.failed;
          if (errors.size() < 10) errors.push_back(record.error->message());
        }
        block.clear();
        write_record(record, context, block);
        numbers.write(out, block, {0});
        if (!out) return fail(errc::io_error, "output", "", "write failed");
      }
      if (auto ok = file->check(); !ok) return tpp::unexpected(ok.error());
      stats.bytes += reader.bytes_read();
      continue;
    }
    auto columns = flat_columns(header_views);
    if (!columns) {
      Error error = columns.error();
      error.field = context.file + ": " + error.field;
      return tpp::unexpected(std::move(error));
    }
    auto ran = run_chunks(
        *file, 2, true, threads, options.chunk_bytes,
        [&](std::string_view chunk, std::size_t line, ChunkWork& work, simdjson::ondemand::parser&,
            ChunkResult& result) {
          process_flat_csv_chunk(chunk, line, *columns, work, context, result);
        },
        oversize, out, numbers, stats, errors, progress);
    if (!ran) return tpp::unexpected(ran.error());
  }
  for (const std::string& e : errors)
    err << "tpp: " << e << "\n";
  if (stats.failed > errors.size())
    err << fmt::format("tpp: ... {} failed records in all\n", stats.failed);
  return stats;
}

}  // namespace

Result<CatalogStats> run_catalog(const std::vector<std::filesystem::path>& inputs,
                                 std::ostream& out, std::ostream& err,
                                 const CatalogOptions& options) {
  return run_inputs(
      inputs.size(), [&](std::size_t i) { return InputFile::open(inputs[i]); },
      [&](std::size_t i) { return inputs[i]; }, out, err, options);
}

Result<CatalogStats> run_catalog(std::istream& in, const std::string& name, std::ostream& out,
                                 std::ostream& err, const CatalogOptions& options) {
  if (!options.input) {
    return fail(errc::invalid_argument, "input_format", "",
                "a stream has no extension to tell its format by: give it");
  }
  return run_inputs(
      1, [&](std::size_t) -> Result<InputFile> { return InputFile::borrow(in, name); },
      [&](std::size_t) { return std::filesystem::path(name); }, out, err, options);
}

}  // namespace tpp
