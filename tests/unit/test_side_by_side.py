"""The pure helpers of scripts/side_by_side.py: argument parsing, app discovery, composing, summaries.

Nothing here starts a server or a browser (the script itself needs real Gradio's virtualenv).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sbs() -> ModuleType:
    pytest.importorskip("PIL")
    spec = importlib.util.spec_from_file_location("side_by_side", ROOT / "scripts" / "side_by_side.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["side_by_side"] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["side_by_side"]
    return module


def test_defaults_and_lists(sbs):
    args = sbs.build_parser().parse_args([])
    assert args.widths == [1280, 390]
    assert args.schemes == ["light", "dark"]
    assert args.jobs == 1
    assert args.out == ROOT / "test-output" / "side-by-side"
    args = sbs.build_parser().parse_args(["a.py", "--widths", "800", "--schemes", "dark", "--only", "x, y"])
    assert args.targets == ["a.py"] and args.widths == [800] and args.schemes == ["dark"]
    assert args.only == {"x", "y"}


@pytest.mark.parametrize("text", ["", "wide", "100", "1280,9000"])
def test_bad_widths(sbs, text):
    with pytest.raises(argparse.ArgumentTypeError):
        sbs._csv_ints(text)


def test_bad_scheme(sbs):
    with pytest.raises(argparse.ArgumentTypeError):
        sbs._csv_schemes("light,sepia")


def test_viewport_heights(sbs):
    assert sbs.viewport_height(1280) == 900
    assert sbs.viewport_height(390) == 844


def test_apps_in_files_and_folders(sbs, tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "app.py").write_text("")
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "run.py").write_text("")
    (tmp_path / "two" / "helper.py").write_text("")
    (tmp_path / "empty").mkdir()
    assert sbs.apps_in(tmp_path) == [tmp_path / "one" / "app.py", tmp_path / "two" / "run.py"]
    assert sbs.apps_in(tmp_path / "two") == [tmp_path / "two" / "run.py"]
    assert sbs.apps_in(tmp_path / "two" / "helper.py") == [tmp_path / "two" / "helper.py"]
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "b.py").write_text("")
    (loose / "_private.py").write_text("")
    assert sbs.apps_in(loose) == [loose / "b.py"]


def test_unique_names(sbs, tmp_path):
    paths = [tmp_path / "a" / "run.py", tmp_path / "b" / "a.py", tmp_path / "a" / "run.py", tmp_path / "c d.py"]
    apps = sbs.unique_apps(paths, {paths[1]: "somewhere"})
    assert [a.name for a in apps] == ["a", "a-2", "c-d"]
    assert apps[1].source == "somewhere"
    assert apps[0].folder == (tmp_path / "a").resolve()


def test_compose_pair_places_both_sides(sbs):
    from PIL import Image

    left = Image.new("RGB", (300, 200), (255, 0, 0))
    right = Image.new("RGB", (320, 500), (0, 0, 255))
    pair = sbs.compose_pair(left, right, "caption")
    top = sbs.CAPTION_HEIGHT + sbs.LABEL_HEIGHT
    assert pair.size == (300 + 320 + 3 * sbs.GUTTER, top + 500 + sbs.GUTTER)
    assert pair.getpixel((sbs.GUTTER + 5, top + 5)) == (255, 0, 0)
    assert pair.getpixel((2 * sbs.GUTTER + 300 + 5, top + 5)) == (0, 0, 255)
    # Under the shorter screenshot: background.
    assert pair.getpixel((sbs.GUTTER + 5, top + 300)) == sbs.BACKGROUND


def test_compose_pair_placeholder_and_cut(sbs):
    from PIL import Image

    tall = Image.new("RGB", (200, 5000), (0, 128, 0))
    pair = sbs.compose_pair(None, tall, "caption", missing=("server did not start", ""), max_height=1000, width=200)
    top = sbs.CAPTION_HEIGHT + sbs.LABEL_HEIGHT
    assert pair.size == (200 + 200 + 3 * sbs.GUTTER, top + 1000 + sbs.GUTTER)
    assert pair.getpixel((sbs.GUTTER + 2, top + 2)) != sbs.BACKGROUND  # the placeholder panel


def _view(width, gradio_overflow, errors):
    def side(overflow, n):
        return {
            "overflow": {"before": {"overflow": overflow}, "after": {"overflow": False}},
            "console_errors": ["x"] * n,
            "failed_requests": [],
            "error": None,
        }

    return {"width": width, "gradio": side(gradio_overflow, 0), "trellis": side(False, errors)}


def test_summarise(sbs):
    server = {"ok": True, "ready_seconds": 1.0, "error": None}
    report = {
        "app": "x",
        "error": None,
        "servers": {"gradio": server, "trellis": server},
        "views": [_view(1280, False, 1), _view(390, True, 2)],
    }
    row = sbs.summarise(report)
    assert row["gradio"]["overflow_widths"] == ["390"]
    assert row["trellis"]["overflow_widths"] == []
    assert row["trellis"]["console_errors"] == 3
    assert row["gradio"]["ok"] and row["trellis"]["ok"]


def test_describe_interaction(sbs):
    assert sbs.describe_interaction({}) == "no interaction"
    assert sbs.describe_interaction({"filled": 2, "clicked": "Submit"}) == "typed into 2 field(s), clicked 'Submit'"
    assert sbs.describe_interaction({"filled": 0, "clicked": None}).endswith("no button to click")
