"""The order the server gives a windowed table: the one the page's own code gives a table it holds."""

from __future__ import annotations

from trellis.processing.tables import (
    ColumnFilter,
    StoredTable,
    TableStore,
    View,
    cell_text,
    columns_of,
    windowed_payload,
)


def table(rows: list[list[object]], datatypes: list[str] | None = None) -> StoredTable:
    store = TableStore()
    width = len(rows[0]) if rows else 1
    return store.put(1, [str(i) for i in range(width)], columns_of(rows, width), datatypes or ["str"] * width)


def cell(t: StoredTable, index: int, column: int) -> object:
    return t.columns[column][index]


def test_empty_cells_stay_last_both_ways_and_ties_keep_their_order() -> None:
    t = table([[3], [None], [1], [""], [3], [2]], ["number"])
    assert list(t.order(View(0))) == [2, 5, 0, 4, 1, 3]
    assert list(t.order(View(0, descending=True))) == [0, 4, 5, 2, 1, 3]


def test_text_sorts_naturally_without_case_and_numbers_before_text() -> None:
    t = table([["b10"], ["B2"], ["a"], [5], ["b1"]])
    assert [cell(t, i, 0) for i in t.order(View(0))] == [5, "a", "b1", "B2", "b10"]


def test_bool_and_number_columns() -> None:
    t = table([[True, "10"], [False, "9"], ["true", "x"], [0, "-1.5"]], ["bool", "number"])
    assert list(t.order(View(0))) == [1, 3, 0, 2]
    assert [cell(t, i, 1) for i in t.order(View(1))] == ["-1.5", "9", "10", "x"]


def test_search_and_filters_combine_with_the_sort() -> None:
    t = table([["apple", 3], ["Banana", 1], ["cherry", 2], ["grape", None]], ["str", "number"])
    view = View(1, False, "AN", (ColumnFilter(1, "number", "≥", "1"),))
    assert list(t.order(view)) == [1]
    assert list(t.order(View(None, False, "", (ColumnFilter(1, "number", "Is empty", ""),)))) == [3]
    assert list(t.order(View(None, False, "", (ColumnFilter(0, "string", "Ends with", "E"),)))) == [0, 3]


def test_cells_read_as_the_page_shows_them() -> None:
    assert [cell_text(v) for v in (None, True, 2.0, 0.5, [1, "a"], "x")] == ["", "true", "2", "0.5", '[1,"a"]', "x"]


def test_the_page_payload_keeps_styler_metadata_for_its_rows() -> None:
    rows = [[i] for i in range(300)]
    store = TableStore()
    meta = {"display_value": [[f"#{i}"] for i in range(300)], "styling": [[""] for _ in range(300)], "x": 1}
    t = store.put(7, ["n"], columns_of(rows, 1), ["number"], meta)
    payload = windowed_payload(t)
    assert len(payload["data"]) == 200 and payload["metadata"]["display_value"][199] == ["#199"]
    assert payload["metadata"]["x"] == 1 and payload["window"] == {"table": t.ref, "rows": 300}
    assert store.get(t.ref) is t and store.get("other") is None
    # a newer value for the component replaces the older table
    newer = store.put(7, ["n"], columns_of(rows, 1), ["number"])
    assert store.get(t.ref) is None and store.get(newer.ref) is newer and len(store) == 1


def test_short_rows_are_padded_and_the_payload_rebuilds_rows() -> None:
    t = TableStore().put(1, ["a", "b"], columns_of([[1, 2], [3]], 2), ["number", "number"])
    assert t.payload() == {"headers": ["a", "b"], "data": [[1, 2], [3, None]], "metadata": None}
    assert t.column(1) == [2, None] and t.column(5) == []
