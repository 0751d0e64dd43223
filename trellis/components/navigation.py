"""Navigation blocks: Navbar (multipage apps), Walkthrough/Step, Draggable and DeepLinkButton."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import quote

from typing_extensions import override

from trellis.blocks import context
from trellis.blocks.events import EventListener
from trellis.components.base import BlockContext, Component
from trellis.components.buttons import Button
from trellis.components.layout import _Layout
from trellis.components.props import prop

#: The default DeepLinkButton icon: a chain link drawn for Trellis (served with the app).
LINK_ICON = str(Path(__file__).parent.parent / "media_assets" / "icons" / "link.svg")


class Navbar(Component):
    """The bar of page links at the top of a multipage app (one per page, anywhere in it).

    Without one, a multipage app shows a bar with its pages; with one, its props override that bar's
    look on the page it is on.
    """

    change = EventListener()
    SIGNATURE = "value, *, visible, main_page_name, elem_id, elem_classes, render, key"

    value: list[tuple[str, str]] | None = prop(default=None, kw_only=False)
    """More links shown after the app's pages: ``(name, path)`` pairs, a path being one of the app's pages
    (``"analytics"``) or an absolute URL (which opens in a new tab)."""
    main_page_name: str | Literal[False] = "Home"
    """The main page's name in the bar; False leaves the main page out of the bar."""
    preserved_by_key: list[str] | str | None = prop(default="value", init=False, wire=False)
    """Not a Navbar parameter in Gradio (nothing of it is kept across re-renders)."""
    every: Any = prop(default=None, init=False, wire=False)
    """Not a Navbar parameter in Gradio."""
    inputs: Any = prop(default=None, init=False, wire=False)
    """Not a Navbar parameter in Gradio."""

    @override
    def preprocess(self, payload: Any) -> Any:
        return payload

    @override
    def postprocess(self, value: Any) -> Any:
        return value

    @override
    def config_value(self) -> Any:
        return [list(pair) for pair in self.value] if self.value else self.value

    @override
    def api_info(self) -> dict[str, Any]:
        return {}

    @override
    def example_payload(self) -> Any:
        return None

    @override
    def example_value(self) -> Any:
        return None


class Walkthrough(_Layout):
    """Steps shown one at a time under a row of numbered step headers; ``selected`` is the open step's id."""

    change = EventListener()
    select = EventListener()
    SIGNATURE = "*, selected, visible, elem_id, elem_classes, render, key, preserved_by_key"

    selected: int | None = None
    """The ``id`` of the step open when the page loads (None: the first); return ``gr.Walkthrough(selected=...)``
    from a listener to move to another step."""


class Step(_Layout, type_name="walkthroughstep", name="step"):
    """One step of a Walkthrough: its children show while it is the open step."""

    select = EventListener()
    SIGNATURE = """label, visible, interactive, *, id, elem_id, elem_classes, scale, render, key,
        preserved_by_key"""

    label: str | None = prop(default=None, kw_only=False)
    """The step's name, under its number in the header."""
    interactive: bool = True
    """False greys the step's header out: the user cannot open it by clicking."""
    id: int | None = None
    """The step's id, by which ``Walkthrough(selected=...)`` opens it (None: its position, from 0)."""
    scale: int | None = None
    """How much the step's panel grows next to its siblings (None: its natural size)."""

    @override
    def expected_parent(self) -> type[BlockContext] | None:
        return Walkthrough


class Draggable(_Layout):
    """Children the user can reorder by dragging them by their handle (a layout child moves as one)."""

    SIGNATURE = "*, orientation, visible, elem_id, elem_classes, render, key, preserved_by_key"

    orientation: Literal["row", "column"] = "column"
    """"column" stacks the children; "row" puts them side by side (wrapping when they do not fit)."""


class DeepLinkButton(Button, type_name="button", register=False):
    """A button that copies a link to the page which, opened, restores the components' current values.

    The link is the page's URL with ``?deep_link=<id>``; the id names the session's component values,
    saved by the server when the button is clicked.
    """

    is_template: ClassVar[bool] = True
    n_created: ClassVar[int] = 0
    SIGNATURE = """value, copied_value, *, inputs, variant, size, icon, link, link_target, visible, interactive,
        elem_id, elem_classes, render, key, preserved_by_key, scale, min_width, every"""

    value: Any = prop(default="Share via Link", kw_only=False)
    """The text on the button."""
    copied_value: str = prop(default="Link Copied!", kw_only=False)
    """The text the button shows for a second once the link is copied."""
    icon: str | None = LINK_ICON
    """An image shown before the text (a link icon by default): a file path or a URL."""

    def __post_init__(self) -> None:
        # As Gradio: the id is always gradio-share-link-button-<n> (an elem_id given is not used).
        self.elem_id = f"gradio-share-link-button-{type(self).n_created}"
        if self.icon == LINK_ICON:
            # Sent inline: the file route serves SVG files only as downloads, which an <img> cannot show.
            self.icon = "data:image/svg+xml," + quote(Path(LINK_ICON).read_text(encoding="utf-8").strip())
        super().__post_init__()
        if context.current_root() is not None:
            self.activate()

    def activate(self) -> None:
        """Attach the click listeners: the page copies the link; a second later the text comes back."""
        self.click(None, inputs=[], outputs=[self], js=_copy_link_js(self.copied_value), api_visibility="private")
        value = self.value
        # A lambda, as Gradio's: the endpoint is named "lambda" (or "lambda_<n>") like there.
        self.click(
            lambda: _after_a_second(value), inputs=[], outputs=[self], queue=False, api_visibility="undocumented"
        )


def deep_link_button(deep_link: str | DeepLinkButton | bool | None) -> DeepLinkButton | None:
    """An Interface's ``deep_link``: its button, unrendered and greyed out until the first run (None: none).

    A string is the button's text; True the default button; None the default button on a Hugging Face Space
    (none elsewhere); False none. Called inside the Interface's ``with`` block, so the button's listeners
    are the Interface's.
    """
    if isinstance(deep_link, DeepLinkButton):
        deep_link.activate()
        return deep_link
    on_space = os.environ.get("SYSTEM") == "spaces"
    if isinstance(deep_link, str):
        return DeepLinkButton(value=deep_link, render=False, interactive=False)
    if deep_link is True or (deep_link is None and on_space):
        return DeepLinkButton(render=False, interactive=False)
    return None


def enable_link_after(dependency: Any, button: DeepLinkButton) -> None:
    """Make ``button`` clickable once ``dependency`` has run (an Interface's run, its cached example)."""
    dependency.then(lambda: DeepLinkButton(interactive=True), None, [button], api_visibility="undocumented")


def _after_a_second(value: Any) -> Any:
    time.sleep(1)
    return value


def _copy_link_js(copied: str) -> str:
    """The click handler run in the page: save the session's values, copy the page's URL naming them."""
    import json

    return (
        "() => {\n"
        "  const session = window.__gradio_session_hash__;\n"
        "  fetch(`gradio_api/deep_link?session_hash=${encodeURIComponent(session)}`)\n"
        "    .then((r) => { if (!r.ok) throw new Error(`deep link: HTTP ${r.status}`); return r.json(); })\n"
        "    .then((id) => {\n"
        "      const url = new URL(location.href);\n"
        "      if (id) url.searchParams.set('deep_link', id);\n"
        "      return navigator.clipboard.writeText(url.toString());\n"
        "    })\n"
        "    .catch((e) => console.error('Could not make the deep link:', e));\n"
        f"  return {json.dumps(copied)};\n"
        "}"
    )
