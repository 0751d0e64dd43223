"""Runs one listener for one event: preprocess → the user's function → postprocess.

Sync functions and sync generators run in worker threads; async ones on the
event loop. The queue decides when to run and what to send; this module only turns
payloads into arguments and return values into payloads.
"""

from __future__ import annotations

import contextvars
import dataclasses
import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread

from trellis import caching
from trellis._filedata import contains_file
from trellis.blocks.updates import check_update_props, is_update, ordered_update
from trellis.components import handlers
from trellis.components.base import Block, Component
from trellis.components.dataframe import Dataframe
from trellis.components.display import jsonable
from trellis.components.state import State
from trellis.exceptions import ValidationError
from trellis.processing import rendered
from trellis.processing.deep_link import record_input, record_output
from trellis.processing.files import FileCache
from trellis.processing.media_stream import MediaStream, MediaStreams, StreamEncoder, stream_path
from trellis.processing.session import Session
from trellis.processing.tables import (
    WINDOW_THRESHOLD,
    StoredTable,
    TableStore,
    column_types,
    window_ref,
    windowed_payload,
)
from trellis.runtime import Reporter, Request, current_reporter, tracking_tqdm

if TYPE_CHECKING:
    from trellis.config.build import CompiledApp, EndpointInfo


class InputCountError(Exception):
    """The client sent fewer values than the listener has inputs."""


class OutputCountError(Exception):
    """The function returned a different number of values than the listener has outputs."""


class Cancelled(Exception):
    """The event was cancelled while its function ran."""


@dataclasses.dataclass
class CallContext:
    """Who an event runs for: session, request, browser event data, and where to report."""

    session: Session
    request: Request
    event_data: Any = None
    trigger_id: int | None = None
    root: str = ""
    reporter: Reporter | None = None
    cancelled: threading.Event = dataclasses.field(default_factory=threading.Event)
    #: The event id, naming this run's media streams (``None``: outputs are never streamed).
    run_id: str | None = None
    #: Set while a generator runs: streaming outputs then feed a media stream per output.
    generating: bool = False
    streams: dict[int, tuple[StreamEncoder, MediaStream]] = dataclasses.field(default_factory=dict)
    #: The ids of the Dataframes the page only displays: a big value for one goes to it in windows.
    table_windows: frozenset[int] = frozenset()
    #: Set when the call ends: ``"full"`` if the function is a ``@gr.cache`` one that hit, ``"partial"`` if
    #: a cache answered inside it (``gr.Cache.get``, a ``gr.cache`` helper), else ``None``.
    used_cache: caching.UsedCache | None = None
    #: Fingerprints of the State outputs' values before the call (ids of States with change listeners), so
    #: a State mutated in place and returned counts as changed (as Gradio's, which hashes them).
    state_prints: dict[int, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Outcome:
    """A function's processed outputs: one payload per output, State as ``None``."""

    data: list[Any]
    changed_state_ids: list[int]
    #: A ``gr.render`` run's ``render_config`` (the blocks and listeners it made), else ``None``.
    render_config: dict[str, Any] | None = None


class Runner:
    """Calls the listeners of one compiled app."""

    def __init__(self, app: CompiledApp, files: FileCache, media: MediaStreams | None = None) -> None:
        self.app = app
        self.files = files
        self.media = media if media is not None else MediaStreams()
        #: Big initial values of read-only tables, which the page gets in windows (shared by all sessions).
        self.initial_tables = TableStore()
        self._state_change_ids = {
            target
            for e in app.endpoints
            for target, event in e.dep.targets
            if event == "change" and isinstance(app.blocks.get(target), State)
        }

    def _watched(self, state_id: int, session: Session) -> bool:
        """Whether a State has ``change`` listeners: the app's, or those a ``gr.render`` run made for ``session``."""
        return state_id in self._state_change_ids or state_id in rendered.change_targets(session)

    def _block(self, block_id: int, session: Session | None) -> Block | None:
        """A block of the app, or one a ``gr.render`` run of ``session`` shows."""
        found = self.app.blocks.get(block_id)
        if found is None and session is not None and isinstance(session.renders, rendered.SessionRenders):
            found = session.renders.block(block_id)
        return found

    def find_table(self, session: Session | None, ref: object) -> StoredTable | None:
        """A windowed table the session was sent: one of its outputs, or an app's initial value."""
        found = session.tables.get(ref) if session is not None else None
        return found or self.initial_tables.get(ref)

    def _output_rule(self, path: str) -> bool:
        """Whether the app lets the local file ``path`` be an output (its allowed and blocked paths)."""
        try:
            return self.files.may_cache_output(Path(os.path.realpath(path)))
        except (OSError, ValueError):
            return False

    # -- inputs ------------------------------------------------------------------
    def prepare(self, endpoint: EndpointInfo, data: list[Any], ctx: CallContext) -> list[Any]:
        """The positional arguments for the function."""
        dep = endpoint.dep
        inputs = endpoint.inputs
        if len(data) < len(inputs):
            raise InputCountError(
                f"An event handler ({endpoint.plan.name}) didn't receive enough input values "
                f"(needed: {len(inputs)}, got: {len(data)}). Send one value per input component, "
                f"in order: {[getattr(c, 'label', None) or c.block_type for c in inputs]}."
            )
        values: list[Any] = []
        session = ctx.session
        for output in endpoint.outputs:
            if isinstance(output, State) and self._watched(output._id, session):
                ctx.state_prints[output._id] = fingerprint(session.get_state(output))
        for index, component in enumerate(inputs):
            if isinstance(component, State):
                values.append(session.get_state(component))
                continue
            payload = data[index]
            ref = window_ref(payload) if isinstance(component, Dataframe) else None
            if ref is not None:
                table = self.find_table(session, ref)
                if table is None or table.component_id != component._id:
                    raise ValidationError(
                        "This table is no longer held by the server (its session expired or a newer value "
                        "replaced it): reload the page and run the event that showed it again."
                    )
                payload = table.payload()
            record_input(session, component._id, payload)
            if dep.preprocess:
                if contains_file(payload):
                    payload = self.files.check_input(payload)
                payload = session.component(component).preprocess(payload)
            values.append(payload)
        if dep.inputs_as_dict == "components":
            return [dict(zip(inputs, values, strict=False))]
        if dep.inputs_as_dict == "keys":
            return [dict(zip(dep.input_keys or [], values, strict=False))]
        return values

    def arguments(self, endpoint: EndpointInfo, values: list[Any], ctx: CallContext) -> list[Any]:
        """Insert gr.Request / gr.Progress / gr.EventData where the function asks for them."""
        return self.bind(endpoint, values, ctx)[0]

    def bind(self, endpoint: EndpointInfo, values: list[Any], ctx: CallContext) -> tuple[list[Any], dict[str, Any]]:
        """The function's positional and keyword arguments, with gr.Request / Progress / EventData inserted.

        The values of a listener's ``inputs_kwargs`` (its last inputs) are passed by name, as in Gradio;
        a special parameter after one of them is then passed by name too.
        """
        plan = endpoint.plan
        names = endpoint.dep.inputs_kwargs
        kwargs: dict[str, Any] = {}
        if names and endpoint.dep.inputs_as_dict is None:
            split = len(values) - len(names)
            kwargs = dict(zip(names, values[split:], strict=False))
            values = values[:split]
        if not plan.slots or all(slot.kind == "input" for slot in plan.slots):
            return values, kwargs
        args: list[Any] = []
        remaining = iter(values)
        by_name = False  # once a parameter is filled by name, the later ones are too
        for slot in plan.slots:
            if slot.kind == "input":
                if slot.name in kwargs:
                    by_name = True
                    continue
                try:
                    value = next(remaining)
                except StopIteration:
                    if kwargs:
                        by_name = True
                        continue
                    break
            elif slot.kind == "request":
                value = ctx.request
            elif slot.kind == "header":
                # As Gradio: the parameter's name with "-" for "_" names the header; None without one.
                headers = getattr(ctx.request, "headers", None) or {}
                value = headers.get(slot.name.replace("_", "-").lower())
            elif slot.kind == "progress":
                value = slot.progress
            elif slot.kind == "cache":
                value = slot.cache
            else:
                cls = slot.event_data_cls
                target = self._block(ctx.trigger_id, ctx.session) if ctx.trigger_id is not None else None
                value = cls(target, ctx.event_data) if cls is not None else ctx.event_data
            if by_name:
                kwargs[slot.name] = value
            else:
                args.append(value)
        args.extend(remaining)
        return args, kwargs

    # -- outputs -----------------------------------------------------------------
    def finish(self, endpoint: EndpointInfo, result: Any, ctx: CallContext) -> Outcome:
        """Turn the function's return value into one payload per output."""
        outputs = endpoint.outputs
        count = len(outputs)
        if count == 0:
            return Outcome([], [])
        if isinstance(result, dict) and result and any(isinstance(k, Block) for k in result):
            values = [result.get(c, _SKIP) for c in outputs]
        elif count == 1:
            values = [result]
        else:
            if not isinstance(result, (list, tuple)):
                raise OutputCountError(
                    f"An event handler ({endpoint.plan.name}) didn't return enough output values "
                    f"(needed: {count}, returned: 1). Return a tuple with one value per output."
                )
            if len(result) != count:
                raise OutputCountError(
                    f"An event handler ({endpoint.plan.name}) returned {len(result)} output values, "
                    f"but the listener has {count} outputs."
                )
            values = list(result)
        postprocess = endpoint.dep.postprocess
        session = ctx.session
        data: list[Any] = []
        changed: list[int] = []
        for component, value in zip(outputs, values, strict=False):
            if isinstance(component, State):
                if value is _SKIP:
                    data.append(None)
                    continue
                if is_update(value):
                    value = value.get("value", session.get_state(component))
                before = ctx.state_prints.get(component._id)
                differs = session.set_state(component, value)
                if before is not None:
                    after = ctx.state_prints[component._id] = fingerprint(value)
                    differs = differs or after != before
                if differs and self._watched(component._id, session):
                    changed.append(component._id)
                data.append(None)
                continue
            if not postprocess:
                data.append(value if value is not _SKIP else {"__type__": "update"})
                continue
            if not isinstance(component, Component):
                data.append(_layout_update(component, value))
                record_output(session, component._id, data[-1])
                continue
            data.append(self._post(component, value, ctx))
            record_output(session, component._id, data[-1])
        return Outcome(data, changed)

    def _post(self, component: Component, value: Any, ctx: CallContext) -> Any:
        if value is _SKIP:
            return {"__type__": "update"}
        if isinstance(value, Block):
            value = _instance_update(value)
        elif is_update(value):
            check_update_props(type(component), (k for k in value if k not in ("__type__", "value")))
            value = ordered_update(value)
        if is_update(value):
            shape = getattr(component, "shape_update", None)  # gr.HTML nests its template props, as Gradio
            update = shape(dict(value)) if callable(shape) else dict(value)
            props = {k: v for k, v in update.items() if k not in ("__type__", "value")}
            if props:
                copy = ctx.session.apply_update(component, props)
                if copy is not None:
                    # Send the props as the component normalised them (e.g. choices as [label, value]).
                    for key in props:
                        if key in copy._prop_names:
                            update[key] = getattr(copy, key, update[key])
            if "value" in update:
                target = ctx.session.component(component)
                windows = update.get("interactive") is not True
                update["value"] = self._payload(target, update["value"], ctx, windows)
            return _jsonable_props(update)
        return self._payload(ctx.session.component(component), value, ctx)

    def _payload(self, component: Component, value: Any, ctx: CallContext, windows: bool = True) -> Any:
        if ctx.generating and ctx.run_id is not None and getattr(component, "streaming", False):
            open_stream = getattr(component, "open_stream", None)
            if open_stream is not None:
                return self._stream_chunk(component, open_stream, value, ctx)
        # A big table the page only displays stays here; the page gets the rows in view.
        windowed = (
            windows
            and component._id in ctx.table_windows
            and isinstance(component, Dataframe)
            and component.interactive is not True  # an editable table needs every row
        )
        if windowed:
            assert isinstance(component, Dataframe)
            quick = _windowed_value(component, value, ctx.session)
            if quick is not None:
                return quick
        with handlers.reading_outputs_with(self._output_rule):
            payload = component.postprocess(value)
        if component.data_model_is_file or component.payload_has_files(payload):
            payload = self.files.prepare_output(payload, ctx.root, session_hash=ctx.session.hash)
        if windowed:
            assert isinstance(component, Dataframe)
            payload = _windowed(component, payload, ctx.session)
        return payload

    # -- streamed media outputs -------------------------------------------------------
    def _stream_chunk(
        self, component: Component, open_stream: Callable[[], StreamEncoder], value: Any, ctx: CallContext
    ) -> Any:
        """Feed one yielded value into this run's stream for ``component``; returns the stream's FileData."""
        assert ctx.run_id is not None
        entry = ctx.streams.get(component._id)
        if entry is None:
            encoder = open_stream()
            stream = self.media.open(
                ctx.session.hash,
                ctx.run_id,
                component._id,
                encoder.extension,
                encoder.mime_type,
                name=f"{component.block_type}-stream.{encoder.extension}",
            )
            entry = ctx.streams[component._id] = (encoder, stream)
        encoder, stream = entry
        data, duration = encoder.feed(value)
        stream.add(data, duration)
        path = stream_path(ctx.session.hash, ctx.run_id, component._id)
        return {
            "path": path,
            "url": f"{ctx.root}/gradio_api/stream/{path}",
            "size": None,
            "orig_name": stream.name,
            "mime_type": encoder.mime_type,
            "is_stream": True,
            "meta": {"_type": "gradio.FileData"},
        }

    def end_streams(self, endpoint: EndpointInfo, ctx: CallContext, last: Outcome | None) -> None:
        """End this run's media streams: flush the encoders, cache the whole files, end the playlists.

        On success (``last`` given), the final value of each streamed output points at its whole file,
        so clients that download the result get the complete media. Blocking (encoding, disk).
        """
        streams, ctx.streams = ctx.streams, {}
        ctx.generating = False
        for component_id, (encoder, stream) in streams.items():
            combined = None
            try:
                data, duration = encoder.close()
                stream.add(data, duration)
                combined = self.files.store_bytes(encoder.complete(), stream.name)
                self.files.record(ctx.session.hash, combined)
            finally:
                stream.end(combined)
            if last is None or combined is None:
                continue
            for index, output in enumerate(endpoint.outputs):
                payload = last.data[index] if index < len(last.data) else None
                if output._id == component_id and isinstance(payload, dict) and payload.get("is_stream"):
                    last.data[index] = {
                        **payload,
                        "url": self.files.url_for(combined, ctx.root),
                        "size": combined.stat().st_size,
                    }

    # -- calling -----------------------------------------------------------------
    def call_sync(self, endpoint: EndpointInfo, data: list[Any], ctx: CallContext) -> Outcome:
        """Prepare, call and finish a sync function (run this in a worker thread)."""
        token = current_reporter.set(ctx.reporter)
        try:
            values = self.prepare(endpoint, data, ctx)
            fn = endpoint.plan.fn
            assert fn is not None
            args, kwargs = self.bind(endpoint, values, ctx)
            if endpoint.dep.renderable is not None:
                config = rendered.render(self.app, endpoint, args, kwargs, ctx.session, self.files, ctx.root)
                return Outcome([None] * len(endpoint.outputs), [], config)
            with tracking_tqdm(_tracks_tqdm(endpoint)):
                result = fn(*args, **kwargs)
            return self.finish(endpoint, result, ctx)
        finally:
            current_reporter.reset(token)

    async def call(
        self,
        endpoint: EndpointInfo,
        data: list[Any],
        ctx: CallContext,
        limiter: anyio.CapacityLimiter | None = None,
    ) -> Outcome:
        """Run a non-generator function (see ``_call``), noting in ``ctx.used_cache`` whether a cache answered."""
        with caching.track(ctx.session.hash) as usage:
            try:
                return await self._call(endpoint, data, ctx, limiter)
            finally:
                ctx.used_cache = usage.used_cache(endpoint.plan.fn)

    async def _call(
        self,
        endpoint: EndpointInfo,
        data: list[Any],
        ctx: CallContext,
        limiter: anyio.CapacityLimiter | None = None,
    ) -> Outcome:
        """Run a non-generator function: async on the loop, sync in a worker thread.

        The thread is taken from ``limiter`` when given, else from the shared pool.
        """
        plan = endpoint.plan
        if plan.fn is None:
            return Outcome([None] * len(endpoint.outputs), [])
        if plan.is_async:
            token = current_reporter.set(ctx.reporter)
            try:
                values = await self._prepare_off_loop(endpoint, data, ctx)
                args, kwargs = self.bind(endpoint, values, ctx)
                with tracking_tqdm(_tracks_tqdm(endpoint)):
                    result = await plan.fn(*args, **kwargs)
                return await self._finish_off_loop(endpoint, result, ctx)
            finally:
                current_reporter.reset(token)
        context = contextvars.copy_context()
        return await anyio.to_thread.run_sync(
            context.run, self.call_sync, endpoint, data, ctx, abandon_on_cancel=True, limiter=limiter
        )

    async def call_batch(
        self, endpoint: EndpointInfo, batch: list[list[Any]], ctxs: list[CallContext]
    ) -> list[Outcome]:
        """Call a ``batch=True`` function once with every event's values, and split its results."""
        fn = endpoint.plan.fn
        assert fn is not None
        prepared = [await self._prepare_off_loop(endpoint, data, ctx) for data, ctx in zip(batch, ctxs, strict=False)]
        columns = [list(column) for column in zip(*prepared, strict=False)] if prepared else []
        if len(columns) < len(endpoint.inputs):
            columns = [[] for _ in endpoint.inputs]
        if endpoint.plan.is_async:
            result = await fn(*columns)
        else:
            result = await anyio.to_thread.run_sync(contextvars.copy_context().run, fn, *columns)
        if len(endpoint.outputs) == 1 and not (
            isinstance(result, (list, tuple)) and len(result) == 1 and isinstance(result[0], (list, tuple))
        ):
            result = [result]
        result = list(result)
        if len(result) != len(endpoint.outputs):
            raise OutputCountError(
                f"A batch function ({endpoint.plan.name}) must return one list per output "
                f"({len(endpoint.outputs)}), got {len(result)}."
            )
        outcomes = []
        for row, ctx in enumerate(ctxs):
            values = [column[row] for column in result]
            outcomes.append(await self._finish_off_loop(endpoint, tuple(values) if len(values) > 1 else values[0], ctx))
        return outcomes

    async def _prepare_off_loop(self, endpoint: EndpointInfo, data: list[Any], ctx: CallContext) -> list[Any]:
        """``prepare`` on the event loop, or in a worker thread when files may need reading or fetching."""
        if contains_file(data):
            return await anyio.to_thread.run_sync(self.prepare, endpoint, data, ctx)
        return self.prepare(endpoint, data, ctx)

    async def _finish_off_loop(self, endpoint: EndpointInfo, result: Any, ctx: CallContext) -> Outcome:
        """``finish`` on the event loop, or in a worker thread when outputs are files (saved and copied)."""
        if any(isinstance(c, Component) and (c.data_model_is_file or c.holds_files) for c in endpoint.outputs):
            return await anyio.to_thread.run_sync(self.finish, endpoint, result, ctx)
        return self.finish(endpoint, result, ctx)

    def run_generator_sync(
        self,
        endpoint: EndpointInfo,
        data: list[Any],
        ctx: CallContext,
        emit: Callable[[Outcome], None],
    ) -> Outcome | None:
        """Iterate a sync generator in this (worker) thread, calling ``emit`` per yield.

        Returns the last outcome, or ``None`` if it yielded nothing.
        """
        token = current_reporter.set(ctx.reporter)
        last: Outcome | None = None
        ctx.generating = True
        finished = False
        try:
            values = self.prepare(endpoint, data, ctx)
            fn = endpoint.plan.fn
            assert fn is not None
            args, kwargs = self.bind(endpoint, values, ctx)
            iterator = caching.tracked(fn(*args, **kwargs), ctx.session.hash, _note_cache(ctx, fn))
            try:
                with tracking_tqdm(_tracks_tqdm(endpoint)):
                    for item in iterator:
                        if ctx.cancelled.is_set():
                            raise Cancelled
                        last = self.finish(endpoint, item, ctx)
                        emit(last)
                        if ctx.cancelled.is_set():
                            raise Cancelled
            finally:
                close = getattr(iterator, "close", None)
                if close is not None:
                    close()
            finished = True
            return last
        finally:
            current_reporter.reset(token)
            if ctx.streams:
                self.end_streams(endpoint, ctx, last if finished else None)
            ctx.generating = False

    async def run_async_generator(
        self,
        endpoint: EndpointInfo,
        data: list[Any],
        ctx: CallContext,
        emit: Callable[[Outcome], None],
    ) -> Outcome | None:
        """Run an async generator function, passing each yielded outcome to ``emit``.

        Returns:
            The last outcome, or ``None`` if the function yielded nothing.
        """
        token = current_reporter.set(ctx.reporter)
        last: Outcome | None = None
        ctx.generating = True
        finished = False
        try:
            values = await self._prepare_off_loop(endpoint, data, ctx)
            fn = endpoint.plan.fn
            assert fn is not None
            args, kwargs = self.bind(endpoint, values, ctx)
            agen = caching.tracked_async(fn(*args, **kwargs), ctx.session.hash, _note_cache(ctx, fn))
            try:
                with tracking_tqdm(_tracks_tqdm(endpoint)):
                    async for item in agen:
                        last = await self._finish_off_loop(endpoint, item, ctx)
                        emit(last)
            finally:
                await agen.aclose()
            finished = True
            return last
        finally:
            current_reporter.reset(token)
            if ctx.streams:
                pending = list(ctx.streams.values())
                try:
                    await anyio.to_thread.run_sync(self.end_streams, endpoint, ctx, last if finished else None)
                except BaseException:
                    for _, stream in pending:  # cancelled meanwhile: the playlists must still end
                        stream.end()
                    raise
            ctx.generating = False


def _tracks_tqdm(endpoint: EndpointInfo) -> bool:
    """Whether the listener's function asks for ``gr.Progress(track_tqdm=True)``."""
    return any(slot.kind == "progress" and getattr(slot.progress, "track_tqdm", False) for slot in endpoint.plan.slots)


def _note_cache(ctx: CallContext, fn: Any) -> Callable[[caching.Usage], None]:
    """What records in ``ctx`` whether a cache answered a generator's run, once it ends."""

    def note(usage: caching.Usage) -> None:
        ctx.used_cache = usage.used_cache(fn)

    return note


class _Skip:
    def __repr__(self) -> str:
        return "<skip>"


_SKIP: Any = _Skip()


def fingerprint(value: Any) -> str:
    """A digest of a value's contents (nested dicts, lists, tuples and sets; other objects by hash, else identity)."""
    digest = hashlib.sha256()

    def feed(item: Any) -> None:
        if isinstance(item, (str, bytes, int, float, bool)) or item is None:
            digest.update(repr((type(item).__name__, item)).encode())
        elif isinstance(item, dict):
            digest.update(b"{")
            for key, inner in item.items():
                feed(key)
                feed(inner)
            digest.update(b"}")
        elif isinstance(item, (list, tuple)):
            digest.update(b"[" if isinstance(item, list) else b"(")
            for inner in item:
                feed(inner)
            digest.update(b"]")
        elif isinstance(item, (set, frozenset)):
            digest.update(("set:" + ",".join(sorted(fingerprint(i) for i in item))).encode())
        else:
            try:
                digest.update(f"hash:{hash(item)}".encode())
            except TypeError:
                digest.update(f"id:{id(item)}".encode())

    feed(value)
    return digest.hexdigest()


def _windowed_value(component: Dataframe, value: Any, session: Session) -> Any:
    """A big pandas value of a displayed table as the page gets it (kept column by column), or ``None``."""
    table = component.postprocess_columns(value, WINDOW_THRESHOLD)
    if table is None:
        return None
    headers, columns = table
    stored = session.tables.put(component._id, headers, columns, column_types(component.datatype, len(columns)))
    return windowed_payload(stored)


def _windowed(component: Dataframe, payload: Any, session: Session) -> Any:
    """A displayed table's payload as the page gets it: whole, or the first rows and a window reference."""
    if not isinstance(payload, dict):
        return payload
    rows = payload.get("data")
    if not isinstance(rows, list) or len(rows) <= WINDOW_THRESHOLD:
        return payload
    return session.tables.keep_payload(component._id, payload, component.datatype)


def _instance_update(instance: Block) -> dict[str, Any]:
    """A component instance returned from a function: the props it was constructed with."""
    update = instance.explicit_props()
    explicit = getattr(instance, "_explicit", {})
    if "value" in explicit:
        update["value"] = getattr(instance, "initial_value", explicit["value"])
    update["__type__"] = "update"
    return update


def _layout_update(block: Block, value: Any) -> dict[str, Any]:
    """What a layout output (a Column, Row, Tab...) is sent: only an update of its props, as in Gradio."""
    if value is _SKIP:
        return {"__type__": "update"}
    if isinstance(value, Block):
        value = _instance_update(value)
    if not is_update(value):
        raise ValueError(
            f"{type(block).__name__} is a layout block: as an output it takes an update such as "
            f"gr.{type(block).__name__}(visible=True), got {type(value).__name__}."
        )
    check_update_props(type(block), (k for k in value if k != "__type__"))
    return _jsonable_props(ordered_update(value))


def _jsonable_props(update: dict[str, Any]) -> dict[str, Any]:
    return {k: (jsonable(v) if k != "value" else v) for k, v in update.items()}
