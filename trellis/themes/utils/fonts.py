"""Fonts for a theme's ``font`` and ``font_mono``: ``gr.themes.Font``, ``GoogleFont`` and ``LocalFont``.

A theme's font is a list of fonts and plain strings; it becomes the ``--font`` variable, where a
:class:`Font` is written quoted (``'Inter'``) and a string as it is (``sans-serif``). A
:class:`GoogleFont` also adds its stylesheet to the page, which the browser fetches from Google.
A :class:`LocalFont` names a font Gradio ships font files for; Trellis ships none, so the browser
uses the font if it is installed and the next one in the list otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: CSS generic families, written without quotes.
GENERIC_FAMILIES = ("sans-serif", "serif", "monospace", "cursive", "fantasy")


class Font:
    """A font family by name."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name if self.name in GENERIC_FAMILIES else f"'{self.name}'"

    def __repr__(self) -> str:
        return f"<{type(self).__module__}.{type(self).__name__} (name={self.name!r})>"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    __hash__ = None  # type: ignore[assignment]

    def stylesheet(self) -> dict[str, str | None]:
        """What the page loads for this font: ``url`` (a stylesheet link) and ``css`` (inline rules), or neither."""
        return {"url": None, "css": None}

    def to_json(self) -> dict[str, Any]:
        """The font as a theme file stores it."""
        return {"__gradio_font__": True, "name": self.name, "class": "font", "weights": None}


class _WeightedFont(Font):
    def __init__(self, name: str, weights: Iterable[int] = (400, 600)) -> None:
        super().__init__(name)
        self.weights = tuple(weights)

    def __repr__(self) -> str:
        return f"<{type(self).__module__}.{type(self).__name__} (name={self.name!r}, weights={self.weights!r})>"


class GoogleFont(_WeightedFont):
    """A font from Google Fonts, in the given weights; the page loads its stylesheet from fonts.googleapis.com."""

    def stylesheet(self) -> dict[str, str | None]:
        """The Google Fonts stylesheet URL for this family and its weights."""
        family = self.name.replace(" ", "+")
        weights = ";".join(str(w) for w in self.weights)
        return {"url": f"https://fonts.googleapis.com/css2?family={family}:wght@{weights}&display=swap", "css": None}

    def to_json(self) -> dict[str, Any]:
        """The font as a theme file stores it."""
        return {"__gradio_font__": True, "name": self.name, "class": "google", "weights": list(self.weights)}


class LocalFont(_WeightedFont):
    """A font Gradio serves from its own files; Trellis has none, so the font is used only where it is installed."""

    def to_json(self) -> dict[str, Any]:
        """The font as a theme file stores it."""
        return {"__gradio_font__": True, "name": self.name, "class": "local", "weights": list(self.weights)}


def from_json(value: Any) -> Font | str:
    """A font read back from a theme file: a :class:`Font` from its stored form, a string as it is."""
    if isinstance(value, dict) and value.get("__gradio_font__"):
        kind = value.get("class")
        if kind == "google":
            return GoogleFont(str(value["name"]), value.get("weights") or (400, 600))
        if kind == "local":
            return LocalFont(str(value["name"]), value.get("weights") or (400, 600))
        return Font(str(value["name"]))
    return str(value)


def as_font_list(value: Font | str | Iterable[Font | str]) -> list[Font | str]:
    """A theme's ``font``/``font_mono`` argument as a list (one font or string becomes a list of one)."""
    if isinstance(value, (Font, str)):
        return [value]
    return list(value)


def css_family(fonts: Iterable[Font | str]) -> str:
    """The value of ``--font``: fonts quoted, strings as they are, joined by commas."""
    return ", ".join(str(f) for f in fonts)
