"""Audio codecs for the Audio component: WAV with the standard library, other formats with soundfile.

WAV is read and written without any dependency beyond numpy (the RIFF reader also takes
8/24/32-bit and float files). MP3, FLAC and OGG go through ``soundfile`` (libsndfile, whose
wheels carry their own MP3 encoder and decoder), imported only when such a file is met, so
neither it nor numpy is loaded by ``import trellis``. There is no ffmpeg: formats libsndfile
cannot read (AAC/M4A, WebM) are refused with a clear message.

:class:`Mp3StreamEncoder` turns the chunks a generator yields into one continuous MP3 stream,
cut into whole-frame segments for HLS (see :mod:`trellis.processing.media_stream`).
"""

from __future__ import annotations

import io
import os
import struct
from typing import TYPE_CHECKING, Any

from trellis.components._media import save_bytes
from trellis.exceptions import ValidationError

if TYPE_CHECKING:
    import numpy as np

#: Formats written through soundfile (format name for libsndfile, subtype).
SOUNDFILE_FORMATS: dict[str, tuple[str, str | None]] = {
    "mp3": ("MP3", "MPEG_LAYER_III"),
    "flac": ("FLAC", None),
    "ogg": ("OGG", "VORBIS"),
}
#: Sample rates an MP3 stream may have.
MP3_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)


def _soundfile() -> Any:
    try:
        import soundfile
    except ImportError:  # pragma: no cover - depends on the environment
        raise ValidationError(
            "Reading or writing this audio format needs the 'soundfile' package: pip install soundfile "
            "(or pip install 'trellis[media]'). WAV works without it."
        ) from None
    return soundfile


# -- WAV ---------------------------------------------------------------------------------

_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE


def is_wav(head: bytes) -> bool:
    return len(head) >= 12 and head[:4] in (b"RIFF", b"RIFX") and head[8:12] == b"WAVE"


def read_wav(path: str) -> tuple[int, np.ndarray]:
    """``(sample_rate, samples)`` of a WAV file; shape ``(n,)`` for mono and ``(n, channels)`` otherwise.

    16-bit files come back as int16, 8-bit as int16 too, 24/32-bit PCM as int32 and float files as float32.
    """
    with open(path, "rb") as fh:
        data = fh.read()
    return parse_wav(data, os.path.basename(path))


def parse_wav(data: bytes, name: str = "audio") -> tuple[int, np.ndarray]:
    import numpy as np

    if not is_wav(data):
        raise ValidationError(f"{name!r} is not a WAV file.")
    big = data[:4] == b"RIFX"
    endian = ">" if big else "<"
    offset, fmt, samples = 12, None, None
    while offset + 8 <= len(data):
        chunk_id = data[offset : offset + 4]
        (size,) = struct.unpack(endian + "I", data[offset + 4 : offset + 8])
        body = data[offset + 8 : offset + 8 + size]
        if chunk_id == b"fmt ":
            tag, channels, rate, _, _, bits = struct.unpack(endian + "HHIIHH", body[:16])
            if tag == _EXTENSIBLE and len(body) >= 26:
                (tag,) = struct.unpack(endian + "H", body[24:26])
            fmt = (tag, channels, rate, bits)
        elif chunk_id == b"data":
            samples = body
        offset += 8 + size + (size & 1)
    if fmt is None or samples is None:
        raise ValidationError(f"{name!r} has no audio data.")
    tag, channels, rate, bits = fmt
    width = bits // 8
    usable = len(samples) - len(samples) % (width * max(channels, 1))
    raw = samples[:usable]
    if tag == _FLOAT and width in (4, 8):
        array = np.frombuffer(raw, dtype=f"{endian}f{width}").astype(np.float32)
    elif tag == _PCM and width == 1:
        array = ((np.frombuffer(raw, dtype=np.uint8).astype(np.int16) - 128) << 8).astype(np.int16)
    elif tag == _PCM and width == 2:
        array = np.frombuffer(raw, dtype=f"{endian}i2").astype(np.int16)
    elif tag == _PCM and width == 3:
        triples = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        if big:
            triples = triples[:, ::-1]
        array = (triples[:, 0] << 8 | triples[:, 1] << 16 | triples[:, 2] << 24).astype(np.int32)
    elif tag == _PCM and width == 4:
        array = np.frombuffer(raw, dtype=f"{endian}i4").astype(np.int32)
    else:
        raise ValidationError(f"Unsupported WAV encoding (format {tag}, {bits} bits).")
    if channels > 1:
        array = array.reshape(-1, channels)
    return rate, array


def to_int16(data: Any) -> np.ndarray:
    """Samples as int16: floats in [-1, 1] are scaled (louder ones normalised), wider ints shifted."""
    import numpy as np

    arr = np.asarray(data)
    if arr.dtype == np.int16:
        return arr
    if arr.dtype == np.bool_:
        return arr.astype(np.int16) * 32767
    if np.issubdtype(arr.dtype, np.floating):
        arr = np.nan_to_num(arr.astype(np.float64))
        peak = float(np.abs(arr).max()) if arr.size else 0.0
        if peak > 1:
            arr = arr / peak
        scaled: np.ndarray = np.clip(np.round(arr * 32767), -32768, 32767).astype(np.int16)
        return scaled
    if np.issubdtype(arr.dtype, np.unsignedinteger):
        bits = arr.dtype.itemsize * 8
        centred = arr.astype(np.int64) - (1 << (bits - 1))
        return (centred >> (bits - 16) if bits > 16 else centred << (16 - bits)).astype(np.int16)
    if np.issubdtype(arr.dtype, np.integer):
        bits = arr.dtype.itemsize * 8
        wide = arr.astype(np.int64)
        return (wide >> (bits - 16) if bits > 16 else wide << (16 - bits)).astype(np.int16)
    raise ValueError(f"Cannot make audio from an array of dtype {arr.dtype}")


def _check_shape(samples: np.ndarray) -> int:
    if samples.ndim not in (1, 2):
        raise ValueError(f"Audio data must be (samples,) or (samples, channels), got shape {samples.shape}")
    return 1 if samples.ndim == 1 else int(samples.shape[1])


def encode_wav(sample_rate: int, data: Any) -> bytes:
    """16-bit PCM WAV bytes; ``data`` is ``(n,)`` for mono or ``(n, channels)``."""
    import wave

    samples = to_int16(data)
    channels = _check_shape(samples)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(int(sample_rate))
        out.writeframes(samples.astype("<i2").tobytes())
    return buffer.getvalue()


def save_wav(sample_rate: int, data: Any, name: str = "audio") -> str:
    return save_bytes(encode_wav(sample_rate, data), f"{name}.wav")


# -- any format ------------------------------------------------------------------------------


def read_audio(path: str) -> tuple[int, np.ndarray]:
    """``(sample_rate, samples)`` of an audio file: WAV natively, MP3/FLAC/OGG/AIFF through soundfile."""
    name = os.path.basename(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except OSError as exc:
        raise ValidationError(f"Cannot read {name!r}: {exc.strerror or exc}") from None
    if is_wav(head):
        return read_wav(path)
    return _read_with_soundfile(path, name)


def decode_audio_bytes(data: bytes, name: str = "audio") -> tuple[int, np.ndarray]:
    """Like :func:`read_audio`, for the bytes of an encoded file."""
    if is_wav(data[:12]):
        return parse_wav(data, name)
    return _read_with_soundfile(io.BytesIO(data), name)


def _read_with_soundfile(source: Any, name: str) -> tuple[int, np.ndarray]:
    soundfile = _soundfile()
    try:
        samples, rate = soundfile.read(source, dtype="int16", always_2d=False)
    except (RuntimeError, TypeError, ValueError, soundfile.LibsndfileError) as exc:
        raise ValidationError(
            f"Cannot decode {name!r} as audio ({exc}). Supported formats: WAV, MP3, FLAC, OGG/Vorbis/Opus, AIFF."
        ) from None
    return int(rate), samples


def encode_audio(sample_rate: int, data: Any, format: str = "wav") -> bytes:
    """The bytes of ``data`` as a ``format`` file (``wav``, ``mp3``, ``flac`` or ``ogg``)."""
    fmt = (format or "wav").lower().lstrip(".")
    if fmt == "wav":
        return encode_wav(sample_rate, data)
    if fmt not in SOUNDFILE_FORMATS:
        raise ValueError(f"Cannot write audio as {format!r}: use one of wav, mp3, flac, ogg.")
    samples = to_int16(data)
    channels = _check_shape(samples)
    rate = int(sample_rate)
    if fmt == "mp3" and rate not in MP3_RATES:
        target = mp3_rate(rate)
        samples, rate = resample(samples, rate, target), target
    soundfile = _soundfile()
    major, subtype = SOUNDFILE_FORMATS[fmt]
    buffer = io.BytesIO()
    with soundfile.SoundFile(buffer, "w", samplerate=rate, channels=channels, format=major, subtype=subtype) as out:
        out.write(samples)
    return buffer.getvalue()


def save_audio(sample_rate: int, data: Any, format: str = "wav", name: str = "audio") -> str:
    fmt = (format or "wav").lower().lstrip(".")
    return save_bytes(encode_audio(sample_rate, data, fmt), f"{name}.{fmt}")


def mp3_rate(rate: int) -> int:
    """The MP3 sample rate nearest above ``rate`` (48 kHz at most)."""
    return next((r for r in MP3_RATES if r >= rate), MP3_RATES[-1])


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Linear-interpolation resampling (good enough for previews; keeps int16)."""
    import numpy as np

    if rate == target or len(samples) == 0:
        return samples
    count = max(1, round(len(samples) * target / rate))
    positions = np.linspace(0, len(samples) - 1, count)
    base = np.arange(len(samples))
    if samples.ndim == 1:
        out = np.interp(positions, base, samples)
    else:
        out = np.stack([np.interp(positions, base, samples[:, c]) for c in range(samples.shape[1])], axis=1)
    resampled: np.ndarray = np.clip(np.round(out), -32768, 32767).astype(np.int16)
    return resampled


def match_channels(samples: np.ndarray, channels: int) -> np.ndarray:
    """Mix down to mono or repeat a mono signal, so every chunk of a stream has the same channels."""
    import numpy as np

    have = 1 if samples.ndim == 1 else samples.shape[1]
    if have == channels:
        return samples
    if channels == 1:
        mixed: np.ndarray = samples.mean(axis=1).round().astype(np.int16)
        return mixed
    mono = samples if samples.ndim == 1 else samples.mean(axis=1).round().astype(np.int16)
    return np.repeat(mono[:, None], channels, axis=1)


# -- streaming -----------------------------------------------------------------------------------

_BITRATES = {
    # (version is MPEG-1, layer III) → kbps by index
    True: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    False: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _frame(data: bytes, offset: int) -> tuple[int, int, int] | None:
    """``(length, samples, rate)`` of the MPEG layer III frame whose header is at ``offset``."""
    if offset + 4 > len(data):
        return None
    b1, b2 = data[offset + 1], data[offset + 2]
    if data[offset] != 0xFF or (b1 & 0xE0) != 0xE0:
        return None
    version = (b1 >> 3) & 0x3  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    layer = (b1 >> 1) & 0x3  # 1: layer III
    bitrate_index = (b2 >> 4) & 0xF
    rate_index = (b2 >> 2) & 0x3
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    mpeg1 = version == 3
    rate = _RATES[version][rate_index]
    bitrate = _BITRATES[mpeg1][bitrate_index] * 1000
    padding = (b2 >> 1) & 0x1
    length = (144 if mpeg1 else 72) * bitrate // rate + padding
    return length, (1152 if mpeg1 else 576), rate


def mp3_frames(data: bytes) -> tuple[int, int, int]:
    """Walk the MPEG layer III frames at the start of ``data``.

    Returns ``(complete_bytes, samples, sample_rate)``: how many bytes hold whole frames, how many
    samples (per channel) they decode to, and their rate (0 when no frame was found).
    """
    offset = samples = rate = 0
    while (frame := _frame(data, offset)) is not None and offset + frame[0] <= len(data):
        offset += frame[0]
        samples += frame[1]
        rate = frame[2]
    return offset, samples, rate


class Mp3StreamEncoder:
    """One continuous MP3 stream fed chunk by chunk; hands out whole frames as they are encoded.

    :meth:`feed` takes what a generator yields (see :func:`chunk_samples`), :meth:`feed_samples`
    raw samples. The first chunk fixes the sample rate (an MP3 rate) and the channel count; later
    chunks are resampled and mixed to match. Not thread-safe: one generator feeds one encoder.

    The encoder starts its output with an empty frame that it fills with the stream's length
    when it is closed; the streamed frames leave it out, :meth:`complete` has it filled in.
    """

    extension = "mp3"
    mime_type = "audio/mpeg"

    def __init__(self) -> None:
        self.rate = 0
        self.channels = 0
        self._buffer = io.BytesIO()
        self._file: Any = None
        self._sent = 0  # bytes of the buffer handed out (or skipped)
        self.closed = False

    def feed(self, value: Any) -> tuple[bytes, float]:
        """Encode one yielded value; returns the newly completed frames and their duration in seconds."""
        chunk = chunk_samples(value)
        if chunk is None:
            return b"", 0.0
        return self.feed_samples(*chunk)

    def feed_samples(self, sample_rate: int, data: Any) -> tuple[bytes, float]:
        """Encode samples; returns the newly completed frames and their duration in seconds."""
        samples = to_int16(data)
        _check_shape(samples)
        if self._file is None:
            self.rate = int(sample_rate) if int(sample_rate) in MP3_RATES else mp3_rate(int(sample_rate))
            self.channels = min(2, 1 if samples.ndim == 1 else int(samples.shape[1]))
            major, subtype = SOUNDFILE_FORMATS["mp3"]
            self._file = _soundfile().SoundFile(
                self._buffer, "w", samplerate=self.rate, channels=self.channels, format=major, subtype=subtype
            )
        samples = match_channels(resample(samples, int(sample_rate), self.rate), self.channels)
        if len(samples):
            self._file.write(samples)
        return self._take()

    def close(self) -> tuple[bytes, float]:
        """Flush the encoder; returns the last frames. The whole file is then :meth:`complete`."""
        if self.closed:
            return b"", 0.0
        self.closed = True
        if self._file is None:
            return b"", 0.0
        self._file.close()
        return self._take()

    def complete(self) -> bytes:
        """The whole MP3 file (with its info frame filled in, once closed)."""
        return self._buffer.getvalue()

    def _take(self) -> tuple[bytes, float]:
        with self._buffer.getbuffer() as view:
            data = bytes(view[self._sent :])
        if self._sent == 0:
            first = _frame(data, 0)
            if first is None or first[0] > len(data):
                return b"", 0.0
            if not any(data[4 : first[0]]):  # the placeholder info frame
                self._sent = first[0]
                data = data[first[0] :]
        whole, samples, rate = mp3_frames(data)
        self._sent += whole
        return data[:whole], (samples / rate if rate else 0.0)


def chunk_samples(value: Any) -> tuple[int, np.ndarray] | None:
    """A streamed chunk as ``(sample_rate, int16 samples)``: a tuple, the bytes of a file, or a file path."""
    if value is None:
        return None
    pair = rate_and_samples(value)
    if pair is not None:
        return pair[0], to_int16(pair[1])
    if isinstance(value, (bytes, bytearray)):
        rate, samples = decode_audio_bytes(bytes(value), "chunk")
        return rate, to_int16(samples)
    if isinstance(value, dict) and isinstance(value.get("path"), str):
        value = value["path"]
    if isinstance(value, (str, os.PathLike)):
        rate, samples = read_audio(os.fspath(value))
        return rate, to_int16(samples)
    raise ValueError(
        f"A streamed audio chunk must be (sample_rate, array), the bytes of an audio file or a path, "
        f"got {type(value).__name__}"
    )


def rate_and_samples(value: Any) -> tuple[int, Any] | None:
    """``(sample_rate, samples)`` from a ``(rate, samples)`` pair, forgiving ``(samples, rate)``.

    ``None`` for anything else (a path, bytes…).
    """
    if not isinstance(value, (tuple, list)) or len(value) != 2 or isinstance(value[0], (str, os.PathLike)):
        return None
    rate, data = value
    if _is_scalar(data) and not _is_scalar(rate):
        rate, data = data, rate
    return int(rate), data


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (int, float)) or getattr(value, "ndim", None) == 0
