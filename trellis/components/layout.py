"""Layout containers: Row, Column, Group, Tabs/Tab, Accordion, Sidebar and the implicit Form."""

from __future__ import annotations

from typing import Literal

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import Block, BlockContext, Scaled
from trellis.components.props import prop


class _Layout(BlockContext, register=False, defaults={"preserved_by_key": None}):
    """A container: by default nothing of it is kept across re-renders of gr.render."""


class _Grown(Block, register=False):
    """The scale prop alone, for containers that take no min_width."""

    scale: int | None = None
    """How much it grows next to its siblings: 1 or more fills the free space in that proportion (None: its natural
    size)."""


class _Arranged(Block, register=False):
    """Props of a Row or Column."""

    variant: Literal["default", "panel", "compact"] = "default"
    """Its look: "panel" draws the children on a shaded panel; "compact" too, with square corners on the
    children, and it does not merge its inputs into one form box."""
    show_progress: bool = False
    """Accepted and sent, and changes nothing, as in Gradio 6.31: whatever its value, a layout that is an
    event's output shows a pulsing accent border round itself while the event runs (none when the event's
    ``show_progress`` is "hidden" or "minimal"), and the error badge over itself if the event fails."""


class _Titled(Block, register=False):
    """The label of a tab, an accordion or a sidebar."""

    label: str | None = prop(default=None, kw_only=False)
    """The text on its tab or header (a Sidebar's is read by screen readers only)."""


class _Collapsible(_Titled, register=False):
    """Props of a container the user can open and close."""

    expand = EventListener()
    collapse = EventListener()

    open: bool = True
    """Whether it is open when the page loads."""


class _Compactable(_Layout, register=False):
    """A Row or Column: a "compact" one keeps its inputs as they are, with no Form round them (as Gradio)."""

    @override
    def fill_expected_parents(self) -> None:
        if getattr(self, "variant", "default") != "compact":
            super().fill_expected_parents()


class Row(_Compactable, _Arranged, _Grown):
    """Children side by side; wraps on narrow screens."""

    SIGNATURE = """*, variant, visible, elem_id, elem_classes, scale, render, height, max_height, min_height,
        equal_height, show_progress, key, preserved_by_key"""

    height: int | str | None = None
    """The row's height: pixels, or a CSS length such as "50vh" (None: as tall as its children)."""
    max_height: int | str | None = None
    """The most height the row takes: pixels or a CSS length."""
    min_height: int | str | None = None
    """The least height the row takes: pixels or a CSS length."""
    equal_height: bool = False
    """Stretch every child to the height of the tallest."""


class Column(_Compactable, _Arranged, Scaled, defaults={"scale": 1, "min_width": 320}):
    """Children stacked vertically; ``scale`` sets its share of a Row."""

    SIGNATURE = (
        "*, scale, min_width, variant, visible, elem_id, elem_classes, render, show_progress, key, preserved_by_key"
    )


class Group(_Layout):
    """Children drawn as one box without gaps."""

    SIGNATURE = "*, visible, elem_id, elem_classes, render, key, preserved_by_key"


class Form(_Layout, Scaled, defaults={"scale": 0, "min_width": 0}):
    """Wraps consecutive input components so they share one box (created automatically)."""

    SIGNATURE = "*, scale, min_width, render, visible, elem_id, elem_classes, key, preserved_by_key"

    @override
    def add_child(self, child: Block) -> None:
        # Sized as Gradio sizes it: in a Row it takes its children's share of the width; in a
        # Column of an equal-height Row and at the top of a fill_height app, their share of the height.
        parent = self.parent
        scale = getattr(child, "scale", None)
        if isinstance(parent, Row):
            self.scale = (self.scale or 0) + (1 if scale is None else scale)
            self.min_width = (self.min_width or 0) + (getattr(child, "min_width", 0) or 0)
        elif isinstance(parent, Column) and isinstance(parent.parent, Row) and parent.parent.equal_height:
            self.scale = (self.scale or 0) + (1 if scale is None else scale)
        elif parent is not None and parent.is_root and getattr(parent, "fill_height", False):
            self.scale = (self.scale or 0) + (scale or 0)
        super().add_child(child)


class _ScrollsContent(Block, register=False):
    """The height props of a container whose content scrolls."""

    height: int | str | None = None
    """The content's height: pixels, or a CSS length such as "50vh"; taller content scrolls (None: as tall as its
    content)."""
    max_height: int | str | None = None
    """The most height the content takes (pixels or a CSS length); taller content scrolls, shorter content keeps its
    own height."""


class Tabs(_Layout):
    """A set of tabs; ``selected`` is the id or index of the open tab."""

    change = EventListener()
    select = EventListener()
    SIGNATURE = "*, selected, overflow_behavior, visible, elem_id, elem_classes, render, key, preserved_by_key"

    selected: int | str | None = None
    """The tab open when the page loads: a Tab's ``id``, or its index (None: the first tab the user may open)."""
    overflow_behavior: Literal["menu", "wrap"] = "menu"
    """What happens to the tabs that do not fit on one line: "menu" puts them in a "More tabs" menu at the end of the
    bar, "wrap" wraps them onto more lines."""


class Tab(_Layout, _Titled, _Grown, _ScrollsContent, type_name="tabitem"):
    """One tab; consecutive tabs outside a ``Tabs`` get one created around them."""

    select = EventListener()
    SIGNATURE = """label, visible, interactive, *, id, alignment, elem_id, elem_classes, scale, height, max_height,
        render, key, preserved_by_key, render_children"""

    interactive: bool = True
    """False greys the tab out: the user cannot open it."""
    id: int | str | None = None
    """An id for the tab, by which ``Tabs(selected=...)`` and updates open it."""
    alignment: Literal["left", "right"] = "left"
    """The side of the tab bar its button sits on: the right-aligned tabs are grouped at the bar's right end, in
    their order."""
    render_children: bool = False
    """Gradio's switch to render an inactive tab's children hidden in the page; Trellis always does (so its media
    loads before the tab opens), whatever its value."""

    @override
    def __post_init__(self) -> None:
        super().__post_init__()
        if self.alignment not in ("left", "right"):
            raise ValueError("The `alignment` parameter must be either 'left' or 'right'.")

    @override
    def expected_parent(self) -> type[BlockContext] | None:
        return Tabs


TabItem = Tab


class Accordion(_Layout, _Collapsible, _Grown, _ScrollsContent):
    """A collapsible box with a label."""

    SIGNATURE = (
        "label, *, open, height, max_height, visible, elem_id, elem_classes, render, key, preserved_by_key, scale"
    )


class Sidebar(_Layout, _Collapsible):
    """A panel on the side of the page that can be collapsed."""

    SIGNATURE = "label, *, open, visible, elem_id, elem_classes, render, width, position, key, preserved_by_key"

    width: int | str = 320
    """The panel's width: pixels or a CSS length."""
    position: Literal["left", "right"] = "left"
    """The side of the page the panel opens on."""
