"""ChatInterface's Blocks tree: the components, where they go, and the States behind them.

::

    Column
    ├── title, description (Markdown)
    └── (save_history: Row ─ sidebar Column [New chat, conversation list] ─ Column(scale=6) …)
        ├── Chatbot (examples inside it, unless they fill additional inputs)
        ├── Group ─ Row ─ Textbox or MultimodalTextbox (with its submit and stop buttons)
        ├── hidden "Fake API" Button and JSON (the public endpoint's trigger and output)
        └── Examples table (when examples fill additional inputs), Accordion of additional inputs

The conversation exists three times: on screen (``chatbot``), on the server for the
function (``chatbot_state``), and in ``chatbot_value``, which other listeners of a
surrounding Blocks may read or write. ``_synced_value`` remembers what ChatInterface itself
last wrote to ``chatbot_value``, so that only a write from outside is copied back to the
screen (see wiring.py).

:class:`ChatLayout` builds this tree; ChatInterface sets its settings first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from trellis.blocks.blocks import Blocks
from trellis.blocks.chat_interface.replies import ChatFunction
from trellis.blocks.examples import Examples
from trellis.components.base import Component
from trellis.components.browser_state import BrowserState
from trellis.components.buttons import Button
from trellis.components.chatbot import Chatbot, ExampleMessage
from trellis.components.dataset import Dataset
from trellis.components.display import JSON
from trellis.components.layout import Accordion, Column, Group, Row
from trellis.components.multimodal_textbox import MultimodalTextbox
from trellis.components.state import State
from trellis.components.text import Markdown, Textbox
from trellis.exceptions import InvalidConfigError

#: The "New chat" button's icon, inline so that it needs no file route.
PLUS_ICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' "
    "stroke='white' stroke-width='2.5' stroke-linecap='round'%3E%3Cpath d='M12 5v14M5 12h14'/%3E%3C/svg%3E"
)


class ChatLayout(Blocks, register=False):
    """The components of a ChatInterface, built by :meth:`_render` from the settings ChatInterface sets."""

    if TYPE_CHECKING:  # assigned by ChatInterface and _render; a class-level annotation would make a prop
        # Settings.
        function: ChatFunction
        multimodal: bool
        title_text: str | None
        description: str | None
        autofocus: bool
        autoscroll: bool
        save_history: bool
        examples: list[Any] | None
        examples_label: str | None
        examples_messages: list[ExampleMessage]
        cache_examples: bool | Literal["lazy"] | None
        cache_mode: Literal["eager", "lazy"] | None
        additional_inputs: list[Component]
        _additional_inputs_in_examples: bool
        accordion_params: dict[str, Any]
        # Components.
        chatbot: Chatbot
        textbox: Textbox | MultimodalTextbox
        saved_conversations: BrowserState
        """Past conversations, kept in the browser (``save_history``)."""
        conversation_id: State
        """The index of the open conversation in ``saved_conversations``, or None for a new one."""
        saved_input: State
        """The message being answered."""
        null_component: State
        """Takes the outputs nobody needs."""
        chatbot_state: State
        """The conversation as the server knows it (the chatbot may already show a message not yet answered)."""
        chatbot_value: State
        """The conversation for other listeners: they may read it, and a value they write is shown."""
        _synced_value: State
        """What ChatInterface itself last wrote to ``chatbot_value``."""
        new_chat_button: Button
        chat_history_dataset: Dataset
        fake_api_btn: Button
        api_response: JSON
        examples_handler: Examples | None
        original_submit_btn: str | bool | None
        original_stop_btn: str | bool | None

    def _render(
        self,
        chatbot: Chatbot | None,
        textbox: Textbox | MultimodalTextbox | None,
        submit_btn: str | bool | None,
        stop_btn: str | bool | None,
    ) -> None:
        """Build the tree inside this Blocks (call within ``with self:``)."""
        self.saved_conversations = BrowserState([], storage_key=f"_saved_conversations_{self._id}")
        self.conversation_id = State(None)
        self.saved_input = State()
        self.null_component = State()
        with Column():
            if self.title_text:
                Markdown(f"<h1 style='text-align: center; margin-bottom: 1rem'>{self.title_text}</h1>")
            if self.description:
                Markdown(self.description)
            with self._beside_history_sidebar():
                self._render_chatbot(chatbot)
                self._render_textbox(textbox, submit_btn, stop_btn)
                self.fake_api_btn = Button("Fake API", visible=False)
                self.api_response = JSON(label="Response", visible=False)
                initial = self.chatbot.initial_value if isinstance(self.chatbot.initial_value, list) else []
                self.chatbot_state = State(list(initial))
                self.chatbot_value = State(list(initial))
                self._synced_value = State(list(initial))
                self._render_footer()

    @contextlib.contextmanager
    def _beside_history_sidebar(self) -> Iterator[None]:
        """With ``save_history``: a Row of the sidebar ("New chat" and the list) and a Column for the chat."""
        if not self.save_history:
            yield
            return
        with Row(scale=1):
            with Column(scale=1, min_width=100):
                self.new_chat_button = Button("New chat", variant="primary", size="md", icon=PLUS_ICON)
                self.chat_history_dataset = Dataset(
                    components=[Textbox(visible=False)],
                    show_label=False,
                    layout="table",
                    type="index",
                )
            with Column(scale=6):
                yield

    def _render_chatbot(self, chatbot: Chatbot | None) -> None:
        in_chatbot = None if self._additional_inputs_in_examples else self.examples_messages
        if chatbot is not None:
            self.chatbot = chatbot
            chatbot.render()
            if self.examples_messages:
                chatbot.examples = in_chatbot
        else:
            self.chatbot = Chatbot(label="Chatbot", scale=1, autoscroll=self.autoscroll, examples=in_chatbot)

    def _render_textbox(
        self, textbox: Textbox | MultimodalTextbox | None, submit_btn: str | bool | None, stop_btn: str | bool | None
    ) -> None:
        with Group(), Row():
            if textbox is not None:
                if not isinstance(textbox, (Textbox, MultimodalTextbox)):
                    raise InvalidConfigError(f"textbox must be a gr.Textbox or gr.MultimodalTextbox, got {textbox!r}")
                textbox.show_label = False
                textbox.render()
                self.textbox = textbox
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
        # The stop button shows only while a reply is generated (set by the listeners).
        self.original_stop_btn = self.textbox.stop_btn
        self.original_submit_btn = self.textbox.submit_btn
        self.textbox.stop_btn = False

    def _render_footer(self) -> None:
        if self.examples:
            function = self.function
            self.examples_handler = Examples(
                examples=self.examples,
                inputs=[self.textbox, *self.additional_inputs],
                outputs=self.chatbot,
                fn=function.examples_stream_fn if function.is_generator else function.examples_fn,
                cache_examples=self.cache_examples,
                cache_mode=self.cache_mode,
                label=self.examples_label,
                visible=self._additional_inputs_in_examples,
                preprocess=self._additional_inputs_in_examples,
                preload=False,  # the chatbot shows the examples until one is clicked
            )
        unrendered = [c for c in self.additional_inputs if not c.is_rendered]
        if unrendered:
            with Accordion(**self.accordion_params):
                for component in unrendered:
                    component.render()


def accordion_params(accordion: str | Accordion | None) -> dict[str, Any]:
    """The keywords of the Accordion that holds the additional inputs."""
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
