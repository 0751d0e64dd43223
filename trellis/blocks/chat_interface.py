"""``ChatInterface``: a chat app around one function ``fn(message, history, *additional_inputs)``.

The app is an ordinary Blocks tree laid out and wired the way Gradio 6 wires it (so the config,
the API and the clients behave the same):

* the conversation lives on the server, per session, in a State (``chatbot_state``); the public
  API endpoint (named after ``fn``, or ``api_name``) takes only the message and the additional
  inputs, returns the reply (streamed when ``fn`` is a generator) and appends both to that history;
* in the browser, submitting a message shows it at once, then streams the reply into the Chatbot;
  retry, undo, edit, options (suggested replies) and examples in the empty chatbot all work from
  the same history; the Stop button cancels a running reply;
* ``save_history=True`` keeps past conversations in the browser (a BrowserState) and lists them
  in a side column; ``cache_examples`` precomputes (or, ``"lazy"``, remembers) example replies.
"""

from __future__ import annotations

import asyncio
import collections
import csv
import datetime as dt
import functools
import inspect
import json
import os
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from trellis.blocks.blocks import Blocks
from trellis.blocks.events import Dependency, EditData, LikeData, SelectData, on
from trellis.blocks.examples import Examples
from trellis.blocks.updates import skip, update
from trellis.components import component as make_component
from trellis.components.base import Component
from trellis.components.browser_state import BrowserState
from trellis.components.buttons import Button
from trellis.components.chatbot import Chatbot, ChatMessage
from trellis.components.dataset import Dataset
from trellis.components.display import JSON
from trellis.components.layout import Accordion, Column, Group, Row
from trellis.components.multimodal_textbox import MultimodalTextbox
from trellis.components.state import State
from trellis.components.text import Markdown, Textbox
from trellis.exceptions import InvalidConfigError

Message = dict[str, Any]
#: The "New chat" button's icon, inline so that it needs no file route.
PLUS_ICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' "
    "stroke='white' stroke-width='2.5' stroke-linecap='round'%3E%3Cpath d='M12 5v14M5 12h14'/%3E%3C/svg%3E"
)


class ChatInterface(Blocks, register=False):
    """A chatbot UI and API around ``fn(message, history, *additional_inputs)``.

    ``fn`` returns or yields the reply: a string, a component, a ``{"role", "content"}`` dict, a
    :class:`ChatMessage`, or a list of these (several messages). With ``multimodal=True`` the
    message is ``{"text": str, "files": [path, …]}`` from a MultimodalTextbox. ``history`` is the
    conversation so far in the messages format (each content normalised to a list of parts).
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        *,
        multimodal: bool = False,
        chatbot: Chatbot | None = None,
        textbox: Textbox | MultimodalTextbox | None = None,
        additional_inputs: str | Component | Sequence[str | Component] | None = None,
        additional_inputs_accordion: str | Accordion | None = None,
        additional_outputs: Component | Sequence[Component] | None = None,
        editable: bool = False,
        examples: list[Any] | None = None,
        examples_label: str | None = "Examples",
        example_labels: list[str] | None = None,
        example_icons: list[str] | None = None,
        run_examples_on_click: bool = True,
        cache_examples: bool | Literal["lazy"] | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        title: str | None = None,
        description: str | None = None,
        flagging_mode: Literal["never", "manual"] | None = None,
        flagging_options: list[str] | tuple[str, ...] | None = ("Like", "Dislike"),
        flagging_dir: str = ".gradio/flagged",
        analytics_enabled: bool | None = None,
        autofocus: bool = True,
        autoscroll: bool = True,
        submit_btn: str | bool | None = True,
        stop_btn: str | bool | None = True,
        concurrency_limit: int | Literal["default"] | None = "default",
        delete_cache: tuple[int, int] | None = None,
        show_progress: Literal["full", "minimal", "hidden"] = "minimal",
        fill_height: bool = True,
        fill_width: bool = False,
        api_name: str | None = None,
        api_description: str | Literal[False] | None = None,
        api_visibility: Literal["public", "private", "undocumented"] = "public",
        save_history: bool = False,
        validator: Callable[..., Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            mode="chat_interface",
            title=title or "Trellis",
            fill_height=fill_height,
            fill_width=fill_width,
            delete_cache=delete_cache,
            analytics_enabled=analytics_enabled,
            **kwargs,
        )
        self.fn = fn.fn if isinstance(fn, ChatInterface) else fn
        self.is_async = inspect.iscoroutinefunction(self.fn) or inspect.isasyncgenfunction(self.fn)
        self.is_generator = inspect.isgeneratorfunction(self.fn) or inspect.isasyncgenfunction(self.fn)
        self.multimodal = multimodal
        self.api_name = api_name
        self.api_description = api_description
        self.api_visibility = api_visibility
        self.concurrency_limit = concurrency_limit
        self.validator = validator
        self.editable = editable
        self.autoscroll = autoscroll
        self.autofocus = autofocus
        self.show_progress = show_progress
        self.save_history = save_history
        self.title_text = title
        self.description = description
        self.examples = examples
        self.examples_label = examples_label
        self.run_examples_on_click = run_examples_on_click
        self.cache_examples = cache_examples
        self.cache_mode = cache_mode
        self.examples_handler: Examples | None = None
        additional = [] if additional_inputs is None else additional_inputs
        if isinstance(additional, (str, Component)):
            additional = [additional]
        self.additional_inputs = [make_component(c, render=False) for c in additional]
        outputs = [] if additional_outputs is None else additional_outputs
        self.additional_outputs = [outputs] if isinstance(outputs, Component) else list(outputs)
        self.accordion_params = _accordion_params(additional_inputs_accordion)
        self._additional_inputs_in_examples = _examples_use_additional_inputs(examples, self.additional_inputs)
        self.examples_messages = _example_messages(examples, example_labels, example_icons)
        if flagging_mode is None:
            flagging_mode = os.environ.get("GRADIO_CHAT_FLAGGING_MODE", "never")  # type: ignore[assignment]
        if flagging_mode not in ("never", "manual"):
            raise InvalidConfigError(f"ChatInterface flagging_mode must be 'never' or 'manual', got {flagging_mode!r}")
        self.flagging_mode = flagging_mode
        self.flagging_options = list(flagging_options) if flagging_options is not None else None
        self.flagging_dir = flagging_dir
        if textbox is not None:
            textbox.unrender()
        if chatbot is not None:
            chatbot.unrender()

        with self:
            self.saved_conversations = BrowserState([], storage_key=f"_saved_conversations_{self._id}")
            self.conversation_id = State(None)
            self.saved_input = State()  # the message being answered
            self.null_component = State()  # takes the outputs nobody needs
            with Column():
                self._render_header()
                if save_history:
                    with Row(scale=1):
                        self._render_history_area()
                        with Column(scale=6):
                            self._render_chatbot_area(chatbot, textbox, submit_btn, stop_btn)
                            self._render_footer()
                else:
                    self._render_chatbot_area(chatbot, textbox, submit_btn, stop_btn)
                    self._render_footer()
            self._setup_events()

    # -- layout -------------------------------------------------------------------------------------
    def _render_header(self) -> None:
        if self.title_text:
            Markdown(f"<h1 style='text-align: center; margin-bottom: 1rem'>{self.title_text}</h1>")
        if self.description:
            Markdown(self.description)

    def _render_history_area(self) -> None:
        with Column(scale=1, min_width=100):
            self.new_chat_button = Button("New chat", variant="primary", size="md", icon=PLUS_ICON)
            self.chat_history_dataset = Dataset(
                components=[Textbox(visible=False)],
                show_label=False,
                layout="table",
                type="index",
            )

    def _render_chatbot_area(
        self,
        chatbot: Chatbot | None,
        textbox: Textbox | MultimodalTextbox | None,
        submit_btn: str | bool | None,
        stop_btn: str | bool | None,
    ) -> None:
        in_chatbot = None if self._additional_inputs_in_examples else self.examples_messages
        if chatbot is not None:
            self.chatbot = chatbot
            chatbot.render()
            if self.examples_messages:
                chatbot.examples = in_chatbot
        else:
            self.chatbot = Chatbot(label="Chatbot", scale=1, autoscroll=self.autoscroll, examples=in_chatbot)
        with Group(), Row():
            if textbox is not None:
                if not isinstance(textbox, (Textbox, MultimodalTextbox)):
                    raise InvalidConfigError(f"textbox must be a gr.Textbox or gr.MultimodalTextbox, got {textbox!r}")
                textbox.show_label = False
                textbox.render()
                self.textbox: Textbox | MultimodalTextbox = textbox
            else:
                kind = MultimodalTextbox if self.multimodal else Textbox
                self.textbox = kind(
                    show_label=False,
                    label="",
                    placeholder="Type a message...",
                    scale=7,
                    autofocus=self.autofocus,
                    submit_btn=submit_btn,
                    stop_btn=stop_btn,
                )
        # The stop button shows only while a reply is generated (set by the events below).
        self.original_stop_btn = self.textbox.stop_btn
        self.original_submit_btn = self.textbox.submit_btn
        self.textbox.stop_btn = False
        self.fake_api_btn = Button("Fake API", visible=False)
        self.api_response = JSON(label="Response", visible=False)
        initial = self.chatbot.initial_value if isinstance(self.chatbot.initial_value, list) else []
        # The conversation as the server knows it (the UI may already show a message not yet answered).
        self.chatbot_state = State(list(initial))
        # Lets other events of a surrounding Blocks replace the conversation.
        self.chatbot_value = State(list(initial))

    def _render_footer(self) -> None:
        if self.examples:
            self.examples_handler = Examples(
                examples=self.examples,
                inputs=[self.textbox, *self.additional_inputs],
                outputs=self.chatbot,
                fn=self._examples_stream_fn if self.is_generator else self._examples_fn,
                cache_examples=self.cache_examples,
                cache_mode=self.cache_mode,
                label=self.examples_label,
                visible=self._additional_inputs_in_examples,
                preprocess=self._additional_inputs_in_examples,
            )
        unrendered = [c for c in self.additional_inputs if not c.is_rendered]
        if unrendered:
            with Accordion(**self.accordion_params):
                for component in unrendered:
                    component.render()

    # -- events ---------------------------------------------------------------------------------------
    def _setup_events(self) -> None:
        textbox_kind = type(self.textbox)
        submit_fn = self._wrap(self._stream_fn if self.is_generator else self._submit_fn, "_submit_fn")
        api_fn = self._wrap(self._stream_fn if self.is_generator else self._submit_fn, None)
        synchronize = {
            "fn": _both,
            "inputs": [self.chatbot],
            "outputs": [self.chatbot_state, self.chatbot_value],
            "api_visibility": "undocumented",
            "queue": False,
        }
        submit_kwargs = {
            "fn": submit_fn,
            "inputs": [self.saved_input, self.chatbot_state, *self.additional_inputs],
            "outputs": [self.null_component, self.chatbot, *self.additional_outputs],
            "api_visibility": "undocumented",
            "concurrency_limit": self.concurrency_limit,
            "show_progress": self.show_progress,
        }
        save_kwargs = {
            "fn": self._save_conversation,
            "inputs": [self.conversation_id, self.chatbot_state, self.saved_conversations],
            "outputs": [self.conversation_id, self.saved_conversations],
            "api_visibility": "undocumented",
            "queue": False,
        }

        user_submit = self.textbox.submit(
            self._clear_and_save_textbox,
            [self.textbox],
            [self.textbox, self.saved_input],
            api_visibility="undocumented",
            queue=bool(self.validator),
            validator=self.validator,
        )
        # Show the user's message at once, then run the function.
        submit_event = user_submit.then(
            self._append_message_to_history,
            [self.saved_input, self.chatbot],
            [self.chatbot],
            api_visibility="undocumented",
            queue=False,
        ).then(**submit_kwargs)
        submit_event.then(**synchronize).then(
            _enable_textbox, None, self.textbox, api_visibility="undocumented"
        ).then(**save_kwargs)

        # The API endpoint: message (+ additional inputs) in, reply out; history kept on the server.
        self.fake_api_btn.click(
            api_fn,
            [self.textbox, self.chatbot_state, *self.additional_inputs],
            [self.api_response, self.chatbot_state, *self.additional_outputs],
            api_name=self.api_name,
            api_description=self.api_description if self.api_description is not False else None,
            api_visibility=self.api_visibility,
            concurrency_limit=self.concurrency_limit,
            postprocess=False,
        )

        example_select_event: Dependency | None = None
        example_runs = False
        if self.examples and not self._additional_inputs_in_examples:
            if self.cache_examples or self.run_examples_on_click:
                example_runs = True
                example_select_event = self.chatbot.example_select(
                    self.example_clicked,
                    None,
                    [self.chatbot, self.saved_input],
                    api_visibility="undocumented",
                )
                if not self.cache_examples:
                    example_select_event = example_select_event.then(
                        self._generating_buttons, None, [self.textbox], api_visibility="undocumented", queue=False
                    ).then(**submit_kwargs)
                example_select_event.then(**synchronize)
            else:
                self.chatbot.example_select(
                    self.example_populated, None, [self.textbox], api_visibility="undocumented"
                )

        retry_event = (
            self.chatbot.retry(
                self._pop_last_user_message,
                [self.chatbot_state],
                [self.chatbot_state, self.saved_input],
                api_visibility="undocumented",
                queue=False,
            )
            .then(
                self._append_message_to_history,
                [self.saved_input, self.chatbot_state],
                [self.chatbot],
                api_visibility="undocumented",
                queue=False,
            )
            .then(_disable_textbox, outputs=[self.textbox], api_visibility="undocumented")
            .then(**submit_kwargs)
        )
        retry_event.then(**synchronize).then(
            _enable_textbox_only, outputs=[self.textbox], api_visibility="undocumented"
        ).then(**save_kwargs)

        to_cancel = [submit_event, retry_event]
        if example_select_event is not None and example_runs:
            to_cancel.append(example_select_event)
        self._setup_stop_events([self.chatbot.retry], to_cancel, user_submit, textbox_kind)

        self.chatbot.undo(
            self._pop_last_user_message,
            [self.chatbot],
            [self.chatbot, self.textbox],
            api_visibility="undocumented",
            queue=False,
        ).then(**synchronize).then(**save_kwargs)

        self.chatbot.option_select(
            self.option_clicked,
            [self.chatbot],
            [self.chatbot, self.saved_input],
            api_visibility="undocumented",
        ).then(**submit_kwargs).then(**synchronize).then(**save_kwargs)

        self.chatbot.clear(**synchronize).then(
            self._delete_conversation,
            [self.conversation_id, self.saved_conversations],
            [self.conversation_id, self.saved_conversations],
            api_visibility="undocumented",
            queue=False,
        )

        if self.editable:
            self.chatbot.edit(
                self._edit_message,
                [self.chatbot],
                [self.chatbot, self.chatbot_state, self.saved_input],
                api_visibility="undocumented",
            ).then(
                self._append_message_to_history,
                [self.saved_input, self.chatbot_state],
                [self.chatbot],
                api_visibility="undocumented",
                queue=False,
            ).success(_disable_textbox_only, outputs=[self.textbox], api_visibility="undocumented").success(
                **submit_kwargs
            ).success(**synchronize).then(
                _enable_textbox_only, outputs=[self.textbox], api_visibility="undocumented"
            ).then(**save_kwargs)

        if self.save_history:
            self.new_chat_button.click(
                _new_chat,
                None,
                [self.conversation_id, self.chatbot],
                api_visibility="undocumented",
                queue=False,
            ).then(_same, [self.chatbot], [self.chatbot_state], api_visibility="undocumented", queue=False).then(
                _no_current_conversation, None, [self.chat_history_dataset], api_visibility="undocumented", queue=False
            )
            on(
                triggers=[self.load, self.saved_conversations.change],
                fn=self._load_chat_history,
                inputs=[self.saved_conversations, self.conversation_id],
                outputs=[self.chat_history_dataset],
                api_visibility="undocumented",
                queue=False,
            )
            self.chat_history_dataset.click(
                _empty_history,
                None,
                [self.chatbot],
                api_visibility="undocumented",
                queue=False,
                show_progress="hidden",
            ).then(
                self._load_conversation,
                [self.chat_history_dataset, self.saved_conversations],
                [self.conversation_id, self.chatbot],
                api_visibility="undocumented",
                queue=False,
                show_progress="hidden",
            ).then(**synchronize)

        if self.flagging_mode != "never":
            logger = ChatCSVLogger(self.flagging_dir)
            self.chatbot.feedback_options = self.flagging_options
            self.chatbot.like(logger.flag, self.chatbot)

        self.chatbot_value.change(
            _same, [self.chatbot_value], [self.chatbot], api_visibility="undocumented"
        ).then(**synchronize)

    def _setup_stop_events(
        self,
        triggers: list[Any],
        to_cancel: list[Dependency],
        after_success: Dependency,
        kind: type[Textbox] | type[MultimodalTextbox],
    ) -> None:
        generating = self._generating_buttons
        original_submit = self.original_submit_btn

        def idle_buttons() -> Component:
            return kind(submit_btn=original_submit, stop_btn=False)

        after_success.success(generating, None, [self.textbox], api_visibility="undocumented", queue=False)
        for trigger in triggers:
            trigger(generating, None, [self.textbox], api_visibility="undocumented", queue=False)
        for event in to_cancel:
            event.then(idle_buttons, None, [self.textbox], api_visibility="undocumented", queue=False)
        self.textbox.stop(None, None, None, cancels=to_cancel, api_visibility="undocumented")

    def _generating_buttons(self) -> Component:
        """The textbox while a reply is generated: no submit button, the stop button if any."""
        return type(self.textbox)(submit_btn=False, stop_btn=self.original_stop_btn)

    # -- the function, as the events call it -------------------------------------------------------------
    def _wrap(self, inner: Callable[..., Any], name: str | None) -> Callable[..., Any]:
        """A function with ``fn``'s signature (so gr.Request etc. are filled in and the API shows its
        parameters) that calls ``inner``; named ``name`` or after ``fn``."""
        fn = self.fn
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
            wrapped.__wrapped__ = fn  # type: ignore[attr-defined]
        if name is not None:
            wrapped.__name__ = name
        elif not isinstance(getattr(fn, "__name__", None), str):
            wrapped.__name__ = type(fn).__name__
        return wrapped

    @property
    def _submit_fn(self) -> Callable[..., Any]:
        if self.is_async:
            return self._submit_async
        return self._submit_sync

    @property
    def _stream_fn(self) -> Callable[..., Any]:
        if self.is_async:
            return self._stream_async
        return self._stream_sync

    def _submit_sync(self, message: Any, history: list[Message] | None, *args: Any) -> tuple[Any, ...]:
        response = self.fn(message, list(history or []), *args)
        return self._submit_result(message, history, response)

    async def _submit_async(self, message: Any, history: list[Message] | None, *args: Any) -> tuple[Any, ...]:
        response = await self.fn(message, list(history or []), *args)
        return self._submit_result(message, history, response)

    def _submit_result(self, message: Any, history: list[Message] | None, response: Any) -> tuple[Any, ...]:
        response, extra = self._split_outputs(response)
        history = self._append_message_to_history(message, history or [], "user")
        history = self._append_message_to_history(response, history, "assistant")
        return (_jsonable_reply(response), history, *extra)

    def _stream_sync(self, message: Any, history: list[Message] | None, *args: Any) -> Iterator[tuple[Any, ...]]:
        base = self._append_message_to_history(message, history or [], "user")
        produced = False
        for response in self.fn(message, list(history or []), *args):
            produced = True
            yield self._stream_item(base, response)
        if not produced:
            yield (None, base, *[skip() for _ in self.additional_outputs])

    async def _stream_async(
        self, message: Any, history: list[Message] | None, *args: Any
    ) -> AsyncIterator[tuple[Any, ...]]:
        base = self._append_message_to_history(message, history or [], "user")
        produced = False
        async for response in self.fn(message, list(history or []), *args):
            produced = True
            yield self._stream_item(base, response)
        if not produced:
            yield (None, base, *[skip() for _ in self.additional_outputs])

    def _stream_item(self, base: list[Message], response: Any) -> tuple[Any, ...]:
        response, extra = self._split_outputs(response)
        history = self._append_message_to_history(response, base, "assistant")
        return (_jsonable_reply(response), history, *extra)

    def _split_outputs(self, response: Any) -> tuple[Any, list[Any]]:
        if not self.additional_outputs:
            return response, []
        if not isinstance(response, (tuple, list)) or len(response) != 1 + len(self.additional_outputs):
            raise InvalidConfigError(
                f"With {len(self.additional_outputs)} additional_outputs, the chat function must return "
                f"(reply, {', '.join('output' for _ in self.additional_outputs)})."
            )
        return response[0], list(response[1:])

    # -- history helpers --------------------------------------------------------------------------------
    def _clear_and_save_textbox(self, message: Any) -> tuple[Component, Any]:
        return type(self.textbox)("", interactive=False, placeholder=""), message

    def _append_message_to_history(
        self, message: Any, history: list[Message] | None, role: Literal["user", "assistant"] = "user"
    ) -> list[Message]:
        messages = self._message_as_dicts(message, role)
        return [*(history or []), *messages]

    def _message_as_dicts(self, message: Any, role: Literal["user", "assistant"]) -> list[Message]:
        items = message if isinstance(message, list) else [message]
        out: list[Message] = []
        for item in items:
            if item is None:
                continue
            if isinstance(item, ChatMessage):
                item.role = role
                out.append({"role": role, "content": item.content, "metadata": item.metadata, "options": item.options})
            elif isinstance(item, (str, Component)):
                out.append({"role": role, "content": item})
            elif isinstance(item, dict) and "content" in item:
                out.append({**item, "role": role})
            elif isinstance(item, dict):  # a multimodal message: {"text", "files"}
                content: list[Any] = []
                for file in item.get("files") or []:
                    content.append({"path": file.get("path") if isinstance(file, dict) else os.fspath(file)})
                if item.get("text"):
                    content.append(item["text"])
                out.append({"role": role, "content": content})
            else:
                out.append({"role": role, "content": item})
        return out

    def _pop_last_user_message(self, history: list[Message] | None) -> tuple[list[Message], Any]:
        """Drop the last user message (and the replies after it); return what the user had sent."""
        history = list(history or [])
        if not history:
            return history, {"text": "", "files": []} if self.multimodal else ""
        i = len(history) - 1
        while i >= 0 and history[i]["role"] == "assistant":
            i -= 1
        while i >= 0 and history[i]["role"] == "user":
            i -= 1
        text, files = "", []
        for message in history[i + 1 :]:
            if message["role"] != "user":
                continue
            for part in _parts(message):
                if part.get("type") == "file":
                    files.append(part["file"])
                elif part.get("type") == "text":
                    text += part["text"]
        return history[: i + 1], ({"text": text, "files": files} if self.multimodal else text)

    def option_clicked(self, history: list[Message], option: SelectData) -> tuple[list[Message], Any]:
        history = [*history, {"role": "user", "content": option.value}]
        return history, option.value

    def _edit_message(self, history: list[Message], edit_data: EditData) -> tuple[list[Message], list[Message], Any]:
        index = edit_data.index[0] if isinstance(edit_data.index, (list, tuple)) else edit_data.index
        history = history[:index]
        return history, history, edit_data.value

    def _flatten_example_files(self, example: SelectData) -> dict[str, Any]:
        value = dict(example.value or {})
        value["files"] = [f["path"] if isinstance(f, dict) else f for f in value.get("files") or []]
        return value

    def example_populated(self, example: SelectData) -> Any:
        value = self._flatten_example_files(example)
        return value if self.multimodal else value.get("text", "")

    def example_clicked(self, example: SelectData) -> Iterator[tuple[list[Message], Any]]:
        """Show the example as the user's message; with cached examples, also its cached reply."""
        value = self._flatten_example_files(example)
        message = value if self.multimodal else value.get("text", "")
        yield self._append_message_to_history(message, [], "user"), message
        if self.cache_examples and self.examples_handler is not None:
            index = int(example.index) if not isinstance(example.index, (list, tuple)) else int(example.index[0])
            cached = self.examples_handler.cached.get(index)
            outputs = cached if cached is not None else self.examples_handler.compute(index)
            history = outputs[0].get("value") if outputs and isinstance(outputs[0], dict) else None
            yield (history if history is not None else []), message

    # -- examples ---------------------------------------------------------------------------------------
    def _example_pair(self, message: Any, response: Any) -> list[Message]:
        if self.multimodal and isinstance(message, dict):
            result: list[Message] = []
            for file in message.get("files") or []:
                path = file.get("path") if isinstance(file, dict) else file
                result.append({"role": "user", "content": {"path": os.fspath(path)}})
            if message.get("text"):
                result.append({"role": "user", "content": message["text"]})
            result.extend(self._message_as_dicts(response, "assistant"))
            return result
        return [{"role": "user", "content": message}, *self._message_as_dicts(response, "assistant")]

    def _examples_fn(self, message: Any, *args: Any) -> list[Message]:
        return self._example_pair(message, _run(self.fn, message, [], *args))

    def _examples_stream_fn(self, message: Any, *args: Any) -> Iterator[list[Message]]:
        result = self.fn(message, [], *args)
        if inspect.isasyncgen(result):
            for response in _iterate_async(result):
                yield self._example_pair(message, response)
            return
        for response in result:
            yield self._example_pair(message, response)

    # -- saved conversations (save_history) ----------------------------------------------------------------
    def _save_conversation(
        self, index: int | None, conversation: list[Message], saved: list[list[Message]] | None
    ) -> tuple[int | None, list[list[Message]]]:
        saved = list(saved or [])
        if not self.save_history:
            return index, saved
        serialised = _serialise(conversation)
        if index is not None and 0 <= index < len(saved):
            saved[index] = serialised
        else:
            saved.insert(0, serialised)
            index = 0
        return index, saved

    def _delete_conversation(
        self, index: int | None, saved: list[list[Message]] | None
    ) -> tuple[None, list[list[Message]]]:
        saved = list(saved or [])
        if index is not None and 0 <= index < len(saved):
            saved.pop(index)
        return None, saved

    def _load_chat_history(
        self, conversations: list[list[Message]] | None, current: int | None = None
    ) -> dict[str, Any]:
        """The history list: one title per non-empty conversation, the open one marked current."""
        shown = _listed(conversations)
        titles = [[chat_title(conversations[i])] for i in shown]  # type: ignore[index]
        return update(samples=titles, value=shown.index(current) if current in shown else None)

    def _load_conversation(self, row: int, conversations: list[list[Message]]) -> tuple[int, Chatbot]:
        shown = _listed(conversations)
        index = shown[row] if 0 <= row < len(shown) else row  # the list leaves empty conversations out
        return index, Chatbot(value=conversations[index], render=False)


class ChatCSVLogger:
    """Appends liked/disliked messages (with the conversation) to ``<flagging_dir>/log.csv``."""

    def __init__(self, flagging_dir: str) -> None:
        self.flagging_dir = flagging_dir

    def flag(self, like_data: LikeData, messages: list[Message]) -> None:
        directory = Path(self.flagging_dir)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "log.csv"
        new = not path.exists()
        liked = like_data.liked
        feedback = "Like" if liked is True else "Dislike" if liked is False else str(liked)
        with open(path, "a", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            if new:
                writer.writerow(["conversation", "index", "flag", "timestamp"])
            writer.writerow(
                [json.dumps(_serialise(messages), default=str), like_data.index, feedback, str(dt.datetime.now())]
            )


# -- small functions the events use -------------------------------------------------------------------


def _both(value: Any) -> tuple[Any, Any]:
    return value, value


def _same(value: Any) -> Any:
    return value


def _new_chat() -> tuple[None, list[Any]]:
    return None, []


def _empty_history() -> list[Any]:
    return []


def _no_current_conversation() -> dict[str, Any]:
    return update(value=None)


def _listed(conversations: list[list[Message]] | None) -> list[int]:
    """Indices of the saved conversations the history list shows (the non-empty ones)."""
    return [i for i, conversation in enumerate(conversations or []) if conversation]


def _enable_textbox() -> dict[str, Any]:
    return update(value=None, interactive=True)


def _enable_textbox_only() -> dict[str, Any]:
    return update(interactive=True)


def _disable_textbox() -> dict[str, Any]:
    return update(interactive=False, placeholder="")


def _disable_textbox_only() -> dict[str, Any]:
    return update(interactive=False)


def _parts(message: Message) -> list[dict[str, Any]]:
    content = message.get("content")
    items = content if isinstance(content, list) else [content]
    parts = []
    for item in items:
        if isinstance(item, dict) and "type" in item:
            parts.append(item)
        elif isinstance(item, str):
            parts.append({"type": "text", "text": item})
        elif isinstance(item, dict) and isinstance(item.get("path"), str):
            parts.append({"type": "file", "file": item})
    return parts


def chat_title(conversation: list[Message]) -> str:
    """A title for a saved conversation: its first user text (40 characters), 📎 for files."""
    title = ""
    for message in conversation:
        if message.get("role") != "user":
            continue
        for part in _parts(message):
            if part.get("type") == "text":
                title += part["text"]
                return title[:40] + "..." if len(title) > 40 else title
            title += "📎 "
    return title or "Conversation"


def _serialise(conversation: Any) -> Any:
    """A conversation without component instances (their values instead), for the browser's storage."""
    if isinstance(conversation, list):
        return [_serialise(item) for item in conversation]
    if isinstance(conversation, dict):
        return {k: _serialise(v) for k, v in conversation.items() if k != "instance"}
    if isinstance(conversation, Component):
        return conversation.value
    return conversation


def _jsonable_reply(response: Any) -> Any:
    """The reply as the API endpoint returns it (its output is not postprocessed, as in Gradio):
    a component becomes its update dict, a ChatMessage its fields."""
    if isinstance(response, Component):
        update = {k: _jsonable_reply(v) for k, v in response.explicit_props().items()}
        if "value" in getattr(response, "_explicit", {}):
            update["value"] = _jsonable_reply(response.initial_value)
        return {**update, "__type__": "update"}
    if isinstance(response, ChatMessage):
        return {
            "content": _jsonable_reply(response.content),
            "role": response.role,
            "metadata": response.metadata,
            "options": response.options,
        }
    if isinstance(response, (list, tuple)):
        return [_jsonable_reply(item) for item in response]
    if isinstance(response, dict):
        return {k: _jsonable_reply(v) for k, v in response.items()}
    if isinstance(response, os.PathLike):
        return os.fspath(response)
    return response


def _run(fn: Callable[..., Any], *args: Any) -> Any:
    """Call ``fn`` to its final value: awaits a coroutine, drains a generator (its last item)."""
    result = fn(*args)
    if inspect.iscoroutine(result):
        return asyncio.run(result)
    if inspect.isasyncgen(result):
        result = _iterate_async(result)
    if inspect.isgenerator(result):
        tail = collections.deque(result, maxlen=1)
        return tail[0] if tail else None
    return result


def _iterate_async(agen: Any) -> Iterator[Any]:
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


def _accordion_params(accordion: str | Accordion | None) -> dict[str, Any]:
    if accordion is None:
        return {"label": "Additional Inputs", "open": False}
    if isinstance(accordion, str):
        return {"label": accordion}
    if isinstance(accordion, Accordion):
        explicit = getattr(accordion, "_explicit", {})
        return {k: v for k, v in explicit.items() if k not in ("render", "key")}
    raise InvalidConfigError(
        f"additional_inputs_accordion must be a string or gr.Accordion, not {type(accordion).__name__}"
    )


def _examples_use_additional_inputs(examples: list[Any] | None, additional: list[Component]) -> bool:
    if not additional or examples is None:
        return False
    for example in examples:
        if not isinstance(example, list):
            raise InvalidConfigError("With additional_inputs, each example must be a list: [message, *input values].")
        if any(value is not None for value in example[1:]):
            return True
    return False


def _example_messages(
    examples: list[Any] | None, labels: list[str] | None, icons: list[str] | None
) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    for index, example in enumerate(examples or []):
        if isinstance(example, list):
            example = example[0] if example else ""
        message: dict[str, Any] = {}
        if isinstance(example, str):
            message["text"] = example
        elif isinstance(example, dict):
            message["text"] = example.get("text", "")
            message["files"] = list(example.get("files") or [])
        if labels:
            message["display_text"] = labels[index]
        if icons:
            message["icon"] = icons[index]
        messages.append(message)
    return messages
