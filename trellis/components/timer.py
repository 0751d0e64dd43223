"""Timer: a component that fires ``tick`` every ``value`` seconds in the browser."""

from __future__ import annotations

from typing import Any

from trellis.components.base import Component


class Timer(Component):
    """Fires ``tick`` listeners every ``value`` seconds while ``active``."""

    EVENTS = ("tick",)

    def __init__(
        self,
        value: float = 1,
        *,
        active: bool = True,
        render: bool = True,
    ) -> None:
        self.active = active
        super().__init__(value, render=render, min_width=None, container=False)
        self.show_label = None
        self.container = None

    def preprocess(self, payload: Any) -> float | None:
        return None if payload is None else float(payload)

    def postprocess(self, value: Any) -> float | None:
        return None if value is None else float(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": "number"}

    def example_payload(self) -> Any:
        return 1
