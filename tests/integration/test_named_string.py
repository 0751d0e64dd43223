"""File and UploadButton hand the function a ``NamedString`` (a ``str`` with ``.name``), as Gradio does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gradio_client import handle_file

import trellis as gr
from trellis.utils import NamedString


def describe(file: Any) -> str:
    return f"{type(file).__name__}|{file.name == file}|{Path(file.name).read_text()}"


def describe_all(files: list[Any]) -> str:
    return ";".join(describe(f) for f in files)


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    with gr.Blocks() as demo:
        out = gr.Textbox()
        gr.Button().click(describe, gr.File(), out, api_name="one")
        gr.Button().click(describe_all, gr.File(file_count="multiple"), out, api_name="several")
        gr.Button().click(describe, gr.UploadButton(), out, api_name="button")
        gr.Button().click(describe_all, gr.UploadButton(file_count="multiple"), out, api_name="button_several")
        gr.Button().click(lambda b: type(b).__name__, gr.File(type="binary"), out, api_name="binary")
        names = gr.UploadButton(file_count="multiple")
        names.upload(lambda files: [f.name for f in files], names, gr.File(), api_name="names")
    return serve_blocks(demo)


@pytest.fixture
def sample(tmp_path: Path) -> str:
    path = tmp_path / "note.txt"
    path.write_text("hello")
    return str(path)


def test_file_and_upload_button_pass_a_named_string(url: str, make_client: Any, sample: str) -> None:
    client = make_client(url)
    assert client.predict(handle_file(sample), api_name="/one") == "NamedString|True|hello"
    assert client.predict(handle_file(sample), api_name="/button") == "NamedString|True|hello"


def test_each_file_of_a_list_is_a_named_string(url: str, make_client: Any, sample: str) -> None:
    client = make_client(url)
    files = [handle_file(sample), handle_file(sample)]
    expected = ";".join(["NamedString|True|hello"] * 2)
    assert client.predict(files, api_name="/several") == expected
    assert client.predict(files, api_name="/button_several") == expected


def test_binary_files_stay_bytes(url: str, make_client: Any, sample: str) -> None:
    assert make_client(url).predict(handle_file(sample), api_name="/binary") == "bytes"


def test_named_string_is_importable_from_gradio_utils() -> None:
    assert gr.utils.NamedString is NamedString
    path = NamedString("/tmp/a.txt")
    assert (path, path.name, vars(path), NamedString().name) == ("/tmp/a.txt", "/tmp/a.txt", {"name": "/tmp/a.txt"}, "")


def test_a_list_returned_to_a_one_file_output_comes_back_as_a_list(url: str, make_client: Any, sample: str) -> None:
    """Gradio's uploadbutton demo: the upload listener returns ``[file.name for file in files]`` to a ``gr.File()``."""
    [downloaded] = make_client(url).predict([handle_file(sample)], api_name="/names")
    assert Path(downloaded).read_text() == "hello"
