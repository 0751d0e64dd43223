"""An app that never calls launch(): ``trellis run`` finds the only Blocks and launches it."""

import gradio as gr

with gr.Blocks() as app:
    gr.Markdown("Launched by the CLI")
    name = gr.Textbox(label="Name")
    out = gr.Textbox(label="Greeting")
    gr.Button("Greet").click(lambda n: f"Hi {n}", name, out, api_name="greet")
