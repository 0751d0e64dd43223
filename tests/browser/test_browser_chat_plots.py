"""Plots and tables inside Chatbot messages are drawn by their own views, as in Gradio: a matplotlib figure
as its image, a LinePlot as a Vega-Lite chart (Gradio names it "lineplot" in the message) and a Dataframe
as a table."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def test_plots_and_tables_in_messages(page: Page, serve: Serve) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure()
    plt.plot([1, 2, 3], [3, 1, 2])
    frame = pd.DataFrame({"x": [1, 2, 3], "y": [2.0, 4.0, 3.0]})
    history = [
        {"role": "user", "content": "plot it"},
        {"role": "assistant", "content": gr.Plot(figure)},
        {"role": "assistant", "content": gr.LinePlot(frame, x="x", y="y")},
        {"role": "assistant", "content": gr.Dataframe(frame)},
    ]
    with gr.Blocks() as demo:
        chat = gr.Chatbot(history, elem_id="chat")
    config_parts = [m["content"] for m in chat.get_props()["value"][1:]]
    assert [p[0]["component"] if isinstance(p, list) else p["component"] for p in config_parts] == [
        "plot",
        "lineplot",
        "dataframe",
    ]
    page.goto(serve(demo))
    expect(page.locator("#chat [data-testid=chatbot-component-plot] img")).to_be_visible()
    expect(page.locator("#chat [data-testid=chatbot-component-nativeplot] .vega-embed svg .mark-line")).to_be_attached()
    table = page.locator("#chat [data-testid=chatbot-component-dataframe]")
    expect(table.get_by_role("gridcell", name="4", exact=True)).to_be_visible()
    expect(page.locator("#chat").get_by_text("cannot be shown")).to_have_count(0)
