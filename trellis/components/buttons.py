"""Buttons: Button, ClearButton and DuplicateButton."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any, Literal

from trellis.blocks import context
from trellis.components.base import Block, Component


class Button(Component):
    """A button that triggers ``click`` listeners."""

    EVENTS = ("click",)
    skip_api = True

    def __init__(
        self,
        value: str | Any = "Run",
        *,
        every: float | None = None,
        inputs: Any = None,
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary",
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        link: str | None = None,
        link_target: Literal["_self", "_blank", "_parent", "_top"] = "_self",
        visible: bool | str = True,
        interactive: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        scale: int | None = None,
        min_width: int | None = None,
    ) -> None:
        self.variant = variant
        self.size = size
        self.icon = button_icon(icon)
        self.link = link
        self.link_target = link_target
        super().__init__(
            value,
            every=every,
            inputs=inputs,
            visible=visible,
            interactive=interactive,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
            scale=scale,
            min_width=min_width,
        )
        # A button has no label or info; drop the inherited defaults from its props.
        self.show_label = None
        self.container = None

    def preprocess(self, payload: Any) -> str | None:
        return None if payload is None else str(payload)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> Any:
        return "Run"


class ClearButton(Button, type_name="button", register=False):
    """A button that clears the components given to it (in the browser, no Python call)."""

    def __init__(
        self,
        components: Sequence[Block] | Block | None = None,
        *,
        value: str = "Clear",
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary",
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        link: str | None = None,
        visible: bool | str = True,
        interactive: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        scale: int | None = None,
        min_width: int | None = None,
    ) -> None:
        super().__init__(
            value,
            variant=variant,
            size=size,
            icon=icon,
            link=link,
            visible=visible,
            interactive=interactive,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            scale=scale,
            min_width=min_width,
        )
        self.cleared: list[Block] = []
        if components is not None:
            self.add(components)

    def add(self, components: Sequence[Block] | Block) -> ClearButton:
        """Clear these components too when the button is clicked."""
        items = [components] if isinstance(components, Block) else list(components)
        self.cleared.extend(items)
        if context.current_root() is not None:
            values = [_cleared_value(c) for c in items]
            js = "() => " + json.dumps(values if len(values) != 1 else values[0])
            self.click(None, [], items, js=js, api_visibility="private", queue=False)
        return self


class DuplicateButton(Button, type_name="button", register=False):
    """Duplicates the Hugging Face Space; elsewhere it is a plain button."""

    def __init__(
        self,
        value: str = "Duplicate Space",
        *,
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "huggingface",
        size: Literal["sm", "md", "lg"] = "sm",
        **kwargs: Any,
    ) -> None:
        super().__init__(value, variant=variant, size=size, **kwargs)


def _cleared_value(block: Block) -> Any:
    """What a component shows once cleared: its postprocessed ``None``."""
    if not isinstance(block, Component):
        return None
    try:
        return block.postprocess(None)
    except Exception:
        return None


def button_icon(icon: Any) -> Any:
    """A button icon: a local image file becomes FileData (served with the app); URLs stay as they are."""
    if isinstance(icon, (str, os.PathLike)) and not str(icon).startswith(("http://", "https://", "data:")):
        if os.path.isfile(icon):
            from trellis.components._media import path_filedata

            return path_filedata(os.fspath(icon))
    return icon
