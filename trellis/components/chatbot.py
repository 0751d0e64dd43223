"""Chatbot: a conversation in the messages format, with thoughts, files and components in messages.

On the wire a conversation is a list of messages, each normalised to
``{"role", "metadata", "content": [part, …], "options"}`` where a part is
``{"type": "text", "text"}``, ``{"type": "file", "file": FileData, "alt_text"}`` or
``{"type": "component", "component", "value", "constructor_args", "props"}``.

A function may return messages in the looser forms people write: ``{"role", "content"}`` dicts
whose content is a string, a file (``{"path": …}``, a ``(path, alt_text)`` tuple), a component
instance or a list of those, and :class:`ChatMessage` objects. ``metadata`` turns a message into a
collapsible "thought" (``title``, ``status`` pending/done, ``duration``, ``log``, nesting with
``id``/``parent_id``); ``options`` are suggested replies. ``reasoning_tags`` splits text between
such tags (``<think>…</think>``) into its own thought.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import inspect
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, TypedDict

from typing_extensions import NotRequired, override

from trellis._filedata import FILEDATA_SCHEMA, is_file_payload
from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components import registry
from trellis.components.base import CORNER_BUTTONS_WIRE, Block, Component, CornerButtons, LabelledCard
from trellis.components.display import HeightBounded
from trellis.components.props import prop
from trellis.exceptions import Error

# -- message types (for type hints, as Gradio exports them) --------------------------------------


class MetadataDict(TypedDict, total=False):
    """Makes a message a collapsible thought: ``title`` is required for that."""

    title: str
    id: int | str
    parent_id: int | str
    log: str
    duration: float
    status: Literal["pending", "done"]


class OptionDict(TypedDict):
    """A suggested reply shown under a message; ``label`` defaults to ``value``."""

    value: str
    label: NotRequired[str]


class MessageDict(TypedDict):
    """One message of the history: its role and content, and optional thought metadata and reply options."""

    content: Any
    role: Literal["user", "assistant", "system"]
    metadata: NotRequired[MetadataDict]
    options: NotRequired[list[OptionDict]]


class ExampleMessage(TypedDict, total=False):
    """An example shown in an empty chatbot: its ``text``/``files`` are sent when it is clicked."""

    icon: Any
    display_text: str
    text: str
    files: Sequence[Any]


@dataclasses.dataclass
class ChatMessage:
    """One message; ``content`` is text, a file, a component, or a list of these."""

    content: Any
    role: Literal["user", "assistant", "system"] = "assistant"
    metadata: MetadataDict = dataclasses.field(default_factory=lambda: MetadataDict())
    options: list[OptionDict] = dataclasses.field(default_factory=list)


# -- the payload schema ---------------------------------------------------------------------------

_FILE_DEF = {k: v for k, v in FILEDATA_SCHEMA.items() if k != "$defs"}
_NULLABLE_STR = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
_ID = {"anyOf": [{"type": "integer"}, {"type": "string"}]}

CHATBOT_SCHEMA: dict[str, Any] = {
    "$defs": {
        **FILEDATA_SCHEMA["$defs"],
        "FileData": _FILE_DEF,
        "ComponentMessage": {
            "properties": {
                "component": {"title": "Component", "type": "string"},
                "value": {"title": "Value"},
                "constructor_args": {"additionalProperties": True, "title": "Constructor Args", "type": "object"},
                "props": {"additionalProperties": True, "title": "Props", "type": "object"},
                "type": {"const": "component", "default": "component", "title": "Type", "type": "string"},
            },
            "required": ["component", "value", "constructor_args", "props"],
            "title": "ComponentMessage",
            "type": "object",
        },
        "FileMessage": {
            "properties": {
                "file": {"$ref": "#/$defs/FileData"},
                "alt_text": {**_NULLABLE_STR, "title": "Alt Text"},
                "type": {"const": "file", "default": "file", "title": "Type", "type": "string"},
            },
            "required": ["file"],
            "title": "FileMessage",
            "type": "object",
        },
        "Message": {
            "properties": {
                "role": {"title": "Role", "type": "string"},
                "metadata": {"anyOf": [{"$ref": "#/$defs/MetadataDict"}, {"type": "null"}], "default": None},
                "content": {
                    "items": {
                        "anyOf": [
                            {"$ref": "#/$defs/TextMessage"},
                            {"$ref": "#/$defs/FileMessage"},
                            {"$ref": "#/$defs/ComponentMessage"},
                        ]
                    },
                    "title": "Content",
                    "type": "array",
                },
                "options": {
                    "anyOf": [{"items": {"$ref": "#/$defs/OptionDict"}, "type": "array"}, {"type": "null"}],
                    "default": None,
                    "title": "Options",
                },
            },
            "required": ["role", "content"],
            "title": "Message",
            "type": "object",
        },
        "MetadataDict": {
            "description": "Shows a message as a collapsible thought (title, status, duration, log, nesting).",
            "properties": {
                "title": {"title": "Title", "type": "string"},
                "id": {**_ID, "title": "Id"},
                "parent_id": {**_ID, "title": "Parent Id"},
                "log": {"title": "Log", "type": "string"},
                "duration": {"title": "Duration", "type": "number"},
                "status": {"enum": ["pending", "done"], "title": "Status", "type": "string"},
            },
            "title": "MetadataDict",
            "type": "object",
        },
        "OptionDict": {
            "description": "A suggested reply: the value sent when it is clicked, and its label.",
            "properties": {
                "value": {"title": "Value", "type": "string"},
                "label": {"title": "Label", "type": "string"},
            },
            "required": ["value"],
            "title": "OptionDict",
            "type": "object",
        },
        "TextMessage": {
            "properties": {
                "text": {"title": "Text", "type": "string"},
                "type": {"const": "text", "default": "text", "title": "Type", "type": "string"},
            },
            "required": ["text"],
            "title": "TextMessage",
            "type": "object",
        },
    },
    "items": {"$ref": "#/$defs/Message"},
    "title": "ChatbotDataMessages",
    "type": "array",
    "additional_description": None,
}

_EXAMPLE_HISTORY = [
    {"role": "user", "metadata": None, "content": [{"text": "Hello!", "type": "text"}], "options": None},
    {
        "role": "assistant",
        "metadata": None,
        "content": [{"text": "How can I help you?", "type": "text"}],
        "options": None,
    },
]

_ROLES = ("user", "assistant", "system")
FORMAT_ERROR = (
    "Data incompatible with messages format. Each message should be a dictionary with 'role' and 'content' keys "
    "or a ChatMessage object."
)


class Chatbot(Component, LabelledCard, HeightBounded, CornerButtons, defaults={"height": 400}):
    """A conversation: a list of messages (see the module docstring for the formats)."""

    change = EventListener()
    select = EventListener()
    like = EventListener()
    retry = EventListener()
    undo = EventListener()
    example_select = EventListener()
    option_select = EventListener()
    clear = EventListener()
    copy = EventListener()
    edit = EventListener()
    holds_files = True
    #: postprocess builds new objects every time: the queue need not copy them to diff the next yield.
    fresh_payload = True

    SIGNATURE = """value, *, label, every, inputs, show_label, container, scale, min_width, visible, elem_id, elem_classes,
        autoscroll, render, key, preserved_by_key, height, resizable, max_height, min_height, editable,
        latex_delimiters, rtl, buttons, watermark, avatar_images, sanitize_html, render_markdown, feedback_options,
        feedback_value, line_breaks, layout, placeholder, examples, allow_file_downloads, group_consecutive_messages,
        allow_tags, reasoning_tags, like_user_message, type"""
    DEFAULT_BUTTONS = ("share", "copy", "copy_all")

    value: list[Any] | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The conversation: a list of messages (role/content dicts or ChatMessage); a callable is called when the page
    loads."""
    autoscroll: bool = True
    """Scroll to the newest message as messages arrive, unless the user has scrolled up."""
    resizable: bool = False
    """Let the user drag the bottom edge to change the height."""
    editable: Literal["user", "all"] | None = None
    """Which messages the user may edit in place: "user" their own, "all" every one (None: none, unless an ``edit``
    listener is set)."""
    latex_delimiters: list[dict[str, str | bool]] | None = prop(default=None, sent_as="list[dict[str, str | bool]]")
    """Delimiters of LaTeX math, each {"left": ..., "right": ..., "display": bool} (None: only $$...$$)."""
    rtl: bool = False
    """Lay the messages out right to left."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """Buttons: "share" and "copy_all" (the conversation) icons in the corner, "copy" under each message, and gr.Button
    instances, taken out of the layout and drawn as small text buttons at the end of the corner strip, firing the
    Button's click listeners (None: all three icons)."""
    watermark: str | None = None
    """Text added to what the copy buttons copy."""
    avatar_images: tuple[str | Path | None, str | Path | None] | list[dict[str, Any] | None] | None = prop(
        default=None, sent_as="list[dict[str, Any] | None]"
    )
    """Pictures shown next to the messages: (user's, assistant's), each a file path, a URL or None."""
    sanitize_html: bool = True
    """Strip scripts and other unsafe HTML from the messages."""
    render_markdown: bool = True
    """Render messages as Markdown (False: plain text)."""
    feedback_options: list[str] | tuple[str, ...] | None = prop(default=("Like", "Dislike"), sent_as="list[str] | None")
    """The feedback a ``like`` listener offers under each assistant message: "Like" and "Dislike" are thumbs, any
    other string an item of a menu."""
    feedback_value: Sequence[str | None] | None = prop(default=None, sent_as="list[str | None] | None")
    """The feedback already given, one entry per message (None where none is given)."""
    line_breaks: bool = True
    """Render a single newline as a line break (with ``render_markdown``)."""
    layout: Literal["panel", "bubble"] | None = None
    """How messages are drawn: "bubble" in speech bubbles on either side, "panel" as full-width rows (None: "bubble")."""
    placeholder: str | None = None
    """Markdown shown while the conversation is empty."""
    examples: list[ExampleMessage] | None = prop(default=None, sent_as="list[dict[str, Any]] | None")
    """Example messages shown while the conversation is empty; clicking one fires ``example_select``."""
    allow_file_downloads: bool = True
    """Show a download button on files in messages."""
    group_consecutive_messages: bool = True
    """Draw consecutive messages of the same role as one group, with one avatar."""
    allow_tags: list[str] | bool = True
    """HTML-like tags shown as written rather than stripped: True all of them, or a list of tag names."""
    reasoning_tags: list[tuple[str, str]] | None = prop(default=None, wire=False)
    """(opening, closing) tags, such as ("<think>", "</think>"), whose text in a reply is shown as a collapsible
    thought."""
    like_user_message: bool = False
    """Offer the feedback buttons under the user's messages too."""
    type: str | None = prop(default=None, wire=False)
    """Gradio 5's format switch: only "messages" (the only format now) or None is accepted."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.type not in (None, "messages"):
            raise ValueError(
                "Chatbot(type='tuples') is gone in Gradio 6: use the messages format (role/content dicts)."
            )
        if self.editable not in (None, "user", "all"):
            raise ValueError(f"Chatbot editable must be None, 'user' or 'all', got {self.editable!r}")
        if self.layout not in (None, "panel", "bubble"):
            raise ValueError(f"Chatbot layout must be 'panel' or 'bubble', got {self.layout!r}")
        if self.latex_delimiters is None:
            self.latex_delimiters = [{"left": "$$", "right": "$$", "display": True}]
        self.feedback_options = list(self.feedback_options) if self.feedback_options is not None else None
        self.feedback_value = list(self.feedback_value) if self.feedback_value is not None else None
        self.allow_tags = self.allow_tags if self.allow_tags else False
        self.reasoning_tags = [(opening, closing) for opening, closing in self.reasoning_tags or ()] or None
        avatars = [_static_file(avatar) for avatar in (self.avatar_images or (None, None))]
        if len(avatars) != 2:
            raise ValueError("avatar_images takes two images: (user, assistant); use None to leave one out.")
        self.avatar_images = avatars
        self.examples = _examples(self.examples)

    @override
    def config_value(self) -> Any:
        return self.value if self.value is not None else []

    def listener_props(self, events: set[str]) -> dict[str, Any]:
        """Props that say which message controls have listeners (retry, undo, like, edit buttons).

        As in Gradio, an ``edit`` listener makes user messages editable unless ``editable`` is set.
        """
        props: dict[str, Any] = {
            "_undoable": "undo" in events,
            "_retryable": "retry" in events,
            "likeable": "like" in events,
        }
        if "edit" in events and self.editable is None:
            props["editable"] = "user"
        return props

    # -- the data contract ------------------------------------------------------------------------
    @override
    def preprocess(self, payload: Any) -> list[dict[str, Any]]:
        if payload is None:
            return []
        if not isinstance(payload, list):
            raise Error("Data incompatible with the messages format: the chat history must be a list of messages.")
        return [self._preprocess_message(message, index) for index, message in enumerate(payload)]

    def _preprocess_message(self, message: Any, index: int) -> dict[str, Any]:
        if not isinstance(message, dict) or "content" not in message or not isinstance(message.get("role"), str):
            raise Error(f"Data incompatible with the messages format: message {index} needs 'role' and 'content'.")
        content = message["content"]
        if isinstance(content, (str, dict)):
            content = [content]  # the OpenAI-style shorthands: a string, or one part
        if not isinstance(content, list):
            raise Error(f"Data incompatible with the messages format: message {index} has content {content!r:.80}.")
        parts = [self._preprocess_part(part, index) for part in content]
        return {
            "role": message["role"],
            "metadata": message.get("metadata"),
            "content": parts,
            "options": message.get("options"),
        }

    def _preprocess_part(self, part: Any, index: int) -> dict[str, Any]:
        if isinstance(part, str):
            return {"text": part, "type": "text"}
        if isinstance(part, dict):
            kind = part.get("type")
            if kind == "text" or (kind is None and isinstance(part.get("text"), str)):
                return {"text": str(part.get("text", "")), "type": "text"}
            if kind == "file" or (kind is None and isinstance(part.get("file"), dict)):
                return {"file": _full_filedata(part.get("file")), "alt_text": part.get("alt_text"), "type": "file"}
            if kind is None and is_file_payload(part):
                return {"file": _full_filedata(part), "alt_text": part.get("alt_text"), "type": "file"}
            if kind == "component":
                return _component_part_in(part)
        raise Error(f"Data incompatible with the messages format: message {index} has a part {part!r:.80}.")

    @override
    def postprocess(self, value: Any) -> list[dict[str, Any]]:
        if value is None:
            return []
        if isinstance(value, tuple):
            value = list(value)
        if not isinstance(value, list):
            raise Error(FORMAT_ERROR)
        for message in value:
            if not (isinstance(message, ChatMessage) or _is_message_dict(message)):
                raise Error(FORMAT_ERROR)
        out: list[dict[str, Any]] = []
        for message in value:
            out.extend(self._postprocess_message(message))
        return out

    def _postprocess_message(self, message: Any) -> list[dict[str, Any]]:
        if isinstance(message, ChatMessage):
            role, metadata, options, content = message.role, message.metadata, message.options, message.content
        else:
            role = message["role"]
            metadata, options, content = message.get("metadata"), message.get("options"), message["content"]
        items = content if isinstance(content, list) else [content]
        parts = [part for part in (postprocess_part(item) for item in items) if part is not None]
        if not parts:
            return []
        if not self.reasoning_tags:
            return [_message(role, metadata, parts, options)]
        messages: list[dict[str, Any]] = []
        others = [part for part in parts if part["type"] != "text"]
        for part in parts:
            if part["type"] != "text":
                continue
            for text, thinking, status in split_reasoning(part["text"], self.reasoning_tags):
                if thinking:
                    reasoning: MetadataDict = {"title": "Reasoning", "status": status}
                    messages.append(_message(role, reasoning, [_text(text)], None))
                else:
                    messages.append(_message(role, metadata, [_text(text)], options))
        if others:
            messages.append(_message(role, metadata, others, options))
        return messages

    @override
    def api_info(self) -> dict[str, Any]:
        return CHATBOT_SCHEMA

    @override
    def payload_has_files(self, payload: Any) -> bool:
        # Files live only in file and component parts: no need to walk every message's text.
        return any(part.get("type") != "text" for message in payload for part in message["content"])

    @override
    def example_payload(self) -> Any:
        return copy.deepcopy(_EXAMPLE_HISTORY)

    @override
    def as_example(self, value: Any) -> Any:
        try:
            return self.postprocess(value)
        except Error:
            return value


# -- message parts ----------------------------------------------------------------------------------


def _message(role: str, metadata: Any, content: list[dict[str, Any]], options: Any) -> dict[str, Any]:
    # Copies: the payload must not share objects with what the function keeps (and may change in place).
    if isinstance(metadata, dict):
        metadata = dict(metadata)
    if isinstance(options, list):
        options = [dict(o) if isinstance(o, dict) else o for o in options]
    return {"role": role, "metadata": metadata, "content": content, "options": options}


def _text(text: str) -> dict[str, Any]:
    return {"text": text, "type": "text"}


def _is_message_dict(message: Any) -> bool:
    return isinstance(message, dict) and "role" in message and "content" in message


def postprocess_part(item: Any) -> dict[str, Any] | None:
    """One piece of a message's content in its wire form (``None``: nothing to show)."""
    if item is None:
        return None
    if isinstance(item, str):
        return _text(_clean(item))
    if isinstance(item, Component):
        return component_part(item)
    if isinstance(item, (tuple, list)) and item and isinstance(item[0], (str, os.PathLike)):
        # The legacy file form: (path,) or (path, alt_text)
        alt = item[1] if len(item) > 1 else None
        return {"file": _file(os.fspath(item[0])), "alt_text": alt, "type": "file"}
    if isinstance(item, os.PathLike):
        return {"file": _file(os.fspath(item)), "alt_text": None, "type": "file"}
    if isinstance(item, dict):
        kind = item.get("type")
        if kind == "text":
            return _text(str(item.get("text", "")))
        if kind == "component":
            return {
                "component": item["component"],
                "value": item.get("value"),
                "constructor_args": item.get("constructor_args") or {},
                "props": item.get("props") or {},
                "type": "component",
            }
        if "file" in item and isinstance(item["file"], (dict, str, os.PathLike)):
            file = item["file"]
            data = _file(os.fspath(file)) if isinstance(file, (str, os.PathLike)) else media.path_filedata(file)
            return {"file": data, "alt_text": item.get("alt_text"), "type": "file"}
        if isinstance(item.get("path"), str):
            return {"file": media.path_filedata(item), "alt_text": item.get("alt_text"), "type": "file"}
    if media.is_image_value(item):
        return {"file": media.image_output(item, "webp"), "alt_text": None, "type": "file"}
    raise ValueError(f"Invalid message content for Chatbot: {item!r:.120}")


@functools.lru_cache(maxsize=512)
def _clean_cached(text: str) -> str:
    return inspect.cleandoc(text)


def _clean(text: str) -> str:
    """``inspect.cleandoc``, remembered for texts re-sent on every yield (a history's earlier messages)."""
    return _clean_cached(text) if len(text) <= 32768 else inspect.cleandoc(text)


def _file(path: str) -> dict[str, Any]:
    data = media.path_filedata(path)
    data["orig_name"] = data.get("orig_name") or os.path.basename(path.split("?", 1)[0])
    return data


def _full_filedata(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("path"), str):
        raise Error("Data incompatible with the messages format: a file part needs a FileData with a 'path'.")
    full = {
        "path": data["path"],
        "url": data.get("url"),
        "size": data.get("size"),
        "orig_name": data.get("orig_name"),
        "mime_type": data.get("mime_type"),
        "is_stream": bool(data.get("is_stream", False)),
        "meta": {"_type": "gradio.FileData"},
    }
    return full


def component_part(component: Component) -> dict[str, Any]:
    """A component instance inside a message: its type, its (processed) value and its props."""
    component.unrender()
    args = {k: v for k, v in getattr(component, "_explicit", {}).items() if k not in ("value", "render")}
    props = component.get_props()
    value = props.get("value")
    if component.block_type == "file" and value is not None and not isinstance(value, list):
        value = [value]
    return {
        "component": component.component_name,  # "lineplot" for a LinePlot (drawn by the "nativeplot" view), as Gradio
        "value": value,
        "constructor_args": _jsonable_args(args),
        "props": props,
        "type": "component",
    }


def _jsonable_args(args: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in args.items():
        if callable(value):
            continue
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        if isinstance(value, tuple):
            value = list(value)
        out[key] = value
    return out


def _component_part_in(part: dict[str, Any]) -> dict[str, Any]:
    """A component part sent by a client, with an ``instance`` built from it (as Gradio passes it on)."""
    out: dict[str, Any] = {
        "component": part.get("component"),
        "value": part.get("value"),
        "constructor_args": part.get("constructor_args") or {},
        "props": part.get("props") or {},
        "type": "component",
    }
    cls = registry.find(str(part.get("component", "")))
    if cls is not None and issubclass(cls, Component):
        try:
            probe = cls(render=False)
            value = probe.preprocess(part.get("value")) if part.get("value") is not None else None
            accepted = {p.param for p in cls._props.values()}.union(cls._prop_names) - {"value", "render"}
            kwargs = {k: v for k, v in out["constructor_args"].items() if k in accepted}
            out["instance"] = cls(value=value, render=False, **kwargs)
        except Exception:  # a part the component cannot rebuild stays a plain dict
            pass
    return out


def split_reasoning(text: str, tags: list[tuple[str, str]]) -> list[tuple[str, bool, Literal["pending", "done"]]]:
    """Split ``text`` into ``(segment, is_reasoning, status)`` pieces at the given (open, close) tags.

    An unclosed tag (a model still thinking) makes a pending reasoning piece up to the end.
    """
    pattern = "|".join(f"({re.escape(start)})(.*?)(?:({re.escape(end)})|$)" for start, end in tags)
    pieces: list[tuple[str, bool, Literal["pending", "done"]]] = []
    last = 0
    for match in re.finditer(pattern, text, re.DOTALL):
        before = text[last : match.start()].strip()
        if before:
            pieces.append((before, False, "done"))
        groups = match.groups()
        for i in range(0, len(groups), 3):
            if groups[i] is not None:
                inner = (groups[i + 1] or "").strip()
                if inner:
                    pieces.append((inner, True, "done" if groups[i + 2] is not None else "pending"))
                break
        last = match.end()
    rest = text[last:].strip()
    if rest:
        pieces.append((rest, False, "done"))
    return pieces


def _static_file(value: Any) -> dict[str, Any] | None:
    """An avatar or icon given as a path or URL, as FileData (cached and served at startup)."""
    if value is None:
        return None
    if isinstance(value, dict):
        return media.path_filedata(value)
    return media.path_filedata(os.fspath(value))


def _examples(examples: list[ExampleMessage] | None) -> list[ExampleMessage] | None:
    if examples is None:
        return None
    out: list[ExampleMessage] = []
    for example in examples:
        if not isinstance(example, dict):
            raise ValueError(
                f"Chatbot examples are dicts with 'text', 'files', 'icon' or 'display_text', got {example!r}"
            )
        item: ExampleMessage = {**example}
        icon = item.get("icon")
        if isinstance(icon, (str, os.PathLike)):
            item["icon"] = _static_file(icon)
        files = item.get("files")
        if files is not None:
            if not isinstance(files, (list, tuple)):
                files = [files]
            item["files"] = [_file(os.fspath(f)) if isinstance(f, (str, os.PathLike)) else f for f in files]
        out.append(item)
    return out
