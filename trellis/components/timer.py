"""Timer: a component that fires ``tick`` every ``value`` seconds in the browser."""

from __future__ import annotations

from typing import Any

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import Scalar
from trellis.components.props import prop


class Timer(Scalar):
    """Fires ``tick`` listeners every ``value`` seconds while ``active``.

    Its constructor is Gradio's: only ``value``, ``active`` and ``render``, so it is written by hand.
    """

    breaks_grouping = False

    change = EventListener()
    tick = EventListener()
    JSON_TYPE = "number"
    PYTHON_TYPE = float

    value: float = prop(default=1, kw_only=False)
    """Seconds between ticks."""
    active: bool = True
    """Whether it is ticking; set it to False in an update to stop it."""

    def __init__(self, value: float = 1, *, active: bool = True, render: bool = True) -> None:
        self._init_props(value=value, active=active, render=render)

    @override
    def preprocess(self, payload: Any) -> Any:
        return payload  # as in Gradio: the interval as sent (3 stays an int)

    @override
    def postprocess(self, value: Any) -> Any:
        return value  # as in Gradio: gr.Timer(5) sends 5, not 5.0

    @override
    def example_payload(self) -> Any:
        return 1
