"""Type string → component class: the one list that the frontend's type union is generated from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trellis.exceptions import InvalidConfigError

if TYPE_CHECKING:
    from trellis._types import BlockLike

_registry: dict[str, type[BlockLike]] = {}


def register(cls: type[BlockLike]) -> None:
    """Register ``cls`` under its type string.

    A second built-in class with the same type string raises; an app's subclass of a built-in
    leaves the built-in registered.
    """
    existing = _registry.get(cls.block_type)
    if existing is not None and existing is not cls and existing.__module__.startswith("trellis."):
        if cls.__module__.startswith("trellis."):
            raise InvalidConfigError(
                f"Component type {cls.block_type!r} is defined twice: {existing.__qualname__} and {cls.__qualname__}"
            )
        return  # a user subclass keeps the built-in's type string
    _registry[cls.block_type] = cls


def get(type_name: str) -> type[BlockLike]:
    """The class registered for ``type_name`` (``KeyError`` if none)."""
    return _registry[type_name]


def all_types() -> dict[str, type[BlockLike]]:
    """Every registered type string and its class, sorted by name."""
    return dict(sorted(_registry.items()))
