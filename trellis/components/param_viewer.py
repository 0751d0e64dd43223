"""ParamViewer: a table of a function's parameters, each row opening on its default and description."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from typing_extensions import TypedDict, override

from trellis.blocks.events import EventListener
from trellis.components.base import Component
from trellis.components.props import prop


class Parameter(TypedDict):
    """One parameter's row: its type, its description (Markdown links allowed) and its default, as source text."""

    type: str
    description: str
    default: str | None


class ParamViewer(Component):
    """A table of parameters: one row per name with its type, opening on its default value and description.

    Types and defaults are syntax-highlighted. Its constructor is Gradio's, every parameter positional, and it has none of the layout props (no label,
    elem_id or visible), so it is written by hand.
    """

    change = EventListener()
    upload = EventListener()
    UNSENT = ("elem_id", "elem_classes", "visible")

    value: Mapping[str, Parameter] | None = prop(default=None, kw_only=False)
    """Parameter name → {"type", "description", "default"}."""
    language: Literal["python", "typescript"] = "python"
    """The language of the types and defaults."""
    linkify: list[str] | None = None
    """Words made links (to "#h-<word>") wherever they appear in the types and defaults."""
    header: str | None = "Parameters"
    """The title above the rows, next to a button that opens or closes every row (None: no title)."""
    anchor_links: bool | str = False
    """Give each row an id ("param-<name>", or "param-<prefix>-<name>" with a string) and a link to it on hover."""
    max_height: int | str | None = None
    """The height the rows scroll within (pixels or a CSS length; None: no limit)."""

    def __init__(
        self,
        value: Mapping[str, Parameter] | None = None,
        language: Literal["python", "typescript"] = "python",
        linkify: list[str] | None = None,
        every: Any = None,
        inputs: Any = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        header: str | None = "Parameters",
        anchor_links: bool | str = False,
        max_height: int | str | None = None,
    ) -> None:
        self._init_props(
            value=value,
            language=language,
            linkify=linkify,
            every=every,
            inputs=inputs,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
            header=header,
            anchor_links=anchor_links,
            max_height=max_height,
        )

    @override
    def preprocess(self, payload: Any) -> Any:
        return payload

    @override
    def postprocess(self, value: Any) -> Any:
        return value

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": {}, "description": "any valid json"}

    @override
    def example_payload(self) -> Any:
        return {"array": {"type": "numpy", "description": "any valid json", "default": "None"}}
