#include <chrono>
#include <cstdio>

#include "tpp/rules.hpp"

namespace tpp {

Result<Date> parse_date(std::string_view text, std::string_view field) {
  const std::string copy(text);
  bool shaped = text.size() == 10;
  for (std::size_t i = 0; shaped && i < text.size(); ++i) {
    shaped = (i == 4 || i == 7) ? text[i] == '-' : (text[i] >= '0' && text[i] <= '9');
  }
  if (!shaped) {
    return fail(errc::invalid_argument, std::string(field), copy, "expected a date YYYY-MM-DD");
  }
  const auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i)
      value = value * 10 + (text[i] - '0');
    return value;
  };
  const int y = number(0, 4);
  const auto m = static_cast<unsigned>(number(5, 2));
  const auto d = static_cast<unsigned>(number(8, 2));
  const Date date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) {
    return fail(errc::invalid_argument, std::string(field), copy, "no such calendar date");
  }
  return date;
}

std::string to_string(Date date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

Date today() {
  return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

std::string_view to_string(Metric metric) noexcept {
  switch (metric) {
    case Metric::tpp:
      return "tpp";
    case Metric::performance_density:
      return "performance_density";
    case Metric::io_bidirectional_gbps:
      return "io_bidirectional_gbps";
    case Metric::datacenter:
      return "datacenter";
  }
  return "tpp";
}

std::string_view to_string(Comparator comparator) noexcept {
  switch (comparator) {
    case Comparator::ge:
      return "≥";
    case Comparator::gt:
      return ">";
    case Comparator::lt:
      return "<";
    case Comparator::le:
      return "≤";
    case Comparator::eq:
      return "=";
  }
  return "?";
}

}  // namespace tpp
