"""Ready-made checks for a listener's ``validator=``: each returns a ``gr.validate(...)`` result."""

from __future__ import annotations

import subprocess
from typing import Any

from trellis.validation import validate

__all__ = ["is_audio_correct_length", "is_video_correct_length"]


def _check_length(kind: str, duration: float, min_length: float | None, max_length: float | None) -> dict[str, Any]:
    if min_length is not None and duration < min_length:
        return validate(False, f"{kind} is too short. It must be at least {min_length} seconds")
    if max_length is not None and duration > max_length:
        return validate(False, f"{kind} is too long. It must be at most {max_length} seconds")
    return {"__type__": "validate", "is_valid": True}


def is_audio_correct_length(
    audio: tuple[int, Any], min_length: float | None, max_length: float | None
) -> dict[str, Any]:
    """Check that an audio input lasts between ``min_length`` and ``max_length`` seconds.

    ``audio`` is ``(sample_rate, samples)``, as ``gr.Audio(type="numpy")`` gives; either bound may be None.
    """
    if min_length is None and max_length is None:
        return {"__type__": "validate", "is_valid": True}
    sample_rate, samples = audio
    return _check_length("Audio", len(samples) / sample_rate, min_length, max_length)


def video_length(path: str) -> float:
    """The duration of a video file in seconds, read with ``ffprobe`` (which must be on the PATH)."""
    output = subprocess.run(
        ["ffprobe", "-v", "quiet", "-show_entries", "format=duration", "-of", "csv=p=0", "-i", str(path)],
        capture_output=True,
        check=True,
    ).stdout
    return float(output.decode().strip())


def is_video_correct_length(video: str, min_length: float | None, max_length: float | None) -> dict[str, Any]:
    """Check that a video file lasts between ``min_length`` and ``max_length`` seconds.

    ``video`` is a path, as ``gr.Video`` gives; either bound may be None. Needs ``ffprobe`` on the PATH.
    """
    if min_length is None and max_length is None:
        return {"__type__": "validate", "is_valid": True}
    return _check_length("Video", video_length(video), min_length, max_length)
