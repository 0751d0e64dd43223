"""``gr.InputHTMLAttributes``: HTML attributes for the input element of a Textbox or MultimodalTextbox."""

from __future__ import annotations

import dataclasses
from typing import Literal


@dataclasses.dataclass
class InputHTMLAttributes:
    """HTML attributes put on a text component's ``<input>``/``<textarea>`` (its ``html_attributes``).

    An attribute left ``None`` is not set, so the browser's default applies. The config sends every
    field, ``None`` ones included, as Gradio's does.

    Example: ``gr.Textbox(html_attributes=gr.InputHTMLAttributes(autocorrect="off", spellcheck=False))``.
    """

    autocapitalize: Literal["off", "none", "on", "sentences", "words", "characters"] | None = None
    """How typed text is capitalised on virtual keyboards."""
    autocorrect: Literal["on", "off"] | None = None
    """Whether the browser corrects typing (Safari)."""
    spellcheck: bool | None = None
    """Whether the browser marks misspelt words."""
    autocomplete: str | None = None
    """What the browser may fill in: "on", "off", "email", "current-password", "new-password"..."""
    tabindex: int | None = None
    """The element's place in the tab order."""
    enterkeyhint: Literal["enter", "done", "go", "next", "previous", "search", "send"] | None = None
    """The label of the Enter key on virtual keyboards."""
    lang: str | None = None
    """The language of the text (``"en"``, ``"fr"``...)."""
