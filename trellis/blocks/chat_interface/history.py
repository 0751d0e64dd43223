"""Pure functions on a conversation: a list of ``{"role", "content", …}`` message dicts.

Nothing here touches a component, a session or the app being defined: each function takes
a history (and a message) and returns new values, leaving its arguments as they were.

* :func:`message_as_dicts` turns what ``fn`` returns (or what the user sent) into history
  entries; :func:`append_message` adds them to a history;
* :func:`pop_last_user_message` is Retry and Undo: the history without the last turn, and
  the message to send again (or to put back in the textbox);
* :func:`edit_message` is Edit: the history before the edited message, and its new text;
  :func:`add_option` is a click on one of a reply's options;
* :func:`parts` reads a message's content as typed parts, :func:`serialise` makes a
  conversation storable (component instances become their values).
"""

from __future__ import annotations

import os
from typing import Any, Literal

from trellis.blocks.events import EditData
from trellis.components.base import Component
from trellis.components.chatbot import ChatMessage

Message = dict[str, Any]
Role = Literal["user", "assistant"]


def message_as_dicts(message: Any, role: Role) -> list[Message]:
    """History entries for ``message``, one per item (``None`` is left out).

    ``message`` is a string, a component, a message dict, a :class:`ChatMessage`, a multimodal
    ``{"text", "files"}`` dict, or a list of these.
    """
    items = message if isinstance(message, list) else [message]
    out: list[Message] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, ChatMessage):
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


def append_message(message: Any, history: list[Message] | None, role: Role = "user") -> list[Message]:
    """A new history: ``history`` followed by ``message`` as entries of ``role``."""
    return [*(history or []), *message_as_dicts(message, role)]


def parts(message: Message) -> list[dict[str, Any]]:
    """The message's content as typed parts (``{"type": "text"}`` / ``{"type": "file"}`` dicts)."""
    content = message.get("content")
    items = content if isinstance(content, list) else [content]
    found = []
    for item in items:
        if isinstance(item, dict) and "type" in item:
            found.append(item)
        elif isinstance(item, str):
            found.append({"type": "text", "text": item})
        elif isinstance(item, dict) and isinstance(item.get("path"), str):
            found.append({"type": "file", "file": item})
    return found


def pop_last_user_message(history: list[Message] | None, multimodal: bool) -> tuple[list[Message], Any]:
    """Drop the last user message (with the replies after it, and the user messages right before it).

    Returns the shorter history and what the user had sent: its text, or with ``multimodal``
    a ``{"text", "files"}`` dict.
    """
    history = list(history or [])
    i = len(history) - 1
    while i >= 0 and history[i]["role"] == "assistant":
        i -= 1
    while i >= 0 and history[i]["role"] == "user":
        i -= 1
    text, files = "", []
    for message in history[i + 1 :]:
        if message["role"] != "user":
            continue
        for part in parts(message):
            if part.get("type") == "file":
                files.append(part["file"])
            elif part.get("type") == "text":
                text += part["text"]
    return history[: i + 1], ({"text": text, "files": files} if multimodal else text)


def edit_message(history: list[Message], edit_data: EditData) -> tuple[list[Message], list[Message], Any]:
    """The history before the edited message (for the chatbot and for the server's copy), and the new text."""
    index = edit_data.index[0] if isinstance(edit_data.index, (list, tuple)) else edit_data.index
    kept = history[:index]
    return kept, kept, edit_data.value


def add_option(history: list[Message], value: Any) -> tuple[list[Message], Any]:
    """A click on a reply's option: the option becomes the user's next message (and the one to answer)."""
    return [*history, {"role": "user", "content": value}], value


def serialise(conversation: Any) -> Any:
    """A conversation without component instances (their values instead), for storage or a CSV file."""
    if isinstance(conversation, list):
        return [serialise(item) for item in conversation]
    if isinstance(conversation, dict):
        return {k: serialise(v) for k, v in conversation.items() if k != "instance"}
    if isinstance(conversation, Component):
        return conversation.value
    return conversation
