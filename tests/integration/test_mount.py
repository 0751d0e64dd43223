"""gr.mount_gradio_app: a Trellis app at /sub inside the user's FastAPI app, served by uvicorn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, serve_asgi
from fastapi import FastAPI

import trellis as gr


def greet(name: str) -> str:
    return "Hello " + name


def build_host(out_dir: Path) -> FastAPI:
    host = FastAPI()

    def write_file(text: str) -> str:
        path = out_dir / f"{len(list(out_dir.iterdir()))}.txt"
        path.write_text(text)
        return str(path)

    @host.get("/")
    def home() -> dict[str, str]:
        return {"host": "ok"}

    @host.get("/items/{item}")
    def item(item: str) -> dict[str, str]:
        return {"item": item}

    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        out = gr.Textbox(label="Out")
        gr.Button().click(greet, name, out)
        gr.Button().click(write_file, name, gr.File(label="File"))
    return gr.mount_gradio_app(host, demo, path="/sub")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The host app on uvicorn in a thread; yields ``http://127.0.0.1:<port>`` (no trailing slash)."""
    with serve_asgi(build_host(tmp_path_factory.mktemp("outputs"))) as url:
        yield url


def test_config_root_includes_the_mount_path(base: str) -> None:
    assert httpx.get(base + "/sub/config", timeout=TIMEOUT).json()["root"] == base + "/sub"


def test_config_root_follows_forwarded_headers(base: str) -> None:
    headers = {"X-Forwarded-Host": "example.com", "X-Forwarded-Proto": "https"}
    assert httpx.get(base + "/sub/config", headers=headers, timeout=TIMEOUT).json()["root"] == (
        "https://example.com/sub"
    )


def test_client_predict_works_at_the_sub_path(base: str, make_client: Any) -> None:
    assert make_client(base + "/sub/").predict("mount", api_name="/greet") == "Hello mount"


def test_api_info_is_served_under_the_sub_path(base: str) -> None:
    info = httpx.get(base + "/sub/gradio_api/info", timeout=TIMEOUT).json()
    assert list(info["named_endpoints"]) == ["/greet", "/write_file"]


def test_host_routes_still_work(base: str) -> None:
    assert (httpx.get(base + "/", timeout=TIMEOUT).json(), httpx.get(base + "/items/x", timeout=TIMEOUT).json()) == (
        {"host": "ok"},
        {"item": "x"},
    )


def test_app_routes_are_not_served_at_the_host_root(base: str) -> None:
    assert httpx.get(base + "/config", timeout=TIMEOUT).status_code == 404


def test_file_output_url_points_under_the_sub_path(base: str, make_client: Any) -> None:
    client = make_client(base + "/sub/", download_files=False)
    data = client.predict("in a file", api_name="/write_file")
    response = httpx.get(data["url"], timeout=TIMEOUT)
    assert (data["url"].startswith(base + "/sub/gradio_api/file="), response.text) == (True, "in a file")


def test_client_downloads_a_file_output_through_the_sub_path(base: str, make_client: Any) -> None:
    local = make_client(base + "/sub/").predict("downloaded", api_name="/write_file")
    assert Path(local).read_text() == "downloaded"
