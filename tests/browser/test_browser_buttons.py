"""UploadButton and DownloadButton in the browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import trellis as gr

from .conftest import natural_width, write_png

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


def test_buttons_show_an_icon_given_as_a_local_file_or_a_url(serve: Any, page: Any, tmp_path: Path) -> None:
    """A local icon file reaches the browser as FileData and is drawn from its URL; a URL is used as it is."""

    icon = write_png(tmp_path / "star.png", (8, 8), (200, 30, 30))
    with gr.Blocks() as demo:
        gr.Button("Local", icon=str(icon))
        gr.DownloadButton("Fetch", icon=str(icon))
    page.goto(serve(demo))
    for name in ("Local", "Fetch"):
        image = page.get_by_role("button", name=name).locator("img")
        expect(image).to_have_attribute("src", re.compile(r"/gradio_api/file="))
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert natural_width(image) == 8


def test_a_buttons_icon_is_22px_and_its_text_follows_at_gradios_distance(serve: Any, page: Any, tmp_path: Path) -> None:
    """Measured on Gradio 6.31's page: a 22px icon at every size, 6px before a Button's text (10px before a
    DownloadButton's or UploadButton's), none after an icon alone; a small Button with an icon is 30px high."""
    icon = write_png(tmp_path / "dot.png", (64, 64), (200, 0, 0))
    with gr.Blocks() as demo, gr.Row():
        gr.Button("Small", icon=str(icon), size="sm", elem_id="b_sm")
        gr.Button("Large", icon=str(icon), elem_id="b_lg")
        gr.Button("", icon=str(icon), elem_id="b_only")
        gr.DownloadButton("Get", icon=str(icon), elem_id="b_dl")
        gr.UploadButton("Up", icon=str(icon), elem_id="b_up")
    page.goto(serve(demo))
    for image in page.locator("button img, a img").all():
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    measured = page.evaluate(
        """() => Object.fromEntries(["b_sm", "b_lg", "b_only", "b_dl", "b_up"].map((id) => {
            let el = document.getElementById(id);
            if (el.tagName !== "BUTTON" && el.tagName !== "A") el = el.querySelector("button, a");
            const box = el.getBoundingClientRect(), img = el.querySelector("img").getBoundingClientRect();
            const text = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim());
            let gap = null;
            if (text) { const r = document.createRange(); r.selectNode(text); gap = r.getBoundingClientRect().x - img.right; }
            return [id, {icon: [img.width, img.height], gap, height: box.height, middle: img.y + img.height / 2 - box.y - box.height / 2}];
        }))"""
    )
    for name, values in measured.items():
        assert values["icon"] == [22, 22], (name, values)
        assert abs(values["middle"]) <= 0.5, (name, values)  # centred on the button's height
    assert measured["b_sm"]["height"] == 30 and measured["b_lg"]["height"] == 40
    assert round(measured["b_sm"]["gap"]) == round(measured["b_lg"]["gap"]) == 6
    assert round(measured["b_dl"]["gap"]) == round(measured["b_up"]["gap"]) == 10
    assert measured["b_only"]["gap"] is None
