"""A small tour of Trellis: an Interface, a Blocks tab with state and streaming."""

import time

import gradio as gr


def greet(name: str, enthusiasm: int = 1) -> str:
    """Say hello."""
    if not name:
        raise gr.Error("Please type a name.")
    return f"Hello, {name}" + "!" * int(enthusiasm)


def count_up(n: float, progress=gr.Progress()):
    text = ""
    for i in progress.tqdm(range(int(n)), desc="Counting"):
        time.sleep(0.1)
        text += f"{i} "
        yield text


def remember(word: str, words: list[str]):
    words = [*words, word]
    return words, ", ".join(words)


hello = gr.Interface(
    greet,
    [gr.Textbox(label="Name", placeholder="Ada"), gr.Slider(1, 5, value=1, step=1, label="Enthusiasm")],
    gr.Textbox(label="Greeting"),
    title="Hello, Trellis",
    description="Type a name and press Submit.",
    examples=[["Ada", 2], ["Grace", 5]],
    flagging_mode="never",
)

with gr.Blocks(title="Trellis demo") as blocks:
    gr.Markdown("## Streaming and state")
    with gr.Row():
        n = gr.Number(label="Count to", value=10, precision=0)
        counted = gr.Textbox(label="Counted")
    gr.Button("Count", variant="primary").click(count_up, n, counted)
    words = gr.State([])
    with gr.Row():
        word = gr.Textbox(label="Word")
        all_words = gr.Textbox(label="Words so far")
    word.submit(remember, [word, words], [words, all_words])

demo = gr.TabbedInterface([hello, blocks], ["Hello", "Blocks"], title="Trellis demo")

if __name__ == "__main__":
    demo.launch()
