"""Themes: ``gr.themes.Default()``, ``Soft``, ``Monochrome``, ``Glass``, ``Origin``, ``Citrus``, ``Ocean`` and friends.

A theme is a set of CSS variables, light and dark (see :mod:`trellis.themes.base`). Pass one to
``launch(theme=...)`` (or ``gr.Blocks(theme=...)``), as an instance or by name (``theme="soft"``).
Each preset's values are those of the Gradio theme of the same name; the module paths are Gradio's
(``gradio.themes.base``, ``gradio.themes.soft``, ``gradio.themes.utils.colors``...).
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

from trellis.themes.base import Base as Base
from trellis.themes.base import ThemeClass as ThemeClass
from trellis.themes.citrus import Citrus as Citrus
from trellis.themes.cyberpunk import Cyberpunk as Cyberpunk
from trellis.themes.default import Default as Default
from trellis.themes.ember import Ember as Ember
from trellis.themes.glass import Glass as Glass
from trellis.themes.mario import Mario as Mario
from trellis.themes.monochrome import Monochrome as Monochrome
from trellis.themes.neon import Neon as Neon
from trellis.themes.ocean import Ocean as Ocean
from trellis.themes.origin import Origin as Origin
from trellis.themes.soft import Soft as Soft
from trellis.themes.utils import colors as colors
from trellis.themes.utils import fonts as fonts
from trellis.themes.utils import sizes as sizes
from trellis.themes.utils.colors import Color as Color
from trellis.themes.utils.fonts import Font as Font
from trellis.themes.utils.fonts import GoogleFont as GoogleFont
from trellis.themes.utils.fonts import LocalFont as LocalFont
from trellis.themes.utils.sizes import Size as Size

#: The themes ``theme="<name>"`` picks (any case); other names are looked up on the Hugging Face Hub.
BY_NAME: dict[str, type[Base]] = {
    "base": Base,
    "default": Default,
    "soft": Soft,
    "monochrome": Monochrome,
    "glass": Glass,
    "origin": Origin,
    "citrus": Citrus,
    "ocean": Ocean,
}


@functools.cache
def bundled_theme_css() -> str:
    """The default theme's variables, which the frontend bundle holds (``frontend/src/theme/default-theme.css``).

    A page whose theme's variables are this text needs no ``/theme.css`` request; the page inlines its
    fonts' ``@font-face`` rules, whose file names the bundle's build chooses.
    """
    return Default()._variables_css()


@functools.cache
def _from_hub_or_default(name: str) -> ThemeClass:
    try:
        return Base.from_hub(name)
    except Exception as exc:
        warnings.warn(f"Cannot load the theme {name!r}, the default theme is used: {exc}", stacklevel=3)
        return Default()


def resolve(theme: Any) -> ThemeClass:
    """The theme an app asked for: ``None`` → ``Default()``, a name → that theme, a theme → itself.

    A name that is not a built-in theme is loaded from the Hugging Face Hub (once per name); when that
    fails, a warning says why and the default theme is used, as Gradio does.
    """
    if theme is None:
        return Default()
    if isinstance(theme, ThemeClass):
        return theme
    if isinstance(theme, str):
        preset = BY_NAME.get(theme.lower())
        if preset is not None:
            return preset()
        return _from_hub_or_default(theme)
    raise TypeError(f"theme must be a theme (gr.themes.Soft()...) or a theme's name, not {type(theme).__name__}")
