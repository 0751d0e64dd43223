"""Fonts for a theme's ``font`` and ``font_mono``: ``gr.themes.Font``, ``GoogleFont`` and ``LocalFont``.

A theme's font is a list of fonts and plain strings; it becomes the ``--font`` variable, where a
:class:`Font` is written quoted (``'Inter'``) and a string as it is (``sans-serif``).

A :class:`LocalFont` names a font whose files are served with the app, as Gradio serves its own:
Trellis's frontend build ships woff2 files for the families of its themes and of Gradio's font
folder (Source Sans Pro, IBM Plex Mono, Ubuntu…, from Fontsource), listed in its ``fonts.json``.
For such a family the theme's CSS gets ``@font-face`` rules (``font-display: swap``), one per
weight and subset (latin-basic, latin, latin-ext), each with its ``unicode-range``, so a browser
fetches only the files the page's text needs. Their URLs (``assets/….woff2``) are relative to the
page, where the page's inline style and ``theme.css`` resolve them, wherever the app is served.
A family Trellis does not ship gets no rules: the browser uses it if it is installed and the next
font in the list otherwise.

A :class:`GoogleFont` is served from the shipped files too when Trellis ships all its weights, as
Gradio does with its own; otherwise it adds Google's stylesheet URL to the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trellis._bundle import font_manifest

#: CSS generic families, written without quotes.
GENERIC_FAMILIES = ("sans-serif", "serif", "monospace", "cursive", "fantasy")


def shipped_weights(name: str) -> dict[str, dict[str, dict[str, str]]]:
    """The files the frontend build ships for a family: weight → subset → ``file`` and ``unicode_range``."""
    return font_manifest().get(name, {})


def local_font_available(name: str, weights: Iterable[int]) -> bool:
    """Whether the build ships the family in every one of these weights."""
    shipped = shipped_weights(name)
    return bool(shipped) and all(str(weight) in shipped for weight in weights)


def font_face_css(name: str, weights: Iterable[int]) -> str | None:
    """``@font-face`` rules for the shipped files of a family in these weights (those shipped), or ``None``."""
    shipped = shipped_weights(name)
    rules = [
        f"@font-face {{ font-family: '{name}'; font-style: normal; font-weight: {weight}; font-display: swap; "
        f"src: url('{entry['file']}') format('woff2'); unicode-range: {entry['unicode_range']}; }}"
        for weight in dict.fromkeys(weights)
        for entry in shipped.get(str(weight), {}).values()
    ]
    return "\n".join(rules) if rules else None


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
    """A font from Google Fonts, in the given weights: from the shipped files when Trellis has them all, else from Google."""

    def stylesheet(self) -> dict[str, str | None]:
        """The shipped files' rules (as :class:`LocalFont`) when all the weights are shipped, else Google's URL."""
        if local_font_available(self.name, self.weights):
            return LocalFont(self.name, self.weights).stylesheet()
        family = self.name.replace(" ", "+")
        weights = ";".join(str(w) for w in self.weights)
        return {"url": f"https://fonts.googleapis.com/css2?family={family}:wght@{weights}&display=swap", "css": None}

    def to_json(self) -> dict[str, Any]:
        """The font as a theme file stores it."""
        return {"__gradio_font__": True, "name": self.name, "class": "google", "weights": list(self.weights)}


class LocalFont(_WeightedFont):
    """A font served from the app's own files: the frontend build's, for the families it ships (see the module)."""

    def stylesheet(self) -> dict[str, str | None]:
        """``@font-face`` rules for the shipped weights, or nothing for a family Trellis does not ship."""
        return {"url": None, "css": font_face_css(self.name, self.weights)}

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
