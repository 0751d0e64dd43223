"""Listener records: which trigger runs which function with which inputs and outputs.

Nothing here runs a function. A listener call such as ``button.click(fn, inputs,
outputs)`` builds a :class:`Dependency` and hands it to the app being defined; the
config builder and the queue read these records later.
"""

from __future__ import annotations

import dataclasses
import inspect
import string
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from trellis.blocks import context
from trellis.exceptions import InvalidBlockError, InvalidConfigError

if TYPE_CHECKING:
    from trellis._types import BlockLike

ShowProgress = Literal["full", "minimal", "hidden"]
TriggerMode = Literal["once", "multiple", "always_last"]
ApiVisibility = Literal["public", "undocumented", "private"]

#: Events whose listeners default to ``trigger_mode="always_last"`` (as in Gradio):
#: they fire while the user types, so only the latest value matters.
ALWAYS_LAST_EVENTS = frozenset({"change", "key_up"})

#: The events that run after another listener (``.then``, ``.success``, ``.failure``): as in Gradio,
#: they have no block, so the config's target id is ``null`` (``trigger_after`` names the listener).
CHAINED_EVENTS = frozenset({"then", "success", "failure"})

#: Listener options an event sets unless the app gives them, as Gradio's events declare them
#: (a Timer's ticks show no progress; media streams run on a stream connection and send chunks
#: every ``stream_every`` seconds). Only listeners attached to the event itself get them, not ``gr.on``.
EVENT_DEFAULTS: dict[str, dict[str, Any]] = {
    "tick": {"show_progress": "hidden"},
    "stream": {"connection": "stream", "event_specific_args": ["stream_every"], "show_progress": "minimal"},
}


class _Decorator:
    """Marks a listener called without ``fn``: it then returns a decorator."""

    def __repr__(self) -> str:
        return "<decorator>"


DECORATOR: Any = _Decorator()


class EventData:
    """Details of the browser event that triggered a listener.

    A function receives it when one of its parameters is annotated with
    ``gr.EventData`` (or a subclass such as ``gr.SelectData``).
    """

    def __init__(self, target: BlockLike | None, _data: Any) -> None:
        self.target = target
        #: The event's whole payload as the browser sent it (Gradio's ``EventData._data``).
        self._data = _data if _data is not None else {}

    def __getattr__(self, name: str) -> Any:
        data = self.__dict__.get("_data") or {}
        if isinstance(data, dict) and name in data:
            return data[name]
        raise AttributeError(name)

    def _get(self, name: str, default: Any = None) -> Any:
        """A field of the event's payload (``default`` when it has none, or is not an object)."""
        return self._data.get(name, default) if isinstance(self._data, dict) else default


class SelectData(EventData):
    """Payload of a ``select`` event: the index and value that were chosen."""

    def __init__(self, target: BlockLike | None, data: Any) -> None:
        super().__init__(target, data)
        self.index: Any = self._get("index")
        self.value: Any = self._get("value")
        self.row_value: Any = self._get("row_value")
        self.col_value: Any = self._get("col_value")
        self.selected: bool = self._get("selected", True)


class KeyUpData(EventData):
    """Payload of a ``key_up`` event: the key pressed and the input's value."""

    def __init__(self, target: BlockLike | None, data: Any) -> None:
        super().__init__(target, data)
        self.key: str | None = self._get("key")
        self.input_value: Any = self._get("input_value")


class CopyData(EventData):
    """Payload of a ``copy`` event: the copied value."""

    def __init__(self, target: BlockLike | None, data: Any) -> None:
        super().__init__(target, data)
        self.value: Any = self._get("value")


class _MessageData(EventData):
    """Payload of a Chatbot event about one message: its ``index`` and its ``value`` (content)."""

    def __init__(self, target: BlockLike | None, data: Any) -> None:
        super().__init__(target, data)
        self.index: int | tuple[int, int] = self._get("index")  # as sent: a list for a table cell, as in Gradio
        self.value: Any = self._get("value")


class LikeData(_MessageData):
    """Payload of a Chatbot ``like`` event: which message, its content, and the feedback given.

    ``liked`` is True for "Like", False for "Dislike", and the option's text for other feedback.
    """

    def __init__(self, target: BlockLike | None, data: Any) -> None:
        super().__init__(target, data)
        self.liked: bool | str = self._get("liked", True)


class RetryData(_MessageData):
    """Payload of a Chatbot ``retry`` event: the index and content of the user message to run again."""


class UndoData(_MessageData):
    """Payload of a Chatbot ``undo`` event: the index and content of the user message to take back."""


class EditData(_MessageData):
    """Payload of a Chatbot ``edit`` event: which message was edited, its old and its new text."""

    def __init__(self, target: BlockLike | None, data: Any) -> None:
        super().__init__(target, data)
        self.previous_value: Any = self._get("previous_value")


class _FileEventData(EventData):
    """Payload of an event about one file: the file, as a ``FileData``."""

    def __init__(self, target: BlockLike | None, data: Any) -> None:
        super().__init__(target, data)
        from trellis.data_classes import FileData

        fields = data if isinstance(data, dict) else {}
        #: The file the event is about (``path``, ``url``, ``orig_name``, ``size``...).
        self.file: FileData = FileData(**{k: v for k, v in fields.items() if k in FileData.model_fields})


class DeletedFileData(_FileEventData):
    """Payload of a File ``delete`` event: ``file``, the file removed from the component (a ``FileData``)."""


class DownloadData(_FileEventData):
    """Payload of a File ``download`` event: ``file``, the file downloaded (a ``FileData``)."""


@dataclasses.dataclass(eq=False)
class Dependency:
    """One event listener: triggers, the function, its inputs and outputs, and queue options."""

    id: int
    targets: list[tuple[int, str]]
    fn: Callable[..., Any] | None
    inputs: list[BlockLike]
    outputs: list[BlockLike]
    api_name: str
    api_visibility: ApiVisibility = "public"
    inputs_as_dict: Literal["components", "keys"] | None = None
    input_keys: list[Any] | None = None
    queue: bool = True
    batch: bool = False
    max_batch_size: int = 4
    preprocess: bool = True
    postprocess: bool = True
    cancels: list[int] = dataclasses.field(default_factory=list)
    trigger_mode: TriggerMode = "once"
    js: str | None = None
    concurrency_limit: int | Literal["default"] | None = "default"
    concurrency_id: str | None = None
    show_progress: ShowProgress = "full"
    show_progress_on: list[int] | None = None
    scroll_to_output: bool = False
    trigger_after: int | None = None
    trigger_only_on_success: bool = False
    trigger_only_on_failure: bool = False
    time_limit: float | None = None
    stream_every: float = 0.5
    connection: Literal["sse", "stream"] = "sse"
    event_specific_args: list[str] | None = None
    api_description: str | None = None
    validator: Callable[..., Any] | None = None
    #: The parameter names of the last ``len(inputs_kwargs)`` inputs, whose values are passed by name
    #: (the listener's ``inputs_kwargs``, as in Gradio).
    inputs_kwargs: list[str] = dataclasses.field(default_factory=list)
    #: Identifies the listener across re-runs of ``gr.render`` (as Gradio's listener ``key``).
    key: int | str | tuple[int | str, ...] | None = None
    is_generator: bool = False
    is_cancel: bool = False
    root: Any = dataclasses.field(default=None, repr=False)
    #: The ``gr.render`` whose function this listener runs (the render's own listener), else ``None``.
    renderable: Any = dataclasses.field(default=None, repr=False)
    #: The id of the ``gr.render`` whose run created this listener, else ``None``.
    rendered_in: int | None = None

    # -- chaining ------------------------------------------------------------
    def then(self, fn: Any = DECORATOR, inputs: Any = None, outputs: Any = None, **kwargs: Any) -> Any:
        """Run ``fn`` after this listener finishes, whether it succeeded or not."""
        return self._after("then", fn, inputs, outputs, **kwargs)

    def success(self, fn: Any = DECORATOR, inputs: Any = None, outputs: Any = None, **kwargs: Any) -> Any:
        """Run ``fn`` after this listener finishes without an error."""
        return self._after("success", fn, inputs, outputs, trigger_only_on_success=True, **kwargs)

    def failure(self, fn: Any = DECORATOR, inputs: Any = None, outputs: Any = None, **kwargs: Any) -> Any:
        """Run ``fn`` after this listener fails."""
        return self._after("failure", fn, inputs, outputs, trigger_only_on_failure=True, **kwargs)

    def _after(self, event: str, fn: Any, inputs: Any, outputs: Any, **kwargs: Any) -> Any:
        """Attach ``fn`` to run after this listener; ``event`` ("then", "success", "failure") names the trigger."""
        return _listen(self.root, [(self.id, event)], fn, inputs, outputs, trigger_after=self.id, **kwargs)

    # Gradio lets apps read a dependency like a dict (``dep["id"]``).
    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    @property
    def fn_name(self) -> str:
        """The function's name, or ``"unnamed"`` for a listener without one."""
        return callable_name(self.fn) if self.fn is not None else "unnamed"


class BoundListener:
    """``component.click`` before it is called: knows its block and event name."""

    __slots__ = ("block", "event_name")

    def __init__(self, block: BlockLike, event_name: str) -> None:
        self.block = block
        self.event_name = event_name

    def __call__(self, fn: Any = DECORATOR, inputs: Any = None, outputs: Any = None, **kwargs: Any) -> Any:
        """Attach a listener for this event to the app being defined.

        Called without ``fn`` it returns a decorator. Keyword arguments are the listener options of
        :class:`Dependency` (``api_name``, ``queue``, ``cancels``...).

        Returns:
            The :class:`Dependency`, for ``.then()``/``.success()`` chains.
        """
        root = context.current_root()
        if root is None:
            raise InvalidConfigError(
                f"Cannot attach a {self.event_name!r} listener to {self.block!r} outside of a `with gr.Blocks()` block."
            )
        for name, value in EVENT_DEFAULTS.get(self.event_name, {}).items():
            kwargs.setdefault(name, value)
        if self.event_name == "stream" and hasattr(self.block, "streaming"):
            self.block.streaming = True  # as Gradio's stream listener marks its component
        return _listen(root, [(self.block._id, self.event_name)], fn, inputs, outputs, **kwargs)

    def __repr__(self) -> str:
        return f"<listener {self.event_name} of {self.block!r}>"


class EventListener:
    """One event of a block class, declared as ``click = EventListener()``.

    On an instance, ``button.click`` is a :class:`BoundListener`.

    Args:
        event_name: The event's name; left empty, the attribute's name is used.
    """

    def __init__(self, event_name: str = "") -> None:
        self.event_name = event_name

    def __set_name__(self, owner: type, name: str) -> None:
        self.event_name = name

    @overload
    def __get__(self, instance: None, owner: type) -> EventListener: ...

    @overload
    def __get__(self, instance: BlockLike, owner: type) -> BoundListener: ...

    def __get__(self, instance: BlockLike | None, owner: type) -> EventListener | BoundListener:
        if instance is None:
            return self
        return BoundListener(instance, self.event_name)


def on(
    triggers: Sequence[Any] | Any | None = None,
    fn: Callable[..., Any] | Literal["decorator"] | None = DECORATOR,
    inputs: Any = None,
    outputs: Any = None,
    *,
    inputs_kwargs: dict[str, BlockLike] | None = None,
    api_visibility: ApiVisibility = "public",
    api_name: str | None = None,
    api_description: str | Literal[False] | None = None,
    scroll_to_output: bool = False,
    show_progress: ShowProgress = "full",
    show_progress_on: Any = None,
    queue: bool = True,
    batch: bool = False,
    max_batch_size: int = 4,
    preprocess: bool = True,
    postprocess: bool = True,
    cancels: Any = None,
    trigger_mode: TriggerMode | None = None,
    js: str | Literal[True] | None = None,
    concurrency_limit: int | Literal["default"] | None = "default",
    concurrency_id: str | None = None,
    time_limit: float | None = None,
    stream_every: float = 0.5,
    key: int | str | tuple[int | str, ...] | None = None,
    validator: Callable[..., Any] | None = None,
) -> Any:
    """Attach one listener to several triggers (``gr.on``).

    With ``triggers=None`` the listener runs when any of its inputs changes, and when the page loads.
    Called without ``fn`` it returns a decorator. The options are those of every listener (see
    :func:`listener_options`): ``inputs_kwargs`` maps parameter names to components whose values are
    passed by name; ``key`` identifies the listener across ``gr.render`` re-runs.

    Returns:
        The :class:`Dependency`, for ``.then()``/``.success()`` chains.
    """
    options = listener_options(**{k: v for k, v in locals().items() if k not in _ON_POSITIONAL})
    root = context.current_root()
    if root is None:
        raise InvalidConfigError("gr.on(...) must be called inside a `with gr.Blocks()` block.")
    if triggers is None:
        # As in Gradio: the inputs' changes, and the page load (so it also runs when the page opens).
        keyword_blocks = [b for b in (inputs_kwargs or {}).values() if _is_block(b)]  # others: refused below
        blocks = _as_block_list(inputs) + keyword_blocks
        targets = [(b._id, "change") for b in blocks if "change" in type(b).EVENTS]
        targets.append((root._id, "load"))
    else:
        if not isinstance(triggers, (list, tuple)):
            triggers = [triggers]
        targets = []
        for trigger in triggers:
            if isinstance(trigger, BoundListener):
                targets.append((trigger.block._id, trigger.event_name))
            elif isinstance(trigger, Dependency):
                targets.append((trigger.id, "then"))
            elif inspect.ismethod(trigger) and trigger.__name__ in ("load", "unload") and _is_block(trigger.__self__):
                owner: Any = trigger.__self__
                targets.append((owner._id, trigger.__name__))  # demo.load
            else:
                raise InvalidConfigError(f"gr.on triggers must be listeners such as `button.click`, got {trigger!r}")
    if any(event == "stream" for _, event in targets):
        options["connection"] = "stream"
    options["event_specific_args"] = []
    return _listen(root, targets, fn, inputs, outputs, **options)


_ON_POSITIONAL = frozenset({"triggers", "fn", "inputs", "outputs"})


def listener_options(
    *,
    inputs_kwargs: dict[str, BlockLike] | None = None,
    api_visibility: ApiVisibility = "public",
    api_name: str | None = None,
    api_description: str | Literal[False] | None = None,
    scroll_to_output: bool = False,
    show_progress: ShowProgress = "full",
    show_progress_on: Any = None,
    queue: bool = True,
    batch: bool = False,
    max_batch_size: int = 4,
    preprocess: bool = True,
    postprocess: bool = True,
    cancels: Any = None,
    trigger_mode: TriggerMode | None = None,
    js: str | Literal[True] | None = None,
    concurrency_limit: int | Literal["default"] | None = "default",
    concurrency_id: str | None = None,
    time_limit: float | None = None,
    stream_every: float = 0.5,
    key: int | str | tuple[int | str, ...] | None = None,
    validator: Callable[..., Any] | None = None,
) -> dict[str, Any]:
    """The options of one listener, as Gradio's listeners take them, for :func:`build_dependency`.

    Args:
        inputs_kwargs: Function parameter names mapped to components whose values are passed by name.
        api_visibility: "public" (listed in the API docs), "undocumented" (callable, not listed) or "private".
        api_name: The endpoint's name (``/name``); by default the function's name.
        api_description: The endpoint's description in the API docs; False shows none.
        scroll_to_output: Scroll the page to the outputs when the function finishes.
        show_progress: "full", "minimal" or "hidden" progress on the outputs while it runs.
        show_progress_on: The components to show the progress on instead of the outputs.
        queue: False runs it outside the queue.
        batch: The function takes and returns lists of up to ``max_batch_size`` values.
        max_batch_size: The most events run together when ``batch`` is True.
        preprocess: False passes the raw payloads to the function.
        postprocess: False sends the return values as they are.
        cancels: Listeners this trigger cancels.
        trigger_mode: "once", "multiple" or "always_last": what a trigger does while the listener runs.
        js: JavaScript run in the browser first (its result becomes the inputs).
        concurrency_limit: How many of these events run at once ("default": the queue's default).
        concurrency_id: Listeners with the same id share one concurrency limit.
        time_limit: Seconds a streaming listener may run.
        stream_every: Seconds between the chunks of a stream.
        key: Identifies the listener across ``gr.render`` re-runs.
        validator: A function run first on the same inputs; the main function runs only if it passes.
    """
    return dict(locals())


def callable_name(fn: Callable[..., Any]) -> str:
    """The name of a function: ``lambda``, a ``functools.partial``'s function's, or a callable object's class's."""
    name = getattr(fn, "__name__", None)
    if name is None:
        func = getattr(fn, "func", None)  # functools.partial
        if func is not None:
            return callable_name(func)
        name = type(fn).__name__
    return "lambda" if name == "<lambda>" else name


def _default_api_name(fn: Callable[..., Any]) -> str:
    """The API name Gradio gives a listener's function: its ``__name__`` without punctuation but ``-`` and ``_``.

    ``<lambda>`` is ``lambda``; a ``functools.partial`` or a callable object is named after its class.
    """
    name = getattr(fn, "__name__", None)
    if name is None:
        name = type(fn).__name__
    return "".join(c for c in str(name) if c not in _API_NAME_DROPPED)


_API_NAME_DROPPED = frozenset(string.punctuation) - {"-", "_"}


def _is_block(value: Any) -> bool:
    """A component or layout block (checked by its class attribute, to avoid importing components here)."""
    return isinstance(getattr(type(value), "block_type", None), str) and hasattr(value, "_id")


def _as_block_list(value: Any) -> list[BlockLike]:
    if value is None:
        return []
    if _is_block(value):
        return [value]
    if isinstance(value, BoundListener):
        return [value.block]
    if isinstance(value, dict):
        value = list(value.values()) if not all(_is_block(k) for k in value) else list(value)
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=lambda b: b._id)
    if isinstance(value, Iterable):
        out: list[BlockLike] = []
        for item in value:
            if not _is_block(item):
                raise InvalidBlockError(f"Listener inputs and outputs must be components, got {item!r}")
            out.append(item)
        return out
    raise InvalidBlockError(f"Listener inputs and outputs must be components, got {value!r}")


def is_generator(fn: Any) -> bool:
    """Whether ``fn`` (a function, a ``functools.partial`` or a callable object) is a sync or async generator."""
    target = getattr(fn, "func", fn)  # functools.partial
    if not callable(target):
        return False
    if inspect.isgeneratorfunction(target) or inspect.isasyncgenfunction(target):
        return True
    call = inspect.getattr_static(type(target), "__call__", None)
    return bool(call and (inspect.isgeneratorfunction(call) or inspect.isasyncgenfunction(call)))


_LEGACY_KWARGS = {"show_api", "every", "_js"}


def _listen(
    root: Any,
    targets: list[tuple[int, str]],
    fn: Any,
    inputs: Any,
    outputs: Any,
    **kwargs: Any,
) -> Any:
    if fn is DECORATOR:

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            _listen(root, targets, func, inputs, outputs, **kwargs)
            return func

        return decorator
    if fn is not None and not callable(fn):
        raise InvalidConfigError(f"A listener's fn must be callable or None, got {fn!r}")
    if root is None:
        raise InvalidConfigError("Listeners must be attached inside a `with gr.Blocks()` block.")
    cancels = kwargs.pop("cancels", None)
    dep = root._add_dependency(targets, fn, inputs, outputs, kwargs)
    if cancels:
        # As in Gradio, what a trigger cancels is a listener of its own, right after this one: no function,
        # not queued, private.
        options = {"cancels": cancels, "queue": False, "preprocess": False, "api_visibility": "private"}
        root._add_dependency(targets, None, None, None, options)
    return dep


def build_dependency(
    root: Any,
    dep_id: int,
    targets: list[tuple[int, str]],
    fn: Callable[..., Any] | None,
    inputs: Any,
    outputs: Any,
    options: dict[str, Any],
    taken_names: set[str],
) -> Dependency:
    """Normalise a listener call into a :class:`Dependency` (names, visibility, flags)."""
    options = dict(options)
    show_api = options.pop("show_api", None)
    options.pop("every", None)
    if "_js" in options:
        options.setdefault("js", options.pop("_js"))
    keyword_inputs = options.pop("inputs_kwargs", None) or {}
    if not isinstance(keyword_inputs, dict) or not all(isinstance(k, str) for k in keyword_inputs):
        raise InvalidConfigError("inputs_kwargs must map function parameter names to components.")
    bad = [name for name, block in keyword_inputs.items() if not _is_block(block)]
    if bad:
        raise InvalidConfigError(
            f"All values in `inputs_kwargs` must be components or layout blocks. Invalid keys: {bad}."
        )

    inputs_as_dict: Literal["components", "keys"] | None = None
    input_keys: list[Any] | None = None
    if isinstance(inputs, (set, frozenset)):
        inputs_as_dict = "components"
    elif isinstance(inputs, dict):
        if all(_is_block(k) for k in inputs):
            inputs_as_dict = "components"
        else:
            inputs_as_dict = "keys"
            input_keys = list(inputs.keys())
    input_blocks = _as_block_list(inputs)
    if keyword_inputs:
        if inputs_as_dict is not None:
            raise InvalidConfigError("`inputs_kwargs` cannot be used when `inputs` is a set or a dict.")
        input_blocks.extend(keyword_inputs.values())
    output_blocks = _as_block_list(outputs)

    api_name = options.pop("api_name", None)
    visibility: ApiVisibility = options.pop("api_visibility", None) or "public"
    if show_api is False and visibility == "public":
        visibility = "undocumented"
    if api_name is False:
        visibility = "private"
        api_name = "false"
    if fn is None:
        options["queue"] = False  # as in Gradio: nothing runs on the server
    if api_name is None or api_name is True or (isinstance(api_name, str) and not api_name.strip()):
        if fn is not None:
            api_name = _default_api_name(fn)
        else:
            # As in Gradio: a listener without a function is private, named after what it runs.
            api_name = "js_fn" if options.get("js") else "unnamed"
            visibility = "private"
    api_name = str(api_name).lstrip("/")
    if api_name in taken_names:
        base, n = api_name, 1
        while f"{base}_{n}" in taken_names:
            n += 1
        api_name = f"{base}_{n}"
    taken_names.add(api_name)

    cancels = options.pop("cancels", None) or []
    if isinstance(cancels, Dependency):
        cancels = [cancels]
    cancel_ids = [c.id if isinstance(c, Dependency) else int(c) for c in cancels]

    # As in Gradio, the first trigger's event sets the default.
    first_event = targets[0][1] if targets else None
    default_mode: TriggerMode = (
        "always_last" if first_event in ALWAYS_LAST_EVENTS else "multiple" if first_event == "stream" else "once"
    )
    trigger_mode = options.pop("trigger_mode", None) or default_mode
    if trigger_mode not in ("once", "multiple", "always_last"):
        raise InvalidConfigError(f"trigger_mode must be 'once', 'multiple' or 'always_last', got {trigger_mode!r}")
    show_progress = options.pop("show_progress", "full")
    if show_progress is True:
        show_progress = "full"
    elif show_progress is False:
        show_progress = "hidden"
    show_progress_on = options.pop("show_progress_on", None)
    if show_progress_on is not None:
        show_progress_on = [b._id for b in _as_block_list(show_progress_on)]
    concurrency_limit = options.pop("concurrency_limit", "default")
    if concurrency_limit not in ("default", None) and (not isinstance(concurrency_limit, int) or concurrency_limit < 1):
        raise InvalidConfigError(
            f"concurrency_limit must be a positive int, None or 'default', got {concurrency_limit!r}"
        )
    max_batch_size = int(options.pop("max_batch_size", 4))
    known = {f.name for f in dataclasses.fields(Dependency)}
    unknown = set(options) - known
    # Accept (and ignore) the listener arguments that only change the browser's behaviour.
    for name in unknown:
        options.pop(name)

    dep = Dependency(
        id=dep_id,
        targets=targets,
        fn=fn,
        inputs=input_blocks,
        outputs=output_blocks,
        api_name=api_name,
        api_visibility=visibility,
        inputs_as_dict=inputs_as_dict,
        input_keys=input_keys,
        inputs_kwargs=list(keyword_inputs),
        cancels=cancel_ids,
        trigger_mode=trigger_mode,
        show_progress=show_progress,
        show_progress_on=show_progress_on,
        concurrency_limit=concurrency_limit,
        max_batch_size=max_batch_size,
        is_generator=is_generator(fn) if fn is not None else False,
        is_cancel=fn is None and bool(cancel_ids),
        root=root,
        **{k: v for k, v in options.items() if k in known},
    )
    if dep.batch and dep.is_generator:
        raise InvalidConfigError("batch=True is not supported for generator functions.")
    return dep
