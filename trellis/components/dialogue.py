"""Dialogue: a conversation of speaker turns, to type (with tag autocompletion) or to show diarized speech."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import Component, CornerButtons, Editable, Informed, LabelledCard
from trellis.components.props import prop
from trellis.components.server_functions import ServerFunctionError, ServerFunctions, server
from trellis.exceptions import ValidationError

#: The payload's JSON Schema, as Gradio 6.31 reports it in /info: a list of lines or one string.
DIALOGUE_SCHEMA: dict[str, Any] = {
    "$defs": {
        "DialogueLine": {
            "properties": {
                "speaker": {"title": "Speaker", "type": "string"},
                "text": {"title": "Text", "type": "string"},
            },
            "required": ["speaker", "text"],
            "title": "DialogueLine",
            "type": "object",
        }
    },
    "anyOf": [{"items": {"$ref": "#/$defs/DialogueLine"}, "type": "array"}, {"type": "string"}],
    "title": "DialogueModel",
    "additional_description": None,
}

_EXAMPLE = [
    {"speaker": "Speaker 1", "text": "Hello, how are you?"},
    {"speaker": "Speaker 2", "text": "I'm fine, thank you!"},
]


def _lines(value: Any, error: type[Exception]) -> list[dict[str, str]] | str:
    """A dialogue value checked: one string, or a list of ``{"speaker": str, "text": str}`` lines."""
    if isinstance(value, str):
        return value
    if not isinstance(value, (list, tuple)):
        raise error(f"A Dialogue value is a list of {{'speaker', 'text'}} lines or a string, got {value!r:.80}")
    lines: list[dict[str, str]] = []
    for line in value:
        if not isinstance(line, dict):
            raise error(f"A dialogue line is a {{'speaker': str, 'text': str}} dict, got {line!r:.80}")
        speaker, text = line.get("speaker"), line.get("text")
        if not isinstance(speaker, str) or not isinstance(text, str):
            raise error(f"A dialogue line needs a string 'speaker' and a string 'text', got {line!r:.80}")
        lines.append({"speaker": speaker, "text": text})
    return lines


class Dialogue(ServerFunctions, Component, LabelledCard, Informed, Editable, CornerButtons):
    """Speaker turns, typed line by line or shown as a diarized transcript with a colour per speaker.

    Each line has a speaker (from ``speakers``), and ``tags`` are offered when the user types a colon.

    As an input the function receives the dialogue formatted as one string (``type="text"``: each line
    ``formatter(speaker, text)``, by default ``"[speaker] text"``, joined by ``separator``) or the list of
    ``{"speaker", "text"}`` dicts (``type="list"``). Return such a list, or a string, to show it.
    """

    change = EventListener()
    input = EventListener()
    submit = EventListener()
    SIGNATURE = """value, *, type, speakers, formatter, unformatter, tags, separator, color_map, label, info,
        placeholder, show_label, container, scale, min_width, interactive, visible, elem_id, autofocus, autoscroll,
        elem_classes, render, key, max_lines, buttons, submit_btn, ui_mode"""

    value: list[dict[str, str]] | str | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The dialogue: a list of {"speaker", "text"} dicts (or a string); a callable is called when the page loads to
    produce it."""
    type: Literal["list", "text"] = "text"
    """What the function receives: "text", the dialogue formatted as one string, or "list", the list of
    {"speaker", "text"} dicts."""
    speakers: list[str] | None = None
    """The speakers a line can have (a menu on each line). None or []: no speakers, the component is a plain text
    area (still with tag autocompletion)."""
    formatter: Callable[..., Any] | None = prop(default=None, wire=False)
    """Turns one line into text, called as formatter(speaker, text) (default: "[speaker] text"); used for the
    function's input and the plain-text view."""
    unformatter: Callable[..., Any] | None = prop(default=None, wire=False)
    """Parses one line of plain text back into {"speaker", "text"}, called as unformatter(line, default_speaker)
    (default: reads "[speaker] text", else the first speaker)."""
    tags: list[str] | None = None
    """Tags offered in a menu when the user types ":" in a line (e.g. "(laughs)")."""
    separator: str = "\n"
    """What joins the formatted lines into one string (and splits plain text into lines)."""
    color_map: dict[str, str] | None = None
    """Colours of the speakers when the dialogue is shown read-only (names or hex codes); others get the palette's
    colours in turn."""
    label: str | None = "Dialogue"
    """The text in the component's label, also used as its name in the API docs."""
    info: str | None = "Type colon (:) in the dialogue line to see the available tags"
    """Help text under the label, shown only when interactive=True."""
    placeholder: str | None = None
    """Hint shown in an empty text area."""
    autofocus: bool = False
    """Focus the first line when the page loads."""
    autoscroll: bool = True
    """Show the end of the plain text area and of the lines when the value changes (not while the user types in
    them)."""
    max_lines: int | None = None
    """The most dialogue lines the user may have."""
    buttons: list[str | Any] | None = prop(default=None, sent_as="list[str | dict[str, Any]] | None")
    """Buttons in the top-right corner: "copy" (copies the formatted dialogue) and gr.Button instances, drawn as
    small text buttons that fire the Button's click listeners (None: none)."""
    submit_btn: str | bool | None = False
    """A button that fires submit: True for an arrow icon, a string for that text, False for none."""
    ui_mode: Literal["dialogue", "text", "both"] = "both"
    """What the user sees: the dialogue lines, the plain text area, or both with a toggle between them."""
    preserved_by_key: list[str] | str | None = prop(default="value", init=False, wire=False)
    """Props kept across re-renders of a keyed block (Gradio's Dialogue does not take the parameter)."""
    every: Any = prop(default=None, init=False, wire=False)
    """Not a parameter of Gradio's Dialogue (a callable value is called once, when the page loads)."""
    inputs: Any = prop(default=None, init=False, wire=False)
    """Not a parameter of Gradio's Dialogue."""

    def __post_init__(self) -> None:
        if self.separator == " ":
            raise ValueError("Separator cannot be an empty string.")
        super().__post_init__()
        self.tags = list(self.tags or [])
        if not self.interactive:
            self.info = None  # as in Gradio: the hint about tags only shows on an editable dialogue

    # -- formatting -------------------------------------------------------------------
    @staticmethod
    def default_formatter(speaker: str, text: str) -> str:
        """One line as "[speaker] text"."""
        return f"[{speaker}] {text}"

    @staticmethod
    def default_unformatter(line: str, default_speaker: str) -> dict[str, str]:
        """One line of "[speaker] text" read back (without brackets: ``default_speaker`` says it)."""
        line = line.strip()
        if not line:
            return {"speaker": "", "text": ""}
        if line.startswith("[") and "]" in line:
            end = line.find("]")
            return {"speaker": line[1:end], "text": line[end + 1 :].strip()}
        return {"speaker": default_speaker, "text": line}

    def _format(self, lines: list[dict[str, str]] | str) -> str:
        if isinstance(lines, str):
            return lines
        if len(lines) == 1 and lines[0]["text"] == "":
            return ""
        formatter = self.formatter or self.default_formatter
        return self.separator.join(str(formatter(line["speaker"], line["text"])) for line in lines)

    # -- the data contract ---------------------------------------------------------------
    @override
    def preprocess(self, payload: Any) -> str | list[dict[str, str]]:
        if payload is None:
            raise ValidationError("Dialogue expects a list of {'speaker', 'text'} lines or a string, got None")
        lines = _lines(payload, ValidationError)
        if self.type == "list":
            return lines
        return self._format(lines)

    @override
    def postprocess(self, value: Any) -> list[dict[str, str]] | str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"Dialogue takes a list of {{'speaker', 'text'}} dicts or a string, got {value!r:.80}")
        return [{"speaker": line["speaker"], "text": line["text"]} for line in value]

    @override
    def as_example(self, value: Any) -> Any:
        try:
            return self.preprocess(self.postprocess(value))
        except Exception:
            return value

    @override
    def api_info(self) -> dict[str, Any]:
        return DIALOGUE_SCHEMA

    @override
    def example_payload(self) -> Any:
        return [dict(line) for line in _EXAMPLE]

    @override
    def example_value(self) -> Any:
        return [dict(line) for line in _EXAMPLE]

    # -- the browser's calls -----------------------------------------------------------------
    @server
    def format(self, value: Any) -> str:
        """The dialogue formatted as one string (what the copy button and the plain-text view show)."""
        try:
            return self._format(_lines(value, ValueError))
        except ValueError as exc:
            raise ServerFunctionError(400, str(exc)) from None

    @server
    def unformat(self, payload: Any) -> list[dict[str, str]]:
        """Plain text (``{"text": ...}``) read back into dialogue lines, one per ``separator``-separated line."""
        if not isinstance(payload, dict) or not isinstance(payload.get("text", ""), str):
            raise ServerFunctionError(400, 'unformat takes {"text": string}.')
        text: str = payload.get("text", "")
        if not text.strip():
            return []
        unformatter = self.unformatter or self.default_unformatter
        default_speaker = self.speakers[0] if self.speakers else "Unknown"
        lines: list[dict[str, str]] = []
        for line in text.split(self.separator):
            line = line.strip()
            if not line:
                continue
            parsed = unformatter(line, default_speaker)
            if parsed["speaker"] or parsed["text"]:
                lines.append({"speaker": str(parsed["speaker"]), "text": str(parsed["text"])})
        return lines
