"""Types shared across the layers; this module imports nothing from trellis.

The modules that :mod:`trellis.components.base` itself imports (the ``with`` stack,
the listener records, the type registry) cannot import ``Block`` back without an
import cycle, so they name blocks through these protocols. ``Block`` and
``BlockContext`` satisfy them.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol


class BlockLike(Protocol):
    """A block as the modules below ``components/base.py`` see it: an id and a type string."""

    _id: int
    block_type: ClassVar[str]
    EVENTS: ClassVar[tuple[str, ...]]


class ContainerLike(BlockLike, Protocol):
    """A block that collects the blocks created inside its ``with`` statement."""

    is_root: ClassVar[bool]

    def add_child(self, child: Any) -> None: ...
