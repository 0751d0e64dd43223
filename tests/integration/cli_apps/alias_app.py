"""A Gradio-style app that launches itself; checks that ``gradio`` is Trellis under ``trellis run``."""

import sys

import cli_helper  # a sibling module: the app's folder must be on sys.path
import gradio as gr
import gradio.themes
from gradio.components import Textbox

import trellis
import trellis.components
import trellis.themes

IDENTITY = (
    gr is trellis
    and gradio.themes is trellis.themes
    and sys.modules["gradio.themes"] is trellis.themes
    and sys.modules["gradio.components"] is trellis.components
    and Textbox is trellis.components.Textbox
)
assert IDENTITY, "gradio is not aliased to trellis"
assert __name__ == "__main__"
APP_ARGS = sys.argv[1:]


def identity(question: str) -> str:
    return f"{IDENTITY}|{cli_helper.GREETING}|{','.join(APP_ARGS)}|{question}"


demo = gr.Interface(
    identity,
    gr.Textbox(label="Question"),
    Textbox(label="Answer"),
    api_name="identity",
    theme=gradio.themes.Default(),
)

if __name__ == "__main__":
    demo.launch()
