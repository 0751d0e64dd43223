"""A video a function returns plays in the output Video (its payload is one FileData, as in Gradio 6)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def test_a_returned_video_is_shown_in_the_player(page: Page, serve: Serve, tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
    with gr.Blocks() as demo:
        video = gr.Video(label="Result")
        gr.Button("Show").click(lambda: str(clip), None, video)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("video-player")).to_have_attribute("src", re.compile(r"/clip\.mp4$"))
