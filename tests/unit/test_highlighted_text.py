"""HighlightedText and ParamViewer: their payloads, config props and API info, checked against what Gradio 6.31
sends for the same values (recorded from a Gradio 6.31 server's /config and /info, and from its components)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import trellis as gr
from trellis.components import SHORTCUTS, component
from trellis.exceptions import ValidationError

# Recorded from Gradio 6.31's /info for a HighlightedText input (the "type" of the parameter).
GRADIO_HIGHLIGHTED_TEXT_API_INFO: dict[str, Any] = {
    "$defs": {
        "HighlightedToken": {
            "properties": {
                "token": {"title": "Token", "type": "string"},
                "class_or_confidence": {
                    "anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}],
                    "default": None,
                    "title": "Class Or Confidence",
                },
            },
            "required": ["token"],
            "title": "HighlightedToken",
            "type": "object",
        }
    },
    "items": {"$ref": "#/$defs/HighlightedToken"},
    "title": "HighlightedTextData",
    "type": "array",
    "additional_description": None,
}

ENTS = [("The", None), ("quick", "adj"), (" ", None), ("fox", "noun")]


def test_api_info_and_example_are_gradios() -> None:
    h = gr.HighlightedText()
    assert h.api_info() == GRADIO_HIGHLIGHTED_TEXT_API_INFO
    assert h.example_payload() == [
        {"token": "The", "class_or_confidence": None},
        {"token": "quick", "class_or_confidence": "adj"},
    ]
    p = gr.ParamViewer()
    assert p.api_info() == {"type": {}, "description": "any valid json"}
    assert p.example_payload() == {"array": {"type": "numpy", "description": "any valid json", "default": "None"}}


def test_postprocess_of_pairs_numbers_and_none() -> None:
    h = gr.HighlightedText()
    # As Gradio's pydantic model: numbers (and booleans) are sent as floats, a list pair as a tuple.
    assert h.postprocess([("a", 1), ("b", True), ("c", None), ["d", "x"]]) == [
        {"token": "a", "class_or_confidence": 1.0},
        {"token": "b", "class_or_confidence": 1.0},
        {"token": "c", "class_or_confidence": None},
        {"token": "d", "class_or_confidence": "x"},
    ]
    assert h.postprocess(None) is None
    assert h.postprocess([]) == []


def test_postprocess_of_entities() -> None:
    h = gr.HighlightedText()
    assert h.postprocess({"text": "hello world", "entities": []}) == [
        {"token": "hello world", "class_or_confidence": None}
    ]
    value = {
        "text": "Alice lives in Paris",
        "entities": [{"entity_group": "LOC", "start": 15, "end": 20}, {"entity": "PER", "start": 0, "end": 5}],
    }
    # Gradio keeps the empty text before an entity at the start.
    assert h.postprocess(value) == [
        {"token": "", "class_or_confidence": None},
        {"token": "Alice", "class_or_confidence": "PER"},
        {"token": " lives in ", "class_or_confidence": None},
        {"token": "Paris", "class_or_confidence": "LOC"},
        {"token": "", "class_or_confidence": None},
    ]
    with pytest.raises(ValueError, match="'text' and 'entities'"):
        h.postprocess({"text": "a"})


def test_combine_adjacent_and_whitespace() -> None:
    h = gr.HighlightedText(combine_adjacent=True, adjacent_separator="-", show_whitespaces=False)
    # Recorded from Gradio 6.31: empty texts are dropped, runs joined by the separator, then each stripped.
    assert h.postprocess([("a ", "X"), (" b", "X"), ("", None), ("c", None), ("d", None)]) == [
        {"token": "a - b", "class_or_confidence": "X"},
        {"token": "c-d", "class_or_confidence": None},
    ]
    entities = {"text": "Alice lives in Paris", "entities": [{"entity": "PER", "start": 0, "end": 5}]}
    assert gr.HighlightedText(combine_adjacent=True).postprocess(entities) == [
        {"token": "Alice", "class_or_confidence": "PER"},
        {"token": " lives in Paris", "class_or_confidence": None},
    ]


def test_preprocess_gives_the_token_dicts() -> None:
    h = gr.HighlightedText()
    assert h.preprocess(None) is None
    assert h.preprocess([{"token": "a", "class_or_confidence": 2}, {"token": "b"}]) == [
        {"token": "a", "class_or_confidence": 2.0},
        {"token": "b", "class_or_confidence": None},
    ]
    with pytest.raises(ValidationError):
        h.preprocess("text")
    with pytest.raises(ValidationError):
        h.preprocess([{"class_or_confidence": "x"}])


def test_config_props_are_gradios() -> None:
    h = gr.HighlightedText(ENTS, label="Static", elem_id="h1")
    props = h.get_props()
    # Gradio 6.31's /config props for the same component (_selectable aside: the page finds select listeners).
    expected = {
        "value": [
            {"token": "The", "class_or_confidence": None},
            {"token": "quick", "class_or_confidence": "adj"},
            {"token": " ", "class_or_confidence": None},
            {"token": "fox", "class_or_confidence": "noun"},
        ],
        "show_legend": False,
        "show_inline_category": True,
        "combine_adjacent": False,
        "adjacent_separator": "",
        "show_whitespaces": True,
        "label": "Static",
        "show_label": True,
        "container": True,
        "min_width": 160,
        "visible": True,
        "elem_id": "h1",
        "elem_classes": [],
        "preserved_by_key": ["value"],
        "rtl": False,
        "buttons": [],
        "name": "highlightedtext",
    }
    assert {k: v for k, v in props.items() if k != "_selectable"} == expected
    assert gr.HighlightedText(label="Empty").get_props().get("value") is None

    params = {"a": {"type": "int", "description": "A.", "default": None}}
    pv = gr.ParamViewer(params, linkify=["Timer"])
    assert pv.get_props() == {
        "value": params,
        "language": "python",
        "linkify": ["Timer"],
        "preserved_by_key": ["value"],
        "header": "Parameters",
        "anchor_links": False,
        "name": "paramviewer",
        "_selectable": False,
    }
    bare = gr.ParamViewer(params, "typescript", header=None, anchor_links="x", max_height=100).get_props()
    assert "header" not in bare
    assert (bare["language"], bare["anchor_links"], bare["max_height"]) == ("typescript", "x", 100)


def test_signatures_follow_gradio() -> None:
    h = inspect.signature(gr.HighlightedText)
    names = list(h.parameters)
    assert names[:7] == [
        "value",
        "color_map",
        "show_legend",
        "show_inline_category",
        "combine_adjacent",
        "adjacent_separator",
        "show_whitespaces",
    ]
    assert names[-3:] == ["interactive", "rtl", "buttons"]
    assert h.parameters["value"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert h.parameters["color_map"].kind is inspect.Parameter.KEYWORD_ONLY
    p = inspect.signature(gr.ParamViewer)
    assert list(p.parameters) == [
        "value",
        "language",
        "linkify",
        "every",
        "inputs",
        "render",
        "key",
        "preserved_by_key",
        "header",
        "anchor_links",
        "max_height",
    ]
    assert all(param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for param in p.parameters.values())
    assert gr.ParamViewer.EVENTS == ("change", "upload")
    assert gr.HighlightedText.EVENTS == ("change", "select")


def test_aliases_and_shortcuts() -> None:
    assert gr.Highlight is gr.HighlightedText
    assert gr.Highlightedtext is gr.HighlightedText
    assert SHORTCUTS["highlight"] is gr.HighlightedText
    assert type(component("highlightedtext", render=False)) is gr.HighlightedText
    assert type(component("paramviewer", render=False)) is gr.ParamViewer


def test_example_cells_are_the_payload() -> None:
    # Gradio's Dataset sends postprocess's payload as each HighlightedText sample.
    h = gr.HighlightedText()
    assert h.as_example([("a", "X")]) == [{"token": "a", "class_or_confidence": "X"}]
