"""Catalogs, frames, fleets and quota ledgers: the table-shaped half of tpp.

pandas is imported inside the functions that return DataFrames, never at `import tpp`.
"""
import io
import json
import os
import tempfile

from . import _tpp

# The flat CSV layout `tpp catalog` reads (docs/catalogs.md): what classify_frame maps to.
PRECISIONS = ("fp64", "fp32", "tf32", "int32", "fp16", "bf16", "int16", "fp8", "int8", "fp6",
              "fp4", "int4")
TEXTS = ("id", "name")
FLAGS = ("datacenter", "non_planar")
FIGURES = ("die_area_mm2", "io_bidirectional_gbps", "memory_bandwidth_gbps")
LAYOUT = TEXTS + FLAGS + FIGURES + PRECISIONS
# The names classify() uses for the same figures.
ALIASES = {"io_gbps": "io_bidirectional_gbps", "memory_gbps": "memory_bandwidth_gbps"}

# Column types of the catalog's CSV output; every other column is text.
_INTEGERS = ("record", "line")
_FLOATS = ("tpp", "performance_density", "h100_equivalents", "epoch_tpp")
_BOOLEANS = ("datacenter",)
# Columns of a catalog run that say nothing about a frame's row.
_FILE_ONLY = ("record", "line", "epoch_tpp", "differs_because")


def _error(code, field, value, detail):
    from . import Error

    return Error(f"{field} = {value}: {detail}" if value != "" else f"{field}: {detail}", code,
                 field, value)


def _pandas(function):
    try:
        import pandas
    except ImportError as error:
        raise ImportError(f"tpp.{function} returns a pandas DataFrame: install pandas "
                          "(Debian: python3-pandas)") from error
    return pandas


def _missing(value):
    """None, NaN (float or numpy), pandas.NA and NaT."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except (TypeError, ValueError):  # pandas.NA refuses bool(); arrays are not missing values
        return type(value).__name__ == "NAType"


def _frame(pandas, data):
    """The catalog's CSV output as a DataFrame: empty fields missing (NaN in numeric columns,
    None in text columns, <NA> in datacenter), one row per record."""
    frame = pandas.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_filter=False)
    for column in frame.columns:
        values = frame[column]
        if column in _INTEGERS:
            frame[column] = values.astype("int64")
        elif column in _FLOATS:
            frame[column] = pandas.to_numeric(values.mask(values == "")).astype("float64")
        elif column in _BOOLEANS:
            frame[column] = values.map({"true": True, "false": False}).astype("boolean")
        else:
            frame[column] = values.where(values != "", None)
    return frame


def catalog(path, *, as_of=None, to=None, from_country=None, hq=None, tf32_bits=32,
            input_format=None, threads=0, fields="full"):
    """Every record of a catalog as a row of a pandas DataFrame, as `tpp catalog
    --output-format csv` writes it: JSON Lines specs (.jsonl), the flat CSV layout or Epoch
    AI's ML-hardware CSV (.csv, told apart by the header), or a list of such files (a `file`
    column then names each row's file). Columns: record (1, 2, ... per file), line, id, name,
    ..., eccn, paragraph, status, ..., and error (the message for a record that could not be
    classified, else None). `to=` adds the licence answer's columns. `fields` chooses the
    columns as `tpp catalog --fields` does ("compact", "result", "full" or a comma-separated
    list); a DataFrame takes every field by default (columns are cheap to drop), where the
    command's default is "result". The run's counts are in `frame.attrs["catalog"]` and its
    facts (tool, rules version and SHA-256, as-of, fields) in `frame.attrs["run"]`."""
    pandas = _pandas("catalog")
    paths = [path] if isinstance(path, (str, bytes, os.PathLike)) else [p for p in path]
    data, stats = _tpp._catalog(paths, input_format=input_format, output="csv", as_of=as_of,
                                to=to, from_country=from_country, hq=hq, tf32_bits=tf32_bits,
                                threads=threads, fields=fields)
    frame = _frame(pandas, data)
    frame.attrs["run"] = json.loads(stats.pop("run"))["run"]
    frame.attrs["catalog"] = stats
    return frame


def _layout(frame, columns):
    """{layout name: frame column}: the frame's columns named like the flat layout (or
    classify()'s io_gbps, memory_gbps), renamed by `columns` ({frame column: layout name, or
    None to leave it out})."""
    columns = dict(columns or {})
    for source, target in columns.items():
        if source not in frame.columns:
            raise _error("invalid_argument", "columns", str(source), "not a column of the frame")
        if target is not None and ALIASES.get(target, target) not in LAYOUT:
            raise _error("unknown_field", f"columns[{source!r}]", str(target),
                         "not a column of the flat layout (id, name, datacenter, non_planar, "
                         "die_area_mm2, io_bidirectional_gbps, memory_bandwidth_gbps, "
                         + " ".join(PRECISIONS) + ")")
    chosen = {}
    for column in frame.columns:
        if column in columns:
            name = columns[column]
        elif isinstance(column, str) and ALIASES.get(column, column) in LAYOUT:
            name = column
        else:
            continue
        if name is None:
            continue
        name = ALIASES.get(name, name)
        if name in chosen:
            raise _error("invalid_argument", "columns", str(column),
                         f"{chosen[name]!r} gives {name} already: which one counts would be a "
                         "guess")
        chosen[name] = column
    if not any(name in PRECISIONS for name in chosen):
        raise _error("missing_field", "columns", "",
                     "no column of TOPS at a precision (" + ", ".join(PRECISIONS)
                     + "): name the frame's columns so, or map them with columns=")
    return chosen


def _number_cell(value):
    if _missing(value):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return str(value)  # refused by the reader, for this row only
    try:
        return _tpp._number_text(value)
    except ValueError:
        return str(value)  # refused by the reader (NaN-like text, inf, ...), for this row only


def _flag_cell(value):
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "true" if value else "false"
    return str(value)  # 0/1 and "true"/"false" are read; None or NaN is refused for its row


def _cells(pandas, values, name):
    """A column as the flat layout's cells: integers, or text (floats on the 10^-6 grid: the
    number rule)."""
    import numpy

    dtype = values.dtype
    plain = isinstance(dtype, numpy.dtype)
    if name in TEXTS:
        objects = values.astype(object)
        return objects.where(objects.notna(), "").astype(str).to_numpy()
    if name in FLAGS:
        if plain and dtype.kind == "b":
            return numpy.where(values.to_numpy(), "true", "false")
        return numpy.array([_flag_cell(v) for v in values.to_numpy(object)], dtype=object)
    if plain and dtype.kind in "iu":
        return values.to_numpy()
    if plain and dtype.kind == "f":
        return numpy.array(_tpp._grid_column(values.to_numpy(dtype="float64")), dtype=object)
    return numpy.array([_number_cell(v) for v in values.to_numpy(object)], dtype=object)


def classify_frame(frame, columns=None, *, as_of=None, to=None, from_country=None, hq=None,
                   tf32_bits=32, threads=0):
    """Classifies every row of a pandas DataFrame through the batch path (the catalog's flat CSV
    layout) and returns a DataFrame with the same index: id, name, kind, tpp,
    performance_density, density_status, h100_equivalents, datacenter, eccn, paragraph,
    paragraphs, status, missing_inputs, regime, basis (and the licence answer's columns with
    `to=`), and error (the message for a row that could not be classified, else None).

    Columns named like the layout are used: fp64 ... int4 (dense TOPS), die_area_mm2,
    datacenter, non_planar, io_bidirectional_gbps (or io_gbps), memory_bandwidth_gbps (or
    memory_gbps), id, name; `columns` maps other names ({"FP16 TFLOPS": "fp16"}, or None to
    leave a column out). A missing number is not given; floats are rounded to 10^-6."""
    pandas = _pandas("classify_frame")
    import numpy

    chosen = _layout(frame, columns)
    table = pandas.DataFrame({name: _cells(pandas, frame[column], name)
                              for name, column in chosen.items()})
    if "id" not in table:
        table.insert(0, "id", "")  # no row is a blank line, so none is skipped
    descriptor, path = tempfile.mkstemp(prefix="tpp-frame-", suffix=".csv")
    try:
        with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as out:
            table.to_csv(out, index=False, na_rep="")
        data, _ = _tpp._catalog([path], input_format="csv", output="csv", as_of=as_of, to=to,
                                from_country=from_country, hq=hq, tf32_bits=tf32_bits,
                                threads=threads, fields="full")
    finally:
        os.unlink(path)
    result = _frame(pandas, data)
    records = result["record"].to_numpy()
    if len(result) != len(frame) or (records != numpy.arange(1, len(frame) + 1)).any():
        raise _error("internal", "classify_frame", "",
                     f"{len(result)} results for {len(frame)} rows")
    result = result.drop(columns=[c for c in _FILE_ONLY if c in result.columns])
    # "line 7: fp8 = five: ..." names a line of the file made here; the row's label says where.
    errors = result["error"]
    result["error"] = errors.where(errors.isna(), errors.str.replace(r"^line \d+: ", "",
                                                                     regex=True))
    result.index = frame.index
    return result


def _source(source, format):
    """(path, None) for a file, (None, JSON Lines text) for rows (dicts or a DataFrame)."""
    if isinstance(source, (str, bytes, os.PathLike)):
        return source, None
    if format not in (None, "jsonl"):
        raise _error("invalid_argument", "format", format, "rows are given, not a file")
    rows = source.to_dict("records") if hasattr(source, "columns") else source
    lines = []
    for i, row in enumerate(rows):
        given = {k: v for k, v in row.items() if not _missing(v)}
        lines.append(_tpp._json_text(given, f"rows[{i}]"))
    return None, "\n".join(lines) + "\n"


def fleet(source, *, format=None, as_of=None, h100eq="tpp", days=None, utilization=1,
          precision=None, keep_going=False, tf32_bits=32):
    """`tpp fleet --json`: each line classified and the totals by chip, destination and
    consignee. `source` is a fleet file (.csv, .json, .jsonl) or rows: dicts or a DataFrame
    with the same keys (chip or spec, quantity, ship_date, destination, consignee, end_user,
    veu, end_user_hq, origin; a missing value is not given; rows are lines 1, 2, ...).
    Returns {"lines": [...], "totals": {...}}, and "compute" with `days=`. A bad line raises
    tpp.Error, or with keep_going=True its {"type": "error", ...} record takes its place among
    the lines and the rest is accounted."""
    path, text = _source(source, format)
    return _tpp._fleet(path=path, text=text, format=format, as_of=as_of, h100eq=h100eq,
                       days=days, utilization=utilization, precision=precision,
                       keep_going=keep_going, tf32_bits=tf32_bits)


def quota(source, *, format=None, policy=None, what_if=False, keep_going=False, tf32_bits=32):
    """`tpp quota --json`: shipments through the quota ledger of the bundled policy (or
    `policy`: a policy file or dict). `source` and keep_going as for fleet(). Returns
    {"lines": [...], "report": {...}}."""
    path, text = _source(source, format)
    return _tpp._quota(path=path, text=text, format=format, policy=policy, what_if=what_if,
                       keep_going=keep_going, tf32_bits=tf32_bits)
