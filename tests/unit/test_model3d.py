"""Model3D without a server: constructor and props, payloads in and out, refused files, API info."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import trellis as gr
from trellis._filedata import FILEDATA_SCHEMA, make_filedata
from trellis.components import registry
from trellis.components.model3d import MODEL_EXTENSIONS
from trellis.config.schema import json_schema_to_python_type
from trellis.exceptions import ValidationError

FOX = "https://raw.githubusercontent.com/gradio-app/gradio/main/gradio/media_assets/models3d/Fox.gltf"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(directory))
    return directory


def model_file(tmp_path: Path, name: str, data: bytes = b"v 0 0 0\n") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_exported_and_registered() -> None:
    from trellis.components import Model3D

    assert gr.Model3D is Model3D
    assert registry.get("model3d") is Model3D
    assert isinstance(gr.Interface(lambda x: x, "model3d", "model3d").input_components[0], Model3D)
    assert Model3D.EVENTS == ("change", "upload", "edit", "clear")
    assert all(callable(getattr(Model3D(render=False), e)) for e in Model3D.EVENTS)


def test_signature_matches_gradio_6() -> None:
    params = inspect.signature(gr.Model3D).parameters
    expected = {
        "value": None,
        "display_mode": None,
        "clear_color": None,
        "camera_position": (None, None, None),
        "zoom_speed": 1,
        "pan_speed": 1,
        "height": None,
        "label": None,
        "show_label": None,
        "every": None,
        "inputs": None,
        "container": True,
        "scale": None,
        "min_width": 160,
        "interactive": None,
        "visible": True,
        "elem_id": None,
        "elem_classes": None,
        "render": True,
        "key": None,
        "preserved_by_key": "value",
        "buttons": None,
    }
    assert list(params) == list(expected)
    assert {name: p.default for name, p in params.items()} == expected
    assert params["value"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for name, p in params.items() if name != "value")


def test_default_props_as_gradio_sends_them() -> None:
    props = gr.Model3D(label="In", render=False).get_props()
    assert props == {
        "_selectable": False,
        "buttons": [],
        "camera_position": [None, None, None],
        "clear_color": [0, 0, 0, 0],
        "container": True,
        "elem_classes": [],
        "label": "In",
        "min_width": 160,
        "name": "model3d",
        "pan_speed": 1,
        "preserved_by_key": ["value"],
        "show_label": True,
        "visible": True,
        "zoom_speed": 1,
    }


def test_props_given(tmp_path: Path) -> None:
    cube = model_file(tmp_path, "cube.obj")
    m = gr.Model3D(
        str(cube),
        display_mode="wireframe",
        clear_color=(1, 1, 1, 0.5),
        camera_position=(45, None, 3),
        zoom_speed=2.5,
        pan_speed=0.5,
        height=300,
        render=False,
    )
    props = m.get_props()
    assert props["display_mode"] == "wireframe"
    assert props["clear_color"] == [1, 1, 1, 0.5]
    assert props["camera_position"] == [45, None, 3]
    assert (props["zoom_speed"], props["pan_speed"], props["height"]) == (2.5, 0.5, 300)
    assert props["value"]["path"] == str(cube)
    assert props["value"]["orig_name"] == "cube.obj"
    assert props["value"]["meta"] == {"_type": "gradio.FileData"}


def test_custom_buttons_leave_the_layout_and_are_sent_with_their_id() -> None:
    with gr.Blocks() as demo:
        button = gr.Button("Hi")
        model = gr.Model3D(buttons=[button])
    assert button not in demo.children
    [sent] = model.get_props()["buttons"]
    assert sent["id"] == button._id
    assert sent["value"] == "Hi"
    assert sent["name"] == "button"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"display_mode": "shaded"}, "display_mode"),
        ({"clear_color": (1, 1, 1)}, "clear_color"),
        ({"clear_color": ("red", 0, 0, 1)}, "clear_color"),
        ({"camera_position": (1, 2)}, "camera_position"),
        ({"camera_position": ("far", None, None)}, "camera_position"),
    ],
)
def test_bad_constructor_arguments_are_explained(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        gr.Model3D(render=False, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("extension", MODEL_EXTENSIONS)
def test_preprocess_gives_the_path_for_every_model_format(tmp_path: Path, extension: str) -> None:
    path = model_file(tmp_path, f"model{extension.upper()}")
    assert gr.Model3D(render=False).preprocess(make_filedata(path)) == str(path)


def test_preprocess_none_and_extensionless_path_with_named_upload(tmp_path: Path) -> None:
    m = gr.Model3D(render=False)
    assert m.preprocess(None) is None
    blob = model_file(tmp_path, "blob")
    assert m.preprocess(make_filedata(blob, "cube.glb")) == str(blob)


@pytest.mark.parametrize("name", ["photo.png", "model.fbx", "notes", "cube.obj.exe"])
def test_preprocess_refuses_other_files(tmp_path: Path, name: str) -> None:
    path = model_file(tmp_path, name)
    with pytest.raises(ValidationError, match=r"Model3D cannot use .*\.obj, \.glb, \.gltf, \.stl, \.ply, \.splat"):
        gr.Model3D(render=False).preprocess(make_filedata(path))


def test_preprocess_refuses_what_is_not_filedata() -> None:
    with pytest.raises(ValidationError, match="FileData"):
        gr.Model3D(render=False).preprocess("cube.obj")
    with pytest.raises(ValidationError, match="FileData"):
        gr.Model3D(render=False).preprocess({"name": "cube.obj"})


def test_postprocess_paths_urls_and_filedata(tmp_path: Path) -> None:
    m = gr.Model3D(render=False)
    cube = model_file(tmp_path, "cube.stl", b"solid x\nendsolid x\n")
    assert m.postprocess(None) is None
    as_str = m.postprocess(str(cube))
    as_path = m.postprocess(cube)
    assert as_str == as_path
    assert as_str["path"] == str(cube)
    assert as_str["orig_name"] == "cube.stl"
    assert as_str["size"] == cube.stat().st_size
    assert as_str["meta"] == {"_type": "gradio.FileData"}
    url = m.postprocess(FOX)
    assert url["path"] == url["url"] == FOX
    assert url["orig_name"] == "Fox.gltf"
    given = m.postprocess({"path": str(cube), "orig_name": "part.stl", "meta": {"_type": "gradio.FileData"}})
    assert given["path"] == str(cube)
    assert given["orig_name"] == "part.stl"
    with pytest.raises(ValueError, match="Model3D output takes a file path"):
        m.postprocess(42)


def test_api_info_and_examples_as_gradio() -> None:
    m = gr.Model3D(render=False)
    assert m.api_info() == FILEDATA_SCHEMA
    assert json_schema_to_python_type(m.api_info()) == "filepath"
    assert m.example_payload() == {
        "path": FOX,
        "meta": {"_type": "gradio.FileData"},
        "orig_name": "Fox.gltf",
        "url": FOX,
    }
    assert m.example_value() == FOX


def test_config_and_api_info_of_an_app() -> None:
    from trellis.config.build import compile_app

    with gr.Blocks() as demo:
        a = gr.Model3D(label="In")
        b = gr.Model3D(label="Out")
        a.change(lambda p: p, a, b, api_name="go")
    compiled = compile_app(demo)
    config = compiled.config
    [first, second] = [c for c in config["components"] if c["type"] == "model3d"]
    assert first["api_info"] == FILEDATA_SCHEMA
    assert first["example_inputs"]["orig_name"] == "Fox.gltf"
    assert second["props"]["label"] == "Out"
    info = compiled.api_info_public["named_endpoints"]["/go"]
    assert info["parameters"][0]["component"] == "Model3d"
    assert info["parameters"][0]["python_type"]["type"] == "filepath"
    assert info["returns"][0]["component"] == "Model3d"
