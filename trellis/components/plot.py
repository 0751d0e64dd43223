"""Plot: a figure from matplotlib, plotly, altair or bokeh, shown as the library draws it.

The payload is Gradio's ``PlotData``: ``{"type": "matplotlib" | "plotly" | "altair" | "bokeh", "plot": str}``,
where ``plot`` is a data URL of the saved figure (matplotlib), the figure's JSON (plotly, altair) or
bokeh's ``json_item`` JSON. The plotting libraries are never imported by ``import trellis``: a value's
library is told by its class's module, and a library is imported only to encode one of its figures.
"""

from __future__ import annotations

import base64
import io
import json
from types import ModuleType
from typing import Any

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import CORNER_BUTTONS_WIRE, Block, Component, CornerButtons, LabelledCard
from trellis.components.props import prop
from trellis.exceptions import ValidationError

#: The libraries a payload's ``type`` may name.
PLOT_TYPES: tuple[str, ...] = ("altair", "bokeh", "plotly", "matplotlib")

#: The payload's JSON Schema, as Gradio's ``PlotData`` model gives it.
API_INFO: dict[str, Any] = {
    "properties": {
        "type": {"enum": ["altair", "bokeh", "plotly", "matplotlib"], "title": "Type", "type": "string"},
        "plot": {"title": "Plot", "type": "string"},
    },
    "required": ["type", "plot"],
    "title": "PlotData",
    "type": "object",
    "additional_description": None,
}


def _module(value: Any) -> str:
    """The module a value comes from (a module itself, such as ``matplotlib.pyplot``, gives its own name)."""
    if isinstance(value, ModuleType):
        return value.__name__
    return getattr(value, "__module__", None) or type(value).__module__


def matplotlib_data_url(figure: Any, format: str | None = "png") -> str:
    """A matplotlib figure (or ``pyplot`` itself, for its current figure) saved as a base64 data URL."""
    fmt = format or "png"
    with io.BytesIO() as buffer:
        figure.savefig(buffer, format=fmt)
        data = buffer.getvalue()
    return f"data:image/{fmt};base64,{base64.b64encode(data).decode('ascii')}"


def bokeh_version() -> str | None:
    """The installed bokeh's version (the browser loads the BokehJS of that version), or None."""
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover - always there on Python 3.10+
        return None
    try:
        return version("bokeh")
    except PackageNotFoundError:
        return None


class Plot(Component, LabelledCard, CornerButtons):
    """A matplotlib, plotly, altair or bokeh figure, drawn in the browser by its own library (matplotlib as an image)."""

    change = EventListener()
    SIGNATURE = """value, *, format, label, every, inputs, show_label, container, scale, min_width, visible, elem_id,
        elem_classes, render, key, preserved_by_key, buttons"""
    DEFAULT_BUTTONS = ()

    value: Any = prop(default=None, kw_only=False)
    """A matplotlib Figure (or the ``pyplot`` module, for its current figure), a plotly Figure, an altair Chart or a
    bokeh model; a callable is called when the page loads to produce it."""
    format: str = "webp"
    """The image format a matplotlib figure is sent in ("webp", "png", "jpg", "svg"...)."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """gr.Button instances shown in the top-right corner: each is taken out of the layout and drawn as a small text
    button that fires the Button's click listeners (None: none)."""
    bokeh_version: str | None = prop(default=None, init=False)
    """The installed bokeh's version, whose BokehJS the browser loads to draw a bokeh figure (None: not installed)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.bokeh_version = bokeh_version()

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if not isinstance(payload, dict) or not isinstance(payload.get("plot"), str):
            raise ValidationError(f"Plot expects an object with 'type' and 'plot', got {payload!r:.80}")
        if payload.get("type") not in PLOT_TYPES:
            raise ValidationError(f"Plot 'type' must be one of {', '.join(PLOT_TYPES)}, got {payload.get('type')!r}")
        return payload

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict) and value.get("type") in PLOT_TYPES and isinstance(value.get("plot"), str):
            return dict(value)  # already a payload
        module = _module(value)
        if "matplotlib" in module:
            plot = matplotlib_data_url(value, self.format)
            from matplotlib.figure import Figure

            if isinstance(value, Figure):
                import matplotlib.pyplot as plt

                plt.close(value)  # as Gradio: the figure is closed once sent
            return {"type": "matplotlib", "plot": plot}
        if "bokeh" in module:
            from bokeh.embed import json_item  # type: ignore[import-not-found, unused-ignore]

            return {"type": "bokeh", "plot": json.dumps(json_item(value))}
        to_json = getattr(value, "to_json", None)
        if not callable(to_json):
            raise ValueError(
                f"Plot can show a matplotlib, plotly, altair or bokeh figure, got {type(value).__name__} from {module}"
            )
        return {"type": "altair" if "altair" in module else "plotly", "plot": to_json()}

    @override
    def api_info(self) -> dict[str, Any]:
        return API_INFO

    @override
    def example_payload(self) -> Any:
        return None

    @override
    def example_value(self) -> Any:
        return None
