"""Every built-in component and layout block (``gradio.components`` resolves here)."""

from __future__ import annotations

from typing import Any

from trellis.components.annotated_image import AnnotatedImage
from trellis.components.audio import Audio
from trellis.components.base import Block, BlockContext, CustomComponent, FormComponent
from trellis.components.base import Component as _Component
from trellis.components.browser_state import BrowserState
from trellis.components.buttons import Button, ClearButton, DuplicateButton
from trellis.components.chatbot import Chatbot, ChatMessage, MessageDict, MetadataDict, OptionDict
from trellis.components.choice import Checkbox, CheckboxGroup, Dropdown, Radio
from trellis.components.dataset import Dataset
from trellis.components.display import JSON, Label
from trellis.components.file import DownloadButton, File, UploadButton
from trellis.components.gallery import Gallery
from trellis.components.image import Image
from trellis.components.image_slider import ImageSlider
from trellis.components.layout import Accordion, Column, Form, Group, Row, Sidebar, Tab, TabItem, Tabs
from trellis.components.model3d import Model3D
from trellis.components.multimodal_textbox import MultimodalTextbox
from trellis.components.number import Number, Slider
from trellis.components.pickers import ColorPicker, DateTime
from trellis.components.state import State
from trellis.components.text import HTML, Code, Markdown, TextArea, Textbox
from trellis.components.timer import Timer
from trellis.components.video import Video

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
Component = CustomComponent

__all__ = [
    "HTML",
    "JSON",
    "Accordion",
    "AnnotatedImage",
    "Audio",
    "Block",
    "BlockContext",
    "BrowserState",
    "Button",
    "ChatMessage",
    "Chatbot",
    "Checkbox",
    "CheckboxGroup",
    "ClearButton",
    "Code",
    "ColorPicker",
    "Column",
    "Component",
    "Dataset",
    "DateTime",
    "Dropdown",
    "DownloadButton",
    "DuplicateButton",
    "File",
    "Form",
    "FormComponent",
    "Gallery",
    "Group",
    "Html",
    "Image",
    "ImageSlider",
    "Json",
    "Label",
    "Markdown",
    "MessageDict",
    "MetadataDict",
    "Model3D",
    "MultimodalTextbox",
    "Number",
    "OptionDict",
    "Radio",
    "Row",
    "Sidebar",
    "Slider",
    "State",
    "Tab",
    "TabItem",
    "Tabs",
    "Text",
    "TextArea",
    "Textbox",
    "Timer",
    "UploadButton",
    "Video",
    "component",
]
