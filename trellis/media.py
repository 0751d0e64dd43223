"""Sample media files for demos: ``from gradio.media import get_image, get_video, get_audio, get_model3d, get_file``.

The same names as Gradio's ``gradio.media``, answering with files Trellis ships in
``trellis/media_assets/`` (made by ``scripts/make_media_assets.py``, under the file names
Gradio's demos use)::

    from trellis.media import get_image, get_video, MEDIA_PATHS

    get_image("cheetah1.jpg")  # the absolute path of that image, as a str
    get_video()                # the path of a random video
    demo.launch(allowed_paths=MEDIA_PATHS)

Every function takes an optional file name and returns an absolute path (``str``). With no
name it returns a random file of its kind; an ``http://`` or ``https://`` URL is returned as
it is; a name that is not there raises ``FileNotFoundError``.
"""

from __future__ import annotations

import random
from pathlib import Path

MEDIA_ROOT = Path(__file__).parent / "media_assets"
MEDIA_PATHS = [
    MEDIA_ROOT / "images",
    MEDIA_ROOT / "videos",
    MEDIA_ROOT / "audio",
    MEDIA_ROOT / "models3d",
    MEDIA_ROOT / "data",
]


def _get_media_path(media_type: str, filename: str | None = None) -> str:
    """The absolute path of a file in ``MEDIA_ROOT/<media_type>``, or of a random one when ``filename`` is None.

    Args:
        media_type: The folder: ``images``, ``videos``, ``audio``, ``models3d`` or ``data``.
        filename: The file's name in that folder; None for a random file. A URL is returned unchanged.

    Returns:
        The file's absolute path, as a string.

    Raises:
        ValueError: If the folder does not exist or holds no file.
        FileNotFoundError: If the named file does not exist.
    """
    media_dir = MEDIA_ROOT / media_type
    if not media_dir.exists():
        raise ValueError(f"Media directory not found: {media_dir}")
    if filename is None:
        media_files = sorted(path for path in media_dir.glob("*") if not path.name.startswith("."))
        if not media_files:
            raise ValueError(f"No media files found in {media_dir}")
        file_path = random.choice(media_files)
    else:
        if filename.startswith(("http://", "https://")):
            return filename
        file_path = media_dir / filename
    if not file_path.exists():
        raise FileNotFoundError(f"Media file not found: {file_path}")
    return str(file_path.absolute())


def get_image(filename: str | None = None) -> str:
    """The path of a sample image.

    Args:
        filename: The image's name (e.g. ``"tower.jpg"``); None for a random image.

    Returns:
        The image's absolute path.
    """
    return _get_media_path("images", filename)


def get_video(filename: str | None = None) -> str:
    """The path of a sample video.

    Args:
        filename: The video's name (e.g. ``"world.mp4"``); None for a random video.

    Returns:
        The video's absolute path.
    """
    return _get_media_path("videos", filename)


def get_audio(filename: str | None = None) -> str:
    """The path of a sample audio file.

    Args:
        filename: The audio file's name (e.g. ``"cantina.wav"``); None for a random one.

    Returns:
        The audio file's absolute path.
    """
    return _get_media_path("audio", filename)


def get_model3d(filename: str | None = None) -> str:
    """The path of a sample 3D model.

    Args:
        filename: The model's name (e.g. ``"Duck.glb"``); None for a random model.

    Returns:
        The model's absolute path.
    """
    return _get_media_path("models3d", filename)


def get_file(filename: str | None = None) -> str:
    """The path of a sample data file (CSV, JSON, text, subtitles).

    Args:
        filename: The file's name (e.g. ``"titanic.csv"``); None for a random file.

    Returns:
        The file's absolute path.
    """
    return _get_media_path("data", filename)


__all__ = ["MEDIA_PATHS", "MEDIA_ROOT", "get_audio", "get_file", "get_image", "get_model3d", "get_video"]
