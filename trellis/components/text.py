"""Text components: Textbox, Markdown, HTML and Code."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, Literal

from trellis.components.base import Boxed, Component, Editable, FormComponent, Informed, Labelled, Scaled
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


class Textbox(FormComponent, Labelled, Informed, Boxed, Scaled, Editable):
    """Single- or multi-line text input or output."""

    EVENTS = ("change", "input", "select", "submit", "focus", "blur", "stop", "copy")
    SIGNATURE = """value, *, type, lines, max_lines, placeholder, label, info, every, inputs, show_label, container,
        scale, min_width, interactive, visible, elem_id, autofocus, autoscroll, elem_classes, render, key,
        preserved_by_key, text_align, rtl, buttons, max_length, submit_btn, stop_btn, html_attributes, show_copy_button"""

    value: str | Callable[..., Any] | None = None
    """The text shown; a callable is called when the page loads to produce it."""
    type: Literal["text", "password", "email"] = "text"
    """The kind of input: "password" hides what is typed; "email" lets the browser check the address."""
    lines: int = 1
    """Rows of the text area (1: a single-line input; Enter submits)."""
    max_lines: int | None = None
    """Rows the text area may grow to as text is typed before it scrolls (None: 20 when lines > 1)."""
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
    buttons: list[Literal["copy"]] | None = None
    """Icon buttons in the corner of the box: "copy" copies the text."""
    max_length: int | None = None
    """The most characters the box accepts; longer input is refused."""
    submit_btn: str | bool | None = False
    """A submit button inside the box: True for an arrow icon, or a string for its label."""
    stop_btn: str | bool | None = False
    """A stop button inside the box (shown while an event runs): True for an icon, or its label."""
    html_attributes: Any = None
    """Extra HTML attributes for the input element (autocorrect, spellcheck, ...)."""
    show_copy_button: bool | None = prop(None, wire=False)
    """Gradio 5 spelling of ``buttons=["copy"]``."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.buttons = list(self.buttons or (["copy"] if self.show_copy_button else []))

    def preprocess(self, payload: Any) -> str | None:
        text = to_text(payload, "Textbox")
        if text is not None and self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(f"Text is longer than the maximum of {self.max_length} characters.")
        return text

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> Any:
        return "Hello!!"


class TextArea(Textbox, register=False, type_name="textbox", defaults={"lines": 7, "max_lines": 20}):
    """A Textbox of seven rows that grows to twenty (Gradio's template)."""

    SIGNATURE = """value, *, lines, max_lines, placeholder, label, info, every, inputs, show_label, container, scale,
        min_width, interactive, visible, elem_id, autofocus, autoscroll, elem_classes, render, key, preserved_by_key,
        type, text_align, rtl, buttons, max_length, submit_btn, stop_btn, html_attributes, show_copy_button"""


class Markdown(Component):
    """Rendered Markdown (GFM, code, LaTeX)."""

    EVENTS = ("change", "copy")

    def __init__(
        self,
        value: str | Any | None = None,
        *,
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        rtl: bool = False,
        latex_delimiters: list[dict[str, Any]] | None = None,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        sanitize_html: bool = True,
        line_breaks: bool = False,
        header_links: bool = False,
        height: int | str | None = None,
        max_height: int | str | None = None,
        min_height: int | str | None = None,
        buttons: list[str] | None = None,
        container: bool = False,
        padding: bool = False,
        show_copy_button: bool | None = None,
    ) -> None:
        self.rtl = rtl
        self.latex_delimiters = latex_delimiters or [{"left": "$$", "right": "$$", "display": True}]
        self.sanitize_html = sanitize_html
        self.line_breaks = line_breaks
        self.header_links = header_links
        self.height = height
        self.max_height = max_height
        self.min_height = min_height
        self.buttons = list(buttons or (["copy"] if show_copy_button else []))
        self.padding = padding
        super().__init__(
            value,
            label=label,
            every=every,
            inputs=inputs,
            show_label=show_label,
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
            container=container,
            min_width=None,
        )

    def preprocess(self, payload: Any) -> str | None:
        return to_text(payload, "Markdown")

    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        return inspect.cleandoc(str(value))

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> Any:
        return "# Hello!"


class HTML(Component):
    """Raw HTML, sanitised in the browser unless the app opts out."""

    EVENTS = ("change", "input", "click", "double_click", "submit", "stop", "edit", "clear", "select")

    def __init__(
        self,
        value: str | Any | None = None,
        *,
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool = False,
        visible: bool | str = True,
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
        html_template: str | None = None,
        css_template: str | None = None,
        js_on_load: str | None = None,
        apply_default_css: bool = True,
        sanitize_html: bool = True,
        **props: Any,
    ) -> None:
        self.min_height = min_height
        self.max_height = max_height
        self.padding = padding
        self.autoscroll = autoscroll
        self.html_template = html_template
        self.css_template = css_template
        self.js_on_load = js_on_load
        self.apply_default_css = apply_default_css
        self.sanitize_html = sanitize_html
        self.props = props or None
        super().__init__(
            value,
            label=label,
            every=every,
            inputs=inputs,
            show_label=show_label,
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
            container=container,
            min_width=None,
        )

    def preprocess(self, payload: Any) -> Any:
        return payload

    def postprocess(self, value: Any) -> Any:
        return None if value is None else (value if isinstance(value, (str, dict, list)) else str(value))

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> Any:
        return "<p>Hello</p>"


class Code(FormComponent):
    """Source code with syntax highlighting."""

    EVENTS = ("change", "input", "focus", "blur")

    def __init__(
        self,
        value: str | Any | None = None,
        language: str | None = None,
        *,
        every: float | None = None,
        inputs: Any = None,
        lines: int = 5,
        max_lines: int | None = None,
        label: str | None = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        wrap_lines: bool = False,
        show_line_numbers: bool = True,
        autocomplete: bool = False,
        interactive: bool | None = None,
        buttons: list[str] | None = None,
    ) -> None:
        self.language = language
        self.lines = lines
        self.max_lines = max_lines
        self.wrap_lines = wrap_lines
        self.show_line_numbers = show_line_numbers
        self.autocomplete = autocomplete
        self.buttons = buttons
        super().__init__(
            value,
            label=label,
            every=every,
            inputs=inputs,
            show_label=show_label,
            container=container,
            scale=scale,
            min_width=min_width,
            interactive=interactive,
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def preprocess(self, payload: Any) -> str | None:
        return to_text(payload, "Code")

    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, tuple) and value:
            with open(str(value[0]), encoding="utf-8") as fh:
                return fh.read().strip()
        return str(value).strip()

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> Any:
        return "print('Hello World')"
