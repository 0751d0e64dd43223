"""Choice components: Checkbox, CheckboxGroup, Radio and Dropdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from trellis.components.base import FormComponent
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


class _ChoiceComponent(FormComponent, register=False):
    choices: list[tuple[str, Any]]
    type: str

    def _values(self) -> list[Any]:
        return [value for _, value in self.choices]

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


class Checkbox(FormComponent):
    """A single true/false box."""

    EVENTS = ("change", "input", "select")

    def __init__(
        self,
        value: bool | Any = False,
        *,
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
        buttons: list[str] | None = None,
    ) -> None:
        self.buttons = buttons
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

    def preprocess(self, payload: Any) -> bool | None:
        if payload is None:
            return None
        if not isinstance(payload, bool):
            raise ValidationError(f"Checkbox expects true or false, got {type(payload).__name__}: {payload!r:.80}")
        return payload

    def postprocess(self, value: Any) -> bool | None:
        return None if value is None else bool(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def example_payload(self) -> Any:
        return True


class CheckboxGroup(_ChoiceComponent):
    """Several boxes; the value is the list of checked choices."""

    EVENTS = ("change", "input", "select")

    def __init__(
        self,
        choices: Choices = None,
        *,
        value: Sequence[Any] | Any | None = None,
        type: Literal["value", "index"] = "value",
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
        show_select_all: bool = False,
        buttons: list[str] | None = None,
    ) -> None:
        self.choices = normalize_choices(choices)
        self.type = type
        self.show_select_all = show_select_all
        self.buttons = buttons
        super().__init__(
            value if value is not None else [],
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

    def preprocess(self, payload: Any) -> list[Any] | None:
        if payload is None:
            return []
        if not isinstance(payload, list):
            payload = [payload]
        return [self._check_choice(item) for item in payload]

    def postprocess(self, value: Any) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, (list, tuple, set)):
            return [value]
        return list(value)

    def api_info(self) -> dict[str, Any]:
        return {"items": self._enum_schema(), "title": "Checkbox Group", "type": "array"}

    def example_payload(self) -> Any:
        first = super().example_payload()
        return [first] if first is not None else []


class Radio(_ChoiceComponent):
    """One choice out of several, shown as radio buttons."""

    EVENTS = ("select", "change", "input")

    def __init__(
        self,
        choices: Choices = None,
        *,
        value: Any = None,
        type: Literal["value", "index"] = "value",
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
        rtl: bool = False,
        buttons: list[str] | None = None,
    ) -> None:
        self.choices = normalize_choices(choices)
        self.type = type
        self.rtl = rtl
        self.buttons = buttons
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

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        return self._check_choice(payload)

    def api_info(self) -> dict[str, Any]:
        return {"enum": self._values(), "title": "Radio", "type": "string"}


class Dropdown(_ChoiceComponent):
    """A searchable list of choices; ``multiselect`` allows several."""

    EVENTS = ("change", "input", "select", "focus", "blur", "key_up")

    def __init__(
        self,
        choices: Choices = None,
        *,
        value: Any = FIRST_CHOICE,
        type: Literal["value", "index"] = "value",
        multiselect: bool | None = None,
        allow_custom_value: bool = False,
        max_choices: int | None = None,
        filterable: bool = True,
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
        buttons: list[str] | None = None,
    ) -> None:
        self.choices = normalize_choices(choices)
        self.type = type
        self.multiselect = multiselect
        self.allow_custom_value = allow_custom_value
        self.max_choices = max_choices
        self.filterable = filterable
        self.buttons = buttons
        if value is FIRST_CHOICE:
            if multiselect:
                value = []
            else:
                value = self.choices[0][1] if self.choices else None
        if multiselect and value is None:
            value = []
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

    def _check(self, item: Any) -> Any:
        if self.allow_custom_value:
            values = self._values()
            if self.type == "index":
                return values.index(item) if item in values else None
            return item
        return self._check_choice(item)

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

    def postprocess(self, value: Any) -> Any:
        if self.multiselect:
            if value is None:
                return []
            return list(value) if isinstance(value, (list, tuple, set)) else [value]
        return value

    def api_info(self) -> dict[str, Any]:
        item = {"type": "string"} if self.allow_custom_value else self._enum_schema()
        if self.multiselect:
            return {"items": item, "title": "Dropdown", "type": "array"}
        return {**item, "title": "Dropdown"}

    def example_payload(self) -> Any:
        first = super().example_payload()
        if self.multiselect:
            return [first] if first is not None else []
        return first
