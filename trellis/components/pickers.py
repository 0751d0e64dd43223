"""Picker components: ColorPicker and DateTime."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Literal

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import (
    CORNER_BUTTONS_WIRE,
    Block,
    Changes,
    CornerButtons,
    Editable,
    Focusable,
    FormComponent,
    Informed,
    Labelled,
    LabelledInput,
    Scaled,
)
from trellis.components.props import prop
from trellis.components.text import TextValue
from trellis.exceptions import ValidationError


class ColorPicker(TextValue, LabelledInput, Changes, Focusable):
    """A colour, as a CSS colour string such as ``#ff8800``."""

    submit = EventListener()
    release = EventListener()
    """Fires when the user lets go of the picker's colour area or hue strip after dragging."""
    SIGNATURE = """value, *, label, info, every, inputs, show_label, container, scale, min_width, interactive, visible,
        elem_id, elem_classes, render, key, preserved_by_key"""

    value: str | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The colour shown, as a CSS colour string; a callable is called when the page loads to produce it."""

    @override
    def example_payload(self) -> Any:
        return "#000000"


_RELATIVE = re.compile(r"^now\s*(?:(?P<sign>[+-])\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>[smhdw]))?$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


class DateTime(FormComponent, Labelled, Informed, Scaled, Editable, CornerButtons):
    """A date (and time) picker; the function gets a timestamp, a datetime or a string."""

    change = EventListener()
    submit = EventListener()
    DEFAULT_BUTTONS = None

    value: float | str | dt.datetime | None = prop(default=None, kw_only=False)
    """The moment shown: a timestamp, a datetime or text such as "2024-01-31 12:00:00" or "now - 1h"."""
    include_time: bool = True
    """Whether the picker takes a time of day as well as a date (False: dates only, "YYYY-MM-DD")."""
    type: Literal["timestamp", "datetime", "string"] = "timestamp"
    """What the function receives: a Unix timestamp, a datetime object or the formatted text."""
    timezone: str | None = None
    """The IANA time zone (such as "Europe/Paris") values are read and shown in (None: the server's local time)."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """gr.Button instances shown in the top-right corner, with the label: each is taken out of the layout and drawn as
    a small text button that fires the Button's click listeners (None: none)."""

    def __init__(  # Gradio's DateTime takes no ``inputs``, which Component declares for every component
        self,
        value: float | str | dt.datetime | None = None,
        *,
        include_time: bool = True,
        type: Literal["timestamp", "datetime", "string"] = "timestamp",
        timezone: str | None = None,
        label: str | None = None,
        show_label: bool | None = None,
        info: str | None = None,
        every: float | None = None,
        scale: int | None = None,
        min_width: int = 160,
        visible: bool | Literal["hidden"] = True,
        interactive: bool | None = None,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        buttons: list[str | Block] | None = None,
    ) -> None:
        self._init_props(**{name: arg for name, arg in locals().items() if name != "self"})

    def __post_init__(self) -> None:
        super().__post_init__()
        self.time_format = "%Y-%m-%d %H:%M:%S" if self.include_time else "%Y-%m-%d"

    def _tz(self) -> dt.tzinfo | None:
        if self.timezone is None:
            return None
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)

    def _parse(self, text: str) -> dt.datetime:
        text = text.strip()
        match = _RELATIVE.match(text)
        if match:
            now = dt.datetime.now(self._tz())
            if match.group("sign"):
                delta = dt.timedelta(seconds=float(match.group("amount")) * _UNITS[match.group("unit")])
                now = now + delta if match.group("sign") == "+" else now - delta
            return now
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"):
            try:
                parsed = dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
            return parsed.replace(tzinfo=self._tz()) if self.timezone else parsed
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                f"DateTime expects 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD' or 'now - 1h', got {text!r:.80}"
            ) from None

    @override
    def preprocess(self, payload: Any) -> float | dt.datetime | str | None:
        if payload is None or payload == "":
            return None
        if isinstance(payload, (int, float)) and not isinstance(payload, bool):
            moment = dt.datetime.fromtimestamp(payload, self._tz())
        elif isinstance(payload, str):
            moment = self._parse(payload)
        else:
            raise ValidationError(f"DateTime expects a date string, got {type(payload).__name__}")
        if self.type == "timestamp":
            return moment.timestamp()
        if self.type == "datetime":
            return moment
        return moment.strftime(self.time_format)

    @override
    def postprocess(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.strftime(self.time_format)
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day).strftime(self.time_format)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return dt.datetime.fromtimestamp(value, self._tz()).strftime(self.time_format)
        if isinstance(value, str):
            return value
        raise ValueError(f"DateTime cannot show a {type(value).__name__}")

    @override
    def api_info(self) -> dict[str, Any]:
        return {
            "type": "string",
            "description": f"Formatted as {'YYYY-MM-DD HH:MM:SS' if self.include_time else 'YYYY-MM-DD'}",
        }

    @override
    def example_payload(self) -> Any:
        return "2020-10-01 05:20:15" if self.include_time else "2020-10-01"
