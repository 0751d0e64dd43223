"""Display components: Label (classification confidences) and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, ClassVar

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components._media import Tall
from trellis.components.base import CORNER_BUTTONS_WIRE, Block, Component, CornerButtons, LabelledCard
from trellis.components.props import prop
from trellis.exceptions import ValidationError


def jsonable(value: Any) -> Any:
    """Plain JSON types for a value that may hold numpy arrays/scalars, sets, tuples or dataclasses."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    tolist = getattr(value, "tolist", None)  # numpy arrays and scalars
    if callable(tolist):
        return jsonable(tolist())
    to_dict = getattr(value, "to_dict", None)  # pandas objects
    if callable(to_dict):
        return jsonable(to_dict())
    model_dump = getattr(value, "model_dump", None)  # pydantic models
    if callable(model_dump):
        return jsonable(model_dump())
    if hasattr(value, "__dataclass_fields__"):
        import dataclasses

        return jsonable(dataclasses.asdict(value))
    return str(value)


class Label(Component, LabelledCard, CornerButtons):
    """The top class of a classifier, with confidence bars for the others."""

    #: The key of a payload's confidence list (``{"label": ..., "confidences": [...]}``).
    CONFIDENCES_KEY: ClassVar[str] = "confidences"
    change = EventListener()
    select = EventListener()
    SIGNATURE = """value, *, num_top_classes, label, every, inputs, show_label, container, scale, min_width, visible,
        elem_id, elem_classes, render, key, preserved_by_key, color, show_heading, buttons"""
    DEFAULT_BUTTONS = None

    value: dict[str, float] | str | float | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """A dict of class → confidence (shown as bars under the top class), or a single class; a callable is called when
    the page loads to produce it."""
    num_top_classes: int | None = None
    """Show only this many of the most confident classes (None: all)."""
    color: str | None = None
    """A CSS colour for the confidence bars (and for the class's text when it has no confidences)."""
    show_heading: bool = True
    """Whether the top class is shown as a heading above the confidence bars."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """gr.Button instances shown in the top-right corner: each is taken out of the layout and drawn as a small text
    button that fires the Button's click listeners (None: none; a Label has no icon buttons)."""

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if not isinstance(payload, dict):
            raise ValidationError(f"Label expects an object with 'label' and 'confidences', got {payload!r:.80}")
        confidences = payload.get("confidences")
        if confidences:
            return {c["label"]: c["confidence"] for c in confidences}
        return payload.get("label")

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None or value == {}:
            return {}
        if isinstance(value, dict) and "confidences" in value and "label" in value:
            payload: dict[str, Any] = jsonable(value)  # already a payload
            return payload
        if isinstance(value, dict):
            pairs = sorted(((str(k), float(v)) for k, v in value.items()), key=lambda kv: kv[1], reverse=True)
            if self.num_top_classes is not None:
                pairs = pairs[: self.num_top_classes]
            return {
                "label": pairs[0][0] if pairs else None,
                "confidences": [{"label": k, "confidence": v} for k, v in pairs],
            }
        if isinstance(value, (str, int, float)):
            return {"label": str(value), "confidences": None}
        raise ValueError(f"Label can show a dict of confidences or a single class, got {type(value).__name__}")

    @override
    def api_info(self) -> dict[str, Any]:
        return {
            "$defs": {
                "LabelConfidence": {
                    "properties": {
                        "label": {
                            "anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "null"}],
                            "default": None,
                            "title": "Label",
                        },
                        "confidence": {
                            "anyOf": [{"type": "number"}, {"type": "null"}],
                            "default": None,
                            "title": "Confidence",
                        },
                    },
                    "title": "LabelConfidence",
                    "type": "object",
                }
            },
            "properties": {
                "label": {
                    "anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "null"}],
                    "default": None,
                    "title": "Label",
                },
                "confidences": {
                    "anyOf": [{"items": {"$ref": "#/$defs/LabelConfidence"}, "type": "array"}, {"type": "null"}],
                    "default": None,
                    "title": "Confidences",
                },
            },
            "title": "LabelData",
            "type": "object",
        }

    @override
    def example_payload(self) -> Any:
        return {
            "label": "Cat",
            "confidences": [{"label": "cat", "confidence": 0.9}, {"label": "dog", "confidence": 0.1}],
        }


class HeightBounded(Tall, register=False):
    """Props of a display area that grows with its content between two heights."""

    max_height: int | str | None = None
    """The height it grows to before it scrolls: pixels or a CSS length."""
    min_height: int | str | None = None
    """The least height it takes, even when nearly empty: pixels or a CSS length."""


class JSON(Component, LabelledCard, HeightBounded, CornerButtons, defaults={"max_height": 500}):
    """A collapsible view of any JSON value."""

    change = EventListener()
    SIGNATURE = """value, *, label, every, inputs, show_label, container, scale, min_width, visible, elem_id,
        elem_classes, render, key, preserved_by_key, open, show_indices, height, max_height, min_height, buttons"""
    DEFAULT_BUTTONS = None  # the browser shows the copy button

    value: Any = prop(default=None, kw_only=False)
    """Any JSON value (a string is parsed as JSON when it can be); a callable is called when the page loads."""
    open: bool = False
    """Whether every level of the value is expanded when shown (False: the first two levels)."""
    show_indices: bool = False
    """Show each list item's index next to it."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """Buttons in the corner: "copy" copies the JSON text; a gr.Button is taken out of the layout and drawn as a small
    text button after it, firing the Button's click listeners (None: the copy button)."""

    @override
    def preprocess(self, payload: Any) -> Any:
        return payload

    @override
    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return jsonable(value)

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": {}, "description": "any valid json"}

    @override
    def example_payload(self) -> Any:
        return {"foo": "bar"}
