"""gr.Dataframe through the official gradio_client against a real server: pandas in and out, numpy and
list types, a Styler's metadata on the wire, the API description, and malformed payloads refused."""

from __future__ import annotations

from typing import Any

import httpx
import numpy as np
import pandas as pd
import pytest
from conftest import TIMEOUT

import trellis as gr


def build() -> gr.Blocks:
    def add_total(df: pd.DataFrame) -> pd.DataFrame:
        assert isinstance(df, pd.DataFrame)
        df = df.copy()
        df["total"] = df["price"].astype(float) * df["qty"].astype(float)
        return df

    def transpose(matrix: np.ndarray) -> np.ndarray:
        assert isinstance(matrix, np.ndarray)
        return matrix.T

    def rows(table: list[list[Any]]) -> str:
        return repr(table)

    def styled(n: float) -> Any:
        frame = pd.DataFrame({"v": [float(i) for i in range(int(n))]})
        return frame.style.format("{:.2f}").highlight_max(color="yellow")

    with gr.Blocks() as demo:
        order = gr.Dataframe(
            headers=["item", "price", "qty"],
            datatype=["str", "number", "number"],
            value=[["apple", 1.5, 4], ["pear", 2.0, 1]],
            label="Order",
        )
        totals = gr.Dataframe(label="Totals")
        matrix = gr.Numpy(label="Matrix")
        text = gr.Textbox()
        count = gr.Number(value=3)
        gr.Button("total").click(add_total, order, totals, api_name="add_total")
        gr.Button("transpose").click(transpose, matrix, matrix, api_name="transpose")
        gr.Button("rows").click(rows, gr.Matrix(), text, api_name="rows")
        gr.Button("styled").click(styled, count, totals, api_name="styled")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def test_pandas_round_trip(url: str, make_client: Any) -> None:
    payload = {"headers": ["item", "price", "qty"], "data": [["fig", 0.5, 10], ["kiwi", 2, 3]], "metadata": None}
    assert make_client(url).predict(payload, api_name="/add_total") == {
        "headers": ["item", "price", "qty", "total"],
        "data": [["fig", 0.5, 10, 5.0], ["kiwi", 2, 3, 6.0]],
        "metadata": None,
    }


def test_default_value_is_the_parameter_default(url: str, make_client: Any) -> None:
    client = make_client(url)
    param = client.view_api(print_info=False, return_format="dict")["named_endpoints"]["/add_total"]["parameters"][0]
    assert param["component"] == "Dataframe"
    assert param["parameter_default"] == {
        "headers": ["item", "price", "qty"],
        "data": [["apple", 1.5, 4], ["pear", 2.0, 1]],
        "metadata": None,
    }
    assert client.predict(api_name="/add_total")["data"] == [["apple", 1.5, 4, 6.0], ["pear", 2.0, 1, 2.0]]


def test_numpy_and_list_types(url: str, make_client: Any) -> None:
    client = make_client(url)
    out = client.predict({"headers": ["a", "b"], "data": [[1, 2], [3, 4]]}, api_name="/transpose")
    assert out == {"headers": ["1", "2"], "data": [[1, 3], [2, 4]], "metadata": None}
    assert client.predict({"headers": ["a"], "data": [["x"], ["y"]]}, api_name="/rows") == "[['x'], ['y']]"


def test_a_styler_output_carries_its_metadata(url: str, make_client: Any) -> None:
    out = make_client(url).predict(3, api_name="/styled")
    assert out["data"] == [[0.0], [1.0], [2.0]]
    assert out["metadata"] == {
        "display_value": [["0.00"], ["1.00"], ["2.00"]],
        "styling": [[""], [""], ["background-color: yellow"]],
    }


@pytest.mark.parametrize(
    "payload",
    [["not", "a", "table"], {"data": [[1]]}, {"headers": ["a"], "data": "x"}],
    ids=["list", "no-headers", "data-not-rows"],
)
def test_malformed_tables_get_an_error_and_the_server_carries_on(url: str, make_client: Any, payload: Any) -> None:
    from gradio_client.exceptions import AppError

    client = make_client(url)
    with pytest.raises(AppError):
        client.predict(payload, api_name="/add_total")
    ok = {"headers": ["item", "price", "qty"], "data": [["a", 1, 1]]}
    assert client.predict(ok, api_name="/add_total")["data"] == [["a", 1, 1, 1.0]]


def test_config_carries_gradios_props(url: str) -> None:
    config = httpx.get(url + "config", timeout=TIMEOUT).json()
    order = next(c for c in config["components"] if c["props"].get("label") == "Order")
    assert order["type"] == "dataframe"
    props = order["props"]
    assert props["headers"] == ["item", "price", "qty"]
    assert props["datatype"] == ["str", "number", "number"]
    assert props["row_count"] == [3, "dynamic"]
    assert props["column_count"] == props["col_count"] == [3, "dynamic"]
    assert props["latex_delimiters"] == [{"left": "$$", "right": "$$", "display": True}]
    assert props["max_height"] == 500
    assert props["show_search"] == "none"
    assert order["api_info"]["title"] == "DataframeData"
