"""Translating an app's own text in the browser: ``gr.I18n`` and its markers.

``i18n = gr.I18n(en={"greet": "Hello"}, fr={"greet": "Bonjour"})`` holds the tables; ``i18n("greet")``
gives a marker, usable wherever app text goes (labels, info, placeholders, button values, Markdown,
choices, an Interface's title...). ``demo.launch(i18n=i18n)`` (or ``mount_gradio_app(..., i18n=i18n)``)
sends the tables in the config's ``i18n_translations``, and the page swaps each marker for the text of
the browser's language (``navigator.language``; then its base language, then ``en``, then the key).

A marker travels as the text ``__i18n__{"__type__": "translation_metadata", "key": ...}``, exactly as
Gradio writes it, so a value holding one round-trips unchanged (a Radio choice keeps its marker as its
value; only what is shown is translated). :class:`I18nData` is a ``str`` whose text is that marker, so
it goes anywhere a string does and concatenating it with text keeps the marker in the result.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Mapping
from typing import Any

__all__ = ["I18n", "I18nData"]

_MARKER = "__i18n__"


class I18nData(str):
    """A translation key, as the marker text the page translates (see the module's docstring)."""

    key: str
    _type: str

    def __new__(cls, key: str) -> I18nData:
        """The marker for ``key``."""
        if not isinstance(key, str):
            raise TypeError(f"An I18n key is a string, not {type(key).__name__}.")
        text = _MARKER + json.dumps({"__type__": "translation_metadata", "key": key})
        data = super().__new__(cls, text)
        data.key = key
        data._type = "translation_metadata"
        return data

    def __getnewargs__(self) -> tuple[str]:
        # pickling and copying rebuild the marker from its key
        return (self.key,)

    def to_dict(self) -> dict[str, Any]:
        """The marker's data: ``{"__type__": "translation_metadata", "key": key}``."""
        return {"__type__": self._type, "key": self.key}

    def tojson(self) -> dict[str, Any]:
        """Same as :meth:`to_dict` (Gradio's name for it)."""
        return self.to_dict()

    def __str__(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return str.__str__(self)

    def __add__(self, other: object) -> str:
        return str.__str__(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str.__str__(self)


def _keeps_marker(name: str) -> Any:
    def method(self: I18nData, *args: Any, **kwargs: Any) -> I18nData:
        return self

    method.__name__ = name
    method.__doc__ = f"The marker itself, as Gradio's ``I18nData.{name}()`` (the text is translated in the page)."
    return method


# As in Gradio, text methods on a marker give the marker back (``i18n("k").strip()``), so that code
# tidying a label does not break it; ``+`` and f-strings still make plain strings holding the marker.
for _name in (
    "capitalize", "casefold", "center", "expandtabs", "format", "ljust", "lower", "lstrip",
    "removeprefix", "removesuffix", "replace", "rjust", "rstrip", "strip", "swapcase", "title", "upper", "zfill",
):  # fmt: skip
    setattr(I18nData, _name, _keeps_marker(_name))


class I18n:
    """An app's translations: one table of ``key -> text`` per language.

    ``gr.I18n(en={...}, fr={...}, **{"zh-CN": {...}})``; each keyword is a BCP 47 language tag (a
    malformed one warns, and is kept). Calling the instance with a key gives the marker to put in the
    app's text (:class:`I18nData`); pass the instance to ``launch(i18n=...)`` for the page to get the
    tables. Only text the page shows is translated, not values computed in Python.
    """

    _LOCALE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

    def __init__(self, **translations: dict[str, str]) -> None:
        """Keep ``translations`` (language tag -> key -> text)."""
        self.translations: dict[str, dict[str, str]] = {}
        for locale, table in translations.items():
            if not self._is_valid_locale(locale):
                warnings.warn(
                    f"Invalid locale code: {locale!r}. Locale codes follow BCP 47 (e.g. 'en', 'en-US'); "
                    "it is kept, but browsers may never ask for it.",
                    UserWarning,
                    stacklevel=2,
                )
            if not isinstance(table, Mapping):
                raise TypeError(f"I18n({locale}=...) takes a dict of key -> text, not {type(table).__name__}.")
            self.translations[locale] = {str(key): str(text) for key, text in table.items()}

    def _is_valid_locale(self, locale: str) -> bool:
        return bool(self._LOCALE_PATTERN.match(locale))

    def __call__(self, key: str) -> I18nData:
        """The marker for ``key``, translated by the page."""
        return I18nData(key)

    @property
    def translations_dict(self) -> dict[str, dict[str, str]]:
        """The tables as given (the config's ``i18n_translations``)."""
        return self.translations


def translations_of(i18n: Any) -> dict[str, dict[str, str]] | None:
    """The config's ``i18n_translations`` for a ``launch(i18n=...)`` argument (``None``: none)."""
    if i18n is None:
        return None
    if not isinstance(i18n, I18n):
        raise TypeError(f"i18n= takes a gr.I18n(...), not {type(i18n).__name__}.")
    return {locale: dict(table) for locale, table in i18n.translations_dict.items()}
