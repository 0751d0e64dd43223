"""Themes produce the CSS variables Gradio's do, light and dark; the theme API works as Gradio's.

The reference is ``tests/fixtures/gradio_theme_vars.json``: what Chromium computed for every variable
of each theme on a Gradio 6.31 page, recorded by ``scripts/record_gradio_theme_vars.py``. Each entry
holds the theme as a Python expression, evaluated here with ``import trellis as gr``.
"""

from __future__ import annotations

import importlib
import urllib.error
from pathlib import Path
from typing import Any

import pytest
from gradio_themes import RECORDED, THEMES, expected
from gradio_themes import theme as recorded_theme

import trellis as gr
from trellis.config.build import compile_app
from trellis.themes import resolve


def computed(theme: gr.themes.ThemeClass, scheme: str) -> dict[str, str]:
    """What the browser computes for each of the theme's variables, with CSS names."""
    return {name.replace("_", "-"): value for name, value in theme.resolved(dark=scheme == "dark").items()}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("key", list(THEMES))
def test_theme_computes_the_values_gradios_does(key: str, scheme: str) -> None:
    want = expected(key, scheme)
    got = computed(recorded_theme(key), scheme)
    assert {n: got.get(n) for n in want if got.get(n) != want[n]} == {}
    # and declares no variable Gradio's does not
    assert set(got) - set(THEMES[key]["light"]) == set()


def test_palettes_and_sizes_are_gradios() -> None:
    for name, shades in RECORDED["colors"].items():
        assert getattr(gr.themes.colors, name).expand() == list(shades.values())
    for name, steps in RECORDED["sizes"].items():
        assert getattr(gr.themes.sizes, name).expand() == list(steps.values())


def test_the_page_css_declares_light_and_dark_with_references_as_var() -> None:
    css = gr.themes.Soft().set(block_title_text_color="*block_label_text_color")._get_theme_css()
    light, dark = css.split(":root.dark, :root .dark")
    # The theme's shipped fonts come first (their @font-face rules, one per line), then the variables.
    rules = [line for line in light.splitlines() if line.startswith("@font-face")]
    assert all("font-family: 'Montserrat'" in rule or "font-family: 'IBM Plex Mono'" in rule for rule in rules)
    assert light.replace("\n".join(rules), "").lstrip().startswith(":root {")
    assert "--block-title-text-color: var(--block-label-text-color);" in light
    assert "--primary-500: #6366f1;" in light
    assert "--body-background-fill: var(--background-fill-primary);" in dark


@pytest.mark.parametrize(
    ("name", "cls"),
    [("soft", gr.themes.Soft), ("Soft", gr.themes.Soft), ("OCEAN", gr.themes.Ocean), ("base", gr.themes.Base)],
)
def test_a_theme_by_name_is_the_preset(name: str, cls: type) -> None:
    theme = resolve(name)
    assert type(theme) is cls
    assert theme.resolved() == cls().resolved()


def test_no_theme_is_the_default_and_an_instance_is_itself() -> None:
    assert type(resolve(None)) is gr.themes.Default
    soft = gr.themes.Soft()
    assert resolve(soft) is soft


def test_an_unknown_name_falls_back_to_the_default_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(*args: Any, **kwargs: Any) -> Any:
        raise urllib.error.URLError("no network")

    monkeypatch.setattr("urllib.request.urlopen", offline)
    with pytest.warns(UserWarning, match="needs the network"):
        theme = resolve("someone/their-theme")
    assert type(theme) is gr.themes.Default


def test_from_hub_offline_says_it_needs_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(*args: Any, **kwargs: Any) -> Any:
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr("urllib.request.urlopen", offline)
    with pytest.raises(ConnectionError, match="needs the network"):
        gr.themes.Base.from_hub("gradio/seafoam")


def test_set_overrides_light_and_dark_and_rejects_unknown_names() -> None:
    theme = gr.themes.Default().set(
        button_primary_background_fill="*secondary_600", button_primary_background_fill_dark="*secondary_800"
    )
    assert theme.button_primary_background_fill == "*secondary_600"
    assert theme.resolved()["button_primary_background_fill"] == gr.themes.colors.blue.c600
    assert theme.resolved(dark=True)["button_primary_background_fill"] == gr.themes.colors.blue.c800
    with pytest.raises(TypeError, match="no_such_variable"):
        gr.themes.Default().set(no_such_variable="red")


def test_a_dark_value_never_set_follows_the_light_one() -> None:
    theme = gr.themes.Base().set(block_shadow="0 0 0 1px red")
    assert theme.block_shadow_dark is None
    assert theme.resolved(dark=True)["block_shadow"] == "0 0 0 1px red"


def test_set_puts_the_page_backgrounds_back_to_the_base_values_as_gradio_does() -> None:
    assert gr.themes.Soft().resolved()["background_fill_primary"] == gr.themes.colors.gray.c50
    assert gr.themes.Soft().set().resolved()["background_fill_primary"] == "white"


def test_hue_and_size_names_and_errors() -> None:
    theme = gr.themes.Base(primary_hue="red", text_size="lg", radius_size="none")
    assert theme.primary_500 == gr.themes.colors.red.c500
    assert theme.text_md == gr.themes.sizes.text_lg.md
    assert theme.radius_lg == "0px"
    with pytest.raises(ValueError, match="nope"):
        gr.themes.Base(primary_hue="nope")
    with pytest.raises(ValueError, match="huge"):
        gr.themes.Base(text_size="huge")


def test_fonts_quote_font_objects_and_google_fonts_add_a_stylesheet() -> None:
    theme = gr.themes.Base(font=[gr.themes.GoogleFont("Roboto Slab"), "Arial", "sans-serif"])
    assert theme.font == "'Roboto Slab', Arial, sans-serif"
    assert theme._stylesheets == ["https://fonts.googleapis.com/css2?family=Roboto+Slab:wght@400;600&display=swap"]
    assert str(gr.themes.Font("sans-serif")) == "sans-serif"
    assert gr.themes.LocalFont("Lora") == gr.themes.LocalFont("Lora")


def test_to_dict_dump_and_load_round_trip(tmp_path: Path) -> None:
    theme = gr.themes.Citrus(font=gr.themes.GoogleFont("Inter")).set(block_shadow_dark="*shadow_drop_lg")
    data = theme.to_dict()
    assert data["theme"]["name"] == "citrus"
    assert data["theme"]["_font"][0] == {
        "__gradio_font__": True,
        "name": "Inter",
        "class": "google",
        "weights": [400, 600],
    }
    assert "block_border_width_dark" not in data["theme"]
    path = tmp_path / "theme.json"
    theme.dump(path)
    loaded = gr.themes.Base.load(path)
    assert loaded.name == "citrus"
    assert loaded._get_theme_css() == theme._get_theme_css()
    assert gr.themes.Base.from_dict(data["theme"])._get_theme_css() == theme._get_theme_css()


def test_gradios_module_paths_import() -> None:
    for module, names in {
        "trellis.themes.base": ["Base", "ThemeClass"],
        "trellis.themes.default": ["Default"],
        "trellis.themes.soft": ["Soft"],
        "trellis.themes.monochrome": ["Monochrome"],
        "trellis.themes.glass": ["Glass"],
        "trellis.themes.origin": ["Origin"],
        "trellis.themes.citrus": ["Citrus"],
        "trellis.themes.ocean": ["Ocean"],
        "trellis.themes.utils.colors": ["Color", "orange", "slate"],
        "trellis.themes.utils.sizes": ["Size", "text_md", "radius_none"],
        "trellis.themes.utils.fonts": ["Font", "GoogleFont", "LocalFont"],
    }.items():
        imported = importlib.import_module(module)
        for name in names:
            assert hasattr(imported, name), f"{module}.{name}"
    assert gr.themes.Color is gr.themes.utils.colors.Color
    assert isinstance(gr.themes.Soft(), gr.themes.ThemeClass)


@pytest.mark.parametrize("key", ["default", "soft", "glass_set_dark"])
def test_the_config_names_the_theme_and_its_body_colours_as_gradios(key: str) -> None:
    with gr.Blocks(theme=recorded_theme(key)) as demo:
        gr.Textbox()
    config = compile_app(demo).config
    assert config["body_css"] == THEMES[key]["body_css"]
    assert config["theme"] == THEMES[key]["light"]["name"]
    assert len(config["theme_hash"]) == 64
