"""Every built-in component and layout block (``gradio.components`` resolves here).

Each name is re-exported as ``from ... import X as X``; ``tests/unit/test_import.py`` checks that
``trellis`` exports the same components.
"""

from __future__ import annotations

from trellis.components import registry
from trellis.components._media import WebcamOptions as WebcamOptions
from trellis.components.annotated_image import AnnotatedImage as AnnotatedImage
from trellis.components.annotated_image import Annotatedimage as Annotatedimage
from trellis.components.audio import Audio as Audio
from trellis.components.base import Block as Block
from trellis.components.base import BlockContext as BlockContext
from trellis.components.base import Component as _Component
from trellis.components.base import CustomComponent as _CustomComponent
from trellis.components.base import FormComponent as FormComponent
from trellis.components.base import component_instance
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
from trellis.components.dataframe import DataFrame as DataFrame
from trellis.components.dataframe import Dataframe as Dataframe
from trellis.components.dataframe import List as List
from trellis.components.dataframe import Matrix as Matrix
from trellis.components.dataframe import Numpy as Numpy
from trellis.components.dataset import Dataset as Dataset
from trellis.components.dialogue import Dialogue as Dialogue
from trellis.components.display import JSON as JSON
from trellis.components.display import Label as Label
from trellis.components.file import DownloadButton as DownloadButton
from trellis.components.file import File as File
from trellis.components.file import UploadButton as UploadButton
from trellis.components.file_explorer import FileExplorer as FileExplorer
from trellis.components.gallery import Gallery as Gallery
from trellis.components.highlighted_text import Highlight as Highlight
from trellis.components.highlighted_text import HighlightedText as HighlightedText
from trellis.components.highlighted_text import Highlightedtext as Highlightedtext
from trellis.components.image import Image as Image
from trellis.components.image_editor import Brush as Brush
from trellis.components.image_editor import Eraser as Eraser
from trellis.components.image_editor import ImageEditor as ImageEditor
from trellis.components.image_editor import ImageMask as ImageMask
from trellis.components.image_editor import LayerOptions as LayerOptions
from trellis.components.image_editor import Paint as Paint
from trellis.components.image_editor import Sketchpad as Sketchpad
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
from trellis.components.native_plot import BarPlot as BarPlot
from trellis.components.native_plot import LinePlot as LinePlot
from trellis.components.native_plot import NativePlot as NativePlot
from trellis.components.native_plot import ScatterPlot as ScatterPlot
from trellis.components.navigation import DeepLinkButton as DeepLinkButton
from trellis.components.navigation import Draggable as Draggable
from trellis.components.navigation import Navbar as Navbar
from trellis.components.navigation import Step as Step
from trellis.components.navigation import Walkthrough as Walkthrough
from trellis.components.number import Number as Number
from trellis.components.number import Slider as Slider
from trellis.components.param_viewer import ParamViewer as ParamViewer
from trellis.components.pickers import ColorPicker as ColorPicker
from trellis.components.pickers import DateTime as DateTime
from trellis.components.plot import Plot as Plot
from trellis.components.state import State as State
from trellis.components.templates import Files as Files
from trellis.components.templates import Mic as Mic
from trellis.components.templates import Microphone as Microphone
from trellis.components.templates import PlayableVideo as PlayableVideo
from trellis.components.text import HTML as HTML
from trellis.components.text import Code as Code
from trellis.components.text import Markdown as Markdown
from trellis.components.text import TextArea as TextArea
from trellis.components.text import Textbox as Textbox
from trellis.components.timer import Timer as Timer
from trellis.components.video import Video as Video
from trellis.components.watermark import WatermarkOptions as WatermarkOptions
from trellis.components.waveform import WaveformOptions as WaveformOptions

Json = JSON
Html = HTML
Text = Textbox

Checkboxgroup = CheckboxGroup

#: ``Interface(inputs="text")`` shortcuts: every name Gradio 6.31 accepts, with underscores left out
#: (``"playable_video"`` is ``"playablevideo"``), and the class each makes. Gradio takes a component's
#: lower-case class name or a lower-case alias (``"text"``, ``"highlight"``); it does not lower-case
#: what it is given.
SHORTCUTS: dict[str, type[_Component]] = {
    "annotatedimage": AnnotatedImage,
    "audio": Audio,
    "barplot": BarPlot,
    "browserstate": BrowserState,
    "button": Button,
    "chatbot": Chatbot,
    "checkbox": Checkbox,
    "checkboxgroup": CheckboxGroup,
    "clearbutton": ClearButton,
    "code": Code,
    "colorpicker": ColorPicker,
    "dataframe": Dataframe,
    "dataset": Dataset,
    "datetime": DateTime,
    "deeplinkbutton": DeepLinkButton,
    "dialogue": Dialogue,
    "downloadbutton": DownloadButton,
    "dropdown": Dropdown,
    "duplicatebutton": DuplicateButton,
    "file": File,
    "fileexplorer": FileExplorer,
    "files": Files,
    "gallery": Gallery,
    "highlight": HighlightedText,
    "highlightedtext": HighlightedText,
    "html": HTML,
    "image": Image,
    "imageeditor": ImageEditor,
    "imagemask": ImageMask,
    "imageslider": ImageSlider,
    "json": JSON,
    "label": Label,
    "lineplot": LinePlot,
    "list": List,
    "markdown": Markdown,
    "matrix": Matrix,
    "microphone": Microphone,
    "model3d": Model3D,
    "multimodaltextbox": MultimodalTextbox,
    "nativeplot": NativePlot,
    "navbar": Navbar,
    "number": Number,
    "numpy": Numpy,
    "paint": Paint,
    "paramviewer": ParamViewer,
    "playablevideo": PlayableVideo,
    "plot": Plot,
    "radio": Radio,
    "scatterplot": ScatterPlot,
    "sketchpad": Sketchpad,
    "slider": Slider,
    "state": State,
    "text": Textbox,
    "textarea": TextArea,
    "textbox": Textbox,
    "timer": Timer,
    "uploadbutton": UploadButton,
    "video": Video,
}

#: Shortcuts Gradio accepts for components Trellis does not have yet: name → Gradio's class.
PENDING_SHORTCUTS: dict[str, str] = {
    "fallback": "Fallback",
    "simpledropdown": "SimpleDropdown",
    "simpleimage": "SimpleImage",
    "simpletextbox": "SimpleTextbox",
    "workflowcanvas": "WorkflowCanvas",
}


registry.add_shortcuts(SHORTCUTS, PENDING_SHORTCUTS)


def component(spec: str | _Component, render: bool = True) -> _Component:
    """A component from an Interface shortcut string (see :data:`SHORTCUTS`), or the component itself.

    An app's own component class is found by its lower-case name too.
    """
    return component_instance(spec, render=render)


#: ``gr.components.Component``: Gradio's base class for an app's own components.
Component = _CustomComponent
