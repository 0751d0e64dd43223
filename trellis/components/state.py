"""Session state: ``gr.State`` holds one value per browser tab or client session."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, ClassVar

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import Component
from trellis.components.props import prop


class State(Component):
    """A value kept on the server for each session, never sent to the client.

    Its constructor is Gradio's ``State(value, render, *, ...)``: ``render`` is positional and
    none of the other layout props exist, so it is written by hand.
    """

    breaks_grouping = False

    change = EventListener()
    UNSENT = ("elem_id", "elem_classes", "visible", "preserved_by_key")
    skip_api = True
    #: Interface's ``"state"`` shortcut stands for a State only as a pair: one input and one output.
    allow_string_shortcut: ClassVar[bool] = False

    value: Any = prop(default=None, kw_only=False)
    """The initial value, deep-copied for every session; a callable is called to make each session's value, and
    again when a page loads."""
    time_to_live: float | None = None
    """Seconds after its last change when a session's value is dropped (None: kept while the session lasts)."""
    delete_callback: Callable[[Any], None] | None = None
    """Called with a session's value when it is dropped."""

    def __init__(
        self,
        value: Any = None,
        render: bool = True,
        *,
        time_to_live: float | None = None,
        delete_callback: Callable[[Any], None] | None = None,
    ) -> None:
        self._init_props(value=value, render=render, time_to_live=time_to_live, delete_callback=delete_callback)

    def __post_init__(self) -> None:
        super().__post_init__()
        # A callable makes each session's value (an API client's too), and, as in Gradio, the page's load
        # event calls it again to set the State: that listener takes its place (and its API name) among the
        # app's endpoints, so the names of the listeners after it are Gradio's.
        self.value_factory: Callable[[], Any] | None = self.load_fn

    @override
    def fresh_value(self) -> Any:
        if self.value_factory is not None:
            return self.value_factory()
        return copy.deepcopy(self.value)

    @override
    def config_value(self) -> Any:
        return None

    @override
    def get_props(self) -> dict[str, Any]:
        props: dict[str, Any] = {"time_to_live": self.time_to_live}
        if self.delete_callback is not None:
            props["delete_callback"] = repr(self.delete_callback)
        props["name"] = self.block_type
        props["_selectable"] = False
        return props

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": {}, "description": "any valid json"}
