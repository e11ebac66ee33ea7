"""tpp: Total Processing Performance, performance density and ECCN 3A090 classification.

    >>> import tpp
    >>> tpp.show("h20", as_of="2026-11-22")["tpp"]
    2368
    >>> tpp.classify(tops={"fp8": 296}, die_area_mm2=814)["status"]
    'not-controlled'

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
    model,
    rules,
    show,
    timeline,
    use_rules,
    version,
)

__all__ = [
    "Error",
    "classify",
    "classify_batch",
    "classify_columns",
    "explain",
    "model",
    "rules",
    "show",
    "timeline",
    "use_rules",
    "version",
]
