"""Page, config, API info, login and small helper routes."""

from __future__ import annotations

import functools
import gzip
import html
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from trellis.server import frontend, pages, routes_tables
from trellis.server.login_text import login_words
from trellis.server.responses import ORJSONResponse, accepts_gzip, error

if TYPE_CHECKING:
    from trellis.server.state import ServerState

P = "/gradio_api"


def _embed(value: object) -> str:
    """JSON safe to place inside a <script> element."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS, default=str).decode().replace("</", "<\\/")


def config_for(state: ServerState, request: Request) -> dict[str, Any]:
    """The config JSON for this request: absolute file URLs, and the logged-in user."""
    config = state.app.config_for_root(state.root(request))
    if state.auth.enabled:
        config["username"] = state.auth.username(request)
    return config


# What the browser app never reads: API descriptions (the API page fetches /info when opened) and
# class hashes, which are incompressible and the largest part of a small app's page once gzipped.
_NOT_FOR_PAGE = ("component_class_id", "api_info", "api_info_as_input", "api_info_as_output", "example_inputs")


def page_config(config: dict[str, Any]) -> dict[str, Any]:
    """The config embedded in the page: the ``/config`` answer without what only API clients read."""
    components = [{k: v for k, v in c.items() if k not in _NOT_FOR_PAGE} for c in config.get("components", [])]
    return {**config, "components": components}


#: The default favicon and app icon: an orange rounded square.
APP_ICON = (
    "data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 16 16%22%3E"
    "%3Crect width=%2216%22 height=%2216%22 rx=%223%22 fill=%22%23f97316%22/%3E%3C/svg%3E"
)

NOT_BUILT = (
    "<p>The Trellis frontend is not built: run <code>npm ci &amp;&amp; npm run build</code> in "
    "<code>frontend/</code>. The API works without it.</p>"
)


def favicon_tag(state: ServerState) -> str:
    """The ``<link rel="icon">`` of the app's pages: its ``favicon_path``, else the default icon."""
    if state.settings.favicon_path:
        return '<link rel="icon" href="./favicon.ico">'
    return f'<link rel="icon" href="{APP_ICON}">'


def index_html(state: ServerState, request: Request, page: str = "") -> str:
    """The app's page (``page``: the path of one of its pages): the config inlined, and the frontend's tags."""
    config = pages.request_config(state, request, config_for(state, request), page=page, html=True)
    config = page_config(routes_tables.window_initial_values(state, config))
    title = html.escape(str(config.get("title") or "Trellis"))
    tags = frontend.entry_tags()
    if tags:
        shown = frozenset(
            c["type"] for c in config.get("components", []) if c.get("props", {}).get("visible", True) is not False
        )
        # The theme's stylesheets come after the bundle's, whose :root rules they override.
        tags = f"{tags}\n{frontend.component_tags(shown)}\n{theme_tags(state, config)}".rstrip()
    favicon = favicon_tag(state)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{favicon}\n"
        '<link rel="manifest" href="./manifest.json">\n'
        f"<title>{title}</title>\n"
        f"<script>window.gradio_config = {_embed(config)};</script>\n"
        f"{tags or ''}\n"
        '</head>\n<body>\n<div id="trellis-app">'
        f"{'' if tags else NOT_BUILT}</div>\n"
        "<noscript>This app needs JavaScript.</noscript>\n</body>\n</html>\n"
    )


def theme_tags(state: ServerState, config: dict[str, Any]) -> str:
    """The page's theme stylesheets: ``/theme.css`` unless the bundle holds the theme, and its web fonts' CSS.

    With the theme in the bundle, the page inlines its fonts' ``@font-face`` rules (``theme.css`` has
    them otherwise); their URLs are relative to the page, as they are to ``theme.css``.
    """
    if state.app.theme_bundled:
        font_css = state.app.theme_font_css
        tags = [f"<style>\n{font_css}\n</style>"] if font_css else []
    else:
        tags = [f'<link rel="stylesheet" href="./theme.css?v={config["theme_hash"]}">']
    tags += [f'<link rel="stylesheet" href="{html.escape(url)}">' for url in config.get("stylesheets", [])]
    return "\n".join(tags)


def _html_response(request: Request, text: str) -> Response:
    """An HTML page, gzip-compressed when the browser accepts it (pages embed the whole config)."""
    return _text_response(request, text, "text/html; charset=utf-8", "no-cache")


@functools.lru_cache(maxsize=8)
def _gzipped(text: str) -> bytes:
    """Text that is served again and again (a theme's CSS), compressed once."""
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def _text_response(request: Request, text: str, media_type: str, cache_control: str) -> Response:
    """Text, gzip-compressed when the browser accepts it and it is worth it."""
    body = text.encode()
    headers = {"Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    if len(body) > 1024 and accepts_gzip(request):
        headers["Content-Encoding"] = "gzip"
        body = _gzipped(text) if media_type.startswith("text/css") else gzip.compress(body, compresslevel=6, mtime=0)
    return Response(body, media_type=media_type, headers=headers)


#: The login form, drawn as Gradio's: a 480px panel with the title, the app's auth_message, a card
#: with the username and password boxes and the primary Login button, in the app's theme (its CSS
#: variables inlined, dark when the browser or ``?__theme=dark`` asks for it), its words in the
#: browser's language (``login_text``), with Gradio's class names on its container, main and button (which
#: apps' CSS targets) and the app's icon. No app code loads.
LOGIN_PAGE = """<!doctype html><html lang="%(lang)s"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">%(favicon)s<title>%(title)s</title>
<script>(() => { const t = new URLSearchParams(location.search).get("__theme");
if (t === "dark" || (t !== "light" && matchMedia("(prefers-color-scheme: dark)").matches))
document.documentElement.classList.add("dark"); })();</script>
<style>%(theme)s</style>
<style>
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:var(--font);font-size:16px;line-height:1.5;color:var(--body-text-color);
background:var(--body-background-fill)}
main{max-width:1280px;margin:0 auto;padding:16px 32px}
.wrap{margin-top:12px;display:flex;flex-direction:column;align-items:center}
.panel{width:480px;max-width:100%%;padding:8px;display:flex;flex-direction:column;gap:16px;
border-radius:var(--container-radius);background:var(--panel-background-fill)}
h2{margin:0 0 12px;font-size:22px;font-weight:400;line-height:1.5}
.auth{margin:4px 0}
.creds{margin:16px 0;color:var(--error-text-color);font-weight:600}
.creds:empty{display:none}
.form{display:flex;flex-direction:column;gap:var(--form-gap-width);overflow:hidden;
border:var(--block-border-width) solid var(--border-color-primary);border-radius:var(--container-radius);
background:var(--border-color-primary)}
.block{padding:var(--block-padding);background:var(--block-background-fill);line-height:1.4}
.title{display:inline-block;margin-bottom:8px;font-size:var(--block-title-text-size);
font-weight:var(--block-title-text-weight);color:var(--block-title-text-color)}
input{display:block;width:100%%;margin:0;padding:var(--input-padding);font:inherit;
font-size:var(--input-text-size);line-height:1.4;color:var(--body-text-color);
background:var(--input-background-fill);border:var(--input-border-width) solid var(--input-border-color);
border-radius:var(--input-radius);box-shadow:var(--input-shadow);outline:none}
input:focus{border-color:var(--input-border-color-focus);background:var(--input-background-fill-focus);
box-shadow:var(--input-shadow-focus)}
button{width:100%%;padding:var(--button-large-padding);font:inherit;font-size:var(--button-large-text-size);
font-weight:var(--button-large-text-weight);line-height:1.5;cursor:pointer;
color:var(--button-primary-text-color);background:var(--button-primary-background-fill);
border:var(--button-border-width) solid var(--button-primary-border-color);
border-radius:var(--button-large-radius);box-shadow:var(--button-primary-shadow)}
button:hover{color:var(--button-primary-text-color-hover);background:var(--button-primary-background-fill-hover);
border-color:var(--button-primary-border-color-hover)}
</style></head>
<body><div class="gradio-container"><main class="app contain"><div class="wrap"><form id="login" class="panel"><h2>%(login)s</h2>%(message)s
<p class="creds" id="error" role="alert"></p>
<div class="form"><label class="block"><span class="title">%(username)s</span>
<input name="username" autocomplete="username"></label>
<label class="block"><span class="title">%(password)s</span>
<input name="password" type="password" autocomplete="current-password"></label></div>
<button type="submit" class="lg primary">%(login)s</button></form></div></main></div>
<script>document.getElementById("login").addEventListener("submit", async (e) => {
e.preventDefault(); const form = e.target; const r = await fetch("login", {method: "POST", body: new FormData(form)});
if (r.ok) { location.reload(); return; } if (r.status === 422) return;
document.getElementById("error").textContent = %(incorrect)s; form.reset(); });
</script></body></html>"""


def routes(state: ServerState) -> list[BaseRoute]:
    """The page and its config, login and logout, API info, theme, favicon, manifest and asset routes."""
    auth = state.auth

    async def index(request: Request) -> Response:
        return await show_page(request, "")

    async def show_page(request: Request, page: str) -> Response:
        if auth.enabled and await auth.user(request) is None:
            message = f'<p class="auth">{html.escape(auth.message)}</p>' if auth.message else ""
            title = html.escape(str(state.app.config.get("title") or "Trellis"))
            words = login_words(request.headers.get("accept-language"))
            return HTMLResponse(
                LOGIN_PAGE
                % {
                    "title": title,
                    "favicon": favicon_tag(state),
                    "theme": state.app.theme_css,
                    "message": message,
                    **words,
                }
            )
        return _html_response(request, index_html(state, request, page))

    @auth.required
    async def config(request: Request) -> Response:
        return ORJSONResponse(pages.request_config(state, request, config_for(state, request)))

    @auth.required
    async def info(request: Request) -> Response:
        everything = request.query_params.get("all_endpoints", "").lower() in ("true", "1")
        info = state.app.api_info_all if everything else state.app.api_info_public
        return ORJSONResponse(pages.page_api_info(state, info, request.query_params.get("page")))

    async def app_id(request: Request) -> Response:
        return ORJSONResponse({"app_id": state.app.app_id})

    @auth.required
    async def queue_status(request: Request) -> Response:
        return ORJSONResponse(
            {
                "msg": "estimation",
                "event_id": None,
                "rank": None,
                "queue_size": state.queue.waiting_count,
                "rank_eta": None,
            }
        )

    async def startup_events(request: Request) -> Response:
        first = not state.startup_done
        state.startup_done = True
        return ORJSONResponse(first)

    @auth.required
    async def login_check(request: Request) -> Response:
        return ORJSONResponse({"success": True})

    async def theme_css(request: Request) -> Response:
        # The page asks for theme.css?v=<theme_hash>: that URL's content never changes.
        versioned = request.query_params.get("v") == state.app.config.get("theme_hash")
        cache = frontend.IMMUTABLE if versioned else "no-cache"
        css = state.app.theme_css
        if request.url.path.endswith(P + "/theme.css"):
            # The fonts' URLs are relative to the page's folder, where /theme.css is; this one is a folder below.
            css = css.replace("url('assets/", "url('../assets/")
        return _text_response(request, css, "text/css; charset=utf-8", cache)

    async def favicon(request: Request) -> Response:
        path = state.settings.favicon_path
        if path:
            return FileResponse(path)
        return error(404, "No favicon.")

    async def manifest(request: Request) -> Response:
        # The web app manifest every page links (an installed app, when launched with pwa=True): its name,
        # icon (the favicon, else Trellis's mark) and start page.
        title = str(state.app.config.get("title") or "Trellis")
        icon = (
            {"src": "favicon.ico", "sizes": "any", "purpose": "any"}
            if state.settings.favicon_path
            else {"src": APP_ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
        )
        return ORJSONResponse(
            {"name": title, "short_name": title, "icons": [icon], "start_url": "./", "display": "standalone"}
        )

    return [
        Route("/", index, methods=["GET", "HEAD"]),
        Route("/config", config, methods=["GET"]),
        Route("/config/", config, methods=["GET"]),
        Route("/login", auth.login, methods=["POST"]),
        Route("/login/", auth.login, methods=["POST"]),
        Route("/logout", auth.logout, methods=["GET"]),
        Route(P + "/info", info, methods=["GET"]),
        Route(P + "/info/", info, methods=["GET"]),
        Route(P + "/app_id", app_id, methods=["GET"]),
        Route(P + "/queue/status", queue_status, methods=["GET"]),
        Route(P + "/startup-events", startup_events, methods=["GET"]),
        Route(P + "/login_check", login_check, methods=["GET"]),
        Route("/theme.css", theme_css, methods=["GET"]),
        Route(P + "/theme.css", theme_css, methods=["GET"]),
        Route("/favicon.ico", favicon, methods=["GET"]),
        Route("/manifest.json", manifest, methods=["GET"]),
        Route("/assets/{path:path}", frontend.serve_asset, methods=["GET", "HEAD"]),
        Route(P + "/bokeh/{name}", frontend.serve_bokeh, methods=["GET", "HEAD"]),
        *pages.routes(state, show_page),
    ]
