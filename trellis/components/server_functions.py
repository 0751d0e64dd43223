"""Server functions: component methods the browser calls through ``POST /gradio_api/component_server``.

A component marks such a method with :func:`server`; its names go in the component's config as
``server_fns`` (as Gradio 6.31 sends them), and the page calls one with
``{"session_hash", "component_id", "fn_name", "data"}``: the method receives ``data`` and its answer
is sent back as JSON. A method refuses a request it cannot serve by raising :class:`ServerFunctionError`
with a 4xx status (a path outside a FileExplorer's ``root_dir``, a malformed argument).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from trellis.components.base import Block
from trellis.components.props import prop
from trellis.exceptions import Refused

F = TypeVar("F", bound=Callable[..., Any])


class ServerFunctionError(Refused):
    """A server function refusing its request: answered with ``status`` and ``{"detail": message}``."""


def server(fn: F) -> F:
    """Mark a component method as callable from the browser (Gradio's ``@server``)."""
    fn._is_server_fn = True  # type: ignore[attr-defined]
    return fn


def server_function_names(cls: type) -> list[str]:
    """The names of the server functions a component class defines, in definition order (bases first)."""
    names: dict[str, None] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if getattr(value, "_is_server_fn", False) and not name.startswith("_"):
                names[name] = None
    return list(names)


def server_function(block: object, name: str) -> Callable[..., Any] | None:
    """The bound server function ``name`` of ``block``, or ``None`` if it has none of that name."""
    if not isinstance(name, str) or name.startswith("_"):
        return None
    fn = getattr(type(block), name, None)
    if fn is None:  # gr.HTML(server_functions=[...]) sets each function on the instance, as Gradio does
        fn = vars(block).get(name) if hasattr(block, "__dict__") else None
    if fn is None or not getattr(fn, "_is_server_fn", False):
        return None
    bound: Callable[..., Any] = getattr(block, name)
    return bound


class ServerFunctions(Block, register=False):
    """Mixin: sends the class's server function names in the config's props as ``server_fns``."""

    server_fns: list[str] | None = prop(default=None, init=False)
    """The names of the component's server functions, which the page calls through /component_server."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.server_fns = server_function_names(type(self)) or None
