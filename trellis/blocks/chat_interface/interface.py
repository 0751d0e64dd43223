"""``ChatInterface``: the constructor, which checks the arguments, then builds the tree and the listeners."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, Literal

from trellis.blocks.blocks import Blocks
from trellis.blocks.chat_interface.examples import example_messages, examples_use_additional_inputs
from trellis.blocks.chat_interface.layout import accordion_params
from trellis.blocks.chat_interface.replies import ChatFunction
from trellis.blocks.chat_interface.wiring import ChatWiring
from trellis.blocks.flagging import DEFAULT_FLAGGING_DIR, is_flagging_mode
from trellis.components import component as make_component
from trellis.components.base import Component
from trellis.components.chatbot import Chatbot
from trellis.components.layout import Accordion
from trellis.components.multimodal_textbox import MultimodalTextbox
from trellis.components.text import Textbox
from trellis.exceptions import InvalidConfigError


class ChatInterface(ChatWiring, register=False):
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
        flagging_dir: str = DEFAULT_FLAGGING_DIR,
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
        # Blocks' own constructor, named: type checkers give the layers in between a declared-props one.
        Blocks.__init__(
            self,
            mode="chat_interface",
            title=title or "Trellis",
            fill_height=fill_height,
            fill_width=fill_width,
            delete_cache=delete_cache,
            analytics_enabled=analytics_enabled,
            **kwargs,
        )
        additional = [] if additional_inputs is None else additional_inputs
        if isinstance(additional, (str, Component)):
            additional = [additional]
        self.additional_inputs = [make_component(c, render=False) for c in additional]
        outputs = [] if additional_outputs is None else additional_outputs
        self.additional_outputs = [outputs] if isinstance(outputs, Component) else list(outputs)
        self.fn = fn.fn if isinstance(fn, ChatInterface) else fn
        self.function = ChatFunction(self.fn, len(self.additional_outputs), multimodal)
        self.is_async = self.function.is_async
        self.is_generator = self.function.is_generator
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
        self.examples_handler = None
        self.accordion_params = accordion_params(additional_inputs_accordion)
        self._additional_inputs_in_examples = examples_use_additional_inputs(examples, self.additional_inputs)
        self.examples_messages = example_messages(examples, example_labels, example_icons, multimodal)
        mode = os.environ.get("GRADIO_CHAT_FLAGGING_MODE", "never") if flagging_mode is None else flagging_mode
        if not is_flagging_mode(mode) or mode == "auto":
            raise InvalidConfigError(f"ChatInterface flagging_mode must be 'never' or 'manual', got {mode!r}")
        self.flagging_mode = mode
        self.flagging_options = list(flagging_options) if flagging_options is not None else None
        self.flagging_dir = flagging_dir
        if textbox is not None:
            textbox.unrender()
        if chatbot is not None:
            chatbot.unrender()

        with self:
            self._render(chatbot, textbox, submit_btn, stop_btn)
            self._setup_events()
