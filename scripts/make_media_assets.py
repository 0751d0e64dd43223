"""Make Trellis's sample media files (``trellis/media_assets/``), served by ``trellis.media``.

Gradio's demos ask ``gradio.media`` for sample files by name (``get_image("cheetah1.jpg")``,
``get_video("world.mp4")``...). Trellis answers with files of its own under the same names, all
drawn, synthesised or modelled here from code: pictures drawn with Pillow, tones and chords
synthesised with numpy, clips rendered frame by frame, meshes built from lathed and scaled
spheres, and made-up data. Nothing is taken from any other project.

Run it from the project root with a Python that has the tools below, then commit the folder::

    python -m venv /tmp/media-venv
    /tmp/media-venv/bin/pip install numpy pillow soundfile av
    /tmp/media-venv/bin/python scripts/make_media_assets.py [--out DIR]

Tools: numpy, Pillow and soundfile are Trellis's own ``media`` extra (soundfile's libsndfile
encodes the MP3s). PyAV (``pip install av``, whose wheels bundle FFmpeg with x264, AAC, MPEG-4
and LAME) is a dev-only tool for the videos: it is not a Trellis dependency, and nothing at run
time needs it.

Everything is deterministic (fixed seeds, no clocks): a second run writes the same bytes, given
the same versions of the tools (a different libjpeg, zlib, x264, FFmpeg or LAME may encode the
same pictures and sounds into different bytes). The videos are muxed with FFmpeg's ``bitexact``
flags so no encoder version string or time stamp goes in beyond what x264 itself writes.
"""

from __future__ import annotations

import argparse
import base64
import io
import itertools
import json
import math
import random
import struct
import wave
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "trellis" / "media_assets"

RGB = tuple[int, int, int]


# -- images ----------------------------------------------------------------------------------


def gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient from ``top`` to ``bottom``."""
    width, height = size
    t = np.linspace(0.0, 1.0, height)[:, None, None]
    rows = np.array(top, float) * (1 - t) + np.array(bottom, float) * t
    return Image.fromarray(np.repeat(rows, width, axis=1).round().astype(np.uint8), "RGB")


def supersampled(size: tuple[int, int], scale: int, draw: Callable[[Image.Image, int], None], mode: str = "RGB"):
    """Draw at ``scale`` times the size, then shrink: smooth edges without antialiased primitives."""
    big = Image.new(mode, (size[0] * scale, size[1] * scale), (0, 0, 0, 0) if mode == "RGBA" else (0, 0, 0))
    draw(big, scale)
    return big.resize(size, Image.Resampling.LANCZOS)


def save_jpeg(image: Image.Image, path: Path) -> None:
    image.convert("RGB").save(path, "JPEG", quality=84, optimize=True, progressive=False)


def hills(draw: ImageDraw.ImageDraw, width: int, base: float, amp: float, freq: float, phase: float, fill: Any):
    points = [
        (x, base + amp * math.sin(x * freq + phase) + amp * 0.4 * math.sin(x * freq * 2.7 + phase * 1.3))
        for x in range(0, width + 8, 8)
    ]
    draw.polygon([*points, (width, 10_000), (0, 10_000)], fill=fill)


def savanna(size: tuple[int, int], s: int, rng: random.Random) -> Image.Image:
    """A golden savanna at dawn with an acacia tree and a spotted big cat (for cheetah.jpg)."""
    w, h = size[0] * s, size[1] * s
    img = gradient((w, h), (244, 196, 128), (253, 236, 204))
    d = ImageDraw.Draw(img)
    d.ellipse((w * 0.70, h * 0.12, w * 0.70 + 70 * s, h * 0.12 + 70 * s), fill=(255, 244, 214))
    hills(d, w, h * 0.58, 10 * s, 0.004 / s * 2, 0.5, (205, 160, 104))
    grass = gradient((w, h - int(h * 0.64)), (222, 170, 76), (176, 124, 48))
    img.paste(grass, (0, int(h * 0.64)))
    d = ImageDraw.Draw(img)
    for _ in range(260):  # grass tufts
        x, y = rng.uniform(0, w), rng.uniform(h * 0.64, h)
        d.line((x, y, x + rng.uniform(-4, 4) * s, y - rng.uniform(4, 12) * s), fill=(150, 104, 40), width=s)
    # acacia
    tx = w * 0.18
    d.polygon(
        [(tx - 5 * s, h * 0.66), (tx + 5 * s, h * 0.66), (tx + 2 * s, h * 0.36), (tx - 2 * s, h * 0.36)],
        fill=(74, 52, 34),
    )
    d.line((tx, h * 0.45, tx + 40 * s, h * 0.33), fill=(74, 52, 34), width=4 * s)
    d.ellipse((tx - 80 * s, h * 0.27, tx + 90 * s, h * 0.38), fill=(88, 104, 52))
    # the cat: body, legs, head, tail
    cx, cy = w * 0.60, h * 0.70
    coat, dark = (226, 168, 82), (40, 30, 22)
    for dx in (-58, -38, 34, 54):
        d.rounded_rectangle((cx + dx * s, cy, cx + (dx + 10) * s, cy + 52 * s), 4 * s, fill=coat)
    d.ellipse((cx - 70 * s, cy - 34 * s, cx + 70 * s, cy + 20 * s), fill=coat)
    d.line(
        [(cx - 66 * s, cy - 8 * s), (cx - 100 * s, cy + 6 * s), (cx - 120 * s, cy - 14 * s)],
        fill=coat,
        width=8 * s,
        joint="curve",
    )
    d.ellipse((cx + 56 * s, cy - 62 * s, cx + 100 * s, cy - 22 * s), fill=coat)
    d.polygon([(cx + 60 * s, cy - 56 * s), (cx + 64 * s, cy - 72 * s), (cx + 72 * s, cy - 58 * s)], fill=coat)
    d.polygon([(cx + 84 * s, cy - 58 * s), (cx + 92 * s, cy - 72 * s), (cx + 96 * s, cy - 54 * s)], fill=coat)
    d.ellipse((cx + 82 * s, cy - 48 * s, cx + 88 * s, cy - 42 * s), fill=dark)
    d.ellipse((cx + 94 * s, cy - 36 * s, cx + 102 * s, cy - 30 * s), fill=dark)
    for _ in range(70):  # spots inside the body ellipse
        u, v = rng.uniform(-1, 1), rng.uniform(-1, 1)
        if u * u + v * v < 0.8:
            x, y, r = cx + u * 66 * s, cy - 7 * s + v * 24 * s, rng.uniform(2.0, 3.6) * s
            d.ellipse((x - r, y - r, x + r, y + r), fill=dark)
    return img


def spotted_coat(size: tuple[int, int], s: int, rng: random.Random) -> Image.Image:
    """A close-up of a spotted golden coat (for cheetah1.jpg)."""
    w, h = size[0] * s, size[1] * s
    img = gradient((w, h), (238, 186, 100), (214, 150, 66))
    d = ImageDraw.Draw(img)
    for _ in range(230):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(3.5, 7.5) * s
        squash = rng.uniform(0.7, 1.0)
        d.ellipse((x - r, y - r * squash, x + r, y + r * squash), fill=(46, 34, 24))
    return img.filter(ImageFilter.GaussianBlur(0.6 * s))


def lion_face(size: tuple[int, int], s: int, rng: random.Random) -> Image.Image:
    """A friendly cartoon lion's face (for lion.jpg)."""
    w, h = size[0] * s, size[1] * s
    img = gradient((w, h), (122, 190, 190), (62, 132, 146))
    d = ImageDraw.Draw(img)
    cx, cy = w / 2, h / 2 + 6 * s
    for k in range(28):  # mane petals
        a = 2 * math.pi * k / 28
        r0, r1 = 70 * s, 112 * s + rng.uniform(-6, 6) * s
        tip = (cx + r1 * math.cos(a), cy + r1 * math.sin(a))
        left = (cx + r0 * math.cos(a - 0.2), cy + r0 * math.sin(a - 0.2))
        right = (cx + r0 * math.cos(a + 0.2), cy + r0 * math.sin(a + 0.2))
        d.polygon([left, tip, right], fill=(176, 92, 34) if k % 2 else (204, 118, 44))
    d.ellipse((cx - 86 * s, cy - 86 * s, cx + 86 * s, cy + 86 * s), fill=(196, 110, 40))
    for ex in (-50, 50):
        d.ellipse((cx + (ex - 18) * s, cy - 84 * s, cx + (ex + 18) * s, cy - 48 * s), fill=(236, 178, 96))
        d.ellipse((cx + (ex - 9) * s, cy - 75 * s, cx + (ex + 9) * s, cy - 57 * s), fill=(190, 120, 70))
    d.ellipse((cx - 66 * s, cy - 70 * s, cx + 66 * s, cy + 66 * s), fill=(240, 186, 104))
    d.ellipse((cx - 34 * s, cy + 4 * s, cx + 34 * s, cy + 54 * s), fill=(252, 226, 176))
    for ex in (-26, 26):
        d.ellipse((cx + (ex - 9) * s, cy - 30 * s, cx + (ex + 9) * s, cy - 10 * s), fill=(56, 40, 30))
        d.ellipse((cx + (ex - 2) * s, cy - 26 * s, cx + (ex + 3) * s, cy - 21 * s), fill=(255, 255, 255))
    d.polygon([(cx - 13 * s, cy + 6 * s), (cx + 13 * s, cy + 6 * s), (cx, cy + 20 * s)], fill=(110, 60, 50))
    d.arc((cx - 20 * s, cy + 14 * s, cx, cy + 34 * s), 20, 160, fill=(110, 60, 50), width=3 * s)
    d.arc((cx, cy + 14 * s, cx + 20 * s, cy + 34 * s), 20, 160, fill=(110, 60, 50), width=3 * s)
    return img


def lattice_tower(size: tuple[int, int], s: int, rng: random.Random) -> Image.Image:
    """A tall iron lattice tower against an evening sky (for tower.jpg)."""
    w, h = size[0] * s, size[1] * s
    img = gradient((w, h), (70, 110, 178), (246, 190, 150))
    d = ImageDraw.Draw(img)
    for _ in range(40):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.3), rng.uniform(0.5, 1.2) * s
        d.ellipse((x - r, y - r, x + r, y + r), fill=(236, 240, 255))
    hills(d, w, h * 0.86, 6 * s, 0.01 / s * 2, 1.0, (72, 96, 70))
    iron = (48, 40, 44)
    ground, top, cx = h * 0.9, h * 0.08, w / 2

    def half_width(y: float) -> float:
        t = (ground - y) / (ground - top)  # 0 at the ground, 1 at the top
        return (w * 0.36) * (1 - t) ** 2.2 + 3 * s

    levels = np.linspace(ground, top + 40 * s, 16)
    for y0, y1 in itertools.pairwise(levels):
        for side in (-1, 1):
            x0, x1 = cx + side * half_width(y0), cx + side * half_width(y1)
            d.line((x0, y0, x1, y1), fill=iron, width=3 * s)
            xi0, xi1 = cx + side * half_width(y0) * 0.6, cx + side * half_width(y1) * 0.6
            d.line((x0, y0, xi1, y1), fill=iron, width=s)
            d.line((xi0, y0, x1, y1), fill=iron, width=s)
        d.line((cx - half_width(y1), y1, cx + half_width(y1), y1), fill=iron, width=s)
    for frac in (0.78, 0.5):  # platforms
        y = ground - (ground - top) * (1 - frac) ** 1.4 * 0.9 if frac < 0.6 else ground - (ground - top) * 0.16
        hw = half_width(y) + 6 * s
        d.rectangle((cx - hw, y - 4 * s, cx + hw, y + 3 * s), fill=iron)
    d.arc((cx - w * 0.22, ground - h * 0.14, cx + w * 0.22, ground + h * 0.1), 180, 360, fill=iron, width=5 * s)
    d.line((cx, top + 40 * s, cx, top), fill=iron, width=3 * s)
    return img


def forest(size: tuple[int, int], s: int, rng: random.Random) -> Image.Image:
    """A layered pine forest under a bright sky (for groot.jpeg)."""
    w, h = size[0] * s, size[1] * s
    img = gradient((w, h), (150, 200, 236), (226, 240, 232))
    d = ImageDraw.Draw(img)
    d.ellipse((w * 0.78, h * 0.08, w * 0.78 + 60 * s, h * 0.08 + 60 * s), fill=(255, 250, 222))
    layers = [
        (0.52, (136, 170, 160), 0.35),
        (0.62, (92, 140, 112), 0.55),
        (0.74, (54, 104, 74), 0.8),
        (0.88, (30, 72, 48), 1.1),
    ]
    for base, colour, scale in layers:
        hills(d, w, h * base, 14 * s, 0.003 * 2 / s, rng.uniform(0, 6), colour)
        for _ in range(int(26 / scale)):
            x = rng.uniform(-20 * s, w + 20 * s)
            y = h * base + rng.uniform(-6, 18) * s
            tall = rng.uniform(60, 110) * s * scale
            wide = tall * 0.36
            d.rectangle((x - 2 * s * scale, y - tall * 0.2, x + 2 * s * scale, y + 6 * s), fill=(70, 50, 36))
            for k in range(3):
                ty = y - tall * (0.25 + 0.25 * k)
                d.polygon(
                    [
                        (x - wide * (1 - 0.22 * k), ty + tall * 0.28),
                        (x + wide * (1 - 0.22 * k), ty + tall * 0.28),
                        (x, ty - tall * 0.2),
                    ],
                    fill=colour,
                )
    d.polygon([(w * 0.35, h), (w * 0.47, h * 0.9), (w * 0.53, h * 0.9), (w * 0.7, h)], fill=(120, 170, 196))
    return img


def avatar(size: tuple[int, int], s: int) -> Image.Image:
    """A round head-and-shoulders avatar on a transparent background (for avatar.png)."""

    def draw(img: Image.Image, s: int) -> None:
        d = ImageDraw.Draw(img)
        w, h = img.size
        r = min(w, h) / 2 - s
        cx, cy = w / 2, h / 2
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(99, 132, 214, 255))
        mask = Image.new("L", img.size, 0)
        ImageDraw.Draw(mask).ellipse((cx - r, cy - r, cx + r, cy + r), fill=255)
        person = Image.new("RGBA", img.size, (0, 0, 0, 0))
        p = ImageDraw.Draw(person)
        p.ellipse((cx - r * 0.34, cy - r * 0.6, cx + r * 0.34, cy + r * 0.08), fill=(248, 250, 255, 255))
        p.ellipse((cx - r * 0.75, cy + r * 0.2, cx + r * 0.75, cy + r * 1.5), fill=(248, 250, 255, 255))
        img.paste(person, (0, 0), Image.composite(person, Image.new("RGBA", img.size), mask))

    return supersampled(size, s, draw, "RGBA")


def lattice_mark(size: tuple[int, int], s: int) -> Image.Image:
    """A small diamond lattice mark on a transparent background (for logo.png)."""

    def draw(img: Image.Image, s: int) -> None:
        d = ImageDraw.Draw(img)
        w, h = img.size
        cx, cy, r = w / 2, h / 2, min(w, h) / 2 - 2 * s
        d.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=(249, 115, 22, 255))
        for k in (-0.5, 0.0, 0.5):
            d.line(
                (cx + (k - 0.5) * r, cy - (k + 0.5) * r, cx + (k + 0.5) * r, cy - (k - 0.5) * r),
                fill=(255, 255, 255, 255),
                width=3 * s,
            )
            d.line(
                (cx + (k - 0.5) * r, cy + (k + 0.5) * r, cx + (k + 0.5) * r, cy + (k - 0.5) * r),
                fill=(255, 255, 255, 255),
                width=3 * s,
            )

    return supersampled(size, s, draw, "RGBA")


def leaf_badge(size: tuple[int, int], s: int) -> Image.Image:
    """A round badge with a sprouting trellis and a soft shadow, on a transparent background."""

    def draw(img: Image.Image, s: int) -> None:
        w, h = img.size
        cx, cy, r = w / 2, h / 2 - 4 * s, w * 0.4
        shadow = Image.new("L", img.size, 0)
        ImageDraw.Draw(shadow).ellipse((cx - r, cy - r + 10 * s, cx + r, cy + r + 10 * s), fill=110)
        shadow = shadow.filter(ImageFilter.GaussianBlur(8 * s))
        img.paste(Image.new("RGBA", img.size, (20, 40, 30, 255)), (0, 0), shadow)
        d = ImageDraw.Draw(img)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 210, 64, 255), outline=(226, 150, 20, 255), width=6 * s)
        green = (46, 140, 84, 255)
        for k in range(-2, 3):  # the trellis
            d.line(
                (cx + k * 26 * s - 40 * s, cy + 60 * s, cx + k * 26 * s + 40 * s, cy - 40 * s),
                fill=(150, 96, 40, 255),
                width=4 * s,
            )
            d.line(
                (cx + k * 26 * s + 40 * s, cy + 60 * s, cx + k * 26 * s - 40 * s, cy - 40 * s),
                fill=(150, 96, 40, 255),
                width=4 * s,
            )
        d.line((cx, cy + 70 * s, cx, cy - 50 * s), fill=green, width=6 * s)
        for k, side in enumerate((-1, 1, -1, 1)):
            y = cy + 40 * s - k * 28 * s
            d.ellipse((cx + min(0, side * 44) * s, y - 12 * s, cx + max(0, side * 44) * s, y + 12 * s), fill=green)
        # cut the badge's outer ring thin where the trellis pokes out: keep everything inside the circle
        mask = Image.new("L", img.size, 0)
        ImageDraw.Draw(mask).ellipse((cx - r - 3 * s, cy - r - 3 * s, cx + r + 3 * s, cy + r + 3 * s), fill=255)
        inside = Image.composite(img, Image.new("RGBA", img.size), mask)
        outside = Image.new("RGBA", img.size, (0, 0, 0, 0))
        outside.paste(Image.new("RGBA", img.size, (20, 40, 30, 255)), (0, 0), shadow)
        outside.alpha_composite(inside)
        img.paste(outside)

    return supersampled(size, s, draw, "RGBA")


def bus_icon(size: tuple[int, int], s: int) -> Image.Image:
    """A yellow bus seen from the front (for bus.png)."""

    def draw(img: Image.Image, s: int) -> None:
        d = ImageDraw.Draw(img)
        w, h = img.size
        d.rectangle((0, 0, w, h), fill=(255, 255, 255))
        d.rounded_rectangle(
            (6 * s, 4 * s, w - 6 * s, h - 12 * s), 8 * s, fill=(250, 196, 30), outline=(60, 60, 60), width=s
        )
        d.rounded_rectangle((11 * s, 10 * s, w - 11 * s, 34 * s), 3 * s, fill=(150, 206, 236))
        d.rectangle((18 * s, 6 * s, w - 18 * s, 8 * s), fill=(60, 60, 60))
        for x in (14, w // s - 20):
            d.ellipse((x * s, 42 * s, (x + 6) * s, 48 * s), fill=(255, 250, 220), outline=(60, 60, 60), width=s)
        d.rectangle((22 * s, 43 * s, w - 22 * s, 47 * s), fill=(90, 90, 90))
        for x in (9, w // s - 17):
            d.rounded_rectangle((x * s, h - 14 * s, (x + 8) * s, h - 3 * s), 2 * s, fill=(40, 40, 40))

    return supersampled(size, s, draw, "RGB")


def app_screenshot_frames(size: tuple[int, int], count: int) -> list[Image.Image]:
    """Frames of a mock app window: text is typed, a button pressed, a progress bar fills, an answer appears."""
    w, h = size
    frames = []
    for n in range(count):
        img = Image.new("RGB", size, (241, 243, 247))
        d = ImageDraw.Draw(img)
        d.rectangle((0, 0, w, 26), fill=(226, 229, 236))
        for k, c in enumerate(((255, 95, 86), (255, 189, 46), (39, 201, 63))):
            d.ellipse((10 + 16 * k, 8, 20 + 16 * k, 18), fill=c)
        d.rounded_rectangle((90, 6, w - 90, 20), 7, fill=(255, 255, 255))
        left, right = (16, 44, w // 2 - 8, h - 16), (w // 2 + 8, 44, w - 16, h - 16)
        for box in (left, right):
            d.rounded_rectangle(box, 8, fill=(255, 255, 255), outline=(214, 218, 226))
        d.rectangle((30, 56, 80, 62), fill=(160, 166, 178))
        d.rectangle((right[0] + 14, 56, right[0] + 64, 62), fill=(160, 166, 178))
        d.rounded_rectangle((28, 70, left[2] - 12, 150), 6, fill=(248, 249, 251), outline=(214, 218, 226))
        typed = min(n, 8) / 8
        for line in range(3):  # typed text as grey bars
            length = max(0.0, min(1.0, typed * 3 - line)) * (left[2] - 60 - line * 30)
            if length > 0:
                d.rounded_rectangle((38, 82 + 20 * line, 38 + length, 92 + 20 * line), 4, fill=(90, 98, 114))
        pressed = 8 <= n < 10
        d.rounded_rectangle((28, 164, left[2] - 12, 192), 8, fill=(234, 88, 12) if pressed else (249, 115, 22))
        d.rectangle(((28 + left[2] - 12) // 2 - 20, 175, (28 + left[2] - 12) // 2 + 20, 181), fill=(255, 255, 255))
        progress = max(0.0, min(1.0, (n - 9) / 5))
        bar = (right[0] + 14, 72, right[2] - 14, 80)
        d.rounded_rectangle(bar, 4, fill=(229, 231, 235))
        if progress > 0:
            d.rounded_rectangle((bar[0], bar[1], bar[0] + (bar[2] - bar[0]) * progress, bar[3]), 4, fill=(249, 115, 22))
        if n >= 14:
            for line in range(4):
                d.rounded_rectangle(
                    (right[0] + 14, 96 + 20 * line, right[2] - 30 - 24 * (line % 3), 106 + 20 * line),
                    4,
                    fill=(56, 142, 92),
                )
        frames.append(img)
    return frames


def make_images(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    save_jpeg(supersampled_scene((502, 343), savanna, 7), out / "cheetah.jpg")
    save_jpeg(supersampled_scene((256, 256), spotted_coat, 11), out / "cheetah1.jpg")
    save_jpeg(supersampled_scene((256, 256), lion_face, 13), out / "lion.jpg")
    save_jpeg(supersampled_scene((377, 600), lattice_tower, 17), out / "tower.jpg")
    save_jpeg(supersampled_scene((910, 512), forest, 19), out / "groot.jpeg")
    avatar((66, 57), 4).save(out / "avatar.png", optimize=True)
    lattice_mark((66, 57), 4).save(out / "logo.png", optimize=True)
    leaf_badge((256, 256), 2).save(out / "hf-logo_transpng.png", optimize=True)
    bus_icon((61, 68), 4).save(out / "bus.png", optimize=True)
    frames = [f.quantize(64, dither=Image.Dither.NONE) for f in app_screenshot_frames((480, 270), 18)]
    frames[0].save(
        out / "screenshot.gif", save_all=True, append_images=frames[1:], duration=160, loop=0, optimize=False
    )


def supersampled_scene(size: tuple[int, int], painter: Callable[..., Image.Image], seed: int) -> Image.Image:
    """A scene painted at twice the size by ``painter(size, 2, rng)``, shrunk for smooth edges."""
    return painter(size, 2, random.Random(seed)).resize(size, Image.Resampling.LANCZOS)


# -- audio -----------------------------------------------------------------------------------


def note_hz(name: str) -> float:
    """The frequency of a note such as ``"A4"`` or ``"C#5"``."""
    steps = {"C": -9, "D": -7, "E": -5, "F": -4, "G": -2, "A": 0, "B": 2}
    pitch = steps[name[0]] + (1 if "#" in name else 0) - (1 if name[1:2] == "b" else 0)
    octave = int(name[-1])
    return 440.0 * 2 ** ((pitch + 12 * (octave - 4)) / 12)


def envelope(n: int, rate: int, attack: float = 0.01, release: float = 0.08) -> np.ndarray:
    env = np.ones(n)
    a, r = max(1, int(attack * rate)), max(1, int(release * rate))
    env[:a] = np.linspace(0, 1, a)
    env[-r:] *= np.linspace(1, 0, r)
    return env


def tone(freq: float, seconds: float, rate: int, harmonics: Sequence[float] = (1.0,), vibrato: float = 0.0):
    t = np.arange(int(seconds * rate)) / rate
    phase = 2 * np.pi * freq * t + (vibrato * np.sin(2 * np.pi * 5.5 * t) if vibrato else 0)
    wave_ = sum(amp * np.sin((k + 1) * phase) for k, amp in enumerate(harmonics))
    return wave_ * envelope(len(t), rate)


def melody(notes: Sequence[tuple[str | None, float]], rate: int, bpm: float, **kw: Any) -> np.ndarray:
    beat = 60.0 / bpm
    parts = []
    for name, beats in notes:
        n = int(beats * beat * rate)
        parts.append(np.zeros(n) if name is None else tone(note_hz(name), n / rate, rate, **kw))
    return np.concatenate(parts)


def vowels(f0: float, seconds: float, rate: int, seed: int) -> np.ndarray:
    """Voice-like sound: a glide through vowels, harmonics shaped by formant peaks, syllable by syllable."""
    rng = np.random.default_rng(seed)
    formants = {
        "a": (730, 1090, 2440),
        "e": (530, 1840, 2480),
        "i": (270, 2290, 3010),
        "o": (570, 840, 2410),
        "u": (300, 870, 2240),
    }
    names = list(formants)
    t = np.arange(int(seconds * rate)) / rate
    syllable = 0.22
    which = rng.integers(0, len(names), int(seconds / syllable) + 2)
    pitch = f0 * (1 + 0.08 * np.sin(2 * np.pi * 0.7 * t) + 0.03 * np.sin(2 * np.pi * 3.1 * t))
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    out = np.zeros_like(t)
    index = np.minimum((t / syllable).astype(int), len(which) - 1)
    for k in range(1, int(3500 / f0)):
        freq = k * pitch
        amp = np.zeros_like(t)
        for v, name in enumerate(names):
            gain = sum(1.0 / (1 + ((freq - fm) / (60 + fm * 0.06)) ** 2) for fm in formants[name])
            amp += np.where(which[index] == v, gain, 0.0)
        out += amp * np.sin(k * phase) / k**0.3
    # syllables: loud in the middle, quieter at the joins, with short pauses
    local = (t % syllable) / syllable
    out *= np.sin(np.pi * local) ** 0.6 * np.where(which[index] % 4 == 3, 0.25, 1.0)
    return out * envelope(len(t), rate, 0.02, 0.15)


def to_int16(signal: np.ndarray, peak: float = 0.8) -> np.ndarray:
    signal = signal / max(1e-9, float(np.max(np.abs(signal)))) * peak
    return np.round(signal * 32767).astype("<i2")


def write_wav(path: Path, signal: np.ndarray, rate: int) -> None:
    """A 16-bit PCM WAV; ``signal`` is (samples,) or (samples, channels)."""
    data = to_int16(signal)
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1 if data.ndim == 1 else data.shape[1])
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(data.tobytes())


def write_mp3(path: Path, signal: np.ndarray, rate: int) -> None:
    import soundfile

    buffer = io.BytesIO()
    soundfile.write(buffer, to_int16(signal), rate, format="MP3", subtype="MPEG_LAYER_III")
    path.write_bytes(buffer.getvalue())


def make_audio(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_wav(out / "audio_sample.wav", tone(440.0, 1.0, 8000, (1.0, 0.3, 0.1)), 8000)
    rate = 22050  # a bouncy little tune
    tune = [
        ("E5", 0.5),
        ("G5", 0.5),
        ("A5", 0.5),
        ("E5", 0.5),
        ("G5", 0.25),
        ("A5", 0.25),
        ("B5", 0.5),
        ("A5", 0.5),
        ("G5", 0.5),
        ("E5", 0.5),
        ("D5", 0.5),
        ("E5", 1.0),
        (None, 0.5),
    ]
    lead = melody(tune, rate, 140, harmonics=(1.0, 0.0, 0.33, 0.0, 0.2, 0.0, 0.14))
    bass = melody(
        [("A2", 1), ("E3", 1), ("A2", 1), ("E3", 1), ("D3", 1), ("A2", 1), ("E3", 1)], rate, 140, harmonics=(1.0, 0.5)
    )
    n = int(3.0 * rate)
    mix = np.zeros(n)
    mix[: min(n, len(lead))] += lead[:n]
    mix[: min(n, len(bass))] += 0.6 * bass[:n]
    write_wav(out / "cantina.wav", mix, rate)
    rate = 16000  # a stereo "recording": two voices answering each other
    left = vowels(120.0, 2.0, rate, 1)
    right = vowels(200.0, 2.0, rate, 2)
    write_wav(out / "recording1.wav", np.stack([left + 0.3 * right, right + 0.3 * left], axis=1), rate)
    sax_tune = [
        ("D4", 1),
        ("F4", 0.5),
        ("G4", 0.5),
        ("A4", 1.5),
        ("G4", 0.5),
        ("F4", 1),
        ("D4", 1),
        ("C4", 0.5),
        ("D4", 1.5),
        (None, 0.5),
        ("A4", 1),
        ("C5", 0.5),
        ("A4", 0.5),
        ("G4", 1),
        ("D4", 1.5),
    ]
    rate = 11025  # the highest harmonic of the highest note stays under 4 kHz
    write_wav(
        out / "sax.wav", melody(sax_tune, rate, 90, harmonics=(1.0, 0.7, 0.5, 0.35, 0.2, 0.12), vibrato=0.4), rate
    )
    write_mp3(out / "cate_blanch.mp3", vowels(210.0, 3.0, 32000, 3), 32000)
    write_mp3(out / "cate_blanch_2.mp3", vowels(230.0, 2.0, 32000, 4), 32000)
    write_mp3(out / "heath_ledger.mp3", vowels(105.0, 2.0, 32000, 5), 32000)


# -- videos ----------------------------------------------------------------------------------


def globe_frame(n: int, size: tuple[int, int], stars: list[tuple[int, int]]) -> Image.Image:
    """A spinning globe: continents drift across a sphere lit from the left."""
    w, h = size
    img = Image.new("RGB", size, (10, 14, 36))
    d = ImageDraw.Draw(img)
    for x, y in stars:
        d.point((x, y), fill=(200, 210, 255))
    yy, xx = np.mgrid[0:h, 0:w]
    r = h * 0.4
    u, v = (xx - w / 2) / r, (yy - h / 2) / r
    inside = u * u + v * v <= 1
    z = np.sqrt(np.clip(1 - u * u - v * v, 0, 1))
    lon = np.arctan2(u, z) + n * 0.06
    lat = np.arcsin(np.clip(v, -1, 1))
    land = (np.sin(3 * lon) * np.cos(2 * lat) + 0.6 * np.sin(5 * lon + 1.3) * np.sin(3 * lat + 0.4)) > 0.35
    light = np.clip(0.35 + 0.65 * (-0.5 * u - 0.3 * v + 0.8 * z), 0.2, 1.0)
    ocean, ground = np.array([34, 92, 190]), np.array([70, 160, 80])
    colour = np.where(land[..., None], ground, ocean) * light[..., None]
    arr = np.asarray(img).copy()
    arr[inside] = colour[inside].round().astype(np.uint8)
    return Image.fromarray(arr)


def bars_frame(n: int, size: tuple[int, int], hue_shift: int) -> Image.Image:
    """Sliding colour bars with a bouncing ball."""
    w, h = size
    palette = [
        (239, 68, 68),
        (249, 115, 22),
        (234, 179, 8),
        (34, 197, 94),
        (14, 165, 233),
        (99, 102, 241),
        (217, 70, 239),
    ]
    img = Image.new("RGB", size)
    d = ImageDraw.Draw(img)
    bar = w // 7 + 1
    offset = (n * 4) % bar
    for k in range(-1, 8):
        d.rectangle((k * bar + offset, 0, (k + 1) * bar + offset, h), fill=palette[(k + hue_shift) % 7])
    t = n / 12
    x = w / 2 + (w * 0.35) * math.sin(t * 2.1)
    y = h * 0.75 - abs(math.sin(t * 3.0)) * h * 0.5
    d.ellipse((x - 16, y - 16, x + 16, y + 16), fill=(255, 255, 255), outline=(30, 30, 30), width=3)
    return img


def encode_video(
    path: Path,
    frames: list[Image.Image],
    fps: int,
    audio: np.ndarray | None,
    rate: int,
    codec: str = "libx264",
    audio_codec: str = "aac",
) -> None:
    import av

    fmt = "avi" if path.suffix == ".avi" else "mp4"
    options = {"fflags": "+bitexact"} | ({"movflags": "+faststart"} if fmt == "mp4" else {})
    with av.open(str(path), "w", format=fmt, container_options=options) as container:
        stream = container.add_stream(codec, rate=fps)
        stream.width, stream.height = frames[0].size
        stream.pix_fmt = "yuv420p"
        stream.codec_context.flags |= av.codec.context.Flags.bitexact
        if codec == "libx264":
            # x264's SIMD code made slightly different choices from run to run here (reading past
            # the picture, it seems); without it (asm=0) every run gives the same bytes.
            stream.codec_context.thread_count = 1
            stream.codec_context.options = {
                "crf": "30",
                "preset": "medium",
                "profile": "main",
                "x264-params": "threads=1:asm=0",
            }
        else:
            stream.bit_rate = 300_000
            stream.codec_context.thread_count = 1
        astream = None
        if audio is not None:
            astream = container.add_stream(audio_codec, rate=rate, layout="mono")
            astream.bit_rate = 64_000
            astream.codec_context.flags |= av.codec.context.Flags.bitexact
        for index, image in enumerate(frames):
            # Convert to YUV here, through a numpy array: frames the encoder converts itself come out
            # slightly different from run to run (x264 then makes different decisions).
            yuv = av.VideoFrame.from_image(image).reformat(format="yuv420p").to_ndarray()
            frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
        if astream is not None and audio is not None:
            samples = audio.astype(np.float32)[None, :]
            step, pts = 1152, 0
            for start in range(0, samples.shape[1], step):
                chunk = np.ascontiguousarray(samples[:, start : start + step])
                frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
                frame.sample_rate, frame.pts, frame.time_base = rate, pts, Fraction(1, rate)
                pts += chunk.shape[1]
                container.mux(astream.encode(frame))
            container.mux(astream.encode(None))


def make_videos(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    fps, rate = 24, 44100
    rng = random.Random(23)
    size = (320, 180)
    stars = [(rng.randrange(size[0]), rng.randrange(size[1])) for _ in range(90)]
    chord = sum(tone(note_hz(n), 3.0, rate, (1.0, 0.3)) for n in ("C4", "E4", "G4")) * 0.3
    globe = [globe_frame(n, size, stars) for n in range(fps * 3)]
    encode_video(out / "world.mp4", globe, fps, chord, rate)
    beep = melody([("A4", 1), ("C#5", 1), ("E5", 1), ("A5", 1)], rate, 120, harmonics=(1.0, 0.2))
    encode_video(out / "a.mp4", [bars_frame(n, size, 0) for n in range(fps * 2)], fps, beep, rate)
    b_frames = [bars_frame(n, size, 3) for n in range(fps * 2)]
    hum = melody([("D4", 1), ("F#4", 1), ("A4", 1), ("D5", 1)], rate, 120, harmonics=(1.0, 0.4))
    encode_video(out / "b.mp4", b_frames, fps, hum, rate)
    encode_video(out / "muted_b.mp4", b_frames, fps, None, rate)
    encode_video(out / "b.avi", b_frames, fps, hum, rate, codec="mpeg4", audio_codec="libmp3lame")


# -- 3D models -------------------------------------------------------------------------------


class Mesh:
    """Triangles over shared vertices, with one colour; ``parts`` of a model are Meshes."""

    def __init__(self, positions: np.ndarray, triangles: np.ndarray, colour: RGB = (200, 200, 200)) -> None:
        self.positions = positions.astype(np.float64)
        self.triangles = triangles.astype(np.int64)
        self.colour = colour

    def transformed(
        self,
        scale: Sequence[float] = (1, 1, 1),
        rotate: Sequence[float] = (0, 0, 0),
        move: Sequence[float] = (0, 0, 0),
        colour: RGB | None = None,
    ) -> Mesh:
        """Scaled along x, y, z, then rotated about x, y, z (degrees, in that order), then moved."""
        p = self.positions * np.array(scale, float)
        for axis, degrees in enumerate(rotate):
            a = math.radians(degrees)
            c, s = math.cos(a), math.sin(a)
            i, j = [(1, 2), (2, 0), (0, 1)][axis]
            pi, pj = p[:, i].copy(), p[:, j].copy()
            p[:, i], p[:, j] = c * pi - s * pj, s * pi + c * pj
        return Mesh(p + np.array(move, float), self.triangles, colour or self.colour)

    def normals(self) -> np.ndarray:
        a, b, c = (self.positions[self.triangles[:, k]] for k in range(3))
        face = np.cross(b - a, c - a)
        out = np.zeros_like(self.positions)
        for k in range(3):
            np.add.at(out, self.triangles[:, k], face)
        length = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(length == 0, 1, length)


def lathe(profile: Sequence[tuple[float, float]], segments: int) -> Mesh:
    """A surface of revolution about the y axis; ``profile`` is (radius, y) from bottom to top.

    A radius of 0 at either end closes the surface with a single pole vertex. Faces wind
    counter-clockwise seen from outside.
    """
    positions: list[tuple[float, float, float]] = []
    rings: list[list[int]] = []
    for r, y in profile:
        if r == 0:
            rings.append([len(positions)] * segments)
            positions.append((0.0, y, 0.0))
        else:
            rings.append(list(range(len(positions), len(positions) + segments)))
            positions += [
                (r * math.cos(2 * math.pi * j / segments), y, r * math.sin(2 * math.pi * j / segments))
                for j in range(segments)
            ]
    triangles = []
    for low, high in itertools.pairwise(rings):
        for j in range(segments):
            a, b = low[j], low[(j + 1) % segments]
            d, c = high[j], high[(j + 1) % segments]
            if d != c:  # not a top pole
                triangles.append((a, d, c))
            if a != b:  # not a bottom pole
                triangles.append((a, c, b))
    return Mesh(np.array(positions), np.array(triangles))


def sphere(segments: int = 20, rings: int = 12) -> Mesh:
    return lathe(
        [
            (math.sin(math.pi * k / rings) if 0 < k < rings else 0.0, -math.cos(math.pi * k / rings))
            for k in range(rings + 1)
        ],
        segments,
    )


def cone(segments: int = 12) -> Mesh:
    return lathe([(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)], segments)


def bunny() -> list[Mesh]:
    ball = sphere(14, 9)
    return [
        ball.transformed((1.0, 0.8, 0.8), move=(0, 0.8, 0)),  # body
        ball.transformed((0.5, 0.48, 0.48), move=(0.85, 1.45, 0)),  # head
        ball.transformed((0.12, 0.55, 0.2), rotate=(0, 0, -15), move=(0.8, 2.2, 0.16)),  # ears
        ball.transformed((0.12, 0.55, 0.2), rotate=(0, 0, -25), move=(0.72, 2.15, -0.16)),
        ball.transformed((0.22, 0.22, 0.22), move=(-1.0, 0.9, 0)),  # tail
        ball.transformed((0.35, 0.16, 0.22), move=(0.55, 0.1, 0.38)),  # feet
        ball.transformed((0.35, 0.16, 0.22), move=(0.55, 0.1, -0.38)),
        ball.transformed((0.45, 0.2, 0.25), move=(-0.45, 0.15, 0.45)),
        ball.transformed((0.45, 0.2, 0.25), move=(-0.45, 0.15, -0.45)),
    ]


def face() -> list[Mesh]:
    """A head: a sphere pushed out at the nose, chin and brow, pressed in at the eyes and the mouth."""
    head = sphere(30, 20)
    p = head.positions.copy()
    n = p / np.linalg.norm(p, axis=1, keepdims=True)

    def bump(centre: Sequence[float], width: float, height: float) -> np.ndarray:
        c = np.array(centre, float) / np.linalg.norm(centre)
        return height * np.exp(-np.sum((n - c) ** 2, axis=1) / width**2)

    push = (
        bump((0, -0.05, 1), 0.18, 0.28)
        + bump((0, -0.7, 0.7), 0.3, 0.1)
        + bump((0, 0.3, 1), 0.45, 0.05)
        - bump((0.35, 0.18, 0.92), 0.14, 0.09)
        - bump((-0.35, 0.18, 0.92), 0.14, 0.09)
        - bump((0, -0.42, 0.9), 0.12, 0.05)
        + bump((1, 0.05, 0), 0.16, 0.08)
        + bump((-1, 0.05, 0), 0.16, 0.08)
    )
    p = p * np.array([0.78, 1.0, 0.88]) + n * push[:, None]
    return [Mesh(p, head.triangles, (222, 184, 160))]


def duck() -> list[Mesh]:
    ball = sphere(18, 11)
    yellow, orange, dark = (250, 204, 40), (245, 130, 32), (30, 30, 30)
    return [
        ball.transformed((1.0, 0.62, 0.72), move=(0, 0.62, 0), colour=yellow),
        ball.transformed((0.3, 0.2, 0.5), rotate=(0, 0, 35), move=(-0.9, 0.95, 0), colour=yellow),  # tail
        ball.transformed((0.45, 0.45, 0.45), move=(0.62, 1.45, 0), colour=yellow),
        ball.transformed((0.3, 0.09, 0.2), move=(1.0, 1.35, 0), colour=orange),
        ball.transformed((0.06, 0.06, 0.06), move=(0.92, 1.6, 0.27), colour=dark),
        ball.transformed((0.06, 0.06, 0.06), move=(0.92, 1.6, -0.27), colour=dark),
        ball.transformed((0.55, 0.25, 0.12), rotate=(0, 0, -10), move=(0.0, 0.8, 0.68), colour=(238, 186, 30)),
        ball.transformed((0.55, 0.25, 0.12), rotate=(0, 0, -10), move=(0.0, 0.8, -0.68), colour=(238, 186, 30)),
    ]


def fox() -> list[Mesh]:
    ball, spike = sphere(16, 10), cone(10)
    coat, white, black = (222, 110, 40), (246, 240, 230), (40, 30, 28)
    legs = [
        spike.transformed((0.1, 0.7, 0.1), rotate=(180, 0, 0), move=(x, 0.7, z), colour=black)
        for x in (0.55, -0.55)
        for z in (0.22, -0.22)
    ]
    return [
        ball.transformed((0.9, 0.42, 0.4), move=(0, 0.95, 0), colour=coat),
        ball.transformed((0.5, 0.3, 0.3), move=(0.15, 0.85, 0), colour=white),  # belly
        ball.transformed((0.36, 0.32, 0.34), move=(1.0, 1.35, 0), colour=coat),
        spike.transformed((0.14, 0.5, 0.14), rotate=(0, 0, -90), move=(1.3, 1.28, 0), colour=white),  # snout
        ball.transformed((0.05, 0.05, 0.05), move=(1.78, 1.28, 0), colour=black),  # nose
        spike.transformed((0.12, 0.32, 0.07), rotate=(0, 0, -10), move=(0.98, 1.58, 0.16), colour=coat),
        spike.transformed((0.12, 0.32, 0.07), rotate=(0, 0, -10), move=(0.98, 1.58, -0.16), colour=coat),
        *legs,
        ball.transformed((0.6, 0.2, 0.2), rotate=(0, 0, -25), move=(-1.2, 1.1, 0), colour=coat),  # tail
        ball.transformed((0.2, 0.14, 0.14), rotate=(0, 0, -25), move=(-1.72, 1.34, 0), colour=white),
    ]


def bust() -> list[Mesh]:
    """A small bust on a plinth, as one lathed surface, standing along +z as STL files usually do."""
    profile = [
        (0.0, 0.0),
        (0.9, 0.0),
        (0.9, 0.18),
        (0.7, 0.24),
        (0.62, 0.5),
        (0.95, 0.85),
        (1.0, 1.1),
        (0.85, 1.35),
        (0.45, 1.5),
        (0.3, 1.65),
        (0.32, 1.8),
        (0.45, 1.95),
        (0.52, 2.15),
        (0.5, 2.35),
        (0.4, 2.55),
        (0.22, 2.68),
        (0.0, 2.72),
    ]
    return [lathe(profile, 48).transformed(rotate=(90, 0, 0), colour=(196, 196, 206))]


def write_obj(path: Path, parts: list[Mesh], comment: str) -> None:
    lines = [f"# {comment}", "# made by scripts/make_media_assets.py"]
    offset = 1
    for index, part in enumerate(parts):
        lines.append(f"o part{index}")
        lines += [f"v {x:.4f} {y:.4f} {z:.4f}" for x, y, z in part.positions]
        lines += [f"vn {x:.3f} {y:.3f} {z:.3f}" for x, y, z in part.normals()]
        lines += [
            f"f {a + offset}//{a + offset} {b + offset}//{b + offset} {c + offset}//{c + offset}"
            for a, b, c in part.triangles
        ]
        offset += len(part.positions)
    path.write_text("\n".join(lines) + "\n", encoding="ascii", newline="\n")


def gltf_document(parts: list[Mesh], name: str) -> tuple[dict[str, Any], bytes]:
    """A glTF 2.0 document (JSON) and its binary buffer: one mesh, a primitive and a material per part."""
    blob = bytearray()
    views: list[dict[str, Any]] = []
    accessors: list[dict[str, Any]] = []
    primitives: list[dict[str, Any]] = []
    materials: list[dict[str, Any]] = []
    colours: dict[RGB, int] = {}

    def add(data: bytes, target: int) -> int:
        while len(blob) % 4:
            blob.append(0)
        views.append({"buffer": 0, "byteOffset": len(blob), "byteLength": len(data), "target": target})
        blob.extend(data)
        return len(views) - 1

    for part in parts:
        positions = part.positions.astype("<f4")
        normals = part.normals().astype("<f4")
        indices = part.triangles.astype("<u2").ravel()
        pos = len(accessors)
        accessors.append(
            {
                "bufferView": add(positions.tobytes(), 34962),
                "componentType": 5126,
                "count": len(positions),
                "type": "VEC3",
                "min": [round(float(v), 6) for v in positions.min(axis=0)],
                "max": [round(float(v), 6) for v in positions.max(axis=0)],
            }
        )
        accessors.append(
            {"bufferView": add(normals.tobytes(), 34962), "componentType": 5126, "count": len(normals), "type": "VEC3"}
        )
        accessors.append(
            {
                "bufferView": add(indices.tobytes(), 34963),
                "componentType": 5123,
                "count": len(indices),
                "type": "SCALAR",
            }
        )
        if part.colour not in colours:
            colours[part.colour] = len(materials)
            materials.append(
                {
                    "pbrMetallicRoughness": {
                        "baseColorFactor": [*(round(c / 255, 4) for c in part.colour), 1.0],
                        "metallicFactor": 0.0,
                        "roughnessFactor": 0.7,
                    }
                }
            )
        primitives.append(
            {"attributes": {"POSITION": pos, "NORMAL": pos + 1}, "indices": pos + 2, "material": colours[part.colour]}
        )
    while len(blob) % 4:
        blob.append(0)
    document = {
        "asset": {"version": "2.0", "generator": "trellis scripts/make_media_assets.py"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0, "name": name}],
        "meshes": [{"name": name, "primitives": primitives}],
        "materials": materials,
        "accessors": accessors,
        "bufferViews": views,
        "buffers": [{"byteLength": len(blob)}],
    }
    return document, bytes(blob)


def write_glb(path: Path, parts: list[Mesh], name: str) -> None:
    document, blob = gltf_document(parts, name)
    text = json.dumps(document, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 4)
    body = struct.pack("<II", len(text), 0x4E4F534A) + text + struct.pack("<II", len(blob), 0x004E4942) + blob
    path.write_bytes(struct.pack("<III", 0x46546C67, 2, 12 + len(body)) + body)


def write_gltf(path: Path, parts: list[Mesh], name: str) -> None:
    document, blob = gltf_document(parts, name)
    document["buffers"][0]["uri"] = "data:application/octet-stream;base64," + base64.b64encode(blob).decode()
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="ascii", newline="\n")


def write_stl(path: Path, parts: list[Mesh]) -> None:
    records = []
    for part in parts:
        p = part.positions.astype(np.float64)
        for a, b, c in part.triangles:
            normal = np.cross(p[b] - p[a], p[c] - p[a])
            length = float(np.linalg.norm(normal))
            normal = normal / length if length else normal
            records.append(struct.pack("<12fH", *normal, *p[a], *p[b], *p[c], 0))
    header = b"binary STL made by trellis scripts/make_media_assets.py".ljust(80, b" ")
    path.write_bytes(header + struct.pack("<I", len(records)) + b"".join(records))


def make_models(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_obj(out / "Bunny.obj", bunny(), "a rabbit built from ellipsoids")
    write_obj(out / "face.obj", face(), "a head shaped from a sphere")
    write_glb(out / "Duck.glb", duck(), "duck")
    write_gltf(out / "Fox.gltf", fox(), "fox")
    write_stl(out / "sofia.stl", bust())


# -- data ------------------------------------------------------------------------------------

FIRST = {
    "male": [
        "Arthur",
        "Bruno",
        "Cyril",
        "Dmitri",
        "Edwin",
        "Felix",
        "Gustav",
        "Henrik",
        "Ivo",
        "Jonas",
        "Karl",
        "Leon",
        "Milo",
        "Nils",
        "Oskar",
        "Pavel",
        "Rafael",
        "Stefan",
        "Tomas",
        "Viktor",
    ],
    "female": [
        "Ada",
        "Beatrix",
        "Clara",
        "Dora",
        "Elsa",
        "Frida",
        "Greta",
        "Hilda",
        "Irma",
        "Johanna",
        "Klara",
        "Lena",
        "Mara",
        "Nora",
        "Olga",
        "Paula",
        "Rosa",
        "Sofia",
        "Thea",
        "Vera",
    ],
}
SURNAMES = [
    "Abbot",
    "Brandt",
    "Castell",
    "Dunmore",
    "Eklund",
    "Fairley",
    "Gorski",
    "Holm",
    "Ingram",
    "Jessop",
    "Kowal",
    "Lindqvist",
    "Marsh",
    "Norberg",
    "Orwin",
    "Pryce",
    "Quill",
    "Rask",
    "Sutter",
    "Tamm",
    "Ulven",
    "Varga",
    "Wexley",
    "Yates",
    "Zell",
]


def titanic_rows(count: int, seed: int) -> list[list[Any]]:
    """Made-up passengers in the usual columns of that data set."""
    rng = random.Random(seed)
    rows = []
    for pid in range(1, count + 1):
        sex = rng.choice(["male", "female"])
        pclass = rng.choices([1, 2, 3], [0.25, 0.2, 0.55])[0]
        age: Any = "" if rng.random() < 0.18 else (round(rng.uniform(0.5, 75)) if rng.random() < 0.9 else 0.75)
        surname, first = rng.choice(SURNAMES), rng.choice(FIRST[sex])
        title = (
            "Master."
            if sex == "male" and isinstance(age, (int, float)) and age < 13
            else "Mr."
            if sex == "male"
            else rng.choice(["Mrs.", "Miss."])
        )
        name = f"{surname}, {title} {first}"
        sibsp, parch = (
            rng.choices([0, 1, 2, 3], [0.68, 0.23, 0.05, 0.04])[0],
            rng.choices([0, 1, 2], [0.76, 0.13, 0.11])[0],
        )
        ticket = rng.choice(["", "PC ", "A/5 ", "STON/O2. ", "C.A. "]) + str(rng.randrange(1000, 400000))
        fare = round({1: rng.uniform(26, 260), 2: rng.uniform(10, 40), 3: rng.uniform(6.5, 25)}[pclass], 4)
        cabin = f"{rng.choice('ABCDE')}{rng.randrange(2, 130)}" if pclass == 1 and rng.random() < 0.8 else ""
        survived = int(rng.random() < (0.74 if sex == "female" else 0.19) + (0.1 if pclass == 1 else 0))
        embarked = rng.choices(["S", "C", "Q", ""], [0.72, 0.19, 0.08, 0.01])[0]
        rows.append([pid, survived, pclass, name, sex, age, sibsp, parch, ticket, fare, cabin, embarked])
    return rows


ADJECTIVES = [
    "amber",
    "brisk",
    "calm",
    "dappled",
    "eager",
    "feathered",
    "gentle",
    "hidden",
    "icy",
    "jolly",
    "keen",
    "lucky",
    "misty",
    "nimble",
    "olive",
    "plain",
    "quiet",
    "rusty",
    "silver",
    "tiny",
    "upright",
    "velvet",
    "woolly",
    "young",
    "zesty",
    "bright",
    "copper",
    "dusky",
    "early",
    "frosty",
    "golden",
    "hardy",
    "ivory",
    "jade",
    "little",
    "marbled",
    "northern",
    "pale",
    "round",
    "striped",
]
NOUNS = [
    "heron",
    "kettle",
    "lantern",
    "maple",
    "otter",
    "pebble",
    "quilt",
    "robin",
    "saddle",
    "tulip",
    "umbrella",
    "violin",
    "walnut",
    "yarn",
    "acorn",
    "beetle",
    "canoe",
    "daisy",
    "easel",
    "fern",
    "goose",
    "harbor",
    "igloo",
    "jar",
    "kite",
]


def make_data(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    columns = [
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
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(titanic_rows(120, 29))
    (out / "titanic.csv").write_text(buffer.getvalue(), encoding="utf-8", newline="\n")
    time_rows = ["time,value,price"] + [f"{t},{t * (t + 3) // 2},{5 + 3 * t}" for t in range(1, 11)]
    (out / "time.csv").write_text("\n".join(time_rows) + "\n", encoding="utf-8", newline="\n")
    labels = [f"{adjective} {noun}" for noun in NOUNS for adjective in ADJECTIVES]
    assert len(labels) == len(set(labels)) == 1000
    (out / "imagenet_labels.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8", newline="\n")
    cues = [
        ("One", 0.0, 0.5),
        ("Two", 0.5, 1.0),
        ("Three", 1.0, 1.5),
        ("Four", 1.5, 2.0),
        ("Über größe: ça va? ¡sí!", 2.0, 2.5),
        ("Two lines:\nthe second one", 2.5, 4.0),
    ]

    def stamp(seconds: float, mark: str) -> str:
        ms = round(seconds * 1000)
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{mark}{ms % 1000:03d}"

    srt = [f"{i + 1}\n{stamp(a, ',')} --> {stamp(b, ',')}\n{text}\n" for i, (text, a, b) in enumerate(cues)]
    (out / "s1.srt").write_text("\n".join(srt), encoding="utf-8", newline="\n")
    vtt = [f"{stamp(a, '.')} --> {stamp(b, '.')}\n{text}\n" for text, a, b in cues]
    (out / "s2.vtt").write_text("WEBVTT\n\n" + "\n".join(vtt), encoding="utf-8", newline="\n")
    cue_json = [{"text": text, "timestamp": [a, b]} for text, a, b in cues]
    (out / "s3.json").write_text(
        json.dumps(cue_json, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n"
    )
    (out / "sample.txt").write_text("Hello from Trellis!\n", encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"the folder to write (default {OUT})")
    parser.add_argument(
        "--only",
        choices=["images", "audio", "videos", "models3d", "data"],
        action="append",
        help="make only these kinds (repeatable)",
    )
    args = parser.parse_args()
    makers = {
        "images": make_images,
        "audio": make_audio,
        "videos": make_videos,
        "models3d": make_models,
        "data": make_data,
    }
    for kind, make in makers.items():
        if args.only is None or kind in args.only:
            make(args.out / kind)
    total = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"wrote {sum(1 for p in args.out.rglob('*') if p.is_file())} files, {total / 1024:.0f} KiB, to {args.out}")


if __name__ == "__main__":
    main()
