"""Native plots through the official gradio_client: a BarPlot output comes back as Gradio's plot payload,
and the API docs name each plot as Gradio does ("Barplot", "Lineplot")."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

import trellis as gr

FRAME = pd.DataFrame({"x": [1, 2, 3], "y": [4.0, 5.5, 6], "c": ["a", "b", "a"]})


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    with gr.Blocks() as demo:
        count = gr.Number(3)
        bars = gr.BarPlot(x="c", y="y", y_aggregate="sum")
        line = gr.LinePlot(FRAME, x="x", y="y")
        gr.Button().click(lambda k: FRAME.head(int(k)), count, bars, api_name="bar")
        gr.Button().click(lambda: FRAME, None, line, api_name="line")
    return serve_blocks(demo)


def test_a_plot_output_reaches_the_client(url: str, make_client: Any) -> None:
    client = make_client(url)
    assert client.predict(2, api_name="/bar") == {
        "columns": ["x", "y", "c"],
        "data": [[1, 4.0, "a"], [2, 5.5, "b"]],
        "datatypes": {"x": "quantitative", "y": "quantitative", "c": "nominal"},
        "mark": "bar",
    }
    api = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert api["/bar"]["returns"][0]["component"] == "Barplot"
    assert api["/line"]["returns"][0]["component"] == "Lineplot"
    assert api["/bar"]["returns"][0]["python_type"]["type"] == "str | float | bool | list | dict"
