"""Text components: Textbox, Markdown, HTML and Code."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, ClassVar, Literal

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import (
    CORNER_BUTTONS_WIRE,
    Block,
    Changes,
    Component,
    CornerButtons,
    Editable,
    Focusable,
    FormComponent,
    LabelledCard,
    LabelledInput,
    Scalar,
    corner_buttons_wire,
)
from trellis.components.props import prop
from trellis.exceptions import ValidationError


def to_text(value: Any, component: str) -> str | None:
    """A client payload as text; numbers and booleans are accepted as their text."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float, bool)):
        return str(value)
    raise ValidationError(f"{component} expects a string, got {type(value).__name__}: {value!r:.80}")


class TextValue(Scalar, register=False):
    """A component whose payload is a string; a client must send text (or a number, read as its text)."""

    JSON_TYPE = "string"
    PYTHON_TYPE = str

    @override
    def preprocess(self, payload: Any) -> str | None:
        return to_text(payload, type(self).__name__)


class TextEntry(Changes, Focusable, register=False):
    """Props and events of a box the user types text into (Textbox, MultimodalTextbox)."""

    select = EventListener()
    submit = EventListener()
    stop = EventListener()

    lines: int = 1
    """Rows of the text area (1: a single-line input; Enter submits)."""
    placeholder: str | None = None
    """Grey hint text shown while the box is empty."""
    autofocus: bool = False
    """Focus the box when the page loads."""
    autoscroll: bool = True
    """Keep the end of the text in view while the value grows (streaming output)."""
    text_align: Literal["left", "right"] | None = None
    """Alignment of the text in the box (None: by the text's direction)."""
    rtl: bool = False
    """Lay the text out right to left."""
    submit_btn: str | bool | None = False
    """A submit button inside the box: True for an arrow icon, or a string for its label."""
    stop_btn: str | bool | None = False
    """A stop button inside the box (shown while an event runs): True for an icon, or its label."""
    html_attributes: Any = None
    """Extra HTML attributes for the input element (autocorrect, spellcheck, ...)."""


class _CopyButton(CornerButtons, register=False):
    """The copy button of a text component, and its Gradio 5 spelling."""

    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """Buttons in the corner of the component, shown with its label: "copy" copies the text; a gr.Button is taken out
    of the layout and drawn as a small text button after it, firing the Button's click listeners (None: none)."""
    show_copy_button: bool | None = prop(default=None, wire=False)
    """Gradio 5 spelling of ``buttons=["copy"]``."""

    def __post_init__(self) -> None:
        if not self.buttons and self.show_copy_button:
            self.buttons = ["copy"]
        super().__post_init__()

    def explicit_props(self) -> dict[str, Any]:
        update = super().explicit_props()
        if "show_copy_button" in getattr(self, "_explicit", {}):
            update["buttons"] = corner_buttons_wire(self.buttons or [])
        return update


class Textbox(FormComponent, TextValue, LabelledInput, TextEntry, _CopyButton):
    """Single- or multi-line text input or output."""

    copy = EventListener()
    SIGNATURE = """value, *, type, lines, max_lines, placeholder, label, info, every, inputs, show_label, container,
        scale, min_width, interactive, visible, elem_id, autofocus, autoscroll, elem_classes, render, key,
        preserved_by_key, text_align, rtl, buttons, max_length, submit_btn, stop_btn, html_attributes, show_copy_button"""

    value: str | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The text shown; a callable is called when the page loads to produce it."""
    type: Literal["text", "password", "email"] = "text"
    """The kind of input: "password" hides what is typed; "email" lets the browser check the address."""
    max_lines: int | None = None
    """Rows the text area may grow to as text is typed before it scrolls (None: 20 when lines > 1)."""
    max_length: int | None = None
    """The most characters the box accepts; longer input is refused."""

    @override
    def preprocess(self, payload: Any) -> str | None:
        text = to_text(payload, "Textbox")
        if text is not None and self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(f"Text is longer than the maximum of {self.max_length} characters.")
        return text

    @override
    def example_payload(self) -> Any:
        return "Hello!!"


class TextArea(Textbox, register=False, type_name="textbox", defaults={"lines": 7, "max_lines": 20}):
    """A Textbox of seven rows that grows to twenty (Gradio's template)."""

    is_template: ClassVar[bool] = True

    SIGNATURE = """value, *, lines, max_lines, placeholder, label, info, every, inputs, show_label, container, scale,
        min_width, interactive, visible, elem_id, autofocus, autoscroll, elem_classes, render, key, preserved_by_key,
        type, text_align, rtl, buttons, max_length, submit_btn, stop_btn, html_attributes, show_copy_button"""


class Markdown(TextValue, LabelledCard, _CopyButton, defaults={"container": False, "min_width": None}):
    """Rendered Markdown (GFM, code, LaTeX)."""

    CUSTOM_BUTTONS = False  # as in Gradio: only "copy" is drawn; a gr.Button stays in the layout

    change = EventListener()
    copy = EventListener()
    SIGNATURE = """value, *, label, every, inputs, show_label, scale, min_width, rtl, latex_delimiters, visible, elem_id,
        elem_classes, render, key, preserved_by_key, sanitize_html, line_breaks, header_links, height, max_height,
        min_height, buttons, container, padding, show_copy_button"""

    value: str | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The Markdown text shown (its common indentation removed); a callable is called when the page loads."""
    rtl: bool = False
    """Lay the text out right to left."""
    latex_delimiters: list[dict[str, Any]] | None = None
    """Delimiters of LaTeX math, each {"left": ..., "right": ..., "display": bool} (None: only $$...$$)."""
    sanitize_html: bool = True
    """Strip scripts and other unsafe HTML from the rendered text."""
    line_breaks: bool = False
    """Render a single newline as a line break (GFM's default is to join the lines)."""
    header_links: bool = False
    """Give headings an anchor link, so a section can be linked to."""
    height: int | str | None = None
    """The component's height (pixels, or a CSS length); longer text scrolls."""
    max_height: int | str | None = None
    """The most the component grows to (pixels, or a CSS length) before the text scrolls."""
    min_height: int | str | None = None
    """The least height of the component (pixels, or a CSS length)."""
    padding: bool = False
    """Add padding around the text."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.latex_delimiters = self.latex_delimiters or [{"left": "$$", "right": "$$", "display": True}]

    @override
    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        return inspect.cleandoc(str(value))

    @override
    def example_payload(self) -> Any:
        return "# Hello!"


class HTML(
    Component,
    LabelledCard,
    Changes,
    CornerButtons,
    defaults={"show_label": False, "container": False, "min_width": None},
):
    """Raw HTML, sanitised in the browser unless the app opts out."""

    click = EventListener()
    double_click = EventListener()
    submit = EventListener()
    stop = EventListener()
    edit = EventListener()
    clear = EventListener()
    select = EventListener()

    value: str | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The HTML shown, or the value ``html_template`` is filled from; a callable is called when the page loads."""
    html_template: str | None = None
    """HTML with JavaScript ``${...}`` placeholders (``${value}``, ``${props.x}``) filled in the browser (None: the value)."""
    css_template: str | None = None
    """CSS scoped to this component, with the same placeholders as ``html_template``."""
    js_on_load: str | None = None
    """JavaScript run once after the first render, with ``element``, ``props`` and ``trigger(event)`` in scope."""
    apply_default_css: bool = True
    """Give the HTML Gradio's document look (paragraphs, headings, lists, tables, links, form fields and buttons
    styled from the theme); False leaves only the page's reset."""
    min_height: int | None = None
    """The least height of the component in pixels."""
    max_height: int | None = None
    """The most the component grows to in pixels before its content scrolls."""
    padding: bool = False
    """Pad the card as well (seen with ``container=True``); the HTML itself is always inset by the block padding."""
    autoscroll: bool = False
    """Scroll to the bottom of the content whenever it changes (streaming output)."""
    sanitize_html: bool = True
    """Strip scripts and other unsafe HTML before showing it (False: show it as given)."""
    props: dict[str, Any] | None = None
    """Extra keyword arguments of the constructor, for the templates and script to read as ``${name}``/``props``."""

    def __init__(  # Gradio's HTML passes any other keyword argument on to its templates
        self,
        value: str | Callable[..., Any] | None = None,
        *,
        label: str | None = None,
        html_template: str | None = None,
        css_template: str | None = None,
        js_on_load: str | None = None,
        apply_default_css: bool = True,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool = False,
        scale: int | None = None,
        min_width: int | None = None,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        min_height: int | None = None,
        max_height: int | None = None,
        container: bool = False,
        padding: bool = False,
        autoscroll: bool = False,
        buttons: list[str | Block] | None = None,
        sanitize_html: bool = True,
        **props: Any,
    ) -> None:
        self._init_props(**{name: arg for name, arg in locals().items() if name != "self"} | {"props": props or None})

    @override
    def preprocess(self, payload: Any) -> Any:
        return payload

    @override
    def postprocess(self, value: Any) -> Any:
        return None if value is None else (value if isinstance(value, (str, dict, list)) else str(value))

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    @override
    def example_payload(self) -> Any:
        return "<p>Hello</p>"


class Code(TextValue, LabelledCard, Editable, Changes, Focusable, CornerButtons):
    """Source code with syntax highlighting."""

    SIGNATURE = """value, language, *, every, inputs, lines, max_lines, label, interactive, show_label, container, scale,
        min_width, visible, elem_id, elem_classes, render, key, preserved_by_key, wrap_lines, show_line_numbers,
        autocomplete, buttons"""
    DEFAULT_BUTTONS = None  # the browser shows both icons

    value: str | tuple[str] | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The code shown, or a (file path,) tuple to show a file's text; a callable is called when the page loads."""
    language: str | None = prop(default=None, kw_only=False)
    """The language highlighted ("python", "javascript", "json", ...; None: plain text)."""
    lines: int = 5
    """Rows of the editor at least."""
    max_lines: int | None = None
    """Rows the editor may grow to before it scrolls (None: no limit)."""
    wrap_lines: bool = False
    """Wrap long lines instead of scrolling sideways."""
    show_line_numbers: bool = True
    """Show line numbers in the gutter."""
    autocomplete: bool = False
    """Suggest completions while typing in the editable editor, as Gradio's does: for Python its builtins and statement
    snippets, for JavaScript/TypeScript its keywords and snippets, and the names the code itself defines (none in
    strings, comments or after "."). Arrows pick, Enter or Tab accept, Escape closes, Ctrl+Space opens the list.
    Other languages get none here (Gradio also completes HTML tags, CSS properties and shell/C/C++ keywords)."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """Buttons in the corner: "copy" and "download" (file.<extension>) icons, and gr.Button instances, taken out of the
    layout and drawn as small text buttons after the icons, firing the Button's click listeners (None: both icons)."""

    #: The values ``language`` may take (Gradio's list; ``None`` is plain text).
    languages: ClassVar[list[str | None]] = [
        "python", "c", "cpp", "markdown", "latex", "json", "html", "css", "javascript", "jinja2", "typescript",
        "yaml", "dockerfile", "shell", "r", "sql", "sql-msSQL", "sql-mySQL", "sql-mariaDB", "sql-sqlite",
        "sql-cassandra", "sql-plSQL", "sql-hive", "sql-pgSQL", "sql-gql", "sql-gpSQL", "sql-sparkSQL", "sql-esper",
        None,
    ]  # fmt: skip

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.language not in self.languages:
            raise ValueError(f"Language {self.language!r} is not supported: Code.languages lists the ones that are.")

    @override
    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, tuple) and value:
            with open(str(value[0]), encoding="utf-8") as fh:
                return fh.read().strip()
        return str(value).strip()

    @override
    def example_payload(self) -> Any:
        return "print('Hello World')"
