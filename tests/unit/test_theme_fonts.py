"""Theme fonts: the @font-face rules LocalFont and GoogleFont write for the files the frontend build ships.

The build (``frontend/vite-plugin-fonts.ts``) writes woff2 files under ``assets/`` and lists them in
``fonts.json``; these tests serve a small fake build with such a list, so they check the rules and
where they reach the page (inline for the default theme, ``theme.css`` otherwise, a mounted app)
without a real build. ``tests/browser/test_browser_fonts.py`` loads the real files in Chromium.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

import trellis as gr
from trellis import _bundle
from trellis.routes import App
from trellis.server import frontend
from trellis.themes import bundled_theme_css
from trellis.themes.utils.fonts import Font, LocalFont

REPO = Path(__file__).resolve().parents[2]
BASIC = "U+0000-007F,U+00B7"
EXT = "U+0100-02AF"


def _files(slug: str, weight: int) -> dict[str, dict[str, str]]:
    return {
        "latin-ext": {"file": f"assets/{slug}-latin-ext-{weight}-h1.woff2", "unicode_range": EXT},
        "latin-basic": {"file": f"assets/{slug}-latin-basic-{weight}-h2.woff2", "unicode_range": BASIC},
    }


MANIFEST = {
    "Source Sans Pro": {"400": _files("source-sans-pro", 400), "600": _files("source-sans-pro", 600)},
    "IBM Plex Mono": {"400": _files("ibm-plex-mono", 400), "600": _files("ibm-plex-mono", 600)},
    "Ubuntu": {"400": _files("ubuntu", 400)},
}


def _use_build(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(_bundle, "FRONTEND_DIR", folder)
    monkeypatch.setattr(frontend, "FRONTEND_DIR", folder)
    monkeypatch.setattr(frontend, "ASSETS_DIR", folder / "assets")
    frontend.clear_caches()


@pytest.fixture
def build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fake frontend build: an entry chunk, fonts.json and its (dummy) font files."""
    (tmp_path / ".vite").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / ".vite" / "manifest.json").write_text(json.dumps({"src/main.ts": {"file": "assets/main.js"}}))
    (tmp_path / "assets" / "main.js").write_text("")
    (tmp_path / "fonts.json").write_text(json.dumps(MANIFEST))
    for weights in MANIFEST.values():
        for subsets in weights.values():
            for entry in subsets.values():
                (tmp_path / entry["file"]).write_bytes(b"wOF2 " + entry["file"].encode())
    _use_build(monkeypatch, tmp_path)
    yield tmp_path
    monkeypatch.undo()
    frontend.clear_caches()


def _rules(css: str | None) -> list[str]:
    return (css or "").splitlines()


# -- the rules -------------------------------------------------------------------------------------------


def test_a_shipped_local_font_gets_a_rule_per_weight_and_subset(build: Path) -> None:
    sheet = LocalFont("Source Sans Pro").stylesheet()
    assert sheet["url"] is None
    rules = _rules(sheet["css"])
    assert rules == [
        "@font-face { font-family: 'Source Sans Pro'; font-style: normal; font-weight: 400; font-display: swap; "
        "src: url('assets/source-sans-pro-latin-ext-400-h1.woff2') format('woff2'); unicode-range: U+0100-02AF; }",
        "@font-face { font-family: 'Source Sans Pro'; font-style: normal; font-weight: 400; font-display: swap; "
        "src: url('assets/source-sans-pro-latin-basic-400-h2.woff2') format('woff2'); unicode-range: U+0000-007F,U+00B7; }",
        "@font-face { font-family: 'Source Sans Pro'; font-style: normal; font-weight: 600; font-display: swap; "
        "src: url('assets/source-sans-pro-latin-ext-600-h1.woff2') format('woff2'); unicode-range: U+0100-02AF; }",
        "@font-face { font-family: 'Source Sans Pro'; font-style: normal; font-weight: 600; font-display: swap; "
        "src: url('assets/source-sans-pro-latin-basic-600-h2.woff2') format('woff2'); unicode-range: U+0000-007F,U+00B7; }",
    ]


def test_a_local_font_gets_rules_for_its_shipped_weights_only(build: Path) -> None:
    rules = _rules(LocalFont("Source Sans Pro", weights=(400, 800)).stylesheet()["css"])
    assert len(rules) == 2 and all("font-weight: 400;" in r for r in rules)
    assert LocalFont("Ubuntu", weights=(700,)).stylesheet() == {"url": None, "css": None}


def test_a_family_trellis_does_not_ship_keeps_todays_behaviour(build: Path) -> None:
    assert LocalFont("Inter").stylesheet() == {"url": None, "css": None}
    assert gr.themes.GoogleFont("Inter").stylesheet() == {
        "url": "https://fonts.googleapis.com/css2?family=Inter:wght@400;600&display=swap",
        "css": None,
    }
    assert Font("Inter").stylesheet() == {"url": None, "css": None}


def test_a_google_font_uses_the_shipped_files_when_every_weight_is_shipped(build: Path) -> None:
    """As Gradio's GoogleFont uses its local files when it has them all."""
    assert gr.themes.GoogleFont("Source Sans Pro").stylesheet() == LocalFont("Source Sans Pro").stylesheet()
    assert gr.themes.GoogleFont("Source Sans Pro", weights=(400, 700)).stylesheet() == {
        "url": "https://fonts.googleapis.com/css2?family=Source+Sans+Pro:wght@400;700&display=swap",
        "css": None,
    }
    theme = gr.themes.Base(font=gr.themes.GoogleFont("Ubuntu", weights=(400,)))
    assert theme._stylesheets == []
    assert "font-family: 'Ubuntu'" in theme._font_css()


def test_without_a_build_no_rules_and_google_fonts_come_from_google(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_build(monkeypatch, tmp_path)
    try:
        assert LocalFont("Source Sans Pro").stylesheet() == {"url": None, "css": None}
        assert gr.themes.GoogleFont("Source Sans Pro").stylesheet()["url"]
        assert gr.themes.Default()._font_css() == ""
    finally:
        monkeypatch.undo()
        frontend.clear_caches()


def test_the_theme_css_starts_with_its_fonts_rules_once_each(build: Path) -> None:
    theme = gr.themes.Default()
    fonts_css = theme._font_css()
    assert theme._get_theme_css() == fonts_css + "\n" + theme._variables_css()
    assert [r.split(";")[0] for r in _rules(fonts_css)] == ["@font-face { font-family: 'Source Sans Pro'"] * 4 + [
        "@font-face { font-family: 'IBM Plex Mono'"
    ] * 4
    # the same font as text and code font: its rules once
    same = gr.themes.Base(font=LocalFont("Ubuntu", weights=(400,)), font_mono=LocalFont("Ubuntu", weights=(400,)))
    assert len(_rules(same._font_css())) == 2


def test_the_bundle_holds_the_default_themes_variables_without_font_rules(build: Path) -> None:
    assert "@font-face" not in bundled_theme_css()
    assert bundled_theme_css() == gr.themes.Default()._variables_css()
    generated = (REPO / "frontend" / "src" / "theme" / "default-theme.css").read_text()
    assert generated.endswith(bundled_theme_css())


# -- on the page -----------------------------------------------------------------------------------------


def _demo(theme: object = None) -> gr.Blocks:
    with gr.Blocks(theme=theme) as demo:
        gr.Textbox(label="Name")
    return demo


def _font_urls(css: str) -> list[str]:
    return re.findall(r"url\('([^']+)'\)", css)


def test_the_default_theme_page_inlines_its_font_rules(build: Path) -> None:
    with TestClient(App.create_app(_demo())) as client:
        page = client.get("/").text
        assert "theme.css" not in page
        style = re.search(r"<style>\n(@font-face.*?)\n</style>", page, re.S)
        assert style is not None
        assert style.group(1) == gr.themes.Default()._font_css()
        for url in _font_urls(style.group(1)):
            response = client.get("/" + url)
            assert response.status_code == 200
            assert response.headers["content-type"] == "font/woff2"
            assert "immutable" in response.headers["cache-control"]


def test_another_theme_brings_its_font_rules_in_theme_css(build: Path) -> None:
    with TestClient(App.create_app(_demo(gr.themes.Citrus()))) as client:
        page = client.get("/").text
        assert "@font-face" not in page
        assert re.search(r'<link rel="stylesheet" href="\./theme\.css\?v=[0-9a-f]{64}">', page)
        css = client.get("/theme.css").text
        assert css.startswith("@font-face { font-family: 'Ubuntu';")
        urls = _font_urls(css)
        assert urls == ["assets/ubuntu-latin-ext-400-h1.woff2", "assets/ubuntu-latin-basic-400-h2.woff2"]
        assert all(client.get("/" + url).status_code == 200 for url in urls)
        # Gradio's other address of the same stylesheet is a folder down: its URLs go up one
        api_css = client.get("/gradio_api/theme.css").text
        assert _font_urls(api_css) == ["../" + url for url in urls]
        assert all(client.get("/gradio_api/" + url).status_code == 200 for url in _font_urls(api_css))


@pytest.mark.parametrize("theme", [None, gr.themes.Citrus()], ids=["default", "citrus"])
def test_a_mounted_app_under_a_root_path_serves_its_fonts_beside_its_page(build: Path, theme: object) -> None:
    """The URLs stay relative: they resolve under the mount path, and under whatever root path a proxy adds."""
    host = FastAPI()
    gr.mount_gradio_app(host, _demo(theme), path="/sub", root_path="/proxy", theme=theme)
    with TestClient(host) as client:
        page = client.get("/sub/").text
        css = page if theme is None else client.get("/sub/theme.css").text
        urls = _font_urls(css)
        assert urls and all(url.startswith("assets/") for url in urls)
        for url in urls:
            response = client.get("/sub/" + url)
            assert response.status_code == 200
            assert response.content.startswith(b"wOF2 ")


# -- the build ships what the themes name ------------------------------------------------------------------


def _plugin_families() -> dict[str, set[int]]:
    """The FAMILIES table of frontend/vite-plugin-fonts.ts: family → weights."""
    source = (REPO / "frontend" / "vite-plugin-fonts.ts").read_text()
    rows = re.findall(r'^\t"?([^":\n]+)"?: \{ pkg: "[a-z0-9-]+", weights: \[([0-9, ]+)\] \},$', source, re.M)
    return {name: {int(w) for w in weights.split(",")} for name, weights in rows}


def _theme_fonts() -> dict[str, set[int]]:
    """Every LocalFont of Trellis's themes: family → weights."""
    themes = [
        cls()
        for cls in (
            gr.themes.Base,
            gr.themes.Default,
            gr.themes.Soft,
            gr.themes.Monochrome,
            gr.themes.Glass,
            gr.themes.Origin,
            gr.themes.Citrus,
            gr.themes.Ocean,
            gr.themes.Cyberpunk,
            gr.themes.Ember,
            gr.themes.Mario,
            gr.themes.Neon,
        )
    ]
    found: dict[str, set[int]] = {}
    for theme in themes:
        for font in theme._fonts():
            assert isinstance(font, LocalFont), font
            found.setdefault(font.name, set()).update(font.weights)
    return found


def test_the_build_ships_every_font_of_every_theme_in_its_weights() -> None:
    shipped = _plugin_families()
    assert len(shipped) == 16
    themes = _theme_fonts()
    assert len(themes) == 14
    assert {name: weights - shipped.get(name, set()) for name, weights in themes.items()} == dict.fromkeys(
        themes, set()
    )


def test_the_served_build_lists_what_the_plugin_ships() -> None:
    manifest = frontend.font_manifest()
    if not manifest:
        pytest.skip("the served frontend build has no fonts.json (built before the theme fonts)")
    assert {name: {int(w) for w in weights} for name, weights in manifest.items()} == _plugin_families()
    for weights in manifest.values():
        for subsets in weights.values():
            assert list(subsets) in (["latin-ext", "latin", "latin-basic"], ["latin", "latin-basic"])
            for entry in subsets.values():
                assert (frontend.FRONTEND_DIR / entry["file"]).is_file(), entry["file"]
                assert re.fullmatch(
                    r"U\+[0-9A-F]{4,6}(-[0-9A-F]{4,6})?(,U\+[0-9A-F]{4,6}(-[0-9A-F]{4,6})?)*", entry["unicode_range"]
                )
