"""Where the built browser app lives (``trellis/_frontend``) and the theme fonts it ships.

A leaf module, so the theme engine can read the font list without importing the server;
``trellis.server.frontend`` serves the same folder.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

FRONTEND_DIR = Path(__file__).resolve().parent / "_frontend"

#: ``fonts.json``: family → weight → subset → ``{"file": "assets/….woff2", "unicode_range": "U+…"}``.
FontManifest = dict[str, dict[str, dict[str, dict[str, str]]]]


@functools.lru_cache(maxsize=1)
def font_manifest() -> FontManifest:
    """The theme fonts the build ships (``fonts.json``, written by ``frontend/vite-plugin-fonts.ts``); none when not built."""
    try:
        manifest: FontManifest = json.loads((FRONTEND_DIR / "fonts.json").read_text())
        return manifest
    except (OSError, ValueError):
        return {}
