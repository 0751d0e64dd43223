"""LinePlot, ScatterPlot and BarPlot: config and payloads as Gradio 6.31 sends them (values recorded from
Gradio 6.31 for the same frames and arguments)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

import trellis as gr
from trellis.components import NativePlot

FRAME = pd.DataFrame(
    {
        "x": [1, 2, 3],
        "y": [4.0, 5.5, 6],
        "c": ["a", "b", "a"],
        "t": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
    }
)
PAYLOAD = {
    "columns": ["x", "y", "c", "t"],
    "data": [[1, 4.0, "a", 1704067200000], [2, 5.5, "b", 1704153600000], [3, 6.0, "a", 1704240000000]],
    "datatypes": {"x": "quantitative", "y": "quantitative", "c": "nominal", "t": "temporal"},
}


@pytest.mark.parametrize(
    ("cls", "name", "mark"),
    [(gr.LinePlot, "lineplot", "line"), (gr.ScatterPlot, "scatterplot", "point"), (gr.BarPlot, "barplot", "bar")],
)
def test_each_plot_is_a_nativeplot_under_its_own_name(cls: Any, name: str, mark: str) -> None:
    plot = cls(FRAME, x="x", y="y", render=False)
    props = plot.get_props()
    assert plot.block_type == "nativeplot"
    assert props["name"] == name
    assert props["value"] == {**PAYLOAD, "mark": mark}
    assert props["show_label"] is False  # no label: no badge, as in Gradio
    assert props["buttons"] == []
    assert props["tooltip"] == "axis"
    assert (props["x_label_angle"], props["y_label_angle"], props["x_axis_labels_visible"]) == (0, 0, True)


def test_a_label_shows_its_badge_and_positional_x_y() -> None:
    plot = gr.ScatterPlot(FRAME, "x", "y", label="Points", render=False)
    assert (plot.x, plot.y, plot.get_props()["show_label"]) == ("x", "y", True)


def test_options_are_sent_as_given() -> None:
    plot = gr.BarPlot(
        x="c",
        y="y",
        color="c",
        y_aggregate="sum",
        x_bin=None,
        color_map={"a": "red"},
        y_lim=[0, None],
        sort="-y",
        tooltip=["t"],
        height=300,
        buttons=["fullscreen", "export"],
        caption="cap",
        render=False,
    )
    props = plot.get_props()
    for key, value in {
        "y_aggregate": "sum",
        "color_map": {"a": "red"},
        "y_lim": [0, None],
        "sort": "-y",
        "tooltip": ["t"],
        "height": 300,
        "buttons": ["fullscreen", "export"],
        "caption": "cap",
    }.items():
        assert props[key] == value, key
    assert "value" not in props


def test_values_and_updates() -> None:
    plot = gr.LinePlot(x="x", y="y", render=False)
    assert plot.postprocess(None) is None
    update = {"columns": ["x"], "data": [[1]], "datatypes": {"x": "quantitative"}, "mark": "line"}
    assert plot.postprocess(update) is update
    with pytest.raises(ValueError, match="pandas DataFrame"):
        plot.postprocess([[1, 2]])
    with pytest.raises(ValueError, match="Unsupported data type"):
        plot.postprocess(pd.DataFrame({"d": [pd.Timedelta(1)]}))
    nan = plot.postprocess(pd.DataFrame({"x": [1.0, float("nan")], "k": pd.Categorical(["p", "q"])}))
    assert nan is not None
    assert nan["data"] == [[1.0, "p"], [None, "q"]]
    assert nan["datatypes"] == {"x": "quantitative", "k": "nominal"}


def test_api_description_is_gradios() -> None:
    plot = gr.LinePlot(x="a", y="b", render=False)
    assert plot.api_info() == {"type": {}, "description": "any valid json"}
    assert plot.example_payload() is None
    assert plot.example_value().to_dict("list") == {"a": [1, 2, 3], "b": [4, 5, 6]}


def test_shortcuts() -> None:
    demo = gr.Interface(lambda: FRAME, None, ["lineplot"])
    assert type(demo.output_components[0]) is gr.LinePlot
    assert isinstance(gr.BarPlot(render=False), NativePlot)
