"""BrowserState: a value kept in the browser's localStorage, so it outlives page reloads."""

from __future__ import annotations

import secrets
import string
from typing import Any

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import Component
from trellis.components.props import prop

_ALPHABET = string.ascii_letters + string.digits


def _json_ready(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)  # a pydantic model
    return dump() if callable(dump) else value


class BrowserState(Component):
    """State stored (encrypted) in the browser under ``storage_key``; ``default_value`` until set.

    The browser sends the stored value as this component's input and saves what a function
    returns for it, so it survives reloads and is never kept on the server. Its constructor is
    Gradio's (no value, every, inputs or layout props), so it is written by hand.
    """

    breaks_grouping = False

    change = EventListener()
    UNSENT = ("elem_id", "elem_classes", "visible", "preserved_by_key")

    default_value: Any = prop(default=None, kw_only=False)
    """The value until the browser has stored one (pydantic models are sent as dicts)."""
    storage_key: str | None = None
    """The localStorage key the value is stored under (None: a random key, new each time the app starts)."""
    secret: str | None = None
    """The key the stored value is encrypted with (None: a random key, new each time the app starts)."""

    def __init__(
        self,
        default_value: Any = None,
        *,
        storage_key: str | None = None,
        secret: str | None = None,
        render: bool = True,
    ) -> None:
        self._init_props(default_value=default_value, storage_key=storage_key, secret=secret, render=render)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.default_value = _json_ready(self.default_value)
        self.storage_key = self.storage_key or "".join(secrets.choice(_ALPHABET) for _ in range(16))
        self.secret = self.secret or "".join(secrets.choice(_ALPHABET) for _ in range(16))

    @override
    def get_props(self) -> dict[str, Any]:
        props: dict[str, Any] = {
            "default_value": self.default_value,
            "storage_key": self.storage_key,
            "secret": self.secret,
        }
        if self.default_value is None:
            del props["default_value"]
        props["name"] = self.block_type
        props["_selectable"] = False
        return props

    @override
    def preprocess(self, payload: Any) -> Any:
        return self.default_value if payload is None else payload

    @override
    def postprocess(self, value: Any) -> Any:
        return _json_ready(value)

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": {}, "description": "any json-serializable value"}

    @override
    def example_payload(self) -> Any:
        return "test"
