"""ffmpeg for the video tests: run it, read a file's streams with ffprobe, and require it.

Tests that need ffmpeg call :func:`require_ffmpeg` (from an autouse fixture): without ffmpeg they are
skipped, except in CI (``CI`` set), where they fail, since scripts/test installs Debian's ffmpeg.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest


def require_ffmpeg() -> None:
    if shutil.which("ffmpeg") and shutil.which("ffprobe"):
        return
    if os.environ.get("CI"):
        pytest.fail("ffmpeg and ffprobe must be installed in CI (scripts/test installs Debian's ffmpeg)")
    pytest.skip("ffmpeg is not installed")


def ffmpeg(*arguments: str) -> None:
    """Run ffmpeg quietly, overwriting outputs; raises if it fails."""
    subprocess.run(["ffmpeg", "-nostdin", "-y", "-loglevel", "error", *arguments], check=True)


def streams(path: str | Path) -> list[tuple[str, str]]:
    """(codec_type, codec_name) of every stream of the file, read by ffprobe."""
    command = ["ffprobe", "-v", "error", "-show_streams", "-print_format", "json", str(path)]
    out = subprocess.run(command, capture_output=True, check=True).stdout
    return [(s["codec_type"], s["codec_name"]) for s in json.loads(out)["streams"]]
