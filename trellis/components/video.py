"""Video: upload or record a video, or play one; the function gets and returns file paths."""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

from typing_extensions import override

from trellis._filedata import FILEDATA_SCHEMA, clean_filename, default_cache_dir, make_filedata, sample_file_payload
from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components import handlers
from trellis.components.base import Changes, Editable
from trellis.components.props import prop
from trellis.components.watermark import WatermarkOptions

SAMPLE_VIDEO_URL = "https://github.com/gradio-app/gradio/raw/main/gradio/media_assets/videos/world.mp4"

logger = logging.getLogger("trellis")


class Video(
    media.MediaComponent,
    Editable,
    media.Sized,
    media.Webcam,
    media.Played,
    Changes,
    media.Uploads,
    media.Records,
    media.Watermarked,
):
    """A video file, sent as one FileData (as in Gradio 6). A function returns a path or a URL.

    The server processes videos with ``ffmpeg`` (and ``ffprobe``) from the PATH, as Gradio does:

    - A returned local file the browser cannot play (only .mp4 with H.264 or AV1, .webm with VP8, VP9 or AV1
      and .ogg with Theora play) is converted to ``<name>.mp4``: its streams are copied when an mp4 can hold
      them (H.264/AV1 video, AAC/MP3 audio), else re-encoded; if that fails the file is sent as it is.
      Without ffmpeg this check is skipped and every file is sent as it is.
    - ``format`` converts returned videos and uploaded ones whose extension differs, and ``watermark``
      overlays an image on every returned video; a webcam-only input (``sources=["webcam"]``) with
      ``webcam_options`` mirroring on flips each recording left to right, and ``include_audio=False`` drops
      the sound of what is uploaded or recorded. These need ffmpeg: without it they fail with an error.

    A returned URL is sent as it is, unless ``format`` or ``watermark`` needs it converted (it is then
    downloaded first). A returned file is read only where any app may serve it from (see :func:`may_read_output`):
    one elsewhere is sent unprocessed, for the output step to judge. ``subtitles`` are shown as the player's captions track; ``playback_position`` is
    where the player starts, and the browser keeps it at the playing position (a prop: it is not part of
    the value sent to the function).
    """

    end = EventListener()
    SIGNATURE = """value, *, format, sources, height, width, label, every, inputs, show_label, container, scale,
        min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, webcam_options,
        include_audio, autoplay, buttons, loop, streaming, watermark, subtitles, playback_position"""
    DEFAULT_BUTTONS = ("download",)
    DEFAULT_SOURCES = ("upload", "webcam")

    value: Any = prop(default=None, kw_only=False)
    """The video shown: a path or a URL; a callable is called when the page loads."""
    format: str | None = None
    """File extension videos are converted to, with ffmpeg (e.g. "mp4", "webm", "avi"): returned videos and uploaded
    ones whose extension differs are re-encoded as ``<name>.<format>`` (None: no conversion). Without ffmpeg on the
    PATH, a video that needs converting fails with an error."""
    include_audio: bool | None = None
    """Whether videos keep their sound (None: when "upload" is among the sources). Without it the webcam records
    without opening the microphone, and ffmpeg removes the sound of what the function receives (a video uploaded
    with sound is handed over as ``muted_<name>``; an error without ffmpeg)."""

    subtitles: Any = prop(default=None, sent_as="dict[str, Any] | None")
    """Captions shown over the video: an SRT, VTT or JSON file, or a list of {"text", "timestamp": [start, end]}
    (seconds); sent as the FileData of a WebVTT file."""
    playback_position: float = 0
    """Where playback starts, in seconds; the browser updates it as the video plays."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.include_audio is None:
            self.include_audio = "upload" in self._source_list()
        self.subtitles = subtitles_filedata(self.subtitles)

    @override
    def preprocess(self, payload: Any) -> Any:
        """The uploaded video's path; converted with ffmpeg (into the cache) as Gradio does.

        ``format`` re-encodes an upload whose extension differs; a webcam-only input with mirroring on is flipped
        left to right (``<name>_flip.<ext>``); ``include_audio=False`` drops the sound (``muted_<name>``). Without
        ffmpeg each of these fails with an error; an upload needing none of them is handed over as it is.
        """
        if payload is None:
            return None
        if isinstance(payload, dict) and "video" in payload and "path" not in payload:
            payload = payload["video"]  # Gradio 5's {"video", "subtitles"} shape, from an older client
        path = media.payload_path(payload, "Video")
        if self.watermark.watermark is not None:
            watermark_image(self.watermark.watermark)  # checked here too, as Gradio does
        if media.is_url(path):
            return path  # the server downloads URL inputs before this: only a direct call gets here
        source = Path(path)
        uploaded = source.suffix.replace(".", "")
        reformat = self.format is not None and uploaded != self.format
        flip = self._source_list() == ["webcam"] and bool(media.webcam_options_dict(self.webcam_options)["mirror"])
        muted_prefix = "" if self.include_audio else "muted_"
        options: list[str] = ["-vf", "hflip", "-c:a", "copy"] if flip else []
        if not self.include_audio:
            options.append("-an")
        if reformat or flip:
            name = f"{muted_prefix}{source.stem}{'_flip' if flip else ''}.{self.format if reformat else uploaded}"
        elif not self.include_audio:
            name = f"muted_{source.name}"
        else:
            return path
        return convert_upload(source, name, options)

    @override
    def postprocess(self, value: Any) -> Any:
        """FileData of the returned video: made playable, converted to ``format`` and watermarked as Gradio does.

        A local file the browser cannot play becomes an mp4 (checked only when ffmpeg is on the PATH; a failed
        conversion sends the original). ``format`` and ``watermark`` re-encode it (downloading a URL first),
        and fail with an error without ffmpeg.
        """
        if value is None or value in ([None, None], (None, None)):
            return None
        if isinstance(value, (tuple, list)):
            raise ValueError(
                "A video output takes a path or a URL, got a "
                f"{type(value).__name__}: Gradio 6 dropped the (video, subtitles) pair"
            )
        source = value.get("path") if isinstance(value, dict) else value
        if not isinstance(source, (str, os.PathLike)):
            raise ValueError(f"A video output takes a path or a URL, got {type(value).__name__}")
        processed = self._format_video(os.fspath(source), stamp=not media.is_watermarked(value))
        if processed is not None:
            return make_filedata(processed)
        return media.path_filedata(value)

    def _format_video(self, video: str, *, stamp: bool) -> str | None:
        """The returned video made playable, converted and watermarked (a new file in the cache), or None if unchanged.

        The steps and their order are Gradio's: a URL needing neither ``format`` nor a watermark is left alone,
        another is downloaded; a file the browser cannot play becomes an mp4 (when ffmpeg is installed); then one
        ffmpeg run converts it to ``format`` and/or overlays the watermark.
        """
        options: WatermarkOptions = self.watermark
        mark = options.watermark if stamp else None
        wanted = self.format
        converting = wanted is not None and video.split(".")[-1].lower() != wanted
        if media.is_url(video):
            if mark is None and not converting:
                return None
            video = download_video(video)
        elif not may_read_output(video):
            logger.warning(
                "The returned video %s is sent as it is, not checked, converted or watermarked: the app does not "
                "let outputs come from there (its allowed_paths and blocked_paths decide).",
                video,
            )
            return None
        with tempfile.TemporaryDirectory(dir=_cache_root()) as work:
            result: str | None = None
            if find_tool("ffmpeg") is not None and not video_is_playable(video):
                warnings.warn(
                    "Video does not have browser-compatible container or codec. Converting to mp4.", stacklevel=2
                )
                playable = playable_mp4(video, Path(work))
                if playable != video:
                    video = result = playable
            extension = Path(video).suffix[1:].lower()
            if (wanted is not None and extension != wanted) or mark is not None:
                command = ["-i", video]
                stem = Path(video).stem
                if mark is not None:
                    command += ["-i", watermark_image(mark), "-filter_complex", _overlay(options.position)]
                    stem += "_watermarked"
                out = Path(work) / "out" / f"{stem}.{wanted or extension}"
                out.parent.mkdir()
                run_ffmpeg([*command, str(out)], "Adding a watermark to a video" if mark else "Converting a video")
                result = str(out)
            if result is None:
                return None
            saved = media.save_file(result, Path(result).name)
        if mark is not None:
            media.mark_watermarked(saved)
        return saved

    @override
    def api_info(self) -> dict[str, Any]:
        return FILEDATA_SCHEMA

    @override
    def example_payload(self) -> Any:
        return sample_file_payload(SAMPLE_VIDEO_URL)


def is_video_path(path: str | os.PathLike[str]) -> bool:
    """Whether the file name's extension is a video type's."""
    return media.media_kind(os.fspath(path)) == "video"


#: The watermark image types ffmpeg is given (as in Gradio).
WATERMARK_EXTENSIONS = (".png", ".jpg", ".jpeg")

#: (container, video codec) pairs browsers play, as Gradio lists them; other videos are converted to mp4.
PLAYABLE_VIDEOS = frozenset(
    {
        (".mp4", "h264"),
        (".mp4", "av1"),
        (".ogg", "theora"),
        (".webm", "vp9"),
        (".webm", "vp8"),
        (".webm", "av1"),
    }
)
#: Codecs an mp4 holds that browsers play: a video with only these is remuxed to mp4 rather than re-encoded.
MP4_VIDEO_CODECS = frozenset({"h264", "av1"})
MP4_AUDIO_CODECS = frozenset({"aac", "mp3"})


def find_tool(name: str = "ffmpeg") -> str | None:
    """The ``ffmpeg`` (or ``ffprobe``) executable on the PATH, or None: the one resolver of every video step.

    As in Gradio, only the PATH is searched.
    """
    return shutil.which(name)


def require_tool(name: str, doing: str) -> str:
    """:func:`find_tool`, or a RuntimeError saying that ``doing`` needs the missing tool."""
    found = find_tool(name)
    if found is None:
        raise RuntimeError(f"{doing} needs {name}, which is not installed (not on the PATH).")
    return found


def run_ffmpeg(arguments: list[str], doing: str) -> None:
    """Run ffmpeg on ``arguments`` (inputs, filters, the output path); a RuntimeError if it is missing or fails."""
    ffmpeg = require_tool("ffmpeg", doing)
    command = [ffmpeg, "-nostdin", "-y", "-loglevel", "error", *arguments]
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise RuntimeError(f"{doing} failed: ffmpeg exited with {result.returncode}: {detail[0]}")


def _probe_streams(path: str, *extra: str) -> list[dict[str, Any]] | None:
    """The streams ffprobe lists in the file (``extra`` selects some), or None if ffprobe cannot read it.

    Without ffprobe (but with ffmpeg, which is what decides that videos are probed) this fails, as in Gradio.
    """
    ffprobe = require_tool("ffprobe", "Checking that a video plays in the browser")
    command = [ffprobe, "-v", "error", "-show_streams", *extra, "-print_format", "json", path]
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        return None
    try:
        streams = json.loads(result.stdout).get("streams")
    except (ValueError, AttributeError):
        return None
    return streams if isinstance(streams, list) else None


def video_is_playable(path: str) -> bool:
    """Whether browsers play the video: its extension and its first video stream's codec (see ``PLAYABLE_VIDEOS``).

    A file ffprobe cannot read, or one without a video stream, counts as playable (it is sent as it is), as in Gradio.
    """
    streams = _probe_streams(path, "-select_streams", "v")
    if not streams or "codec_name" not in streams[0]:
        return True
    return (Path(path).suffix.lower(), streams[0]["codec_name"]) in PLAYABLE_VIDEOS


def _can_remux_to_mp4(path: str) -> bool:
    """Whether the first video and audio streams fit an mp4 as they are (then they are copied, not re-encoded)."""
    streams = _probe_streams(path)
    if streams is None:
        return False
    first: dict[str, str] = {}
    for stream in streams:
        kind = stream.get("codec_type")
        if kind in ("video", "audio") and kind not in first:
            first[kind] = str(stream.get("codec_name", ""))
    audio = first.get("audio")
    return first.get("video") in MP4_VIDEO_CODECS and (audio is None or audio in MP4_AUDIO_CODECS)


def playable_mp4(path: str, work: Path) -> str:
    """``<work>/playable/<name>.mp4``: the video made playable, or ``path`` itself if ffmpeg fails (sent as it is).

    The streams are copied when an mp4 holds them, else re-encoded (ffmpeg's mp4 defaults: H.264 and AAC).
    """
    out = work / "playable" / f"{Path(path).stem}.mp4"
    out.parent.mkdir(parents=True, exist_ok=True)
    doing = "Converting a video to a browser-playable mp4"
    attempts = [["-map", "0:v:0", "-map", "0:a:0?", "-c", "copy"]] if _can_remux_to_mp4(path) else []
    for options in [*attempts, []]:
        try:
            run_ffmpeg(["-i", path, *options, str(out)], doing)
            return str(out)
        except RuntimeError as exc:
            failure = exc
    logger.warning("Error converting video to browser-playable format: %s", failure)
    shutil.rmtree(out.parent, ignore_errors=True)
    return path


#: Uploads already converted by ``preprocess``: (source, its size and mtime, name, ffmpeg options) to the result.
_CONVERTED: dict[tuple[str, int, int, str, tuple[str, ...]], str] = {}
_CONVERTED_LOCK = threading.Lock()
_MAX_CONVERTED = 1024


def convert_upload(source: Path, name: str, options: list[str]) -> str:
    """The uploaded ``source`` run through ffmpeg with the output ``options``, stored in the cache as ``name``.

    As Gradio reuses a conversion it already made of the same upload, the result is remembered.
    """
    stat = source.stat()
    key = (os.path.realpath(source), stat.st_size, stat.st_mtime_ns, name, tuple(options))
    with _CONVERTED_LOCK:
        done = _CONVERTED.get(key)
    if done is not None and os.path.isfile(done):
        return done
    with tempfile.TemporaryDirectory(dir=_cache_root()) as work:
        out = Path(work) / clean_filename(name)
        run_ffmpeg(["-i", str(source), *options, str(out)], f"Converting the uploaded video {source.name}")
        saved = media.save_file(out, out.name)
    with _CONVERTED_LOCK:
        _CONVERTED[key] = saved
        while len(_CONVERTED) > _MAX_CONVERTED:
            del _CONVERTED[next(iter(_CONVERTED))]
    return saved


def download_video(url: str) -> str:
    """A returned video URL downloaded into the cache (public addresses only), to be converted or watermarked."""
    buffer = io.BytesIO()
    try:
        filename = handlers.fetch_url(url, buffer)
    except handlers.FetchFailed as exc:
        raise ValueError(f"Cannot convert or watermark the video at {url}: {exc}") from None
    return media.save_bytes(buffer.getvalue(), filename)


def _within(path: Path, root: str | os.PathLike[str]) -> bool:
    resolved = Path(os.path.realpath(root))
    return path == resolved or resolved in path.parents


def _env_paths(name: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


def may_read_output(path: str) -> bool:
    """Whether a returned local video may be read to store a converted or watermarked copy of it in the cache.

    The copy is served from the cache whatever the source was, so (as Gradio checks the source first) the
    source is read only if the app's rules let it be an output: its ``allowed_paths`` and ``blocked_paths``,
    handed down by the runner. Called outside an app (a direct ``postprocess``), the rules any app applies:
    the cache, the temp dir, the working directory (not its hidden folders), Trellis's sample media or
    ``GRADIO_ALLOWED_PATHS``, and never ``GRADIO_BLOCKED_PATHS``.
    """
    from trellis.media import MEDIA_ROOT

    resolved = Path(os.path.realpath(path))
    if any(_within(resolved, blocked) for blocked in _env_paths("GRADIO_BLOCKED_PATHS")):
        return False
    ruled = handlers.output_readable(str(resolved))
    if ruled is not None:
        return ruled
    roots: list[str | os.PathLike[str]] = [default_cache_dir(), tempfile.gettempdir(), MEDIA_ROOT]
    roots += _env_paths("GRADIO_ALLOWED_PATHS")
    if any(_within(resolved, root) for root in roots):
        return True
    cwd = Path(os.path.realpath(os.getcwd()))
    return _within(resolved, cwd) and not any(part.startswith(".") for part in resolved.relative_to(cwd).parts)


def _cache_root() -> Path:
    cache = default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def watermark_image(mark: Any) -> str:
    """The watermark's path, checked: a video's watermark is a PNG or JPEG file (as in Gradio)."""
    if not isinstance(mark, (str, os.PathLike)) or Path(mark).suffix.lower() not in WATERMARK_EXTENSIONS:
        raise ValueError(f"A video watermark must be a path to a {', '.join(WATERMARK_EXTENSIONS)} file, got {mark!r}")
    return os.fspath(mark)


def _overlay(position: Any, margin: int = 5) -> str:
    """The ffmpeg overlay filter that puts the mark at a corner (``margin`` pixels in) or at ``(x, y)``."""
    corners = {
        "top-left": f"{margin}:{margin}",
        "top-right": f"W-w-{margin}:{margin}",
        "bottom-left": f"{margin}:H-h-{margin}",
        "bottom-right": f"W-w-{margin}:H-h-{margin}",
    }
    if isinstance(position, str):
        return f"overlay={corners.get(position, corners['bottom-right'])}"
    return f"overlay={int(position[0])}:{int(position[1])}"


def _vtt_time(seconds: float) -> str:
    millis = round(float(seconds) * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _cues_vtt(cues: list[Any]) -> str:
    """A WebVTT file of ``[{"text", "timestamp": [start, end]}]`` cues."""
    lines = ["WEBVTT", ""]
    for index, cue in enumerate(cues):
        if not isinstance(cue, dict):
            raise ValueError(f"Subtitle at index {index} must be a dictionary")
        if "text" not in cue:
            raise ValueError(f"Subtitle at index {index} missing required 'text' field")
        stamp = cue.get("timestamp")
        if not isinstance(stamp, (list, tuple)) or len(stamp) != 2:
            raise ValueError(f"Subtitle at index {index} 'timestamp' must be a list/tuple of [start, end]")
        lines += [f"{_vtt_time(stamp[0])} --> {_vtt_time(stamp[1])}", str(cue["text"]), ""]
    return "\n".join(lines)


def _srt_vtt(text: str) -> str:
    """An SRT file as WebVTT: a header, no cue numbers, and a dot before the milliseconds."""
    blocks = []
    for block in text.replace("\r\n", "\n").strip().split("\n\n"):
        lines = block.strip().split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        blocks.append("\n".join([lines[timing].replace(",", "."), *lines[timing + 1 :]]))
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def subtitles_filedata(value: Any) -> dict[str, Any] | None:
    """``subtitles`` as the FileData of a WebVTT file in the cache (SRT and JSON converted), or None."""
    if value is None:
        return None
    if isinstance(value, dict) and isinstance(value.get("path"), str):
        return value  # already a FileData (a session copy of the component, or an update)
    if isinstance(value, list):
        return make_filedata(media.save_bytes(_cues_vtt(value).encode(), "subtitles.vtt"), "subtitles.vtt")
    if not isinstance(value, (str, os.PathLike)):
        raise ValueError("Video subtitles must be a .srt, .vtt or .json file, or a list of {'text', 'timestamp'}")
    path = Path(value)
    suffix = path.suffix.lower()
    if suffix not in (".srt", ".vtt", ".json"):
        raise ValueError(
            f"Invalid value for parameter `subtitles`: {value}. Choose a file with one of these extensions: "
            "('.srt', '.vtt', '.json')"
        )
    text = path.read_text(encoding="utf-8-sig")
    if suffix == ".json":
        try:
            cues = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"Invalid JSON format in subtitle file: {exc}") from None
        if not isinstance(cues, list):
            raise ValueError("JSON subtitle file must contain a list of subtitle objects")
        text = _cues_vtt(cues)
    elif suffix == ".srt":
        text = _srt_vtt(text)
    name = f"{path.stem or 'subtitles'}.vtt"
    return make_filedata(media.save_bytes(text.encode(), name), name)
