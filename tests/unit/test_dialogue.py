"""gr.Dialogue: Gradio 6.31's constructor, config props, payloads, API info and format/unformat."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

import trellis as gr
from trellis.components.dialogue import DIALOGUE_SCHEMA
from trellis.components.server_functions import ServerFunctionError
from trellis.exceptions import ValidationError

SURFACE = Path("/work/shared/gradio_api/surface.json")
LINES = [{"speaker": "Alice", "text": "Hi"}, {"speaker": "Bob", "text": "Yo (laughs)"}]


@pytest.mark.skipif(not SURFACE.exists(), reason="Gradio's recorded surface is not available")
def test_signature_matches_gradio() -> None:
    recorded = json.loads(SURFACE.read_text())["names"]["Dialogue"]
    params = inspect.signature(gr.Dialogue.__init__).parameters
    assert [p for p in params if p != "self"] == [p["name"] for p in recorded["init"]]
    for p in recorded["init"]:
        assert repr(params[p["name"]].default) == p["default"], p["name"]
    assert list(gr.Dialogue.EVENTS) == recorded["events"]


def test_config_props_as_gradio() -> None:
    # What Gradio 6.31 sends for the same constructor calls (the tag hint only when interactive=True).
    assert gr.Dialogue(speakers=["Alice", "Bob"], tags=["(laughs)"], label="Dlg").get_props() == {
        "type": "text",
        "speakers": ["Alice", "Bob"],
        "tags": ["(laughs)"],
        "separator": "\n",
        "label": "Dlg",
        "show_label": True,
        "container": True,
        "min_width": 160,
        "visible": True,
        "autofocus": False,
        "autoscroll": True,
        "elem_classes": [],
        "buttons": [],
        "submit_btn": False,
        "ui_mode": "both",
        "name": "dialogue",
        "_selectable": False,
        "server_fns": ["format", "unformat"],
    }
    editable = gr.Dialogue(interactive=True, value=LINES, color_map={"Alice": "red"}).get_props()
    assert editable["info"] == "Type colon (:) in the dialogue line to see the available tags"
    assert editable["value"] == LINES
    assert editable["color_map"] == {"Alice": "red"}
    assert editable["tags"] == []
    assert gr.Dialogue().api_info() == DIALOGUE_SCHEMA
    with pytest.raises(ValueError, match="Separator"):
        gr.Dialogue(separator=" ")


def test_preprocess_formats_or_keeps_the_list() -> None:
    text = gr.Dialogue(speakers=["Alice", "Bob"])
    assert text.preprocess(LINES) == "[Alice] Hi\n[Bob] Yo (laughs)"
    assert text.preprocess("plain") == "plain"
    assert text.preprocess([{"speaker": "Alice", "text": ""}]) == ""
    custom = gr.Dialogue(formatter=lambda s, t: f"{s}: {t}", separator=" | ")
    assert custom.preprocess(LINES) == "Alice: Hi | Bob: Yo (laughs)"
    as_list = gr.Dialogue(type="list")
    assert as_list.preprocess(LINES) == LINES
    assert as_list.preprocess("s") == "s"
    for bad in (None, 3, [{"speaker": "A"}], [["A", "hi"]]):
        with pytest.raises(ValidationError):
            text.preprocess(bad)


def test_postprocess() -> None:
    d = gr.Dialogue()
    assert d.postprocess(None) is None
    assert d.postprocess("x") == "x"
    assert d.postprocess([{"speaker": "A", "text": "b", "extra": 1}]) == [{"speaker": "A", "text": "b"}]
    assert d.example_payload() == [
        {"speaker": "Speaker 1", "text": "Hello, how are you?"},
        {"speaker": "Speaker 2", "text": "I'm fine, thank you!"},
    ]
    assert d.as_example(LINES) == "[Alice] Hi\n[Bob] Yo (laughs)"


def test_format_and_unformat_server_functions() -> None:
    d = gr.Dialogue(speakers=["Alice", "Bob"])
    assert d.format(LINES) == "[Alice] Hi\n[Bob] Yo (laughs)"
    assert d.format("as is") == "as is"
    assert d.unformat({"text": "[Bob] hi\nno speaker\n\n[Alice]  x "}) == [
        {"speaker": "Bob", "text": "hi"},
        {"speaker": "Alice", "text": "no speaker"},
        {"speaker": "Alice", "text": "x"},
    ]
    assert d.unformat({"text": "  "}) == []
    assert gr.Dialogue().unformat({"text": "plain"}) == [{"speaker": "Unknown", "text": "plain"}]
    custom = gr.Dialogue(unformatter=lambda line, default: {"speaker": "X", "text": line.upper()}, separator=";")
    assert custom.unformat({"text": "a;b"}) == [{"speaker": "X", "text": "A"}, {"speaker": "X", "text": "B"}]
    with pytest.raises(ServerFunctionError):
        d.unformat("text")
    with pytest.raises(ServerFunctionError):
        d.format(5)


def test_client_round_trip(make_client) -> None:  # type: ignore[no-untyped-def]
    from conftest import serve

    with gr.Blocks() as demo:
        text = gr.Dialogue(speakers=["Alice", "Bob"])
        lines = gr.Dialogue(type="list", speakers=["A", "B"])
        out = gr.Textbox()
        shown = gr.Dialogue(interactive=False)
        gr.Button().click(lambda t, lst: (t, lst), [text, lines], [out, shown], api_name="dlg")
    with serve(demo) as url:
        client = make_client(url)
        # The answers Gradio 6.31 gives for the same calls.
        assert client.predict(LINES, [{"speaker": "A", "text": "x"}], api_name="/dlg") == (
            "[Alice] Hi\n[Bob] Yo (laughs)",
            [{"speaker": "A", "text": "x"}],
        )
        assert client.predict("plain text", "str for list", api_name="/dlg") == ("plain text", "str for list")
        assert client.predict([{"speaker": "Alice", "text": ""}], [], api_name="/dlg") == ("", [])
