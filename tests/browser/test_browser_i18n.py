"""gr.I18n and the page's own strings in the browser's language, as Gradio 6.31's page does it.

What Gradio 6.31 showed for the same apps in Chromium with Playwright's ``locale=`` (recorded by hand):
- app text: the marker's key in the browser's language ("fr-FR" -> fr), else its base language, else
  "en", else the key; only markers are translated (a plain label equal to a key stays as it is); a
  Radio choice keeps its marker as its value; ``<html lang>`` is the chosen language ("fr", "en", "zh-CN");
- its own strings: the footer, the upload area and the Settings' headings follow the same choice among
  its languages ("fr-CA" -> fr, "pt-PT" -> pt, "zh"/"it"/"xx" -> English); the Settings' language
  dropdown switches the page at once, and a reload goes back to the browser's language.
The translations of the page's own strings are Trellis's own (frontend/src/i18n/locales).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

import trellis as gr

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000


def tables() -> gr.I18n:
    return gr.I18n(
        en={"greet": "Hello", "name": "Your name", "go": "Go", "md": "## Welcome", "info": "Type here", "ph": "e.g. Ada",
            "apple": "Apple", "more": "More", "tab": "First tab", "title": "My app"},
        fr={"greet": "Bonjour", "name": "Votre nom", "go": "Aller", "md": "## Bienvenue", "info": "Tapez ici",
            "ph": "ex. Ada", "apple": "Pomme", "more": "Plus", "tab": "Premier onglet", "title": "Mon appli"},
        de={"greet": "Hallo"},
        **{"zh-CN": {"greet": "你好", "name": "你的名字"}},
    )  # fmt: skip


def i18n_app() -> tuple[gr.Blocks, gr.I18n]:
    i18n = tables()
    with gr.Blocks(title=i18n("title")) as demo:
        gr.Markdown(i18n("md"))
        with gr.Tab(i18n("tab")):
            name = gr.Textbox(label=i18n("name"), info=i18n("info"), placeholder=i18n("ph"))
        out = gr.Textbox(label=i18n("greet"))
        fruit = gr.Radio([i18n("apple"), "Banana"], label="fruit")
        gr.Dropdown([(i18n("apple"), "a"), ("B", "b")], value="a", label="dd")
        gr.Textbox(label="greet")  # a plain label equal to a key: not translated
        with gr.Accordion(i18n("more")):
            gr.Markdown("inside")
        gr.Button(i18n("go")).click(lambda n, f: f"{n}|{f == i18n('apple')}", [name, fruit], out)
        gr.Image(label="pic")
        gr.Button("relabel").click(lambda: gr.update(label=i18n("more")), None, out)
    return demo, i18n


@contextmanager
def localized(browser: Any, locale: str) -> Iterator[Any]:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def label(page: Any, text: str) -> Any:
    return page.get_by_text(text, exact=True)


def test_app_text_follows_the_browser_language_with_gradios_fallbacks(browser: Any, serve: Callable[..., str]) -> None:
    from playwright.sync_api import expect

    demo, i18n = i18n_app()
    url = serve(demo, i18n=i18n)
    expected = {
        # locale: (lang, name label, info, placeholder, heading, button, radio choice, tab, accordion, greet, title)
        "en-US": ("en", "Your name", "Type here", "e.g. Ada", "Welcome", "Go", "Apple", "First tab", "More", "Hello", "My app"),
        "fr-FR": ("fr", "Votre nom", "Tapez ici", "ex. Ada", "Bienvenue", "Aller", "Pomme", "Premier onglet", "Plus", "Bonjour", "Mon appli"),
        # missing keys fall back to English
        "zh-CN": ("zh-CN", "你的名字", "Type here", "e.g. Ada", "Welcome", "Go", "Apple", "First tab", "More", "你好", "My app"),
        "de-DE": ("de", "Your name", "Type here", "e.g. Ada", "Welcome", "Go", "Apple", "First tab", "More", "Hallo", "My app"),
        # Spanish: no table in the app, page strings Spanish, app text English
        "es": ("es", "Your name", "Type here", "e.g. Ada", "Welcome", "Go", "Apple", "First tab", "More", "Hello", "My app"),
    }  # fmt: skip
    for locale, (lang, name, info, ph, heading, go, apple, tab, more, greet, title) in expected.items():
        with localized(browser, locale) as page:
            page.goto(url)
            expect(page.get_by_role("heading", name=heading)).to_be_visible()
            expect(page.locator("html")).to_have_attribute("lang", lang)
            assert page.title() == title
            expect(page.get_by_label(name)).to_have_attribute("placeholder", ph)
            expect(label(page, info)).to_be_visible()
            expect(page.get_by_role("button", name=go, exact=True)).to_be_visible()
            expect(page.get_by_role("radio", name=apple)).to_be_visible()
            expect(page.get_by_role("tab", name=tab)).to_be_visible()
            expect(page.get_by_role("button", name=more)).to_be_visible()
            expect(label(page, greet).first).to_be_visible()
            expect(page.get_by_role("combobox", name="dd")).to_have_value(apple)
            expect(label(page, "greet")).to_be_visible()
            assert "__i18n__" not in page.locator("body").inner_text()


def test_a_translated_choice_keeps_its_marker_as_its_value(browser: Any, serve: Callable[..., str]) -> None:
    from playwright.sync_api import expect

    demo, i18n = i18n_app()
    url = serve(demo, i18n=i18n)
    with localized(browser, "fr-FR") as page:
        page.goto(url)
        page.get_by_label("Votre nom").fill("Ada")
        page.get_by_role("radio", name="Pomme").check()
        page.get_by_role("button", name="Aller", exact=True).click()
        expect(page.get_by_label("Bonjour")).to_have_value("Ada|True")
        # a marker in an update is translated too
        page.get_by_role("button", name="relabel").click()
        expect(page.get_by_role("textbox", name="Plus")).to_have_value("Ada|True")


def test_the_pages_own_strings_follow_the_browser_language(browser: Any, serve: Callable[..., str]) -> None:
    from playwright.sync_api import expect

    with gr.Blocks() as demo:
        gr.Image(label="pic")
        gr.File(label="doc")
    url = serve(demo)
    # our own translations (frontend/src/i18n/locales); English for a language Gradio does not ship
    cases = {
        "en-US": ("en", "Use via API", "Settings", "Drop Image Here", "- or -", "Click to Upload"),
        "fr-FR": ("fr", "Utiliser par l'API", "Paramètres", "Déposer une image ici", "- ou -", "Cliquer pour envoyer"),
        "fr-CA": ("fr", "Utiliser par l'API", "Paramètres", "Déposer une image ici", "- ou -", "Cliquer pour envoyer"),
        "de-DE": ("de", "Per API nutzen", "Einstellungen", "Bild hierher ziehen", "- oder -", "Zum Hochladen klicken"),
        "zh-CN": ("zh-CN", "通过 API 调用", "设置", "把图片拖到这里", "- 或 -", "点击上传"),
        "pt-PT": ("pt", "Usar através da API", "Definições", "Largue uma imagem aqui", "- ou -", "Clique para carregar"),
        "it-IT": ("en", "Use via API", "Settings", "Drop Image Here", "- or -", "Click to Upload"),
        "zh": ("en", "Use via API", "Settings", "Drop Image Here", "- or -", "Click to Upload"),
    }  # fmt: skip
    for locale, (lang, api, settings, drop, either, click) in cases.items():
        with localized(browser, locale) as page:
            requested: list[str] = []
            page.on("request", lambda request, into=requested: into.append(request.url))
            page.goto(url)
            footer = page.get_by_test_id("footer")
            expect(footer).to_contain_text(api)
            expect(footer).to_contain_text(settings)
            expect(page.locator("html")).to_have_attribute("lang", lang)
            zone = page.get_by_test_id("image-dropzone")
            expect(zone).to_contain_text(drop)
            expect(zone).to_contain_text(either)
            expect(zone).to_contain_text(click)
            if lang == "en":
                # the English page loads no table at all
                assert not [u for u in requested if "/tables-" in u], requested
            else:
                tables_loaded = [u.rsplit("/", 1)[-1] for u in requested if "/assets/" in u]
                # only its own language's table
                assert any(name.startswith(f"{lang}-") for name in tables_loaded), tables_loaded
                assert not any(name.startswith(("ja-", "ko-", "ru-")) for name in tables_loaded), tables_loaded


def test_default_labels_and_recording_follow_the_language_as_in_gradio(browser: Any, serve: Callable[..., str]) -> None:
    """Gradio 6.31 shows some default labels (Checkbox, Radio, Color Picker, Label...) and the
    microphone's Record button in the page's language, and others (Slider, Textbox) in English."""
    from playwright.sync_api import expect

    with gr.Blocks() as demo:
        gr.Checkbox()
        gr.Radio(["a", "b"])
        gr.ColorPicker()
        gr.Slider()
        gr.Audio(sources=["microphone"])
    url = serve(demo)
    for locale, (checkbox, radio, color, record) in {
        "en-US": ("Checkbox", "Radio", "Color Picker", "Record"),
        "de-DE": ("Kontrollkästchen", "Optionsfeld", "Farbwähler", "Aufnehmen"),
    }.items():
        with localized(browser, locale) as page:
            page.goto(url)
            for text in (checkbox, radio, color):
                expect(label(page, text).first).to_be_visible()
            expect(label(page, "Slider")).to_be_visible()
            expect(page.get_by_test_id("audio-record")).to_have_text(record)
            if locale == "de-DE":
                page.get_by_test_id("footer").get_by_text("Einstellungen").click()
                page.get_by_test_id("settings-language").select_option("en")
                expect(label(page, "Checkbox").first).to_be_visible()
                expect(page.get_by_test_id("audio-record")).to_have_text("Record")


def test_the_settings_switch_the_language_until_a_reload(browser: Any, serve: Callable[..., str]) -> None:
    from playwright.sync_api import expect

    demo, i18n = i18n_app()
    url = serve(demo, i18n=i18n)
    with localized(browser, "fr-FR") as page:
        page.goto(url)
        page.get_by_label("Votre nom").fill("typed")
        page.get_by_test_id("footer").get_by_text("Paramètres").click()
        language = page.get_by_test_id("settings-language")
        expect(language).to_have_value("fr")
        expect(page.get_by_role("heading", name="Langue")).to_be_visible()
        # Gradio's language dropdown: a 42px box in a 138px section (measured in Gradio 6.31)
        box = language.bounding_box()
        section = page.locator("section", has=language).bounding_box()
        assert box is not None and section is not None
        assert box["height"] == 42 and section["height"] == 138
        options = language.locator("option")
        expect(options).to_have_count(33)
        expect(options.first).to_have_attribute("value", "ar")
        language.select_option("de")
        expect(page.get_by_role("heading", name="Sprache")).to_be_visible()
        expect(page.get_by_test_id("footer")).to_contain_text("Per API nutzen")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        # the app's text too (German where the app has it, else English); what the user typed stays
        expect(label(page, "Hallo").first).to_be_visible()
        expect(page.get_by_role("heading", name="Welcome")).to_be_visible()
        expect(page.get_by_label("Your name")).to_have_value("typed")
        language.select_option("en")
        expect(page.get_by_test_id("footer")).to_contain_text("Use via API")
        page.reload()
        expect(page.get_by_role("heading", name="Bienvenue")).to_be_visible()
        expect(page.get_by_test_id("footer")).to_contain_text("Utiliser par l'API")


def test_an_interface_title_and_description_are_translated(browser: Any, serve: Callable[..., str]) -> None:
    from playwright.sync_api import expect

    i18n = gr.I18n(en={"t": "Echo", "d": "Says it back"}, fr={"t": "Écho", "d": "Le répète"})
    demo = gr.Interface(lambda x: x, "text", "text", title=i18n("t"), description=i18n("d"))
    url = serve(demo, i18n=i18n)
    with localized(browser, "fr-FR") as page:
        page.goto(url)
        expect(page.get_by_role("heading", name="Écho")).to_be_visible()
        expect(label(page, "Le répète")).to_be_visible()
        assert page.title() == "Écho"


def test_the_login_page_is_in_the_browsers_language(browser: Any, serve: Callable[..., str]) -> None:
    """Gradio 6.31's login page follows the browser's language too (title, fields, button, error)."""
    from playwright.sync_api import expect

    with gr.Blocks() as demo:
        gr.Textbox(label="secret")
    url = serve(demo, auth=("ada", "pw"))
    with localized(browser, "de-DE") as page:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", "de")
        expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()
        page.get_by_label("Benutzername").fill("ada")
        page.get_by_label("Passwort").fill("wrong")
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_role("alert")).to_have_text("Falsche Anmeldedaten")
        page.get_by_label("Benutzername").fill("ada")
        page.get_by_label("Passwort").fill("pw")
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_label("secret")).to_be_visible()
        expect(page.get_by_test_id("footer")).to_contain_text("Einstellungen")


def test_the_chatbots_actions_are_named_in_the_browsers_language(browser: Any, serve: Callable[..., str]) -> None:
    """Gradio 6.31 names the Chatbot's retry/undo/like/dislike/share/clear buttons in the page's language."""
    from playwright.sync_api import expect

    with gr.Blocks() as demo:
        chat = gr.Chatbot(
            [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}], buttons=["share"]
        )
        chat.retry(lambda: None)
        chat.undo(lambda: None)
        chat.like(lambda: None)
        chat.clear(lambda: None)
    url = serve(demo)
    with localized(browser, "fr-FR") as page:
        page.goto(url)
        for name in ("Réessayer", "Annuler", "J'aime", "Je n'aime pas", "Vider la conversation"):
            expect(page.get_by_role("button", name=name, exact=True)).to_have_count(1)
        expect(page.get_by_test_id("chatbot-share")).to_have_attribute("title", "Partager")
    with localized(browser, "en-US") as page:
        page.goto(url)
        for name in ("Retry", "Undo", "Like", "Dislike", "Clear conversation"):
            expect(page.get_by_role("button", name=name, exact=True)).to_have_count(1)
        expect(page.get_by_role("button", name="Clear conversation")).to_have_attribute("title", "Clear")
