"""The ``with`` stack that collects children into containers while an app is defined.

It knows nothing of servers: it only records which container is open, and which
``Blocks`` is the root that listeners are attached to.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trellis.blocks.blocks import Blocks
    from trellis.components.base import BlockContext

_local = threading.local()


def _stack() -> list[BlockContext]:
    stack: list[BlockContext] | None = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    return stack


def current_container() -> BlockContext | None:
    """The innermost open container, or ``None`` outside any ``with`` block."""
    stack = _stack()
    return stack[-1] if stack else None


def current_root() -> Blocks | None:
    """The outermost open ``Blocks``: the app that new listeners belong to."""
    for block in _stack():
        if block.is_root:
            return block  # type: ignore[return-value]
    return None


def push(block: BlockContext) -> None:
    _stack().append(block)


def pop(block: BlockContext) -> None:
    stack = _stack()
    if stack and stack[-1] is block:
        stack.pop()
    elif block in stack:
        stack.remove(block)
