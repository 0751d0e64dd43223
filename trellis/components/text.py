"""Text components: Textbox, Markdown, HTML and Code."""

from __future__ import annotations

import functools
import inspect
import re
import warnings
from collections.abc import Callable
from typing import Any, ClassVar, Literal

from typing_extensions import override

from trellis.blocks.events import BoundListener, EventListener
from trellis.components.base import (
    CORNER_BUTTONS_WIRE,
    Block,
    BlockContext,
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


#: The JavaScript Gradio's HTML runs when the app gives no ``js_on_load``: a click on it fires ``click``.
HTML_CLICK_JS = "element.addEventListener('click', function() { trigger('click') });"


def _server(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Mark ``fn`` as callable from the browser (Gradio's marker, which the component-server route checks)."""
    fn._is_server_fn = True  # type: ignore[attr-defined]
    return fn


_SCRIPT_TAG = re.compile(r"<script[\s>]", re.IGNORECASE)


def _warn_script(content: Any) -> None:
    """Warn that a ``<script>`` in an HTML's markup will not run (the browser ignores scripts set as innerHTML)."""
    if isinstance(content, str) and _SCRIPT_TAG.search(content):
        warnings.warn(
            "gr.HTML: this markup holds a <script> tag, which the browser will not run (markup is inserted as "
            "innerHTML). Load libraries with head='<script src=...></script>' (loaded before js_on_load runs) "
            "and put code in js_on_load.",
            UserWarning,
            stacklevel=3,
        )


class HTML(
    BlockContext,
    Component,
    LabelledCard,
    Changes,
    CornerButtons,
    defaults={"show_label": False, "container": False, "min_width": None},
):
    """Arbitrary HTML, or a template filled in the browser from the value and extra props.

    ``html_template`` and ``css_template`` are read first as Handlebars templates (``{{value}}``,
    ``{{#each value}}...{{/each}}``, ``{{#if flag}}...{{else}}...{{/if}}``), then as JavaScript template
    literals (``${value.length}``, ``${items.map(i => `<li>${i}</li>`).join('')}``); the names in scope are
    ``value``, ``label``, ``visible`` and every extra keyword argument of the constructor (``**props``), which
    ``gr.update(name=...)`` or a returned ``gr.HTML(name=...)`` change later. ``js_on_load`` runs once the HTML
    is shown, with ``element``, ``props``, ``trigger``, ``server``, ``upload`` and ``watch`` in scope; an event
    it triggers by a quoted name (``trigger('rated', {stars: 3})``) can be listened to from Python as
    ``html.rated(fn, ...)``, the data reaching the function as ``gr.EventData``. Inside ``with gr.HTML(...):``
    the blocks created are drawn where the template says ``@children``. A class deriving from ``gr.HTML`` with
    its own templates and ``api_info`` is drawn by the same view.
    """

    EVENTS: ClassVar[tuple[str, ...]] = (
        "change", "input", "click", "double_click", "submit", "stop", "edit", "clear", "play", "pause", "end",
        "start_recording", "pause_recording", "stop_recording", "focus", "blur", "upload", "release", "select",
        "stream", "like", "example_select", "option_select", "load", "key_up", "apply", "delete", "tick", "undo",
        "retry", "expand", "collapse", "download", "copy",
    )  # fmt: skip
    click = EventListener()
    double_click = EventListener()
    submit = EventListener()
    stop = EventListener()
    edit = EventListener()
    clear = EventListener()
    play = EventListener()
    pause = EventListener()
    end = EventListener()
    start_recording = EventListener()
    pause_recording = EventListener()
    stop_recording = EventListener()
    focus = EventListener()
    blur = EventListener()
    upload = EventListener()
    release = EventListener()
    select = EventListener()
    stream = EventListener()
    like = EventListener()
    example_select = EventListener()
    option_select = EventListener()
    load = EventListener()
    key_up = EventListener()
    apply = EventListener()
    delete = EventListener()
    tick = EventListener()
    undo = EventListener()
    retry = EventListener()
    expand = EventListener()
    collapse = EventListener()
    download = EventListener()
    copy = EventListener()

    value: Any = prop(default=None, kw_only=False)
    """What ``${value}`` stands for in the templates (by default the HTML shown), any JSON value; a callable is
    called when the page loads."""
    html_template: str = "${value}"
    """The markup, filled in the browser: Handlebars (``{{value}}`` escaped, ``{{{value}}}`` raw, ``{{#each}}``,
    ``{{#if}}``, ``{{#unless}}``, ``{{#with}}``) and then a JavaScript template literal (``${...}``). An
    ``@children`` at its top level is where the blocks created inside ``with gr.HTML(...):`` are drawn."""
    css_template: str = ""
    """CSS for this component only, filled like ``html_template``; declarations outside a rule style its root."""
    js_on_load: str | None = HTML_CLICK_JS
    """JavaScript run once the HTML is shown (after ``head`` has loaded), with ``element`` (its root element),
    ``props`` (the value and props: assigning ``props.value`` re-renders it and sends the value to Python),
    ``trigger(event, data)``, ``server`` (the ``server_functions``, each returning a promise), ``upload(file)``
    (resolves to ``{path, url}``) and ``watch(names, callback)`` (called after a re-render when those props
    change from Python). The default fires ``click`` when the HTML is clicked."""
    apply_default_css: bool = True
    """Give the HTML Gradio's document look (paragraphs, headings, lists, tables, links, form fields and buttons
    styled from the theme); False leaves only the page's reset."""
    head: str | None = None
    """Markup put into the page's ``<head>`` before ``js_on_load`` runs (``<script src>``, ``<link>``...); a script
    with the same ``src``, an inline script with the same text or a link with the same ``href`` is added once
    however many components ask for it, and ``js_on_load`` waits for the scripts to load."""
    min_height: int | str | None = None
    """The least height of the component (pixels, or a CSS length); taller content makes it grow."""
    max_height: int | str | None = None
    """The most the component grows to (pixels, or a CSS length) before its content scrolls."""
    padding: bool = False
    """Pad the card as well (seen with ``container=True``); the HTML itself is always inset by the block padding."""
    autoscroll: bool = False
    """Scroll the page (or the scrolling box it is in) to the bottom when the content changes, unless the user
    has scrolled more than 100px up from it."""
    sanitize_html: bool = False
    """Trellis only: strip scripts, event-handler attributes, frames and other unsafe markup before showing it.
    False (the default, as Gradio's HTML) shows the markup as given."""
    server_functions: list[Callable[..., Any]] | None = prop(default=None, wire=False)
    """Python functions the component's JavaScript calls as ``await server.name(arg)``: the argument (a list
    when several are given) is sent to the server, the function is called with it and its JSON answer resolves
    the promise. Each is also an attribute of the component, named after the function."""
    props: dict[str, Any] = prop(default=None, sent_as="dict[str, Any]")
    """The constructor's extra keyword arguments, in scope by name in the templates and in ``props`` in the
    script."""
    component_class_name: str = prop(default="HTML", init=False)
    """The name of the component's class ("HTML", or an app's class deriving from it), shown in render errors."""

    def __init__(  # as Gradio's: any other keyword argument is a prop of the templates
        self,
        value: Any = None,
        *,
        label: str | None = None,
        html_template: str = "${value}",
        css_template: str = "",
        js_on_load: str | None = HTML_CLICK_JS,
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
        min_height: int | str | None = None,
        max_height: int | str | None = None,
        container: bool = False,
        padding: bool = False,
        autoscroll: bool = False,
        buttons: list[str | Block] | None = None,
        head: str | None = None,
        server_functions: list[Callable[..., Any]] | None = None,
        sanitize_html: bool = False,
        **props: Any,
    ) -> None:
        _warn_script(html_template)
        self._init_props(**{name: arg for name, arg in locals().items() if name != "self"} | {"props": props})

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # An app's class deriving from HTML is drawn by the HTML view: its type stays "html", and, as in
        # Gradio, its props name it by its own lower-case class name.
        kwargs.setdefault("type_name", "html")
        kwargs.setdefault("name", cls.__name__.lower())
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            cls.__init__ = _count_positional(cls.__dict__["__init__"])  # type: ignore[method-assign]

    def __post_init__(self) -> None:
        super().__post_init__()
        self.props = dict(self.props or {})
        self.component_class_name = type(self).__name__
        # Server functions: the methods the class marks with @server, then the functions given.
        self.server_fns: list[Callable[..., Any]] = [
            getattr(self, name)
            for name in dict.fromkeys(n for klass in reversed(type(self).__mro__) for n in vars(klass))
            if not name.startswith("_") and getattr(inspect.getattr_static(self, name, None), "_is_server_fn", False)
        ]
        for fn in self.server_functions or []:
            if not callable(fn):
                raise TypeError(f"gr.HTML server_functions must be functions, got {fn!r}")
            marked = _server(fn)
            name = getattr(fn, "__name__", None)
            if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
                raise ValueError(f"gr.HTML server function {fn!r} needs a public name (a def, not a lambda)")
            setattr(self, name, marked)
            self.server_fns.append(marked)

    def __getattr__(self, name: str) -> Any:
        # As Gradio's: an event the script triggers by a quoted name is a listener of its own (html.rated(fn)).
        if not name.startswith("__"):
            js = self.__dict__.get("js_on_load") or ""
            if re.search(rf"""['"`]{re.escape(name)}['"`]""", js):
                return BoundListener(self, name)
        raise AttributeError(
            f"{type(self).__name__!r} object has no attribute {name!r}; to listen to a custom event, trigger it "
            f"from js_on_load with its name in quotes (trigger({name!r}))."
        )

    @override
    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        names = [getattr(fn, "__name__", "") for fn in self.server_fns]
        if names:
            props["server_fns"] = names
        props["component_class_name"] = props.pop("component_class_name", self.component_class_name)
        return props

    def listener_props(self, events: set[str]) -> dict[str, Any]:
        """Props that Gradio's HTML sends for its chat-style events (which of them have listeners)."""
        return {
            "_retryable": "retry" in events,
            "_undoable": "undo" in events,
            "likeable": "like" in events,
            "streamable": False,
        }

    @override
    def explicit_props(self) -> dict[str, Any]:
        # A returned gr.HTML(...) (or an app's subclass): its HTML arguments, and the others as template props
        # (which shape_update nests under "props"), keyword arguments first as Gradio records them.
        sent = super().explicit_props()
        given = dict(getattr(self, "_explicit", {}))
        for name in _var_keyword(type(self)):  # an app's class may name its **kwargs anything
            more = given.pop(name, None)
            if isinstance(more, dict):
                given.update(more)
        positional = self.__dict__.get("_positional", 0)
        names = list(given)
        update: dict[str, Any] = {}
        for name in names[positional:] + names[:positional]:
            if name in _NOT_UPDATED:
                continue
            if name in _HTML_PARAMS:
                if name in sent:
                    update[name] = sent[name]
            else:
                update[name] = self.props.get(name, given[name])
        return update

    def shape_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """An update for this component as Gradio sends it.

        The arguments that are no HTML parameter (template props) go under ``"props"``, which keeps its own
        ``"__type__"`` as Gradio's does.
        """
        extra = {k: v for k, v in update.items() if k not in _HTML_PARAMS and k not in ("value", "__type__")}
        if not extra:
            return update
        shaped = {k: v for k, v in update.items() if k in _HTML_PARAMS and k != "props"}
        props = dict(update.get("props") or {}) if isinstance(update.get("props"), dict) else {}
        shaped["props"] = {**props, **extra, "__type__": "update"}
        if "value" in update:
            shaped["value"] = update["value"]
        shaped["__type__"] = "update"
        return shaped

    @override
    def preprocess(self, payload: Any) -> Any:
        return payload

    @override
    def postprocess(self, value: Any) -> Any:
        _warn_script(value)
        return value

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    @override
    def example_payload(self) -> Any:
        return "<p>Hello</p>"


#: The parameters of HTML's own constructor: any other argument of a returned instance is one of its ``props``.
_HTML_PARAMS = frozenset(inspect.signature(HTML.__init__).parameters) - {"self", "props"}


def _count_positional(init: Callable[..., None]) -> Callable[..., None]:
    """Record how many arguments the outermost constructor call gave by position (Gradio lists them last)."""

    @functools.wraps(init)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> None:
        self.__dict__.setdefault("_positional", len(args))
        init(self, *args, **kwargs)

    return wrapper


def _var_keyword(cls: type) -> tuple[str, ...]:
    """The name of the ``**kwargs`` parameter of ``cls``'s constructor (none, or one)."""
    params = inspect.signature(cls.__init__).parameters.values()  # type: ignore[misc]
    return tuple(p.name for p in params if p.kind is inspect.Parameter.VAR_KEYWORD)


#: Constructor arguments that are never sent in an update.
_NOT_UPDATED = frozenset({"self", "value", "render", "key", "every", "inputs", "server_functions"})


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
