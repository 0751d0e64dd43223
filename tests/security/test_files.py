"""Uploaded active content (PDF, HTML, SVG) is served as a download, never rendered in the app's origin."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from conftest import TIMEOUT

from security.helpers import Calls, counting_app

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", PDF), ("page.html", b"<script>alert(1)</script>"), ("logo.svg", b"<svg onload='alert(1)'/>")],
)
def test_uploaded_active_content_is_a_download(launch: Callable[..., str], name: str, content: bytes) -> None:
    url = launch(counting_app(Calls()))
    [path] = httpx.post(url + "gradio_api/upload", files={"files": (name, content)}, timeout=TIMEOUT).json()
    served = httpx.get(url + f"gradio_api/file={path}", timeout=TIMEOUT)
    assert (
        served.status_code,
        served.content,
        served.headers["content-type"],
        served.headers["content-disposition"].startswith("attachment"),
        served.headers["x-content-type-options"],
    ) == (200, content, "application/octet-stream", True, "nosniff")


def test_uploaded_images_are_still_shown_inline(launch: Callable[..., str]) -> None:
    url = launch(counting_app(Calls()))
    png = bytes.fromhex("89504e470d0a1a0a")
    [path] = httpx.post(url + "gradio_api/upload", files={"files": ("a.png", png)}, timeout=TIMEOUT).json()
    served = httpx.get(url + f"gradio_api/file={path}", timeout=TIMEOUT)
    assert (served.headers["content-type"], served.headers["content-disposition"].startswith("inline")) == (
        "image/png",
        True,
    )
