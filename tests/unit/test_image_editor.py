"""ImageEditor, its templates (Sketchpad, Paint, ImageMask) and its option classes (Brush, Eraser, LayerOptions):
constructor surface, config props, pre/postprocess for every ``type`` and API info, checked against what Gradio 6.31
gives for the same app (its /config props and /gradio_api/info, recorded from a Gradio 6.31 server)."""

from __future__ import annotations

import inspect
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

import trellis as gr
from trellis.components import SHORTCUTS, component
from trellis.exceptions import ValidationError

# Recorded from Gradio 6.31's /config for gr.ImageEditor(label="Editor", elem_id="ed") (without "label"/"elem_id"
# and "server_fns", which Trellis does not send: it has no accept_blobs route, its browser uploads the files).
GRADIO_EDITOR_PROPS: dict[str, Any] = {
    "image_mode": "RGBA",
    "sources": ["upload", "webcam", "clipboard"],
    "type": "numpy",
    "show_label": True,
    "container": True,
    "min_width": 160,
    "visible": True,
    "elem_classes": [],
    "preserved_by_key": ["value"],
    "_selectable": False,
    "transforms": ["crop", "resize"],
    "eraser": {"default_size": "auto"},
    "brush": {
        "default_size": "auto",
        "colors": [
            "rgb(204, 50, 50)",
            "rgb(173, 204, 50)",
            "rgb(50, 204, 112)",
            "rgb(50, 112, 204)",
            "rgb(173, 50, 204)",
        ],
        "default_color": "rgb(204, 50, 50)",
        "color_mode": "defaults",
    },
    "format": "webp",
    "layers": {"allow_additional_layers": True, "layers": ["Layer 1"], "disabled": False},
    "canvas_size": [800, 800],
    "fixed_canvas": False,
    "webcam_options": {"mirror": True, "constraints": None},
    "name": "imageeditor",
}
BLACK_FIXED_BRUSH = {"default_size": "auto", "colors": ["#000000"], "default_color": "#000000", "color_mode": "fixed"}

# The "type" of an ImageEditor parameter in Gradio 6.31's /gradio_api/info, without the FileData description.
FILE_DEF_REF = {"anyOf": [{"$ref": "#/$defs/FileData"}, {"type": "null"}], "default": None}
GRADIO_EDITOR_PROPERTIES = {
    "background": FILE_DEF_REF,
    "layers": {"default": [], "items": {"$ref": "#/$defs/FileData"}, "title": "Layers", "type": "array"},
    "composite": FILE_DEF_REF,
    "id": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Id"},
}
BUS = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"


def props_of(block: gr.components.Component) -> dict[str, Any]:
    return {k: v for k, v in block.get_props().items() if k not in ("label", "elem_id")}


def test_props_are_gradios() -> None:
    with gr.Blocks():
        editor = gr.ImageEditor()
    assert props_of(editor) == GRADIO_EDITOR_PROPS


def test_templates_props_are_gradios() -> None:
    with gr.Blocks():
        sketch, paint, mask = gr.Sketchpad(), gr.Paint(), gr.ImageMask()
    for template in (sketch, paint, mask):
        assert template.block_type == "imageeditor"
        assert type(template).is_template
    assert props_of(sketch) == {
        **GRADIO_EDITOR_PROPS,
        "sources": [],
        "transforms": ["crop"],
        "brush": BLACK_FIXED_BRUSH,
    }
    assert props_of(paint) == {**GRADIO_EDITOR_PROPS, "sources": [], "transforms": ["crop"]}
    assert props_of(mask) == {
        **GRADIO_EDITOR_PROPS,
        "transforms": ["crop"],
        "brush": BLACK_FIXED_BRUSH,
        "layers": {"allow_additional_layers": True, "layers": ["Layer 1"], "disabled": True},
    }
    # As in Gradio, a falsy brush on Sketchpad/ImageMask still gives their black brush.
    assert gr.Sketchpad(brush=False, render=False).brush == BLACK_FIXED_BRUSH
    assert gr.Paint(brush=False, render=False).brush is False


def test_signatures_match_gradios_order_and_defaults() -> None:
    params = inspect.signature(gr.ImageEditor).parameters
    assert list(params)[:8] == ["value", "height", "width", "image_mode", "sources", "type", "label", "every"]
    assert params["sources"].default == ("upload", "webcam", "clipboard")
    assert params["transforms"].default == ("crop", "resize")
    assert params["canvas_size"].default == (800, 800)
    assert params["layers"].default is True
    assert params["_selectable"].default is False
    assert list(inspect.signature(gr.Sketchpad).parameters)[-1] == "layers"
    assert list(inspect.signature(gr.Paint).parameters)[-1] == "placeholder"
    assert inspect.signature(gr.ImageMask).parameters["layers"].default is False
    assert inspect.signature(gr.Sketchpad).parameters["sources"].default == ()


def test_events_are_gradios() -> None:
    for cls in (gr.ImageEditor, gr.Sketchpad, gr.Paint, gr.ImageMask):
        assert set(cls.EVENTS) == {"apply", "change", "clear", "input", "select", "upload"}


def test_option_classes() -> None:
    assert gr.Brush().colors == GRADIO_EDITOR_PROPS["brush"]["colors"]
    assert gr.Brush(colors=["#fff", ("#000", 0.5)]).default_color == "#fff"
    assert gr.Brush(colors="#123456").default_color == "#123456"
    assert gr.Eraser().default_size == "auto"
    assert gr.LayerOptions().layers == ["Layer 1"]
    assert gr.LayerOptions(layers=[]).layers == ["Layer 1"]
    editor = gr.ImageEditor(
        brush=gr.Brush(default_size=10, colors=["#ff0000"], color_mode="fixed"),
        eraser=gr.Eraser(default_size=5),
        layers=gr.LayerOptions(allow_additional_layers=False, layers=["Mask", "Notes"]),
        webcam_options=gr.WebcamOptions(mirror=False),
        render=False,
    )
    props = editor.get_props()
    assert props["brush"] == {
        "default_size": 10,
        "colors": ["#ff0000"],
        "default_color": "#ff0000",
        "color_mode": "fixed",
    }
    assert props["eraser"] == {"default_size": 5}
    assert props["layers"] == {"allow_additional_layers": False, "layers": ["Mask", "Notes"], "disabled": False}
    assert props["webcam_options"] == {"mirror": False, "constraints": None}
    off = gr.ImageEditor(brush=False, eraser=False, layers=False, render=False).get_props()
    assert off["brush"] is False and off["eraser"] is False and off["layers"]["disabled"] is True


def test_bad_constructor_arguments() -> None:
    with pytest.raises(ValueError, match="sources"):
        gr.ImageEditor(sources=["microphone"], render=False)  # type: ignore[list-item]
    with pytest.raises(ValueError, match="type"):
        gr.ImageEditor(type="bytes", render=False)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="transforms"):
        gr.ImageEditor(transforms=["rotate"], render=False)  # type: ignore[list-item]
    with pytest.raises(ValueError, match="canvas_size"):
        gr.ImageEditor(canvas_size=(0, 10), render=False)
    with pytest.raises(TypeError, match="brush"):
        gr.ImageEditor(brush="red", render=False)
    assert gr.ImageEditor(sources=None, render=False).sources == []
    assert gr.ImageEditor(sources="webcam", render=False).sources == ["webcam"]


def test_shortcuts() -> None:
    for name, cls in (("imageeditor", gr.ImageEditor), ("sketchpad", gr.Sketchpad), ("paint", gr.Paint)):
        assert SHORTCUTS[name] is cls
        assert type(component(name, render=False)) is cls
    assert SHORTCUTS["imagemask"] is gr.ImageMask


def test_api_info_is_gradios() -> None:
    editor = gr.ImageEditor(render=False)
    info = editor.api_info()
    assert info["title"] == "EditorData" and info["type"] == "object"
    assert info["properties"] == GRADIO_EDITOR_PROPERTIES
    assert set(info["$defs"]) == {"FileData", "FileDataMeta"}
    assert info["$defs"]["FileData"]["required"] == ["path"]
    assert info["additional_description"] is None
    example = editor.example_payload()
    assert example["layers"] == [] and example["composite"] is None
    assert example["background"] == {
        "path": BUS,
        "meta": {"_type": "gradio.FileData"},
        "orig_name": "bus.png",
        "url": BUS,
    }
    assert editor.example_value() == {"background": BUS, "layers": [], "composite": None}


# -- pre/postprocess ------------------------------------------------------------------------------------


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "cache"))
    bg = Image.new("RGBA", (40, 30), (0, 0, 255, 255))
    bg.putpixel((0, 0), (0, 0, 0, 0))  # one transparent pixel
    layer = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    for x in range(10, 20):
        layer.putpixel((x, 5), (255, 0, 0, 255))
    comp = bg.copy()
    comp.alpha_composite(layer)
    out: dict[str, dict[str, Any]] = {}
    for name, image in (("background", bg), ("layer_0", layer), ("composite", comp)):
        path = tmp_path / f"{name}.png"
        image.save(path)
        out[name] = {"path": str(path), "orig_name": f"{name}.png", "meta": {"_type": "gradio.FileData"}}
    return out


def payload(files: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "background": files["background"],
        "layers": [files["layer_0"]],
        "composite": files["composite"],
        "id": None,
    }


def test_preprocess_numpy(files: dict[str, dict[str, Any]]) -> None:
    value = gr.ImageEditor(render=False).preprocess(payload(files))
    assert value is not None and set(value) == {"background", "layers", "composite"}
    assert value["background"].shape == (30, 40, 4)
    assert value["composite"][5, 15].tolist() == [255, 0, 0, 255]
    assert value["layers"][0][5, 15].tolist() == [255, 0, 0, 255]
    assert value["layers"][0][0, 0].tolist()[3] == 0


def test_preprocess_rgb_flattens_background_and_composite_on_white(files: dict[str, dict[str, Any]]) -> None:
    value = gr.ImageEditor(image_mode="RGB", render=False).preprocess(payload(files))
    assert value is not None
    assert value["background"][0, 0].tolist() == [255, 255, 255]  # transparent → white
    assert value["composite"][0, 0].tolist() == [255, 255, 255]
    assert value["layers"][0][0, 0].tolist() == [0, 0, 0]  # layers only lose their alpha
    grey = gr.ImageEditor(image_mode="L", render=False).preprocess(payload(files))
    assert grey is not None and grey["background"].shape == (30, 40)


def test_preprocess_pil_and_filepath(files: dict[str, dict[str, Any]]) -> None:
    value = gr.ImageEditor(type="pil", render=False).preprocess(payload(files))
    assert value is not None
    assert isinstance(value["background"], Image.Image) and value["background"].mode == "RGBA"
    value = gr.ImageEditor(type="filepath", render=False).preprocess(payload(files))
    assert value is not None
    for path in (value["background"], value["composite"], *value["layers"]):
        assert isinstance(path, str) and os.path.isfile(path) and path.endswith(".png")
    assert Path(value["composite"]).name == "composite.png"


def test_preprocess_missing_parts_and_bad_payloads(files: dict[str, dict[str, Any]]) -> None:
    editor = gr.ImageEditor(render=False)
    assert editor.preprocess(None) is None
    assert editor.preprocess({"background": None, "layers": [], "composite": None}) == {
        "background": None,
        "layers": [],
        "composite": None,
    }
    with pytest.raises(ValidationError):
        editor.preprocess("not a dict")
    with pytest.raises(ValidationError):
        editor.preprocess({"background": {"nopath": 1}, "layers": [], "composite": None})
    with pytest.raises(ValidationError):
        editor.preprocess({"background": None, "layers": "x", "composite": None})


def test_postprocess_dict_and_single_image(files: dict[str, dict[str, Any]]) -> None:
    editor = gr.ImageEditor(render=False)
    assert editor.postprocess(None) is None
    array = np.zeros((10, 12, 3), dtype=np.uint8)
    out = editor.postprocess({"background": array, "layers": [Image.new("RGBA", (12, 10))], "composite": None})
    assert out is not None and out["composite"] is None and out["id"] is None
    assert out["background"]["path"].endswith(".webp") and len(out["layers"]) == 1
    single = editor.postprocess(files["background"]["path"])
    assert single is not None
    assert single["background"]["path"] == files["background"]["path"] == single["composite"]["path"]
    assert single["layers"] == []
    url = editor.postprocess(BUS)
    assert url is not None and url["background"]["url"] == BUS
    png = gr.ImageEditor(format="png", render=False).postprocess(array)
    assert png is not None and png["composite"]["path"].endswith(".png")
    with pytest.raises(ValueError, match="dictionary of images or a single image"):
        editor.postprocess(42)


def test_initial_value_goes_through_postprocess(files: dict[str, dict[str, Any]]) -> None:
    editor = gr.ImageEditor(files["background"]["path"], render=False)
    assert editor.get_props()["value"]["background"]["path"] == files["background"]["path"]
