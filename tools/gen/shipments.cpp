#include <array>
#include <cstdio>
#include <string_view>

#include "generators.hpp"
#include "random.hpp"

namespace tpp::gen {
namespace {

constexpr std::array<std::string_view, 12> kChips = {"h100-sxm", "h200-sxm",  "b200",   "h20",
                                                     "a100-sxm", "mi300x",    "l40s",   "gaudi-3",
                                                     "dgx-h100", "h100-pcie", "mi325x", "rtx-4090"};
constexpr std::array<std::string_view, 60> kCountries = {
    "US", "DE", "JP", "GB", "FR", "NL", "KR", "TW", "CA", "AU", "IN", "AE", "SA", "SG", "MY",
    "BR", "MX", "ID", "TH", "VN", "PH", "TR", "IL", "PL", "CH", "AT", "CZ", "PT", "GR", "RO",
    "HU", "AR", "CL", "CO", "PE", "ZA", "EG", "NG", "KE", "MA", "PK", "BD", "LK", "KZ", "UZ",
    "QA", "KW", "OM", "BH", "JO", "CN", "MO", "RU", "HK", "IR", "BY", "VE", "CU", "NI", "MM"};

// Days from 2025-01-13 to a calendar date (no leap years in 2025-2027 except none; 2028 is past).
void date_of(std::size_t day, char* out) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int year = 2025;
  int month = 0;
  int dom = 13 + static_cast<int>(day);
  for (;;) {
    const int in_month = kDays[month] + (month == 1 && year % 4 == 0 ? 1 : 0);
    if (dom <= in_month) break;
    dom -= in_month;
    if (++month == 12) {
      month = 0;
      ++year;
    }
  }
  std::snprintf(out, 11, "%04d-%02d-%02d", year, month + 1, dom);
}

}  // namespace

void write_shipments(std::ostream& out, std::size_t count, std::uint64_t seed) {
  Random random{seed};
  out << "ship_date,chip,quantity,destination,consignee,end_user,veu,end_user_hq\n";
  constexpr std::size_t kDays = 3 * 365;
  char date[11];
  char line[160];
  for (std::size_t i = 0; i < count; ++i) {
    date_of(i * kDays / (count == 0 ? 1 : count), date);
    const std::string_view chip = kChips[random.below(kChips.size())];
    const std::string_view to = kCountries[random.below(kCountries.size())];
    const std::size_t consignee = random.below(20000);
    const std::size_t quantity = 1 + random.below(random.below(10) == 0 ? 2000 : 64);
    const std::size_t kind = random.below(50);
    int n = 0;
    if (kind == 0) {
      n = std::snprintf(line, sizeof line,
                        "%s,%.*s,%zu,%.*s,Hyperscaler %zu,Hyperscaler %zu,UVEU,US\n", date,
                        static_cast<int>(chip.size()), chip.data(), quantity,
                        static_cast<int>(to.size()), to.data(), consignee % 5, consignee % 5);
    } else if (kind == 1) {
      // A national data centre: headquartered where it operates (quota accounting needs the
      // end user's headquarters for every VEU line).
      n = std::snprintf(
          line, sizeof line, "%s,%.*s,%zu,%.*s,National DC %zu,National DC %zu,NVEU,%.*s\n", date,
          static_cast<int>(chip.size()), chip.data(), quantity, static_cast<int>(to.size()),
          to.data(), consignee % 50, consignee % 50, static_cast<int>(to.size()), to.data());
    } else {
      n = std::snprintf(line, sizeof line, "%s,%.*s,%zu,%.*s,Consignee %zu,,,\n", date,
                        static_cast<int>(chip.size()), chip.data(), quantity,
                        static_cast<int>(to.size()), to.data(), consignee);
    }
    out.write(line, n);
  }
}

}  // namespace tpp::gen
