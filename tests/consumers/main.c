/* A plain C program outside the tpp tree, built with gcc and
 * $(pkg-config --cflags --libs --static tpp) alone. */
#include <stdio.h>

#include "tpp/tpp.h"

int main(void) {
  tpp_error error;
  tpp_report* report = NULL;
  if (tpp_lookup_chip("h20", "2026-11-22", &report, &error) != TPP_OK) {
    fprintf(stderr, "%s\n", error.message);
    return 2;
  }
  printf("consumer: tpp %s, h20 TPP %s %s\n", tpp_version(), tpp_report_tpp(report),
         tpp_report_status(report));
  tpp_report_free(report);
  return 0;
}
