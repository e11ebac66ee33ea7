/* The C interface, from C: lookups, ad-hoc specs, errors and a batch. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tpp/tpp.h"

static int failures = 0;
#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

int main(void) {
  tpp_error error;
  tpp_report* report = NULL;

  CHECK(strlen(tpp_version()) > 0);

  CHECK(tpp_lookup_chip("H20", "2026-11-22", &report, &error) == TPP_OK);
  CHECK(strcmp(tpp_report_id(report), "h20") == 0);
  CHECK(strcmp(tpp_report_tpp(report), "2368") == 0);
  CHECK(fabs(tpp_report_performance_density(report) - 2.909091) < 1e-6);
  CHECK(strcmp(tpp_report_eccn(report), "") == 0);
  CHECK(strcmp(tpp_report_status(report), "not-controlled") == 0);
  char small[16];
  const size_t needed = tpp_report_json(report, small, sizeof small);
  CHECK(needed > sizeof small && strlen(small) == sizeof small - 1);
  char json[16384];
  CHECK(tpp_report_json(report, json, sizeof json) == needed);
  CHECK(strstr(json, "\"tpp\":2368") != NULL);
  tpp_report_free(report);

  const char* spec =
      "{\"id\":\"x\",\"processing_units\":[{\"throughput\":[{\"precision\":\"int8\",\"tops\":600}]}"
      "]}";
  CHECK(tpp_classify_json(spec, strlen(spec), "2026-11-22", &report, &error) == TPP_OK);
  CHECK(strcmp(tpp_report_paragraph(report), "3A090.a.1") == 0);
  CHECK(isnan(tpp_report_performance_density(report)));
  tpp_report_free(report);

  const char* bad =
      "{\"id\":\"x\",\"processing_units\":[{\"throughput\":[{\"precision\":\"fp8\",\"tops\":-5}]}]"
      "}";
  report = (tpp_report*)&error; /* must be reset to NULL on failure */
  CHECK(tpp_classify_json(bad, strlen(bad), NULL, &report, &error) == TPP_OUT_OF_RANGE);
  CHECK(report == NULL);
  CHECK(strstr(error.message, "tops = -5") != NULL);
  CHECK(tpp_lookup_chip("h2O", NULL, &report, &error) == TPP_UNKNOWN_CHIP);
  CHECK(strstr(error.message, "did you mean h20") != NULL);
  CHECK(tpp_lookup_chip("h20", "2025-02-30", &report, &error) == TPP_INVALID_ARGUMENT);
  CHECK(tpp_classify_json(NULL, 0, NULL, &report, &error) == TPP_INVALID_ARGUMENT);

  tpp_batch* batch = NULL;
  CHECK(tpp_batch_new("2026-11-22", &batch, &error) == TPP_OK);
  int64_t tpp[3], area[3], io[3];
  uint8_t datacenter[3] = {1, 1, 0};
  uint16_t outcomes[3];
  CHECK(tpp_decimal_units("4800", &tpp[0], &error) == TPP_OK);
  CHECK(tpp_decimal_units("4799.999999", &tpp[1], &error) == TPP_OK);
  CHECK(tpp_decimal_units("4799.999999", &tpp[2], &error) == TPP_OK);
  CHECK(tpp_decimal_units("1.0000001", &tpp[2], &error) == TPP_INVALID_NUMBER);
  area[0] = area[1] = area[2] = TPP_UNKNOWN;
  io[0] = io[1] = io[2] = TPP_UNKNOWN;
  CHECK(tpp_batch_classify(batch, tpp, area, io, datacenter, 3, outcomes, &error) == TPP_OK);
  CHECK(strcmp(tpp_batch_outcome_paragraph(batch, outcomes[0]), "3A090.a.1") == 0);
  CHECK(strcmp(tpp_batch_outcome_status(batch, outcomes[1]), "indeterminate") == 0);
  CHECK(strcmp(tpp_batch_outcome_status(batch, outcomes[2]), "not-controlled") == 0);
  area[0] = -7;
  CHECK(tpp_batch_classify(batch, tpp, area, io, datacenter, 3, outcomes, &error) ==
        TPP_OUT_OF_RANGE);
  CHECK(strstr(error.message, "row 0: area_units") != NULL);
  /* The audit's reproducer: INT64_MAX read past the outcome table and classified it as not
   * controlled. Values past the columns' range are refused, naming the row and the column. */
  area[0] = area[1] = area[2] = 8140000000LL;
  tpp[0] = INT64_MAX;
  CHECK(tpp_batch_classify(batch, tpp, area, io, datacenter, 3, outcomes, &error) ==
        TPP_OUT_OF_RANGE);
  CHECK(strstr(error.message, "row 0: tpp_units") != NULL);
  tpp[0] = 48000000000LL;
  io[2] = INT64_MAX;
  CHECK(tpp_batch_classify(batch, tpp, area, io, datacenter, 3, outcomes, &error) ==
        TPP_OUT_OF_RANGE);
  CHECK(strstr(error.message, "row 2: io_units") != NULL);
  datacenter[2] = 2;
  io[2] = TPP_UNKNOWN;
  CHECK(tpp_batch_classify(batch, tpp, area, io, datacenter, 3, outcomes, &error) ==
        TPP_OUT_OF_RANGE);
  /* The largest allowed TPP: 3A090.a.1, through the 128-bit path. */
  tpp[0] = INT64_MAX - 1;
  datacenter[2] = 1;
  CHECK(tpp_batch_classify(batch, tpp, area, io, datacenter, 3, outcomes, &error) == TPP_OK);
  CHECK(strcmp(tpp_batch_outcome_paragraph(batch, outcomes[0]), "3A090.a.1") == 0);
  tpp_batch_free(batch);

  if (failures == 0) printf("c api: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
