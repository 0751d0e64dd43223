"""gr.Dataframe and its templates: props as Gradio 6.31 sends them, values in every form it takes, payloads
to each ``type``; the expected values were recorded from Gradio 6.31 for the same calls."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import trellis as gr
from trellis.exceptions import ValidationError

PROPS = ("headers", "row_count", "col_count", "column_count", "type", "datatype")


def props(component: Any) -> dict[str, Any]:
    sent = component.get_props()
    return {k: list(v) if isinstance(v, tuple) else v for k, v in sent.items() if k in (*PROPS, "value")}


@pytest.mark.parametrize(
    ("component", "expected"),
    [
        (gr.Dataframe(), {"headers": ["1", "2", "3"], "row_count": [3, "dynamic"], "column_count": [3, "dynamic"]}),
        (
            gr.Dataframe(headers=["a", "b"]),
            {"headers": ["a", "b"], "row_count": [3, "dynamic"], "column_count": [2, "dynamic"]},
        ),
        (
            gr.Dataframe(row_count=(4, "fixed"), column_count=(2, "fixed")),
            {"headers": ["1", "2"], "row_count": [4, "fixed"], "column_count": [2, "fixed"]},
        ),
        (
            gr.Numpy(),
            {"headers": ["1", "2", "3"], "row_count": [1, "dynamic"], "column_count": [3, "dynamic"], "type": "numpy"},
        ),
        (
            gr.Matrix(),
            {"headers": ["1", "2", "3"], "row_count": [1, "dynamic"], "column_count": [3, "dynamic"], "type": "array"},
        ),
        (
            gr.List(),
            {"headers": ["1"], "row_count": [1, "dynamic"], "column_count": [1, "dynamic"], "type": "array"},
        ),
    ],
    ids=["default", "headers", "fixed", "numpy", "matrix", "list"],
)
def test_counts_and_headers_are_sent_as_gradio_sends_them(component: Any, expected: dict[str, Any]) -> None:
    sent = props(component)
    for key, value in expected.items():
        assert sent[key] == value, key
    assert sent["col_count"] == sent["column_count"]
    assert sent["value"] == {"headers": sent["headers"], "data": [], "metadata": None}
    assert component.get_props()["name"] == "dataframe"


def test_headers_must_match_the_column_count() -> None:
    with pytest.raises(ValueError, match="must be equal to the column_count"):
        gr.Dataframe(headers=["a", "b"], column_count=3)


def test_unknown_type_and_datatype_are_refused() -> None:
    with pytest.raises(ValueError, match="Invalid value for parameter `type`"):
        gr.Dataframe(type="dict")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Unknown datatype"):
        gr.Dataframe(datatype=["str", "money"])  # type: ignore[list-item]


def test_col_count_is_the_deprecated_name_of_column_count() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = gr.Dataframe(col_count=(2, "fixed"))
    assert any(issubclass(w.category, DeprecationWarning) for w in caught)
    assert props(table)["column_count"] == [2, "fixed"] == props(table)["col_count"]


def test_limits_and_widths_are_checked_and_normalised() -> None:
    table = gr.Dataframe(row_limits=(1, None), column_limits=[2, 4], column_widths=[100, "20%", "3em", "auto"])
    assert table.row_limits == (1, None)
    assert table.column_limits == (2, 4)
    assert table.column_widths == ["100px", "20%", "3empx", "auto"]  # as Gradio: only px, % and auto are kept
    with pytest.raises(ValueError, match="minimum"):
        gr.Dataframe(row_limits=(5, 2))


FRAME = pd.DataFrame(
    {
        "a": [1, 2],
        "b": ["x", "y"],
        "c": [1.5, None],
        "d": pd.to_datetime(["2024-01-01", "2024-02-03"]),
        "e": [True, False],
    }
)


def test_a_pandas_frame_is_sent_with_gradios_cell_values() -> None:
    assert gr.Dataframe().postprocess(FRAME) == {
        "headers": ["a", "b", "c", "d", "e"],
        "data": [[1, "x", 1.5, "2024-01-01 00:00:00", True], [2, "y", None, "2024-02-03 00:00:00", False]],
        "metadata": None,
    }
    with_nat = pd.DataFrame({"t": pd.to_datetime(["2024-01-01", None]), "i": np.array([1, 2], dtype=np.int32)})
    assert gr.Dataframe().postprocess(with_nat)["data"] == [["2024-01-01 00:00:00", 1], ["NaT", 2]]


def test_a_styler_sends_its_display_values_and_cell_styles() -> None:
    styler = FRAME.style.highlight_max(color="lightgreen", subset=["a"]).format({"c": "{:.3f}"})
    payload = gr.Dataframe(value=styler).get_props()["value"]
    assert payload["metadata"] == {
        "display_value": [
            ["1", "x", "1.500", "2024-01-01 00:00:00", True],
            ["2", "y", "nan", "2024-02-03 00:00:00", False],
        ],
        "styling": [["", "", "", "", ""], ["background-color: lightgreen", "", "", "", ""]],
    }
    hidden = FRAME.style.hide(["b", "d"], axis="columns")
    sent = gr.Dataframe().postprocess(hidden)
    assert sent["data"] == [[1, 1.5, True], [2, None, False]]
    assert [len(row) for row in sent["metadata"]["display_value"]] == [3, 3]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (np.arange(6).reshape(2, 3), {"headers": ["1", "2", "3"], "data": [[0, 1, 2], [3, 4, 5]]}),
        ([1, 2, 3], {"headers": ["1"], "data": [[1], [2], [3]]}),
        ([(1, "a"), (2, "b")], {"headers": ["1", "2"], "data": [[1, "a"], [2, "b"]]}),
        ({"data": [[1]], "headers": ["x"]}, {"headers": ["x"], "data": [[1]]}),
        (pd.DataFrame(), {"headers": ["1", "2", "3"], "data": []}),
        (None, {"headers": ["1", "2", "3"], "data": []}),
        ([[1.0, float("nan")]], {"headers": ["1", "2"], "data": [[1.0, None]]}),
    ],
    ids=["numpy", "flat-list", "tuples", "dict", "empty-frame", "none", "nan"],
)
def test_values_of_every_kind(value: Any, expected: dict[str, Any]) -> None:
    assert gr.Dataframe().postprocess(value) == {**expected, "metadata": None}


def test_headers_are_cut_or_extended_to_the_data() -> None:
    assert gr.Dataframe(headers=["a", "b", "c"]).postprocess([[1, 2]])["headers"] == ["a", "b"]
    assert gr.Dataframe(headers=["a"]).postprocess([[1, 2, 3]])["headers"] == ["a", "2", "3"]


def test_a_csv_path_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("name,n\nfoo,1\nbar,2\n")
    assert gr.Dataframe().postprocess(str(path)) == {
        "headers": ["name", "n"],
        "data": [["foo", 1], ["bar", 2]],
        "metadata": None,
    }


def test_a_dict_value_keeps_its_metadata() -> None:
    value = {
        "data": [["a", 1]],
        "headers": ["m", "n"],
        "metadata": {"styling": [["color: red", ""]], "display_value": None},
    }
    assert gr.Dataframe(value).get_props()["value"]["metadata"] == value["metadata"]


def test_auto_datatype_reads_the_dtypes() -> None:
    assert gr.Dataframe(FRAME, datatype="auto").datatype == ["number", "str", "number", "date", "bool"]
    assert gr.Dataframe([[1, "a", 2.5, True]], datatype="auto").datatype == ["number", "str", "number", "bool"]
    assert gr.Dataframe(np.zeros((2, 2)), datatype="auto").datatype == ["number", "number"]
    assert gr.Dataframe(None, datatype="auto").datatype == "str"


ORDER = {"headers": ["item", "price"], "data": [["apple", 1.5], ["pear", 2]], "metadata": None}


def test_payload_to_each_type() -> None:
    frame = gr.Dataframe(type="pandas").preprocess(ORDER)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["item", "price"]
    assert frame["price"].tolist() == [1.5, 2.0]
    array = gr.Dataframe(type="numpy").preprocess({"headers": ["a", "b"], "data": [[1, 2], [3, 4]]})
    assert isinstance(array, np.ndarray)
    assert array.tolist() == [[1, 2], [3, 4]]
    assert gr.Dataframe(type="array").preprocess(ORDER) == [["apple", 1.5], ["pear", 2]]
    empty = gr.Dataframe().preprocess({"headers": ["a", "b"], "data": [[]]})
    assert list(empty.columns) == ["a", "b"]
    assert empty.empty


def test_polars_in_and_out() -> None:
    import polars as pl

    frame = gr.Dataframe(type="polars").preprocess(ORDER)
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == ["item", "price"]
    assert gr.Dataframe().postprocess(frame) == {
        "headers": ["item", "price"],
        "data": [["apple", 1.5], ["pear", 2.0]],
        "metadata": None,
    }
    assert gr.Dataframe(frame, datatype="auto").datatype == ["str", "number"]


@pytest.mark.parametrize(
    "payload", ["text", {"data": [[1]]}, {"headers": ["a"], "data": [1, 2]}, {"headers": "a", "data": []}]
)
def test_malformed_payloads_are_refused(payload: Any) -> None:
    with pytest.raises(ValidationError):
        gr.Dataframe().preprocess(payload)


def test_examples_show_the_first_five_rows() -> None:
    table = gr.Dataframe()
    assert table.as_example(np.ones((8, 2)).tolist()) == [[1.0, 1.0]] * 5
    assert table.as_example(None) == ""


def test_api_info_and_example_payload_are_gradios() -> None:
    table = gr.Dataframe()
    assert table.api_info()["title"] == "DataframeData"
    assert table.api_info()["required"] == ["headers", "data"]
    assert table.example_payload() == {"headers": ["a", "b"], "data": [["foo", "bar"]]}


def test_interface_shortcuts_make_dataframes() -> None:
    demo = gr.Interface(lambda x: x, "dataframe", ["numpy"])
    kinds = [type(c).__name__ for c in (*demo.input_components, *demo.output_components)]
    assert kinds == ["Dataframe", "Numpy"]
    assert gr.DataFrame is gr.Dataframe
