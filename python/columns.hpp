// classify_columns over numpy buffers: no Python object per element on the way in or out.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>

#include "tpp/batch/batch.hpp"

namespace tpp::python {

/// The kernel's answer for columns that are all numpy arrays (or pandas Series) of float, int or
/// bool, or nothing when one is not (the caller then takes the general path). Floats go onto
/// the documented 10^-6 grid in C++, correctly rounded as grid_text() rounds; an element that
/// is invalid (NaN where a number is needed, negative, a zero area) is re-read by `reread`,
/// which raises the error the general path gives for it.
std::optional<pybind11::dict> classify_numpy_columns(const pybind11::object& tpp,
                                                     const pybind11::object& die_area_mm2,
                                                     const pybind11::object& datacenter,
                                                     const pybind11::object& io_gbps,
                                                     const BatchClassifier& classifier);

}  // namespace tpp::python
