// tpp: Total Processing Performance, performance density and ECCN 3A090 classification.
// The umbrella header; each concept also has a header of its own.
#pragma once

#include "tpp/adhoc.hpp"
#include "tpp/classify.hpp"
#include "tpp/countries.hpp"
#include "tpp/database.hpp"
#include "tpp/decimal.hpp"
#include "tpp/destination.hpp"
#include "tpp/error.hpp"
#include "tpp/headroom.hpp"
#include "tpp/io.hpp"
#include "tpp/metrics.hpp"
#include "tpp/precision.hpp"
#include "tpp/render.hpp"
#include "tpp/report.hpp"
#include "tpp/rules.hpp"
#include "tpp/spec.hpp"
#include "tpp/timeline.hpp"
#include "tpp/version.hpp"
