"""ChatInterface's listeners: the chains behind submit, retry, undo, edit, options, examples and stop.

Every chain that changes the conversation ends with *synchronize*: a direct (unqueued) step
that copies the chatbot's value into ``chatbot_state`` (the history ``fn`` is given) and
``chatbot_value`` (for other listeners), then with saving it (``save_history``)::

    submit:  clear textbox → show the message → fn (streamed) → synchronize → enable textbox → save
    retry:   drop the last turn (server copy) → show the message → disable textbox → fn → synchronize → …
    undo:    drop the last turn, put the message back in the textbox → synchronize → save
    edit:    cut the history at the edited message → show it → fn → synchronize → …
    option:  the option becomes the user's message → fn → synchronize → save
    stop:    cancels the running fn of submit, retry and a clicked example

A value that another listener writes to ``chatbot_value`` is shown in the chatbot (and
synchronized). ChatInterface's own writes are not: ``_synced_value`` holds what synchronize
last wrote, and the ``chatbot_value.change`` listener leaves the chatbot alone when the two
agree. Copying them back would be a queued round trip that can end after a newer step, such
as an Undo right after a Retry, and put back the conversation that step removed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from trellis.blocks.chat_interface.examples import clicked_example
from trellis.blocks.chat_interface.history import (
    Message,
    add_option,
    append_message,
    edit_message,
    pop_last_user_message,
    serialise,
)
from trellis.blocks.chat_interface.layout import ChatLayout
from trellis.blocks.chat_interface.saved import delete_conversation, save_conversation, wire_saved_conversations
from trellis.blocks.events import Dependency, LikeData, SelectData
from trellis.blocks.flagging import ChatCSVLogger
from trellis.blocks.updates import skip, update
from trellis.components.base import Component


class ChatWiring(ChatLayout, register=False):
    """The listeners of a ChatInterface, attached by :meth:`_setup_events` once the tree is built."""

    if TYPE_CHECKING:  # settings, assigned by ChatInterface (a class-level annotation would make a prop)
        additional_outputs: list[Component]
        editable: bool
        validator: Callable[..., Any] | None
        api_name: str | None
        api_description: str | Literal[False] | None
        api_visibility: Literal["public", "private", "undocumented"]
        concurrency_limit: int | Literal["default"] | None
        show_progress: Literal["full", "minimal", "hidden"]
        run_examples_on_click: bool
        flagging_mode: Literal["never", "manual"]
        flagging_options: list[str] | None
        flagging_dir: str

    def _setup_events(self) -> None:
        hidden: dict[str, Any] = {"api_visibility": "undocumented"}
        direct: dict[str, Any] = {**hidden, "queue": False}
        synchronize = {
            "fn": _endpoint_named("<lambda>", _synchronize),
            "inputs": [self.chatbot],
            "outputs": [self.chatbot_state, self.chatbot_value, self._synced_value],
            **direct,
        }
        submit_kwargs = {
            "fn": self.function.listener("_submit_fn"),
            "inputs": [self.saved_input, self.chatbot_state, *self.additional_inputs],
            "outputs": [self.null_component, self.chatbot, *self.additional_outputs],
            "concurrency_limit": self.concurrency_limit,
            "show_progress": self.show_progress,
            **hidden,
        }
        save_kwargs = {
            "fn": self._save_conversation,
            "inputs": [self.conversation_id, self.chatbot_state, self.saved_conversations],
            "outputs": [self.conversation_id, self.saved_conversations],
            **direct,
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
        submit_event = user_submit.then(_APPEND, [self.saved_input, self.chatbot], [self.chatbot], **direct)
        submit_event = submit_event.then(**submit_kwargs)
        submit_event.then(**synchronize).then(
            _endpoint_named("<lambda>", _enable_textbox), None, self.textbox, **hidden
        ).then(**save_kwargs)

        # The API endpoint: message (+ additional inputs) in, reply out; history kept on the server.
        self.fake_api_btn.click(
            self.function.listener(None),
            [self.textbox, self.chatbot_state, *self.additional_inputs],
            [self.api_response, self.chatbot_state, *self.additional_outputs],
            api_name=self.api_name,
            api_description=self.api_description if self.api_description is not False else None,
            api_visibility=self.api_visibility,
            concurrency_limit=self.concurrency_limit,
            postprocess=False,
        )

        example_event = self._setup_example_events(submit_kwargs, synchronize)

        retry_event = (
            self.chatbot.retry(
                self._pop_last_user_message, [self.chatbot_state], [self.chatbot_state, self.saved_input], **direct
            )
            .then(_APPEND, [self.saved_input, self.chatbot_state], [self.chatbot], **direct)
            .then(_endpoint_named("<lambda>", _disable_textbox), outputs=[self.textbox], **hidden)
            .then(**submit_kwargs)
        )
        retry_event.then(**synchronize).then(
            _endpoint_named("<lambda>", _enable_textbox_only), outputs=[self.textbox], **hidden
        ).then(**save_kwargs)

        to_cancel = [submit_event, retry_event] + ([example_event] if example_event is not None else [])
        self._setup_stop_events([self.chatbot.retry], to_cancel, user_submit)

        self.chatbot.undo(self._pop_last_user_message, [self.chatbot], [self.chatbot, self.textbox], **direct).then(
            **synchronize
        ).then(**save_kwargs)

        self.chatbot.option_select(
            self.option_clicked, [self.chatbot], [self.chatbot, self.saved_input], **hidden
        ).then(**submit_kwargs).then(**synchronize).then(**save_kwargs)

        self.chatbot.clear(**synchronize).then(
            _endpoint_named("_delete_conversation", delete_conversation),
            [self.conversation_id, self.saved_conversations],
            [self.conversation_id, self.saved_conversations],
            **direct,
        )

        if self.editable:
            self.chatbot.edit(
                edit_message, [self.chatbot], [self.chatbot, self.chatbot_state, self.saved_input], **hidden
            ).then(_APPEND, [self.saved_input, self.chatbot_state], [self.chatbot], **direct).success(
                _endpoint_named("<lambda>", _disable_textbox_only), outputs=[self.textbox], **hidden
            ).success(**submit_kwargs).success(**synchronize).then(
                _endpoint_named("<lambda>", _enable_textbox_only), outputs=[self.textbox], **hidden
            ).then(**save_kwargs)

        if self.save_history:
            wire_saved_conversations(
                load=self.load,
                new_chat_button=self.new_chat_button,
                history_dataset=self.chat_history_dataset,
                saved_conversations=self.saved_conversations,
                conversation_id=self.conversation_id,
                chatbot=self.chatbot,
                chatbot_state=self.chatbot_state,
                synchronize=synchronize,
            )

        if self.flagging_mode != "never":
            self.chatbot.feedback_options = self.flagging_options
            self.chatbot.like(_feedback_logger(ChatCSVLogger(self.flagging_dir)), self.chatbot)

        # A conversation another listener wrote to chatbot_value is shown, then synchronized. This
        # listener also runs after every turn (synchronize changes chatbot_value) and then shows
        # nothing: it shows no progress either, so that it never wipes the chatbot's loading state,
        # such as the "Error" cover a failed reply leaves on the conversation (as on Gradio's page).
        self.chatbot_value.change(
            _endpoint_named("<lambda>", _show_outside_value),
            [self.chatbot_value, self._synced_value],
            [self.chatbot],
            show_progress_on=[],
            **hidden,
        ).then(
            _endpoint_named("<lambda>", _synchronize_outside_value),
            [self.chatbot, self.chatbot_value, self._synced_value],
            synchronize["outputs"],
            **direct,
        )

    def _setup_example_events(self, submit_kwargs: dict[str, Any], synchronize: dict[str, Any]) -> Dependency | None:
        """Clicks on the examples inside the chatbot; returns the listener that runs ``fn``, if any."""
        if not self.examples or self._additional_inputs_in_examples:
            return None
        if not (self.cache_examples or self.run_examples_on_click):
            self.chatbot.example_select(self.example_populated, None, [self.textbox], api_visibility="undocumented")
            return None
        event: Dependency = self.chatbot.example_select(
            self.example_clicked, None, [self.chatbot, self.saved_input], api_visibility="undocumented"
        )
        if not self.cache_examples:
            event = event.then(
                self._generating_buttons, None, [self.textbox], api_visibility="undocumented", queue=False
            ).then(**submit_kwargs)
        event.then(**synchronize)
        return event

    def _setup_stop_events(self, triggers: list[Any], to_cancel: list[Dependency], after_success: Dependency) -> None:
        """The textbox shows its stop button while a reply is generated; the stop button cancels ``to_cancel``."""
        generating = _endpoint_named("<lambda>", self._generating_buttons)
        kind = type(self.textbox)
        original_submit = self.original_submit_btn

        def idle_buttons() -> Component:
            return kind(submit_btn=original_submit, stop_btn=False)

        idle_buttons.__name__ = "<lambda>"  # as Gradio names this step's endpoint

        after_success.success(generating, None, [self.textbox], api_visibility="undocumented", queue=False)
        for trigger in triggers:
            trigger(generating, None, [self.textbox], api_visibility="undocumented", queue=False)
        for event in to_cancel:
            event.then(idle_buttons, None, [self.textbox], api_visibility="undocumented", queue=False)
        self.textbox.stop(None, None, None, cancels=to_cancel, api_visibility="undocumented")

    def _generating_buttons(self) -> Component:
        """The textbox while a reply is generated: no submit button, the stop button if any."""
        return type(self.textbox)(submit_btn=False, stop_btn=self.original_stop_btn)

    # -- listener functions that need the interface's settings ---------------------------------------
    def _clear_and_save_textbox(self, message: Any) -> tuple[Component, Any]:
        return type(self.textbox)("", interactive=False, placeholder=""), message

    def _pop_last_user_message(self, history: list[Message] | None) -> tuple[list[Message], Any]:
        return pop_last_user_message(history, self.multimodal)

    def _save_conversation(
        self, index: int | None, conversation: list[Message], saved: list[list[Message]] | None
    ) -> tuple[int | None, list[list[Message]]]:
        if not self.save_history:
            return index, list(saved or [])
        return save_conversation(index, conversation, saved)

    def option_clicked(self, history: list[Message], option: SelectData) -> tuple[list[Message], Any]:
        """A click on one of a reply's options: it becomes the user's next message."""
        return add_option(history, option.value)

    def example_populated(self, example: SelectData) -> Any:
        """A click on an example when examples don't run: the message goes in the textbox."""
        return clicked_example(example.value, self.multimodal)

    def example_clicked(self, example: SelectData) -> Iterator[tuple[list[Message], Any]]:
        """Show the example as the user's message; with cached examples, also its cached reply."""
        message = clicked_example(example.value, self.multimodal)
        yield append_message(message, [], "user"), message
        if self.cache_examples and self.examples_handler is not None:
            index = int(example.index[0]) if isinstance(example.index, (list, tuple)) else int(example.index)
            cached = self.examples_handler.cached.get(index)
            outputs = cached if cached is not None else self.examples_handler.compute(index)
            history = outputs[0] if outputs else None
            yield (history if history is not None else []), message


def _endpoint_named(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` under the name Gradio's ChatInterface gives this step.

    Its (undocumented) endpoint then gets Gradio's API name (``lambda``, ``lambda_1``,
    ``_append_message_to_history``...); the signature is ``fn``'s.
    """

    @functools.wraps(fn)
    def step(*args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    step.__name__ = name
    return step


def _synchronize(value: Any) -> tuple[Any, Any, Any]:
    """The chatbot's value for chatbot_state, chatbot_value and _synced_value."""
    return value, value, value


def _came_from_outside(value: Any, synced: Any) -> bool:
    return value is not synced and value != synced


def _show_outside_value(value: Any, synced: Any) -> Any:
    return value if _came_from_outside(value, synced) else skip()


def _synchronize_outside_value(shown: Any, value: Any, synced: Any) -> Sequence[Any]:
    return _synchronize(shown) if _came_from_outside(value, synced) else (skip(), skip(), skip())


def _feedback_logger(logger: ChatCSVLogger) -> Callable[..., None]:
    def flag(like_data: LikeData, messages: list[Message]) -> None:
        logger.flag_feedback(like_data, serialise(messages))

    return flag


def _enable_textbox() -> dict[str, Any]:
    return update(value=None, interactive=True)


def _enable_textbox_only() -> dict[str, Any]:
    return update(interactive=True)


def _disable_textbox() -> dict[str, Any]:
    return update(interactive=False, placeholder="")


def _disable_textbox_only() -> dict[str, Any]:
    return update(interactive=False)


_APPEND = _endpoint_named("_append_message_to_history", append_message)
