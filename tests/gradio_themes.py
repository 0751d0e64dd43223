"""Gradio's theme variables as recorded in ``tests/fixtures/gradio_theme_vars.json``, for the theme tests.

The file holds what Chromium computed for every variable of each theme on a Gradio 6.31 page, light
and dark, recorded by ``/tmp/gradio-venv/bin/python scripts/record_gradio_theme_vars.py``. Each theme
is a Python expression (``gr.themes.Soft(primary_hue='rose')``), evaluated with ``import trellis as gr``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "gradio_theme_vars.json"
RECORDED: dict[str, Any] = json.loads(FIXTURE.read_text())
THEMES: dict[str, Any] = RECORDED["themes"]


def compared(name: str, value: str) -> bool:
    """Whether a recorded variable is compared.

    Not compared: the names with underscores (``--block_border_width: None``), which Gradio's CSS
    writes for dark values it never set and no stylesheet reads; and a theme's own CSS text
    (``--custom-css``, only Mario has one), which is Gradio's and was not recorded.
    """
    return "_" not in name and not (name == "custom-css" and value.startswith("<"))


def expected(key: str, scheme: str) -> dict[str, str]:
    """The recorded values of theme ``key`` in ``scheme`` (``"light"`` or ``"dark"``), CSS names without ``--``."""
    entry = THEMES[key]
    values = dict(entry["light"]) if scheme == "light" else {**entry["light"], **entry["dark"]}
    return {name: value for name, value in values.items() if compared(name, value)}


def theme(key: str) -> Any:
    """A new Trellis theme made from the recorded expression of theme ``key``."""
    import trellis as gr

    return eval(THEMES[key]["expr"], {"gr": gr})
