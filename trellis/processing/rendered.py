"""What ``gr.render`` runs made for one session: their listeners (callable by ``fn_index``) and ``render_config``.

A render's listener runs here instead of calling a function of the app: the render function is
called (``trellis.blocks.render.run_render``) in a worker thread, the listeners it attached become
endpoints of this session only (they replace those of the render's previous run), and the event's
output carries the ``render_config`` the page applies. See ``trellis/blocks/render.py`` for the
wire format, as measured on Gradio 6.31.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from typing import TYPE_CHECKING, Any

from trellis._filedata import contains_file
from trellis.blocks.render import RenderRun, run_render
from trellis.components.base import Block, BlockContext
from trellis.components.state import State
from trellis.config.build import CompiledApp, EndpointInfo, component_entry, dependency_entry, endpoint_for
from trellis.processing.files import FileAccessError, FileCache

if TYPE_CHECKING:
    from trellis.processing.session import Session

logger = logging.getLogger("trellis")


@dataclasses.dataclass
class SessionRenders:
    """One session's rendered listeners and blocks, per render."""

    next_dep_id: int
    endpoints: dict[int, EndpointInfo] = dataclasses.field(default_factory=dict)
    #: render id → ids of the listeners its latest run made.
    dep_ids: dict[int, list[int]] = dataclasses.field(default_factory=dict)
    #: render id → the blocks under its placeholder after its latest run, by id.
    blocks: dict[int, dict[int, Block]] = dataclasses.field(default_factory=dict)
    #: render id → the renders its latest run made (a ``gr.render`` inside the render function).
    nested: dict[int, list[int]] = dataclasses.field(default_factory=dict)
    #: Every State a run of this session showed, by id: their values (kept until the session ends, as
    #: Gradio keeps them) find their ``time_to_live`` and ``delete_callback`` here, also once a later run
    #: dropped them.
    states: dict[int, State] = dataclasses.field(default_factory=dict)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def block(self, block_id: int) -> Block | None:
        """A block a render of this session shows."""
        for blocks in self.blocks.values():
            found = blocks.get(block_id)
            if found is not None:
                return found
        return None


def renders_of(session: Session, app: CompiledApp) -> SessionRenders:
    """The session's render store (made on first use; listener ids continue after the app's)."""
    store = session.renders
    if store is None:
        store = session.renders = SessionRenders(next_dep_id=len(app.endpoints))
    assert isinstance(store, SessionRenders)
    return store


def rendered_endpoint(session: Session | None, fn_index: int) -> EndpointInfo | None:
    """The listener ``fn_index`` that a render made for ``session``, if it has one."""
    store = session.renders if session is not None else None
    if not isinstance(store, SessionRenders):
        return None
    with store.lock:
        return store.endpoints.get(fn_index)


def change_targets(session: Session) -> frozenset[int]:
    """The ids of the blocks whose ``change`` the session's rendered listeners listen to."""
    store = session.renders
    if not isinstance(store, SessionRenders):
        return frozenset()
    with store.lock:
        return frozenset(
            target for e in store.endpoints.values() for target, event in e.dep.targets if event == "change"
        )


def _walk(block: Block, found: dict[int, Block]) -> dict[str, Any]:
    found[block._id] = block
    node: dict[str, Any] = {"id": block._id}
    if isinstance(block, BlockContext):
        node["children"] = [_walk(child, found) for child in block.children]
    return node


def _unique_key(render_id: int, key: Any) -> int | None:
    """The ``key`` a rendered component shows in ``render_config``, as Gradio computes it."""
    if key is None:
        return None
    try:
        return hash((render_id, key))
    except TypeError:
        return None


def render(
    app: CompiledApp,
    endpoint: EndpointInfo,
    args: list[Any],
    kwargs: dict[str, Any],
    session: Session,
    files: FileCache,
    root: str = "",
) -> Any:
    """Run the render of ``endpoint`` for ``session``; store its listeners; return its ``render_config``.

    Renders of one session may run at once (each new listener takes the session's next id); a render
    function that raises changes nothing (the ids it took stay unused).
    """
    renderable = endpoint.dep.renderable
    render_id: int = renderable._id
    store = renders_of(session, app)
    with store.lock:
        taken = set(app.by_api_name) | {e.dep.api_name for e in store.endpoints.values()}
        keyed = {e.dep.key: e.dep.id for e in store.endpoints.values() if e.dep.key is not None}

    def allocate() -> int:
        # Renders of one session may run at once: each new listener takes the next id of the session.
        with store.lock:
            store.next_dep_id += 1
            return store.next_dep_id - 1

    run = run_render(renderable, args, kwargs, allocate, taken, keyed)
    config = _commit(app, store, render_id, run)
    for entry in config["components"]:
        entry["props"] = _cached_files(entry["props"], files, root, session.hash)
    return config


def _cached_files(props: dict[str, Any], files: FileCache, root: str, session_hash: str) -> dict[str, Any]:
    """Props with the files they name (a rendered Image's value) copied into the cache and given URLs."""
    cached: dict[str, Any] = {}
    for key, value in props.items():
        if contains_file(value):
            try:
                cached[key] = files.prepare_output(value, root, session_hash=session_hash, fetch_urls=False)
            except FileAccessError as exc:
                logger.warning("A gr.render component's %s: %s", key, exc.message)
    return {**props, **cached} if cached else props


def _forget(store: SessionRenders, render_id: int) -> None:
    """Drop the listeners and blocks of a nested render (and of the renders it made); hold the lock."""
    for dep_id in store.dep_ids.pop(render_id, []):
        store.endpoints.pop(dep_id, None)
    store.blocks.pop(render_id, None)
    for nested in store.nested.pop(render_id, []):
        _forget(store, nested)


def _commit(app: CompiledApp, store: SessionRenders, render_id: int, run: RenderRun) -> Any:
    blocks: dict[int, Block] = {}
    layout = _walk(run.container, blocks)
    made = {dep.id: endpoint_for(dep, app.default_concurrency_limit) for dep in run.dependencies}
    with store.lock:
        for old in store.dep_ids.get(render_id, []):
            if old not in made:
                store.endpoints.pop(old, None)
        # The renders the previous run made are gone with its blocks, and so is what they made.
        for nested in store.nested.pop(render_id, []):
            _forget(store, nested)
        store.endpoints.update(made)
        store.dep_ids[render_id] = list(made)
        store.blocks[render_id] = blocks
        store.nested[render_id] = list(run.nested)
        store.states.update((block_id, block) for block_id, block in blocks.items() if isinstance(block, State))
    listened: dict[int, set[str]] = {}
    for ep in made.values():
        for target, event in ep.dep.targets:
            listened.setdefault(target, set()).add(event)
    components = []
    # In the order the blocks were made (the placeholder first), as Gradio lists them.
    for block_id, block in sorted(blocks.items()):
        entry = component_entry(block, listened.get(block_id))
        entry["renderable"] = render_id
        # A wrapper the layout added (a Form around inputs) was not made by the function: no rendered_in.
        if block_id != run.container._id and block.is_rendered:
            entry["rendered_in"] = render_id
        if block_id != run.container._id and block.key is not None:
            entry["key"] = _unique_key(render_id, block.key)
            entry["props"] = {**entry["props"], "key": block.key}
        components.append(entry)
    dependencies = [dependency_entry(ep.dep, ep.plan) for ep in made.values()]
    page_layout = {"id": app.root_id, "children": layout.get("children", [])}
    # The page (of a multipage app) the placeholder is on.
    pages = app.config.get("page") or {}
    page = next((name for name, section in pages.items() if run.container._id in section.get("components", ())), "")
    return {
        "page": {
            page: {
                "layout": page_layout,
                "components": sorted(blocks),
                "dependencies": [d["id"] for d in dependencies],
            }
        },
        "components": components,
        "dependencies": dependencies,
        "layout": layout,
        "render_id": render_id,
    }
