"""Dataframe: a spreadsheet-like table, shown or edited; and its templates Numpy, Matrix and List.

The payload is Gradio's ``DataframeData``: ``{"headers": [...], "data": [[...], ...], "metadata": ...}``,
where ``metadata`` (from a pandas ``Styler``, or given by the app) holds per-cell ``display_value``
and CSS ``styling`` lists. pandas, numpy and polars are imported only when a value needs them.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
from typing import Any, ClassVar, Literal, cast

from typing_extensions import override

from trellis._filedata import contains_file
from trellis._memory import collector_paused
from trellis.blocks.events import EventListener
from trellis.components.base import Changes, Component, Editable, Labelled, Scaled
from trellis.components.props import prop
from trellis.exceptions import ValidationError

DataType = Literal["str", "number", "bool", "date", "markdown", "html", "image", "auto"]
TableType = Literal["pandas", "numpy", "array", "polars"]
#: A row or column count as the browser gets it: the number shown first, and "fixed" or "dynamic".
Count = tuple[int, str]

TYPES: tuple[str, ...] = ("pandas", "numpy", "array", "polars")
DATATYPES: tuple[str, ...] = ("str", "number", "bool", "date", "markdown", "html", "image")
#: The column datatype each dtype family gets with ``datatype="auto"`` (dtype names lower-cased,
#: without bit sizes or bracketed parameters: "int64" → "int", "datetime64[ns, UTC]" → "datetime").
_AUTO_DATATYPES: dict[str, str] = {
    "str": "str",
    "object": "str",
    "string": "str",
    "utf": "str",
    "category": "str",
    "categorical": "str",
    "int": "number",
    "uint": "number",
    "float": "number",
    "bool": "bool",
    "boolean": "bool",
    "datetime": "date",
    "date": "date",
    "timedelta": "date",
    "timestamp": "date",
}
_BRACKETS = re.compile(r"\[.*?\]|\(.*?\)")
_BIT_SIZE = re.compile(r"\d+\s*$")
#: The LaTeX delimiters of "markdown" cells when none are given: display math between $$.
DEFAULT_LATEX_DELIMITERS: list[dict[str, str | bool]] = [{"left": "$$", "right": "$$", "display": True}]

#: The payload's JSON Schema, as Gradio's ``DataframeData`` model gives it.
API_INFO: dict[str, Any] = {
    "properties": {
        "headers": {"items": {}, "title": "Headers", "type": "array"},
        "data": {"items": {"items": {}, "type": "array"}, "title": "Data", "type": "array"},
        "metadata": {
            "anyOf": [
                {
                    "additionalProperties": {"anyOf": [{"items": {}, "type": "array"}, {"type": "null"}]},
                    "type": "object",
                },
                {"type": "null"},
            ],
            "default": None,
            "title": "Metadata",
        },
    },
    "required": ["headers", "data"],
    "title": "DataframeData",
    "type": "object",
    "additional_description": None,
}


def _auto_datatype(dtype_name: str) -> str:
    return _AUTO_DATATYPES.get(_BIT_SIZE.sub("", _BRACKETS.sub("", dtype_name)).strip().lower(), "str")


def _module_of(value: Any) -> str:
    return type(value).__module__.split(".", 1)[0]


def _is_pandas_frame(value: Any) -> bool:
    return _module_of(value) == "pandas" and type(value).__name__ == "DataFrame"


def _is_styler(value: Any) -> bool:
    return _module_of(value) == "pandas" and type(value).__name__ == "Styler"


def _is_polars_frame(value: Any) -> bool:
    return _module_of(value) == "polars" and type(value).__name__ == "DataFrame"


def _is_ndarray(value: Any) -> bool:
    return _module_of(value) == "numpy" and type(value).__name__ == "ndarray"


def _count(count: Any, default: int) -> Count:
    """A row/column count as Gradio sends it: ``(n, "dynamic")`` for a number, a given pair kept."""
    if count is None:
        return (default, "dynamic")
    if isinstance(count, (list, tuple)):
        if len(count) != 2 or count[1] not in ("fixed", "dynamic"):
            raise ValueError(f'A row or column count pair must be (number, "fixed" | "dynamic"), got {count!r}')
        return (int(count[0]), str(count[1]))
    return (int(count), "dynamic")


def _limits(limits: Any, name: str) -> tuple[int | None, int | None] | None:
    if limits is None:
        return None
    if not isinstance(limits, (list, tuple)) or len(limits) != 2:
        raise ValueError(f"`{name}` must be a (minimum, maximum) pair, either of which may be None; got {limits!r}")
    low, high = (None if v is None else int(v) for v in limits)
    if low is not None and high is not None and low > high:
        raise ValueError(f"`{name}` has a minimum ({low}) above its maximum ({high})")
    return (low, high)


def _width(width: str | int) -> str:
    if isinstance(width, str) and (width.endswith(("px", "%")) or width == "auto"):
        return width
    return f"{width}px"


def _cell(value: Any) -> Any:
    """A cell as JSON sends it (as Gradio's encoder does): numpy scalars as Python ones, NaN as null, others as text."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    item = getattr(value, "item", None)
    if callable(item) and _module_of(value) == "numpy":
        return _cell(item())
    if isinstance(value, (list, dict)):
        return value
    return str(value)


def _rows(data: Any) -> list[list[Any]]:
    """A list of rows (lists) from rows that may be tuples, numpy rows, or bare values (one column)."""
    rows = data.tolist() if _is_ndarray(data) else list(data)
    if not rows:
        return []
    if isinstance(rows[0], (list, tuple)):
        return [[_cell(v) for v in row] for row in rows]
    return [[_cell(v)] for v in rows]


def _series_cells(series: Any) -> list[Any]:
    """One pandas column's cells, JSON-ready: whole numeric columns converted at once, others cell by cell."""
    kind = getattr(series.dtype, "kind", "O")
    if kind in "iub" and not series.hasnans:
        return cast("list[Any]", series.tolist())
    if kind == "f":
        import numpy as np

        values = series.to_numpy(dtype=float, na_value=np.nan)
        cells: list[Any] = values.tolist()
        for i in np.flatnonzero(~np.isfinite(values)).tolist():
            cells[i] = None  # NaN and infinities have no JSON
        return cells
    return [v if type(v) is str else _cell(v) for v in series.tolist()]


def _frame_rows(frame: Any) -> list[list[Any]]:
    """A pandas DataFrame's cells, row by row, JSON-ready (built column by column: a million rows in seconds)."""
    with collector_paused():
        columns = [_series_cells(frame.iloc[:, j]) for j in range(frame.shape[1])]
        if not columns:
            return [[] for _ in range(frame.shape[0])]
        return [list(row) for row in zip(*columns, strict=True)]


def _styler_metadata(styler: Any, hidden: set[int]) -> dict[str, list[Any]]:
    """Each visible cell's display text (the Styler's formats) and its CSS (the Styler's styles)."""
    styler._compute()  # pandas fills `ctx` with each cell's (property, value) pairs
    frame = styler.data
    display: list[list[Any]] = []
    styling: list[list[str]] = []
    columns = [c for c in range(frame.shape[1]) if c not in hidden]
    for r in range(frame.shape[0]):
        display_row: list[Any] = []
        style_row: list[str] = []
        for c in columns:
            value = frame.iat[r, c]
            shown = styler._display_funcs[(r, c)](value)
            display_row.append(_cell(shown))
            style_row.append("; ".join(f"{p}: {v}" for p, v in styler.ctx.get((r, c), [])))
        display.append(display_row)
        styling.append(style_row)
    return {"display_value": display, "styling": styling}


class Dataframe(Component, Labelled, Scaled, Editable, Changes):
    """A table of values: shown as an output, edited as an input.

    The function receives ``type``: a pandas DataFrame (default), a numpy array, a polars
    DataFrame or a list of rows; it may return any of those, a pandas ``Styler`` (its formats and
    cell styles are shown when the table is not editable), a dict ``{"data", "headers",
    "metadata"}``, a list of values (one column) or the path of a CSV file.
    """

    select = EventListener()
    edit = EventListener()
    SIGNATURE = """value, *, headers, row_count, row_limits, col_count, column_count, column_limits, datatype, type,
        latex_delimiters, label, show_label, every, inputs, max_height, scale, min_width, interactive, visible, elem_id,
        elem_classes, render, key, preserved_by_key, wrap, line_breaks, column_widths, buttons, show_row_numbers,
        max_chars, show_search, pinned_columns, static_columns"""
    #: What the function is told it receives, by ``type`` (for the API docs).
    VALUE_DESCRIPTIONS: ClassVar[dict[str, str]] = {
        "pandas": "a pandas dataframe",
        "numpy": "a numpy array",
        "array": "a list of lists",
        "polars": "a polars dataframe",
    }

    value: Any = prop(default=None, kw_only=False)
    """The table shown: a pandas DataFrame or Styler, a numpy array, a polars DataFrame, a list of rows, a dict
    {"data", "headers", "metadata"} or a CSV file's path; a callable is called when the page loads."""
    headers: list[str] | None = None
    """Column names, used when the value has none (None: "1", "2", ...)."""
    row_count: int | tuple[int, str] | None = prop(default=None, sent_as="tuple[int, str]")
    """How many rows an empty table shows (None: 3); sent as (count, "dynamic"), or the (count, "fixed"|"dynamic")
    pair given."""
    row_limits: tuple[int | None, int | None] | None = None
    """The fewest and most rows the user can leave by adding and deleting rows (None on a side: no limit)."""
    col_count: int | tuple[int, str] | None = prop(default=None, sent_as="tuple[int, str]")
    """Deprecated name of ``column_count`` (sent as the same pair)."""
    column_count: int | tuple[int, str] | None = prop(default=None, sent_as="tuple[int, str]")
    """How many columns an empty table shows (None: as many as ``headers``, else 3); a (count, "fixed") pair stops the
    user adding or deleting columns."""
    column_limits: tuple[int | None, int | None] | None = None
    """The fewest and most columns the user can leave by adding and deleting columns (None on a side: no limit)."""
    datatype: DataType | Sequence[DataType] = "str"
    """How cells are shown and edited, for the whole table or per column: "str", "number", "bool" (checkboxes), "date",
    "markdown", "html", "image"; "auto" picks each column's from the value's dtypes."""
    type: TableType = "pandas"
    """What the function receives: "pandas", "numpy", "array" (a list of rows) or "polars"."""
    latex_delimiters: list[dict[str, str | bool]] | None = None
    """Delimiters of LaTeX in "markdown" cells (None: display math between $$; [] turns LaTeX off)."""
    max_height: int | str = 500
    """The table's height before it scrolls: pixels or a CSS length."""
    wrap: bool = False
    """Wrap long cell text onto several lines (False: one line per cell, columns as wide as their text)."""
    line_breaks: bool = True
    """In "markdown" cells, a single newline breaks the line (as on GitHub)."""
    column_widths: list[str | int] | None = None
    """Each column's width: pixels (a number or "100px") or a percentage ("20%") of the table's width."""
    buttons: list[Literal["fullscreen", "copy"]] | None = None
    """The icon buttons in the corner: "fullscreen" and "copy" (the table as CSV) (None: both)."""
    show_row_numbers: bool = False
    """Show each row's number in a first column."""
    max_chars: int | None = None
    """Cut cell text to this many characters (an ellipsis shows the cut; the full text shows when the cell is
    selected)."""
    show_search: Literal["none", "search", "filter"] = "none"
    """A search box over the table ("search"), or a search box and per-column filters ("filter")."""
    pinned_columns: int | None = None
    """Keep this many columns on the left in view when the table scrolls sideways."""
    static_columns: list[int] | None = None
    """Indices of columns the user cannot edit (the columns also become fixed: none can be added or deleted)."""

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(
                f"Invalid value for parameter `type`: {self.type}. Please choose from one of: {list(TYPES)}"
            )
        if self.type == "polars":
            try:
                import polars  # noqa: F401
            except ImportError:
                raise ImportError("Polars is not installed. Please install using `pip install polars`.") from None
        if self.col_count is not None:
            warnings.warn(
                "The `col_count` parameter is deprecated; use `column_count` instead.", DeprecationWarning, stacklevel=4
            )
            if self.column_count is None:
                self.column_count = self.col_count
        headers = self.headers
        columns = _count(self.column_count, len(headers) if headers else 3)
        if headers is not None and len(headers) != columns[0]:
            raise ValueError(
                "The length of the headers list must be equal to the column_count.\n"
                f"The column count is set to {columns[0]} but `headers` has {len(headers)} items. "
                "Check the values passed to `column_count` and `headers`."
            )
        self.row_count = _count(self.row_count, 3)
        self.column_count = self.col_count = columns
        self.row_limits = _limits(self.row_limits, "row_limits")
        self.column_limits = _limits(self.column_limits, "column_limits")
        self.headers = list(headers) if headers is not None else [str(i) for i in range(1, columns[0] + 1)]
        if isinstance(self.datatype, str):
            if self.datatype != "auto" and self.datatype not in DATATYPES:
                raise ValueError(f"Unknown datatype {self.datatype!r}: choose from {', '.join(DATATYPES)} or auto")
        else:
            self.datatype = list(self.datatype)
            unknown = [d for d in self.datatype if d not in DATATYPES]
            if unknown:
                raise ValueError(f"Unknown datatype {unknown[0]!r}: choose from {', '.join(DATATYPES)}")
        if self.latex_delimiters is None:
            self.latex_delimiters = [dict(d) for d in DEFAULT_LATEX_DELIMITERS]
        self.column_widths = [_width(w) for w in self.column_widths or []]
        self.static_columns = list(self.static_columns or [])
        if self.show_search not in ("none", "search", "filter"):
            raise ValueError(f'`show_search` must be "none", "search" or "filter", got {self.show_search!r}')
        super().__post_init__()
        if self.datatype == "auto":
            self.datatype = cast("DataType | list[DataType]", self.auto_datatype(self.initial_value))

    # -- reading values ----------------------------------------------------------
    @staticmethod
    def is_empty(value: Any) -> bool:
        """Whether a value has no cells."""
        if value is None:
            return True
        if _is_pandas_frame(value):
            return bool(value.empty)
        if _is_styler(value):
            return bool(value.data.empty)
        if _is_ndarray(value):
            return bool(value.size == 0)
        if _is_polars_frame(value):
            return bool(value.is_empty())
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (list, tuple)):
                return len(value[0]) == 0
            return len(value) == 0
        if isinstance(value, dict):
            return len(value["data"]) == 0 if "data" in value else len(value) == 0
        return False

    def get_headers(self, value: Any) -> list[Any]:
        """The column names a value carries ([] when it has none: a list or an array)."""
        if value is None:
            return []
        if _is_pandas_frame(value):
            return list(value.columns)
        if _is_styler(value):
            return list(value.data.columns)
        if isinstance(value, str):
            import pandas as pd

            return list(pd.read_csv(value).columns)
        if _is_polars_frame(value):
            return list(value.columns)
        if isinstance(value, dict):
            return list(value.get("headers") or [])
        return []

    @staticmethod
    def get_cell_data(value: Any) -> list[list[Any]]:
        """A value's cells as a list of rows, JSON-ready."""
        if isinstance(value, dict):
            return _rows(value.get("data", [[]]))
        if isinstance(value, str):
            import pandas as pd

            return _frame_rows(pd.read_csv(value))
        if _is_pandas_frame(value):
            return _frame_rows(value)
        if _is_styler(value):
            hidden = {int(c) for c in getattr(value, "hidden_columns", [])}
            frame = value.data
            return _frame_rows(frame.iloc[:, [c for c in range(frame.shape[1]) if c not in hidden]])
        if _is_polars_frame(value):
            return _rows(value.rows())
        if _is_ndarray(value) or isinstance(value, (list, tuple)):
            return _rows(value)
        raise ValueError(f"Cannot process value of type {type(value)} in gr.Dataframe")

    @staticmethod
    def get_metadata(value: Any) -> dict[str, list[Any]] | None:
        """Per-cell display values and styles: a Styler's, or a dict value's ``metadata``."""
        if _is_styler(value):
            return _styler_metadata(value, {int(c) for c in getattr(value, "hidden_columns", [])})
        if isinstance(value, dict):
            metadata = value.get("metadata")
            return metadata if isinstance(metadata, dict) else None
        return None

    @staticmethod
    def auto_datatype(value: Any) -> str | list[str]:
        """Each column's datatype read from a value's dtypes ("str" when they cannot be read)."""
        if _is_styler(value):
            value = value.data
        if _is_pandas_frame(value) or _is_polars_frame(value):
            return [_auto_datatype(str(dtype)) for dtype in value.dtypes]
        if _is_ndarray(value):
            if value.size == 0 or value.ndim < 2:
                return "str"
            return [_auto_datatype(type(value[0, i]).__name__) for i in range(value.shape[1])]
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], (list, tuple)):
            return [_auto_datatype(type(v).__name__) for v in value[0]]
        return "str"

    # -- the data contract -------------------------------------------------------
    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if not isinstance(payload, dict) or "data" not in payload or "headers" not in payload:
            raise ValidationError("Dataframe expects an object with 'headers' and 'data'")
        data, headers = payload["data"], payload["headers"]
        if not isinstance(data, list) or not all(isinstance(row, list) for row in data):
            raise ValidationError("Dataframe 'data' must be a list of rows (lists)")
        if headers is not None and not isinstance(headers, list):
            raise ValidationError("Dataframe 'headers' must be a list")
        if self.type == "pandas":
            import pandas as pd

            if headers is None:
                return pd.DataFrame(data)
            return pd.DataFrame([] if data == [[]] else data, columns=headers)
        if self.type == "polars":
            import polars as pl

            if headers is None:
                return pl.DataFrame(data)
            return pl.DataFrame([] if data == [[]] else data, schema=headers, orient="row")
        if self.type == "numpy":
            import numpy as np

            return np.array(data)
        return data

    @override
    def postprocess(self, value: Any) -> dict[str, Any]:
        if _is_styler(value) and self.interactive:
            warnings.warn(
                "A Styler cannot be shown in an editable Dataframe: it is shown as a plain table.", stacklevel=2
            )
        headers = self.get_headers(value) or list(self.headers or [])
        data = [] if self.is_empty(value) else self.get_cell_data(value)
        if not data:
            return {"headers": [_cell(h) for h in headers], "data": [], "metadata": None}
        width = len(data[0])
        if len(headers) > width:
            headers = headers[:width]
        elif len(headers) < width:
            headers = [*headers, *(str(i) for i in range(len(headers) + 1, width + 1))]
        return {"headers": [_cell(h) for h in headers], "data": data, "metadata": self.get_metadata(value)}

    def postprocess_columns(self, value: Any, min_rows: int) -> tuple[list[Any], list[list[Any]]] | None:
        """A pandas DataFrame of more than ``min_rows`` rows as its headers and cells, column by column.

        JSON-ready; a big table kept on the server is held that way. ``None`` for any other value, or
        for one with a cell that could be a file.
        """
        if not _is_pandas_frame(value) or len(value) <= min_rows or value.shape[1] == 0:
            return None
        with collector_paused():
            columns = [_series_cells(value.iloc[:, j]) for j in range(value.shape[1])]
        for j, cells in enumerate(columns):
            if getattr(value.dtypes.iloc[j], "kind", "O") == "O" and any(type(c) is dict for c in cells):
                return None
        headers = [_cell(h) for h in value.columns]
        return headers, columns

    @override
    def api_info(self) -> dict[str, Any]:
        return API_INFO

    @override
    def payload_has_files(self, payload: Any) -> bool:
        """Only a cell that is an object can be a file: the rows are scanned for those alone (fast for big tables)."""
        rows = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(rows, list):
            return contains_file(payload)
        return any(type(cell) is dict and contains_file(cell) for row in rows for cell in row)

    @override
    def example_payload(self) -> Any:
        return {"headers": ["a", "b"], "data": [["foo", "bar"]]}

    @override
    def example_value(self) -> Any:
        return {"headers": ["a", "b"], "data": [["foo", "bar"]]}

    @override
    def as_example(self, value: Any) -> Any:
        """An examples table shows the first five rows of the value's cells."""
        if value is None:
            return ""
        try:
            return self.postprocess(value)["data"][:5]
        except Exception:
            return value

    @property
    def value_description(self) -> str:
        """What the function receives, in words (for the API docs)."""
        return self.VALUE_DESCRIPTIONS[self.type]


#: Matrix's and List's parameter order (as in Gradio, not quite the Dataframe's).
TEMPLATE_SIGNATURE = """value, *, headers, row_count, row_limits, col_count, column_count, column_limits, datatype, type,
    latex_delimiters, label, show_label, every, inputs, max_height, scale, min_width, interactive, visible, elem_id,
    elem_classes, render, key, preserved_by_key, wrap, line_breaks, column_widths, show_row_numbers, show_search,
    pinned_columns, max_chars, buttons, static_columns"""


class Numpy(Dataframe, register=False, type_name="dataframe", defaults={"type": "numpy", "row_count": (1, "dynamic")}):
    """A Dataframe whose function gets and returns a numpy array."""

    SIGNATURE = """value, *, headers, row_count, row_limits, col_count, column_count, column_limits, datatype, type,
        latex_delimiters, label, show_label, every, inputs, max_height, scale, min_width, interactive, visible, elem_id,
        elem_classes, render, key, preserved_by_key, wrap, line_breaks, column_widths, show_row_numbers, show_search,
        static_columns, pinned_columns, max_chars, buttons"""
    is_template: ClassVar[bool] = True


class Matrix(Dataframe, register=False, type_name="dataframe", defaults={"type": "array", "row_count": (1, "dynamic")}):
    """A Dataframe whose function gets and returns a list of rows."""

    SIGNATURE = TEMPLATE_SIGNATURE
    is_template: ClassVar[bool] = True


class List(
    Dataframe,
    register=False,
    type_name="dataframe",
    defaults={"type": "array", "row_count": (1, "dynamic"), "col_count": 1},
):
    """A one-column Dataframe whose function gets and returns a list of rows.

    (Gradio 6.31's template passes ``col_count=1`` but no longer reads it, so its List shows three
    columns; here it has the one column the template is documented to set.)
    """

    SIGNATURE = TEMPLATE_SIGNATURE
    is_template: ClassVar[bool] = True

    def __post_init__(self) -> None:
        if self.col_count == 1:  # the template's own default, not the deprecated argument
            self.col_count = None
            if self.column_count is None:
                self.column_count = 1
        super().__post_init__()


#: Gradio's other spelling.
DataFrame = Dataframe
