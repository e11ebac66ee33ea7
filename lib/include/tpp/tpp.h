/* tpp's C interface: a small, stable ABI over the C++ library.
 *
 * Handles are opaque and freed with their tpp_*_free function. No C++ exception crosses this
 * interface. Every fallible call returns a tpp_status and, when given a tpp_error, fills it
 * with the library's message. Strings returned by accessors live as long as their handle.
 * Exact values travel as decimal strings ("15832", "2.909091") or as int64 units of 10^-7.
 *
 *   tpp_error error;
 *   tpp_report* report = NULL;
 *   if (tpp_lookup_chip("h20", "2026-11-22", &report, &error) == TPP_OK) {
 *     printf("%s %s\n", tpp_report_tpp(report), tpp_report_status(report));
 *     tpp_report_free(report);
 *   }
 */
#ifndef TPP_TPP_H
#define TPP_TPP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes; the values match tpp::errc and never change meaning. */
typedef enum tpp_status {
  TPP_OK = 0,
  TPP_INVALID_JSON = 1,
  TPP_MISSING_FIELD = 2,
  TPP_UNKNOWN_FIELD = 3,
  TPP_WRONG_TYPE = 4,
  TPP_INVALID_NUMBER = 5,
  TPP_OUT_OF_RANGE = 6,
  TPP_UNKNOWN_PRECISION = 7,
  TPP_DUPLICATE_PRECISION = 8,
  TPP_NO_THROUGHPUT = 9,
  TPP_UNKNOWN_CHIP = 10,
  TPP_INVALID_ARGUMENT = 11,
  TPP_IO_ERROR = 12,
  TPP_INTERNAL = 13,
  TPP_AMBIGUOUS_CHIP = 14
} tpp_status;

/** Caller-owned error details. */
typedef struct tpp_error {
  tpp_status code;
  char message[512]; /**< "field = value: reason", NUL-terminated, truncated if longer */
} tpp_error;

/** "0.1.0" */
const char* tpp_version(void);

/* --- Single chips ---------------------------------------------------------------------- */

typedef struct tpp_report tpp_report;

/** Classifies a spec given as JSON (the chips/ format) under the rules on `as_of`
 *  ("YYYY-MM-DD", or NULL for today). */
tpp_status tpp_classify_json(const char* spec_json, size_t length, const char* as_of,
                             tpp_report** out, tpp_error* error);

/** Looks up a bundled chip by id or alias and classifies it. */
tpp_status tpp_lookup_chip(const char* name, const char* as_of, tpp_report** out, tpp_error* error);

const char* tpp_report_id(const tpp_report* report);
const char* tpp_report_tpp(const tpp_report* report);            /**< exact, e.g. "2368" */
double tpp_report_performance_density(const tpp_report* report); /**< NaN when unknown/n.a. */
double tpp_report_h100_equivalents(const tpp_report* report);
const char* tpp_report_eccn(const tpp_report* report);      /**< "3A090.a", or "" */
const char* tpp_report_paragraph(const tpp_report* report); /**< "3A090.a.1", or "" */
const char* tpp_report_status(const tpp_report* report);    /**< "controlled", ... */

/** The report as one JSON line (the fields of `tpp show --json`) into a caller-owned buffer.
 *  Returns the length it needs (without the NUL); writes nothing past `capacity`. */
size_t tpp_report_json(const tpp_report* report, char* buffer, size_t capacity);

void tpp_report_free(tpp_report* report);

/* --- Batches ---------------------------------------------------------------------------- */

typedef struct tpp_batch tpp_batch;

/** A batch classifier for the rules in force on `as_of` (NULL: today). */
tpp_status tpp_batch_new(const char* as_of, tpp_batch** out, tpp_error* error);

/** Exact decimal text ("4799.999999") to 10^-7 units, for the columns below. */
tpp_status tpp_decimal_units(const char* text, int64_t* units, tpp_error* error);

/** Sentinels for the area and I/O columns. */
#define TPP_UNKNOWN (-1)
#define TPP_NOT_APPLICABLE (-2)

/** Classifies `count` ICs given as columns of 10^-7 units (TPP; applicable die area, or a
 *  sentinel; bidirectional I/O in GB/s, or TPP_UNKNOWN) and datacenter flags (1/0). Writes an
 *  outcome index per row; tpp_batch_outcome_* describe it. */
tpp_status tpp_batch_classify(const tpp_batch* batch, const int64_t* tpp_units,
                              const int64_t* area_units, const int64_t* io_units,
                              const uint8_t* datacenter, size_t count, uint16_t* outcomes,
                              tpp_error* error);

const char* tpp_batch_outcome_eccn(const tpp_batch* batch, uint16_t outcome);
const char* tpp_batch_outcome_paragraph(const tpp_batch* batch, uint16_t outcome);
const char* tpp_batch_outcome_status(const tpp_batch* batch, uint16_t outcome);

void tpp_batch_free(tpp_batch* batch);

#ifdef __cplusplus
}
#endif

#endif /* TPP_TPP_H */
