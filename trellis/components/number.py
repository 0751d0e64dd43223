"""Numeric components: Number and Slider."""

from __future__ import annotations

import math
import random
from typing import Any

from trellis.components.base import FormComponent
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
    if value is None or precision is None:
        return value
    if precision == 0:
        return round(value)
    return round(float(value), precision)


def check_range(value: int | float, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and value < minimum:
        raise ValidationError(f"Value {value} is less than minimum value {minimum}.")
    if maximum is not None and value > maximum:
        raise ValidationError(f"Value {value} is greater than maximum value {maximum}.")


class Number(FormComponent):
    """A numeric field; ``precision=0`` gives ints."""

    EVENTS = ("change", "input", "submit", "focus", "blur")

    def __init__(
        self,
        value: float | Any | None = None,
        *,
        label: str | None = None,
        placeholder: str | None = None,
        info: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        buttons: list[str] | None = None,
        precision: int | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        step: float = 1,
    ) -> None:
        self.placeholder = placeholder
        self.buttons = list(buttons or [])
        self.precision = precision
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        super().__init__(
            value,
            label=label,
            info=info,
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

    def preprocess(self, payload: Any) -> int | float | None:
        number = to_number(payload, "Number")
        if number is None:
            return None
        check_range(number, self.minimum, self.maximum)
        return round_to_precision(number, self.precision)

    def postprocess(self, value: Any) -> int | float | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = to_number(value, "Number", parse_strings=True)
        elif not isinstance(value, (int, float)):
            value = float(value)  # numpy scalars and the like
        return round_to_precision(value, self.precision)

    def api_info(self) -> dict[str, Any]:
        return {"type": "integer"} if self.precision == 0 else {"type": "number"}

    def example_payload(self) -> Any:
        return 3


class Slider(FormComponent):
    """A number picked by dragging between ``minimum`` and ``maximum``."""

    EVENTS = ("change", "input", "release")

    def __init__(
        self,
        minimum: float = 0,
        maximum: float = 100,
        value: float | Any | None = None,
        *,
        step: float | None = None,
        precision: int | None = None,
        label: str | None = None,
        info: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        randomize: bool = False,
        buttons: list[str] | None = None,
        show_reset_button: bool | None = None,
    ) -> None:
        self.minimum = minimum
        self.maximum = maximum
        if step is None:
            span = maximum - minimum
            step = 1 if span == 0 else 10 ** (math.floor(math.log10(abs(span))) - 2)
            if isinstance(minimum, int) and isinstance(maximum, int) and step < 1 and abs(span) >= 100:
                step = 1
        self.step = step
        self.precision = precision
        self.buttons = buttons
        if randomize:
            value = self._random_value
        elif value is None:
            value = minimum
        super().__init__(
            value,
            label=label,
            info=info,
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

    def _random_value(self) -> float:
        steps = int((self.maximum - self.minimum) / self.step) if self.step else 0
        return self.minimum + self.step * random.randint(0, max(steps, 0))

    def preprocess(self, payload: Any) -> int | float | None:
        number = to_number(payload, "Slider")
        if number is None:
            return None
        check_range(number, self.minimum, self.maximum)
        return round_to_precision(number, self.precision)

    def postprocess(self, value: Any) -> int | float | None:
        if value is None:
            return self.minimum
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            value = to_number(value, "Slider", parse_strings=True) if isinstance(value, str) else float(value)
        return round_to_precision(value, self.precision)

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "number",
            "description": f"numeric value between {self.minimum} and {self.maximum}",
        }

    def example_payload(self) -> Any:
        return self.minimum
