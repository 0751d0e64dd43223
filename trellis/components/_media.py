"""Media helpers for the image, audio, video and gallery components.

Images go through Pillow and numpy, imported inside the functions so that
``import trellis`` never loads them (audio lives in :mod:`trellis.components._audio`).
Files made here are stored content-addressed in the cache directory
(``<cache>/<sha256>/<name>``), so the output step finds them already cached.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trellis._filedata import FILE_META, clean_filename, default_cache_dir, make_filedata
from trellis.exceptions import ValidationError

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image as PILImage

URL_PREFIXES = ("http://", "https://")

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


def media_kind(path: str) -> str | None:
    """``"image"``, ``"video"``, ``"audio"``… from the file name, or ``None``."""
    mime = mimetypes.guess_type(path.split("?", 1)[0])[0]
    return mime.split("/", 1)[0] if mime else None


def payload_path(payload: Any, component: str) -> str:
    """The ``path`` of a FileData payload, or a :class:`ValidationError`."""
    if not isinstance(payload, dict) or not isinstance(payload.get("path"), str):
        raise ValidationError(f"{component} expects a FileData object with a 'path', got {payload!r:.120}")
    return payload["path"]


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
        return np.clip(np.nan_to_num(arr), 0, 255).round().astype(np.uint8)
    if np.issubdtype(arr.dtype, np.integer):
        if arr.size and (arr.max() > 255 or arr.min() < 0):
            info = np.iinfo(arr.dtype)
            scaled = (arr.astype(np.float64) - info.min) / (info.max - info.min) * 255
            return scaled.round().astype(np.uint8)
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
        image = Image.open(path)
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
            return image.size
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
