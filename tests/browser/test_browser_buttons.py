"""UploadButton and DownloadButton in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import trellis as gr

pytestmark = pytest.mark.browser


def test_upload_button_sends_the_chosen_file_to_the_function(serve: Any, page: Any, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("hello from the browser")

    def read(path: str) -> str:
        return Path(path).read_text()

    with gr.Blocks() as demo:
        upload = gr.UploadButton("Pick a file", file_types=[".txt"])
        out = gr.Textbox(label="Content")
        upload.upload(read, upload, out)
    page.goto(serve(demo))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Pick a file").click()
    chooser.value.set_files(str(source))
    expect(page.get_by_label("Content")).to_have_value("hello from the browser")


def test_download_button_offers_the_file_from_its_value(
    serve: Any, page: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.csv").write_text("a,b\n1,2\n")

    def make() -> str:
        return str(tmp_path / "report.csv")

    with gr.Blocks() as demo:
        download = gr.DownloadButton("Get report")
        gr.Button("Prepare").click(make, None, download)
    page.goto(serve(demo))
    page.get_by_role("button", name="Prepare").click()
    link = page.get_by_role("link", name="Get report")
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    assert Path(download_info.value.path()).read_text() == "a,b\n1,2\n"
