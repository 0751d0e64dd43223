"""Record the CSS variables Gradio's themes put on a page, as the reference for Trellis's themes.

Run it with a Python that has Gradio and Playwright installed (never ``playwright install``: the
system Chromium is used)::

    /tmp/gradio-venv/bin/python scripts/record_gradio_theme_vars.py

For every theme in ``THEMES`` (a Python expression, evaluated with ``import gradio as gr``) it
launches a one-textbox Gradio app with ``launch(theme=...)``, opens it in Chromium light and dark
(``?__theme=dark``), and reads ``getComputedStyle(.gradio-container)`` for every custom property
that the theme's ``/theme.css`` declares. It writes ``tests/fixtures/gradio_theme_vars.json``:

``themes[key]`` = ``{"expr": ..., "light": {name: value}, "dark": {name: value}}`` where ``light``
holds every variable and ``dark`` only those whose dark value differs from the light one. Names are
written as in CSS without the leading ``--``. A theme's own CSS (``--custom-css``, which only Mario
has) is not recorded, only its length.

It also stores the public palettes (``gr.themes.colors``) and sizes (``gr.themes.sizes``), and the
``body_css`` Gradio embeds in the page config. ``--css-dir DIR`` additionally saves each theme's
``/theme.css`` to DIR for analysis (not committed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import sys
import urllib.request
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "gradio_theme_vars.json"
CHROMIUM = os.environ.get("TRELLIS_CHROMIUM", "/usr/bin/chromium")

#: key -> theme expression; the same expressions are evaluated by Trellis's tests with ``import trellis as gr``.
THEMES: dict[str, str] = {
    "base": "gr.themes.Base()",
    "default": "gr.themes.Default()",
    "soft": "gr.themes.Soft()",
    "monochrome": "gr.themes.Monochrome()",
    "glass": "gr.themes.Glass()",
    "origin": "gr.themes.Origin()",
    "citrus": "gr.themes.Citrus()",
    "ocean": "gr.themes.Ocean()",
    "cyberpunk": "gr.themes.Cyberpunk()",
    "ember": "gr.themes.Ember()",
    "mario": "gr.themes.Mario()",
    "neon": "gr.themes.Neon()",
    "default_hues": "gr.themes.Default(primary_hue='red', secondary_hue='teal', neutral_hue='slate')",
    "soft_color_objects": (
        "gr.themes.Soft(primary_hue=gr.themes.colors.emerald, secondary_hue=gr.themes.colors.pink,"
        " neutral_hue=gr.themes.colors.zinc)"
    ),
    "default_text_lg": "gr.themes.Default(text_size='lg')",
    "base_radius_none": "gr.themes.Base(radius_size='none')",
    "origin_sizes": (
        "gr.themes.Origin(text_size=gr.themes.sizes.text_sm, spacing_size='lg', radius_size=gr.themes.sizes.radius_lg)"
    ),
    "default_fonts": (
        "gr.themes.Default(font=['Arial', 'sans-serif'], font_mono=[gr.themes.Font('Courier New'), 'monospace'])"
    ),
    "citrus_google_font": "gr.themes.Citrus(font=gr.themes.GoogleFont('Inter'), font_mono='Fira Code')",
    "base_custom_color": (
        "gr.themes.Base(primary_hue=gr.themes.Color(c50='#fff1f0', c100='#ffe0dc', c200='#ffc6bf',"
        " c300='#ff9f93', c400='#ff6a57', c500='#f93f27', c600='#e62b12', c700='#c2210d',"
        " c800='#a01f10', c900='#842115', c950='#480c05', name='coral'),"
        " text_size=gr.themes.Size(xxs='8px', xs='9px', sm='11px', md='13px', lg='15px', xl='20px', xxl='24px'))"
    ),
    "default_set": (
        "gr.themes.Default().set(button_primary_background_fill='*secondary_600',"
        " button_primary_background_fill_dark='*secondary_800', block_shadow='0 0 0 1px red',"
        " body_background_fill='*neutral_100', block_title_text_color='*block_label_text_color',"
        " input_radius='*radius_xl')"
    ),
    "soft_set": (
        "gr.themes.Soft(primary_hue='rose').set(body_background_fill_dark='#101014', input_background_fill='*primary_50',"
        " block_label_text_size='*text_lg', slider_color='*secondary_300', button_large_padding='20px')"
    ),
    "glass_set_dark": (
        "gr.themes.Glass().set(block_background_fill='white', block_background_fill_dark='*neutral_900',"
        " link_text_color='*primary_700')"
    ),
}

READ_VARS = """names => {
    const el = document.querySelector('.gradio-container');
    const style = getComputedStyle(el);
    return Object.fromEntries(names.map(n => [n, style.getPropertyValue('--' + n).trim()]));
}"""


def declared_names(css: str) -> list[str]:
    """Every custom property ``/theme.css`` declares, in order of first appearance."""
    seen: dict[str, None] = {}
    for name in re.findall(r"^\s*--([A-Za-z0-9_-]+)\s*:", css, flags=re.M):
        seen.setdefault(name, None)
    return list(seen)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def record_one(gr: Any, page: Any, expr: str, css_dir: Path | None, key: str) -> dict[str, Any]:
    theme = eval(expr, {"gr": gr})
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
    demo.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True, theme=theme)
    try:
        url = str(demo.local_url)
        css = urllib.request.urlopen(url + "theme.css").read().decode()
        config = json.loads(urllib.request.urlopen(url + "config").read().decode())
        if css_dir:
            (css_dir / f"{key}.css").write_text(css)
        names = declared_names(css)
        result: dict[str, Any] = {"expr": expr, "body_css": config.get("body_css")}
        for scheme, query in (("light", ""), ("dark", "?__theme=dark")):
            page.goto(url + query)
            page.wait_for_selector(".gradio-container")
            page.wait_for_function(
                "() => getComputedStyle(document.querySelector('.gradio-container'))"
                ".getPropertyValue('--name').trim() !== ''"
            )
            if scheme == "dark":
                page.wait_for_function("() => document.body.classList.contains('dark')")
            values = page.evaluate(READ_VARS, names)
            if values.get("custom-css"):  # a theme's own CSS (Mario's): Gradio's text, not recorded
                values["custom-css"] = f"<{len(values['custom-css'])} characters of CSS, not recorded>"
            result[scheme] = values
        light = result["light"]
        result["dark"] = {n: v for n, v in result["dark"].items() if light.get(n) != v}
        return result
    finally:
        demo.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--css-dir", type=Path, default=None, help="also save each theme's /theme.css here")
    parser.add_argument("--only", nargs="*", help="record only these keys (merged into an existing file)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    import gradio as gr
    from playwright.sync_api import sync_playwright

    if args.css_dir:
        args.css_dir.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = json.loads(args.out.read_text()) if args.only and args.out.exists() else {}
    data.update(
        {
            "gradio_version": gr.__version__,
            "command": "/tmp/gradio-venv/bin/python scripts/record_gradio_theme_vars.py",
            "read_from": "getComputedStyle(document.querySelector('.gradio-container')), light and ?__theme=dark",
            "colors": {
                name: {f"c{s}": getattr(c, f"c{s}") for s in (50, *range(100, 1000, 100), 950)}
                for name in dir(gr.themes.colors)
                if isinstance(c := getattr(gr.themes.colors, name), gr.themes.Color)
            },
            "sizes": {
                name: {k: getattr(s, k) for k in ("xxs", "xs", "sm", "md", "lg", "xl", "xxl")}
                for name in dir(gr.themes.sizes)
                if isinstance(s := getattr(gr.themes.sizes, name), gr.themes.Size)
            },
        }
    )
    themes: dict[str, Any] = data.setdefault("themes", {})
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        for key, expr in THEMES.items():
            if args.only and key not in args.only:
                continue
            print(f"recording {key}: {expr}", file=sys.stderr)
            themes[key] = record_one(gr, page, expr, args.css_dir, key)
        browser.close()
    data["themes"] = {k: themes[k] for k in THEMES if k in themes}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
