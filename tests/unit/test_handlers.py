"""Components download URLs through the fetcher handed down to them (components/handlers.py), never by importing processing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

import numpy as np
import pytest
from PIL import Image as PILImage

import trellis as gr
from trellis.components import handlers


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.fromarray(np.zeros((height, width, 3), dtype=np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_component_downloads_through_the_fetcher_handed_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path))
    asked: list[str] = []

    def fetcher(url: str, out: IO[bytes]) -> str:
        asked.append(url)
        out.write(_png(60, 40))
        return "street.png"

    with handlers.using_fetcher(fetcher):
        out = gr.AnnotatedImage(render=False).postprocess(("https://example.com/street.png", [((0, 0, 5, 5), "box")]))
    path = Path(out["image"]["path"])  # type: ignore[index]
    with PILImage.open(path) as image:
        assert (asked, path.name, path.parent.parent, image.size) == (
            ["https://example.com/street.png"],
            "street.png",
            tmp_path,
            (60, 40),
        )


def test_a_refused_download_becomes_the_components_error() -> None:
    def fetcher(url: str, out: IO[bytes]) -> str:
        raise handlers.FetchFailed("the host is not public.")

    with handlers.using_fetcher(fetcher), pytest.raises(ValueError) as info:
        gr.AnnotatedImage(render=False).postprocess(("https://example.com/x.png", [((0, 0, 5, 5), "box")]))
    assert str(info.value) == (
        "AnnotatedImage needs the size of its base image to draw boxes, but the host is not public. "
        "Return the image as a numpy array, a PIL image or a local path instead."
    )


def test_importing_trellis_installs_the_guarded_fetcher() -> None:
    with pytest.raises(handlers.FetchFailed, match="resolves to a non-public address"):
        handlers.fetch_url("http://127.0.0.1:9/x.png", io.BytesIO())
