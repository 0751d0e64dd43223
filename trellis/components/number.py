"""Numeric components: Number and Slider."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

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
)
from trellis.components.props import prop
from trellis.exceptions import ValidationError


def plain(value: Any) -> Any:
    """A numpy scalar as the Python int or float it holds (what its JSON is); anything else unchanged."""
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value


def parse_number(value: str, component: str) -> int | float:
    """Numeric text as an int (``"3"``) or a float (``"3.5"``, ``"1e3"``); other text is a :class:`ValidationError`."""
    try:
        parsed = float(value)
    except ValueError:
        raise ValidationError(f"{component} expects a number, got the string {value!r:.80}") from None
    return int(parsed) if parsed.is_integer() and "." not in value and "e" not in value.lower() else parsed


def _require_number(value: Any, component: str) -> None:
    # Where Gradio compares or rounds a value that is no number, it fails with a TypeError.
    if not isinstance(value, (int, float)):
        raise ValidationError(f"{component} expects a number, got {type(value).__name__}: {value!r:.80}")


def round_to_precision(value: Any, precision: int | None, component: str = "Number") -> Any:
    """``value`` rounded as Gradio rounds it: unchanged for ``precision=None``, an int for 0.

    ``round(3, 2)`` stays the int 3, as in Gradio; only a number can be rounded.
    """
    if value is None or precision is None:
        return value
    _require_number(value, component)
    return int(round(value, 0)) if precision == 0 else round(value, precision)


def check_range(value: Any, minimum: float | None, maximum: float | None, component: str = "Number") -> None:
    """Raise a :class:`~trellis.exceptions.ValidationError` if ``value`` is outside ``[minimum, maximum]``."""
    if minimum is None and maximum is None:
        return
    _require_number(value, component)
    if minimum is not None and value < minimum:
        raise ValidationError(f"Value {value} is less than minimum value {minimum}.")
    if maximum is not None and value > maximum:
        raise ValidationError(f"Value {value} is greater than maximum value {maximum}.")


def read_number(
    payload: Any, component: str, minimum: float | None, maximum: float | None, precision: int | None
) -> Any:
    """A client payload checked against ``[minimum, maximum]`` and rounded to ``precision`` decimals.

    As in Gradio, a payload that needs neither check nor rounding reaches the function as sent (``"3"`` stays
    text, ``3`` an int and ``3.0`` a float).
    """
    payload = plain(payload)
    if payload is None:
        return None
    check_range(payload, minimum, maximum, component)
    return round_to_precision(payload, precision, component)


def postprocess_number(value: Any, precision: int | None, component: str) -> Any:
    """A function's returned number as sent: rounded to ``precision``; numpy scalars as plain numbers.

    As in Gradio, with ``precision=None`` a value is sent as returned (text stays text, a bool a bool);
    numeric text is rounded where Gradio would fail on it; any other object is sent as a float.
    """
    value = plain(value)
    if value is None or (precision is None and isinstance(value, (int, float, str))):
        return value
    if isinstance(value, str):
        value = parse_number(value, component)
    elif not isinstance(value, (int, float)):
        value = float(value)  # Decimal, Fraction and the like
    return round_to_precision(value, precision, component)


class Number(FormComponent, LabelledInput, Changes, Focusable, CornerButtons):
    """A numeric field; ``precision=0`` gives ints."""

    submit = EventListener()
    SIGNATURE = """value, *, label, placeholder, info, every, inputs, show_label, container, scale, min_width,
        interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, buttons, precision, minimum,
        maximum, step"""

    value: float | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The number shown; a callable is called when the page loads to produce it."""
    placeholder: str | None = None
    """Grey hint text shown while the field is empty."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """gr.Button instances shown in the top-right corner, with the label: each is taken out of the layout and drawn as
    a small text button that fires the Button's click listeners (None: none)."""
    precision: int | None = None
    """Decimal places the value is rounded to (0: an int; None: not rounded)."""
    minimum: float | None = None
    """The smallest value accepted; the browser's arrows stop there and a smaller input is refused."""
    maximum: float | None = None
    """The largest value accepted; the browser's arrows stop there and a larger input is refused."""
    step: float = 1
    """How much the field's arrows (and arrow keys) change the value by."""

    @override
    def preprocess(self, payload: Any) -> Any:
        return read_number(payload, "Number", self.minimum, self.maximum, self.precision)

    @override
    def postprocess(self, value: Any) -> Any:
        return postprocess_number(value, self.precision, "Number")

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": "integer"} if self.precision == 0 else {"type": "number"}

    @override
    def example_payload(self) -> Any:
        return round_to_precision(3 if self.minimum is None else self.minimum, self.precision)


class Slider(FormComponent, LabelledInput, Changes):
    """A number picked by dragging between ``minimum`` and ``maximum``."""

    release = EventListener()
    SIGNATURE = """minimum, maximum, value, *, step, precision, label, info, every, inputs, show_label, container,
        scale, min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, randomize,
        buttons, show_reset_button"""

    minimum: float = prop(default=0, kw_only=False)
    """The value at the slider's left end; a smaller input is refused."""
    maximum: float = prop(default=100, kw_only=False)
    """The value at the slider's right end; a larger input is refused."""
    value: float | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The number the slider starts at (None: ``minimum``); a callable is called when the page loads."""
    step: float | None = None
    """The increment between positions of the slider (None: about a hundredth of the range, 1 for wide int ranges)."""
    precision: int | None = None
    """Decimal places the value is rounded to (0: an int; None: not rounded)."""
    randomize: bool = prop(default=False, wire=False)
    """Start each page load at a random step between ``minimum`` and ``maximum`` instead of ``value``."""
    buttons: list[str] | None = None
    """Buttons next to the number box: "reset" puts the value the page started with back, firing ``change`` and
    ``release`` (None: the reset button, as Gradio shows it; [] hides it)."""
    show_reset_button: bool | None = None
    """Gradio 5 spelling of ``buttons=["reset"]``: True shows the reset button, False hides it."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.step is None:
            span = self.maximum - self.minimum
            self.step = 1 if span == 0 else 10 ** (math.floor(math.log10(abs(span))) - 2)
            if isinstance(self.minimum, int) and isinstance(self.maximum, int) and self.step < 1 and abs(span) >= 100:
                self.step = 1
        if self.randomize:
            # As in Gradio: a random start in the config, and a load listener (API name "get_random_value")
            # that draws another on each page load.
            self.load_fn, self.initial_value = self.get_random_value, self.get_random_value()
        elif self.initial_value is None and self.load_fn is None:
            self.initial_value = self.minimum

    def get_random_value(self) -> float:
        """A random step between ``minimum`` and ``maximum``, rounded to the step's decimals (no "-7.79999999")."""
        step = self.step or 0  # set by __post_init__
        steps = int((self.maximum - self.minimum) / step) if step else 0
        value = self.minimum + step * random.randint(0, max(steps, 0))
        decimals = max(str(step)[::-1].find("."), 0)
        return round(value, decimals) if decimals else value

    @override
    def preprocess(self, payload: Any) -> Any:
        return read_number(payload, "Slider", self.minimum, self.maximum, self.precision)

    @override
    def postprocess(self, value: Any) -> Any:
        return postprocess_number(self.minimum if value is None else value, self.precision, "Slider")

    @override
    def api_info(self) -> dict[str, Any]:
        return {
            "type": "number",
            "description": f"numeric value between {self.minimum} and {self.maximum}",
        }

    @override
    def example_payload(self) -> Any:
        return self.minimum
