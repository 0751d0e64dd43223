"""Small Gradio 6.31 names: Header, set_static_paths, DeletedFileData/DownloadData, InputHTMLAttributes,
FileSize, NO_RELOAD, get_package_version, close_all, deploy, launch()'s remaining parameters, integrate,
themes.Base.set / from_hub.

Expected values were read from Gradio 6.31 (its signatures, config and answers for the same calls).
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest

import trellis as gr
from trellis.blocks import blocks as blocks_module
from trellis.themes._variables import LIGHT_ONLY, VARIABLES

SURFACE = Path("/work/shared/gradio_api/surface.json")
ROOT = Path(__file__).resolve().parents[2]


# -- gr.Header ------------------------------------------------------------------------------------------


def test_header_parameters_receive_the_request_header(serve_blocks: Any, make_client: Any) -> None:
    def echo(prompt: str, x_api_token: gr.Header, missing_one: gr.Header | None = None) -> str:
        return f"{prompt}|{x_api_token}|{missing_one}"

    demo = gr.Interface(echo, gr.Textbox(), gr.Textbox())
    url = serve_blocks(demo)
    info = httpx.get(url + "gradio_api/info").json()
    # As Gradio: a Header parameter takes no input.
    assert [p["parameter_name"] for p in info["named_endpoints"]["/echo"]["parameters"]] == ["prompt"]
    client = make_client(url, headers={"X-Api-Token": "s3cret"})
    assert client.predict("hi", api_name="/echo") == "hi|s3cret|None"
    assert issubclass(gr.Header, str)


# -- gr.set_static_paths --------------------------------------------------------------------------------


def test_static_paths_are_served_without_copying(tmp_path: Path, serve_blocks: Any, make_client: Any) -> None:
    from trellis import utils

    static = tmp_path / "static"
    static.mkdir()
    picture = static / "note.txt"
    picture.write_text("static text")
    other = tmp_path / "other.txt"
    other.write_text("copied text")
    before = list(utils._static_paths)
    try:
        gr.set_static_paths(paths=[static])
        assert utils.is_static_file(picture) and not utils.is_static_file(other)
        with gr.Blocks() as demo:
            shown = gr.File(value=str(picture))
            out = gr.File()
            gr.Button().click(lambda: str(picture), None, out, api_name="static")
            gr.Button().click(lambda: str(other), None, out, api_name="copied")
        url = serve_blocks(demo, allowed_paths=[str(tmp_path)])
        config = httpx.get(url + "config").json()
        value = next(c for c in config["components"] if c["id"] == shown._id)["props"]["value"]
        assert value["path"] == str(picture.resolve())  # as Gradio: the file's own path, not a cache copy
        assert httpx.get(value["url"]).text == "static text"
        http = httpx.Client(base_url=url)
        event = http.post("gradio_api/call/static", json={"data": []}).json()["event_id"]
        data = [
            line for line in http.get(f"gradio_api/call/static/{event}").text.splitlines() if line.startswith("data:")
        ]
        payload = json.loads(data[-1][5:])[0]
        assert payload["path"] == str(picture.resolve())
        event = http.post("gradio_api/call/copied", json={"data": []}).json()["event_id"]
        data = [
            line for line in http.get(f"gradio_api/call/copied/{event}").text.splitlines() if line.startswith("data:")
        ]
        assert json.loads(data[-1][5:])[0]["path"] != str(other.resolve())  # other files are still cached
    finally:
        utils._static_paths[:] = before


# -- event data ---------------------------------------------------------------------------------------------


def test_deleted_file_and_download_data_carry_the_file() -> None:
    payload = {
        "path": "/tmp/a.txt",
        "url": "http://x/a.txt",
        "orig_name": "a.txt",
        "size": 3,
        "meta": {"_type": "gradio.FileData"},
    }
    for cls in (gr.DeletedFileData, gr.DownloadData):
        data = cls(None, payload)
        assert isinstance(data, gr.EventData)
        assert (data.file.path, data.file.orig_name, data.file.size) == ("/tmp/a.txt", "a.txt", 3)
        assert list(inspect.signature(cls).parameters) == ["target", "data"]


def test_deleted_file_data_reaches_a_delete_listener(serve_blocks: Any) -> None:
    import uuid

    from conftest import fn_index, http_client, join, read_stream

    seen: dict[str, Any] = {}

    def on_delete(data: gr.DeletedFileData) -> str:
        seen["file"] = data.file
        return data.file.orig_name or ""

    with gr.Blocks() as demo:
        files = gr.File(file_count="multiple")
        out = gr.Textbox()
        files.delete(on_delete, None, out, api_name="deleted")
    url = serve_blocks(demo)
    session = uuid.uuid4().hex
    with http_client(url) as http:
        # The File view sends the removed file as the event's data.
        response = join(
            http, fn_index(url, "deleted"), [], session, event_data={"path": "/x/b.txt", "orig_name": "b.txt"}
        )
        assert response.status_code == 200, response.text
        messages = read_stream(http, session)
    done = [m for m in messages if m.get("msg") == "process_completed"]
    assert done[-1]["output"]["data"] == ["b.txt"]
    assert seen["file"].path == "/x/b.txt"


# -- InputHTMLAttributes --------------------------------------------------------------------------------------


def test_input_html_attributes_are_sent_as_gradio_sends_them(serve_blocks: Any) -> None:
    attrs = gr.InputHTMLAttributes(autocorrect="off", spellcheck=False, tabindex=3, lang="fr")
    assert list(inspect.signature(gr.InputHTMLAttributes).parameters) == [
        "autocapitalize",
        "autocorrect",
        "spellcheck",
        "autocomplete",
        "tabindex",
        "enterkeyhint",
        "lang",
    ]
    with gr.Blocks() as demo:
        box = gr.Textbox(html_attributes=attrs)
    config = httpx.get(serve_blocks(demo) + "config").json()
    props = next(c for c in config["components"] if c["id"] == box._id)["props"]
    # Gradio 6.31's config for the same Textbox: every field, None ones included.
    assert props["html_attributes"] == {
        "autocapitalize": None,
        "autocorrect": "off",
        "spellcheck": False,
        "autocomplete": None,
        "tabindex": 3,
        "enterkeyhint": None,
        "lang": "fr",
    }


# -- utilities ---------------------------------------------------------------------------------------------------


def test_file_size_no_reload_and_package_version() -> None:
    assert (gr.FileSize.B, gr.FileSize.KB, gr.FileSize.MB, gr.FileSize.GB, gr.FileSize.TB) == (
        1,
        1024,
        1024**2,
        1024**3,
        1024**4,
    )
    assert bool(gr.NO_RELOAD) is True and isinstance(gr.NO_RELOAD, int)
    assert gr.get_package_version() == "6.31.0"  # Gradio 6.31 answers its frontend package's version


def test_close_all_stops_every_running_app(serve_blocks: Any) -> None:
    with gr.Blocks() as one:
        gr.Markdown("one")
    with gr.Blocks() as two:
        gr.Markdown("two")
    serve_blocks(one)
    serve_blocks(two)
    assert one.server is not None and two.server is not None
    gr.close_all()
    assert one.server is None and two.server is None


def test_deploy_says_it_needs_the_hub() -> None:
    from trellis.deploy_space import DeployUnavailableError

    assert list(inspect.signature(gr.deploy).parameters) == ["title", "app_file", "provider"]
    with pytest.raises(DeployUnavailableError, match="Hugging Face Hub and the network"):
        gr.deploy(title="x")


# -- launch() and integrate() -------------------------------------------------------------------------------------------


def test_launch_has_gradios_parameters() -> None:
    params = inspect.signature(gr.Blocks.launch).parameters
    for name in ("ssr_mode", "num_workers", "enable_monitoring", "node_server_name", "node_port", "_app", "_frontend"):
        assert name in params
    assert params["_frontend"].default is True
    assert all(params[f"share_server_{n}"].default is None for n in ("address", "protocol", "tls_certificate"))


def test_launch_warns_once_about_options_that_cannot_apply(serve_blocks: Any) -> None:
    blocks_module._warned_launch_options.clear()
    with gr.Blocks() as demo:
        gr.Markdown("x")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        serve_blocks(
            demo, ssr_mode=True, num_workers=4, node_port=9000, enable_monitoring=True, share_server_address="a:1"
        )
        demo.close()
        serve_blocks(demo, ssr_mode=True)
    messages = [str(w.message) for w in caught]
    assert sum("ssr_mode" in m for m in messages) == 1  # once per process
    for name in ("num_workers", "node_port", "enable_monitoring", "share_server_address"):
        assert any(m.startswith(f"launch({name}=") and "not applied" in m for m in messages), name


def test_launch_serves_in_the_app_given(serve_blocks: Any) -> None:
    from trellis.routes import App

    app = App(title="mine")
    with gr.Blocks() as demo:
        gr.Markdown("x")
    serve_blocks(demo, _app=app, _frontend=False)
    assert demo.server_app is app
    assert httpx.get(demo.local_url + "config").status_code == 200


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        return lambda *args: self.calls.append((name, args))


def test_integrate_reports_to_comet_and_explains_share_links(serve_blocks: Any, capsys: Any) -> None:
    params = list(inspect.signature(gr.Blocks.integrate).parameters)
    assert params == ["self", "comet_ml", "wandb", "mlflow"]
    with gr.Blocks() as demo:
        gr.Markdown("x")
    with pytest.raises(ValueError, match="launch"):
        demo.integrate(comet_ml=_Recorder())
    url = serve_blocks(demo)
    comet = _Recorder()
    demo.integrate(comet_ml=comet, wandb=_Recorder(), mlflow=_Recorder())
    assert comet.calls == [("log_other", ("Created from", "Gradio")), ("log_text", (f"gradio: {url}",)), ("end", ())]
    out = capsys.readouterr().out
    assert "WandB integration requires you to `launch(share=True)`" in out
    assert "MLFlow integration requires you to `launch(share=True)`" in out


# -- themes ------------------------------------------------------------------------------------------------------------


def test_theme_set_takes_every_variable_as_gradio() -> None:
    params = list(inspect.signature(gr.themes.Base.set).parameters.values())
    assert params[0].name == "self"
    assert all(p.kind is p.KEYWORD_ONLY and p.default is None for p in params[1:])
    names = [p.name for p in params[1:]]
    expected = [n for v in VARIABLES for n in ((v,) if v in LIGHT_ONLY else (v, v + "_dark"))]
    assert names == expected
    if SURFACE.exists():
        gradio = [
            p["name"] for p in json.loads(SURFACE.read_text())["methods"]["themes.Base.set"] if p["name"] != "self"
        ]
        assert sorted(names) == sorted(gradio)
    with pytest.raises(TypeError):
        gr.themes.Base().set(body_text_size_dark="1px")  # type: ignore[call-arg]  # no dark value in Gradio either
    theme = gr.themes.Base().set(button_primary_background_fill="*primary_600", body_text_color_dark="red")
    assert (theme.button_primary_background_fill, theme.body_text_color_dark) == ("*primary_600", "red")


def test_theme_set_signature_is_generated_from_the_variable_table() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_theme_set.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_from_hub_takes_token_and_says_it_needs_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    from trellis.themes import base

    params = inspect.signature(gr.themes.Base.from_hub).parameters
    assert list(params)[:2] == ["repo_name", "token"]
    monkeypatch.setattr(base, "HUB", "http://127.0.0.1:9")
    seen: list[dict[str, str]] = []
    real = base._fetch_json

    def spy(url: str, headers: dict[str, str]) -> Any:
        seen.append(headers)
        return real(url, headers)

    monkeypatch.setattr(base, "_fetch_json", spy)
    with pytest.raises(ConnectionError, match="needs the network"):
        gr.themes.Base.from_hub("owner/theme", token="hf_x")
    assert seen[0]["Authorization"] == "Bearer hf_x"
    assert os.environ.get("HF_TOKEN") != "hf_x"


# -- Dropdown(num_choices_shown=) ---------------------------------------------------------------------------


def test_dropdown_num_choices_shown_as_gradio() -> None:
    params = inspect.signature(gr.Dropdown).parameters
    names = list(params)
    assert names.index("num_choices_shown") == names.index("max_choices") + 1  # Gradio's order
    assert params["num_choices_shown"].default == 100
    with gr.Blocks() as demo:
        shown = gr.Dropdown(["a", "b"], num_choices_shown=3)
        unlimited = gr.Dropdown(["a", "b"], num_choices_shown=None)
    props = {c["id"]: c["props"] for c in demo.get_config_file()["components"]}
    # Gradio 6.31's config: the number, or no prop at all for None.
    assert props[shown._id]["num_choices_shown"] == 3
    assert "num_choices_shown" not in props[unlimited._id]
    with pytest.raises(ValueError, match="greater than 0"):
        gr.Dropdown(["a"], num_choices_shown=0)


# -- Gallery(sources=) ----------------------------------------------------------------------------------------


def test_gallery_sources_as_gradio() -> None:
    params = inspect.signature(gr.Gallery).parameters
    assert list(params)[-1] == "sources" and params["sources"].default is None  # Gradio's place and default
    with gr.Blocks() as demo:
        default = gr.Gallery(interactive=True)
        chosen = gr.Gallery(sources=["webcam", "clipboard"], interactive=True)
    props = {c["id"]: c["props"] for c in demo.get_config_file()["components"]}
    # Gradio 6.31's config: None becomes ["upload"].
    assert props[default._id]["sources"] == ["upload"]
    assert props[chosen._id]["sources"] == ["webcam", "clipboard"]
