"""Two apps and no launch: ``--demo-name`` picks one."""

import gradio as gr

first = gr.Interface(lambda x: "first", "text", "text", api_name="which")
second = gr.Interface(lambda x: "second", "text", "text", api_name="which")
