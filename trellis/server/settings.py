"""Server settings from ``launch()`` arguments, ``mount_gradio_app()`` arguments and ``GRADIO_*`` variables."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Sequence
from typing import Any

from trellis.exceptions import InvalidConfigError

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?b?)\s*$", re.IGNORECASE)
_UNITS = {
    "": 1,
    "b": 1,
    "k": 1024,
    "kb": 1024,
    "m": 1024**2,
    "mb": 1024**2,
    "g": 1024**3,
    "gb": 1024**3,
    "t": 1024**4,
    "tb": 1024**4,
}

AuthSpec = Callable[[str, str], bool] | Sequence[tuple[str, str]] | tuple[str, str] | None


def parse_file_size(size: str | int | float | None) -> int | None:
    """``"5mb"`` → 5242880; ints are bytes; ``None`` means no limit."""
    if size is None:
        return None
    if isinstance(size, (int, float)) and not isinstance(size, bool):
        if size < 0:
            raise InvalidConfigError(f"max_file_size must not be negative, got {size!r}")
        return int(size)
    match = _SIZE.match(str(size))
    if not match:
        raise InvalidConfigError(f"max_file_size must be bytes or a size such as '5mb', got {size!r}")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def _env_list(name: str) -> list[str]:
    value = os.environ.get(name, "")
    return [p.strip() for p in value.split(",") if p.strip()]


def normalize_auth(auth: AuthSpec) -> Callable[[str, str], bool] | None:
    """Turn ``auth=`` (a pair, a list of pairs, or a function) into one check function."""
    if auth is None:
        return None
    if callable(auth):
        return auth
    pairs: list[tuple[str, str]]
    if isinstance(auth, tuple) and len(auth) == 2 and all(isinstance(x, str) for x in auth):
        pairs = [auth]  # type: ignore[list-item]
    else:
        pairs = [tuple(p) for p in auth]  # type: ignore[misc]
    if not pairs or any(len(p) != 2 for p in pairs):
        raise InvalidConfigError("auth must be (username, password), a list of such pairs, or a function")
    import hmac

    credentials = {user: password for user, password in pairs}

    def check(username: str, password: str) -> bool:
        expected = credentials.get(username)
        return expected is not None and hmac.compare_digest(expected.encode(), password.encode())

    return check


@dataclasses.dataclass
class LaunchSettings:
    """Everything the HTTP server needs besides the compiled app."""

    server_name: str = "127.0.0.1"
    server_port: int | None = None
    port_explicit: bool = False
    auth: Callable[[str, str], bool] | None = None
    auth_message: str | None = None
    auth_dependency: Callable[..., str | None] | None = None
    show_error: bool = False
    root_path: str = ""
    max_file_size: int | None = None
    allowed_paths: list[str] = dataclasses.field(default_factory=list)
    blocked_paths: list[str] = dataclasses.field(default_factory=list)
    ssl_keyfile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile_password: str | None = None
    favicon_path: str | None = None
    max_threads: int = 40
    quiet: bool = False
    app_kwargs: dict[str, Any] = dataclasses.field(default_factory=dict)
    footer_links: list[Any] | None = None
    pwa: bool | None = None
    heartbeat_interval: float = 15.0

    @classmethod
    def from_arguments(
        cls,
        *,
        server_name: str | None = None,
        server_port: int | None = None,
        auth: AuthSpec = None,
        root_path: str | None = None,
        max_file_size: str | int | None = None,
        allowed_paths: Sequence[str] | None = None,
        blocked_paths: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> LaunchSettings:
        env_port = os.environ.get("GRADIO_SERVER_PORT")
        port = server_port if server_port is not None else (int(env_port) if env_port else None)
        if root_path is None:
            root_path = os.environ.get("GRADIO_ROOT_PATH", "")
        if max_file_size is None and os.environ.get("GRADIO_MAX_FILE_SIZE"):
            max_file_size = os.environ["GRADIO_MAX_FILE_SIZE"]
        return cls(
            server_name=server_name or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1",
            server_port=port,
            port_explicit=port is not None,
            auth=normalize_auth(auth),
            root_path=(root_path or "").rstrip("/"),
            max_file_size=parse_file_size(max_file_size),
            allowed_paths=[*(allowed_paths or []), *_env_list("GRADIO_ALLOWED_PATHS")],
            blocked_paths=[*(blocked_paths or []), *_env_list("GRADIO_BLOCKED_PATHS")],
            heartbeat_interval=float(os.environ.get("GRADIO_HEARTBEAT_INTERVAL", "15")),
            **kwargs,
        )
