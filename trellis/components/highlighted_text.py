"""HighlightedText: text whose spans are marked with a category or a score."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import CORNER_BUTTONS_WIRE, Block, Component, CornerButtons, Editable, LabelledCard
from trellis.components.props import prop
from trellis.exceptions import ValidationError

#: The payload's JSON Schema, as Gradio 6.31 reports it in /info (a list of HighlightedToken objects).
HIGHLIGHTED_TEXT_SCHEMA: dict[str, Any] = {
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


def _category(value: Any) -> str | float | None:
    """A token's class or confidence as sent: a string, a float (numbers and booleans become floats) or None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float)):
        return float(value)
    tolist = getattr(value, "tolist", None)  # numpy scalars
    if callable(tolist):
        return _category(tolist())
    raise ValueError(f"A HighlightedText token's category is a string, a number or None, got {type(value).__name__}")


class HighlightedText(Component, LabelledCard, Editable, CornerButtons):
    """Text whose spans are highlighted by category (with a colour per category) or by a score in -1..1.

    A function returns a list of ``(text, category)`` pairs (category a string, a number or None),
    or ``{"text": ..., "entities": [{"entity" or "entity_group": ..., "start": ..., "end": ...}]}``
    as named-entity pipelines give. As an input the function receives a list of
    ``{"token": ..., "class_or_confidence": ...}`` dicts.
    """

    change = EventListener()
    select = EventListener()
    SIGNATURE = """value, *, color_map, show_legend, show_inline_category, combine_adjacent, adjacent_separator,
        show_whitespaces, label, every, inputs, show_label, container, scale, min_width, visible, elem_id,
        elem_classes, render, key, preserved_by_key, interactive, rtl, buttons"""

    value: list[tuple[str, str | float | None]] | dict[str, Any] | Callable[..., Any] | None = prop(
        default=None, kw_only=False
    )
    """The spans: a list of (text, category or score) pairs, or {"text", "entities"} with character offsets; a
    callable is called when the page loads to produce it."""
    color_map: dict[str, str] | None = None
    """Colours of categories: a colour name of the palette ("red", "green"...) or any CSS colour ("#ff8800");
    other categories get the palette's colours in turn."""
    show_legend: bool = False
    """Show the categories once above the text (hovering one dims the others) instead of on each span."""
    show_inline_category: bool = True
    """Show each span's category after it (only without the legend)."""
    combine_adjacent: bool = False
    """Merge neighbouring spans of the same category into one."""
    adjacent_separator: str = ""
    """The text put between spans merged by combine_adjacent."""
    show_whitespaces: bool = True
    """Keep the whitespace around each span's text (False: strip it)."""
    rtl: bool = False
    """Lay the text out right to left."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """gr.Button instances shown in the top-right corner: each is taken out of the layout and drawn as a small text
    button that fires the Button's click listeners."""

    @override
    def preprocess(self, payload: Any) -> list[dict[str, Any]] | None:
        if payload is None:
            return None
        if not isinstance(payload, list):
            raise ValidationError(
                f"HighlightedText expects a list of {{'token', 'class_or_confidence'}} objects, got {payload!r:.80}"
            )
        tokens: list[dict[str, Any]] = []
        for item in payload:
            if not isinstance(item, dict) or not isinstance(item.get("token"), str):
                raise ValidationError(f"A HighlightedText token is {{'token': str, ...}}, got {item!r:.80}")
            try:
                category = _category(item.get("class_or_confidence"))
            except ValueError as error:
                raise ValidationError(str(error)) from None
            tokens.append({"token": item["token"], "class_or_confidence": category})
        return tokens

    @override
    def postprocess(self, value: Any) -> list[dict[str, Any]] | None:
        if value is None:
            return None
        pairs = _pairs_of_entities(value) if isinstance(value, dict) else [_pair(item) for item in value]
        if self.combine_adjacent:
            pairs = _combined(pairs, self.adjacent_separator)
        return [
            {"token": text if self.show_whitespaces else text.strip(), "class_or_confidence": _category(category)}
            for text, category in pairs
        ]

    @override
    def api_info(self) -> dict[str, Any]:
        return HIGHLIGHTED_TEXT_SCHEMA

    @override
    def example_payload(self) -> Any:
        return [{"token": "The", "class_or_confidence": None}, {"token": "quick", "class_or_confidence": "adj"}]

    @override
    def example_value(self) -> Any:
        return [("The", None), ("quick", "adj"), ("brown", "adj"), ("fox", "noun")]


def _pair(item: Any) -> tuple[str, Any]:
    """One (text, category) pair of a list value (a tuple, a list, or a payload's token dict)."""
    if isinstance(item, dict) and "token" in item:
        return str(item["token"]), item.get("class_or_confidence")
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return str(item[0]), item[1]
    raise ValueError(f"HighlightedText takes a list of (text, category) pairs, got an item {item!r:.80}")


def _pairs_of_entities(value: dict[str, Any]) -> list[tuple[str, Any]]:
    """The pairs of a ``{"text", "entities"}`` value: the text cut at each entity's start and end, as Gradio does."""
    try:
        text = value["text"]
        entities = value["entities"]
    except KeyError as error:
        raise ValueError(
            "Expected a dictionary with keys 'text' and 'entities' for the value of the HighlightedText component."
        ) from error
    if not entities:
        return [(text, None)]
    pairs: list[tuple[str, Any]] = []
    index = 0
    for entity in sorted(entities, key=lambda e: e["start"]):
        pairs.append((text[index : entity["start"]], None))
        pairs.append((text[entity["start"] : entity["end"]], entity.get("entity") or entity.get("entity_group")))
        index = entity["end"]
    pairs.append((text[index:], None))
    return pairs


def _combined(pairs: list[tuple[str, Any]], separator: str) -> list[tuple[str, Any]]:
    """Runs of neighbouring pairs of one category merged (empty texts dropped first), joined by ``separator``."""
    merged: list[tuple[str, Any]] = []
    for text, category in pairs:
        if not text:
            continue
        if merged and merged[-1][1] == category:
            merged[-1] = (merged[-1][0] + separator + text, category)
        else:
            merged.append((text, category))
    return merged


#: Gradio's aliases.
Highlightedtext = HighlightedText
Highlight = HighlightedText
