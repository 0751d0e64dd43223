"""The built browser app (``trellis/_frontend``): the page's script/style tags, the asset route and the theme fonts.

Assets have content hashes in their names, so they are cached for a year; each has
precompressed ``.br``/``.gz`` twins written at build time, sent when the browser accepts them
(fonts excepted: woff2 is compressed already). ``fonts.json`` lists the theme fonts' files.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import mimetypes
import re
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from trellis import _bundle
from trellis._bundle import font_manifest
from trellis.server.responses import error

FRONTEND_DIR = _bundle.FRONTEND_DIR
ASSETS_DIR = FRONTEND_DIR / "assets"
ENTRY = "src/main.ts"
IMMUTABLE = "public, max-age=31536000, immutable"
#: Python 3.10's table lacks woff2.
mimetypes.add_type("font/woff2", ".woff2")


@functools.lru_cache(maxsize=1)
def _manifest() -> dict[str, dict[str, Any]] | None:
    try:
        manifest: dict[str, dict[str, Any]] = json.loads((FRONTEND_DIR / ".vite" / "manifest.json").read_text())
        return manifest
    except (OSError, ValueError):
        return None


@functools.lru_cache(maxsize=1)
def entry_tags() -> str | None:
    """``<link>``/``<script>`` tags for the entry chunk, or ``None`` when the frontend is not built."""
    manifest = _manifest()
    if manifest is None:
        return None
    entry = manifest.get(ENTRY)
    if entry is None:
        return None
    tags: list[str] = []
    seen: set[str] = set()

    def css_of(key: str) -> None:
        chunk = manifest.get(key, {})
        for css in chunk.get("css", []):
            if css not in seen:
                seen.add(css)
                tags.append(f'<link rel="stylesheet" href="./{css}">')
        for imported in chunk.get("imports", []):
            css_of(imported)

    css_of(ENTRY)
    for imported in entry.get("imports", []):
        tags.append(f'<link rel="modulepreload" href="./{manifest[imported]["file"]}">')
    tags.append(f'<script type="module" src="./{entry["file"]}"></script>')
    return "\n".join(tags)


@functools.lru_cache(maxsize=64)
def component_tags(types: frozenset[str]) -> str:
    """Preload tags for the lazily loaded chunks (and their styles) of the component types a page shows.

    Without them the browser finds each chunk only when the one before it has run (component,
    then Markdown, then the sanitiser…); with them it fetches them all at once, in parallel with
    the entry chunk. Types bundled into the entry chunk have no chunk of their own and add nothing.
    """
    manifest = _manifest()
    if manifest is None:
        return ""
    entry = manifest.get(ENTRY, {})
    skip = {ENTRY, *entry.get("imports", [])}
    tags: list[str] = []
    seen: set[str] = set()

    def add(key: str) -> None:
        if key in seen or key in skip:
            return
        seen.add(key)
        chunk = manifest.get(key)
        if chunk is None:
            return
        for css in chunk.get("css", []):
            if css not in seen:
                seen.add(css)
                tags.append(f'<link rel="stylesheet" href="./{css}">')
        tags.append(f'<link rel="modulepreload" href="./{chunk["file"]}">')
        for imported in chunk.get("imports", []):
            add(imported)

    for name in sorted(types):
        add(f"src/components/{name}/Index.svelte")
    return "\n".join(tags)


async def serve_asset(request: Request) -> Response:
    """``GET /assets/{path}``: a built file, precompressed when the browser accepts it."""
    name = request.path_params["path"]
    if "/" in name or "\\" in name or name.startswith(".") or name.endswith((".br", ".gz")):
        return error(404, "Not Found")
    path = ASSETS_DIR / name
    if not path.is_file():
        return error(404, "Not Found")
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type in ("application/javascript", "text/javascript"):
        media_type += "; charset=utf-8"
    headers = {"Cache-Control": IMMUTABLE, "Vary": "Accept-Encoding"}
    accepted = request.headers.get("accept-encoding", "")
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        variant = path.with_name(path.name + suffix)
        if encoding in accepted and variant.is_file():
            headers["Content-Encoding"] = encoding
            return FileResponse(variant, media_type=media_type, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)


def clear_caches() -> None:
    """Forget the manifests and the tags built from them (after the frontend folder changed)."""
    _manifest.cache_clear()
    font_manifest.cache_clear()
    entry_tags.cache_clear()
    component_tags.cache_clear()


#: BokehJS's script names, as the bokeh package ships them under ``bokeh/server/static/js``.
_BOKEH_SCRIPT = re.compile(r"bokeh(-[a-z0-9]+)?(\.min)?\.js")


@functools.cache
def bokeh_js_dir() -> Path | None:
    """The installed bokeh package's BokehJS folder (found without importing bokeh), or None."""
    try:
        spec = importlib.util.find_spec("bokeh")
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "server" / "static" / "js"
        if folder.is_dir():
            return folder
    return None


async def serve_bokeh(request: Request) -> Response:
    """``GET /gradio_api/bokeh/{name}``: a BokehJS script of the installed bokeh.

    gr.Plot draws bokeh figures with the BokehJS of the version that made them. Only that folder's
    ``bokeh*.js`` files are served, and only when bokeh is installed.
    """
    name = request.path_params["name"]
    folder = bokeh_js_dir()
    if folder is None or not _BOKEH_SCRIPT.fullmatch(name):
        return error(404, "Not Found")
    path = folder / name
    if not path.is_file():
        return error(404, "Not Found")
    return FileResponse(path, media_type="text/javascript; charset=utf-8", headers={"Cache-Control": "max-age=3600"})
