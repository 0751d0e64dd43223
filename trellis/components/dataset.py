"""Dataset: a clickable table of samples, used to show examples."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any, Literal, cast

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components import registry
from trellis.components.base import Component, LabelledCard, component_instance
from trellis.components.props import prop
from trellis.exceptions import ValidationError


def constructor_props(component: Component) -> dict[str, Any]:
    """A component's constructor arguments but its value, None included, as Gradio's Dataset config lists them."""
    props = {name: getattr(component, name, None) for name in component._prop_names if name != "value"}
    props = {name: value for name, value in props.items() if not callable(value)}
    props["key"] = component.key
    return props


class Dataset(Component, LabelledCard, defaults={"show_label": True}):
    """A table of samples; clicking one sends its index (or values) to ``click`` listeners."""

    change = EventListener()
    click = EventListener()
    select = EventListener()

    components: Sequence[Component | str | dict[str, Any]] | None = prop(default=None, sent_as="list[dict[str, str]]")
    """The components the samples are for, one per column (sent as Gradio sends them: each one's type name and
    class id); each sample is shown as its component shows it."""
    component_props: list[dict[str, Any]] | None = None
    """The props each column's component is drawn with (None: the props of ``components``)."""
    samples: list[list[Any]] | None = None
    """The rows of the table, each a list of values, one per component."""
    headers: list[str] | None = None
    """Column headings of the table (None: the components' labels, or none if no component has one)."""
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
        components: Sequence[Component | str | dict[str, Any]] | None = None,
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
        # The constructor takes components (or shortcut strings, dicts or classes naming them, as Gradio
        # does); the type strings are what they are normalised to below.
        given = cast("Sequence[Any]", self.components or [])
        self.source_components = [component_instance(c, render=False) for c in given]
        self.components = [
            {"name": c.block_type, "class_id": registry.class_id(type(c))} for c in self.source_components
        ]
        self.component_ids = [c._id for c in self.source_components]
        if self.component_props is None:
            self.component_props = [constructor_props(c) for c in self.source_components]
        # As in Gradio: no samples is one empty sample.
        given_samples = [[]] if self.samples is None else self.samples
        self.raw_samples = [list(s) if isinstance(s, (list, tuple)) else [s] for s in given_samples]
        self.samples = [
            [
                v if self.proxy_url is not None else comp.as_example(v)  # a loaded app's samples come processed
                for comp, v in zip(self.source_components, sample, strict=False)
            ]
            if self.source_components
            else sample
            for sample in self.raw_samples
        ]
        if self.headers is None:
            labels = [getattr(c, "label", None) for c in self.source_components]
            self.headers = [label or "" for label in labels] if any(label is not None for label in labels) else []

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
        # As in Gradio: an index is sent as it is; a sample (a list of values) as its index, None if it is
        # none of the samples (new samples are set with gr.Dataset(samples=...)).
        if isinstance(value, list):
            try:
                return self.samples.index(value) if self.samples is not None else None
            except ValueError:
                warnings.warn(
                    "The `Dataset` component does not support updating the dataset data by providing a set of list "
                    "values. Instead, you should return a new Dataset(samples=...) object.",
                    stacklevel=2,
                )
                return None
        return value

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": "integer", "description": "index of selected example"}

    @override
    def example_payload(self) -> Any:
        return 0
