"""gr.FileExplorer: Gradio 6.31's constructor, config props, payloads, API info and the confined ``ls``."""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import Any

import pytest

import trellis as gr
from trellis.components.file_explorer import FILE_EXPLORER_SCHEMA, PathRefused
from trellis.components.server_functions import ServerFunctionError
from trellis.exceptions import ValidationError

SURFACE = Path("/work/shared/gradio_api/surface.json")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "sub" / "deep").mkdir(parents=True)
    (tmp_path / "skip").mkdir()
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.py").write_text("b")
    (tmp_path / "sub" / "c.txt").write_text("c")
    (tmp_path / "sub" / "deep" / "d.txt").write_text("d")
    (tmp_path / "skip" / "s.txt").write_text("s")
    outside = tmp_path.parent / (tmp_path.name + "-outside")
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("secret")
    (tmp_path / "out.txt").symlink_to(outside / "secret.txt")
    (tmp_path / "outdir").symlink_to(outside, target_is_directory=True)
    return tmp_path


@pytest.mark.skipif(not SURFACE.exists(), reason="Gradio's recorded surface is not available")
def test_signature_matches_gradio() -> None:
    recorded = json.loads(SURFACE.read_text())["names"]["FileExplorer"]
    params = inspect.signature(gr.FileExplorer.__init__).parameters
    assert [p for p in params if p != "self"] == [p["name"] for p in recorded["init"]]
    for p in recorded["init"]:
        assert repr(params[p["name"]].default) == p["default"], p["name"]
    assert list(gr.FileExplorer.EVENTS) == recorded["events"]


def test_config_props_as_gradio(root: Path) -> None:
    fe = gr.FileExplorer(root_dir=str(root), label="Files")
    props = fe.get_props()
    # The props Gradio 6.31 sends for the same constructor call.
    expected = {
        "glob": "**/*",
        "file_count": "multiple",
        "root_dir": str(root),
        "label": "Files",
        "show_label": True,
        "container": True,
        "min_width": 160,
        "max_height": 500,
        "visible": True,
        "elem_classes": [],
        "preserved_by_key": ["value"],
        "buttons": [],
        "name": "fileexplorer",
        "_selectable": False,
        "server_fns": ["ls"],
    }
    assert props == expected
    assert fe.api_info() == FILE_EXPLORER_SCHEMA
    assert fe.example_payload() == [["gradio", "app.py"]]
    assert fe.example_value() == os.path.join("gradio", "app.py")


def test_root_dir_checks(root: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        gr.FileExplorer(root_dir=str(root / "nope"))
    with pytest.raises(ValueError, match="not a directory"):
        gr.FileExplorer(root_dir=str(root / "a.txt"))
    with pytest.raises(ValueError, match="file_count"):
        gr.FileExplorer(root_dir=str(root), file_count="directory")  # type: ignore[arg-type]
    assert gr.FileExplorer().root_dir == os.path.abspath(".")


def test_postprocess_relative_to_root(root: Path) -> None:
    fe = gr.FileExplorer(root_dir=str(root), value=["a.txt", str(root / "sub" / "c.txt")])
    assert fe.get_props()["value"] == [["a.txt"], ["sub", "c.txt"]]
    assert fe.postprocess(str(root / "sub" / "deep" / "d.txt")) == [["sub", "deep", "d.txt"]]
    assert fe.postprocess(None) is None


def test_preprocess_gives_full_paths(root: Path) -> None:
    many = gr.FileExplorer(root_dir=str(root))
    assert many.preprocess([["a.txt"], ["sub", "c.txt"]]) == [str(root / "a.txt"), str(root / "sub" / "c.txt")]
    assert many.preprocess([]) == []
    assert many.preprocess(None) is None
    one = gr.FileExplorer(root_dir=str(root), file_count="single")
    assert one.preprocess([["sub", "deep", "d.txt"]]) == str(root / "sub" / "deep" / "d.txt")
    assert one.preprocess([]) is None
    with pytest.raises(ValidationError, match="only one file"):
        one.preprocess([["a.txt"], ["b.py"]])


@pytest.mark.parametrize(
    "parts",
    [
        ["..", "secret.txt"],
        ["sub", "..", "..", "x"],
        ["sub/../../x"],
        ["/etc/passwd"],
        ["%2e%2e", "x"],
        ["%252e%252e", "x"],
        ["..%2fx"],
        ["a\x00"],
        ["a\\b"],
        ["out.txt"],
        ["outdir", "secret.txt"],
        ["skip", "s.txt"],
        "a.txt",
        [1],
    ],
)
def test_preprocess_refuses_paths_leaving_the_root(root: Path, parts: Any) -> None:
    fe = gr.FileExplorer(root_dir=str(root), ignore_glob="*/skip*")
    with pytest.raises(ValidationError):
        fe.preprocess([parts])


def test_glob_confines_values(root: Path) -> None:
    fe = gr.FileExplorer("**/*.txt", root_dir=str(root))
    assert fe.preprocess([["a.txt"]]) == [str(root / "a.txt")]
    with pytest.raises(ValidationError, match="glob"):
        fe.preprocess([["b.py"]])


def test_ls_lists_folders_then_files(root: Path) -> None:
    fe = gr.FileExplorer(root_dir=str(root))
    assert fe.ls() == [
        {"name": "skip", "type": "folder", "valid": True},
        {"name": "sub", "type": "folder", "valid": True},
        {"name": "a.txt", "type": "file", "valid": True},
        {"name": "b.py", "type": "file", "valid": True},
    ]
    assert [e["name"] for e in fe.ls(["sub"])] == ["deep", "c.txt"]
    only_txt = gr.FileExplorer("**/*.txt", root_dir=str(root), ignore_glob="*/skip")
    assert only_txt.ls([]) == [
        {"name": "sub", "type": "folder", "valid": False},
        {"name": "a.txt", "type": "file", "valid": True},
    ]
    assert fe.ls(["nope"]) == []


@pytest.mark.parametrize(("parts", "status"), [([".."], 403), (["outdir"], 403), (["/tmp"], 403), ("sub", 400)])
def test_ls_refuses(root: Path, parts: Any, status: int) -> None:
    fe = gr.FileExplorer(root_dir=str(root))
    with pytest.raises(ServerFunctionError) as refused:
        fe.ls(parts)
    assert refused.value.status == status


def test_confined_path_allows_the_folder_itself(root: Path) -> None:
    fe = gr.FileExplorer(root_dir=str(root))
    assert fe.confined_path(["sub", "."], "value") == str(root / "sub")
    with pytest.raises(PathRefused):
        gr.FileExplorer("*.txt", root_dir=str(root)).confined_path(["sub", "."], "value")


def test_update_with_another_root_gets_a_session_copy(root: Path) -> None:
    from trellis.processing.session import Session

    fe = gr.FileExplorer(root_dir=str(root))
    session = Session("s1")
    copy = session.apply_update(fe, {"root_dir": str(root / "sub")})
    assert copy is not None and session.component(fe) is copy
    assert [e["name"] for e in copy.ls([])] == ["deep", "c.txt"]
    assert copy.preprocess([["c.txt"]]) == [str(root / "sub" / "c.txt")]
