"""Calling the chat function: ``fn(message, history, *additional_inputs)``, in all its kinds.

``fn`` may be a plain function, a coroutine function, a generator or an async generator;
with ``additional_outputs`` it returns ``(reply, *output values)``. :class:`ChatFunction`
turns it into the functions the listeners run:

* :meth:`ChatFunction.listener` for the UI's submit chain and for the public API endpoint:
  it has ``fn``'s signature (so ``gr.Request`` and the like are filled in, and the API lists
  ``fn``'s parameters) and returns ``(reply for the API, new history, *output values)``,
  streamed when ``fn`` is a generator;
* :meth:`ChatFunction.examples_fn` / :meth:`ChatFunction.examples_stream_fn` for examples,
  run with an empty history.

:func:`api_reply` is the reply as the API returns it (not postprocessed, as in Gradio).
"""

from __future__ import annotations

import asyncio
import collections
import functools
import inspect
import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from trellis.blocks.chat_interface.examples import example_pair
from trellis.blocks.chat_interface.history import Message, append_message
from trellis.blocks.updates import skip
from trellis.components.base import Component
from trellis.components.chatbot import ChatMessage
from trellis.exceptions import InvalidConfigError


class ChatFunction:
    """The user's chat function, as ChatInterface's listeners call it."""

    def __init__(self, fn: Callable[..., Any], additional_outputs: int, multimodal: bool) -> None:
        self.fn = fn
        self.is_async = inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn)
        self.is_generator = inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)
        self.additional_outputs = additional_outputs
        self.multimodal = multimodal

    # -- the listener ------------------------------------------------------------------------------
    def listener(self, name: str | None) -> Callable[..., Any]:
        """A function with ``fn``'s signature that answers one message; named ``name`` or after ``fn``."""
        if self.is_generator:
            inner: Callable[..., Any] = self._stream_async if self.is_async else self._stream_sync
        else:
            inner = self._submit_async if self.is_async else self._submit_sync
        return _wrap(self.fn, inner, name)

    def _submit_sync(self, message: Any, history: list[Message] | None, *args: Any) -> tuple[Any, ...]:
        return self._result(message, history, self.fn(message, list(history or []), *args))

    async def _submit_async(self, message: Any, history: list[Message] | None, *args: Any) -> tuple[Any, ...]:
        return self._result(message, history, await self.fn(message, list(history or []), *args))

    def _result(self, message: Any, history: list[Message] | None, response: Any) -> tuple[Any, ...]:
        response, extra = self._split_outputs(response)
        history = append_message(message, history, "user")
        history = append_message(response, history, "assistant")
        return (api_reply(response), history, *extra)

    def _stream_sync(self, message: Any, history: list[Message] | None, *args: Any) -> Iterator[tuple[Any, ...]]:
        base = append_message(message, history, "user")
        produced = False
        for response in self.fn(message, list(history or []), *args):
            produced = True
            yield self._stream_item(base, response)
        if not produced:
            yield self._no_reply(base)

    async def _stream_async(
        self, message: Any, history: list[Message] | None, *args: Any
    ) -> AsyncIterator[tuple[Any, ...]]:
        base = append_message(message, history, "user")
        produced = False
        async for response in self.fn(message, list(history or []), *args):
            produced = True
            yield self._stream_item(base, response)
        if not produced:
            yield self._no_reply(base)

    def _stream_item(self, base: list[Message], response: Any) -> tuple[Any, ...]:
        response, extra = self._split_outputs(response)
        return (api_reply(response), append_message(response, base, "assistant"), *extra)

    def _no_reply(self, base: list[Message]) -> tuple[Any, ...]:
        """A generator that yielded nothing: the user's message stays, the outputs are left alone."""
        return (None, base, *[skip() for _ in range(self.additional_outputs)])

    def _split_outputs(self, response: Any) -> tuple[Any, list[Any]]:
        if not self.additional_outputs:
            return response, []
        if not isinstance(response, (tuple, list)) or len(response) != 1 + self.additional_outputs:
            outputs = ", ".join("output" for _ in range(self.additional_outputs))
            raise InvalidConfigError(
                f"With {self.additional_outputs} additional_outputs, the chat function must return (reply, {outputs})."
            )
        return response[0], list(response[1:])

    # -- examples ----------------------------------------------------------------------------------
    def examples_fn(self, message: Any, *args: Any) -> list[Message]:
        """An example's conversation: its message and ``fn``'s final reply to it."""
        return example_pair(message, run_to_end(self.fn, message, [], *args), self.multimodal)

    def examples_stream_fn(self, message: Any, *args: Any) -> Iterator[list[Message]]:
        """An example's conversation, once per reply a generator ``fn`` yields."""
        result = self.fn(message, [], *args)
        responses = iterate_async(result) if inspect.isasyncgen(result) else result
        for response in responses:
            yield example_pair(message, response, self.multimodal)


def api_reply(response: Any) -> Any:
    """The reply as the API endpoint returns it.

    A component becomes its update dict, a ChatMessage its fields (with the assistant's role, as it
    is in the history).
    """
    if isinstance(response, list):
        return [_jsonable(item, "assistant") for item in response]
    return _jsonable(response, "assistant")


def _jsonable(value: Any, role: str | None = None) -> Any:
    if isinstance(value, Component):
        update = {k: _jsonable(v) for k, v in value.explicit_props().items()}
        if "value" in getattr(value, "_explicit", {}):
            update["value"] = _jsonable(value.initial_value)
        return {**update, "__type__": "update"}
    if isinstance(value, ChatMessage):
        return {
            "content": _jsonable(value.content),
            "role": role or value.role,
            "metadata": value.metadata,
            "options": value.options,
        }
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def run_to_end(fn: Callable[..., Any], *args: Any) -> Any:
    """Call ``fn`` to its final value: awaits a coroutine, drains a generator (its last item)."""
    result = fn(*args)
    if inspect.iscoroutine(result):
        return asyncio.run(result)
    if inspect.isasyncgen(result):
        result = iterate_async(result)
    if inspect.isgenerator(result):
        tail = collections.deque(result, maxlen=1)
        return tail[0] if tail else None
    return result


def iterate_async(agen: Any) -> Iterator[Any]:
    """The items of an async generator, from synchronous code (on an event loop of its own)."""
    loop = asyncio.new_event_loop()
    try:
        while True:
            try:
                yield loop.run_until_complete(agen.__anext__())
            except StopAsyncIteration:
                return
    finally:
        loop.run_until_complete(agen.aclose())
        loop.close()


def _wrap(fn: Callable[..., Any], inner: Callable[..., Any], name: str | None) -> Callable[..., Any]:
    """``inner`` behind ``fn``'s signature and name (``name`` if given), of the same kind as ``inner``."""
    if inspect.isasyncgenfunction(inner):

        async def agen(*args: Any, **kwargs: Any) -> AsyncIterator[Any]:
            async for item in inner(*args, **kwargs):
                yield item

        wrapped: Callable[..., Any] = agen
    elif inspect.isgeneratorfunction(inner):

        def gen(*args: Any, **kwargs: Any) -> Iterator[Any]:
            yield from inner(*args, **kwargs)

        wrapped = gen
    elif inspect.iscoroutinefunction(inner):

        async def coro(*args: Any, **kwargs: Any) -> Any:
            return await inner(*args, **kwargs)

        wrapped = coro
    else:

        def plain(*args: Any, **kwargs: Any) -> Any:
            return inner(*args, **kwargs)

        wrapped = plain
    try:
        functools.update_wrapper(wrapped, fn)
    except (AttributeError, TypeError):  # a callable object without __name__ and friends
        functools.update_wrapper(wrapped, fn, assigned=(), updated=())  # sets only __wrapped__
    if name is not None:
        wrapped.__name__ = name
    elif not isinstance(getattr(fn, "__name__", None), str):
        wrapped.__name__ = type(fn).__name__
    return wrapped
