"""Audio: upload or record a clip, or play one; ``(sample_rate, numpy array)`` tuples or file paths."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Literal

from typing_extensions import override

from trellis._filedata import make_filedata
from trellis.blocks.events import EventListener
from trellis.components import _audio as codec
from trellis.components import _media as media
from trellis.components.base import Changes, Editable
from trellis.components.props import prop
from trellis.components.waveform import WaveformOptions as WaveformOptions
from trellis.exceptions import ValidationError

FORMATS: tuple[Literal["wav", "mp3"], ...] = ("wav", "mp3")

SAMPLE_AUDIO_URL = "https://github.com/gradio-app/gradio/raw/main/test/test_files/audio_sample.wav"


class Audio(
    media.MediaComponent, media.OneFile, Editable, media.Captured, media.Played, Changes, media.Uploads, media.Records
):
    """A sound clip; the function receives ``(sample_rate, samples)`` or a file path (``type``).

    With ``type="numpy"`` samples come as an int16 array of shape ``(n,)`` for mono or
    ``(n, channels)``; WAV is decoded natively, MP3/FLAC/OGG through soundfile (there is no ffmpeg,
    so AAC/M4A/WebM files are refused with a clear message; the browser's recordings are sent as WAV).
    Returned tuples are written as ``format`` files (WAV when ``format`` is None; float samples in
    [-1, 1] are scaled); returned paths are sent as they are unless ``format`` asks for another type.

    With ``streaming=True`` an output fed by a generator is streamed: every yielded chunk
    (``(rate, samples)``, the bytes of an audio file, or a path) is encoded into one continuous MP3
    stream that the browser starts playing at once (HLS, see ``processing/media_stream.py``).
    Left None, ``sources`` is the microphone alone when streaming.
    """

    stream = EventListener()
    pause_recording = EventListener()
    SIGNATURE = """value, *, sources, type, label, every, inputs, show_label, container, scale, min_width, interactive,
        visible, streaming, elem_id, elem_classes, render, key, preserved_by_key, format, autoplay, editable, buttons,
        waveform_options, loop, recording, subtitles, playback_position"""
    DEFAULT_BUTTONS = ("download", "share")
    DEFAULT_SOURCES = ("upload", "microphone")
    STREAM_SOURCE = "microphone"
    SAMPLE_URL = SAMPLE_AUDIO_URL

    value: Any = prop(default=None, kw_only=False)
    """The clip played: ``(sample_rate, samples)``, a path, a URL or bytes; a callable is called when the page loads."""
    type: Literal["numpy", "filepath"] = "numpy"
    """What the function receives: ``(sample_rate, int16 samples)``, or the path of the file."""
    format: Literal["wav", "mp3"] | None = None
    """File type that returned samples and files, and uploads received as paths, are converted to (None: WAV for
    samples, files left as they are)."""
    editable: bool = True
    """Gradio's editing tools at the right of an input's player, once it holds a clip: scissors show a region
    (a quarter to half of the clip, draggable by its body and edges) with Trim and Cancel; Trim uploads the
    region as a new WAV (at ``waveform_options.sample_rate``) that becomes the value, firing ``change``; the
    undo arrow puts back the clip before the last trim. Outputs have no tools."""
    waveform_options: Any = prop(default=None, sent_as="dict[str, Any] | None")
    """The player's settings (a dict or an object with these attributes), sent with Gradio's defaults filled in:
    ``skip_length`` (the percent of the clip a skip button moves, 5), ``waveform_color`` and
    ``waveform_progress_color`` (the waveform's bars before and after the playhead; None: the theme's);
    ``show_recording_waveform`` (draw the microphone's level while recording, else show the elapsed time next to
    the buttons; True) and ``sample_rate`` (the rate, Hz, recordings are resampled to before they are sent,
    44100); ``trim_region_color`` (the trim region's border and, at 20%, its fill; None: the theme's accent)."""
    recording: bool = False
    """Start recording as soon as the microphone source is shown (the browser opens the microphone at once)."""
    subtitles: str | os.PathLike[str] | list[dict[str, Any]] | None = None
    """Captions shown while it plays: an SRT, VTT or JSON file, or a list of {"text", "timestamp": [start, end]}."""
    playback_position: float = 0
    """Where playback starts, in seconds."""

    def _default_sources(self) -> tuple[media.MediaSource, ...]:
        return ("microphone",) if self.streaming else self.DEFAULT_SOURCES

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.type not in ("numpy", "filepath"):
            raise ValueError(f"Audio type must be 'numpy' or 'filepath', got {self.type!r}")
        for source in self._source_list():
            if source not in ("upload", "microphone"):
                raise ValueError(f"Audio sources must be 'upload' and/or 'microphone', got {source!r}")
        self.format = _format(self.format)
        self.waveform_options = _options_dict(self.waveform_options)
        self.subtitles = _subtitles(self.subtitles)

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        path = media.payload_path(payload, "Audio")
        if media.is_url(path):
            if self.type == "filepath":
                return path
            raise ValidationError("Audio given by URL is not fetched here; upload the file instead.")
        if self.type == "numpy":
            return codec.read_audio(path)
        if self.format is not None and Path(path).suffix.lower() != f".{self.format}":
            rate, data = codec.read_audio(path)
            return codec.save_audio(rate, data, self.format, Path(path).stem or "audio")
        return path

    @override
    def as_example(self, value: Any) -> Any:
        return media.example_name(value, "(audio)")

    @override
    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        pair = codec.rate_and_samples(value)
        if pair is not None:
            fmt: str = self.format or "wav"
            return make_filedata(codec.save_audio(pair[0], pair[1], fmt), f"audio.{fmt}")
        if isinstance(value, (bytes, bytearray)):
            fmt = self.format or _sniff_format(bytes(value))
            return make_filedata(media.save_bytes(bytes(value), f"audio.{fmt}"), f"audio.{fmt}")
        if self.format is not None and isinstance(value, (str, os.PathLike)) and not media.is_url(value):
            path = os.fspath(value)
            if Path(path).suffix.lower() != f".{self.format}" and os.path.isfile(path):
                rate, data = codec.read_audio(path)
                name = Path(path).stem or "audio"
                return make_filedata(codec.save_audio(rate, data, self.format, name), f"{name}.{self.format}")
        try:
            return media.path_filedata(value)
        except TypeError:
            raise ValueError(
                f"An audio output takes (sample_rate, array), a path, a URL or bytes, got {type(value).__name__}"
            ) from None

    def open_stream(self) -> codec.Mp3StreamEncoder:
        """An encoder for one streamed run of this output (``streaming=True`` fed by a generator)."""
        return codec.Mp3StreamEncoder()


#: Gradio's WaveformOptions defaults, which its config always sends.
WAVEFORM_DEFAULTS: dict[str, Any] = {
    "waveform_color": None,
    "waveform_progress_color": None,
    "trim_region_color": None,
    "show_recording_waveform": True,
    "skip_length": 5,
    "sample_rate": 44100,
}


def _options_dict(options: Any) -> dict[str, Any]:
    if options is None:
        return dict(WAVEFORM_DEFAULTS)
    given = options if isinstance(options, dict) else {k: v for k, v in vars(options).items() if not k.startswith("_")}
    return {**WAVEFORM_DEFAULTS, **given}


def _format(value: str | None) -> Literal["wav", "mp3"] | None:
    """``format`` checked and lowercased (None stays None)."""
    if value is None:
        return None
    for name in FORMATS:
        if value.lower() == name:
            return name
    raise ValueError(f"Audio format must be one of {', '.join(FORMATS)} (or None), got {value!r}")


def _sniff_format(data: bytes) -> str:
    """The file type of encoded audio bytes, from their first bytes (``wav`` when unknown)."""
    if data[:4] == b"fLaC":
        return "flac"
    if data[:4] == b"OggS":
        return "ogg"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"
    return "wav"


def _subtitles(value: Any) -> list[dict[str, Any]] | None:
    """Subtitles as ``[{"start", "end", "text"}]`` (seconds), from a list or an SRT/VTT/JSON file."""
    if value is None:
        return None
    if isinstance(value, (str, os.PathLike)):
        path = Path(value)
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() == ".json":
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"Invalid JSON in subtitle file {path.name}: {exc}") from None
            if not isinstance(value, list):
                raise ValueError("A JSON subtitle file must hold a list of {'text', 'timestamp'} objects")
        else:
            return _parse_cues(text)
    if not isinstance(value, list):
        raise ValueError("Audio subtitles must be a file path or a list of {'text', 'timestamp'} dicts")
    cues = []
    for index, item in enumerate(value):
        stamp = item.get("timestamp") if isinstance(item, dict) else None
        if not isinstance(stamp, (list, tuple)) or len(stamp) != 2 or "text" not in item:
            raise ValueError(f"Subtitle {index} must be a dict with 'text' and 'timestamp': [start, end] in seconds")
        cues.append({"start": float(stamp[0]), "end": float(stamp[1]), "text": str(item["text"])})
    return cues


_CUE_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})")


def _seconds(stamp: str) -> float:
    match = _CUE_TIME.fullmatch(stamp.strip().split(" ")[0])
    if match is None:
        raise ValueError(f"Bad subtitle time {stamp!r}")
    hours, minutes, seconds, fraction = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction.ljust(3, "0")) / 1000


def _parse_cues(text: str) -> list[dict[str, Any]]:
    """The cues of an SRT or WebVTT file."""
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = block.split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue  # the WEBVTT header, NOTE and STYLE blocks
        start, end = lines[timing].split("-->", 1)
        body = "\n".join(lines[timing + 1 :]).strip()
        cues.append({"start": _seconds(start), "end": _seconds(end), "text": body})
    return cues
