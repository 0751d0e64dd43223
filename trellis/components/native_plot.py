"""Gradio's native plots: LinePlot, ScatterPlot and BarPlot of a pandas DataFrame, drawn with Vega-Lite.

The server sends the frame's columns, rows and each column's Vega-Lite type (``quantitative``,
``nominal``, ``temporal``, dates as epoch milliseconds) plus the mark; the browser builds the chart
from the props (``x``, ``y``, ``color``, binning, aggregation, limits...). All three are drawn by the
one ``nativeplot`` view, each under its own name, as in Gradio.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Literal

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import CORNER_BUTTONS_WIRE, Block, Component, CornerButtons, LabelledCard
from trellis.components.props import prop

Aggregate = Literal["sum", "mean", "median", "min", "max", "count"]
#: The constructor parameters of every native plot, in Gradio's order.
PLOT_SIGNATURE = """value, x, y, *, color, title, x_title, y_title, color_title, x_bin, y_aggregate, color_map,
    colors_in_legend, x_lim, y_lim, x_label_angle, y_label_angle, x_axis_format, y_axis_format, x_axis_labels_visible,
    caption, sort, tooltip, height, label, show_label, container, scale, min_width, every, inputs, visible, elem_id,
    elem_classes, render, buttons, key, preserved_by_key"""


def column_kind(dtype: Any) -> str:
    """A pandas column dtype as a Vega-Lite type.

    Numbers (and booleans) are quantitative, text and categories nominal, datetimes temporal; other
    dtypes are refused, as in Gradio.
    """
    from pandas.api import types

    if types.is_numeric_dtype(dtype):
        return "quantitative"
    if types.is_string_dtype(dtype) or isinstance(dtype, types.CategoricalDtype):
        return "nominal"
    if types.is_datetime64_any_dtype(dtype):
        return "temporal"
    raise ValueError(f"Unsupported data type: {dtype}")


def _epoch_dates(frame: Any, kinds: dict[str, str]) -> Any:
    """The frame with its datetime columns as epoch milliseconds (NaT as null), as Vega-Lite reads them."""
    dates = [column for column, kind in kinds.items() if kind == "temporal"]
    if not dates:
        return frame
    frame = frame.copy(deep=False)
    for column in dates:
        series = frame[column]
        millis = series.dt.as_unit("ms").astype("int64")
        frame[column] = millis.astype("object").where(series.notna(), None)
    return frame


class NativePlot(Component, LabelledCard, CornerButtons, name="nativeplot"):
    """A chart of a pandas DataFrame's columns (the base of LinePlot, ScatterPlot and BarPlot)."""

    #: The Vega-Lite mark the browser draws ("line", "point", "bar").
    MARK: ClassVar[str] = "native"
    change = EventListener()
    select = EventListener()
    double_click = EventListener()
    SIGNATURE = PLOT_SIGNATURE
    DEFAULT_BUTTONS = ()

    value: Any = prop(default=None, kw_only=False)
    """The pandas DataFrame plotted; a callable is called when the page loads to produce it."""
    x: str | None = prop(default=None, kw_only=False)
    """The column on the x axis: numbers, datetimes or text/categories."""
    y: str | None = prop(default=None, kw_only=False)
    """The column on the y axis (numbers)."""
    color: str | None = None
    """A column of text/categories: one series (colour) per value."""
    title: str | None = None
    """The title over the chart."""
    x_title: str | None = None
    """The x axis's title (None: the x column's name)."""
    y_title: str | None = None
    """The y axis's title (None: the y column's name)."""
    color_title: str | None = None
    """The colour legend's title (None: the color column's name)."""
    x_bin: str | float | None = None
    """Group x values into bins: a bin width for numbers, or a duration such as "1h", "15m", "10s", "1d" for dates."""
    y_aggregate: Aggregate | None = None
    """How the y values of one bin or category are combined: "sum", "mean", "median", "min", "max" or "count"."""
    color_map: dict[str, str] | None = None
    """Colours of the series: series value → CSS colour name or code."""
    colors_in_legend: list[str] | None = None
    """The series shown in the legend (None: all)."""
    x_lim: list[float | None] | None = None
    """The x axis's [min, max] (either may be None; timestamps in milliseconds for dates)."""
    y_lim: list[float | None] | None = None
    """The y axis's [min, max] (either may be None)."""
    x_label_angle: float = 0
    """The x axis labels' angle, in degrees clockwise."""
    y_label_angle: float = 0
    """The y axis labels' angle, in degrees clockwise."""
    x_axis_format: str | None = None
    """A d3 format for the x axis labels (".2e", "~g"...; None: Vega-Lite's)."""
    y_axis_format: str | None = None
    """A d3 format for the y axis labels (None: Vega-Lite's)."""
    x_axis_labels_visible: bool | Literal["hidden"] = True
    """Whether the x axis labels are shown."""
    caption: str | None = None
    """A caption under the chart."""
    sort: Literal["x", "y", "-x", "-y"] | list[str] | None = None
    """The order of text/category x values: by "x" or "y" ("-" for descending) or the values in a list's order."""
    tooltip: Literal["axis", "none", "all"] | list[str] = "axis"
    """What hovering a point shows: "axis" (its x, y and colour), "all" (every column), "none", or the axis values and
    the listed columns."""
    height: int | None = None
    """The chart's height in pixels (None: Gradio's default)."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """Buttons over the chart: "fullscreen", "export" (download the current view as a PNG) and gr.Button instances,
    taken out of the layout and drawn as small text buttons that fire their click listeners (None: none)."""

    def __post_init__(self) -> None:
        if self.label is None and self.show_label is None:
            self.show_label = False  # as in Gradio: an unlabelled plot shows no label badge
        super().__post_init__()

    @override
    def preprocess(self, payload: Any) -> Any:
        return payload

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None or isinstance(value, dict):
            return value
        if not (type(value).__module__.startswith("pandas") and type(value).__name__ == "DataFrame"):
            raise ValueError(f"{type(self).__name__} plots a pandas DataFrame, got {type(value).__name__}")
        kinds = {column: column_kind(value[column].dtype) for column in value.columns}
        split = json.loads(_epoch_dates(value, kinds).to_json(orient="split"))
        return {"columns": split["columns"], "data": split["data"], "datatypes": kinds, "mark": self.MARK}

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": {}, "description": "any valid json"}

    @override
    def example_payload(self) -> Any:
        return None

    @override
    def example_value(self) -> Any:
        import pandas as pd

        return pd.DataFrame({self.x: [1, 2, 3], self.y: [4, 5, 6]})


class LinePlot(NativePlot, register=False, type_name="nativeplot", name="lineplot"):
    """Lines through a DataFrame's points, one per series of ``color``."""

    MARK = "line"
    SIGNATURE = PLOT_SIGNATURE


class ScatterPlot(NativePlot, register=False, type_name="nativeplot", name="scatterplot"):
    """A DataFrame's rows as points."""

    MARK = "point"
    SIGNATURE = PLOT_SIGNATURE


class BarPlot(NativePlot, register=False, type_name="nativeplot", name="barplot"):
    """Bars of a DataFrame's y values per x value, category or bin."""

    MARK = "bar"
    SIGNATURE = PLOT_SIGNATURE
