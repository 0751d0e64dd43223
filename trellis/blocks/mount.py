"""``mount_gradio_app``: serve an app at a sub-path of the user's own FastAPI app."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from trellis.routes import App, serve
from trellis.server.settings import (
    LIMIT_ARGUMENTS,
    AuthSpec,
    LaunchSettings,
    normalize_auth,
    parse_file_size,
    request_limits,
)

if TYPE_CHECKING:
    from fastapi import FastAPI

    from trellis.blocks.blocks import Blocks
    from trellis.i18n import I18n


def mount_gradio_app(
    app: FastAPI,
    blocks: Blocks,
    path: str,
    server_name: str = "0.0.0.0",
    server_port: int = 7860,
    footer_links: list[Any] | None = None,
    run_history: bool | None = None,
    app_kwargs: dict[str, Any] | None = None,
    *,
    auth: AuthSpec = None,
    auth_message: str | None = None,
    auth_dependency: Callable[..., str | None] | None = None,
    root_path: str | None = None,
    allowed_paths: Sequence[str] | None = None,
    blocked_paths: Sequence[str] | None = None,
    favicon_path: str | None = None,
    show_error: bool = True,
    max_file_size: str | int | None = None,
    ssr_mode: bool | None = None,
    node_server_name: str | None = None,
    node_port: int | None = None,
    enable_monitoring: bool | None = None,
    pwa: bool | None = None,
    i18n: I18n | None = None,
    mcp_server: bool | None = None,
    theme: Any = None,
    css: str | None = None,
    css_paths: str | Sequence[str] | None = None,
    js: str | None = None,
    head: str | None = None,
    head_paths: str | Sequence[str] | None = None,
    strict_cors: bool = True,
    state_session_capacity: int | None = None,
    allowed_origins: Sequence[str] | None = None,
    allowed_hosts: Sequence[str] | None = None,
    trusted_proxies: Sequence[str] | None = None,
    max_body_size: str | int | None = None,
    max_upload_parts: int | None = None,
    max_sessions_per_client: int | None = None,
) -> FastAPI:
    """Mount ``blocks`` at ``path`` inside ``app`` and return ``app``; the sub-app is ``blocks.server_app``.

    Takes Gradio's arguments, in Gradio's order. ``server_name`` and ``server_port`` only serve
    Gradio's server-side rendering, which Trellis does not have; ``ssr_mode``, ``node_*``,
    ``enable_monitoring`` and ``mcp_server`` name features Trellis does
    not have either and warn when set. The page options (``theme``, ``css``, ``js``, ``head``...)
    and ``i18n`` (a ``gr.I18n`` translating the app's text) apply as in ``launch()``.

    URLs in the config and file payloads include the mount path, and honour
    ``X-Forwarded-Host``/``X-Forwarded-Proto`` from a trusted proxy. The origin rules and body
    limits of ``launch()`` apply too (``docs/security.md``), plus the origins that ``app``'s own
    ``CORSMiddleware`` names; header limits are the host server's.
    """
    limits = {name: value for name, value in locals().items() if name in LIMIT_ARGUMENTS}
    unsupported = {
        "ssr_mode": ssr_mode,
        "node_server_name": node_server_name,
        "node_port": node_port,
        "enable_monitoring": enable_monitoring,
        "mcp_server": mcp_server,
    }
    for name, value in unsupported.items():
        if value is not None and value is not False:
            warnings.warn(
                f"mount_gradio_app({name}=...) names a Gradio feature Trellis does not have; it is not applied.",
                stacklevel=2,
            )
    blocks.show_error = show_error
    if i18n is not None:
        blocks.i18n_instance = i18n
    blocks._set_page(theme=theme, css=css, css_paths=css_paths, js=js, head=head, head_paths=head_paths)
    settings = LaunchSettings(
        auth=normalize_auth(auth),
        auth_message=auth_message,
        auth_dependency=auth_dependency,
        show_error=show_error,
        root_path=(root_path or "").rstrip("/"),
        max_file_size=parse_file_size(max_file_size),
        allowed_paths=list(allowed_paths or []),
        blocked_paths=list(blocked_paths or []),
        favicon_path=favicon_path,
        app_kwargs=app_kwargs or {},
        footer_links=footer_links,
        run_history=run_history,
        pwa=pwa,
        strict_cors=strict_cors,
        **request_limits(**limits),
    )
    serve(blocks, settings, App(auth_dependency=auth_dependency, **settings.app_kwargs), parent=app, path=path)
    return app
