"""Class-level data Gradio 6.31's component classes expose, with Gradio's values.

Found by comparing ``dir()`` of each public class on both: apart from methods, Gradio's classes
also carry ``TEMPLATE_DIR`` and ``FRONTEND_DIR``, the source folders of a custom component's
build tooling, which have no counterpart here.
"""

from __future__ import annotations

import weakref

import pytest

import trellis as gr

#: ``gr.Code.languages`` on Gradio 6.31.
GRADIO_CODE_LANGUAGES = [
    "python", "c", "cpp", "markdown", "latex", "json", "html", "css", "javascript", "jinja2", "typescript", "yaml",
    "dockerfile", "shell", "r", "sql", "sql-msSQL", "sql-mySQL", "sql-mariaDB", "sql-sqlite", "sql-cassandra",
    "sql-plSQL", "sql-hive", "sql-pgSQL", "sql-gql", "sql-gpSQL", "sql-sparkSQL", "sql-esper", None,
]  # fmt: skip

#: The exported classes Gradio 6.31 marks ``is_template = True`` that Trellis has (others lack the attribute).
GRADIO_TEMPLATES = ("ClearButton", "DuplicateButton", "Files", "Mic", "Microphone", "PlayableVideo", "TextArea")


def test_code_languages() -> None:
    assert gr.Code.languages == GRADIO_CODE_LANGUAGES
    for language in GRADIO_CODE_LANGUAGES:
        assert gr.Code(language=language, render=False).language == language


def test_code_refuses_a_language_not_in_the_list() -> None:
    with pytest.raises(ValueError, match="Language 'cobol' is not supported"):
        gr.Code(language="cobol", render=False)


def test_templates_say_so() -> None:
    assert all(getattr(gr, name).is_template is True for name in GRADIO_TEMPLATES)
    assert not hasattr(gr.Button, "is_template") and not hasattr(gr.Textbox, "is_template")


def test_label_state_and_blocks_attributes() -> None:
    assert gr.Label.CONFIDENCES_KEY == "confidences"
    assert gr.State.allow_string_shortcut is False
    assert isinstance(gr.Blocks.instances, weakref.WeakSet)
    demo = gr.Blocks()
    interface = gr.Interface(lambda x: x, "text", "text")
    assert demo in gr.Blocks.instances and interface in gr.Interface.instances
