"""The built browser app (``trellis/_frontend``): the page's script/style tags and the asset route.

Assets have content hashes in their names, so they are cached for a year; each has
precompressed ``.br``/``.gz`` twins written at build time, sent when the browser accepts them.
"""

from __future__ import annotations

import functools
import json
import mimetypes
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from trellis.server.responses import error

FRONTEND_DIR = Path(__file__).resolve().parent.parent / "_frontend"
ASSETS_DIR = FRONTEND_DIR / "assets"
ENTRY = "src/main.ts"
IMMUTABLE = "public, max-age=31536000, immutable"


@functools.lru_cache(maxsize=1)
def entry_tags() -> str | None:
    """``<link>``/``<script>`` tags for the entry chunk, or ``None`` when the frontend is not built."""
    manifest_path = FRONTEND_DIR / ".vite" / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
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
