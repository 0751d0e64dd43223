"""gr.I18n: its markers as Gradio 6.31 writes them, and the tables in the config's i18n_translations.

The marker text and the config below were read from Gradio 6.31 serving the same app (``/config``).
"""

from __future__ import annotations

import copy
import json
import pickle
import warnings

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import trellis as gr
from trellis.i18n import I18nData, translations_of

# Gradio 6.31's text for i18n("greeting"), as its /config shows it
GRADIO_MARKER = '__i18n__{"__type__": "translation_metadata", "key": "greeting"}'

TABLES = {"en": {"greeting": "Hello", "pick": "Apple"}, "fr": {"greeting": "Bonjour"}, "zh-CN": {"greeting": "你好"}}


def make_i18n() -> gr.I18n:
    return gr.I18n(**copy.deepcopy(TABLES))


def app(i18n: gr.I18n) -> gr.Blocks:
    with gr.Blocks(title="T") as demo:
        gr.Markdown(i18n("greeting"))
        name = gr.Textbox(label=i18n("greeting"), info=i18n("greeting"), placeholder=i18n("greeting"))
        gr.Radio([i18n("pick"), "Banana"], label="r")
        gr.Dropdown([(i18n("pick"), "a"), ("B", "b")], value="a", label="d")
        gr.Button(i18n("greeting")).click(lambda n: n, name, name)
    return demo


def props(demo: gr.Blocks) -> list[dict[str, object]]:
    # as the page gets them (JSON)
    return [json.loads(json.dumps(c["props"])) for c in demo.get_config_file()["components"]]


def test_a_marker_is_gradios_text_and_a_string() -> None:
    i18n = make_i18n()
    marker = i18n("greeting")
    assert isinstance(marker, I18nData) and isinstance(marker, str)
    assert marker == GRADIO_MARKER and str(marker) == GRADIO_MARKER and repr(marker) == GRADIO_MARKER
    assert marker.key == "greeting"
    assert marker.to_dict() == marker.tojson() == {"__type__": "translation_metadata", "key": "greeting"}
    assert json.dumps({"label": marker}) == json.dumps({"label": GRADIO_MARKER})
    # concatenation keeps the marker in a plain string, as in Gradio
    assert marker + "!" == GRADIO_MARKER + "!" and "## " + marker == "## " + GRADIO_MARKER
    assert type(marker + "!") is str
    assert f"<h1>{marker}</h1>" == f"<h1>{GRADIO_MARKER}</h1>"
    # a key with quotes or braces is escaped as JSON
    assert gr.I18n()('a "b" {c}') == '__i18n__{"__type__": "translation_metadata", "key": "a \\"b\\" {c}"}'
    assert pickle.loads(pickle.dumps(marker)).key == "greeting"
    assert copy.deepcopy(marker).key == "greeting"
    with pytest.raises(TypeError):
        I18nData(3)  # type: ignore[arg-type]


def test_i18n_keeps_the_tables_and_warns_on_a_malformed_tag() -> None:
    i18n = make_i18n()
    assert i18n.translations_dict == TABLES and i18n.translations == TABLES
    with pytest.warns(UserWarning, match="Invalid locale code: 'EN_us'"):
        odd = gr.I18n(EN_us={"k": "v"})
    assert odd.translations_dict == {"EN_us": {"k": "v"}}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gr.I18n(en={}, **{"pt-BR": {}, "zh-Hant-TW": {}})
    with pytest.raises(TypeError, match="dict of key"):
        gr.I18n(en="Hello")  # type: ignore[arg-type]
    assert translations_of(None) is None
    with pytest.raises(TypeError, match="gr.I18n"):
        translations_of({"en": {}})


def test_markers_travel_in_the_props_as_gradio_sends_them() -> None:
    demo = app(make_i18n())
    markdown, textbox, radio, dropdown, button = (p for p in props(demo) if "label" in p or "value" in p)
    assert markdown["value"] == GRADIO_MARKER
    assert textbox["label"] == textbox["info"] == textbox["placeholder"] == GRADIO_MARKER
    pick = GRADIO_MARKER.replace("greeting", "pick")
    assert radio["choices"] == [[pick, pick], ["Banana", "Banana"]]
    assert dropdown["choices"] == [[pick, "a"], ["B", "b"]]
    assert button["value"] == GRADIO_MARKER


def test_the_config_has_no_tables_until_launch_or_mount_gives_them() -> None:
    demo = app(make_i18n())
    assert demo.get_config_file()["i18n_translations"] is None
    demo.i18n_instance = make_i18n()
    assert demo.get_config_file()["i18n_translations"] == TABLES


def test_launch_sends_the_tables() -> None:
    demo = app(make_i18n())
    try:
        demo.launch(prevent_thread_lock=True, quiet=True, i18n=make_i18n())
        assert demo.local_url is not None
        config = httpx.get(demo.local_url.rstrip("/") + "/config").json()
        assert config["i18n_translations"] == TABLES
    finally:
        demo.close()


def test_mount_gradio_app_sends_the_tables_without_a_warning() -> None:
    host = FastAPI()
    demo = app(make_i18n())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gr.mount_gradio_app(host, demo, "/sub", i18n=make_i18n())
    with TestClient(host) as client:
        config = client.get("/sub/config").json()
    assert config["i18n_translations"] == TABLES
    assert config["components"][0]["props"]["value"] == GRADIO_MARKER


def test_an_interface_title_and_description_carry_markers() -> None:
    i18n = make_i18n()
    demo = gr.Interface(lambda x: x, "text", "text", title=i18n("greeting"), description=i18n("pick"))
    values = [p.get("value") for p in props(demo)]
    assert any(isinstance(v, str) and GRADIO_MARKER in v and v.startswith("<h1") for v in values)
    assert any(isinstance(v, str) and GRADIO_MARKER.replace("greeting", "pick") in v for v in values)
    assert demo.get_config_file()["title"] == GRADIO_MARKER


def test_the_api_info_shows_a_marker_label_as_gradio_does() -> None:
    # Gradio 6.31's /gradio_api/info for a Textbox labelled i18n("greeting")
    demo = app(make_i18n())
    info = demo.compile().api_info_all["named_endpoints"]
    (endpoint,) = info.values()
    assert endpoint["parameters"][0]["label"] == {"key": "greeting", "_type": "translation_metadata"}
    assert endpoint["returns"][0]["label"] == {"key": "greeting", "_type": "translation_metadata"}


def test_the_login_page_picks_its_words_from_accept_language() -> None:
    from trellis.server.login_text import LOGIN_TEXT, login_language, login_words

    assert login_language("fr-FR,fr;q=0.9,en;q=0.8") == "fr"
    assert login_language("pt-BR") == "pt-BR" and login_language("pt-PT,pt") == "pt"
    assert login_language("zh-cn") == "zh-CN" and login_language("zh") == "en"
    assert login_language(None) == "en" and login_language("") == "en" and login_language("xx-YY") == "en"
    assert all(len(words) == 4 and all(words) for words in LOGIN_TEXT.values())
    words = login_words("de")
    assert words["lang"] == "de" and words["login"] == "Anmelden" and words["incorrect"] == '"Falsche Anmeldedaten"'
    # HTML and script safe
    assert login_words("uk")["username"] == "ім&#x27;я користувача"


def test_the_login_page_is_in_the_browsers_language() -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    try:
        demo.launch(prevent_thread_lock=True, quiet=True, auth=("a", "b"))
        assert demo.local_url is not None
        english = httpx.get(demo.local_url).text
        french = httpx.get(demo.local_url, headers={"Accept-Language": "fr-FR,fr;q=0.9"}).text
    finally:
        demo.close()
    assert '<html lang="en">' in english and "<h2>Login</h2>" in english and '"Incorrect Credentials"' in english
    assert '<html lang="fr">' in french and "<h2>Se connecter</h2>" in french and "mot de passe" in french


def test_text_methods_keep_the_marker_as_in_gradio() -> None:
    marker = make_i18n()("greeting")
    for tidy in (marker.strip(), marker.upper(), marker.replace("a", "b"), marker.title(), marker.lower()):
        assert tidy is marker
    assert marker.startswith("__i18n__") and len(marker) == len(GRADIO_MARKER)
