"""Interface's string shortcuts: every name Gradio 6.31 accepts is supported or listed as pending."""

from __future__ import annotations

from typing import Any

import pytest

import trellis as gr
from trellis.components import PENDING_SHORTCUTS, SHORTCUTS, component

#: The strings ``gr.Interface(fn, inputs=<name>, ...)`` accepts on Gradio 6.31 (underscores aside: Gradio
#: drops them, so "playable_video" is "playablevideo"). Found by trying, on Gradio, the lower-cased name of
#: every public component, template and layout class and of every alias in ``gradio.components``.
GRADIO_ACCEPTS = frozenset(
    """annotatedimage audio barplot browserstate button chatbot checkbox checkboxgroup clearbutton code colorpicker
    dataframe dataset datetime deeplinkbutton dialogue downloadbutton dropdown duplicatebutton fallback file
    fileexplorer files gallery highlight highlightedtext html image imageeditor imagemask imageslider json label
    lineplot list markdown matrix microphone model3d multimodaltextbox nativeplot navbar number numpy paint
    paramviewer playablevideo plot radio scatterplot simpledropdown simpleimage simpletextbox sketchpad slider state
    text textarea textbox timer uploadbutton video workflowcanvas""".split()
)

#: Strings Gradio 6.31 refuses, though they read like shortcuts.
GRADIO_REFUSES = ("webcam", "mic", "password", "row", "Textbox", "TEXT", "interface")


def test_every_shortcut_gradio_accepts_is_supported_or_pending() -> None:
    assert set(SHORTCUTS) | set(PENDING_SHORTCUTS) == GRADIO_ACCEPTS
    assert not set(SHORTCUTS) & set(PENDING_SHORTCUTS)


def test_a_pending_component_is_not_in_trellis_yet() -> None:
    for name, gradio_class in PENDING_SHORTCUTS.items():
        assert getattr(gr, gradio_class, None) is None, f"gr.{gradio_class} exists now: move {name!r} to SHORTCUTS"


@pytest.mark.parametrize("name", sorted(SHORTCUTS))
def test_each_supported_shortcut_makes_its_component(name: str) -> None:
    made = component(name, render=False)
    assert type(made) is SHORTCUTS[name]
    assert type(component(name[:1] + "_" + name[1:], render=False)) is SHORTCUTS[name]


@pytest.mark.parametrize(
    ("name", "block_type", "props"),
    [
        ("microphone", "audio", {"sources": ["microphone"], "format": "wav"}),
        ("playable_video", "video", {"sources": ["upload"], "format": "mp4"}),
        ("files", "file", {"file_count": "multiple"}),
        ("textarea", "textbox", {"lines": 7, "max_lines": 20}),
        ("text", "textbox", {"lines": 1}),
        ("checkboxgroup", "checkboxgroup", {"value": []}),
    ],
)
def test_templates_are_sent_as_their_base_with_gradios_props(name: str, block_type: str, props: dict[str, Any]) -> None:
    made = component(name, render=False)
    sent = made.get_props()
    assert made.block_type == block_type
    assert {key: sent.get(key) for key in props} == props


def test_a_pending_shortcut_names_the_missing_component() -> None:
    with pytest.raises(
        NotImplementedError, match=r"'workflowcanvas' makes a gr\.WorkflowCanvas, which Trellis does not have yet"
    ):
        gr.Interface(lambda x: x, "workflowcanvas", "text")
    with pytest.raises(NotImplementedError, match=r"gr\.WorkflowCanvas"):
        component("workflow_canvas")


@pytest.mark.parametrize("name", GRADIO_REFUSES)
def test_what_gradio_refuses_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="No component is called"):
        component(name, render=False)


def test_template_classes_are_exported() -> None:
    assert gr.Mic is gr.Microphone and gr.Checkboxgroup is gr.CheckboxGroup and gr.Annotatedimage is gr.AnnotatedImage
    assert isinstance(gr.Files(render=False), gr.File) and isinstance(gr.PlayableVideo(render=False), gr.Video)


def test_interface_uses_the_shortcuts() -> None:
    demo = gr.Interface(lambda a, f: (a, f), ["microphone", "files"], ["playable_video", "json"])
    mic, files = demo.input_components
    video, data = demo.output_components
    assert (mic.sources, mic.format, files.file_count, video.format, type(data)) == (
        ["microphone"],
        "wav",
        "multiple",
        "mp4",
        gr.JSON,
    )
