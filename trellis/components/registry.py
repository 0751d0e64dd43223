"""Type string → component class: the one list that the frontend's type union is generated from."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from trellis.exceptions import InvalidConfigError

if TYPE_CHECKING:
    from trellis._types import BlockLike

_registry: dict[str, type[BlockLike]] = {}
#: Interface's shortcut strings and the classes they make (filled by ``trellis.components``).
_shortcuts: dict[str, type[BlockLike]] = {}
#: Shortcut strings of Gradio components Trellis does not have yet, and the class each names.
_pending: dict[str, str] = {}


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


def class_id(cls: type) -> str:
    """The id the config gives a component class (``component_class_id``, a Dataset's ``components``)."""
    return hashlib.sha256(f"{cls.__module__}.{cls.__qualname__}".encode()).hexdigest()


def get(type_name: str) -> type[BlockLike]:
    """The class registered for ``type_name`` (``KeyError`` if none)."""
    return _registry[type_name]


def find(name: str) -> type[BlockLike] | None:
    """The class a chat message's component name stands for, or None.

    The name is a type string ("nativeplot") or a class's lower-case name ("lineplot", as Gradio names
    components in messages).
    """
    key = name.lower().replace("_", "")
    return _registry.get(key) or _shortcuts.get(key)


def all_types() -> dict[str, type[BlockLike]]:
    """Every registered type string and its class, sorted by name."""
    return dict(sorted(_registry.items()))


def add_shortcuts(shortcuts: Mapping[str, type[BlockLike]], pending: Mapping[str, str]) -> None:
    """Register the shortcut strings (``"text"``, ``"image"``...) that :func:`shortcut_class` resolves."""
    _shortcuts.update(shortcuts)
    _pending.update(pending)


def shortcut_class(spec: str) -> type[BlockLike]:
    """The class a shortcut string names, as Gradio resolves it (underscores left out, case kept).

    An app's own component class is found by its lower-case name too.
    """
    key = spec.replace("_", "")
    cls = _shortcuts.get(key)
    if cls is not None:
        return cls
    pending = _pending.get(key)
    if pending is not None:
        raise NotImplementedError(f"The shortcut {spec!r} makes a gr.{pending}, which Trellis does not have yet.")
    registered = _registry.get(key)
    if registered is None or registered.__name__.lower() != key:
        raise no_such_component(spec)
    return registered


def no_such_component(spec: str) -> ValueError:
    """The error for a string that names no component."""
    return ValueError(
        f"No component is called {spec!r}: give a component, or the lower-case name of one (such as 'textbox' or 'image')."
    )
