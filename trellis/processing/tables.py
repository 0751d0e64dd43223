"""Big tables shown in windows: the page gets the rows it can show, the server keeps the rest.

A Dataframe output the page only displays (it says which when it joins the queue) and that has more
than :data:`WINDOW_THRESHOLD` rows is not sent whole to the page: the page gets the first
:data:`FIRST_WINDOW` rows and a ``window`` reference, and fetches further rows from
``GET /gradio_api/table/{ref}`` as the user scrolls, sorts, searches or filters. The whole table stays
in the session's :class:`TableStore`, so the page's value still works as an input (the reference is
swapped back for the whole table before preprocessing) and a cell selection still reports its
column. The official clients never ask for windows, so they get the whole value as before.

Sorting, searching and filtering here give the order the page's own code gives a table it holds
(``frontend/src/components/dataframe/table.ts``): empty cells last, numbers by value, text in natural
case-insensitive order, stable.
"""

from __future__ import annotations

import json
import math
import re
import secrets
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from trellis._memory import collector_paused
from trellis.exceptions import Refused

#: Above this many rows, a displayed table goes to the page in windows.
WINDOW_THRESHOLD = 5000
#: How many rows the page gets with the value.
FIRST_WINDOW = 200
#: The most rows one window request returns.
MAX_WINDOW = 2000
#: The most column filters one request may apply.
MAX_FILTERS = 32

_DIGITS = re.compile(r"(\d+)")

STRING_CONDITIONS = frozenset(
    {"Contains", "Does not contain", "Starts with", "Ends with", "Is", "Is not", "Is empty", "Is not empty"}
)
NUMBER_CONDITIONS = frozenset({"=", "≠", ">", "<", "≥", "≤", "Is empty", "Is not empty"})


class WindowError(Refused):
    """A window request the server refuses."""


def cell_text(value: Any) -> str:
    """A cell as the page shows and searches it (JavaScript's ``String``, JSON for objects)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def _is_true(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return value is True or (isinstance(value, (int, float)) and not isinstance(value, bool) and value == 1)


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return None if isinstance(value, float) and math.isnan(value) else float(value)
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return None if math.isnan(number) else number
    return None


def _natural(text: str) -> tuple[Any, ...]:
    """Text's natural-order key: case-insensitive, runs of digits compared as numbers ("a2" < "a10")."""
    parts = _DIGITS.split(text.casefold())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def sort_key(value: Any, datatype: str) -> tuple[Any, ...]:
    """A non-empty cell's sort key within its column; numbers before text when a column mixes them."""
    if datatype == "bool":
        return (0, int(_is_true(value)))
    if datatype == "number" or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        number = _number(value)
        if number is not None:
            return (0, number)
    return (1, _natural(cell_text(value)))


@dataclass(frozen=True)
class ColumnFilter:
    """One filter of the header menu: a column, how it compares, the condition and its operand."""

    column: int
    type: str
    condition: str
    value: str

    def passes(self, cell: Any) -> bool:
        """Whether ``cell`` meets the filter (as the page's filter menu decides it)."""
        text = cell_text(cell)
        if self.condition == "Is empty":
            return text.strip() == ""
        if self.condition == "Is not empty":
            return text.strip() != ""
        if self.type == "number":
            if text.strip() == "":
                return False
            a, b = _number(text), _number(self.value)
            if a is None or b is None:
                return False
            return {
                "=": a == b,
                "≠": a != b,
                ">": a > b,
                "<": a < b,
                "≥": a >= b,
                "≤": a <= b,
            }.get(self.condition, True)
        cell_lower, value = text.lower(), self.value.lower()
        return {
            "Contains": value in cell_lower,
            "Does not contain": value not in cell_lower,
            "Starts with": cell_lower.startswith(value),
            "Ends with": cell_lower.endswith(value),
            "Is": cell_lower == value,
            "Is not": cell_lower != value,
        }.get(self.condition, True)


def parse_filters(raw: str | None, columns: int) -> tuple[ColumnFilter, ...]:
    """The ``filters`` query parameter (a JSON list of filters), checked; raises :class:`WindowError`."""
    if not raw:
        return ()
    try:
        items = json.loads(raw)
    except ValueError:
        raise WindowError(400, "'filters' must be a JSON list of filters.") from None
    if not isinstance(items, list) or len(items) > MAX_FILTERS:
        raise WindowError(400, f"'filters' must be a JSON list of at most {MAX_FILTERS} filters.")
    filters: list[ColumnFilter] = []
    for item in items:
        if not isinstance(item, dict):
            raise WindowError(400, "Each filter must be an object with column, type, condition and value.")
        column, kind, condition, value = (item.get(k) for k in ("column", "type", "condition", "value"))
        conditions = NUMBER_CONDITIONS if kind == "number" else STRING_CONDITIONS
        if (
            not isinstance(column, int)
            or isinstance(column, bool)
            or not 0 <= column < columns
            or kind not in ("string", "number")
            or condition not in conditions
            or not isinstance(value, str)
        ):
            raise WindowError(400, f"Invalid filter: {item!r}.")
        filters.append(ColumnFilter(column, kind, condition, value))
    return tuple(filters)


@dataclass(frozen=True)
class View:
    """How the page looks at a table: sorted by a column, searched for text, filtered."""

    sort_column: int | None = None
    descending: bool = False
    query: str = ""
    filters: tuple[ColumnFilter, ...] = ()


@dataclass
class StoredTable:
    """One windowed table, kept column by column for one component of one session."""

    ref: str
    component_id: int
    headers: list[Any]
    columns: list[list[Any]]
    count: int
    display: list[Any] | None
    styling: list[Any] | None
    datatypes: list[str]
    metadata: dict[str, Any] | None
    _views: dict[View, Sequence[int]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def row(self, index: int) -> list[Any]:
        """One row's cells."""
        return [column[index] for column in self.columns]

    def payload(self) -> dict[str, Any]:
        """The whole value, as the official clients get it (the page sends it back as an input)."""
        with collector_paused():
            rows = [list(row) for row in zip(*self.columns, strict=True)] if self.columns else []
        return {"headers": self.headers, "data": rows, "metadata": self.metadata}

    def order(self, view: View) -> Sequence[int]:
        """The row indices the view shows, in order (cached: the last few views of the table)."""
        if view == View():
            return range(self.count)
        with self._lock:
            cached = self._views.get(view)
            if cached is not None:
                return cached
            order = self._compute(view)
            if len(self._views) >= 4:
                self._views.pop(next(iter(self._views)))
            self._views[view] = order
            return order

    def _compute(self, view: View) -> Sequence[int]:
        indices: Sequence[int] = range(self.count)
        if view.sort_column is not None:
            cells = self.columns[view.sort_column]
            datatype = self.datatypes[view.sort_column] if view.sort_column < len(self.datatypes) else "str"
            filled = [i for i in indices if not _empty(cells[i])]
            empty = [i for i in indices if _empty(cells[i])]
            filled.sort(key=lambda i: sort_key(cells[i], datatype), reverse=view.descending)
            indices = array("l", filled + empty)
        needle = view.query.strip().lower()
        if needle:
            hits = bytearray(self.count)
            for column in self.columns:
                for i, cell in enumerate(column):
                    if not hits[i] and needle in cell_text(cell).lower():
                        hits[i] = 1
            indices = array("l", (i for i in indices if hits[i]))
        for f in view.filters:
            cells = self.columns[f.column]
            indices = array("l", (i for i in indices if f.passes(cells[i])))
        return indices

    def window(self, view: View, start: int, end: int, limit: int | None = MAX_WINDOW) -> dict[str, Any]:
        """Rows ``start`` to ``end`` of the view (at most ``limit``), with their table indices and Styler metadata."""
        order = self.order(view)
        start = max(0, min(start, len(order)))
        end = max(start, min(end, len(order)))
        if limit is not None:
            end = min(end, start + limit)
        picked = [order[k] for k in range(start, end)]
        with collector_paused():
            data = [self.row(i) for i in picked]
        return {
            "count": len(order),
            "total": self.count,
            "start": start,
            "index": picked,
            "data": data,
            "display": None if self.display is None else [_at(self.display, i) for i in picked],
            "styling": None if self.styling is None else [_at(self.styling, i) for i in picked],
        }

    def column(self, column: int) -> list[Any]:
        """One column's cells, in the table's own order (a selection's ``col_value``)."""
        return list(self.columns[column]) if 0 <= column < len(self.columns) else []


def columns_of(rows: list[list[Any]], width: int) -> list[list[Any]]:
    """Rows turned into columns of ``width`` cells each (short rows padded with None)."""
    with collector_paused():
        if all(len(row) == width for row in rows):
            return [list(column) for column in zip(*rows, strict=True)] if width else []
        return [[row[c] if c < len(row) else None for row in rows] for c in range(width)]


def _at(items: Sequence[Any] | None, index: int) -> Any:
    if items is None or not 0 <= index < len(items):
        return None
    return items[index]


class TableStore:
    """A session's windowed tables: one per component (a newer output replaces the older)."""

    def __init__(self) -> None:
        self._by_component: dict[int, StoredTable] = {}
        self._lock = threading.Lock()

    def put(
        self,
        component_id: int,
        headers: list[Any],
        columns: list[list[Any]],
        datatypes: list[str],
        metadata: dict[str, Any] | None = None,
    ) -> StoredTable:
        """Keep a table as the component's, under a new unguessable reference."""
        display = metadata.get("display_value") if metadata else None
        styling = metadata.get("styling") if metadata else None
        table = StoredTable(
            ref=secrets.token_urlsafe(18),
            component_id=component_id,
            headers=headers,
            columns=columns,
            count=len(columns[0]) if columns else 0,
            display=display if isinstance(display, list) else None,
            styling=styling if isinstance(styling, list) else None,
            datatypes=datatypes,
            metadata=metadata,
        )
        with self._lock:
            self._by_component[component_id] = table
        return table

    def keep_payload(self, component_id: int, payload: dict[str, Any], datatype: Any) -> dict[str, Any]:
        """Keep a whole Dataframe payload (rows of cells) as the component's table; what the page gets instead.

        ``datatype`` is the component's ``datatype`` prop (one for all columns, or one per column).
        """
        rows = payload["data"]
        headers = list(payload.get("headers") or [])
        width = len(headers) or (len(rows[0]) if rows and isinstance(rows[0], list) else 0)
        metadata = payload.get("metadata") if isinstance(payload.get("metadata"), dict) else None
        table = self.put(component_id, headers, columns_of(rows, width), column_types(datatype, width), metadata)
        return windowed_payload(table)

    def get(self, ref: object) -> StoredTable | None:
        """The table with reference ``ref``, if this session holds one."""
        if not isinstance(ref, str):
            return None
        with self._lock:
            for table in self._by_component.values():
                if secrets.compare_digest(table.ref, ref):
                    return table
        return None

    def clear(self) -> None:
        """Forget every table (the session is dropped)."""
        with self._lock:
            self._by_component.clear()

    def __len__(self) -> int:
        return len(self._by_component)


def windowed_payload(table: StoredTable) -> dict[str, Any]:
    """What the page gets instead of the whole value: the first rows and the table's reference."""
    first = table.window(View(), 0, FIRST_WINDOW)
    metadata: dict[str, Any] | None = None
    if table.metadata is not None:
        metadata = {
            **{k: v for k, v in table.metadata.items() if k not in ("display_value", "styling")},
            "display_value": first["display"],
            "styling": first["styling"],
        }
    return {
        "headers": table.headers,
        "data": first["data"],
        "metadata": metadata,
        "window": {"table": table.ref, "rows": table.count},
    }


def window_ref(payload: Any) -> str | None:
    """The table reference a value the page sends back holds, if it is a windowed table."""
    if isinstance(payload, dict):
        window = payload.get("window")
        if isinstance(window, dict) and isinstance(window.get("table"), str):
            return str(window["table"])
    return None


def column_types(datatype: Any, columns: int) -> list[str]:
    """Each column's datatype from a Dataframe's ``datatype`` (one for all, or one per column)."""
    known = {"str", "number", "bool", "date", "markdown", "html", "image"}

    def one(value: Any) -> str:
        return value if isinstance(value, str) and value in known else "str"

    if isinstance(datatype, (list, tuple)):
        return [one(datatype[i]) if i < len(datatype) else "str" for i in range(columns)]
    return [one(datatype)] * columns
