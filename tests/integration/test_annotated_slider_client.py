"""AnnotatedImage and ImageSlider over a real server with the official gradio_client: payloads, downloads, select."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from conftest import TIMEOUT, fn_index, http_client, join, read_stream
from gradio_client import handle_file
from gradio_client.exceptions import AppError
from PIL import Image as PILImage

import trellis as gr

SEEN: list[Any] = []


def segment(width: float) -> tuple[np.ndarray, list[tuple[Any, str]]]:
    w = int(width)
    image = np.zeros((40, w, 3), dtype=np.uint8)
    image[..., 2] = 180
    mask = np.zeros((40, w))
    mask[10:20, 5:15] = 0.6
    return image, [(mask, "cat"), ((2, 3, 20, 25), "dog")]


def bad_mask(width: float) -> tuple[np.ndarray, list[tuple[Any, str]]]:
    return np.zeros((40, int(width), 3), dtype=np.uint8), [(np.ones((3, 3)), "tiny")]


def swap(pair: tuple[Any, Any]) -> tuple[Any, Any]:
    SEEN.append(tuple(None if x is None else x.shape for x in pair))
    left, right = pair
    return (None if right is None else 255 - right), left


def sizes(pair: tuple[str | None, str | None]) -> str:
    out = []
    for path in pair:
        if path is None:
            out.append("none")
            continue
        with PILImage.open(path) as im:
            out.append(f"{im.size[0]}x{im.size[1]}:{im.mode}")
    return ",".join(out)


def picked(evt: gr.SelectData) -> str:
    return f"{evt.index}:{evt.value}"


def build() -> tuple[gr.Blocks, gr.AnnotatedImage]:
    with gr.Blocks() as demo:
        width = gr.Number(value=60, label="Width")
        annotated = gr.AnnotatedImage(color_map={"dog": "#00ff00"}, label="Segments")
        gr.Button("Segment").click(segment, width, annotated, api_name="segment")
        gr.Button("Bad").click(bad_mask, width, annotated, api_name="bad_mask")
        text = gr.Textbox(label="Picked")
        annotated.select(picked, None, text, api_name="picked")
        before = gr.ImageSlider(label="Before", type="numpy")
        after = gr.ImageSlider(label="After", format="png")
        gr.Button("Swap").click(swap, before, after, api_name="swap")
        paths = gr.ImageSlider(label="Paths", type="filepath", image_mode="L")
        gr.Button("Sizes").click(sizes, paths, text, api_name="sizes")
    return demo, annotated


@pytest.fixture(scope="module")
def app(serve_blocks: Any) -> tuple[str, int]:
    demo, annotated = build()
    return serve_blocks(demo), annotated._id


@pytest.fixture
def pngs(tmp_path: Path) -> tuple[str, str]:
    red = tmp_path / "red.png"
    PILImage.new("RGBA", (30, 20), (255, 0, 0, 255)).save(red)
    blue = tmp_path / "blue.png"
    PILImage.new("RGB", (16, 24), (0, 0, 255)).save(blue)
    return str(red), str(blue)


def test_api_info_describes_both_components(app: tuple[str, int]) -> None:
    info = httpx.get(app[0] + "gradio_api/info", timeout=TIMEOUT).json()["named_endpoints"]
    [returned] = info["/segment"]["returns"]
    assert returned["component"] == "Annotatedimage"
    assert (
        returned["python_type"]["type"] == "dict(image: filepath, annotations: list[dict(image: filepath, label: str)])"
    )
    [param] = info["/swap"]["parameters"]
    assert param["component"] == "Imageslider"
    assert param["python_type"]["type"] == "tuple[filepath | None, filepath | None] | None"
    assert len(param["example_input"]) == 2


def test_config_carries_the_props(app: tuple[str, int]) -> None:
    config = httpx.get(app[0] + "config", timeout=TIMEOUT).json()
    by_label = {c["props"].get("label"): c for c in config["components"]}
    annotated = by_label["Segments"]
    assert annotated["type"] == "annotatedimage"
    assert annotated["props"]["color_map"] == {"dog": "#00ff00"} and annotated["props"]["show_legend"] is True
    slider = by_label["Before"]
    assert slider["type"] == "imageslider"
    assert slider["props"]["slider_position"] == 50 and slider["props"]["max_height"] == 500
    assert slider["api_info"]["title"] == "SliderData"


def test_annotated_image_files_download_and_decode(app: tuple[str, int], make_client: Any) -> None:
    result = make_client(app[0]).predict(48, api_name="/segment")
    assert [a["label"] for a in result["annotations"]] == ["cat", "dog"]
    with PILImage.open(result["image"]) as im:
        assert im.size == (48, 40) and im.format == "WEBP"
    cat, dog = (np.array(PILImage.open(a["image"])) for a in result["annotations"])
    assert cat.shape == dog.shape == (40, 48, 4)
    assert cat[15, 10].tolist() == [255, 0, 0, 153] and cat[0, 0, 3] == 0  # unmapped label: red
    assert dog[3, 10].tolist() == [0, 255, 0, 255] and dog[12, 10].tolist() == [0, 255, 0, 127]


def test_annotated_image_raw_payload_has_file_urls(app: tuple[str, int]) -> None:
    url = app[0]
    session = uuid.uuid4().hex
    with http_client(url) as http:
        assert join(http, fn_index(url, "segment"), [20], session).status_code == 200
        messages = read_stream(http, session)
        [final] = [m for m in messages if m["msg"] == "process_completed"]
        [payload] = final["output"]["data"]
        assert set(payload) == {"image", "annotations"}
        for item in [payload["image"], *(a["image"] for a in payload["annotations"])]:
            assert item["meta"] == {"_type": "gradio.FileData"} and "/gradio_api/file=" in item["url"]
            response = http.get(item["url"])
            assert response.status_code == 200 and response.content
        mask = http.get(payload["annotations"][0]["image"]["url"])
        assert mask.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_mask_is_reported_to_the_client(serve_blocks: Any, make_client: Any) -> None:
    demo, _ = build()
    url = serve_blocks(demo, show_error=True)
    with pytest.raises(AppError, match="'tiny' is 3x3"):
        make_client(url).predict(10, api_name="/bad_mask")


def test_select_on_an_annotation_reaches_the_function(app: tuple[str, int]) -> None:
    url, annotated_id = app
    session = uuid.uuid4().hex
    with http_client(url) as http:
        response = join(
            http,
            fn_index(url, "picked"),
            [],
            session,
            event_data={"index": 1, "value": "dog"},
            trigger_id=annotated_id,
        )
        assert response.status_code == 200, response.text
        messages = read_stream(http, session)
    [final] = [m for m in messages if m["msg"] == "process_completed"]
    assert final["output"]["data"] == ["1:dog"]


def test_image_slider_round_trip(app: tuple[str, int], make_client: Any, pngs: tuple[str, str]) -> None:
    SEEN.clear()
    red, blue = pngs
    left, right = make_client(app[0]).predict((handle_file(red), handle_file(blue)), api_name="/swap")
    assert SEEN == [((20, 30, 3), (24, 16, 3))]  # RGBA upload converted to image_mode RGB
    with PILImage.open(left) as im:
        assert im.format == "PNG" and im.size == (16, 24)
        assert im.convert("RGB").getpixel((0, 0)) == (255, 255, 0)  # inverted blue
    with PILImage.open(right) as im:
        assert im.size == (30, 20) and im.convert("RGB").getpixel((0, 0)) == (255, 0, 0)


def test_image_slider_allows_a_missing_image(app: tuple[str, int], make_client: Any, pngs: tuple[str, str]) -> None:
    SEEN.clear()
    result = make_client(app[0]).predict((handle_file(pngs[0]), None), api_name="/swap")
    assert SEEN == [((20, 30, 3), None)]
    assert result[0] is None
    with PILImage.open(result[1]) as im:
        assert im.size == (30, 20)


def test_image_slider_filepath_input_with_image_mode(
    app: tuple[str, int], make_client: Any, pngs: tuple[str, str]
) -> None:
    client = make_client(app[0])
    assert client.predict((handle_file(pngs[0]), handle_file(pngs[1])), api_name="/sizes") == "30x20:L,16x24:L"
    assert client.predict((None, handle_file(pngs[1])), api_name="/sizes") == "none,16x24:L"


def test_image_slider_refuses_a_non_image(app: tuple[str, int], make_client: Any, tmp_path: Path) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    with pytest.raises(AppError, match="as an image"):
        make_client(app[0]).predict((handle_file(str(text)), handle_file(str(text))), api_name="/swap")
