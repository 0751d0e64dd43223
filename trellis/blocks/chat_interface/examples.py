"""ChatInterface's examples: shown inside the empty chatbot, or (with additional inputs) as a table under it.

``examples`` is a list of messages (strings, or ``{"text", "files"}`` dicts when multimodal);
with ``additional_inputs`` each example is a list ``[message, *input values]``. When any
example gives an additional input a value, the examples go in an ``Examples`` table that
fills those inputs too; otherwise the chatbot shows them as clickable suggestions
(:func:`example_messages`). A cached or run example is stored as the pair of messages it
makes (:func:`example_pair`).
"""

from __future__ import annotations

import os
from typing import Any

from trellis.blocks.chat_interface.history import Message, message_as_dicts
from trellis.components.base import Component
from trellis.components.chatbot import ExampleMessage
from trellis.exceptions import InvalidConfigError


def examples_use_additional_inputs(examples: list[Any] | None, additional: list[Component]) -> bool:
    """Whether the examples set additional inputs (and so go in a table rather than in the chatbot)."""
    if not additional or examples is None:
        return False
    for example in examples:
        if not isinstance(example, list):
            raise InvalidConfigError("With additional_inputs, each example must be a list: [message, *input values].")
        if any(value is not None for value in example[1:]):
            return True
    return False


#: The icon Gradio gives a multimodal example without files: a marker its page draws as "Aa".
TEXT_EXAMPLE_ICON = {
    "path": "",
    "url": None,
    "orig_name": None,
    "mime_type": "text",
    "meta": {"_type": "gradio.FileData"},
}


def example_messages(
    examples: list[Any] | None, labels: list[str] | None, icons: list[str] | None, multimodal: bool = False
) -> list[ExampleMessage]:
    """The chatbot's ``examples`` prop: text, files, and the label and icon to show instead.

    As in Gradio, a multimodal chat's example without files gets its icon or, without one, the text marker.
    """
    messages: list[ExampleMessage] = []
    for index, example in enumerate(examples or []):
        if isinstance(example, list):
            example = example[0] if example else ""
        message: ExampleMessage = {}
        if isinstance(example, str):
            message["text"] = example
        elif isinstance(example, dict):
            message["text"] = example.get("text", "")
            message["files"] = list(example.get("files") or [])
        if labels:
            message["display_text"] = labels[index]
        if multimodal and not message.get("files"):
            message["icon"] = icons[index] if icons else dict(TEXT_EXAMPLE_ICON)
        elif icons:
            message["icon"] = icons[index]
        messages.append(message)
    return messages


def example_pair(message: Any, response: Any, multimodal: bool) -> list[Message]:
    """The conversation an example makes: the user's message (files first, then text) and the reply."""
    reply = message_as_dicts(response, "assistant")
    if multimodal and isinstance(message, dict):
        result: list[Message] = []
        for file in message.get("files") or []:
            path: Any = file.get("path") if isinstance(file, dict) else file
            result.append({"role": "user", "content": {"path": os.fspath(path)}})
        if message.get("text"):
            result.append({"role": "user", "content": message["text"]})
        return [*result, *reply]
    return [{"role": "user", "content": message}, *reply]


def clicked_example(value: dict[str, Any] | None, multimodal: bool) -> Any:
    """The message a click on a chatbot example sends: its text, or ``{"text", "files"}`` (file paths)."""
    flat = dict(value or {})
    flat["files"] = [f["path"] if isinstance(f, dict) else f for f in flat.get("files") or []]
    return flat if multimodal else flat.get("text", "")
