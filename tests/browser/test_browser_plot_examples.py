"""Plots and tables as cached example outputs: clicking an example shows the cached figure at once.

Gradio runs a cached Interface's examples at launch and, when one is clicked, puts the cached outputs
in place without calling the function again; the same is checked here for a native LinePlot, a plotly
gr.Plot and a Dataframe (the function counts its calls, and must not be called by the clicks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser
pd = pytest.importorskip("pandas")
go = pytest.importorskip("plotly.graph_objects")

Serve = Callable[..., str]


def test_cached_plot_and_table_examples_show_without_running_again(page: Page, serve: Serve, tmp_path: Any) -> None:
    calls: list[float] = []

    def draw(slope: float) -> tuple[Any, Any, Any]:
        calls.append(slope)
        frame = pd.DataFrame({"x": [0, 1, 2, 3], "y": [0, slope, 2 * slope, 3 * slope]})
        figure = go.Figure(go.Scatter(x=frame["x"], y=frame["y"], name=f"slope {slope:g}"))
        return frame, figure, frame.rename(columns={"y": f"y{slope:g}"})

    demo = gr.Interface(
        draw,
        gr.Number(label="slope"),
        [
            gr.LinePlot(x="x", y="y", label="line", elem_id="line"),
            gr.Plot(label="plotly", elem_id="plotly"),
            gr.Dataframe(label="table", elem_id="table"),
        ],
        examples=[[2], [5]],
        cache_examples=True,
    )
    url = serve(demo)
    assert sorted(calls) == [2, 5]  # cached at launch
    page.goto(url)
    # The first example is preloaded, cached outputs included (Examples(preload=0), Gradio's default).
    expect(page.locator("#table").get_by_test_id("header-1")).to_have_attribute("title", "y2")
    page.get_by_role("button", name="5").first.click()
    expect(page.locator("#table").get_by_test_id("header-1")).to_have_attribute("title", "y5")
    expect(page.locator("#table").get_by_test_id("cell-3-1")).to_have_text("15")
    expect(page.locator("#line .vega-embed svg, #line .vega-embed canvas").first).to_be_visible()
    expect(
        page.locator("#plotly .js-plotly-plot .legendtext, #plotly .js-plotly-plot .scatterlayer").first
    ).to_be_attached()
    page.get_by_role("button", name="2").first.click()
    expect(page.locator("#table").get_by_test_id("header-1")).to_have_attribute("title", "y2")
    assert sorted(calls) == [2, 5]  # the clicks used the cache
