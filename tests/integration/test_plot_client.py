"""gr.Plot through the official gradio_client against a real server: the PlotData payloads Gradio 6.31 sends for
matplotlib, plotly and altair figures, the API description, and payloads taken back as inputs."""

from __future__ import annotations

import json
from typing import Any

import pytest

import trellis as gr

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
go = pytest.importorskip("plotly.graph_objects")
alt = pytest.importorskip("altair")

#: The API description Gradio 6.31's view_api gives a Plot (recorded from a Gradio 6.31 server).
PLOT_TYPE = {
    "properties": {
        "type": {"enum": ["altair", "bokeh", "plotly", "matplotlib"], "title": "Type", "type": "string"},
        "plot": {"title": "Plot", "type": "string"},
    },
    "required": ["type", "plot"],
    "title": "PlotData",
    "type": "object",
    "additional_description": None,
}
PYTHON_TYPE = {"type": "dict(type: Literal['altair', 'bokeh', 'plotly', 'matplotlib'], plot: str)", "description": ""}


def build() -> gr.Blocks:
    import matplotlib.pyplot as plt

    def make(kind: str) -> Any:
        if kind == "matplotlib":
            fig, ax = plt.subplots()
            ax.plot([1, 2, 3], [1, 4, 9])
            return fig
        if kind == "plotly":
            return go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 4, 9]))
        return alt.Chart(alt.Data(values=[{"x": 1, "y": 1}])).mark_point().encode(x="x:Q", y="y:Q")

    def describe(plot: dict[str, Any] | None) -> str:
        return "none" if plot is None else f"{plot['type']}:{len(plot['plot'])}"

    with gr.Blocks() as demo:
        kind = gr.Textbox()
        plot = gr.Plot(label="Figure")
        png = gr.Plot(label="PNG", format="png")
        text = gr.Textbox()
        gr.Button("make").click(make, kind, plot, api_name="make")
        gr.Button("png").click(make, kind, png, api_name="png")
        gr.Button("describe").click(describe, plot, text, api_name="describe")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def test_matplotlib_payload(url: str, make_client: Any) -> None:
    client = make_client(url)
    result = client.predict("matplotlib", api_name="/make")
    assert set(result) == {"type", "plot"}
    assert result["type"] == "matplotlib"
    assert result["plot"].startswith("data:image/webp;base64,")
    assert client.predict("matplotlib", api_name="/png")["plot"].startswith("data:image/png;base64,")


def test_plotly_and_altair_payloads_are_the_figures_json(url: str, make_client: Any) -> None:
    client = make_client(url)
    plotly = client.predict("plotly", api_name="/make")
    assert plotly["type"] == "plotly"
    assert json.loads(plotly["plot"])["data"][0]["y"] == [1, 4, 9]
    altair = client.predict("altair", api_name="/make")
    assert altair["type"] == "altair"
    assert json.loads(altair["plot"])["mark"]["type"] == "point"


def test_plot_as_an_input(url: str, make_client: Any) -> None:
    client = make_client(url)
    assert client.predict({"type": "plotly", "plot": "{}"}, api_name="/describe") == "plotly:2"


def test_api_description_is_gradios(url: str, make_client: Any) -> None:
    api = make_client(url).view_api(print_info=False, return_format="dict")["named_endpoints"]
    returned = api["/make"]["returns"][0]
    assert returned["component"] == "Plot"
    assert returned["label"] == "Figure"
    assert returned["type"] == PLOT_TYPE
    assert returned["python_type"] == PYTHON_TYPE
    param = api["/describe"]["parameters"][0]
    assert param["component"] == "Plot"
    assert param["type"] == PLOT_TYPE
    # As Gradio 6.31's /info: a parameter's description is the schema's additional_description (None).
    assert param["python_type"] == {**PYTHON_TYPE, "description": None}
