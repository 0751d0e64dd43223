"""Timer: a component that fires ``tick`` every ``value`` seconds in the browser."""

from __future__ import annotations

from typing import Any

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import Component
from trellis.components.props import prop


class Timer(Component):
    """Fires ``tick`` listeners every ``value`` seconds while ``active``.

    Its constructor is Gradio's: only ``value``, ``active`` and ``render``, so it is written by hand.
    """

    tick = EventListener()

    value: float = prop(default=1, kw_only=False)
    """Seconds between ticks."""
    active: bool = True
    """Whether it is ticking; set it to False in an update to stop it."""

    def __init__(self, value: float = 1, *, active: bool = True, render: bool = True) -> None:
        self._init_props(value=value, active=active, render=render)

    @override
    def preprocess(self, payload: Any) -> float | None:
        return None if payload is None else float(payload)

    @override
    def postprocess(self, value: Any) -> float | None:
        return None if value is None else float(value)

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": "number"}

    @override
    def example_payload(self) -> Any:
        return 1
