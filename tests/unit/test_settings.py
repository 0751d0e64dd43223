"""Launch settings: file sizes, auth specs and GRADIO_* environment variables."""

from __future__ import annotations

import pytest

from trellis.exceptions import InvalidConfigError
from trellis.server.settings import LaunchSettings, normalize_auth, parse_file_size, setting_arguments


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ("5mb", 5 * 1024 * 1024),
        ("2kb", 2048),
        ("2KB", 2048),
        ("1.5kb", 1536),
        ("1 gb", 1024**3),
        ("10b", 10),
        ("10", 10),
        (1000, 1000),
        (0, 0),
        (2.5, 2),
        (None, None),
    ],
)
def test_parse_file_size(size: str | int | float | None, expected: int | None) -> None:
    assert parse_file_size(size) == expected


@pytest.mark.parametrize("size", ["five mb", "5 parsecs", "mb", "", "-5mb", "5mbb"])
def test_parse_file_size_rejects_bad_strings(size: str) -> None:
    with pytest.raises(InvalidConfigError) as info:
        parse_file_size(size)
    assert str(info.value) == f"max_file_size must be bytes or a size such as '5mb', got {size!r}"


def test_parse_file_size_rejects_negative_numbers() -> None:
    with pytest.raises(InvalidConfigError) as info:
        parse_file_size(-1)
    assert str(info.value) == "max_file_size must not be negative, got -1"


def test_parse_file_size_rejects_booleans() -> None:
    with pytest.raises(InvalidConfigError):
        parse_file_size(True)  # type: ignore[arg-type]


def test_auth_pair_checks_both_fields() -> None:
    check = normalize_auth(("u", "p"))
    assert check is not None
    assert [check("u", "p"), check("u", "x"), check("x", "p")] == [True, False, False]


def test_auth_list_of_pairs_accepts_each_user() -> None:
    check = normalize_auth([("a", "1"), ("b", "2")])
    assert check is not None
    assert [check("a", "1"), check("b", "2"), check("a", "2")] == [True, True, False]


def test_auth_function_is_used_as_is() -> None:
    def check(user: str, password: str) -> bool:
        return user == password

    assert normalize_auth(check) is check


def test_auth_malformed_spec_is_refused() -> None:
    with pytest.raises(InvalidConfigError):
        normalize_auth([("only-user",)])  # type: ignore[list-item]


def test_settings_read_gradio_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7999")
    monkeypatch.setenv("GRADIO_ROOT_PATH", "/app/")
    monkeypatch.setenv("GRADIO_MAX_FILE_SIZE", "1kb")
    monkeypatch.setenv("GRADIO_ALLOWED_PATHS", "/a, /b")
    monkeypatch.setenv("GRADIO_BLOCKED_PATHS", "/c")
    settings = LaunchSettings.from_arguments()
    picked = (
        settings.server_name,
        settings.server_port,
        settings.port_explicit,
        settings.root_path,
        settings.max_file_size,
        settings.allowed_paths,
        settings.blocked_paths,
    )
    assert picked == ("0.0.0.0", 7999, True, "/app", 1024, ["/a", "/b"], ["/c"])


def test_launch_arguments_win_over_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7999")
    monkeypatch.setenv("GRADIO_MAX_FILE_SIZE", "1kb")
    settings = LaunchSettings.from_arguments(server_port=8001, max_file_size="2kb")
    assert (settings.server_port, settings.max_file_size) == (8001, 2048)


def test_launch_hands_every_setting_argument_on_by_name() -> None:
    """``launch()`` passes ``from_arguments`` each of its arguments named as a setting, and only those."""
    import inspect

    import trellis as gr

    params = inspect.signature(gr.Blocks.launch).parameters
    defaults = {name: p.default for name, p in params.items() if p.default is not inspect.Parameter.empty}
    picked = setting_arguments(defaults)
    assert set(defaults) - set(picked) == {
        *("inline", "inbrowser", "share", "debug", "prevent_thread_lock", "height", "width", "ssl_verify"),
        *("mcp_server", "theme", "css", "css_paths", "js", "head", "head_paths", "i18n"),
        # Gradio's options that cannot apply (they warn) and the App to serve in: not server settings.
        *("share_server_address", "share_server_protocol", "share_server_tls_certificate", "enable_monitoring"),
        *("node_server_name", "node_port", "ssr_mode", "num_workers", "_app", "_frontend"),
    }
    settings = LaunchSettings.from_arguments(**picked)
    assert (settings.max_threads, settings.app_kwargs, settings.state_session_capacity) == (40, {}, 10000)


def test_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "GRADIO_SERVER_NAME",
        "GRADIO_SERVER_PORT",
        "GRADIO_ROOT_PATH",
        "GRADIO_MAX_FILE_SIZE",
        "GRADIO_ALLOWED_PATHS",
        "GRADIO_BLOCKED_PATHS",
    ):
        monkeypatch.delenv(name, raising=False)
    settings = LaunchSettings.from_arguments()
    picked = (
        settings.server_name,
        settings.server_port,
        settings.port_explicit,
        settings.root_path,
        settings.max_file_size,
        settings.allowed_paths,
        settings.blocked_paths,
    )
    assert picked == ("127.0.0.1", None, False, "", None, [], [])
