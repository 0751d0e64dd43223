"""ImageEditor through the official gradio_client and the real server: an EditorValue goes in as three kinds of
FileData (background, layers, composite), the function gets numpy arrays, and an ImageEditor output comes back as
Gradio 6.31 sends it. The answers were checked against a Gradio 6.31 server running the same app (same shapes,
same pixels, same file names: "image.webp" for saved arrays, and the same empty value)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw

import trellis as gr


def build() -> gr.Blocks:
    def split(value: dict[str, Any]) -> tuple[Any, Any, dict[str, Any]]:
        layer = value["layers"][0] if value["layers"] else None
        mask = (np.asarray(layer)[..., 3] > 0).astype(np.uint8) * 255 if layer is not None else None
        shapes = {
            "bg": list(np.asarray(value["background"]).shape),
            "layers": [list(np.asarray(x).shape) for x in value["layers"]],
            "comp": list(np.asarray(value["composite"]).shape),
        }
        return value["composite"], mask, shapes

    with gr.Blocks() as demo:
        editor = gr.ImageEditor()
        composite = gr.Image()
        mask = gr.Image(format="png")
        shapes = gr.JSON()
        echoed = gr.ImageEditor()
        gr.Button("go").click(split, editor, [composite, mask, shapes], api_name="predict")
        gr.Button("echo").click(lambda v: v, editor, echoed, api_name="echo")
        gr.Button("paint").click(lambda v: v, gr.Paint(type="pil"), gr.Sketchpad(), api_name="paint")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


@pytest.fixture()
def images(tmp_path: Path) -> dict[str, str]:
    bg = Image.new("RGB", (400, 300), (30, 120, 200))
    ImageDraw.Draw(bg).rectangle([100, 80, 300, 220], fill=(250, 200, 40))
    layer = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    ImageDraw.Draw(layer).ellipse([50, 50, 150, 150], fill=(255, 0, 0, 255))
    comp = bg.convert("RGBA")
    comp.alpha_composite(layer)
    paths = {}
    for name, image in (("bg", bg), ("layer", layer), ("comp", comp)):
        paths[name] = str(tmp_path / f"{name}.png")
        image.save(paths[name])
    return paths


def value_of(images: dict[str, str]) -> dict[str, Any]:
    from gradio_client import handle_file

    return {
        "background": handle_file(images["bg"]),
        "layers": [handle_file(images["layer"])],
        "composite": handle_file(images["comp"]),
    }


def test_editor_value_reaches_the_function_and_outputs_come_back(
    url: str, make_client: Any, images: dict[str, str]
) -> None:
    client = make_client(url)
    composite, mask, shapes = client.predict(value_of(images), api_name="/predict")
    # The same answers as Gradio 6.31's for this app.
    assert shapes == {"bg": [300, 400, 4], "layers": [[300, 400, 4]], "comp": [300, 400, 4]}
    comp = np.asarray(Image.open(composite))
    assert comp.shape == (300, 400, 3) and Path(composite).name == "image.webp"
    assert comp[100, 100].tolist()[0] > 200  # inside the red circle
    m = np.asarray(Image.open(mask))
    assert m[100, 100].max() == 255 and m[10, 10].max() == 0


def test_editor_output_round_trips(url: str, make_client: Any, images: dict[str, str]) -> None:
    client = make_client(url)
    out = client.predict(value_of(images), api_name="/echo")
    assert sorted(out) == ["background", "composite", "id", "layers"]
    assert out["id"] is None and len(out["layers"]) == 1
    assert np.asarray(Image.open(out["background"])).shape == (300, 400, 3)
    assert client.predict({"background": None, "layers": [], "composite": None}, api_name="/echo") == {
        "background": None,
        "layers": [],
        "composite": None,
        "id": None,
    }


def test_templates_round_trip(url: str, make_client: Any, images: dict[str, str]) -> None:
    client = make_client(url)
    out = client.predict(value_of(images), api_name="/paint")
    assert Image.open(out["composite"]).size == (400, 300)


def test_api_info_is_gradios(url: str, make_client: Any) -> None:
    client = make_client(url)
    info = client.view_api(return_format="dict", print_info=False)
    param = info["named_endpoints"]["/predict"]["parameters"][0]
    assert param["component"] == "Imageeditor"
    assert param["python_type"]["type"] == (
        "dict(background: filepath | None, layers: list[filepath], composite: filepath | None, id: str | None)"
    )


def test_bad_payload_gets_a_clear_error(url: str) -> None:
    import httpx

    # The run route rejects it as it rejects any input that preprocess refuses (the function never runs).
    response = httpx.post(
        f"{url.rstrip('/')}/gradio_api/run/predict", json={"data": ["not an editor value"]}, timeout=30
    )
    assert response.status_code >= 400
    assert "ImageEditor expects an object" in response.text or "error" in response.json()
