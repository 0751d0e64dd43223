"""Display components: Label (classification confidences) and JSON."""

from __future__ import annotations

import json
from typing import Any

from trellis.components.base import Component
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


class Label(Component):
    """The top class of a classifier, with confidence bars for the others."""

    EVENTS = ("change", "select")

    def __init__(
        self,
        value: dict[str, float] | str | float | Any | None = None,
        *,
        num_top_classes: int | None = None,
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        color: str | None = None,
        show_heading: bool = True,
    ) -> None:
        self.num_top_classes = num_top_classes
        self.color = color
        self.show_heading = show_heading
        super().__init__(
            value,
            label=label,
            every=every,
            inputs=inputs,
            show_label=show_label,
            container=container,
            scale=scale,
            min_width=min_width,
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if not isinstance(payload, dict):
            raise ValidationError(f"Label expects an object with 'label' and 'confidences', got {payload!r:.80}")
        confidences = payload.get("confidences")
        if confidences:
            return {c["label"]: c["confidence"] for c in confidences}
        return payload.get("label")

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None or value == {}:
            return None
        if isinstance(value, dict) and "confidences" in value and "label" in value:
            return jsonable(value)  # already a payload
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

    def example_payload(self) -> Any:
        return {
            "label": "Cat",
            "confidences": [{"label": "cat", "confidence": 0.9}, {"label": "dog", "confidence": 0.1}],
        }


class JSON(Component):
    """A collapsible view of any JSON value."""

    EVENTS = ("change",)

    def __init__(
        self,
        value: Any = None,
        *,
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        open: bool = False,
        show_indices: bool = False,
        height: int | str | None = None,
        max_height: int | str | None = 500,
        min_height: int | str | None = None,
        buttons: list[str] | None = None,
    ) -> None:
        self.open = open
        self.show_indices = show_indices
        self.height = height
        self.max_height = max_height
        self.min_height = min_height
        self.buttons = buttons
        super().__init__(
            value,
            label=label,
            every=every,
            inputs=inputs,
            show_label=show_label,
            container=container,
            scale=scale,
            min_width=min_width,
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def preprocess(self, payload: Any) -> Any:
        return payload

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return jsonable(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": {}, "description": "any valid json"}

    def example_payload(self) -> Any:
        return {"foo": "bar"}
