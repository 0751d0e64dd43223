"""Server settings from ``launch()`` arguments, ``mount_gradio_app()`` arguments and ``GRADIO_*`` variables."""

from __future__ import annotations

import dataclasses
import inspect
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeGuard

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


def parse_file_size(size: str | int | float | None, name: str = "max_file_size") -> int | None:
    """``"5mb"`` → 5242880; ints are bytes; ``None`` means no limit."""
    if size is None:
        return None
    if isinstance(size, (int, float)) and not isinstance(size, bool):
        if size < 0:
            raise InvalidConfigError(f"{name} must not be negative, got {size!r}")
        return int(size)
    match = _SIZE.match(str(size))
    if not match:
        raise InvalidConfigError(f"{name} must be bytes or a size such as '5mb', got {size!r}")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def _env_list(name: str) -> list[str]:
    value = os.environ.get(name, "")
    return [p.strip() for p in value.split(",") if p.strip()]


def _size(value: str | int | None, env: str, default: int, name: str) -> int:
    """A byte limit from the argument, else the environment variable ``env``, else ``default``."""
    if value is None:
        value = os.environ.get(env) or None
    parsed = parse_file_size(value, name)
    if parsed is None:
        return default
    if parsed < 1:
        raise InvalidConfigError(f"{name} must be at least 1 byte, got {value!r}")
    return parsed


def _count(value: int | None, env: str, default: int, name: str) -> int:
    if value is None:
        raw = os.environ.get(env)
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise InvalidConfigError(f"{env} must be a whole number, got {raw!r}") from None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidConfigError(f"{name} must be a whole number of at least 1, got {value!r}")
    return value


#: Bind addresses that only ever reach this machine.
LOOPBACK_BINDS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
#: Peers whose ``X-Forwarded-*`` headers are believed by default (uvicorn's default too).
DEFAULT_TRUSTED_PROXIES = ("127.0.0.1", "::1")


def _names(value: Sequence[str] | str | None, *envs: str) -> list[str] | None:
    """A list setting: the argument (one string or several), else the first of the variables ``envs`` set.

    A variable holds comma-separated values; entries are stripped and empty ones dropped. ``None``
    when neither is given.
    """
    if isinstance(value, str):
        value = [value]
    if value is None:
        value = next((listed for env in envs if (listed := _env_list(env))), None)
    return None if value is None else [v.strip() for v in value if v.strip()]


def _is_pair(value: object) -> TypeGuard[tuple[str, str]]:
    """Whether ``value`` is one (username, password) pair rather than a list of them."""
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(x, str) for x in value)


def normalize_auth(auth: AuthSpec) -> Callable[[str, str], bool] | None:
    """Turn ``auth=`` (a pair, a list of pairs, or a function) into one check function."""
    if auth is None:
        return None
    if callable(auth):
        return auth
    pairs: list[tuple[str, ...]]
    if _is_pair(auth):
        pairs = [auth]
    else:
        pairs = [tuple(p) for p in auth]
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
    """Everything the HTTP server needs besides the compiled app.

    The request limits and origin rules are described in ``docs/security.md``; each has a
    ``launch()``/``mount_gradio_app()`` argument of the same name and a ``TRELLIS_*`` variable.
    """

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
    #: The footer's links (``None``: Gradio's default, all four; "runs" only with a run history).
    footer_links: list[Any] | None = None
    #: Whether the page saves a run history in the browser (``None``: ``$GRADIO_RUN_HISTORY``, else on).
    run_history: bool | None = None
    pwa: bool | None = None
    heartbeat_interval: float = 15.0
    #: Seconds a session may be without its stream and heartbeat (a dropped connection, a closed tab)
    #: before its running work is stopped, its ``unload`` listeners run and its resume buffer goes.
    disconnect_grace: float = 10.0
    #: Seconds a session's State is kept after its client has gone (then ``delete_callback`` runs).
    session_expiry: float = 3600.0
    #: Origins (``https://host[:port]``) whose pages may call the app cross-site (CSRF exemption and CORS).
    allowed_origins: list[str] = dataclasses.field(default_factory=list)
    #: ``False`` (as in Gradio) also lets ``null`` and localhost origins call an app served on localhost.
    strict_cors: bool = True
    #: Host names the app answers to (``*.example.com`` wildcards), besides loopback names; ``None``: any,
    #: or only loopback names when ``loopback_only`` (an app bound to a loopback address: a page on another
    #: host name resolving to 127.0.0.1, as in DNS rebinding, is refused).
    allowed_hosts: list[str] | None = None
    loopback_only: bool = False
    #: Peers (IPs or networks) whose ``X-Forwarded-For/-Proto/-Host`` headers are believed.
    trusted_proxies: list[str] = dataclasses.field(default_factory=lambda: list(DEFAULT_TRUSTED_PROXIES))
    #: Request line plus headers, in bytes (431 beyond), and the number of header lines (431 beyond).
    max_header_size: int = 64 * 1024
    max_header_count: int = 100
    #: Seconds a client may take to send a request's headers (408 after).
    header_timeout: float = 30.0
    #: Bodies of every route but uploads (JSON calls, the login form), in bytes (413 beyond).
    max_body_size: int = 16 * 1024**2
    #: Parts of one multipart upload (413 beyond).
    max_upload_parts: int = 1000
    #: Sessions held at once, in all (503 when full) and per client (429).
    state_session_capacity: int = 10000
    max_sessions_per_client: int = 1000
    #: Seconds a finished ``/call`` result waits to be read before it is dropped.
    call_result_ttl: float = 600.0

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
        app_kwargs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> LaunchSettings:
        """Settings from ``launch()`` arguments and ``GRADIO_*``/``TRELLIS_*`` variables (arguments win).

        The arguments of :func:`request_limits` are taken from ``kwargs``; the rest are fields.
        """
        limits = {name: kwargs.pop(name) for name in LIMIT_ARGUMENTS if name in kwargs}
        env_port = os.environ.get("GRADIO_SERVER_PORT")
        port = server_port if server_port is not None else (int(env_port) if env_port else None)
        if root_path is None:
            root_path = os.environ.get("GRADIO_ROOT_PATH", "")
        if max_file_size is None and os.environ.get("GRADIO_MAX_FILE_SIZE"):
            max_file_size = os.environ["GRADIO_MAX_FILE_SIZE"]
        server_name = server_name or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1"
        return cls(
            server_name=server_name,
            server_port=port,
            port_explicit=port is not None,
            auth=normalize_auth(auth),
            root_path=(root_path or "").rstrip("/"),
            max_file_size=parse_file_size(max_file_size),
            allowed_paths=[*(allowed_paths or []), *_env_list("GRADIO_ALLOWED_PATHS")],
            blocked_paths=[*(blocked_paths or []), *_env_list("GRADIO_BLOCKED_PATHS")],
            app_kwargs=app_kwargs or {},
            heartbeat_interval=float(os.environ.get("GRADIO_HEARTBEAT_INTERVAL", "15")),
            call_result_ttl=float(os.environ.get("TRELLIS_CALL_RESULT_TTL", "600")),
            disconnect_grace=_seconds("TRELLIS_DISCONNECT_GRACE", 10.0),
            session_expiry=_seconds("TRELLIS_SESSION_EXPIRY", 3600.0),
            header_timeout=float(os.environ.get("TRELLIS_HEADER_TIMEOUT", "30")),
            **request_limits(**limits, server_name=server_name),
            **kwargs,
        )


def _seconds(name: str, default: float) -> float:
    """A non-negative number of seconds from the environment variable ``name``."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {raw!r}.") from None
    if not value >= 0 or value == float("inf"):
        raise ValueError(f"{name} must be a finite number of seconds >= 0, not {raw!r}.")
    return value


def request_limits(
    *,
    allowed_origins: Sequence[str] | str | None = None,
    allowed_hosts: Sequence[str] | str | None = None,
    trusted_proxies: Sequence[str] | str | None = None,
    max_header_size: str | int | None = None,
    max_header_count: int | None = None,
    max_body_size: str | int | None = None,
    max_upload_parts: int | None = None,
    max_sessions_per_client: int | None = None,
    state_session_capacity: int | None = None,
    server_name: str | None = None,
) -> dict[str, Any]:
    """The origin, host and size settings from arguments or ``TRELLIS_*`` variables, checked.

    ``server_name`` is the address a launched app binds; a mounted app passes ``None`` (its
    server is the user's), so the loopback-only host default does not apply there.
    """
    origins = _names(allowed_origins, "TRELLIS_ALLOWED_ORIGINS") or []
    hosts = _names(allowed_hosts, "TRELLIS_ALLOWED_HOSTS")
    proxies = _names(trusted_proxies, "TRELLIS_TRUSTED_PROXIES", "FORWARDED_ALLOW_IPS")
    return {
        "allowed_origins": [o.rstrip("/").lower() for o in origins],
        "allowed_hosts": None if hosts is None else [h.lower() for h in hosts],
        "loopback_only": hosts is None and server_name is not None and server_name.lower() in LOOPBACK_BINDS,
        "trusted_proxies": list(DEFAULT_TRUSTED_PROXIES) if proxies is None else proxies,
        "max_header_size": _size(max_header_size, "TRELLIS_MAX_HEADER_SIZE", 64 * 1024, "max_header_size"),
        "max_header_count": _count(max_header_count, "TRELLIS_MAX_HEADER_COUNT", 100, "max_header_count"),
        "max_body_size": _size(max_body_size, "TRELLIS_MAX_BODY_SIZE", 16 * 1024**2, "max_body_size"),
        "max_upload_parts": _count(max_upload_parts, "TRELLIS_MAX_UPLOAD_PARTS", 1000, "max_upload_parts"),
        "max_sessions_per_client": _count(
            max_sessions_per_client, "TRELLIS_MAX_SESSIONS_PER_CLIENT", 1000, "max_sessions_per_client"
        ),
        "state_session_capacity": _count(
            state_session_capacity, "TRELLIS_STATE_SESSION_CAPACITY", 10000, "state_session_capacity"
        ),
    }


#: The ``launch()`` arguments that :func:`request_limits` reads.
LIMIT_ARGUMENTS = tuple(name for name in inspect.signature(request_limits).parameters if name != "server_name")


def setting_arguments(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The settings among a ``launch()`` call's arguments (its ``locals()``).

    A setting is an argument named as a :class:`LaunchSettings` field or as an argument of
    :func:`request_limits`; :meth:`LaunchSettings.from_arguments` takes exactly these.
    """
    names = {field.name for field in dataclasses.fields(LaunchSettings)} | set(LIMIT_ARGUMENTS)
    return {name: value for name, value in arguments.items() if name in names}
