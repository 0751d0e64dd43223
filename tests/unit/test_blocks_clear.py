"""``Blocks.clear``: an app emptied of its components and listeners, then built again (Gradio's pattern)."""

from __future__ import annotations

import trellis as gr


def test_clear_drops_components_and_listeners_and_keeps_settings() -> None:
    demo = gr.Blocks(title="Kept")
    with demo:
        text = gr.Textbox()
        text.submit(lambda x: x, text, text, api_name="echo")
    assert demo.clear() is demo
    assert demo.children == [] and demo.dependencies == []
    with demo.clear():
        number = gr.Number()
        number.submit(lambda x: x, number, number, api_name="echo")  # the old name is free again
    config = demo.config
    assert config["title"] == "Kept"
    assert [c["type"] for c in config["components"]] == ["number", "form"]
    assert [d["api_name"] for d in config["dependencies"]] == ["echo"]
