"""``@gr.render``: a part of the page that a function builds anew whenever its triggers fire.

How Gradio 6.31 does it, as seen on the wire (the demos ``render_split_simple``, ``render_merge_simple``,
``render_heavy_concurrently``), and as Trellis does it too:

* Where the decorator sits, the layout gets an empty placeholder container, a ``Column`` (a ``Row``
  when the decorator sits directly in a ``Row``) made with ``show_progress=True``. The render is one
  listener of the app: its targets are the app's ``load`` and the ``change`` of each input (or the
  ``triggers=`` given, then without ``load``), its inputs the render's inputs, its only output the
  placeholder; ``api_name`` is ``"apply"`` (de-duplicated like any other), ``api_visibility`` is
  ``"undocumented"`` (so ``/info`` does not list it), ``trigger_mode`` ``"always_last"``,
  ``concurrency_limit`` ``None``, and in ``/config`` its ``render_id`` is the render's index in the
  app (0, 1, ...) while ``rendered_in`` is ``null``.
* When that listener runs, the render function is called inside a copy of the placeholder (same id).
  The components it makes get new ids from the process-wide counter, except that a component made
  with ``key=`` keeps the id its key had in the render's earlier runs (the key-to-id map belongs to
  the render, not to the session). Listeners it attaches, also to static components
  (``merge_btn.click(merge, boxes, output)``), belong to the session: their ids continue after the
  app's listeners and grow on every run (a listener made with ``key=`` keeps its id), and the
  listeners of the previous run of the same render are dropped once the new run has finished. Their
  API names are de-duplicated against the listeners still present (the second run's ``merge`` is
  ``merge_1``).
* The event's ``process_completed`` output has ``data: [null]`` and ``render_config``:
  ``{"page", "components", "dependencies", "layout", "render_id"}``, where ``components`` lists the
  placeholder and every block under it (each with ``"renderable": render_id``, and the made ones with
  ``"rendered_in": render_id``; a keyed one's ``key`` is ``hash((render_id, key))`` and its props
  also carry ``key``), ``dependencies`` the listeners this run made (``"rendered_in": render_id``,
  ``"render_id": null``) and ``layout`` the placeholder's subtree. Other listeners' outputs carry
  ``"render_config": null``.
* The page calls a rendered listener with its ``fn_index`` (the id above) and the id of the component
  whose event fired as ``trigger_id``; the server runs it with the session's copy of the listener.
  The page replaces the placeholder's children with the new layout and keeps, for a component whose
  id it already shows (a keyed one), the props named in ``preserved_by_key`` (the ``value`` the user
  typed, by default).

* A ``gr.render`` inside a render function belongs to that run: its listener is one of the run's (in its
  ``render_config``, ``api_name`` ``"apply_1"``...), its ``render_id`` an id no render of the app or of the
  session has, and it is gone, with all it made, when the outer render runs again. Gradio 6.31 sends the
  same listener (its own ``render_id`` is the session's count of renders).
* A ``gr.State`` made in a run keeps its value per session until the session ends, also once a later run
  dropped it; then its ``delete_callback`` runs, as Gradio's does (not when the re-render drops it).
  ``demo.load(...)`` in a render function is a listener of the run (run by the page when the run is shown).

This module holds the definition side: the decorator, :class:`Renderable`, and :func:`run_render`,
which calls the function and collects what it made. Per-session storage and the ``render_config``
are built by ``trellis.processing.rendered``.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from typing import Any, Literal

from trellis.blocks import context
from trellis.blocks.events import BoundListener, Dependency, _listen, build_dependency
from trellis.exceptions import InvalidConfigError

TriggerMode = Literal["once", "multiple", "always_last"]


@dataclasses.dataclass
class RenderRun:
    """What one run of a render function made: the filled placeholder copy and its listeners."""

    container: Any
    dependencies: list[Dependency]
    #: The ids of the renders the run made (renders inside the render function).
    nested: list[int] = dataclasses.field(default_factory=list)


class _RenderRoot:
    """Stands for the app while a render function runs: the listeners it attaches are collected here.

    It is the first "root" on the thread's ``with`` stack during the run, so ``button.click(...)``
    inside the function (on a rendered or a static component) lands in :attr:`dependencies`.
    """

    is_root = True

    def __init__(
        self,
        renderable: Renderable,
        allocate: Callable[[], int],
        taken_names: set[str],
        keyed_ids: dict[Any, int],
    ) -> None:
        self.renderable = renderable
        self._id = renderable.root._id
        self.children: list[Any] = []
        self.examples_handlers: list[Any] = []
        self.dependencies: list[Dependency] = []
        #: The renders made inside this run (a ``gr.render`` in a render function).
        self.renderables: list[Renderable] = []
        self._allocate = allocate
        self._taken = taken_names
        self._keyed_ids = keyed_ids

    def add_child(self, child: Any) -> None:  # pragma: no cover - the placeholder copy is always open
        self.children.append(child)

    def _add_dependency(
        self,
        targets: list[tuple[int, str]],
        fn: Callable[..., Any] | None,
        inputs: Any,
        outputs: Any,
        options: dict[str, Any],
    ) -> Dependency:
        key = options.get("key")
        dep_id = None
        if key is not None:
            try:
                dep_id = self._keyed_ids.get(key)
            except TypeError:
                dep_id = None
        if dep_id is None:
            dep_id = self._allocate()
        dep = build_dependency(self, dep_id, targets, fn, inputs, outputs, options, self._taken)
        dep.rendered_in = self.renderable._id
        self.dependencies.append(dep)
        return dep


class Renderable:
    """One ``@gr.render`` of an app: its placeholder container, its function and its listener."""

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: list[Any],
        triggers: list[tuple[int, str]],
        *,
        concurrency_limit: int | Literal["default"] | None,
        concurrency_id: str | None,
        trigger_mode: TriggerMode | None,
        queue: bool,
        show_progress: Literal["full", "minimal", "hidden"],
    ) -> None:
        from trellis.components.layout import Column, Row

        root = context.current_root()
        if root is None:
            raise ValueError("Reactive render must be inside a Blocks context.")  # as Gradio
        if isinstance(root, _RenderRoot):
            # A render made by a run of another render belongs to that run (to the session): its id is
            # one the session's listeners would take, so it never meets the app's render ids (fewer
            # than its listeners) nor another nested render's.
            self.root: Any = root.renderable.root
            self._id = root._allocate()
        else:
            self.root = root
            self._id = len(root.renderables)
        root.renderables.append(self)
        self.container_class: type[Any] = Row if isinstance(context.current_container(), Row) else Column
        self.container = self.container_class(show_progress=True)
        self.fn = fn
        self.inputs = inputs
        #: Component key → block id, kept across runs (and sessions), as Gradio's render keeps it.
        self.key_to_id: dict[Any, int] = {}
        self._lock = threading.Lock()
        self.dependency: Dependency = root._add_dependency(
            triggers,
            self.apply,
            inputs,
            self.container,
            {
                "api_visibility": "undocumented",
                "concurrency_limit": concurrency_limit,
                "concurrency_id": concurrency_id,
                "trigger_mode": trigger_mode,
                "postprocess": False,
                "queue": queue,
                "show_progress": show_progress,
            },
        )
        self.dependency.renderable = self

    def apply(self, *args: Any, **kwargs: Any) -> None:
        """The render listener's function (its name gives the listener's API name, ``apply``).

        The server does not call it: it calls :func:`run_render`, which needs the session's listeners.
        """
        raise RuntimeError("A gr.render runs through the server (trellis.processing.rendered), not directly.")

    def __repr__(self) -> str:
        return f"<Renderable {self._id} of {getattr(self.fn, '__name__', self.fn)!r}>"


def run_render(
    renderable: Renderable,
    args: Sequence[Any],
    kwargs: dict[str, Any],
    allocate: Callable[[], int],
    taken_names: set[str],
    keyed_dep_ids: dict[Any, int],
) -> RenderRun:
    """Call the render function in a fresh copy of the placeholder; return what it made.

    ``allocate`` gives each new listener its id (a keyed one keeps the id ``keyed_dep_ids`` maps its key to).

    Runs in the calling thread, whose ``with`` stack must be empty (a worker thread's is). Nothing
    of the app changes but the render's key-to-id map.
    """
    from trellis.components.layout import Column

    collector = _RenderRoot(renderable, allocate, taken_names, keyed_dep_ids)
    context.push(collector)  # type: ignore[arg-type]
    previous_keys = context.render_keys()
    # Keyed ids are claimed in a copy, then kept only when the run succeeds.
    keys = dict(renderable.key_to_id)
    context.set_render_keys(keys)
    try:
        container = renderable.container_class(render=False, show_progress=True)
        container._id = renderable.container._id
        with container:
            renderable.fn(*args, **kwargs)
        _attach_value_loaders(collector, container)
    finally:
        context.set_render_keys(previous_keys)
        context.pop(collector)  # type: ignore[arg-type]
    with renderable._lock:
        renderable.key_to_id.update(keys)
    assert isinstance(container, (Column, renderable.container_class))
    return RenderRun(container, collector.dependencies, [r._id for r in collector.renderables])


def _attach_value_loaders(collector: _RenderRoot, container: Any) -> None:
    """Components of the run whose value is a function get the listener that sets it, as the app's own do.

    It runs on the page's load (the page runs a render's new load listeners once the render is shown),
    on each change of the component's ``inputs`` and on each tick of its ``every`` Timer.
    """
    from trellis.components.base import Block
    from trellis.components.timer import Timer

    def walk(block: Any) -> list[Any]:
        found = [block]
        for child in getattr(block, "children", ()):
            found.extend(walk(child))
        return found

    for block in walk(container):
        fn = getattr(block, "load_fn", None)
        if fn is None:
            continue
        inputs = getattr(block, "inputs", None)
        sources = [inputs] if isinstance(inputs, Block) else list(inputs or [])
        triggers = [(source._id, "change") for source in sources if "change" in getattr(source, "EVENTS", ())]
        every = getattr(block, "every", None)
        if isinstance(every, Timer):
            triggers.append((every._id, "tick"))
        elif every:
            with container:
                triggers.append((Timer(every)._id, "tick"))
        _listen(
            collector,
            [*triggers, (collector._id, "load")],
            fn,
            inputs,
            block,
            show_progress="hidden" if triggers else "full",
            trigger_mode="once",
        )


def _trigger_pairs(root: Any, triggers: Any) -> list[tuple[int, str]]:
    items = triggers if isinstance(triggers, (list, tuple)) else [triggers]
    pairs: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, BoundListener):
            pairs.append((item.block._id, item.event_name))
            continue
        owner = getattr(item, "__self__", None)
        name = getattr(item, "__name__", None)
        if owner is not None and isinstance(name, str) and hasattr(owner, "_id"):
            pairs.append((owner._id, name))  # e.g. demo.load
            continue
        raise InvalidConfigError(f"gr.render triggers must be events such as `button.click`, got {item!r}")
    return pairs


def render(
    inputs: Sequence[Any] | Any | None = None,
    triggers: Sequence[Any] | Any | None = None,
    *,
    queue: bool = True,
    trigger_mode: TriggerMode | None = "always_last",
    concurrency_limit: int | Literal["default"] | None = None,
    concurrency_id: str | None = None,
    show_progress: Literal["full", "minimal", "hidden"] = "full",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Build part of the page with a function, again each time its triggers fire.

    Args:
        inputs: The components whose values are passed to the function.
        triggers: The events that run it again (``[button.click, number.submit]``); by default the
            page's load and the ``change`` of each input.
        queue: False runs it outside the queue.
        trigger_mode: What a trigger does while a run is in progress ("always_last": run once more after it).
        concurrency_limit: How many runs may go at once (``None``: no limit).
        concurrency_id: Runs of listeners with the same id share one limit.
        show_progress: The progress shown on the rendered area while it runs.

    Returns:
        A decorator that registers the function and returns it unchanged.
    """
    root = context.current_root()
    if root is None:
        raise ValueError("Reactive render must be inside a Blocks context.")  # as Gradio
    if inputs is None:
        input_list: list[Any] = []
    elif isinstance(inputs, (list, tuple, set)):
        input_list = list(inputs)
    else:
        input_list = [inputs]
    if triggers is None:
        pairs = [(root._id, "load")]
        pairs += [(block._id, "change") for block in input_list if "change" in getattr(block, "EVENTS", ())]
    else:
        pairs = _trigger_pairs(root, triggers)

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        Renderable(
            fn,
            input_list,
            pairs,
            concurrency_limit=concurrency_limit,
            concurrency_id=concurrency_id,
            trigger_mode=trigger_mode,
            queue=queue,
            show_progress=show_progress,
        )
        return fn

    return decorator
