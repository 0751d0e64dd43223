"""Audio: upload or record a clip, or play one; ``(sample_rate, numpy array)`` tuples or file paths."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal

from trellis._filedata import FILEDATA_SCHEMA, make_filedata, sample_file_payload
from trellis.components import _media as media
from trellis.components.base import Component
from trellis.exceptions import ValidationError

SAMPLE_AUDIO_URL = "https://github.com/gradio-app/gradio/raw/main/test/test_files/audio_sample.wav"


class Audio(Component):
    """A sound clip; the function receives ``(sample_rate, samples)`` or a file path (``type``).

    With ``type="numpy"`` uploads must be WAV files (decoded without ffmpeg): samples come as an
    int16 array of shape ``(n,)`` for mono or ``(n, channels)``. Returned tuples are written as
    16-bit WAV files (float samples in [-1, 1] are scaled); returned paths are sent as they are.
    """

    EVENTS = (
        "stream",
        "change",
        "clear",
        "play",
        "pause",
        "stop",
        "pause_recording",
        "start_recording",
        "stop_recording",
        "upload",
        "input",
    )
    data_model_is_file = True

    def __init__(
        self,
        value: Any = None,
        *,
        sources: Sequence[Literal["upload", "microphone"]] | str | None = ("upload", "microphone"),
        type: Literal["numpy", "filepath"] = "numpy",
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool | str = True,
        streaming: bool = False,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        format: str = "wav",
        autoplay: bool = False,
        editable: bool = True,
        buttons: list[str] | None = None,
        waveform_options: Any = None,
        loop: bool = False,
        recording: bool = False,
    ) -> None:
        if type not in ("numpy", "filepath"):
            raise ValueError(f"Audio type must be 'numpy' or 'filepath', got {type!r}")
        self.sources = [sources] if isinstance(sources, str) else list(sources or ["upload", "microphone"])
        self.type = type
        self.streaming = streaming
        if streaming and "microphone" not in self.sources:
            raise ValueError("Audio streaming needs 'microphone' in sources.")
        self.format = format
        self.autoplay = autoplay
        self.editable = editable
        self.buttons = list(buttons) if buttons is not None else ["download", "share"]
        self.waveform_options = _options_dict(waveform_options)
        self.loop = loop
        self.recording = recording
        super().__init__(
            value,
            label=label,
            every=every,
            inputs=inputs,
            show_label=show_label,
            container=container,
            scale=scale,
            min_width=min_width,
            interactive=interactive,
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        path = media.payload_path(payload, "Audio")
        if self.type == "filepath":
            return path
        if media.is_url(path):
            raise ValidationError("Audio given by URL is not fetched by this server; upload the file instead.")
        return media.read_wav(path)

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, (tuple, list)) and len(value) == 2 and not isinstance(value[0], (str, os.PathLike)):
            sample_rate, data = value
            if _is_scalar(data) and not _is_scalar(sample_rate):
                sample_rate, data = data, sample_rate  # (samples, rate): forgive the swapped order
            return make_filedata(media.save_wav(int(sample_rate), data), "audio.wav")
        if isinstance(value, (bytes, bytearray)):
            extension = (self.format or "wav").lstrip(".")
            return make_filedata(media.save_bytes(bytes(value), f"audio.{extension}"), f"audio.{extension}")
        try:
            return media.path_filedata(value)
        except TypeError:
            raise ValueError(
                f"An audio output takes (sample_rate, array), a path, a URL or bytes, got {type(value).__name__}"
            ) from None

    def api_info(self) -> dict[str, Any]:
        return FILEDATA_SCHEMA

    def example_payload(self) -> Any:
        return sample_file_payload(SAMPLE_AUDIO_URL)

    def flag(self, payload: Any) -> str:
        return str(payload.get("path", "")) if isinstance(payload, dict) else ""


def _options_dict(options: Any) -> dict[str, Any] | None:
    if options is None or isinstance(options, dict):
        return options
    return {k: v for k, v in vars(options).items() if not k.startswith("_")}


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (int, float)) or getattr(value, "ndim", None) == 0
