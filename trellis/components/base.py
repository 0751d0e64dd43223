"""Blocks, containers and components: ids, props, the ``with`` tree and the data contract.

Every component follows one contract, used by the processing layer and nothing else:

* ``preprocess(payload)`` turns the JSON value sent by a client into what the
  user's function receives, raising :class:`~trellis.exceptions.ValidationError`
  for a value that does not fit;
* ``postprocess(value)`` turns what the function returned into the JSON value
  sent back;
* ``api_info()`` is the JSON Schema of that payload and ``example_payload()`` a
  value that fits it.

Props are declared once, as typed class attributes with a docstring each
(:mod:`trellis.components.props`); the shared ones live in the small mixins below
(:class:`Labelled`, :class:`Boxed`, :class:`Scaled`, :class:`Editable`,
:class:`Informed`, bundled as :class:`LabelledCard` and :class:`LabelledInput`). The
constructor is written from those declarations. Events shared by several components
are declared once too, in :class:`Changes` and :class:`Focusable`, and a payload that is
one JSON scalar is handled once, by :class:`Scalar`.
"""

from __future__ import annotations

import copy
import functools
import inspect
import itertools
import sys
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal

from typing_extensions import Self, override

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover
    from typing_extensions import dataclass_transform

from trellis._filedata import contains_file
from trellis.blocks import context
from trellis.blocks.events import EventListener
from trellis.components import registry
from trellis.components.props import Prop, build_init, collect, initial, prop
from trellis.exceptions import DuplicateBlockError

_ids = itertools.count()

#: Constructor parameters that are never sent as props.
_NOT_PROPS = frozenset({"self", "value", "render", "key", "every", "inputs", "args", "kwargs"})


def next_id() -> int:
    """A new block id, unique in this process."""
    return next(_ids)


class _Placed:
    """What every block's constructor sets besides its props: its id and its place in the layout tree.

    Declared on a base outside the ``dataclass_transform`` below, so type checkers know the
    attributes without taking them for constructor parameters.
    """

    __slots__ = ()

    _id: int
    parent: BlockContext | None
    is_rendered: bool


@dataclass_transform(kw_only_default=True, field_specifiers=(prop,))
class _Declared(_Placed):
    """The root type checkers know: each subclass's annotated attributes are its constructor's parameters."""

    __slots__ = ()


class Block(_Declared):
    """Anything that has an id and a place in the layout tree.

    Subclasses declare their props as annotated class attributes, each followed
    by a docstring, and list their constructor's parameters in ``SIGNATURE``
    (``"value, *, label, ..."``, Gradio's order); the constructor is written
    from them. A subclass may still define ``__init__`` by hand. Its events are
    class attributes too (``click = EventListener()``), so ``button.click`` is typed.
    """

    block_type: ClassVar[str] = "block"
    #: Its name in the config's props and in the API docs ("Lineplot"): its type string, unless the
    #: class is drawn by another type's view (Gradio's line, scatter and bar plots are "nativeplot"s).
    component_name: ClassVar[str] = "block"
    skip_api: ClassVar[bool] = True
    #: Whether a run of children wrapped in one parent (inputs in a Form) ends at this block; the invisible
    #: Timer, State and BrowserState let it go on, as in Gradio.
    breaks_grouping: ClassVar[bool] = True
    #: Its event names, in order: written by ``__init_subclass__`` from the ``EventListener`` attributes
    #: the class and its bases declare (``click = EventListener()``); a class may still set the tuple.
    EVENTS: ClassVar[tuple[str, ...]] = ()
    #: The constructor's parameters in order, ``*`` before the keyword-only ones.
    SIGNATURE: ClassVar[str | None] = None
    #: Inherited props this block does not send (non-visual blocks have no elem_id, visible...).
    UNSENT: ClassVar[tuple[str, ...]] = ()
    _props: ClassVar[dict[str, Prop]] = {}
    _prop_names: ClassVar[tuple[str, ...]] = ()

    elem_id: str | None = None
    """An HTML id for the block's wrapper, for custom CSS and JS."""
    elem_classes: list[str] | str | None = prop(default=None, sent_as="list[str]")
    """HTML classes added to the block's wrapper, for custom CSS."""
    visible: bool | Literal["hidden"] = True
    """False removes the block from the page; "hidden" keeps it in the page but not shown."""
    _render_on_create: bool = prop(default=True, alias="render", wire=False)
    """False creates the block without placing it in the enclosing layout (place it later with render())."""
    key: int | str | tuple[int | str, ...] | None = prop(default=None, wire=False)
    """Identifies the block across re-renders of gr.render, so the browser keeps its state."""
    preserved_by_key: list[str] | str | None = prop(default="value", sent_as="list[str]")
    """Props kept from the previous render when a block with the same key is re-rendered."""

    def __init_subclass__(
        cls,
        type_name: str | None = None,
        name: str | None = None,
        register: bool = True,
        defaults: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        cls._props = collect(cls, defaults)
        # A constructor is written for a class that gives its SIGNATURE, or that adds props or
        # defaults to a class whose constructor was written; abstract bases and mixins inherit.
        inherited = getattr(inspect.unwrap(cls.__init__), "from_props", False)
        declares = "SIGNATURE" in cls.__dict__ or (inherited and ("__annotations__" in cls.__dict__ or defaults))
        if "__init__" not in cls.__dict__ and declares:
            cls.__init__ = build_init(cls, cls._props, cls.SIGNATURE, _setup_for(cls))  # type: ignore[method-assign]
        if "__init__" in cls.__dict__:
            cls.__init__ = _record_explicit_args(cls.__dict__["__init__"])  # type: ignore[method-assign]
        cls.block_type = type_name or cls.__name__.lower()
        cls.component_name = name or cls.block_type
        cls._prop_names = _wire_names(cls)
        cls.EVENTS = _events(cls)
        for event in cls.EVENTS:
            if event not in cls.__dict__ and not isinstance(getattr(cls, event, None), EventListener):
                setattr(cls, event, EventListener(event))
        if register:
            registry.register(cls)

    def __post_init__(self) -> None:
        """Normalise the props just assigned (mixins extend this; each calls ``super()``)."""
        self.elem_classes = [self.elem_classes] if isinstance(self.elem_classes, str) else list(self.elem_classes or [])
        keep = self.preserved_by_key
        self.preserved_by_key = [keep] if isinstance(keep, str) else list(keep or [])

    def _init_props(self, **values: Any) -> None:
        """For a hand-written constructor: set the props (defaults where not given), normalise, place."""
        props = type(self)._props.values()
        unknown = set(values) - {p.param for p in props if p.init}
        if unknown:
            raise TypeError(f"{type(self).__name__} has no props {sorted(unknown)}")
        _setup_for(type(self))(self, {p.param: values.get(p.param, p.default) for p in props if p.init})

    def _init_value(self) -> None:
        """Turn the initial value into its payload, once every prop is set (components override)."""

    # -- the layout tree -----------------------------------------------------
    def render(self) -> Block:
        """Add this block to the innermost open container (``with`` block)."""
        container = context.current_container()
        if container is None:
            return self
        if self.is_rendered and self.parent is container:
            raise DuplicateBlockError(f"{self!r} is already rendered in this container.")
        if self.parent is not None and self in self.parent.children:
            self.parent.children.remove(self)
        container.add_child(self)
        self.is_rendered = True
        return self

    def unrender(self) -> Block:
        """Take this block out of its container."""
        if self.parent is not None and self in self.parent.children:
            self.parent.children.remove(self)
        self.parent = None
        self.is_rendered = False
        return self

    # -- config ----------------------------------------------------------------
    def get_props(self) -> dict[str, Any]:
        """The props sent in ``config.components[].props``: constructor arguments minus ``None``."""
        props: dict[str, Any] = {}
        for name in self._prop_names:
            value = getattr(self, name, None)
            if value is not None and not callable(value):
                props[name] = value
        initial = self.config_value()
        if initial is not None:
            props["value"] = initial
        props["name"] = self.component_name
        props["_selectable"] = bool(getattr(self, "_selectable", False))
        return props

    def config_value(self) -> Any:
        """The value put in the config's props (``None``: no ``value`` prop)."""
        return None

    def explicit_props(self) -> dict[str, Any]:
        """Props the app passed to the constructor, as an update (for returned instances)."""
        update: dict[str, Any] = {}
        unsent = {p.param for p in type(self)._props.values() if not p.wire}
        for name in getattr(self, "_explicit", {}):
            if name in _NOT_PROPS or name in unsent:
                continue
            value = getattr(self, name, None)
            if not callable(value):
                update[name] = value
        return update

    def __repr__(self) -> str:
        label = getattr(self, "label", None)
        extra = f" label={label!r}" if label else ""
        return f"<{type(self).__name__} id={self._id}{extra}>"

    def expected_parent(self) -> type[BlockContext] | None:
        """The container type this block must sit in; runs of such blocks get one wrapped around them."""
        return None

    # Blocks are hashable by identity so they can key dicts (``{textbox: value}``).
    __hash__ = object.__hash__


def _setup_for(cls: type[Block]) -> Callable[[Block, dict[str, Any]], None]:
    """What a written constructor does with its arguments: assign, normalise, place."""
    props = tuple(cls._props.values())

    def setup(self: Block, values: dict[str, Any]) -> None:
        for p in props:
            setattr(self, p.name, initial(values[p.param] if p.init else p.default))
        self._id = context.block_id(getattr(self, "key", None), next_id)
        self.parent = None
        self.is_rendered = False
        self.__post_init__()
        self._init_value()
        if self._render_on_create:
            self.render()

    return setup


def _events(cls: type[Block]) -> tuple[str, ...]:
    """The class's event names: its bases' (or an ``EVENTS`` tuple it sets), then the listeners it declares."""
    names: dict[str, None] = {}
    if "EVENTS" in cls.__dict__:
        names.update(dict.fromkeys(cls.__dict__["EVENTS"]))
    else:
        for base in reversed(cls.__mro__[1:]):
            names.update(dict.fromkeys(base.__dict__.get("EVENTS", ())))
    names.update(dict.fromkeys(name for name, value in cls.__dict__.items() if isinstance(value, EventListener)))
    return tuple(names)


def _wire_names(cls: type[Block]) -> tuple[str, ...]:
    """The props sent in the config."""
    unsent = set(_NOT_PROPS) | set(cls.UNSENT)
    return tuple(p.name for p in cls._props.values() if p.wire and p.name not in unsent)


def _record_explicit_args(init: Callable[..., None]) -> Callable[..., None]:
    signature: list[inspect.Signature] = []  # computed on the first call: class creation stays cheap

    @functools.wraps(init)
    def wrapper(self: Block, *args: Any, **kwargs: Any) -> None:
        if "_explicit" not in self.__dict__:
            if not signature:
                signature.append(inspect.signature(init))
            try:
                bound = signature[0].bind(self, *args, **kwargs)
            except TypeError:
                bound = None
            explicit = _in_call_order(bound.arguments, len(args), kwargs) if bound is not None else dict(kwargs)
            explicit.pop("self", None)
            extra = explicit.pop("kwargs", None)
            if isinstance(extra, dict):
                explicit.update(extra)
            self.__dict__["_explicit"] = explicit
        init(self, *args, **kwargs)

    return wrapper


def _in_call_order(bound: Mapping[str, Any], positional: int, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """The bound arguments in the order the call gave them (positional ones, then keywords as written).

    A returned instance sends its props in this order, as Gradio does.
    """
    names = list(bound)
    ordered = {name: bound[name] for name in names[: 1 + positional]}  # ``self`` and the positional arguments
    ordered.update((name, bound[name]) for name in kwargs if name in bound)
    ordered.update((name, value) for name, value in bound.items() if name not in ordered)
    return ordered


# Block's own constructor, written like its subclasses' (it has no __init_subclass__ call).
Block._props = collect(Block)
Block.__init__ = _record_explicit_args(build_init(Block, Block._props, None, _setup_for(Block)))  # type: ignore[method-assign]
Block._prop_names = _wire_names(Block)


class BlockContext(Block, register=False):
    """A container: collects the blocks created inside its ``with`` statement."""

    is_root: ClassVar[bool] = False

    def __post_init__(self) -> None:
        super().__post_init__()
        self.children: list[Block] = []

    def add_child(self, child: Block) -> None:
        """Append ``child`` to this container's children."""
        child.parent = self
        self.children.append(child)

    def __enter__(self) -> Self:
        context.push(self)
        return self

    def __exit__(self, *exc: object) -> None:
        context.pop(self)
        self.fill_expected_parents()

    def fill_expected_parents(self) -> None:
        """Wrap runs of children that need a parent of a given type (Tabs for Tab, Form for inputs)."""
        wrapped: list[Block] = []
        group: BlockContext | None = None
        for child in self.children:
            expected = child.expected_parent()
            if expected is None or isinstance(self, expected):
                if child.breaks_grouping:
                    group = None
                wrapped.append(child)
                continue
            if group is None or not isinstance(group, expected):
                # Inside a gr.render run, the wrapper of a keyed block is keyed too: it keeps its id across runs.
                # Its key is Gradio's: the block's key and "_parent".
                key = getattr(child, "key", None)
                wrapper_key = None
                if key is not None and context.render_keys() is not None:
                    wrapper_key = (*key, "_parent") if isinstance(key, tuple) else (key, "_parent")
                group = expected(render=False, key=wrapper_key) if wrapper_key is not None else expected(render=False)
                group.parent = self
                wrapped.append(group)
            group.add_child(child)
        self.children = wrapped


class Component(Block, register=False):
    """A block with a value: label, info and the preprocess/postprocess contract."""

    skip_api: ClassVar[bool] = False
    #: The payload is a FileData (or holds one at a fixed place): outputs are cached and served.
    data_model_is_file: ClassVar[bool] = False
    #: The payload may embed FileData anywhere (chat messages, …): processed off the event loop too.
    holds_files: ClassVar[bool] = False
    #: postprocess never returns objects the function still holds (so streamed diffs need no snapshot copy).
    fresh_payload: ClassVar[bool] = False

    value: Any = prop(default=None, kw_only=False)
    """The initial value; a callable is called when the page loads (and every ``every`` seconds) to produce it."""
    every: Any = prop(default=None, wire=False)
    """With a callable ``value``: call it again on each tick of this ``gr.Timer``, or every this many seconds."""
    inputs: Any = prop(default=None, wire=False)
    """With a callable ``value``: components whose values are passed to it (it runs again when they change)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.load_fn: Callable[..., Any] | None = None
        if callable(self.value) and not isinstance(self.value, type):
            self.load_fn, self.value = self.value, None
            if not self.inputs:
                self.value = self.load_fn()  # as in Gradio: the config's value is the function's first answer
            if isinstance(self.every, (int, float)) and not isinstance(self.every, bool) and self.every:
                # As in Gradio: ``every=seconds`` makes its Timer here, placed (and numbered) right after the component.
                timer: Callable[[float], Any] = registry.get("timer")  # Timer(seconds); timer.py imports this module
                self.every = timer(self.every)
        self.initial_value = self.value

    def _init_value(self) -> None:
        # As in Gradio, the default goes through postprocess too: an empty Gallery starts as [], a Label as {}.
        self.value = self.postprocess(self.initial_value)

    # -- the data contract -----------------------------------------------------
    def preprocess(self, payload: Any) -> Any:
        """Client payload → the value the function receives."""
        return payload

    def postprocess(self, value: Any) -> Any:
        """The function's return value → the client payload."""
        return value

    def api_info(self) -> dict[str, Any]:
        """JSON Schema of this component's payload."""
        return {}

    def payload_has_files(self, payload: Any) -> bool:
        """Whether an output payload holds FileData to cache and serve (components may answer faster)."""
        return contains_file(payload)

    def api_info_as_input(self) -> dict[str, Any]:
        """JSON Schema of the payload this component accepts as a listener input."""
        return self.api_info()

    def api_info_as_output(self) -> dict[str, Any]:
        """JSON Schema of the payload this component sends as a listener output."""
        return self.api_info()

    def example_payload(self) -> Any:
        """A payload that fits :meth:`api_info`, shown in the API docs."""
        return None

    def example_value(self) -> Any:
        """A value the function could receive."""
        return self.example_payload()

    def as_example(self, value: Any) -> Any:
        """How a value appears in an examples table: as in Gradio, what ``postprocess`` sends for it.

        A file is shown as its FileData, a Number with ``precision=0`` rounded, a Textbox's 3 as "3".
        """
        try:
            return self.postprocess(value)
        except Exception:  # an example the component cannot read stays as given
            return value

    def flag(self, payload: Any) -> str:
        """The text written to a flagging CSV for this payload."""
        if payload is None:
            return ""
        if isinstance(payload, (dict, list)):
            import json

            return json.dumps(payload)
        return str(payload)

    @override
    def config_value(self) -> Any:
        return self.value

    def fresh_value(self) -> Any:
        """A per-session copy of the initial value."""
        return copy.deepcopy(self.value)


class Scalar(Component, register=False):
    """A component whose payload is one JSON scalar, and whose values are converted to one Python type."""

    #: The payload's JSON Schema type ("string", "number", "boolean").
    JSON_TYPE: ClassVar[str]
    #: The type that payloads (for the function) and returned values (for the client) are converted to.
    PYTHON_TYPE: ClassVar[type[Any]]

    @override
    def preprocess(self, payload: Any) -> Any:
        return None if payload is None else self.PYTHON_TYPE(payload)

    @override
    def postprocess(self, value: Any) -> Any:
        return None if value is None else self.PYTHON_TYPE(value)

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": self.JSON_TYPE}


class FormComponent(Component, register=False):
    """An input-style component: runs of them are grouped into a ``form`` in the layout."""

    @override
    def expected_parent(self) -> type[BlockContext] | None:
        # As Gradio: one drawn without its container (container=False) stands alone, splitting the run.
        if getattr(self, "container", None) is False:
            return None
        form = registry.get("form")
        return form if issubclass(form, BlockContext) else None


# -- shared props: each declared once, mixed into the components that take it --


class Labelled(Block, register=False):
    """Props of a component shown with a label."""

    label: str | None = None
    """The text in the component's label badge, also used as its name in the API docs."""
    show_label: bool | None = prop(default=None, sent_as="bool")
    """Whether the label badge is shown (None: shown, unless the component is drawn without its card)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if getattr(self, "container", True) is False:
            self.show_label = False  # as in Gradio: no label outside the card
        elif self.show_label is None:
            self.show_label = True


class Informed(Block, register=False):
    """Props of an input with a line of help text."""

    info: str | None = None
    """Help text shown under the label."""


class Boxed(Block, register=False):
    """Props of a component drawn in a padded card."""

    container: bool = True
    """Whether the component sits in a padded card with a border (False: drawn bare, without its label)."""


class Scaled(Block, register=False):
    """Props of a block sized within a Row."""

    scale: int | None = None
    """Its width relative to its siblings in a Row (2 is twice as wide as 1; None or 0: its natural width)."""
    min_width: int | None = 160
    """Its minimum width in pixels; a Row wraps rather than squeeze it narrower."""


class Editable(Block, register=False):
    """Props of a component that can be an input or a read-only output."""

    interactive: bool | None = None
    """True: the user can edit it; False: read-only; None: editable only if it is an input of some listener."""


#: What a ``buttons`` list is sent as: icon-button names, and each custom Button as its props plus ``id``.
CORNER_BUTTONS_WIRE = "list[str | dict[str, Any]] | None"


class CornerButtons(Block, register=False):
    """The buttons in a component's top-right corner strip: its icon buttons, named, and Gradio 6's custom buttons.

    A ``gr.Button`` in ``buttons`` is taken out of the layout (it appears nowhere else) and sent in
    the component's props as its own props plus its ``"id"``; the browser draws it as a small text
    button at the end of the corner strip, and clicking it fires the Button's ``click`` listeners,
    which keep the Button's id as their target. Each class names its usual icon buttons in
    ``DEFAULT_BUTTONS`` (``None``: the prop stays ``None`` and the browser picks them).
    """

    #: The buttons when ``buttons`` is None (None: leave it None).
    DEFAULT_BUTTONS: ClassVar[tuple[str, ...] | None] = ()
    #: Whether gr.Button instances go in the corner (Gradio's Markdown leaves them in the layout).
    CUSTOM_BUTTONS: ClassVar[bool] = True

    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """Buttons in the top-right corner: the names of the component's icon buttons, and gr.Button instances, taken
    out of the layout and drawn as small text buttons at the end of the strip that fire the Button's click
    listeners (None: the component's usual icon buttons)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.buttons is None:
            self.buttons = None if self.DEFAULT_BUTTONS is None else list(self.DEFAULT_BUTTONS)
        else:
            self.buttons = corner_buttons(self.buttons, type(self).__name__, custom=self.CUSTOM_BUTTONS)

    @override
    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        if self.buttons is not None:
            props["buttons"] = corner_buttons_wire(self.buttons)
        return props

    @override
    def explicit_props(self) -> dict[str, Any]:
        update = super().explicit_props()
        if isinstance(update.get("buttons"), list):
            update["buttons"] = corner_buttons_wire(update["buttons"])
        return update


def corner_buttons(buttons: Any, owner: str, custom: bool = True) -> list[str | Block]:
    """A ``buttons`` list checked (names and gr.Button instances), its Buttons taken out of the layout, as Gradio."""
    if isinstance(buttons, (str, Block)):
        buttons = [buttons]
    checked: list[str | Block] = []
    for button in buttons:
        if isinstance(button, Block) and isinstance(button, registry.get("button")):
            if not custom:
                # Gradio leaves such a Button where it was made (an ordinary button in the layout).
                checked.append(button)
                continue
            button.unrender()  # drawn in the component's corner, not in the layout
        elif not isinstance(button, str):
            raise TypeError(f"{owner} buttons must be button names or gr.Button instances, got {button!r}")
        checked.append(button)
    return checked


def corner_buttons_wire(buttons: list[Any]) -> list[Any]:
    """The ``buttons`` prop as sent: names as they are, each Button as its props plus ``"id"``."""
    return [{**b.get_props(), "id": b._id} if isinstance(b, Block) else b for b in buttons]


class LabelledCard(Labelled, Boxed, Scaled, register=False):
    """The props of a component shown with a label, in a card, sized in a Row."""


class LabelledInput(Labelled, Informed, Boxed, Scaled, Editable, register=False):
    """The props of an input shown with a label and help text, in a card, sized in a Row."""


# -- shared events: each declared once, mixed into the components that fire it --


class Changes(Block, register=False):
    """Events of a value the user edits.

    ``change`` fires whenever the value changes, by the user or by a function's output;
    ``input`` only when the user changes it.
    """

    change = EventListener()
    input = EventListener()


class Focusable(Block, register=False):
    """Events of a field that takes the keyboard focus: ``focus`` when it gets it, ``blur`` when it loses it."""

    focus = EventListener()
    blur = EventListener()


class _AnyComponent(type):
    """Makes every component an instance of the public ``gr.components.Component``, as in Gradio."""

    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, Component) if cls is CustomComponent else super().__instancecheck__(obj)

    def __subclasscheck__(cls, sub: type) -> bool:
        return issubclass(sub, Component) if cls is CustomComponent else super().__subclasscheck__(sub)


class CustomComponent(Component, LabelledInput, register=False, metaclass=_AnyComponent, defaults={"min_width": None}):
    """Gradio's ``gr.components.Component``: the base of an app's own components, with Gradio's base arguments.

    The built-in components derive from the leaner :class:`Component` and take only the
    shared props Gradio's constructor for them takes; ``isinstance(x, gr.components.Component)``
    still holds for every one of them.
    """

    SIGNATURE = """value, *, label, info, show_label, container, scale, min_width, interactive, visible, elem_id,
        elem_classes, render, key, preserved_by_key, load_fn, every, inputs"""

    load_fn: Callable[..., Any] | None = prop(default=None, wire=False)
    """A function called when the page loads to produce the value (Gradio's spelling of a callable ``value``)."""

    def __post_init__(self) -> None:
        given = self.load_fn
        super().__post_init__()
        if given is not None:
            self.load_fn = given


def component_instance(spec: Any, render: bool = False) -> Component:
    """The component a spec names, as Gradio's ``Dataset(components=...)`` and Interface take them.

    A spec is a component (returned as is), a shortcut string (``"text"``, ``"image"``: see
    ``trellis.components.SHORTCUTS``), a dict of a ``"name"`` and constructor arguments
    (``{"name": "number", "precision": 0}``), or a component class (made with its defaults).
    """
    if isinstance(spec, Component):
        return spec
    kwargs: dict[str, Any] = {}
    if isinstance(spec, Mapping) and isinstance(spec.get("name"), str):
        kwargs = {k: v for k, v in spec.items() if k != "name"}
        spec = spec["name"]
    cls = registry.shortcut_class(spec) if isinstance(spec, str) else spec
    if isinstance(spec, str) and not (isinstance(cls, type) and issubclass(cls, Component)):
        raise registry.no_such_component(spec)  # a layout block ("row") is no component
    if not isinstance(cls, type) or not issubclass(cls, Component):
        raise ValueError(f"A component must be given as a str, a dict or a Component, not {spec!r}")
    return cls(**kwargs, render=render)
