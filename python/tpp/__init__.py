"""tpp: Total Processing Performance, performance density and ECCN 3A090 classification.

    >>> import tpp
    >>> tpp.show("h20", as_of="2026-11-22")["tpp"]
    2368
    >>> tpp.classify(tops={"fp8": 296}, die_area_mm2=814)["status"]
    'not-controlled'

Every command of the `tpp` CLI is a function here (list, show, explain, classify, timeline,
headroom, model, plot, catalog, fleet, quota, rules); results are plain dicts and lists (the
fields of --json), catalogs and frames are pandas DataFrames. numpy and pandas are optional:
they are imported by the functions that need them.

Numbers: int, str and decimal.Decimal are taken exactly; floats (and numpy floats) are rounded
to the library's input grid of 10^-6, so 65129999999999.9 / 1e12 is 65.13.

Not legal advice. Errors raise tpp.Error (a ValueError) with the library's message.
"""


class Error(ValueError):
    """A bad input or argument: `code` (e.g. "out_of_range"), `field` and `value` name it."""

    def __init__(self, message, code="", field="", value=""):
        super().__init__(message)
        self.code = code
        self.field = field
        self.value = value


from ._tpp import (  # noqa: E402
    classify,
    classify_batch,
    classify_columns,
    explain,
    headroom,
    model,
    plot,
    plot_timeline,
    rules,
    show,
    timeline,
    use_rules,
    version,
)
from ._tpp import list  # noqa: E402,A004  (tpp.list mirrors `tpp list`)
from ._frames import catalog, classify_frame, fleet, quota  # noqa: E402

__version__ = version

__all__ = [
    "Error",
    "catalog",
    "classify",
    "classify_batch",
    "classify_columns",
    "classify_frame",
    "explain",
    "fleet",
    "headroom",
    "list",
    "model",
    "plot",
    "plot_timeline",
    "quota",
    "rules",
    "show",
    "timeline",
    "use_rules",
    "version",
]
