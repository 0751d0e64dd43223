"""Saved conversations (``save_history=True``): past chats kept in the browser and listed in a sidebar.

The conversations live in a BrowserState (a list of conversations, newest first); a State
holds the index of the one that is open. After every turn the open conversation is saved
(:func:`save_conversation`), clearing the chatbot deletes it, "New chat" starts another
one, and a click in the sidebar's list loads one back. The list shows a title for each
non-empty conversation (:func:`chat_title`).

The functions here are pure; :func:`wire_saved_conversations` attaches the sidebar's
listeners to the components ChatInterface built.
"""

from __future__ import annotations

from typing import Any

from trellis.blocks.chat_interface.history import Message, parts, serialise
from trellis.blocks.events import Dependency, on
from trellis.blocks.updates import update
from trellis.components.browser_state import BrowserState
from trellis.components.buttons import Button
from trellis.components.chatbot import Chatbot
from trellis.components.dataset import Dataset
from trellis.components.state import State

#: How many characters of the first user message a title shows.
TITLE_LENGTH = 40


def chat_title(conversation: list[Message]) -> str:
    """A title for a saved conversation: its first user text (40 characters), 📎 for files."""
    title = ""
    for message in conversation:
        if message.get("role") != "user":
            continue
        for part in parts(message):
            if part.get("type") == "text":
                title += str(part["text"])
                return title[:TITLE_LENGTH] + "..." if len(title) > TITLE_LENGTH else title
            title += "📎 "
    return title or "Conversation"


def save_conversation(
    index: int | None, conversation: list[Message], saved: list[list[Message]] | None
) -> tuple[int | None, list[list[Message]]]:
    """Store the open conversation: in its slot, or (a new one) first. Returns its index and the new list."""
    saved = list(saved or [])
    serialised = serialise(conversation)
    if index is not None and 0 <= index < len(saved):
        saved[index] = serialised
    else:
        saved.insert(0, serialised)
        index = 0
    return index, saved


def delete_conversation(index: int | None, saved: list[list[Message]] | None) -> tuple[None, list[list[Message]]]:
    """Remove the open conversation from the list; none is open afterwards."""
    saved = list(saved or [])
    if index is not None and 0 <= index < len(saved):
        saved.pop(index)
    return None, saved


def listed(conversations: list[list[Message]] | None) -> list[int]:
    """Indices of the saved conversations the sidebar lists (the non-empty ones)."""
    return [i for i, conversation in enumerate(conversations or []) if conversation]


def load_chat_history(conversations: list[list[Message]] | None, current: int | None = None) -> dict[str, Any]:
    """The sidebar's update: one title per listed conversation, the open one selected."""
    shown = listed(conversations)
    saved = conversations or []
    titles = [[chat_title(saved[i])] for i in shown]
    return update(samples=titles, value=shown.index(current) if current in shown else None)


def load_conversation(row: int, conversations: list[list[Message]]) -> tuple[int, Chatbot]:
    """A click on row ``row`` of the sidebar: that conversation's index, and a chatbot showing it."""
    shown = listed(conversations)
    index = shown[row] if 0 <= row < len(shown) else row  # the list leaves empty conversations out
    return index, Chatbot(value=conversations[index], render=False)


def wire_saved_conversations(
    *,
    load: Any,
    new_chat_button: Button,
    history_dataset: Dataset,
    saved_conversations: BrowserState,
    conversation_id: State,
    chatbot: Chatbot,
    chatbot_state: State,
    synchronize: dict[str, Any],
) -> None:
    """The sidebar's listeners: "New chat", listing the conversations, opening one.

    ``load`` is the app's load trigger; ``synchronize`` the listener keywords that copy the
    chatbot into the server's history.
    """
    hidden: dict[str, Any] = {"api_visibility": "undocumented", "queue": False}
    new_chat_button.click(_new_chat, None, [conversation_id, chatbot], **hidden).then(
        _same, [chatbot], [chatbot_state], **hidden
    ).then(_no_current_conversation, None, [history_dataset], **hidden)
    # always_last: the page's load runs this while the browser is still unsealing the stored
    # conversations; the change that follows must not be dropped, or the list stays empty.
    on(
        triggers=[load, saved_conversations.change],
        fn=load_chat_history,
        inputs=[saved_conversations, conversation_id],
        outputs=[history_dataset],
        trigger_mode="always_last",
        **hidden,
    )
    opened: Dependency = history_dataset.click(_empty_history, None, [chatbot], show_progress="hidden", **hidden)
    opened.then(
        load_conversation,
        [history_dataset, saved_conversations],
        [conversation_id, chatbot],
        show_progress="hidden",
        **hidden,
    ).then(**synchronize)


def _new_chat() -> tuple[None, list[Any]]:
    return None, []


def _same(value: Any) -> Any:
    return value


def _empty_history() -> list[Any]:
    return []


def _no_current_conversation() -> dict[str, Any]:
    return update(value=None)
