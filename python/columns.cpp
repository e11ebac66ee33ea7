#include "columns.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "convert.hpp"

namespace py = pybind11;

namespace tpp::python {
namespace {

// A column as a 1-D numpy array of a numeric or bool dtype, or nothing.
std::optional<py::array> numeric_array(const py::object& values) {
  py::object candidate = values;
  if (!py::isinstance<py::array>(candidate)) {
    // pandas Series (and Index): their numpy values, without copying where the dtype allows.
    if (!py::hasattr(candidate, "to_numpy") || py::isinstance<py::list>(candidate)) {
      return std::nullopt;
    }
    candidate = candidate.attr("to_numpy")();
    if (!py::isinstance<py::array>(candidate)) return std::nullopt;
  }
  py::array array = py::reinterpret_borrow<py::array>(candidate);
  if (array.ndim() != 1) return std::nullopt;
  const char kind = array.dtype().kind();
  if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b') return std::nullopt;
  if (kind == 'u' && array.itemsize() == 8) return std::nullopt;  // may exceed int64
  return array;
}

enum class Cell : std::uint8_t { ok, missing, bad };

// A float onto the 10^-6 grid as Decimal units (10^-7), correctly rounded from the binary
// value (as "%.6f" rounds it). Exact: fma gives v * 10^6 - n with one rounding, which decides
// the side of the half-way point unless it lands on it; those (and large values) take the
// text path.
inline __attribute__((always_inline)) Cell grid_units(double value, std::int64_t& units,
                                                      bool allow_missing) {
  if (std::isnan(value)) return allow_missing ? Cell::missing : Cell::bad;
  if (!(value >= 0) || !(value < 1e9)) return Cell::bad;  // negative, infinite or large: reread
  double n = std::nearbyint(value * 1e6);
  double rest = std::fma(value, 1e6, -n);
  if (std::fabs(rest) == 0.5) return Cell::bad;  // a tie, or too close to tell: reread exactly
  if (rest > 0.5) n += 1;
  if (rest < -0.5) n -= 1;
  units = static_cast<std::int64_t>(n) * (Decimal::kScale / 1'000'000);
  return Cell::ok;
}

// Reads a float column into Decimal units; returns the first element that needs the general
// path (invalid, or not decidable here), or n. Cloned for CPUs with FMA and AVX2 (one fused
// instruction instead of libm's software fma), chosen at load time.
__attribute__((target_clones("arch=haswell", "default"))) std::size_t read_floats(
    std::size_t n, const double* values, bool allow_missing, std::int64_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const Cell cell = grid_units(values[i], out[i], allow_missing);
    if (cell == Cell::missing) out[i] = kUnknown;
    if (cell == Cell::bad) return i;
  }
  return n;
}

// The same for a column of integers (read as doubles: exact below 2^53).
std::size_t read_integers(std::size_t n, const double* values, std::int64_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    if (values[i] < 0 || values[i] >= 1e9) return i;
    out[i] = static_cast<std::int64_t>(values[i]) * Decimal::kScale;
  }
  return n;
}

std::size_t read_units(std::size_t n, const double* values, char kind, bool allow_missing,
                       std::vector<std::int64_t>& out) {
  return kind == 'f' ? read_floats(n, values, allow_missing, out.data())
                     : read_integers(n, values, out.data());
}

}  // namespace

std::optional<py::dict> classify_numpy_columns(const py::object& tpp,
                                               const py::object& die_area_mm2,
                                               const py::object& datacenter,
                                               const py::object& io_gbps,
                                               const BatchClassifier& classifier) {
  // Without numpy loaded no column can be an array; checking would import it (numpy and pandas
  // are optional, and `import tpp` must not pull them in).
  if (!py::module_::import("sys").attr("modules").contains("numpy")) return std::nullopt;
  const auto tpp_array = numeric_array(tpp);
  const auto area_array = numeric_array(die_area_mm2);
  const auto dc_array = numeric_array(datacenter);
  const auto io_array = io_gbps.is_none() ? std::optional<py::array>() : numeric_array(io_gbps);
  if (!tpp_array || !area_array || !dc_array || (!io_gbps.is_none() && !io_array)) {
    return std::nullopt;
  }
  // bool is not a number, and a number is not a yes/no (0/1 aside): the general path says so.
  if (tpp_array->dtype().kind() == 'b' || area_array->dtype().kind() == 'b' ||
      (io_array && io_array->dtype().kind() == 'b') || dc_array->dtype().kind() == 'f') {
    return std::nullopt;
  }
  const std::size_t n = static_cast<std::size_t>(tpp_array->shape(0));
  if (static_cast<std::size_t>(area_array->shape(0)) != n ||
      static_cast<std::size_t>(dc_array->shape(0)) != n ||
      (io_array && static_cast<std::size_t>(io_array->shape(0)) != n)) {
    raise(Error{errc::invalid_argument, "columns", "",
                "tpp, die_area_mm2, datacenter (and io_gbps) must have the same length"});
  }
  // Contiguous views of the element types read below (a copy only where the dtype differs).
  using Doubles = py::array_t<double, py::array::c_style | py::array::forcecast>;
  using Flags = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
  const Doubles tpp_values = Doubles::ensure(*tpp_array);
  const Doubles area_values = Doubles::ensure(*area_array);
  const Doubles io_values = io_array ? Doubles::ensure(*io_array) : Doubles();
  const Flags dc_values = Flags::ensure(*dc_array);
  const char tpp_kind = tpp_array->dtype().kind();
  const char area_kind = area_array->dtype().kind();
  const char io_kind = io_array ? io_array->dtype().kind() : 'f';

  BatchColumns columns;
  columns.resize(n);
  std::vector<std::uint16_t> outcome(n);
  std::size_t bad_tpp = n, bad_area = n, bad_io = n, bad_dc = n;
  Result<std::size_t> ran = 0;
  {
    py::gil_scoped_release release;
    const double* t = tpp_values.data();
    const double* a = area_values.data();
    const std::int64_t* d = dc_values.data();
    bad_tpp = read_units(n, t, tpp_kind, false, columns.tpp_units);
    bad_area = read_units(n, a, area_kind, true, columns.area_units);
    for (std::size_t i = 0; i < n && bad_area == n; ++i) {
      if (columns.area_units[i] == 0) bad_area = i;
    }
    if (io_array) {
      const double* o = io_values.data();
      bad_io = read_units(n, o, io_kind, true, columns.io_units);
    } else {
      std::fill(columns.io_units.begin(), columns.io_units.end(), kUnknown);
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (d[i] != 0 && d[i] != 1) {
        bad_dc = i;
        break;
      }
      columns.datacenter[i] = static_cast<std::uint8_t>(d[i]);
    }
    if (bad_tpp == n && bad_area == n && bad_io == n && bad_dc == n) {
      ran = classifier.classify(columns, outcome);
    }
  }
  if (bad_tpp != n || bad_area != n || bad_io != n || bad_dc != n) {
    // An element this path does not take: the general path reads the columns (and raises its
    // error, naming the element, for an invalid one).
    return std::nullopt;
  }
  if (!ran) raise(ran.error());

  // Categorical results, no Python object per row: per field, its labels (categories) and an
  // int8 code per row (-1: none). With pandas they are pandas.Categorical; without it, numpy
  // object arrays (one reference per row to the label's str). `code` is the kernel's outcome
  // per row (uint16); `labels` its fields per outcome.
  py::array_t<std::uint16_t> codes(static_cast<py::ssize_t>(n));
  std::copy(outcome.begin(), outcome.end(), codes.mutable_data());
  const std::size_t outcomes = classifier.outcome_count();
  const auto label_of = [&](int field, std::size_t i) -> std::string {
    const BatchOutcome& o = classifier.outcome(static_cast<std::uint16_t>(i));
    return field == 0 ? o.eccn : field == 1 ? o.paragraph : std::string(to_string(o.status));
  };
  py::object pandas = py::none();
  try {
    pandas = py::module_::import("pandas");
  } catch (const py::error_already_set&) {
    // pandas is optional: numpy object arrays instead.
  }
  const py::module_ numpy = py::module_::import("numpy");
  py::dict out;
  py::dict labels;
  const char* names[] = {"eccn", "paragraph", "status"};
  for (int field = 0; field < 3; ++field) {
    std::vector<std::string> categories;
    std::vector<std::int8_t> category_of(outcomes, -1);
    for (std::size_t i = 0; i < outcomes; ++i) {
      const std::string label = label_of(field, i);
      if (label.empty()) continue;
      auto at = std::find(categories.begin(), categories.end(), label);
      if (at == categories.end()) at = categories.insert(categories.end(), label);
      category_of[i] = static_cast<std::int8_t>(at - categories.begin());
    }
    py::array_t<std::int8_t> field_codes(static_cast<py::ssize_t>(n));
    {
      py::gil_scoped_release release;
      std::int8_t* to = field_codes.mutable_data();
      for (std::size_t r = 0; r < n; ++r)
        to[r] = category_of[outcome[r]];
    }
    py::list category_list;
    for (const std::string& c : categories)
      category_list.append(py::str(c));
    if (!pandas.is_none()) {
      out[names[field]] = pandas.attr("Categorical").attr("from_codes")(field_codes, category_list);
    } else {
      py::list with_none = category_list;
      with_none.append(py::none());  // code -1 takes the last
      out[names[field]] =
          numpy.attr("array")(with_none, py::arg("dtype") = "object").attr("take")(field_codes);
    }
    py::list per_outcome;
    for (std::size_t i = 0; i < outcomes; ++i) {
      const std::string label = label_of(field, i);
      per_outcome.append(label.empty() ? py::object(py::none()) : py::object(py::str(label)));
    }
    labels[names[field]] = per_outcome;
  }
  out["code"] = codes;
  out["labels"] = labels;
  return out;
}

}  // namespace tpp::python
