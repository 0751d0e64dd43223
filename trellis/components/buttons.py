"""Buttons: Button, ClearButton and DuplicateButton."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Literal

from typing_extensions import override

from trellis.blocks import context
from trellis.blocks.events import EventListener
from trellis.components.base import Block, Component, Editable, Scalar, Scaled
from trellis.components.props import prop


class Button(Scalar, Scaled, Editable, defaults={"min_width": None, "interactive": True}):
    """A button that triggers ``click`` listeners."""

    change = EventListener()
    click = EventListener()
    skip_api = True
    JSON_TYPE = "string"
    PYTHON_TYPE = str
    SIGNATURE = """value, *, every, inputs, variant, size, icon, link, link_target, visible, interactive, elem_id,
        elem_classes, render, key, preserved_by_key, scale, min_width"""

    value: str | Callable[..., Any] | None = prop(default="Run", kw_only=False)
    """The text on the button (also what a listener receives for it); a callable is called when the page loads."""
    variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary"
    """Its colours: "primary" stands out, "secondary" is plain, "stop" is red, "huggingface" is black with the logo."""
    size: Literal["sm", "md", "lg"] = "lg"
    """The button's size."""
    icon: str | None = None
    """An image shown before the text: a file path (served with the app) or a URL."""
    link: str | None = None
    """A URL the button opens when clicked, as a link does."""
    link_target: Literal["_self", "_blank", "_parent", "_top"] = "_self"
    """Where ``link`` opens: "_self" in this tab, "_blank" in a new one."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.icon = button_icon(self.icon)

    @override
    def example_payload(self) -> Any:
        return "Run"


class ClearButton(Button, type_name="button", register=False, defaults={"value": "Clear"}):
    """A button that clears the components given to it (in the browser, no Python call)."""

    is_template: ClassVar[bool] = True

    SIGNATURE = """components, *, value, every, inputs, variant, size, icon, link, link_target, visible, interactive,
        elem_id, elem_classes, render, key, preserved_by_key, scale, min_width, api_name, api_visibility"""

    components: Sequence[Block] | Block | None = prop(default=None, wire=False)
    """The components it clears (more can be added with ``add``)."""
    api_name: str | None = prop(default=None, wire=False)
    """The API name of its listeners (by default "js_fn" for the clearing one and "lambda" for resetting States)."""
    api_visibility: Literal["public", "private", "undocumented"] = prop(default="undocumented", wire=False)
    """The API visibility of the listener that resets States (the clearing one runs in the browser and is private)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.cleared: list[Block] = []
        if self.components is not None:
            self.add(self.components)

    def add(self, components: Sequence[Block] | Block) -> ClearButton:
        """Clear these components too when the button is clicked.

        As in Gradio, the page empties them all at once (no server call); States, which live on the server,
        are then set back to their first value by a second listener (undocumented in the API).
        """
        from trellis.components.state import State

        items = [components] if isinstance(components, Block) else list(components)
        self.cleared.extend(items)
        if context.current_root() is not None:
            values = [_cleared_value(c) for c in items]
            js = "() => " + json.dumps(values if len(values) != 1 else values[0])
            self.click(None, [], items, js=js, api_name=self.api_name, api_visibility="private", queue=False)
            states = [c for c in items if isinstance(c, State)]
            if states:

                def reset() -> Any:
                    fresh = [state.fresh_value() for state in states]
                    return fresh[0] if len(fresh) == 1 else fresh

                reset.__name__ = "lambda"  # Gradio's listener is a lambda: the API names after it stay Gradio's
                self.click(reset, None, states, api_name=self.api_name, api_visibility=self.api_visibility)
        return self


class DuplicateButton(
    Button,
    type_name="button",
    register=False,
    defaults={"value": "Duplicate Space", "variant": "huggingface", "size": "sm", "scale": 0},
):
    """Duplicates the Hugging Face Space; elsewhere it is a plain button."""

    is_template: ClassVar[bool] = True
    SIGNATURE = """value, *, every, inputs, variant, size, icon, link, link_target, visible, interactive, elem_id,
        elem_classes, render, key, preserved_by_key, scale, min_width, _activate"""

    activate_on_create: bool = prop(default=True, alias="_activate", wire=False)
    """True (made inside a Blocks) attaches the click listener that opens the Space's duplicate page, when the app
    runs on a Hugging Face Space (as Gradio's ``_activate``)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.activate_on_create and context.current_root() is not None:
            self.activate()

    def activate(self) -> None:
        """On a Hugging Face Space (``SYSTEM=spaces``), make a click open the Space's duplicate page in a new tab."""
        space = os.environ.get("SPACE_ID") if os.environ.get("SYSTEM") == "spaces" else None
        if space is not None:
            url = f"https://huggingface.co/spaces/{space}?duplicate=true"
            self.click(None, js=f"() => {{ window.open({json.dumps(url)}, '_blank') }}")


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
