"""Apps that answer with ``gr.media`` sample files: the official gradio_client downloads them.

The app runs from another working directory and names no ``allowed_paths``, as Gradio's demos
do (``blocks_joined`` returns ``get_image("cheetah1.jpg")``): Trellis's own sample folder may
always be served.
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import trellis as gr
from trellis import media


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        gr.Button().click(lambda x: gr.media.get_video("world.mp4"), text, gr.Video(), api_name="video")
        gr.Button().click(lambda x: gr.media.get_image(), text, gr.Image(type="filepath"), api_name="image")
        gr.Button().click(lambda x: gr.get_audio("cantina.wav"), text, gr.Audio(type="filepath"), api_name="audio")
        gr.Button().click(
            lambda x: [gr.get_image("lion.jpg"), gr.get_image("tower.jpg")], text, gr.Gallery(), api_name="gallery"
        )
        gr.Button().click(lambda x: gr.get_model3d("Duck.glb"), text, gr.Model3D(), api_name="model")
        gr.Button().click(lambda x: gr.get_file("titanic.csv"), text, gr.File(), api_name="file")
    return serve_blocks(demo, show_error=True)


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run outside the project, so the sample folder is not under the working directory."""
    monkeypatch.chdir(tmp_path)


def test_a_video_from_gr_media_reaches_the_client(url: str, make_client: Any) -> None:
    downloaded = make_client(url).predict("x", api_name="/video")
    assert Path(downloaded).name == "world.mp4"
    assert Path(downloaded).read_bytes() == Path(media.get_video("world.mp4")).read_bytes()


def test_a_random_image_from_gr_media_reaches_the_client(url: str, make_client: Any) -> None:
    client = make_client(url)
    for _ in range(3):
        downloaded = client.predict("x", api_name="/image")
        assert Path(downloaded).name in {p.name for p in (media.MEDIA_ROOT / "images").iterdir()}
        with Image.open(downloaded) as image:
            image.load()


def test_audio_gallery_model_and_file_from_gr_media_reach_the_client(url: str, make_client: Any) -> None:
    client = make_client(url)
    with wave.open(client.predict("x", api_name="/audio")) as f:
        assert f.getframerate() == 22050
    gallery = client.predict("x", api_name="/gallery")
    assert [Path(item["image"]).name for item in gallery] == ["lion.jpg", "tower.jpg"]
    assert Path(client.predict("x", api_name="/model")).read_bytes()[:4] == b"glTF"
    assert Path(client.predict("x", api_name="/file")).read_text(encoding="utf-8").startswith("PassengerId,")
