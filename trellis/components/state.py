"""Session state: ``gr.State`` holds one value per browser tab or client session."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from trellis.components.base import Component


class State(Component):
    """A value kept on the server for each session, never sent to the client.

    Args:
        value: initial value, deep-copied for every session; a callable is called to make it.
        render: whether to add it to the layout.
        time_to_live: seconds after its last change when a session's value is dropped.
        delete_callback: called with the value when it is dropped.
    """

    EVENTS = ("change",)
    skip_api = True

    def __init__(
        self,
        value: Any = None,
        render: bool = True,
        *,
        time_to_live: float | None = None,
        delete_callback: Callable[[Any], None] | None = None,
    ) -> None:
        self.time_to_live = time_to_live
        self.delete_callback = delete_callback
        self.value_factory: Callable[[], Any] | None = (
            value if callable(value) and not isinstance(value, type) else None
        )
        super().__init__(None, render=render, min_width=None)
        # The initial value is kept as given (no postprocess) and copied per session.
        self.value = None if self.value_factory is not None else value
        self.show_label = None
        self.container = None
        self.label = None

    def fresh_value(self) -> Any:
        if self.value_factory is not None:
            return self.value_factory()
        return copy.deepcopy(self.value)

    def config_value(self) -> Any:
        return None

    def get_props(self) -> dict[str, Any]:
        props: dict[str, Any] = {"time_to_live": self.time_to_live}
        if self.delete_callback is not None:
            props["delete_callback"] = repr(self.delete_callback)
        props["name"] = self.block_type
        props["_selectable"] = False
        return props

    def api_info(self) -> dict[str, Any]:
        return {"type": {}, "description": "any valid json"}
