// Fleets: lists of chips and quantities (and, for shipments, a date, a destination, a
// consignee), read as a stream, totalled exactly in TPP and H100-equivalents, each line
// classified.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "tpp/core/decimal.hpp"
#include "tpp/data/csv.hpp"
#include "tpp/rules/countries.hpp"
#include "tpp/rules/report.hpp"

namespace tpp {

enum class VeuKind : std::uint8_t { none, uveu, nveu };
std::string_view to_string(VeuKind kind) noexcept;

/// One line of a fleet or shipment file.
struct FleetLine {
  std::size_t line = 0;  ///< where it is in the file (1-based; CSV: the physical line)
  std::shared_ptr<const ChipSpec> chip;
  std::int64_t quantity = 0;
  std::optional<Date> ship_date;
  const Country* destination = nullptr;
  std::string consignee;
  std::string end_user;
  VeuKind veu = VeuKind::none;
  /// Where the end user (or its ultimate parent) is headquartered: the licence answer's
  /// headquarters test, and the UVEU US-share test. nullptr: not given.
  const Country* end_user_hq = nullptr;
  const Country* origin = nullptr;  ///< where it is exported from; nullptr: the US
};

enum class FleetFormat : std::uint8_t { csv, json, jsonl };

/// Reads fleet lines one at a time. CSV: a header row naming the columns in any order —
/// chip, quantity (required), ship_date, destination, consignee, end_user, veu, end_user_hq,
/// origin.
/// JSON: {"lines": [{...}]} with the same keys, where "spec" may replace "chip" with an inline
/// spec. JSON Lines: one such object per line (streams; JSON is read whole).
class FleetReader {
 public:
  /// By extension (.csv, .json, .jsonl/.ndjson) unless `format` is given; "-" is stdin.
  static Result<FleetReader> open(const std::filesystem::path& path,
                                  std::optional<FleetFormat> format = std::nullopt);
  static Result<FleetReader> from_string(std::string text, FleetFormat format);

  /// The next line. A bad line is an Error whose field names the line and the field
  /// ("line 7: quantity"); reading may go on after it. Empty at the end.
  Result<std::optional<FleetLine>> next();

  FleetReader(FleetReader&&) noexcept;
  FleetReader& operator=(FleetReader&&) noexcept;
  ~FleetReader();

 private:
  FleetReader();
  struct State;
  std::unique_ptr<State> state_;
};

/// H100-equivalents: by TPP (tpp's default: TPP / 15,832), or Epoch AI's convention (peak
/// dense 8-bit operations / the H100's 1,979 TOPS; a chip with no 8-bit figure counts TPP / 8).
enum class H100Convention : std::uint8_t { tpp, epoch_8bit };
std::string_view to_string(H100Convention convention) noexcept;

/// What a fleet line's chip is, computed once per chip and rule revision.
struct ChipFacts {
  Decimal tpp;
  Decimal dense_8bit_tops;  ///< the 8-bit figure (or TPP / 8) for the Epoch convention
  bool has_8bit_figure = false;
};
Result<ChipFacts> chip_facts(const ChipSpec& spec, int tf32_bits = kDefaultTf32Bits);

struct FleetBucket {
  std::int64_t quantity = 0;
  WideDecimal tpp;
  WideDecimal dense_8bit_tops;
  std::int64_t lines = 0;
};

/// One classified line.
struct FleetLineResult {
  std::size_t line = 0;
  std::string chip;
  std::int64_t quantity = 0;
  WideDecimal tpp;  ///< quantity x the chip's TPP
  double h100_equivalents = 0.0;
  std::string eccn;                                 ///< "3A090.a", "" when not controlled
  std::string paragraph;                            ///< "3A090.a.1", "indeterminate", "-"
  std::vector<std::string> classification_missing;  ///< when indeterminate: what would settle it
  Basis basis = Basis::sourced;  ///< how firm the chip's deciding figures are (estimate marked)
  Date as_of;
  std::string destination;  ///< ISO code or empty
  // The line's other input fields, as given (ISO codes for countries; empty: not given).
  std::optional<Date> ship_date;
  std::string consignee;
  std::string end_user;
  std::string veu;  ///< "uveu", "nveu" or empty
  std::string end_user_hq;
  std::string origin;
  std::optional<Truth> licence_required;  ///< when a destination is given
  std::string licence;        ///< "required", "not-required", "undetermined", "not-an-export"
  std::string licence_basis;  ///< "rule", "letter", "rule+letter" (when required)
  std::string review_policy;  ///< how BIS reviews an application there, where the rule says
  std::vector<std::string> missing_inputs;  ///< when undetermined
};

/// What the fleet could compute: operations in `days` at `utilization` of the dense rate of one
/// precision (default: bf16 where a chip has it, else fp16, else the precision that governs its
/// TPP; the report names the precision used per chip).
struct ComputeOptions {
  Decimal days;
  Decimal utilization = Decimal::from_integer(1);
  std::optional<Precision> precision;  ///< empty: the default above
};

/// One chip's share of the fleet's compute.
struct ComputeRow {
  std::string chip;
  std::string precision;      ///< used for this chip; empty when it has no figure at it
  Decimal dense_tops;         ///< per chip (systems: summed over their ICs)
  std::int64_t quantity = 0;  ///< chips in the fleet
};

struct ComputeReport {
  ComputeOptions options;
  std::vector<ComputeRow> rows;  ///< by chip id
  /// Operations in `days`, exact; empty when it overflows 128 bits (then use `operations`).
  std::optional<Operations> exact_operations;
  double operations = 0.0;                  ///< the same, for display
  std::optional<double> days_to_threshold;  ///< days to reach 10^26 at this rate
  bool reaches_threshold = false;           ///< operations ≥ 10^26 within `days` (exact)
  std::vector<std::string> missing;         ///< chips with no figure at the precision asked
};

/// Streams fleet lines in, keeps exact totals by chip, destination and consignee.
class FleetAccount {
 public:
  explicit FleetAccount(Options options = {}, H100Convention convention = H100Convention::tpp);

  /// Classifies the line (under the rules on its ship date, else the options' date) and adds it.
  Result<FleetLineResult> add(const FleetLine& line);

  /// Totals by key (hash maps: sort the keys to print them in order).
  using Buckets = std::unordered_map<std::string, FleetBucket>;
  const Buckets& by_chip() const { return by_chip_; }
  const Buckets& by_destination() const { return by_destination_; }
  const Buckets& by_consignee() const { return by_consignee_; }
  const FleetBucket& total() const { return total_; }
  H100Convention convention() const { return convention_; }
  /// H100-equivalents of a bucket under the account's convention.
  double h100_equivalents(const FleetBucket& bucket) const;

  /// Also account what the fleet could compute (`tpp fleet --days`).
  void count_compute(ComputeOptions options) { compute_ = std::move(options); }
  /// The compute report, when count_compute() was called.
  std::optional<ComputeReport> compute_report() const;

 private:
  struct Classified {
    std::string eccn;
    std::string paragraph;
    Basis basis = Basis::sourced;
    std::vector<std::string> missing;
  };
  Result<const ChipFacts*> facts(const std::shared_ptr<const ChipSpec>& chip);
  Result<Classified> classified(const std::shared_ptr<const ChipSpec>& chip, Date date);

  Options options_;
  H100Convention convention_;
  std::optional<ComputeOptions> compute_;
  std::map<std::string, ComputeRow> compute_rows_;
  ChipFacts h100_;
  std::unordered_map<const ChipSpec*, ChipFacts> facts_;
  std::map<std::pair<const ChipSpec*, const Regime*>, Classified> classified_;
  // Asked once per chip, rule epoch (the span between two rule events), destination,
  // headquarters, origin and the group memberships that hold that day (they change inside an
  // epoch too).
  using LicenceKey =
      std::tuple<const ChipSpec*, std::size_t, const Country*, const Country*, const Country*,
                 std::vector<const Membership*>, std::vector<const Membership*>>;
  std::map<LicenceKey, LicenceSummary> licence_;
  Buckets by_chip_;
  Buckets by_destination_;
  Buckets by_consignee_;
  FleetBucket total_;
};

}  // namespace tpp
