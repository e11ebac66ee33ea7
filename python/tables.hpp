// The batch half of the Python module: specs and columns through the batch path, catalogs
// (every input `tpp catalog` reads), fleets and quota ledgers.
#pragma once

#include <pybind11/pybind11.h>

namespace tpp::python {

/// Adds classify_batch, classify_columns, _catalog, fleet, quota, _number_text and _json_text.
void bind_tables(pybind11::module_& m);

}  // namespace tpp::python
