"""Gradio's templates: components with other defaults (``gr.Files``, ``gr.Microphone``, ``gr.PlayableVideo``).

Each is sent as its base component (same type string), so the browser draws it with the base's view.
``gr.TextArea`` is one too; it lives with Textbox in ``text.py``.
"""

from __future__ import annotations

from typing import ClassVar

from trellis.components import _media as media
from trellis.components.audio import Audio
from trellis.components.file import File
from trellis.components.video import Video


class Files(File, register=False, type_name="file", defaults={"file_count": "multiple"}):
    """A File that takes several files at once (``file_count="multiple"``)."""

    SIGNATURE = File.SIGNATURE
    is_template: ClassVar[bool] = True


class Microphone(Audio, register=False, type_name="audio", defaults={"format": "wav"}):
    """An Audio recorded from the microphone: ``sources`` defaults to the microphone alone, ``format`` to WAV.

    (Gradio's template uses the microphone whatever ``sources`` says; here a given ``sources`` is kept.)
    """

    SIGNATURE = """value, *, sources, type, label, every, inputs, show_label, container, scale, min_width, interactive,
        visible, streaming, elem_id, elem_classes, render, key, preserved_by_key, format, autoplay, buttons, editable,
        waveform_options, loop, recording, subtitles, playback_position"""
    is_template: ClassVar[bool] = True

    def _default_sources(self) -> tuple[media.MediaSource, ...]:
        return ("microphone",)


#: Gradio's other name for :class:`Microphone`.
Mic = Microphone


class PlayableVideo(Video, register=False, type_name="video", defaults={"format": "mp4"}):
    """A Video for playing back: ``sources`` defaults to uploads alone, ``format`` to MP4.

    (Gradio's template takes uploads only whatever ``sources`` says; here a given ``sources`` is kept.)
    """

    SIGNATURE = Video.SIGNATURE
    is_template: ClassVar[bool] = True

    def _default_sources(self) -> tuple[media.MediaSource, ...]:
        return ("upload",)
