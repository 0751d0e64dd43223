"""The per-page parts of a multipage app's config (``pages`` and ``page``), as Gradio 6.31 lists them.

Reads what ``Blocks.route`` recorded (``trellis/blocks/pages.py``) through duck typing: the app's ``pages``,
``page_of_block(block)`` and ``page_of_dependency(id)``; an app without them has one main page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from trellis.components.base import Block


@runtime_checkable
class PagedApp(Protocol):
    """What the config reads of a multipage app (a ``Blocks``)."""

    pages: list[tuple[str, str, bool]]
    children: list[Block]

    def page_of_block(self, block: Block) -> str:
        """The page of a top-level block."""

    def page_of_dependency(self, dependency_id: int) -> str:
        """The page a listener was added on."""


def page_configs(
    app: PagedApp,
    root_id: int,
    top_level: Iterable[Block],
    layouts: Mapping[int, dict[str, Any]],
    dependency_ids: Iterable[int],
) -> dict[str, dict[str, Any]]:
    """The config's ``page`` entry: for each page, its layout, the ids of its blocks and of its listeners."""
    result: dict[str, dict[str, Any]] = {
        path: {"layout": {"id": root_id, "children": []}, "components": [], "dependencies": []}
        for path, _, _ in app.pages
    }
    for block in top_level:
        page = result.setdefault(
            app.page_of_block(block), {"layout": {"id": root_id, "children": []}, "components": [], "dependencies": []}
        )
        page["layout"]["children"].append(layouts[block._id])
        page["components"].extend(_ids(block))
    for entry in result.values():
        entry["components"].sort()
    for dependency_id in dependency_ids:
        result[app.page_of_dependency(dependency_id)]["dependencies"].append(dependency_id)
    return result


def _ids(block: Block) -> list[int]:
    ids = [block._id]
    for child in getattr(block, "children", ()):
        ids.extend(_ids(child))
    return ids


def page_section(
    app: object, layout: dict[str, Any], component_ids: list[int], dependency_ids: list[int]
) -> tuple[list[list[Any]], dict[str, dict[str, Any]]]:
    """The config's ``pages`` and ``page`` entries for ``app`` (one main page when it has no routes)."""
    if not isinstance(app, PagedApp) or len(app.pages) == 1:
        pages = [list(page) for page in getattr(app, "pages", [("", "Home", True)])]
        return pages, {"": {"layout": layout, "components": component_ids, "dependencies": dependency_ids}}
    layouts = {child["id"]: child for child in layout.get("children", [])}
    return [list(page) for page in app.pages], page_configs(app, layout["id"], app.children, layouts, dependency_ids)
