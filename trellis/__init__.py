"""Trellis: turn Python functions into web apps, compatible with Gradio 6 apps and clients.

Use it as ``import trellis as gr``. Importing it loads no web server: FastAPI,
uvicorn and the queue load when an app is launched or mounted.
"""

from __future__ import annotations

from typing import IO, Any

from trellis import _aliases, themes, validators
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
from trellis.blocks.render import render
from trellis.blocks.updates import skip, update
from trellis.caching import Cache, cache
from trellis.components import (
    HTML,
    JSON,
    Accordion,
    AnnotatedImage,
    Annotatedimage,
    Audio,
    BarPlot,
    BrowserState,
    Brush,
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
    DeepLinkButton,
    Dialogue,
    DownloadButton,
    Draggable,
    Dropdown,
    DuplicateButton,
    Eraser,
    File,
    FileExplorer,
    Files,
    Gallery,
    Group,
    Highlight,
    HighlightedText,
    Highlightedtext,
    Image,
    ImageEditor,
    ImageMask,
    ImageSlider,
    Json,
    Label,
    LayerOptions,
    LinePlot,
    List,
    Markdown,
    Matrix,
    MessageDict,
    Mic,
    Microphone,
    Model3D,
    MultimodalTextbox,
    Navbar,
    Number,
    Numpy,
    Paint,
    ParamViewer,
    PlayableVideo,
    Plot,
    Radio,
    Row,
    ScatterPlot,
    Sidebar,
    Sketchpad,
    Slider,
    State,
    Step,
    Tab,
    TabItem,
    Tabs,
    Text,
    TextArea,
    Textbox,
    Timer,
    UploadButton,
    Video,
    Walkthrough,
    WatermarkOptions,
    WaveformOptions,
    WebcamOptions,
)
from trellis.components import handlers as _handlers
from trellis.exceptions import Error
from trellis.i18n import I18n
from trellis.runtime import Info, Progress, Request, Success, Warning
from trellis.themes import Base as Theme
from trellis.validation import validate

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
    # Gradio 6.31 names added by the surface work (H6):
    "DeletedFileData": ("trellis.blocks.events", "DeletedFileData"),
    "DownloadData": ("trellis.blocks.events", "DownloadData"),
    "FileSize": ("trellis.utils", "FileSize"),
    "Header": ("trellis.runtime", "Header"),
    "InputHTMLAttributes": ("trellis.components.input_attributes", "InputHTMLAttributes"),
    "NO_RELOAD": ("trellis.utils", "NO_RELOAD"),
    "close_all": ("trellis.blocks.instances", "close_all"),
    "deploy": ("trellis.deploy_space", "deploy"),
    "get_package_version": ("trellis.utils", "get_package_version"),
    "load_chat": ("trellis.external", "load_chat"),
    "load_ipython_extension": ("trellis.ipython_ext", "load_ipython_extension"),
    "load_openapi": ("trellis.external", "load_openapi"),
    "set_static_paths": ("trellis.utils", "set_static_paths"),
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
    "NO_RELOAD",
    "Accordion",
    "AnnotatedImage",
    "Annotatedimage",
    "Audio",
    "BarPlot",
    "Blocks",
    "BrowserState",
    "Brush",
    "Button",
    "CSVLogger",
    "Cache",
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
    "DeepLinkButton",
    "DeletedFileData",
    "Dialogue",
    "DownloadButton",
    "DownloadData",
    "Draggable",
    "Dropdown",
    "DuplicateButton",
    "EditData",
    "Eraser",
    "Error",
    "EventData",
    "Examples",
    "File",
    "FileData",
    "FileExplorer",
    "FileSize",
    "Files",
    "FlaggingCallback",
    "Gallery",
    "Group",
    "Header",
    "Highlight",
    "HighlightedText",
    "Highlightedtext",
    "I18n",
    "Image",
    "ImageEditor",
    "ImageMask",
    "ImageSlider",
    "Info",
    "InputHTMLAttributes",
    "Interface",
    "Json",
    "KeyUpData",
    "Label",
    "LayerOptions",
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
    "Navbar",
    "Number",
    "Numpy",
    "Paint",
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
    "Sketchpad",
    "Slider",
    "State",
    "Step",
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
    "Walkthrough",
    "Warning",
    "WatermarkOptions",
    "WaveformOptions",
    "WebcamOptions",
    "__version__",
    "cache",
    "close_all",
    "deploy",
    "get_audio",
    "get_file",
    "get_image",
    "get_model3d",
    "get_package_version",
    "get_video",
    "load_chat",
    "load_ipython_extension",
    "load_openapi",
    "mount_gradio_app",
    "on",
    "render",
    "set_static_paths",
    "skip",
    "themes",
    "update",
    "validate",
    "validators",
]
