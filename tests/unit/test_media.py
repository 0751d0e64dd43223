"""``gr.media`` (``gradio.media``): its functions, and the sample files Trellis makes for them.

The files are Trellis's own (``scripts/make_media_assets.py``), under the names Gradio's demos and
docs use. Each is checked to be what its name says, mostly by its bytes (magic numbers, headers,
chunk lengths), with Pillow and the ``wave`` module where a decoder helps; PyAV only if installed.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import random
import re
import struct
import subprocess
import sys
import tempfile
import textwrap
import wave
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import trellis as gr
from trellis import media

ROOT = Path(__file__).resolve().parents[2]

#: The file names Gradio 6.31 ships in gradio/media_assets (names are what demos ask for).
NAMES = {
    "images": {
        "avatar.png",
        "bus.png",
        "cheetah.jpg",
        "cheetah1.jpg",
        "groot.jpeg",
        "hf-logo_transpng.png",
        "lion.jpg",
        "logo.png",
        "screenshot.gif",
        "tower.jpg",
    },
    "audio": {
        "audio_sample.wav",
        "cantina.wav",
        "cate_blanch.mp3",
        "cate_blanch_2.mp3",
        "heath_ledger.mp3",
        "recording1.wav",
        "sax.wav",
    },
    "videos": {"a.mp4", "b.avi", "b.mp4", "muted_b.mp4", "world.mp4"},
    "models3d": {"Bunny.obj", "Duck.glb", "Fox.gltf", "face.obj", "sofia.stl"},
    "data": {"imagenet_labels.json", "s1.srt", "s2.vtt", "s3.json", "sample.txt", "time.csv", "titanic.csv"},
}
GETTERS = {
    "images": media.get_image,
    "audio": media.get_audio,
    "videos": media.get_video,
    "models3d": media.get_model3d,
    "data": media.get_file,
}
ALL = [(kind, name) for kind, names in NAMES.items() for name in sorted(names)]


# -- the module --------------------------------------------------------------------------------


def test_media_root_and_paths_are_the_five_folders_in_gradios_order() -> None:
    assert media.MEDIA_ROOT == ROOT / "trellis" / "media_assets"
    assert media.MEDIA_PATHS == [media.MEDIA_ROOT / k for k in ("images", "videos", "audio", "models3d", "data")]
    assert all(isinstance(p, Path) and p.is_dir() for p in media.MEDIA_PATHS)


@pytest.mark.parametrize("kind", list(NAMES))
def test_each_folder_holds_exactly_gradios_file_names(kind: str) -> None:
    assert {p.name for p in (media.MEDIA_ROOT / kind).iterdir()} == NAMES[kind]


@pytest.mark.parametrize(("kind", "name"), ALL)
def test_a_name_gives_the_absolute_path_of_that_file_as_a_str(kind: str, name: str) -> None:
    path = GETTERS[kind](name)
    assert isinstance(path, str) and Path(path).is_absolute()
    assert Path(path) == media.MEDIA_ROOT / kind / name and Path(path).is_file()


@pytest.mark.parametrize("kind", list(NAMES))
def test_no_name_gives_a_random_file_of_that_kind(kind: str) -> None:
    random.seed(3)
    picks = {GETTERS[kind]() for _ in range(60)}
    assert all(isinstance(p, str) and Path(p).parent == media.MEDIA_ROOT / kind for p in picks)
    assert {Path(p).name for p in picks} == NAMES[kind]  # 60 draws reach every file (fixed seed)


@pytest.mark.parametrize("getter", list(GETTERS.values()))
def test_an_unknown_name_raises_file_not_found(getter: Any) -> None:
    with pytest.raises(FileNotFoundError, match=r"Media file not found: .*no_such_file\.bin"):
        getter("no_such_file.bin")


def test_a_url_is_returned_as_it_is() -> None:
    assert media.get_video("https://example.com/v.mp4") == "https://example.com/v.mp4"
    assert media.get_image("http://example.com/i.png") == "http://example.com/i.png"


def test_an_unknown_kind_raises_value_error() -> None:
    with pytest.raises(ValueError, match="Media directory not found"):
        media._get_media_path("sculptures", "x")


def test_the_functions_are_also_names_of_the_package_as_in_gradio() -> None:
    assert gr.media is media
    for name in ("get_image", "get_audio", "get_video", "get_model3d", "get_file"):
        assert getattr(gr, name) is getattr(media, name)
        assert name in gr.__all__


def _run(code: str) -> Any:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_import_trellis_does_not_load_the_media_module() -> None:
    code = """
import json, sys
import trellis
before = "trellis.media" in sys.modules
trellis.get_image
print(json.dumps([before, "trellis.media" in sys.modules]))
"""
    assert _run(code) == [False, True]


def test_gradio_media_resolves_to_trellis_media_under_the_alias() -> None:
    code = """
import json, sys
import trellis
from trellis import _aliases
_aliases.alias_gradio()
import gradio as gr
import gradio.media
from gradio.media import get_image, MEDIA_PATHS
print(json.dumps([gradio.media is trellis.media, gr.media is trellis.media, get_image is trellis.get_image,
                  len(MEDIA_PATHS), get_image("lion.jpg").endswith("lion.jpg")]))
"""
    assert _run(code) == [True, True, True, 5, True]


# -- the files: images ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NAMES["images"]))
def test_every_image_opens_in_the_format_its_name_says(name: str) -> None:
    expected = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF"}[Path(name).suffix]
    with Image.open(media.get_image(name)) as image:
        assert image.format == expected
        image.load()
        assert 32 <= image.width <= 1024 and 32 <= image.height <= 1024


def test_the_transparent_png_has_clear_and_solid_pixels() -> None:
    with Image.open(media.get_image("hf-logo_transpng.png")) as image:
        assert image.mode == "RGBA"
        low, high = image.getchannel("A").getextrema()
        assert (low, high) == (0, 255)


def test_avatar_and_logo_are_small_transparent_pngs() -> None:
    for name in ("avatar.png", "logo.png"):
        with Image.open(media.get_image(name)) as image:
            assert image.mode == "RGBA" and image.size == (66, 57)
            assert image.getchannel("A").getextrema()[0] == 0


def test_the_gif_is_animated_and_loops() -> None:
    with Image.open(media.get_image("screenshot.gif")) as image:
        assert image.is_animated and image.n_frames >= 8
        assert image.info["loop"] == 0 and image.info["duration"] > 0


# -- audio ---------------------------------------------------------------------------------------

#: (channels, sample rate) of each WAV file.
WAVS = {"audio_sample.wav": (1, 8000), "cantina.wav": (1, 22050), "recording1.wav": (2, 16000), "sax.wav": (1, 11025)}


@pytest.mark.parametrize("name", sorted(WAVS))
def test_every_wav_is_16_bit_pcm_with_sound_in_it(name: str) -> None:
    with wave.open(media.get_audio(name)) as f:
        assert (f.getnchannels(), f.getframerate()) == WAVS[name]
        assert f.getsampwidth() == 2 and f.getcomptype() == "NONE"
        seconds = f.getnframes() / f.getframerate()
        assert 0.9 <= seconds <= 10
        frames = f.readframes(f.getnframes())
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    assert max(abs(s) for s in samples) > 10_000  # not silence


@pytest.mark.parametrize("name", ["cate_blanch.mp3", "cate_blanch_2.mp3", "heath_ledger.mp3"])
def test_every_mp3_starts_with_an_mpeg_audio_frame(name: str) -> None:
    data = Path(media.get_audio(name)).read_bytes()
    if data[:3] == b"ID3":  # skip an ID3v2 tag: 10 bytes of header and a syncsafe size
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        data = data[10 + size :]
    assert data[0] == 0xFF and data[1] & 0xE0 == 0xE0, "no MPEG frame sync"
    assert (data[1] >> 1) & 0b11 == 0b01, "not layer III"
    assert 8_000 < len(data) < 60_000


def test_the_mp3s_decode_when_libsndfile_reads_mp3() -> None:
    soundfile = pytest.importorskip("soundfile")
    if "MP3" not in soundfile.available_formats():
        pytest.skip("this libsndfile has no MP3 support")
    for name in ("cate_blanch.mp3", "cate_blanch_2.mp3", "heath_ledger.mp3"):
        info = soundfile.info(media.get_audio(name))
        assert info.samplerate == 32000 and info.channels == 1 and 1.5 < info.duration < 4


# -- videos --------------------------------------------------------------------------------------


def _boxes(data: bytes) -> list[str]:
    """The top-level box types of an MP4 file, in order."""
    out, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        out.append(kind.decode("latin-1"))
        if size < 8:
            break
        offset += size
    assert offset == len(data), "the boxes do not add up to the file"
    return out


@pytest.mark.parametrize("name", ["a.mp4", "b.mp4", "muted_b.mp4", "world.mp4"])
def test_every_mp4_is_h264_with_its_index_first(name: str) -> None:
    data = Path(media.get_video(name)).read_bytes()
    boxes = _boxes(data)
    assert boxes[0] == "ftyp" and "moov" in boxes and "mdat" in boxes
    assert boxes.index("moov") < boxes.index("mdat"), "moov first, so browsers can start playing at once"
    assert b"avc1" in data and b"avcC" in data  # H.264 video
    assert (b"mp4a" in data) == (name != "muted_b.mp4")  # AAC audio, except in the muted one
    assert len(data) < 100_000


def test_the_avi_is_a_riff_avi_with_video_and_audio() -> None:
    data = Path(media.get_video("b.avi")).read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"AVI "
    assert struct.unpack("<I", data[4:8])[0] + 8 == len(data)
    assert b"vids" in data and b"auds" in data


def test_the_videos_decode_with_pyav_when_installed() -> None:
    av = pytest.importorskip("av", reason="PyAV is a dev-only tool (scripts/make_media_assets.py); not installed")
    for name in sorted(NAMES["videos"]):
        with av.open(media.get_video(name)) as container:
            assert 1.5 <= container.duration / 1e6 <= 3.5
            video = container.streams.video[0]
            assert (video.codec_context.width, video.codec_context.height) == (320, 180)
            assert len(container.streams.audio) == (0 if name == "muted_b.mp4" else 1)
            assert sum(1 for _ in container.decode(video=0)) >= 40


# -- 3D models -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Bunny.obj", "face.obj"])
def test_every_obj_has_faces_over_its_vertices(name: str) -> None:
    vertices = normals = 0
    faces: list[list[int]] = []
    for line in Path(media.get_model3d(name)).read_text(encoding="ascii").splitlines():
        kind, *rest = line.split() or [""]
        if kind == "v":
            assert len([float(x) for x in rest]) == 3
            vertices += 1
        elif kind == "vn":
            normals += 1
        elif kind == "f":
            faces.append([int(corner.split("/")[0]) for corner in rest])
    assert vertices >= 200 and normals == vertices and len(faces) >= 300
    assert all(len(f) == 3 and all(1 <= i <= vertices for i in f) for f in faces)


def _check_gltf(document: dict[str, Any], buffer: bytes) -> None:
    assert document["asset"]["version"] == "2.0"
    assert document["buffers"][0]["byteLength"] == len(buffer)
    for view in document["bufferViews"]:
        assert view["byteOffset"] + view["byteLength"] <= len(buffer)
    sizes = {5126: 4, 5123: 2}
    for accessor in document["accessors"]:
        view = document["bufferViews"][accessor["bufferView"]]
        width = {"VEC3": 3, "SCALAR": 1}[accessor["type"]] * sizes[accessor["componentType"]]
        assert accessor["count"] * width == view["byteLength"]
    [mesh] = document["meshes"]
    for primitive in mesh["primitives"]:
        positions = document["accessors"][primitive["attributes"]["POSITION"]]
        assert len(positions["min"]) == len(positions["max"]) == 3
        view = document["bufferViews"][document["accessors"][primitive["indices"]]["bufferView"]]
        indices = struct.unpack_from(f"<{view['byteLength'] // 2}H", buffer, view["byteOffset"])
        assert len(indices) % 3 == 0 and max(indices) < positions["count"]
        assert primitive["material"] < len(document["materials"])


def test_the_glb_is_binary_gltf_2_with_a_json_and_a_bin_chunk() -> None:
    data = Path(media.get_model3d("Duck.glb")).read_bytes()
    magic, version, length = struct.unpack("<4sII", data[:12])
    assert (magic, version, length) == (b"glTF", 2, len(data))
    json_length, json_type = struct.unpack("<I4s", data[12:20])
    assert json_type == b"JSON"
    document = json.loads(data[20 : 20 + json_length])
    bin_length, bin_type = struct.unpack("<I4s", data[20 + json_length : 28 + json_length])
    assert bin_type == b"BIN\x00"
    _check_gltf(document, data[28 + json_length : 28 + json_length + bin_length])


def test_the_gltf_embeds_its_buffer_as_a_data_uri() -> None:
    import base64

    document = json.loads(Path(media.get_model3d("Fox.gltf")).read_text(encoding="ascii"))
    uri = document["buffers"][0]["uri"]
    prefix = "data:application/octet-stream;base64,"
    assert uri.startswith(prefix)
    _check_gltf(document, base64.b64decode(uri[len(prefix) :]))


def test_the_stl_is_binary_with_as_many_triangles_as_it_says() -> None:
    data = Path(media.get_model3d("sofia.stl")).read_bytes()
    assert not data.startswith(b"solid")  # binary, not ASCII STL
    (count,) = struct.unpack("<I", data[80:84])
    assert count >= 500 and len(data) == 84 + 50 * count


# -- data ----------------------------------------------------------------------------------------


def test_titanic_csv_has_the_data_sets_columns_and_rows_of_the_right_types() -> None:
    with open(media.get_file("titanic.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == [
        "PassengerId",
        "Survived",
        "Pclass",
        "Name",
        "Sex",
        "Age",
        "SibSp",
        "Parch",
        "Ticket",
        "Fare",
        "Cabin",
        "Embarked",
    ]
    assert len(rows) >= 50
    assert [int(r["PassengerId"]) for r in rows] == list(range(1, len(rows) + 1))
    assert {r["Survived"] for r in rows} == {"0", "1"} and {r["Pclass"] for r in rows} == {"1", "2", "3"}
    assert {r["Sex"] for r in rows} == {"male", "female"}
    assert all(re.fullmatch(r"[^,]+, (Mr|Mrs|Miss|Master)\. [A-Z][a-z]+", r["Name"]) for r in rows)
    assert all(float(r["Fare"]) > 0 and (r["Age"] == "" or float(r["Age"]) > 0) for r in rows)


def test_time_csv_has_time_value_and_price() -> None:
    with open(media.get_file("time.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["time", "value", "price"] and len(rows) >= 5
    assert all(all(v.isdigit() for v in row.values()) for row in rows)


def test_imagenet_labels_is_a_list_of_a_thousand_distinct_labels() -> None:
    labels = json.loads(Path(media.get_file("imagenet_labels.json")).read_text(encoding="utf-8"))
    assert isinstance(labels, list) and len(labels) == len(set(labels)) == 1000
    assert all(isinstance(label, str) and label for label in labels)


def test_sample_txt_is_one_line_of_text() -> None:
    assert Path(media.get_file("sample.txt")).read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize("name", ["s1.srt", "s2.vtt", "s3.json"])
def test_the_subtitle_files_load_as_video_and_audio_subtitles(name: str) -> None:
    video = gr.Video(subtitles=media.get_file(name))
    vtt = Path(video.subtitles["path"]).read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT") and vtt.count("-->") == 6 and "00:00:02.500 --> 00:00:04.000" in vtt
    cues = gr.Audio(subtitles=media.get_file(name)).subtitles
    assert [c["start"] for c in cues] == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    assert cues[4]["text"] == "Über größe: ça va? ¡sí!"  # non-ASCII text survives each format


def test_the_three_subtitle_files_hold_the_same_cues() -> None:
    srt = Path(media.get_file("s1.srt")).read_text(encoding="utf-8")
    vtt = Path(media.get_file("s2.vtt")).read_text(encoding="utf-8")
    cues = json.loads(Path(media.get_file("s3.json")).read_text(encoding="utf-8"))
    assert re.search(r"^1\n00:00:00,000 --> 00:00:00,500\n", srt)
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:00.500\n")
    assert [c["timestamp"] for c in cues][-1] == [2.5, 4.0]


# -- the script ----------------------------------------------------------------------------------


def test_the_script_remakes_the_data_and_models_byte_for_byte(tmp_path: Path) -> None:
    """Data and meshes need only numpy and the standard library, so their bytes are stable anywhere.

    (Pictures, sounds and videos also come out identical on a rerun with the same tool versions, but a
    different libjpeg, zlib, LAME or x264 may encode them differently, so they are not compared here.)
    """
    pytest.importorskip("numpy")
    spec = importlib.util.spec_from_file_location("make_media_assets", ROOT / "scripts" / "make_media_assets.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.make_data(tmp_path / "data")
    script.make_models(tmp_path / "models3d")
    for kind in ("data", "models3d"):
        for name in NAMES[kind]:
            assert (tmp_path / kind / name).read_bytes() == (media.MEDIA_ROOT / kind / name).read_bytes(), name


def test_the_sample_files_are_small() -> None:
    total = sum(p.stat().st_size for p in media.MEDIA_ROOT.rglob("*") if p.is_file())
    assert total < 1_500_000


def test_the_sample_folder_may_be_served_from_anywhere_unless_blocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trellis.processing.files import FileCache

    monkeypatch.chdir(tmp_path)
    lion = Path(media.get_image("lion.jpg"))
    assert FileCache(tmp_path / "cache").may_cache_output(lion)
    assert not FileCache(tmp_path / "cache", blocked_paths=[str(media.MEDIA_ROOT / "images")]).may_cache_output(lion)
    in_temp_dir = Path(tempfile.gettempdir()).resolve() in ROOT.parents
    if not in_temp_dir:  # elsewhere, the rest of the package is not served
        assert not FileCache(tmp_path / "cache").may_cache_output(media.MEDIA_ROOT.parent / "media.py")
