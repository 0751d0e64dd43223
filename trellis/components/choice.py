"""Choice components: Checkbox, CheckboxGroup, Radio and Dropdown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, cast

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import (
    CORNER_BUTTONS_WIRE,
    Block,
    Changes,
    CornerButtons,
    Focusable,
    FormComponent,
    LabelledInput,
    Scalar,
)
from trellis.components.props import prop
from trellis.exceptions import ValidationError


class _FirstChoice:
    """Default of ``Dropdown(value=...)``: the first choice (nothing for a multiselect)."""

    def __repr__(self) -> str:
        return "<first choice>"


FIRST_CHOICE: Any = _FirstChoice()

Choices = Sequence[str | int | float | tuple[str, str | int | float] | list[Any]] | None


def normalize_choices(choices: Choices) -> list[tuple[str, Any]]:
    """``["a", ("B", "b")]`` → ``[("a", "a"), ("B", "b")]``: (label, value) pairs."""
    out: list[tuple[str, Any]] = []
    for choice in choices or []:
        if isinstance(choice, (tuple, list)):
            if len(choice) != 2:
                raise ValueError(f"A choice given as a tuple must be (label, value), got {choice!r}")
            out.append((str(choice[0]), choice[1]))
        else:
            out.append((str(choice), choice))
    return out


class _ChoiceComponent(FormComponent, LabelledInput, Changes, CornerButtons, register=False):
    """Props, events and checks shared by CheckboxGroup, Radio and Dropdown."""

    select = EventListener()
    DEFAULT_BUTTONS = None

    choices: Choices = prop(default=None, kw_only=False, sent_as="list[tuple[str, Any]]")
    """The options: each a value, or a (label shown, value) pair; kept as (label, value) pairs."""
    value: Any = None
    """The selected choice(s), by value; a callable is called when the page loads to produce it."""
    type: Literal["value", "index"] = "value"
    """What the function receives for a selected choice: its value, or its position in ``choices``."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """gr.Button instances shown in the top-right corner, with the label: each is taken out of the layout and drawn as
    a small text button that fires the Button's click listeners (None: none)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.choices = normalize_choices(self.choices)

    def _values(self) -> list[Any]:
        pairs = cast("list[tuple[str, Any]]", self.choices)  # as __post_init__ normalised them
        return [value for _, value in pairs]

    def _check_choice(self, value: Any) -> Any:
        values = self._values()
        if value not in values:
            raise ValidationError(f"Value: {value!r} is not in the list of choices: {values!r}")
        return values.index(value) if self.type == "index" else value

    def _enum_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": [value for value in self._values()]}

    def example_payload(self) -> Any:
        values = self._values()
        return values[0] if values else None


class Checkbox(FormComponent, Scalar, LabelledInput, Changes, CornerButtons):
    """A single true/false box."""

    select = EventListener()
    JSON_TYPE = "boolean"
    PYTHON_TYPE = bool
    DEFAULT_BUTTONS = None
    SIGNATURE = """value, *, label, info, every, inputs, show_label, container, scale, min_width, interactive, visible,
        elem_id, elem_classes, render, key, preserved_by_key, buttons"""

    value: bool | Callable[..., Any] | None = prop(default=False, kw_only=False)
    """Whether the box is checked; a callable is called when the page loads to produce it."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """gr.Button instances shown in the top-right corner: each is taken out of the layout and drawn as a small text
    button that fires the Button's click listeners (None: none)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.initial_value is None and self.load_fn is None:
            self.initial_value = False  # as Gradio: value=None is an unchecked box

    @override
    def postprocess(self, value: Any) -> bool:
        """What a function returned, as a box's state: its truth value (None: unchecked), as Gradio."""
        return bool(value)

    @override
    def preprocess(self, payload: Any) -> bool | None:
        if payload is None:
            return None
        if not isinstance(payload, bool):
            raise ValidationError(f"Checkbox expects true or false, got {type(payload).__name__}: {payload!r:.80}")
        return payload

    @override
    def example_payload(self) -> Any:
        return True


class CheckboxGroup(_ChoiceComponent):
    """Several boxes; the value is the list of checked choices."""

    SIGNATURE = """choices, *, value, type, label, info, every, inputs, show_label, show_select_all, container, scale,
        min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, buttons"""

    value: Sequence[Any] | Any | None = None
    """The values of the boxes checked at first (None: none); a callable is called when the page loads."""
    show_select_all: bool = False
    """Show a box above the others that checks or unchecks them all."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.initial_value is None and self.load_fn is None:
            self.initial_value = []

    @override
    def preprocess(self, payload: Any) -> list[Any] | None:
        if payload is None:
            return []
        if not isinstance(payload, list):
            payload = [payload]
        return [self._check_choice(item) for item in payload]

    @override
    def postprocess(self, value: Any) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, (list, tuple, set)):
            return [value]
        return list(value)

    @override
    def api_info(self) -> dict[str, Any]:
        return {"items": self._enum_schema(), "title": "Checkbox Group", "type": "array"}

    @override
    def example_payload(self) -> Any:
        first = super().example_payload()
        return [first] if first is not None else []


class Radio(_ChoiceComponent):
    """One choice out of several, shown as radio buttons."""

    SIGNATURE = """choices, *, value, type, label, info, every, inputs, show_label, container, scale, min_width,
        interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, rtl, buttons"""

    value: Any = None
    """The value of the choice selected at first (None: none); a callable is called when the page loads."""
    rtl: bool = False
    """Lay the choices out right to left."""

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        return self._check_choice(payload)

    @override
    def api_info(self) -> dict[str, Any]:
        return {"enum": self._values(), "title": "Radio", "type": "string"}


class Dropdown(_ChoiceComponent, Focusable):
    """A searchable list of choices; ``multiselect`` allows several."""

    key_up = EventListener()
    SIGNATURE = """choices, *, value, type, multiselect, allow_custom_value, max_choices, num_choices_shown, filterable,
        label, info, every,
        inputs, show_label, container, scale, min_width, interactive, visible, elem_id, elem_classes, render, key,
        preserved_by_key, buttons"""

    value: Any = FIRST_CHOICE
    """The selected value, or list of values with ``multiselect`` (default: the first choice; none for a
    multiselect); a callable is called when the page loads to produce it."""
    multiselect: bool | None = None
    """Let the user pick several choices; the value is then a list."""
    allow_custom_value: bool = False
    """Accept typed text that is not one of the choices as the value."""
    max_choices: int | None = None
    """With ``multiselect``: the most choices that can be picked (None: no limit)."""
    num_choices_shown: int | None = 100
    """How many matching choices the open list shows (its height fits that many); scrolling to its end shows
    that many more. None shows them all at once."""
    filterable: bool = True
    """Let the user type in the box to filter the list of choices."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.num_choices_shown is not None and self.num_choices_shown <= 0:
            raise ValueError("The `num_choices_shown` parameter must be greater than 0.")
        value = self.initial_value
        if value is FIRST_CHOICE:
            values = self._values()
            value = values[0] if values and not self.multiselect else None
        if self.multiselect and value is None and self.load_fn is None:
            value = []
        self.initial_value = value

    def _check(self, item: Any) -> Any:
        if self.allow_custom_value:
            values = self._values()
            if self.type == "index":
                return values.index(item) if item in values else None
            return item
        return self._check_choice(item)

    @override
    def preprocess(self, payload: Any) -> Any:
        if self.multiselect:
            if payload is None:
                return []
            if not isinstance(payload, list):
                payload = [payload]
            if self.max_choices is not None and len(payload) > self.max_choices:
                raise ValidationError(f"At most {self.max_choices} choices can be selected, got {len(payload)}.")
            return [self._check(item) for item in payload]
        if payload is None:
            return None
        if isinstance(payload, list):
            raise ValidationError("This Dropdown takes a single value, not a list (it is not multiselect).")
        return self._check(payload)

    @override
    def postprocess(self, value: Any) -> Any:
        if self.multiselect:
            if value is None:
                return []
            return list(value) if isinstance(value, (list, tuple, set)) else [value]
        return value

    @override
    def api_info(self) -> dict[str, Any]:
        item = {"type": "string"} if self.allow_custom_value else self._enum_schema()
        if self.multiselect:
            return {"items": item, "title": "Dropdown", "type": "array"}
        return {**item, "title": "Dropdown"}

    @override
    def example_payload(self) -> Any:
        first = super().example_payload()
        if self.multiselect:
            return [first] if first is not None else []
        return first
