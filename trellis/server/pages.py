"""The pages of a multipage app and deep links, as Gradio 6.31 serves them.

* Each page of ``Blocks.route`` is served at ``/<path>`` (``/<path>/`` redirects there) with only its own
  layout, components and listeners in the embedded config (``current_page`` set to its path);
  ``/config?page=<path>`` and ``/gradio_api/info?page=<path>`` answer for one page; without ``page`` they
  answer for the whole app, which is what API clients see.
* Deep links: ``GET /gradio_api/deep_link?session_hash=<hash>`` saves the session's component values
  (every component's config entry, with the values and props that the session's events sent or
  received) under a short id and returns the id; a page opened with ``?deep_link=<id>`` (and
  ``/config?deep_link=<id>``) gets those components in its config (``deep_link_state`` says "valid",
  or "invalid" when the id names nothing). The ids are 8-byte BLAKE2b hashes of the saved values,
  URL-safe base64; anything else is refused before the disk is looked at.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from trellis.server.responses import ORJSONResponse

if TYPE_CHECKING:
    from trellis.processing.session import Session
    from trellis.server.state import ServerState

#: What a deep link id may be (Gradio's rule): at most 128 URL-safe base64 characters.
DEEP_LINK_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,128}")

DeepLinkState = Literal["valid", "invalid", "none"]


def page_paths(config: Mapping[str, Any]) -> list[str]:
    """The paths of the app's pages other than the main one."""
    return [str(page[0]) for page in config.get("pages", []) if page and page[0]]


def for_page(config: Mapping[str, Any], page: str, components: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The config of one page: only its components, listeners and layout, and ``current_page``."""
    entry = config["page"][page]
    component_ids = set(entry["components"])
    dependency_ids = set(entry["dependencies"])
    result = {k: v for k, v in config.items() if k not in ("components", "dependencies", "layout")}
    source = components if components is not None else config.get("components", [])
    result["components"] = [c for c in source if c["id"] in component_ids]
    result["dependencies"] = [d for d in config.get("dependencies", []) if d["id"] in dependency_ids]
    result["layout"] = entry["layout"]
    result["current_page"] = page
    return result


def request_config(
    state: ServerState, request: Request, config: dict[str, Any], page: str | None = None, html: bool = False
) -> dict[str, Any]:
    """The config a request gets, with a deep link's components when ``?deep_link=`` names one.

    One page's config for ``page`` (else for the ``page`` query parameter, as ``/config`` takes it).
    """
    if page is None:
        asked = request.query_params.get("page")
        page = asked if asked is not None and asked in config.get("page", {}) else None
    deep_link = request.query_params.get("deep_link", "")
    components: list[dict[str, Any]] | None = None
    link_state: DeepLinkState = "none"
    if deep_link:
        components = load_deep_link(state, deep_link)
        link_state = "valid" if components is not None else "invalid"
    if page is not None:
        config = for_page(config, page, components)
    elif components is not None:
        config = {**config, "components": components}
    if html or deep_link:
        config["deep_link_state"] = link_state
    return config


def page_api_info(state: ServerState, info: dict[str, Any], page: str | None) -> dict[str, Any]:
    """``/gradio_api/info`` for one page (``?page=``): only the endpoints of that page's listeners."""
    pages = state.app.config.get("page", {})
    if page is None or page not in pages:
        return info
    dependency_ids = set(pages[page]["dependencies"])
    by_name = state.app.by_api_name
    named = {
        name: entry
        for name, entry in info["named_endpoints"].items()
        if name.lstrip("/") in by_name and by_name[name.lstrip("/")].dep.id in dependency_ids
    }
    return {**info, "named_endpoints": named}


# -- deep links ------------------------------------------------------------------------------------


def _deep_link_dir(state: ServerState) -> Path:
    return Path(state.files.cache_dir) / "deep_links"


def save_deep_link(state: ServerState, request: Request, session: Session) -> str:
    """Save the session's components (the config's, with what its events changed); returns the link's id."""
    config = state.app.config_for_root(state.root(request))
    components = []
    for entry in config.get("components", []):
        changed = session.link_props.get(entry["id"])
        components.append({**entry, "props": {**entry.get("props", {}), **changed}} if changed else entry)
    data = orjson.dumps(components, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY, default=str)
    link = base64.urlsafe_b64encode(hashlib.blake2b(data, digest_size=8).digest()).decode().rstrip("=")
    folder = _deep_link_dir(state) / link
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "state.json").write_bytes(data)
    return link


def load_deep_link(state: ServerState, deep_link: str) -> list[dict[str, Any]] | None:
    """The components saved under ``deep_link``, or ``None`` when it names none (or is malformed)."""
    if not DEEP_LINK_PATTERN.fullmatch(deep_link):
        return None
    path = _deep_link_dir(state) / deep_link / "state.json"
    try:
        components = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(components, list) or not all(isinstance(c, dict) and "id" in c for c in components):
        return None
    return components


def routes(state: ServerState, page_response: Callable[[Request, str], Any]) -> list[BaseRoute]:
    """``/<path>`` for each page of the app (and ``/<path>/`` redirecting there), and the deep link route."""

    async def deep_link(request: Request) -> Response:
        session_hash = request.query_params.get("session_hash")
        refusal = state.session_refusal(request, session_hash)
        if refusal is not None:
            return refusal
        assert session_hash is not None
        session = state.sessions.peek(session_hash)
        if session is None:
            return ORJSONResponse("")
        return ORJSONResponse(save_deep_link(state, request, session))

    result: list[BaseRoute] = [Route("/gradio_api/deep_link", state.auth.required(deep_link), methods=["GET"])]
    for path in page_paths(state.app.config):
        result += _page_routes(state, path, page_response)
    return result


def _page_routes(state: ServerState, page: str, page_response: Callable[[Request, str], Any]) -> list[BaseRoute]:
    async def show(request: Request) -> Response:
        response: Response = await page_response(request, page)
        return response

    async def redirect(request: Request) -> Response:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"{state.root(request)}/{page}{query}", status_code=301)

    return [Route(f"/{page}", show, methods=["GET", "HEAD"]), Route(f"/{page}/", redirect, methods=["GET"])]
