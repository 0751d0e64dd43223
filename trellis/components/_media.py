"""Media helpers for the image, audio, video and gallery components, and the props they share.

Images go through Pillow and numpy, imported inside the functions so that
``import trellis`` never loads them (audio lives in :mod:`trellis.components._audio`).
Files made here are stored content-addressed in the cache directory
(``<cache>/<sha256>/<name>``), so the output step finds them already cached.
The props and events several media components share are declared once, in the small mixins at
the end of this module (:class:`MediaComponent`, :class:`Sized`, :class:`Captured`, :class:`Uploads`...).
"""

from __future__ import annotations

import dataclasses
import hashlib
import mimetypes
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from typing_extensions import override

from trellis._filedata import (
    FILE_META,
    FILEDATA_SCHEMA,
    clean_filename,
    default_cache_dir,
    make_filedata,
    sample_file_payload,
)
from trellis.blocks.events import EventListener
from trellis.components.base import Block, Component, CornerButtons, LabelledCard
from trellis.components.props import prop
from trellis.components.watermark import watermark_options
from trellis.exceptions import ValidationError

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image as PILImage

URL_PREFIXES = ("http://", "https://")

#: Where a media input's value may come from.
MediaSource = Literal["upload", "webcam", "microphone", "clipboard"]

# -- files -------------------------------------------------------------------------------


def is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(URL_PREFIXES)


def save_bytes(data: bytes, name: str) -> str:
    """Store ``data`` as ``<cache>/<sha256 of data>/<name>`` and return the path."""
    directory = default_cache_dir() / hashlib.sha256(data).hexdigest()
    target = directory / clean_filename(name)
    if not target.exists():
        directory.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{secrets.token_hex(4)}.part")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    return str(target)


def save_file(source: str | os.PathLike[str], name: str) -> str:
    """Move the file ``source`` to ``<cache>/<sha256 of its bytes>/<name>`` and return that path."""
    digest = hashlib.sha256()
    with open(source, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    directory = default_cache_dir() / digest.hexdigest()
    target = directory / clean_filename(name)
    if target.exists():
        os.unlink(source)
    else:
        directory.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    return str(target)


def url_filedata(url: str) -> dict[str, Any]:
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or "file"
    return {
        "path": url,
        "url": url,
        "size": None,
        "orig_name": name,
        "mime_type": mimetypes.guess_type(name)[0],
        "is_stream": False,
        "meta": dict(FILE_META),
    }


def path_filedata(value: Any) -> dict[str, Any]:
    """FileData for a path, a URL or a FileData-like dict returned by a function."""
    if isinstance(value, dict) and isinstance(value.get("path"), str):
        base = (
            url_filedata(value["path"])
            if is_url(value["path"])
            else make_filedata(value["path"], value.get("orig_name"))
        )
        return {**base, **{k: v for k, v in value.items() if v is not None}, "meta": dict(FILE_META)}
    if is_url(value):
        return url_filedata(value)
    if isinstance(value, (str, os.PathLike)):
        return make_filedata(value)
    raise TypeError(f"expected a file path or URL, got {type(value).__name__}")


def example_name(value: Any, other: str = "") -> str:
    """The text an examples table shows for a file sample (audio, file and 3D model samples, as in Gradio).

    That is the file's name, names joined by commas for a list, "" for None and ``other`` for anything else.
    """
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(example_name(item, other) for item in value)
    if isinstance(value, dict) and isinstance(value.get("orig_name") or value.get("path"), str):
        return str(value.get("orig_name") or Path(str(value["path"])).name)
    if isinstance(value, (str, os.PathLike)):
        return Path(os.fspath(value)).name
    return other


def media_kind(path: str) -> str | None:
    """``"image"``, ``"video"``, ``"audio"``… from the file name, or ``None``."""
    mime = mimetypes.guess_type(path.split("?", 1)[0])[0]
    return mime.split("/", 1)[0] if mime else None


def payload_path(payload: Any, component: str) -> str:
    """The ``path`` of a FileData payload, or a :class:`ValidationError`."""
    path = payload.get("path") if isinstance(payload, dict) else None
    if not isinstance(path, str):
        raise ValidationError(f"{component} expects a FileData object with a 'path', got {payload!r:.120}")
    return path


# -- images ------------------------------------------------------------------------------


def is_image_value(value: Any) -> bool:
    """True for a numpy array or a PIL image (without importing either)."""
    module = type(value).__module__
    return module.startswith("PIL.") or (module == "numpy" and hasattr(value, "shape"))


def _pil_format(extension: str) -> str:
    from PIL import Image

    ext = extension.lower().lstrip(".")
    return Image.registered_extensions().get("." + ext, "PNG")


def array_to_pil(array: Any) -> PILImage.Image:
    """A PIL image from an (H, W), (H, W, 1), (H, W, 3) or (H, W, 4) array of any numeric dtype."""
    import numpy as np
    from PIL import Image

    arr = np.asarray(array)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[..., 0]
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (3, 4)):
        raise ValueError(f"Cannot make an image from an array of shape {arr.shape}")
    return Image.fromarray(to_uint8(arr))


def to_uint8(arr: np.ndarray) -> np.ndarray:
    """Scale an array to 0..255 uint8: bools to 0/255, floats in [0, 1] by 255, wide ints by their range."""
    import numpy as np

    if arr.dtype == np.uint8:
        return arr
    if arr.dtype == np.bool_:
        return arr.astype(np.uint8) * 255
    if np.issubdtype(arr.dtype, np.floating):
        finite = arr[np.isfinite(arr)]
        if finite.size and finite.min() >= 0 and finite.max() <= 1:
            arr = arr * 255
        clipped: np.ndarray = np.clip(np.nan_to_num(arr), 0, 255).round().astype(np.uint8)
        return clipped
    if np.issubdtype(arr.dtype, np.integer):
        if arr.size and (arr.max() > 255 or arr.min() < 0):
            info = np.iinfo(arr.dtype)
            scaled = (arr.astype(np.float64) - info.min) / (info.max - info.min) * 255
            rounded: np.ndarray = scaled.round().astype(np.uint8)
            return rounded
        return arr.astype(np.uint8)
    raise ValueError(f"Cannot make an image from an array of dtype {arr.dtype}")


def to_pil(value: Any) -> PILImage.Image:
    from PIL import Image

    if isinstance(value, Image.Image):
        return value
    return array_to_pil(value)


def encode_image(image: PILImage.Image, extension: str) -> bytes:
    """The bytes of ``image`` in the format its extension names (``webp``, ``png``, ``jpeg``…)."""
    import io

    fmt = _pil_format(extension)
    if fmt == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    elif fmt == "WEBP" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
    elif image.mode in ("I;16", "F") and fmt not in ("PNG", "TIFF"):
        image = image.convert("L")
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def save_image(value: Any, format: str = "webp", name: str = "image") -> str:
    """Save a numpy array or PIL image into the cache as ``<name>.<format>``; returns the path."""
    extension = (format or "webp").lower().lstrip(".")
    return save_bytes(encode_image(to_pil(value), extension), f"{name}.{extension}")


def open_image(path: str, mode: str | None) -> tuple[PILImage.Image, bool]:
    """Open ``path``, apply its EXIF rotation and convert to ``mode``; also says whether it changed."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image: PILImage.Image = Image.open(path)
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(f"Cannot read {os.path.basename(path)!r} as an image.") from exc
    changed = False
    if image.getexif().get(0x0112, 1) != 1:  # EXIF orientation
        image = ImageOps.exif_transpose(image)
        changed = True
    if mode is not None and image.mode != mode:
        image = image.convert(mode)
        changed = True
    return image, changed


def image_size(value: Any) -> tuple[int, int]:
    """``(width, height)`` of a numpy array, a PIL image or an image file (reads only its header)."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(value, Image.Image):
        return value.size
    if is_image_value(value):
        shape = value.shape
        if len(shape) < 2:
            raise ValueError(f"Cannot make an image from an array of shape {shape}")
        return int(shape[1]), int(shape[0])
    try:
        with Image.open(value) as image:
            size: tuple[int, int] = image.size
            return size
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"Cannot read {os.path.basename(os.fspath(value))!r} as an image.") from exc


def image_input(path: str, kind: str, mode: str | None) -> Any:
    """An uploaded image as the function receives it: numpy array, PIL image or file path."""
    if is_url(path):
        if kind == "filepath":
            return path
        raise ValidationError("Images given by URL are not fetched by this server; upload the file instead.")
    if kind == "filepath":
        suffix = Path(path).suffix.lower()
        if suffix in (".svg", ".gif"):
            return path  # vector and animated images keep their file untouched
        image, changed = open_image(path, mode)
        if not changed:
            return path
        return save_bytes(encode_image(image, suffix or ".png"), Path(path).stem + (suffix or ".png"))
    image, _ = open_image(path, mode)
    if kind == "pil":
        return image
    import numpy as np

    return np.array(image)


def image_output(value: Any, format: str) -> dict[str, Any]:
    """What a function returned for an image (array, PIL image, path, URL, FileData) as FileData."""
    if is_image_value(value):
        extension = (format or "webp").lower().lstrip(".")
        return make_filedata(save_image(value, extension), f"image.{extension}")
    try:
        return path_filedata(value)
    except TypeError:
        raise ValueError(
            f"An image output takes a numpy array, a PIL image, a path or a URL, got {type(value).__name__}"
        ) from None


# -- watermarks ----------------------------------------------------------------------------

#: Cached files that are already watermarked (a returned ``gr.Image(value, watermark=...)`` is
#: watermarked when it is made), so that an output never stamps them a second time.
_WATERMARKED: dict[str, None] = {}
_MAX_WATERMARKED = 1024


def mark_watermarked(path: str) -> None:
    """Remember that the file at ``path`` carries its watermark already."""
    _WATERMARKED[path] = None
    while len(_WATERMARKED) > _MAX_WATERMARKED:
        del _WATERMARKED[next(iter(_WATERMARKED))]


def is_watermarked(value: Any) -> bool:
    """Whether ``value`` (a path or a FileData) is a file that :func:`mark_watermarked` noted."""
    path = value.get("path") if isinstance(value, dict) else value
    return isinstance(path, (str, os.PathLike)) and os.fspath(path) in _WATERMARKED


def _open_any_image(value: Any, what: str) -> PILImage.Image:
    """A PIL image from a path, a PIL image or a numpy array."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(value, (str, os.PathLike)):
        try:
            image: PILImage.Image = Image.open(os.fspath(value))
            image.load()
        except (UnidentifiedImageError, OSError) as exc:
            raise ValueError(f"Cannot read {os.path.basename(os.fspath(value))!r} as {what}.") from exc
        return image
    return to_pil(value)


def add_watermark(base: Any, mark: Any, position: Any, padding: int = 10) -> PILImage.Image:
    """``base`` (a path, a PIL image or an array) with the image ``mark`` pasted over it, at its own size.

    ``position`` is a corner ("top-left", "top-right", "bottom-left", "bottom-right"; ``padding`` pixels in from
    both edges) or the ``(x, y)`` of the mark's top-left pixel. A mark that would not fit inside the image goes
    to the bottom-right corner, as in Gradio. The mark's transparency is kept; the result has ``base``'s mode.
    """
    image = _open_any_image(base, "an image")
    stamp = _open_any_image(mark, "a watermark").convert("RGBA")
    width, height = image.size
    w, h = stamp.size
    corners = {
        "top-left": (padding, padding),
        "top-right": (width - w - padding, padding),
        "bottom-left": (padding, height - h - padding),
        "bottom-right": (width - w - padding, height - h - padding),
    }
    x, y = corners[position] if isinstance(position, str) else (int(position[0]), int(position[1]))
    if x < 0 or y < 0 or x + w > width or y + h > height:
        x, y = corners["bottom-right"]
    mode = image.mode
    canvas = image.convert("RGBA")
    canvas.paste(stamp, (x, y), mask=stamp)
    return canvas.convert(mode) if mode != "RGBA" else canvas


def watermarked_image(value: Any, mark: Any, position: Any, format: str) -> dict[str, Any] | None:
    """FileData of ``value`` watermarked and saved as ``format``, or None when the image is not watermarked.

    SVG and GIF files (vector and animated images), URLs and files already watermarked are left as they are
    (a warning says so for SVG and GIF, as Gradio warns for SVG).
    """
    if mark is None or is_watermarked(value):
        return None
    source = value.get("path") if isinstance(value, dict) else value
    if isinstance(source, (str, os.PathLike)):
        if is_url(source):
            return None
        if Path(os.fspath(source)).suffix.lower() in (".svg", ".gif"):
            from trellis.runtime import Warning as warn

            warn("Watermarking SVG and GIF images is not supported: no watermark is applied.")
            return None
    elif not is_image_value(source):
        return None
    extension = (format or "webp").lower().lstrip(".")
    encoded = encode_image(add_watermark(source, mark, position), extension)
    saved = save_bytes(encoded, f"image.{extension}")
    mark_watermarked(saved)
    return make_filedata(saved, f"image.{extension}")


# -- props shared by the media components --------------------------------------------------

DEFAULT_WEBCAM_OPTIONS: dict[str, Any] = {"mirror": True, "constraints": None}


@dataclasses.dataclass
class WebcamOptions:
    """``gr.WebcamOptions``: the ``webcam_options`` of Image and Video (Gradio's dataclass, with its defaults)."""

    mirror: bool = True
    """Show the preview flipped left to right, as a mirror, and take pictures flipped the same way; a Video whose only
    source is the webcam also gets its recordings flipped (by ffmpeg, on the server), as in Gradio."""
    constraints: dict[str, Any] | None = None
    """Media constraints handed to the browser's ``getUserMedia``: ``{"video": {...}, "audio": {...}}``, e.g.
    ``{"video": {"width": 320, "height": 240, "facingMode": "user"}}`` (None: an ideal 1920x1440 picture)."""


def webcam_options_dict(options: Any) -> dict[str, Any]:
    """Webcam options as a JSON prop, from ``None``, a dict or an object with ``mirror``/``constraints``."""
    if options is None:
        return dict(DEFAULT_WEBCAM_OPTIONS)
    if isinstance(options, dict):
        return {**DEFAULT_WEBCAM_OPTIONS, **options}
    return {name: getattr(options, name, default) for name, default in DEFAULT_WEBCAM_OPTIONS.items()}


class MediaCard(Component, LabelledCard, register=False):
    """A component whose value is a file (image, sound, video, model...), labelled in a card."""

    data_model_is_file = True


class MediaComponent(MediaCard, CornerButtons, register=False):
    """A media card with icon buttons in its corner."""


class OneFile(MediaCard, register=False):
    """A media card whose payload is one FileData (Image, Audio, Model3D)."""

    #: A file of the component's kind, the example payload in the API docs.
    SAMPLE_URL: ClassVar[str]

    @override
    def api_info(self) -> dict[str, Any]:
        return FILEDATA_SCHEMA

    @override
    def example_payload(self) -> Any:
        return sample_file_payload(self.SAMPLE_URL)

    @override
    def flag(self, payload: Any) -> str:
        return str(payload.get("path", "")) if isinstance(payload, dict) else ""


class Watermarked(Component, register=False):
    """A component that puts a watermark image over the media it shows (Image pastes it, Video overlays it)."""

    watermark: Any = prop(default=None, sent_as="dict[str, Any]")
    """An image put, at its own size, over every image or video this component shows: a ``gr.WatermarkOptions``
    (the image and a corner, or the ``(x, y)`` of its top-left pixel; bottom-right by default) or the image alone.
    An Image takes a path, a PIL image or a numpy array and keeps it 10 pixels in from both edges (SVG and GIF
    images are shown without it); a Video takes a PNG or JPEG path, 5 pixels in, and needs ffmpeg."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.watermark = watermark_options(self.watermark)

    @override
    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        props["watermark"] = self.watermark.to_dict()
        return props

    @override
    def _init_value(self) -> None:
        super()._init_value()
        if self.watermark.watermark is not None and is_watermarked(self.value):
            # A returned gr.Image/gr.Video(value, watermark=...) sends its value watermarked already:
            # the output it updates may have no watermark of its own.
            self.initial_value = self.value


class Uploads(Block, register=False):
    """Events of a component the user uploads files to.

    ``upload`` fires once a file the user chose is uploaded; ``clear`` when the user removes the value.
    """

    upload = EventListener()
    clear = EventListener()


class Records(Block, register=False):
    """Events of a media input the user records from a microphone or a webcam: a recording starts, and stops."""

    start_recording = EventListener()
    stop_recording = EventListener()


class Accepts(Block, register=False):
    """Props of a component the user may upload files to."""

    file_types: list[str] | None = None
    """The files the user may choose: extensions such as ".pdf", or kinds: "image", "video", "audio", "text", "file"
    (None: any file)."""


class Tall(Block, register=False):
    """Props of a component whose display area can be given a height."""

    height: int | float | str | None = None
    """Height of the display area: pixels, or a CSS length such as "50vh" (None: its natural height)."""


class Sized(Tall, register=False):
    """Props of a component whose display area can be given a height and a width."""

    width: int | float | str | None = None
    """Width of the display area: pixels or a CSS length (None: the component's width)."""


class SavesImages(Block, register=False):
    """Props of a component that saves the images a function returns."""

    format: str = "webp"
    """File type in which returned numpy arrays and PIL images are saved ("webp", "png", "jpeg"...); returned files
    and URLs are sent as they are."""


class ReadsImages(Block, register=False):
    """Props of a component that hands uploaded images to the function."""

    type: Literal["numpy", "pil", "filepath"] = "numpy"
    """What the function receives for an image: a numpy array, a PIL image, or the path of the file."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.type not in ("numpy", "pil", "filepath"):
            raise ValueError(f"{type(self).__name__} type must be 'numpy', 'pil' or 'filepath', got {self.type!r}")


class ConvertsImages(ReadsImages, register=False):
    """Props of a component that converts uploaded images to one PIL mode."""

    image_mode: str | None = "RGB"
    """The PIL mode every uploaded image is converted to ("RGB", "RGBA", "L"...; None: the file's own)."""


class Captured(Block, register=False):
    """Props of a media input that the user may record as well as upload."""

    #: The sources offered when ``sources`` is None.
    DEFAULT_SOURCES: ClassVar[tuple[MediaSource, ...]] = ("upload",)
    #: The source that ``streaming=True`` records from, when streaming needs one.
    STREAM_SOURCE: ClassVar[MediaSource | None] = None

    sources: Sequence[MediaSource] | MediaSource | None = None
    """Where the user may take the value from: "upload" a file, record with the "webcam" or "microphone",
    paste from the "clipboard" (None: each the component offers)."""
    streaming: bool = False
    """As an input, send what is recorded to ``stream`` listeners while recording; as an output, play the chunks a
    generator yields as they arrive."""

    def _default_sources(self) -> tuple[MediaSource, ...]:
        return self.DEFAULT_SOURCES

    def _source_list(self) -> list[MediaSource]:
        """``sources`` as a list (as ``__post_init__`` leaves it), the defaults when None."""
        sources = self.sources if self.sources is not None else self._default_sources()
        return [sources] if isinstance(sources, str) else list(sources)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.sources = sources = self._source_list()
        needed = self.STREAM_SOURCE
        if self.streaming and needed is not None and needed not in sources:
            raise ValueError(f"{type(self).__name__} streaming needs {needed!r} in sources.")


class Webcam(Captured, register=False):
    """Props of a media input that may be recorded with the webcam."""

    webcam_options: Any = prop(default=None, sent_as="dict[str, Any]")
    """The webcam's settings: a dict or ``WebcamOptions`` with ``mirror`` (flip the preview and the pictures taken, and
    the recordings of a webcam-only Video, with ffmpeg on the server; True by default) and ``constraints`` (the
    ``getUserMedia`` media constraints: resolution, front or rear camera...; its ``video`` part also applies to a
    camera chosen in the device list)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.webcam_options = webcam_options_dict(self.webcam_options)


class Played(Block, register=False):
    """Props and events of a clip that the browser plays (``play``, ``pause`` and ``stop`` come from its player)."""

    play = EventListener()
    pause = EventListener()
    stop = EventListener()

    autoplay: bool = False
    """Start playing as soon as a value is shown, and each time it changes."""
    loop: bool = False
    """Play again from the start on reaching the end."""
