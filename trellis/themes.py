"""Themes: ``gr.themes.Default()``, ``Soft``, ``Monochrome``, ``Glass``, ``Base`` and friends.

A theme is a name plus CSS variable overrides; the browser applies them. ``.set()``
overrides single variables, as in Gradio.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Color:
    """A named palette (``c50`` … ``c950``)."""

    def __init__(self, name: str, **shades: str) -> None:
        self.name = name
        for key, value in shades.items():
            setattr(self, key, value)

    def __repr__(self) -> str:
        return f"Color({self.name!r})"


class Size:
    """A size preset (``gr.themes.sizes.text_md``); only its name is used."""

    def __init__(self, name: str = "md", **values: str) -> None:
        self.name = name
        for key, value in values.items():
            setattr(self, key, value)


class _ByName(Generic[T]):
    """A namespace whose attributes are made from their names (``colors.orange``, ``sizes.text_md``)."""

    def __init__(self, make: Callable[[str], T]) -> None:
        self._make = make

    def __getattr__(self, name: str) -> T:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._make(name)


colors = _ByName(Color)
sizes = _ByName(Size)


class Font:
    """A font by name (``gr.themes.Font``); only its name is used."""

    def __init__(self, name: str, weights: Any = (400, 600)) -> None:
        self.name = name
        self.weights = weights

    def __str__(self) -> str:
        return self.name


class GoogleFont(Font):
    """A web font by name; Trellis pages load no external fonts, so the browser's fallback is used."""


class LocalFont(Font):
    """A font the app serves itself (``gr.themes.LocalFont``); only its name is used."""


class Base:
    """The base theme: every preset starts from it."""

    name = "base"

    def __init__(
        self,
        *,
        primary_hue: Color | str = "blue",
        secondary_hue: Color | str = "blue",
        neutral_hue: Color | str = "gray",
        text_size: Size | str = "md",
        spacing_size: Size | str = "md",
        radius_size: Size | str = "md",
        font: Any = None,
        font_mono: Any = None,
        **kwargs: Any,
    ) -> None:
        self.primary_hue = getattr(primary_hue, "name", primary_hue)
        self.secondary_hue = getattr(secondary_hue, "name", secondary_hue)
        self.neutral_hue = getattr(neutral_hue, "name", neutral_hue)
        self.text_size = getattr(text_size, "name", text_size)
        self.spacing_size = getattr(spacing_size, "name", spacing_size)
        self.radius_size = getattr(radius_size, "name", radius_size)
        self.font = [str(f) for f in font] if isinstance(font, (list, tuple)) else ([str(font)] if font else [])
        self.font_mono = (
            [str(f) for f in font_mono]
            if isinstance(font_mono, (list, tuple))
            else ([str(font_mono)] if font_mono else [])
        )
        self.overrides: dict[str, str] = {}

    def set(self, **variables: Any) -> Base:
        """Override CSS variables, e.g. ``button_primary_background_fill="*primary_500"``."""
        self.overrides.update({k: str(v) for k, v in variables.items()})
        return self

    def to_dict(self) -> dict[str, Any]:
        """The theme as the config sends it: name, hues, sizes, fonts and CSS variable overrides."""
        return {
            "name": self.name,
            "primary_hue": self.primary_hue,
            "secondary_hue": self.secondary_hue,
            "neutral_hue": self.neutral_hue,
            "text_size": self.text_size,
            "spacing_size": self.spacing_size,
            "radius_size": self.radius_size,
            "font": self.font,
            "font_mono": self.font_mono,
            "overrides": self.overrides,
        }

    @classmethod
    def from_hub(cls, repo_name: str, **kwargs: Any) -> Base:
        """Gradio's themes from the Hugging Face Hub: not fetched, the default theme is used."""
        return Default()

    load = from_hub


class _Preset(Base):
    """A preset: the base theme with its own primary hue."""

    #: The primary hue when the constructor is given none.
    DEFAULT_PRIMARY_HUE = "blue"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("primary_hue", self.DEFAULT_PRIMARY_HUE)
        super().__init__(**kwargs)


class Default(_Preset):
    """Gradio's default theme (orange)."""

    name = "default"
    DEFAULT_PRIMARY_HUE = "orange"


class Origin(Default):
    """Gradio's ``Origin`` theme: the default theme's look."""

    name = "origin"


class Citrus(Base):
    """Gradio's ``Citrus`` theme, by name."""

    name = "citrus"


class Ocean(Base):
    """Gradio's ``Ocean`` theme, by name."""

    name = "ocean"


class Soft(_Preset):
    """Gradio's ``Soft`` theme (indigo)."""

    name = "soft"
    DEFAULT_PRIMARY_HUE = "indigo"


class Monochrome(_Preset):
    """Gradio's ``Monochrome`` theme (neutral)."""

    name = "monochrome"
    DEFAULT_PRIMARY_HUE = "neutral"


class Glass(_Preset):
    """Gradio's ``Glass`` theme (stone)."""

    name = "glass"
    DEFAULT_PRIMARY_HUE = "stone"


ThemeClass = Base
Theme = Base
