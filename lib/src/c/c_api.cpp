// The C interface (tpp.h): thin wrappers that turn Results into status codes and keep every
// exception on this side.
#include "tpp/tpp.h"

#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <string>

#include "tpp/tpp.hpp"

struct tpp_report {
  tpp::Report report;
  std::string id;
  std::string tpp;
  std::string eccn;
  std::string paragraph;
  std::string status;
};

struct tpp_batch {
  tpp::BatchClassifier classifier;
};

namespace {

tpp_status set_error(tpp_error* error, tpp_status code, const std::string& message) {
  if (error != nullptr) {
    error->code = code;
    std::strncpy(error->message, message.c_str(), sizeof error->message - 1);
    error->message[sizeof error->message - 1] = '\0';
  }
  return code;
}

tpp_status from(const tpp::Error& e, tpp_error* error) {
  return set_error(error, static_cast<tpp_status>(e.code), e.message());
}

tpp::Result<tpp::Options> options_of(const char* as_of) {
  tpp::Options options;
  if (as_of != nullptr) {
    auto date = tpp::parse_date(as_of, "as_of");
    if (!date) return tpp::unexpected(date.error());
    options.as_of = *date;
  }
  return options;
}

// Runs `body`, turning any escaping exception into TPP_INTERNAL.
template <class Body>
tpp_status guarded(tpp_error* error, Body body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return set_error(error, TPP_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return set_error(error, TPP_INTERNAL, "internal error");
  }
}

tpp_status finish(tpp::Result<tpp::Report> report, tpp_report** out, tpp_error* error) {
  if (!report) return from(report.error(), error);
  auto* handle = new tpp_report{std::move(*report), {}, {}, {}, {}, {}};
  const tpp::Classification& c = handle->report.classification;
  handle->id = handle->report.spec->id;
  handle->tpp = tpp::to_string(handle->report.metrics.tpp);
  handle->eccn = c.eccn ? std::string(*c.eccn) : "";
  handle->paragraph = c.paragraph ? std::string(*c.paragraph) : "";
  handle->status = std::string(tpp::to_string(c.status));
  *out = handle;
  return TPP_OK;
}

}  // namespace

extern "C" {

const char* tpp_version(void) {
  return tpp::version_string;
}

tpp_status tpp_classify_json(const char* spec_json, size_t length, const char* as_of,
                             tpp_report** out, tpp_error* error) {
  return guarded(error, [&] {
    if (spec_json == nullptr || out == nullptr) {
      return set_error(error, TPP_INVALID_ARGUMENT, "spec_json and out must not be NULL");
    }
    *out = nullptr;
    auto options = options_of(as_of);
    if (!options) return from(options.error(), error);
    auto spec = tpp::read_spec_json(std::string_view(spec_json, length));
    if (!spec) return from(spec.error(), error);
    return finish(tpp::evaluate(*spec, *options), out, error);
  });
}

tpp_status tpp_lookup_chip(const char* name, const char* as_of, tpp_report** out,
                           tpp_error* error) {
  return guarded(error, [&] {
    if (name == nullptr || out == nullptr) {
      return set_error(error, TPP_INVALID_ARGUMENT, "name and out must not be NULL");
    }
    *out = nullptr;
    auto options = options_of(as_of);
    if (!options) return from(options.error(), error);
    auto chip = tpp::ChipDatabase::bundled().find_shared(name);
    if (!chip) return from(chip.error(), error);
    return finish(tpp::evaluate(*chip, *options), out, error);
  });
}

const char* tpp_report_id(const tpp_report* report) {
  return report ? report->id.c_str() : "";
}
const char* tpp_report_tpp(const tpp_report* report) {
  return report ? report->tpp.c_str() : "";
}
double tpp_report_performance_density(const tpp_report* report) {
  if (report == nullptr || report->report.metrics.density.state != tpp::DensityState::known) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return report->report.metrics.density.value.to_double();
}
double tpp_report_h100_equivalents(const tpp_report* report) {
  return report ? report->report.h100_equivalents : 0.0;
}
const char* tpp_report_eccn(const tpp_report* report) {
  return report ? report->eccn.c_str() : "";
}
const char* tpp_report_paragraph(const tpp_report* report) {
  return report ? report->paragraph.c_str() : "";
}
const char* tpp_report_status(const tpp_report* report) {
  return report ? report->status.c_str() : "";
}

size_t tpp_report_json(const tpp_report* report, char* buffer, size_t capacity) {
  if (report == nullptr) return 0;
  try {
    const std::string json = tpp::render_json(report->report);
    if (buffer != nullptr && capacity > 0) {
      const size_t n = json.size() < capacity - 1 ? json.size() : capacity - 1;
      std::memcpy(buffer, json.data(), n);
      buffer[n] = '\0';
    }
    return json.size();
  } catch (...) {
    return 0;
  }
}

void tpp_report_free(tpp_report* report) {
  delete report;
}

tpp_status tpp_batch_new(const char* as_of, tpp_batch** out, tpp_error* error) {
  return guarded(error, [&] {
    if (out == nullptr) return set_error(error, TPP_INVALID_ARGUMENT, "out must not be NULL");
    *out = nullptr;
    auto options = options_of(as_of);
    if (!options) return from(options.error(), error);
    *out = new tpp_batch{tpp::BatchClassifier(options->as_of.value_or(tpp::today()))};
    return TPP_OK;
  });
}

tpp_status tpp_decimal_units(const char* text, int64_t* units, tpp_error* error) {
  return guarded(error, [&] {
    if (text == nullptr || units == nullptr) {
      return set_error(error, TPP_INVALID_ARGUMENT, "text and units must not be NULL");
    }
    auto value = tpp::parse_decimal(text, "decimal");
    if (!value) return from(value.error(), error);
    *units = value->units();
    return TPP_OK;
  });
}

tpp_status tpp_batch_classify(const tpp_batch* batch, const int64_t* tpp_units,
                              const int64_t* area_units, const int64_t* io_units,
                              const uint8_t* datacenter, size_t count, uint16_t* outcomes,
                              tpp_error* error) {
  return guarded(error, [&] {
    if (batch == nullptr || outcomes == nullptr ||
        (count > 0 && (tpp_units == nullptr || area_units == nullptr || io_units == nullptr ||
                       datacenter == nullptr))) {
      return set_error(error, TPP_INVALID_ARGUMENT, "batch, columns and outcomes must not be NULL");
    }
    // The caller's arrays, read in place.
    const auto n = static_cast<std::size_t>(count);
    tpp::BatchColumnsView columns;
    columns.tpp_units = {tpp_units, n};
    columns.area_units = {area_units, n};
    columns.io_units = {io_units, n};
    columns.datacenter = {datacenter, n};
    auto ran = batch->classifier.classify(columns, std::span<std::uint16_t>(outcomes, count));
    if (!ran) return from(ran.error(), error);
    return TPP_OK;
  });
}

const char* tpp_batch_outcome_eccn(const tpp_batch* batch, uint16_t outcome) {
  if (batch == nullptr || outcome >= batch->classifier.outcome_count()) return "";
  return batch->classifier.outcome(outcome).eccn.c_str();
}
const char* tpp_batch_outcome_paragraph(const tpp_batch* batch, uint16_t outcome) {
  if (batch == nullptr || outcome >= batch->classifier.outcome_count()) return "";
  return batch->classifier.outcome(outcome).paragraph.c_str();
}
const char* tpp_batch_outcome_status(const tpp_batch* batch, uint16_t outcome) {
  if (batch == nullptr || outcome >= batch->classifier.outcome_count()) return "";
  return tpp::to_string(batch->classifier.outcome(outcome).status).data();
}

void tpp_batch_free(tpp_batch* batch) {
  delete batch;
}

}  // extern "C"
