"""Image, Audio, Video and Gallery: payloads in and out, without a server."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image as PILImage

import trellis as gr
from trellis._filedata import make_filedata
from trellis.components import SHORTCUTS, _audio, registry
from trellis.components import _media as media
from trellis.config.schema import json_schema_to_python_type
from trellis.exceptions import ValidationError


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(directory))
    return directory


@pytest.fixture
def pixels() -> np.ndarray:
    arr = np.zeros((3, 4, 3), dtype=np.uint8)
    arr[..., 0] = [[0, 50, 100, 150]] * 3
    arr[..., 2] = 200
    return arr


def _png(path: Path, array: np.ndarray) -> dict[str, Any]:
    PILImage.fromarray(array).save(path)
    return make_filedata(path)


def _wav(path: Path, rate: int, samples: list[int], channels: int = 1, width: int = 2) -> dict[str, Any]:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        dtype = {1: "u1", 2: "<i2", 4: "<i4"}[width]
        out.writeframes(np.asarray(samples, dtype=dtype).tobytes())
    return make_filedata(path)


def _load(path: str) -> np.ndarray:
    with PILImage.open(path) as im:
        return np.array(im.convert("RGB"))


# -- registry, exports, schemas ------------------------------------------------------------


def test_types_shortcuts_and_exports() -> None:
    for name, cls in [("image", gr.Image), ("audio", gr.Audio), ("video", gr.Video), ("gallery", gr.Gallery)]:
        assert registry.get(name) is cls
        assert SHORTCUTS[name] is cls


@pytest.mark.parametrize(
    ("factory", "python_type"),
    [
        (lambda: gr.Image(render=False), "filepath"),
        (lambda: gr.Audio(render=False), "filepath"),
        (lambda: gr.Video(render=False), "filepath"),
        (
            lambda: gr.Gallery(render=False),
            "list[dict(image: filepath, caption: str | None) | dict(video: filepath, caption: str | None)]",
        ),
    ],
)
def test_python_types(factory: Any, python_type: str) -> None:
    assert json_schema_to_python_type(factory().api_info()) == python_type


def test_example_payloads_are_accepted_in_filepath_mode() -> None:
    assert (
        gr.Image(type="filepath", render=False)
        .preprocess(gr.Image(render=False).example_payload())
        .startswith("https://")
    )
    assert gr.Audio(type="filepath", render=False).preprocess(gr.Audio(render=False).example_payload()).endswith(".wav")
    assert gr.Video(render=False).preprocess(gr.Video(render=False).example_payload()).endswith(".mp4")
    [(path, caption)] = gr.Gallery(render=False).preprocess(gr.Gallery(render=False).example_payload())
    assert path.endswith(".png") and caption is None


def test_props() -> None:
    props = gr.Image(type="pil", height=200, render=False).get_props()
    assert props["type"] == "pil" and props["format"] == "webp" and props["image_mode"] == "RGB"
    assert props["sources"] == ["upload", "webcam", "clipboard"]
    assert props["webcam_options"] == {"mirror": True, "constraints": None}
    assert props["height"] == 200 and props["name"] == "image"
    audio = gr.Audio(sources="microphone", render=False).get_props()
    assert audio["sources"] == ["microphone"] and "format" not in audio
    gallery = gr.Gallery(columns=3, render=False).get_props()
    assert gallery["columns"] == 3 and gallery["allow_preview"] is True and gallery["type"] == "filepath"
    video = gr.Video(render=False).get_props()
    assert video["sources"] == ["upload", "webcam"] and video["include_audio"] is True


def test_events() -> None:
    assert {"change", "clear", "upload", "select", "stream", "input"} <= set(gr.Image.EVENTS)
    assert {"play", "pause", "stop", "start_recording", "stop_recording", "pause_recording"} <= set(gr.Audio.EVENTS)
    assert {"end", "play", "start_recording"} <= set(gr.Video.EVENTS)
    assert {"select", "preview_open", "preview_close", "delete"} <= set(gr.Gallery.EVENTS)


def test_bad_type_is_refused() -> None:
    with pytest.raises(ValueError):
        gr.Image(type="bytes", render=False)  # type: ignore[arg-type]


# -- Image --------------------------------------------------------------------------------


def test_image_numpy_pil_and_filepath_inputs(tmp_path: Path, pixels: np.ndarray) -> None:
    payload = _png(tmp_path / "in.png", pixels)
    arr = gr.Image(render=False).preprocess(payload)
    assert arr.dtype == np.uint8 and np.array_equal(arr, pixels)
    pil = gr.Image(type="pil", render=False).preprocess(payload)
    assert pil.mode == "RGB" and pil.size == (4, 3)
    assert gr.Image(type="filepath", render=False).preprocess(payload) == payload["path"]


def test_image_mode_converts_and_filepath_keeps_extension(tmp_path: Path, pixels: np.ndarray, cache_dir: Path) -> None:
    rgba = np.dstack([pixels, np.full((3, 4), 128, np.uint8)])
    payload = _png(tmp_path / "alpha.png", rgba)
    path = gr.Image(type="filepath", render=False).preprocess(payload)
    assert path != payload["path"] and Path(path).name == "alpha.png" and cache_dir in Path(path).parents
    with PILImage.open(path) as im:
        assert im.mode == "RGB"
    assert gr.Image(image_mode=None, render=False).preprocess(payload).shape == (3, 4, 4)
    assert gr.Image(image_mode="L", render=False).preprocess(payload).shape == (3, 4)


def test_image_refuses_non_images(tmp_path: Path) -> None:
    bad = tmp_path / "x.png"
    bad.write_text("not an image")
    with pytest.raises(ValidationError):
        gr.Image(render=False).preprocess(make_filedata(bad))
    with pytest.raises(ValidationError):
        gr.Image(render=False).preprocess({"no": "path"})
    with pytest.raises(ValidationError):
        gr.Image(render=False).preprocess(gr.Image(render=False).example_payload())


def test_image_output_default_webp(pixels: np.ndarray, cache_dir: Path) -> None:
    out = gr.Image(render=False).postprocess(pixels)
    assert out["orig_name"] == "image.webp" and out["mime_type"] == "image/webp"
    assert out["meta"] == {"_type": "gradio.FileData"} and out["size"] > 0
    assert cache_dir in Path(out["path"]).parents
    with PILImage.open(out["path"]) as im:
        assert im.format == "WEBP" and im.size == (4, 3)


def test_image_output_png_is_lossless_and_content_addressed(pixels: np.ndarray) -> None:
    image = gr.Image(format="png", render=False)
    first = image.postprocess(pixels)
    assert np.array_equal(_load(first["path"]), pixels)
    assert image.postprocess(PILImage.fromarray(pixels))["path"] == first["path"]


@pytest.mark.parametrize(
    ("array", "expected"),
    [
        (np.array([[0.0, 0.5, 1.0]]), [0, 128, 255]),
        (np.array([[True, False]]), [255, 0]),
        (np.array([[0, 65535]], dtype=np.uint16), [0, 255]),
        (np.array([[-5.0, 300.0]]), [0, 255]),
    ],
)
def test_image_arrays_are_scaled_to_uint8(array: np.ndarray, expected: list[int]) -> None:
    assert media.to_uint8(array).tolist() == [expected]


def test_image_output_paths_urls_and_jpeg(tmp_path: Path, pixels: np.ndarray) -> None:
    payload = _png(tmp_path / "keep.png", pixels)
    assert gr.Image(render=False).postprocess(str(tmp_path / "keep.png"))["path"] == payload["path"]
    url = "https://example.com/a/cat.jpg?x=1"
    out = gr.Image(render=False).postprocess(url)
    assert out["path"] == url and out["url"] == url and out["orig_name"] == "cat.jpg"
    rgba = PILImage.fromarray(np.dstack([pixels, pixels[..., 0]]))
    jpeg = gr.Image(format="jpeg", render=False).postprocess(rgba)
    assert jpeg["orig_name"] == "image.jpeg"
    with PILImage.open(jpeg["path"]) as im:
        assert im.format == "JPEG"
    with pytest.raises(ValueError):
        gr.Image(render=False).postprocess(12)


def test_image_initial_value_is_a_payload(pixels: np.ndarray) -> None:
    image = gr.Image(pixels, render=False)
    assert image.get_props()["value"]["orig_name"] == "image.webp"


# -- Audio --------------------------------------------------------------------------------


def test_audio_numpy_mono_and_stereo(tmp_path: Path) -> None:
    audio = gr.Audio(render=False)
    rate, data = audio.preprocess(_wav(tmp_path / "m.wav", 8000, [0, 1, -1, 32767, -32768]))
    assert rate == 8000 and data.dtype == np.int16 and data.tolist() == [0, 1, -1, 32767, -32768]
    rate, data = audio.preprocess(_wav(tmp_path / "s.wav", 16000, [1, -1, 2, -2], channels=2))
    assert rate == 16000 and data.shape == (2, 2) and data.tolist() == [[1, -1], [2, -2]]


def test_audio_reads_8_and_32_bit_wav(tmp_path: Path) -> None:
    _, eight = gr.Audio(render=False).preprocess(_wav(tmp_path / "8.wav", 8000, [0, 128, 255], width=1))
    assert eight.dtype == np.int16 and eight.tolist() == [-32768, 0, 32512]
    _, wide = gr.Audio(render=False).preprocess(_wav(tmp_path / "32.wav", 8000, [1 << 20, -(1 << 30)], width=4))
    assert wide.dtype == np.int32 and wide.tolist() == [1 << 20, -(1 << 30)]


def test_audio_reads_float_wav(tmp_path: Path) -> None:
    samples = np.array([0.0, 0.5, -1.0], dtype="<f4").tobytes()
    fmt = (3).to_bytes(2, "little") + (1).to_bytes(2, "little") + (8000).to_bytes(4, "little")
    fmt += (32000).to_bytes(4, "little") + (4).to_bytes(2, "little") + (32).to_bytes(2, "little")
    body = b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"data" + len(samples).to_bytes(4, "little")
    path = tmp_path / "f.wav"
    path.write_bytes(b"RIFF" + (len(body) + len(samples)).to_bytes(4, "little") + body + samples)
    rate, data = _audio.read_wav(str(path))
    assert rate == 8000 and data.dtype == np.float32 and data.tolist() == [0.0, 0.5, -1.0]


@pytest.mark.parametrize(
    ("fmt", "subtype", "lossless"), [("MP3", None, False), ("FLAC", None, True), ("OGG", "VORBIS", False)]
)
def test_audio_numpy_decodes_other_formats(tmp_path: Path, fmt: str, subtype: str | None, lossless: bool) -> None:
    import soundfile

    tone = (np.sin(2 * np.pi * 440 * np.arange(8000) / 16000) * 0.5).astype(np.float32)
    path = tmp_path / f"tone.{fmt.lower()}"
    soundfile.write(path, tone, 16000, format=fmt, subtype=subtype)
    rate, data = gr.Audio(render=False).preprocess(make_filedata(path))
    assert rate == 16000 and data.dtype == np.int16
    assert abs(len(data) - 8000) <= 2304  # lossy codecs pad by a frame or two
    if lossless:
        assert np.abs(data.astype(np.int32) - np.round(tone * 32767).astype(np.int32)).max() <= 1
    else:
        assert 0.25 < np.abs(data).max() / 32767 < 0.6  # the tone's level survives


def test_audio_refuses_undecodable_files_clearly(tmp_path: Path) -> None:
    m4a = tmp_path / "voice.m4a"
    m4a.write_bytes(b"\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00")
    with pytest.raises(ValidationError, match=r"Cannot decode 'voice\.m4a'.*WAV, MP3"):
        gr.Audio(render=False).preprocess(make_filedata(m4a))
    assert gr.Audio(type="filepath", render=False).preprocess(make_filedata(m4a)) == str(m4a)
    with pytest.raises(ValueError, match="format"):
        gr.Audio(format="aac", render=False)  # type: ignore[arg-type]


def test_audio_format_converts_inputs_and_outputs(tmp_path: Path, cache_dir: Path) -> None:
    import soundfile

    wav = _wav(tmp_path / "in.wav", 16000, [0, 1000, -1000, 2000] * 2000)
    as_mp3 = gr.Audio(type="filepath", format="mp3", render=False).preprocess(wav)
    assert as_mp3.endswith("in.mp3") and soundfile.info(as_mp3).format == "MP3"
    out = gr.Audio(format="mp3", render=False).postprocess((16000, np.zeros(16000, dtype=np.int16)))
    assert out["orig_name"] == "audio.mp3" and out["mime_type"] == "audio/mpeg"
    assert soundfile.info(out["path"]).samplerate == 16000
    converted = gr.Audio(format="mp3", render=False).postprocess(wav["path"])
    assert converted["orig_name"] == "in.mp3" and soundfile.info(converted["path"]).format == "MP3"
    odd_rate = gr.Audio(format="mp3", render=False).postprocess((17000, np.zeros(1700, dtype=np.int16)))
    assert soundfile.info(odd_rate["path"]).samplerate == 22050  # resampled to an MP3 rate
    unchanged = gr.Audio(format="wav", render=False).postprocess(wav["path"])
    assert unchanged["path"] == wav["path"]


def test_mp3_stream_encoder_hands_out_whole_frames() -> None:
    encoder = _audio.Mp3StreamEncoder()
    tone = (np.sin(2 * np.pi * 440 * np.arange(22050) / 22050) * 0.3).astype(np.float32)
    pieces, total = [], 0.0
    for start in range(0, 22050, 2205):
        data, seconds = encoder.feed((22050, tone[start : start + 2205]))
        complete, samples, _ = _audio.mp3_frames(data)
        assert complete == len(data)  # only whole frames
        assert seconds == pytest.approx(samples / 22050)
        pieces.append(data)
        total += seconds
    assert encoder.feed(None) == (b"", 0.0)
    data, seconds = encoder.close()
    pieces.append(data)
    total += seconds
    assert encoder.close() == (b"", 0.0)
    stream = b"".join(pieces)
    assert _audio.mp3_frames(stream)[0] == len(stream)
    assert 1.0 <= total <= 1.0 + 3 * 576 / 22050
    assert stream[:2] == b"\xff\xf3" and any(stream[4:100])  # the empty info frame is left out
    whole = encoder.complete()
    assert b"Xing" in whole[:200] or b"Info" in whole[:200]  # the whole file has it filled in
    import io

    import soundfile

    decoded, rate = soundfile.read(io.BytesIO(whole))
    assert rate == 22050 and abs(len(decoded) - 22050) <= 1152


def test_mp3_stream_encoder_matches_later_chunks_to_the_first() -> None:
    encoder = _audio.Mp3StreamEncoder()
    encoder.feed((16000, np.zeros((1600, 2), dtype=np.int16)))
    assert (encoder.rate, encoder.channels) == (16000, 2)
    encoder.feed((8000, np.zeros(800, dtype=np.int16)))  # resampled and duplicated to stereo
    encoder.feed(_audio.encode_wav(16000, np.zeros(1600, dtype=np.int16)))  # the bytes of a file
    with pytest.raises(ValueError, match="streamed audio chunk"):
        encoder.feed(3.5)
    encoder.close()
    import io

    import soundfile

    decoded, rate = soundfile.read(io.BytesIO(encoder.complete()))
    assert rate == 16000 and decoded.shape[1] == 2 and abs(len(decoded) - 4000) <= 2 * 1152


def _read(path: str) -> tuple[int, int, int, list[int]]:
    with wave.open(path, "rb") as w:
        frames = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").tolist()
        return w.getframerate(), w.getnchannels(), w.getsampwidth(), frames


def test_audio_output_writes_16_bit_wav(cache_dir: Path) -> None:
    out = gr.Audio(render=False).postprocess((8000, np.array([1, -2, 3], dtype=np.int16)))
    assert out["orig_name"] == "audio.wav" and out["mime_type"] in ("audio/wav", "audio/x-wav")
    assert cache_dir in Path(out["path"]).parents
    assert _read(out["path"]) == (8000, 1, 2, [1, -2, 3])
    stereo = gr.Audio(render=False).postprocess((44100, np.array([[1, 2], [3, 4]], dtype=np.int16)))
    assert _read(stereo["path"]) == (44100, 2, 2, [1, 2, 3, 4])
    numpy_rate = gr.Audio(render=False).postprocess((np.int64(8000), [0.5]))
    assert _read(numpy_rate["path"]) == (8000, 1, 2, [16384])
    swapped = gr.Audio(render=False).postprocess((np.array([1, 2], dtype=np.int16), 8000))
    assert _read(swapped["path"]) == (8000, 1, 2, [1, 2])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (np.array([0.0, 0.5, -1.0]), [0, 16384, -32767]),
        (np.array([0.0, 2.0, -4.0], dtype=np.float32), [0, 16384, -32767]),
        (np.array([0, 65536, -65536], dtype=np.int32), [0, 1, -1]),
        (np.array([0, 128, 255], dtype=np.uint8), [-32768, 0, 32512]),
        (np.array([0, 1, -1], dtype=np.int8), [0, 256, -256]),
    ],
)
def test_audio_samples_become_int16(data: np.ndarray, expected: list[int]) -> None:
    assert _audio.to_int16(data).tolist() == expected


def test_audio_output_paths_and_bytes(tmp_path: Path) -> None:
    payload = _wav(tmp_path / "a.wav", 8000, [1, 2])
    assert gr.Audio(render=False).postprocess(payload["path"])["path"] == payload["path"]
    raw = Path(payload["path"]).read_bytes()
    out = gr.Audio(render=False).postprocess(raw)
    assert Path(out["path"]).read_bytes() == raw and out["orig_name"] == "audio.wav"
    assert gr.Audio(render=False).postprocess(None) is None


# -- Video --------------------------------------------------------------------------------


def test_video_in_and_out(tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    video = gr.Video(render=False)
    data = make_filedata(clip)
    assert video.preprocess(data) == str(clip)
    assert video.preprocess({"video": data, "subtitles": None}) == str(clip)  # Gradio 5's shape still reads
    out = video.postprocess(str(clip))
    assert out["path"] == str(clip) and out["mime_type"] == "video/mp4" and out["orig_name"] == "clip.mp4"
    assert video.postprocess(None) is None and video.postprocess((None, None)) is None
    with pytest.raises(ValueError, match="dropped the \\(video, subtitles\\) pair"):
        video.postprocess((clip, tmp_path / "clip.vtt"))
    assert video.api_info()["title"] == "FileData"
    assert video.example_payload()["orig_name"] == "world.mp4"


# -- Gallery ------------------------------------------------------------------------------


def test_gallery_output_items(tmp_path: Path, pixels: np.ndarray) -> None:
    tile = tmp_path / "tile.png"
    PILImage.fromarray(pixels).save(tile)
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"0")
    gallery = gr.Gallery(format="png", render=False)
    out = gallery.postprocess(
        [(pixels, "array"), PILImage.fromarray(pixels), (str(tile), 3), clip, "https://example.com/x.webp"]
    )
    assert [set(item) for item in out] == [{"image", "caption"}] * 3 + [{"video", "caption"}, {"image", "caption"}]
    assert [item["caption"] for item in out] == ["array", None, "3", None, None]
    assert out[0]["image"]["orig_name"] == "image.png" and np.array_equal(_load(out[0]["image"]["path"]), pixels)
    assert out[2]["image"]["orig_name"] == "tile.png"
    assert out[4]["image"]["url"] == "https://example.com/x.webp"
    assert gallery.postprocess(None) == [] and gallery.postprocess([]) == []


def test_gallery_default_format_is_webp(pixels: np.ndarray) -> None:
    [item] = gr.Gallery(render=False).postprocess([pixels])
    assert item["image"]["orig_name"] == "image.webp"
    assert len(gr.Gallery(render=False).postprocess(np.stack([pixels, pixels]))) == 2


def test_gallery_input_types(tmp_path: Path, pixels: np.ndarray) -> None:
    payload = [{"image": _png(tmp_path / "p.png", pixels), "caption": "c"}]
    [(path, caption)] = gr.Gallery(render=False).preprocess(payload)
    assert path.endswith("p.png") and caption == "c"
    [(arr, _)] = gr.Gallery(type="numpy", render=False).preprocess(payload)
    assert np.array_equal(arr, pixels)
    [(pil, _)] = gr.Gallery(type="pil", render=False).preprocess(payload)
    assert pil.size == (4, 3)
    with pytest.raises(ValidationError):
        gr.Gallery(render=False).preprocess("nope")


def test_wav_bytes_are_readable_by_the_stdlib() -> None:
    data = _audio.encode_wav(22050, np.zeros((4, 2), dtype=np.int16))
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getnframes()) == (22050, 2, 4)


def test_audio_subtitles_from_lists_and_files(tmp_path: Path) -> None:
    listed = gr.Audio(subtitles=[{"text": "hi", "timestamp": [0, 1.5]}], render=False).get_props()["subtitles"]
    assert listed == [{"start": 0.0, "end": 1.5, "text": "hi"}]
    srt = tmp_path / "a.srt"
    srt.write_text(
        "1\r\n00:00:01,250 --> 00:00:02,000\r\nHello\r\nthere\r\n\r\n2\r\n01:00:00,000 --> 01:00:01,5\r\nLate\r\n"
    )
    assert gr.Audio(subtitles=srt, render=False).subtitles == [
        {"start": 1.25, "end": 2.0, "text": "Hello\nthere"},
        {"start": 3600.0, "end": 3601.5, "text": "Late"},
    ]
    vtt = tmp_path / "a.vtt"
    vtt.write_text("WEBVTT\n\nNOTE a comment\n\n00:05.000 --> 00:06.000 align:start\nCue\n")
    assert gr.Audio(subtitles=str(vtt), render=False).subtitles == [{"start": 5.0, "end": 6.0, "text": "Cue"}]
    js = tmp_path / "a.json"
    js.write_text('[{"text": "j", "timestamp": [1, 2]}]')
    assert gr.Audio(subtitles=js, render=False).subtitles == [{"start": 1.0, "end": 2.0, "text": "j"}]
    with pytest.raises(ValueError, match="timestamp"):
        gr.Audio(subtitles=[{"text": "no time"}], render=False)
    js.write_text("{not json")
    with pytest.raises(ValueError, match="Invalid JSON"):
        gr.Audio(subtitles=js, render=False)


def test_file_samples_of_examples_show_file_names(tmp_path: Path) -> None:
    # As in Gradio, audio, file and 3D model samples are sent as names, image samples as files.
    song, doc = tmp_path / "song.wav", tmp_path / "doc.txt"
    song.write_bytes(b"RIFF")
    doc.write_text("x")
    dataset = gr.Dataset(
        components=[gr.Audio(render=False), gr.File(render=False), gr.Model3D(render=False), gr.File(render=False)],
        samples=[[str(song), [str(doc), str(song)], "/models/Duck.glb", None]],
        render=False,
    )
    assert dataset.samples == [["song.wav", "doc.txt, song.wav", "Duck.glb", ""]]
    assert gr.Audio(render=False).as_example((8000, np.zeros(4, dtype=np.int16))) == "(audio)"
    picture = tmp_path / "cat.png"
    PILImage.new("RGB", (2, 2)).save(picture)
    image = gr.Dataset(components=[gr.Image(render=False)], samples=[[str(picture)]], render=False)
    assert isinstance(image.samples, list) and image.samples[0][0]["orig_name"] == "cat.png"
