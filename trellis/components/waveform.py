"""``gr.WaveformOptions``: how an Audio component draws and edits its waveform."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass
class WaveformOptions:
    """The ``waveform_options`` of ``gr.Audio`` (Gradio's dataclass, with its defaults).

    Audio reads it by attribute, as it reads a plain dict by key.
    """

    waveform_color: str | None = None
    """The waveform's bars ahead of the playhead (any CSS colour; None: the theme's light grey)."""
    waveform_progress_color: str | None = None
    """The bars the playhead has passed (None: the theme's accent colour)."""
    trim_region_color: str | None = None
    """The trim region while editing (None: the accent colour)."""
    show_recording_waveform: bool = True
    """Draw the waveform while recording and playing; False uses the browser's own audio player."""
    skip_length: int | float = 5
    """How far the skip buttons move, as a percentage (0-100) of the clip."""
    sample_rate: int = 44100
    """The sample rate (Hz) of audio after editing."""
