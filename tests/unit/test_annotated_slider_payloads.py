"""AnnotatedImage and ImageSlider: payloads in and out, mask encoding and errors, without a server."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image as PILImage

import trellis as gr
from trellis._filedata import make_filedata
from trellis.components import annotated_image, registry
from trellis.config.schema import json_schema_to_python_type
from trellis.exceptions import ValidationError
from trellis.processing import fetch as fetch_module


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(directory))
    return directory


@pytest.fixture
def base() -> np.ndarray:
    """A 60×40 (width × height) RGB image."""
    arr = np.zeros((40, 60, 3), dtype=np.uint8)
    arr[..., 1] = 200
    return arr


def _rgba(path: str) -> np.ndarray:
    with PILImage.open(path) as im:
        assert im.format == "PNG" and im.mode == "RGBA"
        return np.array(im)


def _png(path: Path, array: np.ndarray) -> str:
    PILImage.fromarray(array).save(path)
    return str(path)


# -- registry, schema, props --------------------------------------------------------------


def test_registered_and_exported() -> None:
    assert registry.get("annotatedimage") is gr.AnnotatedImage
    assert registry.get("imageslider") is gr.ImageSlider
    assert "AnnotatedImage" in gr.__all__ and "ImageSlider" in gr.__all__


def test_python_types_as_clients_show_them() -> None:
    assert (
        json_schema_to_python_type(gr.AnnotatedImage(render=False).api_info())
        == "dict(image: filepath, annotations: list[dict(image: filepath, label: str)])"
    )
    assert (
        json_schema_to_python_type(gr.ImageSlider(render=False).api_info())
        == "tuple[filepath | None, filepath | None] | None"
    )


def test_annotated_image_props_and_events() -> None:
    props = gr.AnnotatedImage(color_map={"cat": "#00ff00"}, height=300, label="Seg", render=False).get_props()
    assert props["format"] == "webp" and props["show_legend"] is True and props["buttons"] == ["fullscreen"]
    assert props["color_map"] == {"cat": "#00ff00"} and props["height"] == 300 and props["label"] == "Seg"
    assert props["name"] == "annotatedimage" and "interactive" not in props and "value" not in props
    assert set(gr.AnnotatedImage.EVENTS) == {"change", "select"}


def test_image_slider_props_and_events() -> None:
    props = gr.ImageSlider(slider_position=30, label="Compare", render=False).get_props()
    assert props["slider_position"] == 30 and props["max_height"] == 500
    assert props["buttons"] == ["download", "fullscreen"] and props["streamable"] is False
    assert props["type"] == "numpy" and props["image_mode"] == "RGB" and props["format"] == "webp"
    assert props["name"] == "imageslider"
    assert set(gr.ImageSlider.EVENTS) == {"clear", "change", "stream", "select", "upload", "input"}


def test_constructor_errors() -> None:
    with pytest.raises(ValueError, match="type must be"):
        gr.ImageSlider(type="bytes", render=False)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="slider_position"):
        gr.ImageSlider(slider_position="left", render=False)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Unknown colour 'not-a-colour'"):
        gr.AnnotatedImage(color_map={"cat": "not-a-colour"}, render=False)
    with pytest.raises(ValueError, match="dict"):
        gr.AnnotatedImage(color_map=["#fff"], render=False)  # type: ignore[arg-type]


# -- AnnotatedImage output ----------------------------------------------------------------


def test_float_mask_takes_its_label_colour_and_strength_as_alpha(base: np.ndarray) -> None:
    mask = np.zeros((40, 60))
    mask[5:15, 10:30] = 0.6
    mask[0, 0] = 1.0
    out = gr.AnnotatedImage(color_map={"cat": "#00ff00"}, render=False).postprocess((base, [(mask, "cat")]))
    assert out is not None
    assert out["image"]["orig_name"] == "image.webp"
    with PILImage.open(out["image"]["path"]) as im:
        assert im.format == "WEBP" and im.size == (60, 40)
    [annotation] = out["annotations"]
    assert annotation["label"] == "cat" and annotation["image"]["mime_type"] == "image/png"
    rgba = _rgba(annotation["image"]["path"])
    assert rgba.shape == (40, 60, 4)
    assert rgba[10, 20].tolist() == [0, 255, 0, 153]  # 0.6 × 255, truncated as Gradio does
    assert rgba[0, 0].tolist() == [0, 255, 0, 255]
    assert rgba[30, 50].tolist() == [0, 0, 0, 0]


def test_bool_mask_unmapped_label_is_opaque_red(base: np.ndarray) -> None:
    mask = np.zeros((40, 60), dtype=bool)
    mask[20:30, 40:50] = True
    out = gr.AnnotatedImage(color_map={"cat": "#00ff00"}, render=False).postprocess((base, [(mask, "bird")]))
    rgba = _rgba(out["annotations"][0]["image"]["path"])  # type: ignore[index]
    assert rgba[25, 45].tolist() == [255, 0, 0, 255]
    assert rgba[10, 10].tolist() == [0, 0, 0, 0]
    assert set(map(tuple, rgba.reshape(-1, 4).tolist())) == {(255, 0, 0, 255), (0, 0, 0, 0)}


@pytest.mark.parametrize(
    ("mask_value", "dtype", "alpha"),
    [(1, np.uint8, 255), (255, np.uint8, 255), (128, np.int64, 128), (2.0, np.float64, 255), (np.nan, np.float32, 0)],
)
def test_integer_and_out_of_range_masks(base: np.ndarray, mask_value: float, dtype: Any, alpha: int) -> None:
    mask = np.zeros((40, 60), dtype=dtype)
    mask[1, 1] = mask_value
    out = gr.AnnotatedImage(render=False).postprocess((base, [(mask, "x")]))
    assert _rgba(out["annotations"][0]["image"]["path"])[1, 1, 3] == alpha  # type: ignore[index]


def test_box_is_a_half_transparent_fill_with_an_opaque_border(base: np.ndarray) -> None:
    out = gr.AnnotatedImage(color_map={"dog": "#0000ff"}, render=False).postprocess((base, [((10, 5, 30, 25), "dog")]))
    rgba = _rgba(out["annotations"][0]["image"]["path"])  # type: ignore[index]
    assert rgba[15, 20].tolist() == [0, 0, 255, 127]  # inside: 0.5 × 255
    for y, x in [(5, 20), (7, 20), (24, 20), (15, 10), (15, 12), (15, 29)]:
        assert rgba[y, x].tolist() == [0, 0, 255, 255], (y, x)
    for y, x in [(4, 20), (25, 20), (15, 9), (15, 30), (0, 0)]:
        assert rgba[y, x].tolist() == [0, 0, 0, 0], (y, x)


def test_boxes_may_be_numpy_arrays_or_numpy_numbers(base: np.ndarray) -> None:
    coords = np.array([10, 5, 30, 25])
    out = gr.AnnotatedImage(render=False).postprocess(
        (base, [((10, 5, 30, 25), "plain"), (coords, "array"), (tuple(coords), "np-ints"), (coords / 1.0, "floats")])
    )
    plain, *others = (_rgba(item["image"]["path"]) for item in out["annotations"])  # type: ignore[index]
    assert plain[15, 20, 3] == 127
    assert all(np.array_equal(plain, other) for other in others)
    with pytest.raises(ValueError, match="size of its base image"):  # a box on a URL needs the image
        gr.AnnotatedImage(render=False).postprocess(("http://10.0.0.1/x.png", [(coords, "array")]))


def test_boxes_are_clipped_and_may_be_given_in_any_corner_order(base: np.ndarray) -> None:
    comp = gr.AnnotatedImage(render=False)
    out = comp.postprocess((base, [((30, 25, 10, 5), "a"), ((10.2, 5, 30, 24.6), "b"), ((50, -10, 100, 100), "c")]))
    a, b, c = (_rgba(item["image"]["path"]) for item in out["annotations"])  # type: ignore[index]
    assert np.array_equal(a, b)
    assert c.shape == (40, 60, 4)
    assert c[0, 55, 3] == 255 and c[39, 55, 3] == 255 and c[20, 55, 3] == 127 and c[20, 49, 3] == 0
    empty = comp.postprocess((base, [((10, 10, 10, 30), "flat")]))
    assert _rgba(empty["annotations"][0]["image"]["path"])[..., 3].max() == 0  # type: ignore[index]


@pytest.mark.parametrize(
    ("color", "rgb"),
    [
        ("#f00", [255, 0, 0]),
        ("#00FF00", [0, 255, 0]),
        ("#0000ff80", [0, 0, 255]),
        ("orange", [255, 165, 0]),
        ("rgb(1, 2, 3)", [1, 2, 3]),
    ],
)
def test_color_map_accepts_css_colours(base: np.ndarray, color: str, rgb: list[int]) -> None:
    out = gr.AnnotatedImage(color_map={"x": color}, render=False).postprocess((base, [((0, 0, 10, 10), "x")]))
    assert _rgba(out["annotations"][0]["image"]["path"])[0, 0].tolist() == [*rgb, 255]  # type: ignore[index]


def test_pil_and_path_base_images(base: np.ndarray, tmp_path: Path) -> None:
    mask = np.ones((40, 60), dtype=bool)
    out = gr.AnnotatedImage(format="png", render=False).postprocess((PILImage.fromarray(base), [(mask, "all")]))
    assert out["image"]["orig_name"] == "image.png"  # type: ignore[index]
    path = _png(tmp_path / "photo.png", base)
    out = gr.AnnotatedImage(render=False).postprocess((path, [((0, 0, 5, 5), "corner")]))
    assert out["image"]["path"] == path and out["image"]["orig_name"] == "photo.png"  # type: ignore[index]
    assert _rgba(out["annotations"][0]["image"]["path"]).shape == (40, 60, 4)  # type: ignore[index]


def test_no_annotations_and_none(base: np.ndarray) -> None:
    comp = gr.AnnotatedImage(render=False)
    assert comp.postprocess(None) is None
    assert comp.postprocess((base, []))["annotations"] == []  # type: ignore[index]
    assert comp.postprocess((base, None))["annotations"] == []  # type: ignore[index]


def test_url_base_with_masks_only_is_sent_as_is(base: np.ndarray) -> None:
    url = "https://example.com/pics/street.jpg"
    out = gr.AnnotatedImage(render=False).postprocess((url, [(np.ones((40, 60)), "road")]))
    assert out["image"]["path"] == url and out["image"]["url"] == url  # type: ignore[index]
    assert _rgba(out["annotations"][0]["image"]["path"]).shape == (40, 60, 4)  # type: ignore[index]


def test_url_base_with_a_box_on_a_private_address_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="size of its base image.*numpy array"):
        gr.AnnotatedImage(render=False).postprocess(("http://127.0.0.1:9/x.png", [((0, 0, 5, 5), "box")]))


@pytest.fixture
def image_server(tmp_path: Path, base: np.ndarray) -> Iterator[str]:
    _png(tmp_path / "remote.png", base)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *args: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/remote.png"
    server.shutdown()
    server.server_close()


def test_url_base_with_a_box_is_fetched_for_its_size(
    image_server: str, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    monkeypatch.setattr(fetch_module, "fetch", functools.partial(fetch_module.fetch, allow_private_hosts=True))
    out = gr.AnnotatedImage(render=False).postprocess((image_server, [((0, 0, 5, 5), "box")]))
    assert cache_dir in Path(out["image"]["path"]).parents  # type: ignore[index]
    with PILImage.open(out["image"]["path"]) as im:  # type: ignore[index]
        assert im.size == (60, 40)
    assert _rgba(out["annotations"][0]["image"]["path"]).shape == (40, 60, 4)  # type: ignore[index]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("just-a-string", "takes \\(image, \\[\\(annotation, label\\)"),
        ((1, 2, 3), "of length 3"),
        ((np.zeros((4, 4, 3)), "not a list"), "list of \\(mask or box, label\\) pairs"),
        ((np.zeros((4, 4, 3)), [np.zeros((4, 4))]), "pair"),
        ((np.zeros((4, 4, 3)), [(np.zeros((4, 5)), "wide")]), "'wide' is 5x4 .* image is 4x4"),
        ((np.zeros((4, 4, 3)), [(np.zeros((4, 4, 3)), "rgb")]), "'rgb' must be a 2-D array"),
        ((np.zeros((4, 4, 3)), [((1, 2, 3), "short")]), "neither a box"),
        ((np.zeros((4, 4, 3)), [(("a", "b", "c", "d"), "text")]), "neither a box"),
        ((np.zeros((4, 4, 3)), [("/no/such/mask.png", "ghost")]), "names no file"),
        ((np.zeros((4, 4, 3)), [((0, 0, 1, 1), None)]), "has no label"),
        (("https://example.com/x.png", [((1, 2), "short")]), "neither a box"),  # no fetch first
        ((42, []), "base image is a numpy array"),
        (("/no/such/base.png", []), "is not a file"),
    ],
)
def test_bad_values_get_clear_errors(value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        gr.AnnotatedImage(render=False).postprocess(value)


def test_unreadable_base_file(tmp_path: Path) -> None:
    (tmp_path / "notes.png").write_text("not an image")
    with pytest.raises(ValueError, match="Cannot read 'notes.png' as an image"):
        gr.AnnotatedImage(render=False).postprocess((str(tmp_path / "notes.png"), [((0, 0, 1, 1), "x")]))


# -- AnnotatedImage input and round trips ---------------------------------------------------


def test_preprocess_gives_paths_and_postprocess_takes_them_back(base: np.ndarray) -> None:
    comp = gr.AnnotatedImage(render=False)
    payload = comp.postprocess((base, [((0, 0, 10, 10), "a"), (np.ones((40, 60)), "b")]))
    value = comp.preprocess(payload)
    assert value is not None
    image_path, annotations = value
    assert image_path == payload["image"]["path"]  # type: ignore[index]
    assert annotations == [(item["image"]["path"], item["label"]) for item in payload["annotations"]]  # type: ignore[index]
    again = comp.postprocess(value)
    assert [a["image"]["path"] for a in again["annotations"]] == [a[0] for a in annotations]  # type: ignore[index]
    # a payload-shaped value is accepted too
    assert comp.postprocess(payload)["image"]["path"] == image_path  # type: ignore[index]


@pytest.mark.parametrize(
    "payload",
    [
        "x",
        {"annotations": []},
        {"image": make_filedata("/tmp/a.png"), "annotations": "x"},
        {"image": make_filedata("/tmp/a.png"), "annotations": [{"image": make_filedata("/tmp/m.png")}]},
    ],
)
def test_preprocess_refuses_bad_payloads(payload: Any) -> None:
    with pytest.raises(ValidationError):
        gr.AnnotatedImage(render=False).preprocess(payload)


def test_initial_value_and_example(base: np.ndarray) -> None:
    comp = gr.AnnotatedImage((base, [((0, 0, 5, 5), "x")]), render=False)
    value = comp.get_props()["value"]
    assert value["image"]["orig_name"] == "image.webp" and value["annotations"][0]["label"] == "x"
    assert comp.example_payload()["annotations"] == []
    assert comp.preprocess(comp.example_payload())[0].startswith("https://")  # type: ignore[index]


def test_colour_helpers() -> None:
    assert annotated_image.parse_color(" #ABC ") == (170, 187, 204)
    with pytest.raises(ValueError, match="string"):
        annotated_image.parse_color(0xFF0000)


# -- ImageSlider --------------------------------------------------------------------------


@pytest.fixture
def pair_files(tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    rgba = np.zeros((10, 20, 4), dtype=np.uint8)
    rgba[..., 0] = 255
    rgba[..., 3] = 255
    left = tmp_path / "left.png"
    PILImage.fromarray(rgba, "RGBA").save(left)
    right = tmp_path / "right.png"
    PILImage.fromarray(np.full((12, 8, 3), 90, dtype=np.uint8)).save(right)
    return make_filedata(left), make_filedata(right)


def test_slider_numpy_input_converts_to_image_mode(pair_files: tuple[dict[str, Any], dict[str, Any]]) -> None:
    left, right = gr.ImageSlider(render=False).preprocess(list(pair_files))  # type: ignore[misc]
    assert isinstance(left, np.ndarray) and left.shape == (10, 20, 3) and left[0, 0].tolist() == [255, 0, 0]
    assert right.shape == (12, 8, 3)
    grey, _ = gr.ImageSlider(image_mode="L", render=False).preprocess(list(pair_files))  # type: ignore[misc]
    assert grey.shape == (10, 20)
    kept, _ = gr.ImageSlider(image_mode=None, render=False).preprocess(list(pair_files))  # type: ignore[misc]
    assert kept.shape == (10, 20, 4)


def test_slider_pil_and_filepath_inputs(pair_files: tuple[dict[str, Any], dict[str, Any]]) -> None:
    left, right = gr.ImageSlider(type="pil", render=False).preprocess(list(pair_files))  # type: ignore[misc]
    assert isinstance(left, PILImage.Image) and left.mode == "RGB" and left.size == (20, 10)
    assert right.size == (8, 12)
    left_path, right_path = gr.ImageSlider(type="filepath", render=False).preprocess(list(pair_files))  # type: ignore[misc]
    assert right_path == pair_files[1]["path"]  # already RGB: the upload itself
    assert left_path != pair_files[0]["path"] and left_path.endswith("left.png")  # converted from RGBA
    with PILImage.open(left_path) as im:
        assert im.mode == "RGB"


def test_slider_input_nulls(pair_files: tuple[dict[str, Any], dict[str, Any]]) -> None:
    slider = gr.ImageSlider(type="filepath", render=False)
    assert slider.preprocess(None) is None
    assert slider.preprocess([None, pair_files[1]]) == (None, pair_files[1]["path"])
    assert slider.preprocess((None, None)) == (None, None)


@pytest.mark.parametrize("payload", ["x", [None], [None, None, None], {"path": "/a.png"}, [{"url": "x"}, None]])
def test_slider_refuses_bad_payloads(payload: Any) -> None:
    with pytest.raises(ValidationError):
        gr.ImageSlider(render=False).preprocess(payload)


def test_slider_refuses_non_images(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_text("text")
    bad = make_filedata(tmp_path / "a.png")
    with pytest.raises(ValidationError, match="as an image"):
        gr.ImageSlider(render=False).preprocess([bad, bad])


def test_slider_output(base: np.ndarray, tmp_path: Path, cache_dir: Path) -> None:
    slider = gr.ImageSlider(render=False)
    out = slider.postprocess((base, PILImage.fromarray(255 - base)))
    assert isinstance(out, list) and len(out) == 2
    for item in out:
        assert item is not None and item["orig_name"] == "image.webp" and cache_dir in Path(item["path"]).parents
        with PILImage.open(item["path"]) as im:
            assert im.format == "WEBP" and im.size == (60, 40)
    assert out[0]["path"] != out[1]["path"]  # type: ignore[index]
    path = _png(tmp_path / "keep.png", base)
    assert slider.postprocess([path, None]) == [make_filedata(path), None]
    url = "https://example.com/a.png"
    assert slider.postprocess((None, url))[1]["url"] == url  # type: ignore[index]
    png = gr.ImageSlider(format="png", render=False).postprocess((base, base))
    assert png[0]["orig_name"] == "image.png" and png[0]["path"] == png[1]["path"]  # type: ignore[index]
    assert slider.postprocess(None) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (np.zeros((2, 4, 4, 3)), "pair of images .* got ndarray"),
        (np.zeros((4, 4, 3)), "got ndarray"),
        ([np.zeros((4, 4, 3))], "list of length 1"),
        ((1, 2, 3), "tuple of length 3"),
        ((np.zeros((4, 4, 3)), 12), "numpy array, a PIL image, a path or a URL"),
    ],
)
def test_slider_bad_outputs(value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        gr.ImageSlider(render=False).postprocess(value)


def test_slider_initial_value_and_example(base: np.ndarray) -> None:
    slider = gr.ImageSlider((base, None), render=False)
    value = slider.get_props()["value"]
    assert value[0]["orig_name"] == "image.webp" and value[1] is None
    example = gr.ImageSlider(type="filepath", render=False)
    assert all(p.startswith("https://") for p in example.preprocess(example.example_payload()))  # type: ignore[union-attr]
