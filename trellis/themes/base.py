"""The theme engine: ``gr.themes.Base`` and ``ThemeClass``.

A theme is a set of CSS variables with a light and a dark value each. Three kinds make it up:

- the palettes of its three hues (``--primary-50`` … ``--neutral-950``) and its three size scales
  (``--text-*``, ``--spacing-*``, ``--radius-*``), from the constructor's arguments;
- its fonts (``--font``, ``--font-mono``);
- the variables of :data:`trellis.themes._variables.VARIABLES` (``--body-background-fill``,
  ``--block-label-text-color``...), whose values may refer to any other variable as ``*name``.

Each variable is an attribute of the theme (``theme.block_shadow``, ``theme.block_shadow_dark``);
``set()`` changes them. The page gets them as CSS (:meth:`ThemeClass._get_theme_css`): the light
values on ``:root``, the dark ones on ``:root.dark`` and ``.dark`` inside it, a reference
``*name`` written as ``var(--name)`` so the browser resolves it.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from typing_extensions import Self

from trellis._version import GRADIO_COMPAT_VERSION
from trellis.themes._set import Settable
from trellis.themes._variables import VARIABLES
from trellis.themes.utils import colors, fonts, sizes
from trellis.themes.utils.colors import SHADES, Color
from trellis.themes.utils.fonts import Font, LocalFont
from trellis.themes.utils.sizes import STEPS, Size

#: ``*name`` inside a value: a reference to the variable ``name``.
REFERENCE = re.compile(r"\*([A-Za-z_][A-Za-z0-9_]*)")
#: The hue arguments and the variable prefix each one fills.
HUES = ("primary", "secondary", "neutral")
#: The size arguments (``<kind>_size``) and the variable prefix each one fills.
SIZE_KINDS = ("spacing", "radius", "text")
DARK = "_dark"
#: The page background variables every ``set()`` call puts back to the base theme's values unless it is
#: given them: Gradio's ``set()`` does, so ``Soft().set(...)`` has a white page where ``Soft()`` is grey.
RESET_BY_SET = (
    "background_fill_primary",
    "background_fill_primary_dark",
    "background_fill_secondary",
    "background_fill_secondary_dark",
)
HUB = "https://huggingface.co"


def css_value(value: str) -> str:
    """A theme value as CSS: every ``*name`` becomes ``var(--name)`` (underscores as hyphens)."""
    return REFERENCE.sub(lambda m: f"var(--{m.group(1).replace('_', '-')})", value)


def css_name(name: str) -> str:
    """A variable's CSS custom property name: ``block_shadow`` → ``--block-shadow``."""
    return "--" + name.replace("_", "-")


class ThemeClass(Settable):
    """What every theme shares: its CSS, ``set()``, and saving and loading (``to_dict``, ``dump``, ``load``)."""

    name: str = "theme"
    #: CSS the theme adds to the page after its variables (a theme file's ``custom_css``).
    custom_css: str = ""

    def __init__(self) -> None:
        self._font: list[Font | str] = []
        self._font_mono: list[Font | str] = []
        self._stylesheets: list[str] = []

    def __getattr__(self, name: str) -> Any:
        # A dark value never set (the light one is used in dark mode) reads as None, as in Gradio.
        if name.endswith(DARK) and name[: -len(DARK)] in VARIABLES:
            return None
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # -- the page's CSS -------------------------------------------------------------------------------------

    def _core_values(self) -> list[tuple[str, str]]:
        """Name, custom CSS marker, palettes, sizes and fonts: the values that are the same light and dark."""
        core = [("name", self.name), ("custom_css", "")]
        core += [(f"{hue}_{shade[1:]}", getattr(self, f"{hue}_{shade[1:]}")) for hue in HUES for shade in SHADES]
        core += [(f"{kind}_{step}", getattr(self, f"{kind}_{step}")) for kind in SIZE_KINDS for step in STEPS]
        core += [("font", self.font), ("font_mono", self.font_mono)]
        return core

    def light_values(self) -> dict[str, str]:
        """Every variable's light value, references left as ``*name``."""
        values = dict(self._core_values())
        values.update({name: str(getattr(self, name)) for name in VARIABLES})
        return values

    def dark_values(self) -> dict[str, str]:
        """Every variable's dark value (the light one where no dark one is set), references left as ``*name``."""
        values = {name: str(self._dark(name)) for name in VARIABLES}
        values.update(self._core_values())
        return values

    def _dark(self, name: str) -> Any:
        dark = getattr(self, name + DARK)
        return getattr(self, name) if dark is None else dark

    def _get_theme_css(self) -> str:
        """The theme as CSS: its fonts' rules, ``:root`` (light), ``:root.dark, :root .dark`` (dark), custom CSS."""
        fonts_css = self._font_css()
        return f"{fonts_css}\n{self._variables_css()}" if fonts_css else self._variables_css()

    def _font_css(self) -> str:
        """The ``@font-face`` rules of the theme's fonts whose files are served with the app (empty if none)."""
        rules = (font.stylesheet()["css"] for font in self._fonts())
        return "\n".join(dict.fromkeys(css for css in rules if css))

    def _variables_css(self) -> str:
        """The theme's CSS without its fonts' rules: ``:root``, ``:root.dark, :root .dark``, custom CSS."""

        def block(selector: str, values: dict[str, str]) -> str:
            lines = "".join(f"  {css_name(name)}: {css_value(value)};\n" for name, value in values.items())
            return f"{selector} {{\n{lines}}}\n"

        parts = [block(":root", self.light_values()), block(":root.dark, :root .dark", self.dark_values())]
        if self.custom_css:
            parts.append(self.custom_css)
        return "\n".join(parts)

    def _fonts(self) -> list[Font]:
        return [f for f in (*self._font, *self._font_mono) if isinstance(f, Font)]

    def resolved(self, dark: bool = False) -> dict[str, str]:
        """Every variable with its references replaced by their values (what the browser computes), light or dark."""
        values = self.dark_values() if dark else self.light_values()
        done: dict[str, str] = {}

        def resolve(name: str, seen: frozenset[str]) -> str:
            if name in done:
                return done[name]
            if name not in values or name in seen:
                return ""  # an unknown variable, or a cycle: the browser computes nothing for it
            text = REFERENCE.sub(lambda m: resolve(m.group(1), seen | {name}), values[name]).strip()
            done[name] = text
            return text

        return {name: resolve(name, frozenset()) for name in values}

    # -- changing it --------------------------------------------------------------------------------------

    def _apply_set(self, values: dict[str, Any]) -> Self:
        """What ``set()`` (written with one parameter per variable in ``_set.py``) does with its arguments."""
        for key in RESET_BY_SET:
            if values.get(key) is None:
                name, dark = (key[: -len(DARK)], True) if key.endswith(DARK) else (key, False)
                setattr(self, key, VARIABLES[name][1 if dark else 0])
        for key, value in values.items():
            if (key[: -len(DARK)] if key.endswith(DARK) else key) not in VARIABLES:
                raise TypeError(f"{type(self).__name__}.set() got an unexpected keyword argument {key!r}")
            if value is not None:
                setattr(self, key, str(value))
        return self

    # -- saving and loading -------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The theme as a theme file holds it: ``{"theme": {variable: value, ...}, "gradio_version": ...}``."""
        theme: dict[str, Any] = {}
        for key, value in vars(self).items():
            if value is None:
                continue
            if key in ("_font", "_font_mono"):
                value = [f.to_json() if isinstance(f, Font) else f for f in value]
            theme[key] = value
        if self.custom_css:
            theme["custom_css"] = self.custom_css
        return {"theme": dict(sorted(theme.items())), "gradio_version": GRADIO_COMPAT_VERSION}

    @classmethod
    def from_dict(cls, theme: dict[str, Any]) -> Base:
        """A theme from :meth:`to_dict`'s form (or just its ``"theme"`` part), as a :class:`Base`."""
        values = theme["theme"] if isinstance(theme.get("theme"), dict) else theme
        new = Base()
        for key, value in values.items():
            if key in ("_font", "_font_mono"):
                value = [fonts.from_json(f) for f in value]
            setattr(new, key, value)
        return new

    def dump(self, filename: str | Path) -> None:
        """Write the theme to a JSON file that :meth:`load` (or Gradio's) reads back."""
        Path(filename).write_text(json.dumps(self.to_dict(), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Base:
        """A theme from a JSON file written by :meth:`dump` (Trellis's or Gradio's)."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def from_hub(cls, repo_name: str, token: str | None = None, *, hf_token: str | None = None) -> Base:
        """A theme published on the Hugging Face Hub (``"owner/name"`` or ``"owner/name@1.0.0"``).

        Fetches the Space's theme file, so it needs the network; when the Hub cannot be reached it raises
        ``ConnectionError`` saying so.

        Args:
            repo_name: The theme's Space, optionally with ``@version`` (else its newest version).
            token: A Hugging Face access token, for a private Space.
            hf_token: The older name of ``token``.
        """
        repo, _, version = repo_name.partition("@")
        token = token or hf_token
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            listing = _fetch_json(f"{HUB}/api/spaces/{urllib.parse.quote(repo)}", headers)
            available = {
                match.group(1): name
                for name in (s.get("rfilename", "") for s in listing.get("siblings", []))
                if (match := re.fullmatch(r"themes/theme_schema@(.+)\.json", name))
            }
            if not available:
                raise ValueError(f"The Space {repo!r} has no theme file (themes/theme_schema@<version>.json).")
            if version and version not in available:
                raise ValueError(f"The Space {repo!r} has no theme version {version!r}; it has {sorted(available)}.")
            chosen = available[version] if version else available[max(available, key=_version_key)]
            return cls.from_dict(_fetch_json(f"{HUB}/spaces/{urllib.parse.quote(repo)}/resolve/main/{chosen}", headers))
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ConnectionError(
                f"Loading the theme {repo_name!r} from the Hugging Face Hub needs the network, and the Hub "
                f"could not be reached ({reason}). Save the theme with dump() where the Hub is reachable and "
                "load it here with gr.themes.Base.load(path)."
            ) from exc

    def push_to_hub(self, *args: Any, **kwargs: Any) -> None:
        """Not offered: Trellis does not publish to the Hub. ``dump()`` writes the theme file to upload yourself."""
        raise NotImplementedError("Trellis does not publish themes to the Hub; dump() writes the theme file.")


def _fetch_json(url: str, headers: dict[str, str]) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": "trellis", **headers})
    with urllib.request.urlopen(request, timeout=15) as response:
        return json.loads(response.read().decode("utf-8"))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in re.split(r"[.+-]", version))


def _as_color(value: Color | str) -> Color:
    return colors.named(value) if isinstance(value, str) else value


def _as_size(kind: str, value: Size | str) -> Size:
    return sizes.named(kind, value) if isinstance(value, str) else value


FontArgument = Font | str | Iterable[Font | str]


class Base(ThemeClass):
    """The theme every other one starts from: blue, zinc greys, IBM Plex fonts, medium sizes.

    Args:
        primary_hue: The palette of primary buttons, accents and focus rings (a :class:`Color` or its name).
        secondary_hue: The palette of links and secondary accents.
        neutral_hue: The greys of text, borders and backgrounds.
        text_size: The text size scale (a :class:`Size` or ``"sm"``, ``"md"``, ``"lg"``).
        spacing_size: The spacing scale (``"sm"``, ``"md"``, ``"lg"``).
        radius_size: The corner radius scale (``"none"``, ``"sm"``, ``"md"``, ``"lg"``, ``"xxl"``).
        font: The text font: a font, a string, or a list of them, the first installed one used.
        font_mono: The font of code.
    """

    def __init__(
        self,
        *,
        primary_hue: Color | str = colors.blue,
        secondary_hue: Color | str = colors.blue,
        neutral_hue: Color | str = colors.zinc,
        text_size: Size | str = sizes.text_md,
        spacing_size: Size | str = sizes.spacing_md,
        radius_size: Size | str = sizes.radius_md,
        font: FontArgument = (LocalFont("IBM Plex Sans"), "ui-sans-serif", "system-ui", "sans-serif"),
        font_mono: FontArgument = (LocalFont("IBM Plex Mono"), "ui-monospace", "Consolas", "monospace"),
    ) -> None:
        super().__init__()
        self.name = "base"
        for hue, color in zip(HUES, (primary_hue, secondary_hue, neutral_hue), strict=True):
            for shade, value in zip(SHADES, _as_color(color).expand(), strict=True):
                setattr(self, f"{hue}_{shade[1:]}", value)
        for kind, size in zip(SIZE_KINDS, (spacing_size, radius_size, text_size), strict=True):
            for step, value in zip(STEPS, _as_size(kind, size).expand(), strict=True):
                setattr(self, f"{kind}_{step}", value)
        self._font = fonts.as_font_list(font)
        self._font_mono = fonts.as_font_list(font_mono)
        self.font = fonts.css_family(self._font)
        self.font_mono = fonts.css_family(self._font_mono)
        self._stylesheets = [url for url in (f.stylesheet()["url"] for f in self._fonts()) if url]
        for variable, (light, dark) in VARIABLES.items():
            setattr(self, variable, light)
            if dark is not None:
                setattr(self, variable + DARK, dark)


#: Gradio's name for the theme base class (``gradio.themes.base.Theme``).
Theme = Base
