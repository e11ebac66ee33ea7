// libFuzzer: the quota policy reader (read_policy_json), then a QuotaLedger run under the policy
// read (what-if on inputs of odd length), accounting shipments and rendering each line and the
// report (text and JSON).
// Input: a policy JSON, optionally followed by a line "===" and shipments as fleet JSON Lines;
// without them the ledger runs the sample shipments below (read once).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fleet_common.hpp"
#include "tpp/tpp.hpp"  // read_policy_json, QuotaLedger, the renderers

namespace {

constexpr std::string_view kSeparator = "\n===\n";

constexpr std::string_view kSampleShipments = R"(
{"ship_date":"2025-01-20","chip":"h100-sxm","quantity":1000,"destination":"IN","consignee":"Acme Cloud India","end_user_hq":"IN"}
{"ship_date":"2025-01-27","chip":"h20","quantity":5000,"destination":"CN","consignee":"Beijing AI Lab","end_user_hq":"CN"}
{"ship_date":"2025-02-03","chip":"h100-sxm","quantity":400,"destination":"AE","consignee":"Gulf Compute"}
{"ship_date":"2025-02-10","chip":"b200","quantity":150,"destination":"IN","consignee":"Acme Cloud India"}
{"ship_date":"2025-03-03","chip":"dgx-h100","quantity":20,"destination":"DE","consignee":"Berlin Research"}
{"ship_date":"2025-03-10","chip":"h100-sxm","quantity":2000,"destination":"SG","consignee":"Hyperscale Co","end_user":"Hyperscale Co","veu":"UVEU","end_user_hq":"US"}
{"ship_date":"2025-03-17","chip":"h100-sxm","quantity":10000,"destination":"US","consignee":"Hyperscale Co","end_user":"Hyperscale Co","veu":"UVEU","end_user_hq":"US"}
{"ship_date":"2025-03-24","chip":"h200-sxm","quantity":800,"destination":"MY","consignee":"Tropic DC","end_user":"Tropic DC","veu":"NVEU","end_user_hq":"MY"}
{"ship_date":"2025-04-01","chip":"h100-sxm","quantity":100,"destination":"CN","consignee":"Shadow Imports"}
{"ship_date":"2025-04-07","chip":"rtx-4090","quantity":3000,"destination":"BR","consignee":"Gamer Retail"}
{"ship_date":"2025-06-02","chip":"h20","quantity":800,"destination":"MY","consignee":"Acme Cloud Malaysia","end_user_hq":"CN"}
)";

std::vector<tpp::FleetLine> read_lines(std::string_view text) {
  std::vector<tpp::FleetLine> lines;
  auto reader = tpp::FleetReader::from_string(std::string(text), tpp::FleetFormat::jsonl);
  if (!reader) return lines;
  for (int guard = 0; guard < 1000; ++guard) {
    auto line = reader->next();
    if (line && !*line) break;
    if (line) lines.push_back(std::move(**line));
  }
  return lines;
}

void run_ledger(const tpp::QuotaPolicy& policy, const std::vector<tpp::FleetLine>& lines,
                bool what_if) {
  tpp::QuotaLedger ledger(policy, tpp::QuotaOptions{.what_if = what_if});
  for (const tpp::FleetLine& line : lines) {
    auto result = ledger.add(line);
    if (!result) continue;
    (void)tpp::render_quota_line(*result, false);
    tpp::fuzz::require_json_lines(tpp::render_quota_line(*result, true), "quota line JSON is JSON");
  }
  const tpp::QuotaReport report = ledger.report();
  tpp::fuzz::require(
      report.accounted + report.outside_window + report.undetermined + report.not_counted ==
          report.lines,
      "quota report: every line in exactly one count");
  (void)tpp::render_quota_report(report, policy, false);
  tpp::fuzz::require_json_lines(tpp::render_quota_report(report, policy, true),
                                "quota report JSON is JSON");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<tpp::FleetLine> sample = read_lines(kSampleShipments);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = text.find(kSeparator);
  auto policy = tpp::read_policy_json(text.substr(0, cut));
  if (!policy) return 0;
  // What-if accounts every shipment, else only those in the policy's window: one or the other
  // per input (by its length), which halves the cost of an input.
  const bool what_if = size % 2 == 1;
  if (cut == std::string_view::npos) {
    run_ledger(*policy, sample, what_if);
  } else {
    run_ledger(*policy, read_lines(text.substr(cut + kSeparator.size())), what_if);
  }
  return 0;
}
