"""Dataset: a clickable table of samples, used to show examples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, cast

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import Component, LabelledCard
from trellis.components.props import prop
from trellis.exceptions import ValidationError


class Dataset(Component, LabelledCard, defaults={"show_label": True}):
    """A table of samples; clicking one sends its index (or values) to ``click`` listeners."""

    click = EventListener()
    select = EventListener()
    skip_api = True

    components: Sequence[Component] | list[str] | None = prop(default=None, sent_as="list[str]")
    """The components the samples are for, one per column; each sample is shown as its component shows it."""
    component_props: list[dict[str, Any]] | None = None
    """The props each column's component is drawn with (None: the props of ``components``)."""
    samples: list[list[Any]] | None = None
    """The rows of the table, each a list of values, one per component."""
    headers: list[str] | None = None
    """Column headings of the table (None: none)."""
    type: Literal["values", "index", "tuple"] = "values"
    """What a click sends the function: the sample's values, its index, or an (index, values) pair."""
    layout: Literal["gallery", "table"] | None = None
    """"gallery" shows samples as tiles, "table" as rows (None: tiles for one column or with labels, else rows)."""
    samples_per_page: int = 10
    """How many samples a page of the table shows; more get page buttons."""
    proxy_url: str | None = None
    """The URL of the app the samples' files come from (Gradio's gr.load); sent, but not used by the browser yet."""
    sample_labels: list[str] | None = None
    """A label per sample, shown as a tile instead of its values."""
    component_ids: list[int] = prop(default=None, init=False)
    """The ids of ``components``, so the browser draws each column with its component."""

    def __init__(  # Gradio's Dataset has no value, every or inputs, which Component declares for every component
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
        visible: bool | Literal["hidden"] = True,
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
        self._init_props(**{name: arg for name, arg in locals().items() if name != "self"})

    def __post_init__(self) -> None:
        super().__post_init__()
        # The constructor takes components; the type strings are what they are normalised to below.
        self.source_components = list(cast("Sequence[Component]", self.components or []))
        self.components = [c.block_type for c in self.source_components]
        self.component_ids = [c._id for c in self.source_components]
        self.component_props = self.component_props or [c.get_props() for c in self.source_components]
        self.raw_samples = [list(s) if isinstance(s, (list, tuple)) else [s] for s in (self.samples or [])]
        self.samples = [
            [comp.as_example(v) for comp, v in zip(self.source_components, sample, strict=False)]
            if self.source_components
            else sample
            for sample in self.raw_samples
        ]
        self.headers = self.headers or []

    @override
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

    @override
    def postprocess(self, value: Any) -> Any:
        if isinstance(value, list):
            return {"samples": value, "__type__": "update"}
        return value

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": "integer", "description": "index of selected example"}

    @override
    def example_payload(self) -> Any:
        return 0
