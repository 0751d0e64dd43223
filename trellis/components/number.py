"""Numeric components: Number and Slider."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import Changes, Focusable, FormComponent, LabelledInput
from trellis.components.props import prop
from trellis.exceptions import ValidationError


def to_number(value: Any, component: str, parse_strings: bool = False) -> int | float | None:
    """A value as a number; anything else is a :class:`ValidationError`.

    Client payloads must be JSON numbers; a function's return value may also be numeric text.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str) and parse_strings:
            try:
                parsed = float(value)
            except ValueError:
                raise ValidationError(f"{component} expects a number, got the string {value!r:.80}") from None
            return int(parsed) if parsed.is_integer() and "." not in value and "e" not in value.lower() else parsed
        raise ValidationError(f"{component} expects a number, got {type(value).__name__}: {value!r:.80}")
    if isinstance(value, float) and math.isnan(value):
        raise ValidationError(f"{component} expects a number, got NaN")
    return value


def round_to_precision(value: int | float | None, precision: int | None) -> int | float | None:
    """``value`` rounded to ``precision`` decimals (an int for 0; unchanged for ``None``)."""
    if value is None or precision is None:
        return value
    if precision == 0:
        return round(value)
    return round(float(value), precision)


def check_range(value: int | float, minimum: float | None, maximum: float | None) -> None:
    """Raise a :class:`~trellis.exceptions.ValidationError` if ``value`` is outside ``[minimum, maximum]``."""
    if minimum is not None and value < minimum:
        raise ValidationError(f"Value {value} is less than minimum value {minimum}.")
    if maximum is not None and value > maximum:
        raise ValidationError(f"Value {value} is greater than maximum value {maximum}.")


def read_number(
    payload: Any, component: str, minimum: float | None, maximum: float | None, precision: int | None
) -> int | float | None:
    """A client payload as a number within ``[minimum, maximum]``, rounded to ``precision`` decimals."""
    number = to_number(payload, component)
    if number is None:
        return None
    check_range(number, minimum, maximum)
    return round_to_precision(number, precision)


class Number(FormComponent, LabelledInput, Changes, Focusable):
    """A numeric field; ``precision=0`` gives ints."""

    submit = EventListener()
    SIGNATURE = """value, *, label, placeholder, info, every, inputs, show_label, container, scale, min_width,
        interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, buttons, precision, minimum,
        maximum, step"""

    value: float | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The number shown; a callable is called when the page loads to produce it."""
    placeholder: str | None = None
    """Grey hint text shown while the field is empty."""
    buttons: list[str] | None = None
    """Gradio's corner buttons; sent to the browser, which draws none for a Number yet."""
    precision: int | None = None
    """Decimal places the value is rounded to (0: an int; None: not rounded)."""
    minimum: float | None = None
    """The smallest value accepted; the browser's arrows stop there and a smaller input is refused."""
    maximum: float | None = None
    """The largest value accepted; the browser's arrows stop there and a larger input is refused."""
    step: float = 1
    """How much the field's arrows (and arrow keys) change the value by."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.buttons = list(self.buttons or [])

    @override
    def preprocess(self, payload: Any) -> int | float | None:
        return read_number(payload, "Number", self.minimum, self.maximum, self.precision)

    @override
    def postprocess(self, value: Any) -> int | float | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = to_number(value, "Number", parse_strings=True)
        elif not isinstance(value, (int, float)):
            value = float(value)  # numpy scalars and the like
        return round_to_precision(value, self.precision)

    @override
    def api_info(self) -> dict[str, Any]:
        return {"type": "integer"} if self.precision == 0 else {"type": "number"}

    @override
    def example_payload(self) -> Any:
        return 3


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
        """A random step between ``minimum`` and ``maximum``."""
        step = self.step or 0  # set by __post_init__
        steps = int((self.maximum - self.minimum) / step) if step else 0
        return self.minimum + step * random.randint(0, max(steps, 0))

    @override
    def preprocess(self, payload: Any) -> int | float | None:
        return read_number(payload, "Slider", self.minimum, self.maximum, self.precision)

    @override
    def postprocess(self, value: Any) -> int | float | None:
        if value is None:
            return self.minimum
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            value = to_number(value, "Slider", parse_strings=True) if isinstance(value, str) else float(value)
        return round_to_precision(value, self.precision)

    @override
    def api_info(self) -> dict[str, Any]:
        return {
            "type": "number",
            "description": f"numeric value between {self.minimum} and {self.maximum}",
        }

    @override
    def example_payload(self) -> Any:
        return self.minimum
