"""Layout containers: Row, Column, Group, Tabs/Tab, Accordion, Sidebar and the implicit Form."""

from __future__ import annotations

from typing import Literal

from trellis.components.base import Block, BlockContext


class Row(BlockContext):
    """Children side by side; wraps on narrow screens."""

    EVENTS = ()

    def __init__(
        self,
        *,
        variant: Literal["default", "panel", "compact"] = "default",
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        scale: int | None = None,
        render: bool = True,
        height: int | str | None = None,
        max_height: int | str | None = None,
        min_height: int | str | None = None,
        equal_height: bool = False,
        show_progress: bool = False,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        self.variant = variant
        self.scale = scale
        self.height = height
        self.max_height = max_height
        self.min_height = min_height
        self.equal_height = equal_height
        self.show_progress = show_progress
        super().__init__(
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )


class Column(BlockContext):
    """Children stacked vertically; ``scale`` sets its share of a Row."""

    def __init__(
        self,
        *,
        scale: int = 1,
        min_width: int = 320,
        variant: Literal["default", "panel", "compact"] = "default",
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        show_progress: bool = False,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        self.scale = scale
        self.min_width = min_width
        self.variant = variant
        self.show_progress = show_progress
        super().__init__(
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )


class Group(BlockContext):
    """Children drawn as one box without gaps."""

    def __init__(
        self,
        *,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        super().__init__(
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )


class Form(BlockContext):
    """Wraps consecutive input components so they share one box (created automatically)."""

    def __init__(
        self,
        *,
        scale: int = 0,
        min_width: int = 0,
        render: bool = True,
        visible: bool | str = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        self.scale = scale
        self.min_width = min_width
        super().__init__(render=render, visible=visible, key=key, preserved_by_key=preserved_by_key)

    def add_child(self, child: Block) -> None:
        # Sized as Gradio sizes it: in a Row it takes its children's share of the width; in a
        # Column of an equal-height Row and at the top of a fill_height app, their share of the height.
        parent = self.parent
        scale = getattr(child, "scale", None)
        if isinstance(parent, Row):
            self.scale += 1 if scale is None else scale
            self.min_width += getattr(child, "min_width", 0) or 0
        elif isinstance(parent, Column) and isinstance(parent.parent, Row) and parent.parent.equal_height:
            self.scale += 1 if scale is None else scale
        elif parent is not None and parent.is_root and getattr(parent, "fill_height", False):
            self.scale += scale or 0
        super().add_child(child)


class Tabs(BlockContext):
    """A set of tabs; ``selected`` is the id or index of the open tab."""

    EVENTS = ("change", "select")

    def __init__(
        self,
        *,
        selected: int | str | None = None,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        self.selected = selected
        super().__init__(
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )


class Tab(BlockContext, type_name="tabitem"):
    """One tab; consecutive tabs outside a ``Tabs`` get one created around them."""

    EVENTS = ("select",)

    def __init__(
        self,
        label: str | None = None,
        visible: bool | str = True,
        interactive: bool = True,
        *,
        id: int | str | None = None,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        scale: int | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        self.label = label
        self.interactive = interactive
        self.id = id
        self.scale = scale
        super().__init__(
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def expected_parent(self) -> type[BlockContext] | None:
        return Tabs


TabItem = Tab


class Accordion(BlockContext):
    """A collapsible box with a label."""

    EVENTS = ("expand", "collapse")

    def __init__(
        self,
        label: str | None = None,
        *,
        open: bool = True,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        scale: int | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        self.label = label
        self.open = open
        self.scale = scale
        super().__init__(
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )


class Sidebar(BlockContext):
    """A panel on the side of the page that can be collapsed."""

    EVENTS = ("expand", "collapse")

    def __init__(
        self,
        label: str | None = None,
        *,
        open: bool = True,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        width: int | str = 320,
        position: Literal["left", "right"] = "left",
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        self.label = label
        self.open = open
        self.width = width
        self.position = position
        super().__init__(
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )
