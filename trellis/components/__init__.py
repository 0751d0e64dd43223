"""Every built-in component and layout block (``gradio.components`` resolves here).

Each name is re-exported as ``from ... import X as X``; ``tests/unit/test_import.py`` checks that
``trellis`` exports the same components.
"""

from __future__ import annotations

from typing import Any

from trellis.components.annotated_image import AnnotatedImage as AnnotatedImage
from trellis.components.audio import Audio as Audio
from trellis.components.base import Block as Block
from trellis.components.base import BlockContext as BlockContext
from trellis.components.base import Component as _Component
from trellis.components.base import CustomComponent as _CustomComponent
from trellis.components.base import FormComponent as FormComponent
from trellis.components.browser_state import BrowserState as BrowserState
from trellis.components.buttons import Button as Button
from trellis.components.buttons import ClearButton as ClearButton
from trellis.components.buttons import DuplicateButton as DuplicateButton
from trellis.components.chatbot import Chatbot as Chatbot
from trellis.components.chatbot import ChatMessage as ChatMessage
from trellis.components.chatbot import MessageDict as MessageDict
from trellis.components.chatbot import MetadataDict as MetadataDict
from trellis.components.chatbot import OptionDict as OptionDict
from trellis.components.choice import Checkbox as Checkbox
from trellis.components.choice import CheckboxGroup as CheckboxGroup
from trellis.components.choice import Dropdown as Dropdown
from trellis.components.choice import Radio as Radio
from trellis.components.dataset import Dataset as Dataset
from trellis.components.display import JSON as JSON
from trellis.components.display import Label as Label
from trellis.components.file import DownloadButton as DownloadButton
from trellis.components.file import File as File
from trellis.components.file import UploadButton as UploadButton
from trellis.components.gallery import Gallery as Gallery
from trellis.components.image import Image as Image
from trellis.components.image_slider import ImageSlider as ImageSlider
from trellis.components.layout import Accordion as Accordion
from trellis.components.layout import Column as Column
from trellis.components.layout import Form as Form
from trellis.components.layout import Group as Group
from trellis.components.layout import Row as Row
from trellis.components.layout import Sidebar as Sidebar
from trellis.components.layout import Tab as Tab
from trellis.components.layout import TabItem as TabItem
from trellis.components.layout import Tabs as Tabs
from trellis.components.model3d import Model3D as Model3D
from trellis.components.multimodal_textbox import MultimodalTextbox as MultimodalTextbox
from trellis.components.number import Number as Number
from trellis.components.number import Slider as Slider
from trellis.components.pickers import ColorPicker as ColorPicker
from trellis.components.pickers import DateTime as DateTime
from trellis.components.state import State as State
from trellis.components.text import HTML as HTML
from trellis.components.text import Code as Code
from trellis.components.text import Markdown as Markdown
from trellis.components.text import TextArea as TextArea
from trellis.components.text import Textbox as Textbox
from trellis.components.timer import Timer as Timer
from trellis.components.video import Video as Video

Json = JSON
Html = HTML
Text = Textbox

#: ``Interface(inputs="text")`` shortcuts → (class, constructor arguments).
SHORTCUTS: dict[str, tuple[type[_Component], dict[str, Any]]] = {
    "text": (Textbox, {}),
    "textbox": (Textbox, {}),
    "textarea": (Textbox, {"lines": 7}),
    "password": (Textbox, {"type": "password"}),
    "number": (Number, {}),
    "slider": (Slider, {}),
    "checkbox": (Checkbox, {}),
    "checkboxgroup": (CheckboxGroup, {}),
    "radio": (Radio, {}),
    "dropdown": (Dropdown, {}),
    "json": (JSON, {}),
    "label": (Label, {}),
    "markdown": (Markdown, {}),
    "html": (HTML, {}),
    "code": (Code, {}),
    "colorpicker": (ColorPicker, {}),
    "datetime": (DateTime, {}),
    "file": (File, {}),
    "files": (File, {"file_count": "multiple"}),
    "state": (State, {}),
    "image": (Image, {}),
    "audio": (Audio, {}),
    "video": (Video, {}),
    "gallery": (Gallery, {}),
    "chatbot": (Chatbot, {}),
    "multimodaltextbox": (MultimodalTextbox, {}),
}


def component(spec: str | _Component, render: bool = True) -> _Component:
    """A component from an Interface shortcut string, or the component itself."""
    if isinstance(spec, _Component):
        return spec
    key = spec.lower()
    if key not in SHORTCUTS:
        from trellis.components import registry

        registered = registry.all_types().get(key)
        if registered is not None and issubclass(registered, _Component):
            return registered(render=render)
        raise ValueError(f"Unknown component shortcut {spec!r}; known: {sorted(SHORTCUTS)}")
    cls, kwargs = SHORTCUTS[key]
    return cls(render=render, **kwargs)


#: ``gr.components.Component``: Gradio's base class for an app's own components.
Component = _CustomComponent
