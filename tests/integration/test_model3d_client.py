"""Model3D through the official gradio_client: an OBJ and a GLB cube go up with ``handle_file``, reach the
function as paths, come back as outputs the client downloads byte for byte; other files are refused."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT
from gradio_client import handle_file
from gradio_client.exceptions import AppError
from model3d_assets import cube_glb, write_cube_glb, write_cube_obj

import trellis as gr


def describe(path: str) -> str:
    data = Path(path).read_bytes()
    return f"{Path(path).suffix} {len(data)} {hashlib.sha256(data).hexdigest()}"


def build(out_dir: Path) -> gr.Blocks:
    def echo(path: str) -> tuple[str, str]:
        return path, describe(path)

    def make_glb() -> str:
        return str(write_cube_glb(out_dir, "made.glb"))

    with gr.Blocks() as demo:
        model_in = gr.Model3D(label="In")
        model_out = gr.Model3D(label="Out", clear_color=[1, 1, 1, 1])
        info = gr.Textbox(label="Info")
        gr.Button("Echo").click(echo, model_in, [model_out, info], api_name="echo")
        gr.Button("Make").click(make_glb, None, model_out, api_name="make")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve_blocks(build(tmp_path_factory.mktemp("model3d_out")))


@pytest.mark.parametrize("writer", [write_cube_obj, write_cube_glb], ids=["obj", "glb"])
def test_model_round_trips_through_the_client(url: str, make_client: Any, tmp_path: Path, writer: Any) -> None:
    local = writer(tmp_path)
    original = local.read_bytes()
    returned, info = make_client(url).predict(handle_file(str(local)), api_name="/echo")
    assert info == f"{local.suffix} {len(original)} {hashlib.sha256(original).hexdigest()}"
    assert Path(returned).name == local.name
    assert Path(returned).read_bytes() == original


def test_generated_model_output_is_served_and_downloaded(url: str, make_client: Any) -> None:
    downloaded = make_client(url).predict(api_name="/make")
    assert Path(downloaded).name == "made.glb"
    data = Path(downloaded).read_bytes()
    assert data == cube_glb()
    assert data[:4] == b"glTF"


def test_other_file_types_are_refused_with_a_clear_message(url: str, make_client: Any, tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with pytest.raises(AppError) as info:
        make_client(url).predict(handle_file(str(picture)), api_name="/echo")
    assert "Model3D cannot use 'photo.png'" in info.value.message
    assert ".glb" in info.value.message


def test_client_sees_filepath_parameters_and_the_fox_example(url: str, make_client: Any) -> None:
    api = make_client(url).view_api(print_info=False, return_format="dict")
    [param] = api["named_endpoints"]["/echo"]["parameters"]
    assert param["component"] == "Model3d"
    assert param["python_type"]["type"] == "filepath"
    assert param["example_input"]["orig_name"] == "Fox.gltf"
    returns = api["named_endpoints"]["/echo"]["returns"]
    assert [r["component"] for r in returns] == ["Model3d", "Textbox"]


def test_config_carries_the_viewer_props(url: str) -> None:
    config = httpx.get(url + "config", timeout=TIMEOUT).json()
    models = {c["props"]["label"]: c for c in config["components"] if c["type"] == "model3d"}
    assert models["Out"]["props"]["clear_color"] == [1, 1, 1, 1]
    assert models["In"]["props"]["camera_position"] == [None, None, None]
    assert models["In"]["props"]["zoom_speed"] == 1
