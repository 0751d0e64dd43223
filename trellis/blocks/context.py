"""The ``with`` stack that collects children into containers while an app is defined.

It knows nothing of servers: it only records which container is open, and which
``Blocks`` is the root that listeners are attached to.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeGuard

from trellis._types import ContainerLike

_local = threading.local()


class Root(ContainerLike, Protocol):
    """The app being defined (a ``Blocks``): its listeners and examples are recorded on it."""

    examples_handlers: list[Any]
    #: The app's ``@gr.render`` functions (``trellis.blocks.render.Renderable``), in order.
    renderables: list[Any]

    def _add_dependency(
        self,
        targets: list[tuple[int, str]],
        fn: Callable[..., Any] | None,
        inputs: Any,
        outputs: Any,
        options: dict[str, Any],
    ) -> Any: ...


def _stack() -> list[ContainerLike]:
    stack: list[ContainerLike] | None = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    return stack


def current_container() -> ContainerLike | None:
    """The innermost open container, or ``None`` outside any ``with`` block."""
    stack = _stack()
    return stack[-1] if stack else None


def current_root() -> Root | None:
    """The outermost open ``Blocks``: the app that new listeners belong to."""
    for block in _stack():
        if _is_root(block):
            return block
    return None


def _is_root(block: ContainerLike) -> TypeGuard[Root]:
    """Whether ``block`` is a ``Blocks`` (the only container whose class sets ``is_root``)."""
    return block.is_root


def push(block: ContainerLike) -> None:
    """Open ``block``'s ``with`` statement: blocks created from now on go into it."""
    _stack().append(block)


def pop(block: ContainerLike) -> None:
    """Close ``block``'s ``with`` statement (also when inner ones were left open by an error)."""
    stack = _stack()
    if stack and stack[-1] is block:
        stack.pop()
    elif block in stack:
        stack.remove(block)


def render_keys() -> dict[Any, int] | None:
    """While a ``gr.render`` function runs in this thread: its map of component ``key`` to block id."""
    keys: dict[Any, int] | None = getattr(_local, "render_keys", None)
    return keys


def set_render_keys(keys: dict[Any, int] | None) -> None:
    """Start (a map) or end (``None``) the key-to-id mapping of a ``gr.render`` run in this thread."""
    _local.render_keys = keys


def block_id(key: Any, new_id: Callable[[], int]) -> int:
    """The id of a block being made: inside a ``gr.render`` run a keyed block keeps its key's id."""
    keys = render_keys()
    if keys is None or key is None:
        return new_id()
    try:
        found = keys.get(key)
    except TypeError:  # an unhashable key: no identity across runs
        return new_id()
    if found is None:
        found = keys[key] = new_id()
    return found
