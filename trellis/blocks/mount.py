"""``mount_gradio_app``: serve an app at a sub-path of the user's own FastAPI app."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from trellis.server.mount import mount_app
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


def mount_gradio_app(
    app: FastAPI,
    blocks: Blocks,
    path: str,
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
    strict_cors: bool = True,
    state_session_capacity: int | None = None,
    allowed_origins: Sequence[str] | None = None,
    allowed_hosts: Sequence[str] | None = None,
    trusted_proxies: Sequence[str] | None = None,
    max_body_size: str | int | None = None,
    max_upload_parts: int | None = None,
    max_sessions_per_client: int | None = None,
    **kwargs: Any,
) -> FastAPI:
    """Mount ``blocks`` at ``path`` inside ``app`` and return ``app``.

    URLs in the config and file payloads include the mount path, and honour
    ``X-Forwarded-Host``/``X-Forwarded-Proto`` from a trusted proxy. The origin rules and body
    limits of ``launch()`` apply too (``docs/security.md``); header limits are the host server's.
    """
    limits = {name: value for name, value in locals().items() if name in LIMIT_ARGUMENTS}
    blocks.show_error = show_error
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
        strict_cors=strict_cors,
        **request_limits(**limits),
    )
    compiled = blocks.compile()
    blocks.cache_example_outputs()
    blocks.server_app = mount_app(app, compiled, path, settings)
    return app
