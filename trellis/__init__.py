"""Trellis: turn Python functions into web apps, compatible with Gradio 6 apps and clients.

Use it as ``import trellis as gr``. Importing it loads no web server: FastAPI,
uvicorn and the queue load when an app is launched or mounted.
"""

from __future__ import annotations

from typing import IO, Any

from trellis import _aliases, themes
from trellis._version import __version__
from trellis.blocks.blocks import Blocks
from trellis.blocks.chat_interface import ChatInterface
from trellis.blocks.events import (
    CopyData,
    EditData,
    EventData,
    KeyUpData,
    LikeData,
    RetryData,
    SelectData,
    UndoData,
    on,
)
from trellis.blocks.examples import Examples
from trellis.blocks.flagging import CSVLogger, FlaggingCallback, SimpleCSVLogger
from trellis.blocks.interface import Interface, TabbedInterface
from trellis.blocks.updates import skip, update
from trellis.components import (
    HTML,
    JSON,
    Accordion,
    AnnotatedImage,
    Annotatedimage,
    Audio,
    BarPlot,
    BrowserState,
    Button,
    Chatbot,
    ChatMessage,
    Checkbox,
    CheckboxGroup,
    Checkboxgroup,
    ClearButton,
    Code,
    ColorPicker,
    Column,
    Component,
    DataFrame,
    Dataframe,
    Dataset,
    DateTime,
    DownloadButton,
    Dropdown,
    DuplicateButton,
    File,
    Files,
    Gallery,
    Group,
    Highlight,
    HighlightedText,
    Highlightedtext,
    Image,
    ImageSlider,
    Json,
    Label,
    LinePlot,
    List,
    Markdown,
    Matrix,
    MessageDict,
    Mic,
    Microphone,
    Model3D,
    MultimodalTextbox,
    Number,
    Numpy,
    ParamViewer,
    PlayableVideo,
    Plot,
    Radio,
    Row,
    ScatterPlot,
    Sidebar,
    Slider,
    State,
    Tab,
    TabItem,
    Tabs,
    Text,
    TextArea,
    Textbox,
    Timer,
    UploadButton,
    Video,
    WatermarkOptions,
    WaveformOptions,
    WebcamOptions,
)
from trellis.components import handlers as _handlers
from trellis.exceptions import Error
from trellis.runtime import Info, Progress, Request, Success, Warning
from trellis.themes import Base as Theme

_aliases.install()


def _guarded_fetch(url: str, out: IO[bytes]) -> str:
    # The processing layer (and httpx) loads on the first download, not with ``import trellis``.
    from trellis.processing.fetch import fetch_for_component

    return fetch_for_component(url, out)


_handlers.install_fetcher(_guarded_fetch)

_LAZY = {
    "mount_gradio_app": ("trellis.blocks.mount", "mount_gradio_app"),
    "FileData": ("trellis.data_classes", "FileData"),
    "get_audio": ("trellis.media", "get_audio"),
    "get_file": ("trellis.media", "get_file"),
    "get_image": ("trellis.media", "get_image"),
    "get_model3d": ("trellis.media", "get_model3d"),
    "get_video": ("trellis.media", "get_video"),
}


#: Submodules read as attributes (``gr.routes.App``, ``gr.media.get_image``), imported on first use.
_LAZY_MODULES = ("media", "routes")


def __getattr__(name: str) -> Any:
    import importlib

    if name in _LAZY_MODULES:
        return importlib.import_module(f"trellis.{name}")
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'trellis' has no attribute {name!r}")
    value = getattr(importlib.import_module(target[0]), target[1])
    globals()[name] = value
    return value


__all__ = [
    "HTML",
    "JSON",
    "Accordion",
    "AnnotatedImage",
    "Annotatedimage",
    "Audio",
    "BarPlot",
    "Blocks",
    "BrowserState",
    "Button",
    "CSVLogger",
    "ChatInterface",
    "ChatMessage",
    "Chatbot",
    "Checkbox",
    "CheckboxGroup",
    "Checkboxgroup",
    "ClearButton",
    "Code",
    "ColorPicker",
    "Column",
    "Component",
    "CopyData",
    "DataFrame",
    "Dataframe",
    "Dataset",
    "DateTime",
    "DownloadButton",
    "Dropdown",
    "DuplicateButton",
    "EditData",
    "Error",
    "EventData",
    "Examples",
    "File",
    "FileData",
    "Files",
    "FlaggingCallback",
    "Gallery",
    "Group",
    "Highlight",
    "HighlightedText",
    "Highlightedtext",
    "Image",
    "ImageSlider",
    "Info",
    "Interface",
    "Json",
    "KeyUpData",
    "Label",
    "LikeData",
    "LinePlot",
    "List",
    "Markdown",
    "Matrix",
    "MessageDict",
    "Mic",
    "Microphone",
    "Model3D",
    "MultimodalTextbox",
    "Number",
    "Numpy",
    "ParamViewer",
    "PlayableVideo",
    "Plot",
    "Progress",
    "Radio",
    "Request",
    "RetryData",
    "Row",
    "ScatterPlot",
    "SelectData",
    "Sidebar",
    "SimpleCSVLogger",
    "Slider",
    "State",
    "Success",
    "Tab",
    "TabItem",
    "TabbedInterface",
    "Tabs",
    "Text",
    "TextArea",
    "Textbox",
    "Theme",
    "Timer",
    "UndoData",
    "UploadButton",
    "Video",
    "Warning",
    "WatermarkOptions",
    "WaveformOptions",
    "WebcamOptions",
    "__version__",
    "get_audio",
    "get_file",
    "get_image",
    "get_model3d",
    "get_video",
    "mount_gradio_app",
    "on",
    "skip",
    "themes",
    "update",
]
