"""Dataset: a clickable table of samples, used to show examples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from trellis.components.base import Component
from trellis.exceptions import ValidationError


class Dataset(Component):
    """A table of samples; clicking one sends its index (or values) to ``click`` listeners."""

    EVENTS = ("click", "select")
    skip_api = True

    def __init__(
        self,
        *,
        label: str | None = None,
        show_label: bool = True,
        components: Sequence[Component] | None = None,
        component_props: list[dict[str, Any]] | None = None,
        samples: list[list[Any]] | None = None,
        headers: list[str] | None = None,
        type: Literal["values", "index", "tuple"] = "values",
        layout: Literal["gallery", "table"] | None = None,
        samples_per_page: int = 10,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        proxy_url: str | None = None,
        sample_labels: list[str] | None = None,
    ) -> None:
        self.source_components = list(components or [])
        self.components = [c.block_type for c in self.source_components]
        self.component_ids = [c._id for c in self.source_components]
        self.component_props = component_props or [c.get_props() for c in self.source_components]
        self.raw_samples = [list(s) if isinstance(s, (list, tuple)) else [s] for s in (samples or [])]
        self.samples = [
            [comp.as_example(v) for comp, v in zip(self.source_components, sample, strict=False)]
            if self.source_components
            else sample
            for sample in self.raw_samples
        ]
        self.headers = headers or []
        self.type = type
        self.layout = layout
        self.samples_per_page = samples_per_page
        self.proxy_url = proxy_url
        self.sample_labels = sample_labels
        super().__init__(
            None,
            label=label,
            show_label=show_label,
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
            container=container,
            scale=scale,
            min_width=min_width,
        )

    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        props["component_ids"] = self.component_ids
        return props

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if isinstance(payload, list) and payload and isinstance(payload[0], int):
            payload = payload[0]
        if not isinstance(payload, int) or isinstance(payload, bool) or not 0 <= payload < len(self.raw_samples):
            raise ValidationError(
                f"Example index must be an int between 0 and {len(self.raw_samples) - 1}, got {payload!r}"
            )
        if self.type == "index":
            return payload
        if self.type == "tuple":
            return payload, self.raw_samples[payload]
        return self.raw_samples[payload]

    def postprocess(self, value: Any) -> Any:
        if isinstance(value, list):
            return {"samples": value, "__type__": "update"}
        return value

    def api_info(self) -> dict[str, Any]:
        return {"type": "integer", "description": "index of selected example"}

    def example_payload(self) -> Any:
        return 0
