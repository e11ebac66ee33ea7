// Building a spec from loose values (command-line options, Python keyword arguments), with
// errors that name the value the way the caller's user typed it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tpp/error.hpp"
#include "tpp/spec.hpp"

namespace tpp {

/// A value as typed, and how to name it in an error ("--area", "die_area_mm2").
struct LabeledText {
  std::string label;
  std::string text;
};

struct AdhocThroughput {
  std::string label;      ///< e.g. "--tops"
  std::string precision;  ///< "fp8", "tf32", "8"
  std::string tops;       ///< "296"
  bool sparse = false;
};

struct AdhocInput {
  std::string name = "ad-hoc spec";
  std::vector<AdhocThroughput> throughput;
  std::optional<LabeledText> die_area_mm2;  ///< one die
  bool planar = false;                      ///< the die is on a planar node
  bool datacenter = true;
  std::optional<LabeledText> io_bidirectional_gbps;
};

/// One processing unit with the given throughput, one logic die; validated.
Result<ChipSpec> make_adhoc_spec(const AdhocInput& input);

}  // namespace tpp
