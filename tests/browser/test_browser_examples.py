"""Examples in the browser: each sample is previewed as its component shows it (image thumbnails, a
video that plays while hovered, colour swatches, rendered Markdown, file names...), one input as a
gallery of tiles and several as a table, and a click loads the sample into the inputs."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

from .conftest import natural_width, write_png

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

#: Records a short WebM (VP8) from a canvas in the page: Chromium plays it, and no ffmpeg is needed.
RECORD_WEBM = """async () => {
    const canvas = Object.assign(document.createElement("canvas"), { width: 64, height: 48 });
    const g = canvas.getContext("2d");
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: "video/webm;codecs=vp8" });
    const chunks = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    for (let i = 0; i < 20; i++) {
        g.fillStyle = `rgb(${i * 12}, 80, 200)`;
        g.fillRect(0, 0, 64, 48);
        await new Promise((r) => setTimeout(r, 40));
    }
    recorder.stop();
    await done;
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let text = "";
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
}"""


def record_webm(page: Page, path: Path) -> Path:
    page.goto("about:blank")
    path.write_bytes(base64.b64decode(page.evaluate(RECORD_WEBM)))
    return path


def examples(page: Page, label: str):  # noqa: ANN201 - a Playwright Locator
    return page.get_by_test_id("dataset").filter(has_text=label)


def test_image_examples_show_thumbnails_and_load_into_the_inputs(page: Page, serve: Serve, tmp_path: Path) -> None:
    red = write_png(tmp_path / "red.png", (40, 30), (255, 0, 0))
    blue = write_png(tmp_path / "blue.png", (30, 30), (0, 0, 255))
    with gr.Blocks() as demo:
        image = gr.Image(label="Picture", type="filepath")
        name = gr.Textbox(label="Name", interactive=True)
        gr.Examples([[str(red)], [str(blue)]], [image], label="One input")
        gr.Examples([[str(red), "red"], [str(blue), "blue"]], [image, name], label="Two inputs")
    page.goto(serve(demo))

    gallery = examples(page, "One input")
    expect(gallery.get_by_test_id("dataset-gallery")).to_be_visible()
    thumbs = gallery.get_by_test_id("sample-image").locator("img")
    expect(thumbs).to_have_count(2)
    assert natural_width(thumbs.first) == 40
    assert natural_width(thumbs.nth(1)) == 30

    table = examples(page, "Two inputs")
    rows = table.get_by_test_id("dataset-sample")
    expect(rows).to_have_count(2)
    expect(table.locator("th")).to_have_text(["Picture", "Name"])
    assert natural_width(rows.nth(1).get_by_test_id("sample-image").locator("img")) == 30
    expect(rows.nth(1)).to_contain_text("blue")

    rows.nth(1).click()
    expect(page.get_by_label("Name")).to_have_value("blue")
    shown = page.get_by_test_id("image").filter(has_text="Picture").locator("img").first
    expect(shown).to_be_visible()
    assert natural_width(shown) == 30
    # As in Gradio, the picked row says so to assistive technology only, and keeps it while the inputs change.
    expect(rows.nth(1)).to_have_attribute("aria-selected", "true")
    expect(rows.nth(0)).to_have_attribute("aria-selected", "false")
    page.get_by_label("Name").fill("edited")
    expect(rows.nth(1)).to_have_attribute("aria-selected", "true")


def test_video_example_shows_its_first_frame_and_plays_while_hovered(page: Page, serve: Serve, tmp_path: Path) -> None:
    clip = record_webm(page, tmp_path / "clip.webm")
    with gr.Blocks() as demo:
        video = gr.Video(label="Clip")
        gr.Examples([[str(clip)]], [video], label="Clips")
    page.goto(serve(demo))
    preview = examples(page, "Clips").get_by_test_id("sample-video").locator("video")
    expect(preview).to_have_count(1)
    page.wait_for_function("v => v.readyState >= 2 && v.videoWidth === 64", arg=preview.element_handle())
    assert preview.evaluate("v => v.muted && v.paused")
    preview.hover()
    page.wait_for_function("v => !v.paused", arg=preview.element_handle())
    page.mouse.move(0, 0)
    page.wait_for_function("v => v.paused", arg=preview.element_handle())


def test_each_kind_of_sample_is_previewed_as_its_component_shows_it(page: Page, serve: Serve, tmp_path: Path) -> None:
    red = write_png(tmp_path / "red.png", (20, 20), (255, 0, 0))
    green = write_png(tmp_path / "green.png", (20, 20), (0, 255, 0))
    sound = tmp_path / "song.wav"
    sound.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt ")  # only its name is shown
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with gr.Blocks() as demo:
        inputs = [
            gr.Checkbox(label="Check"),
            gr.ColorPicker(label="Colour"),
            gr.Markdown(label="Md"),
            gr.HTML(label="Html"),
            gr.Audio(label="Sound", type="filepath"),
            gr.File(label="Doc"),
            gr.Gallery(label="Pictures"),
            gr.JSON(label="Data"),
            gr.Code(label="Source"),
            gr.Dropdown(["a", "b"], multiselect=True, label="Pick"),
        ]
        sample = [
            True,
            "#ff0000",
            "**bold** move",
            "<b>hi</b><script>window.ran = 1</script>",
            str(sound),
            str(notes),
            [str(red), str(green)],
            {"a": 1},
            "def f():\n    return 1",
            ["a", "b"],
        ]
        gr.Examples([sample], inputs, label="Every kind")
    page.goto(serve(demo))
    row = examples(page, "Every kind").get_by_test_id("dataset-sample")
    cells = row.locator("td")
    expect(cells).to_have_count(len(sample))
    expect(cells.nth(0)).to_have_text("true")
    expect(cells.nth(1).get_by_test_id("sample-color")).to_have_css("background-color", "rgb(255, 0, 0)")
    expect(cells.nth(2).locator("strong")).to_have_text("bold")
    expect(cells.nth(3).locator("b")).to_have_text("hi")
    assert page.evaluate("() => window.ran") is None
    expect(cells.nth(4)).to_have_text("song.wav")
    expect(cells.nth(5)).to_have_text("notes.txt")
    pictures = cells.nth(6).get_by_test_id("sample-gallery").locator("img")
    expect(pictures).to_have_count(2)
    assert natural_width(pictures.nth(1)) == 20
    expect(cells.nth(7)).to_contain_text('"a": 1')
    assert cells.nth(8).locator("pre").inner_text() == "def f():\n    return 1"
    expect(cells.nth(9)).to_have_text("a, b")


def test_a_clicked_example_loads_every_input_and_puts_their_props_back(page: Page, serve: Serve) -> None:
    """As on Gradio 6.31: the click sends the sample's index (no event data); each input gets its value and the
    props it was created with (a label an event changed comes back); a column visible_columns hides still loads."""
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text in")
        num = gr.Number(label="Num")
        whole = gr.Number(label="P0", precision=0)
        gr.Button("Relabel").click(lambda: gr.Textbox(label="Changed"), None, text)
        gr.Examples([["a", 1, 2], ["b", 5, 6]], [text, num, whole], visible_columns=[0, 2], label="Mine")
    page.goto(serve(demo))
    table = examples(page, "Mine")
    expect(table.get_by_role("columnheader")).to_have_text(["Text in", "P0"])
    page.get_by_role("button", name="Relabel").click()
    expect(page.get_by_label("Changed", exact=True)).to_be_visible()
    with page.expect_request(lambda r: "/gradio_api/run/" in r.url and r.method == "POST") as sent:
        table.get_by_role("row").filter(has_text="b").click()
    body = sent.value.post_data_json
    assert (body["data"], body["event_data"]) == ([1], None)
    expect(page.get_by_label("Text in", exact=True)).to_have_value("b")
    expect(page.get_by_label("Changed", exact=True)).to_have_count(0)
    expect(page.get_by_label("Num", exact=True)).to_have_value("5")
    expect(page.get_by_label("P0", exact=True)).to_have_value("6")


def test_examples_labels_and_layouts_as_gradio_draws_them(page: Page, serve: Serve) -> None:
    """An unlabelled examples table reads "Examples" (gr.Examples' label is None, as in Gradio); several components
    always make a table; a tile whose value is empty is not drawn; show_label=False hides the label."""
    with gr.Blocks() as demo:
        text, num = gr.Textbox(label="T"), gr.Number(label="N")
        gr.Examples([["x", 1]], [text, num])
        gr.Dataset(components=["text", "number"], samples=[["two", 2]], layout="gallery", label="Two")
        gr.Dataset(components=["text"], samples=[[None], ["shown"]], label="Tiles")
        gr.Dataset(components=["text"], samples=[["quiet"]], show_label=False)
    page.goto(serve(demo))
    expect(page.get_by_test_id("dataset").first).to_contain_text("Examples")
    expect(examples(page, "Two").get_by_role("grid")).to_be_visible()
    expect(examples(page, "Two").get_by_role("gridcell")).to_have_text(["two", "2"])
    expect(examples(page, "Tiles").get_by_test_id("dataset-sample")).to_have_text(["shown"])
    quiet = examples(page, "quiet")
    expect(quiet.get_by_test_id("dataset-sample")).to_have_count(1)
    expect(quiet).not_to_contain_text("Examples")
