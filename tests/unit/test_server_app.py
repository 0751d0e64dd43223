"""create_app serves a copy of the compiled app with the server's settings; the compiled app is never written to."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import trellis as gr
from trellis.server.app import create_app
from trellis.server.settings import LaunchSettings


def test_create_app_serves_a_derived_copy_and_leaves_the_compiled_app_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "cache"))
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with gr.Blocks(delete_cache=(60, 120)) as demo:
        gr.Textbox("plain")
        gr.File(value=str(notes))
    compiled = demo.compile()
    before = copy.deepcopy(dict(compiled.config))

    app = create_app(compiled, LaunchSettings(show_error=True, footer_links=["api"]))

    served = app.state.trellis.app
    file_entry = served.config["components"][served.file_value_components[0]]
    assert (dict(compiled.config), compiled.file_value_components) == (before, ())
    assert (served.config["show_error"], served.config["footer_links"], len(served.file_value_components)) == (
        True,
        ["api"],
        1,
    )
    assert (file_entry["type"], Path(file_entry["props"]["value"]["path"]).parent.parent) == (
        "file",
        tmp_path / "cache",
    )
    assert app.state.trellis.files.delete_cache == (60, 120)


@pytest.mark.parametrize(
    ("footer_links", "run_history", "env", "expected"),
    [
        (None, None, None, (["api", "gradio", "settings", "runs"], True)),
        (None, False, None, (["api", "gradio", "settings"], False)),
        (["runs", "api"], None, "false", (["api"], False)),
        (["runs"], True, "false", (["runs"], True)),
        ([], None, None, ([], True)),
    ],
)
def test_footer_links_and_run_history_follow_gradios_launch(
    monkeypatch: pytest.MonkeyPatch,
    footer_links: list[str] | None,
    run_history: bool | None,
    env: str | None,
    expected: tuple[list[str], bool],
) -> None:
    """Gradio's defaults: all four links and a run history; without one, no "runs" link."""
    if env is None:
        monkeypatch.delenv("GRADIO_RUN_HISTORY", raising=False)
    else:
        monkeypatch.setenv("GRADIO_RUN_HISTORY", env)
    with gr.Blocks() as demo:
        gr.Textbox()
    app = create_app(demo.compile(), LaunchSettings(footer_links=footer_links, run_history=run_history))
    config = app.state.trellis.app.config
    assert (config["footer_links"], config["run_history"]) == expected
