"""gr.Plot's look, compared with Gradio 6.31's page for the same app.

The geometry was recorded by serving the same app with Gradio 6.31 (Chromium, 1280px viewport) and reading
its DOM; the values are hard-coded here. The plotting libraries' chunks (plotly.js, vega-embed) must load
only on pages that show such a figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
go = pytest.importorskip("plotly.graph_objects")
alt = pytest.importorskip("altair")

Serve = Callable[..., str]


def _figure() -> Any:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()  # matplotlib's default 6.4x4.8in at 100dpi: a 640x480 image
    ax.plot([1, 2, 3], [1, 4, 9])
    return fig


def _box(page: Page, selector: str, inner: str | None = None) -> list[float]:
    """The block's box, or the box of `inner` relative to the block's top-left corner."""
    return page.locator(selector).evaluate(
        """(block, inner) => {
            const b = block.getBoundingClientRect();
            if (!inner) return [b.x, b.y, b.width, b.height];
            const r = block.querySelector(inner).getBoundingClientRect();
            return [r.x - b.x, r.y - b.y, r.width, r.height];
        }""",
        inner,
    )


def test_matplotlib_plotly_altair_and_empty(page: Page, serve: Serve) -> None:
    chart = alt.Chart(alt.Data(values=[{"x": 1, "y": 1}, {"x": 3, "y": 9}])).mark_line().encode(x="x:Q", y="y:Q")
    with gr.Blocks() as demo:
        gr.Plot(label="Empty", elem_id="empty")
        gr.Plot(_figure(), label="Matplotlib", elem_id="mpl")
        gr.Plot(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 4, 9])), label="Plotly", elem_id="plotly")
        gr.Plot(chart, label="Altair", elem_id="altair")
    page.goto(serve(demo))

    # Gradio 6.31: an unpadded 1216px card; empty, a 236px box with the 20px icon at half opacity in its middle.
    expect(page.locator("#empty [data-testid=plot-empty]")).to_be_visible()
    assert _box(page, "#empty")[2:] == [1216, 238]
    assert _box(page, "#empty", "[data-testid=plot-empty]") == [1, 1, 1214, 236]
    assert _box(page, "#empty", "[data-testid=plot-empty] svg") == [598, 109, 20, 20]
    # The label badge floats in the top-left corner.
    assert _box(page, "#empty", "[data-testid=block-label]")[:2] == [1, 1]
    assert round(_box(page, "#empty", "[data-testid=block-label]")[3]) == 26

    # Gradio 6.31: the 640x480 image at its own size, centred, at the top of a 482px card.
    image = page.locator("#mpl img")
    expect(image).to_have_attribute("src", re.compile(r"^data:image/webp;base64,"))
    page.wait_for_function("() => document.querySelector('#mpl img').complete")
    assert _box(page, "#mpl", "img") == [288, 1, 640, 480]
    assert _box(page, "#mpl")[3] == 482

    # Gradio 6.31: plotly's svg fills the card's width at plotly's default 450px height.
    expect(page.locator("#plotly .main-svg").first).to_be_visible()
    assert _box(page, "#plotly", ".main-svg") == [1, 1, 1214, 450]
    assert _box(page, "#plotly")[3] == 452

    # Gradio 6.31: vega-embed's canvas at the chart's own size (about 340x347 here), centred, padded 6px,
    # with vega-embed's actions menu.
    canvas = page.locator("#altair .vega-embed canvas")
    expect(canvas).to_be_visible()
    x, y, width, height = _box(page, "#altair", ".vega-embed canvas")
    assert y == 1 and abs(height - 347) <= 2 and abs(width - 340) <= 3
    assert abs((x + width / 2) - 1216 / 2) <= 2
    assert canvas.evaluate("c => getComputedStyle(c).padding") == "6px"
    expect(page.locator("#altair .vega-embed details")).to_have_count(1)


def test_narrow_matplotlib_image_fits_the_card(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Plot(_figure(), elem_id="mpl")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(serve(demo))
    page.wait_for_function("() => document.querySelector('#mpl img')?.complete")
    # Gradio 6.31 at 390px: the image scaled down to the 324px-wide card, 243px high.
    assert _box(page, "#mpl", "img") == [1, 1, 324, 243]
    expect(page.locator("#mpl [data-testid=block-label]")).to_have_text("Plot")


def test_figure_from_an_event_and_libraries_loaded_only_when_needed(page: Page, serve: Serve) -> None:
    def make(kind: str) -> Any:
        if kind.startswith("plotly"):
            return go.Figure(go.Bar(x=["a", "b"], y=[2, 3] if kind == "plotly" else [4, 1]))
        return alt.Chart(alt.Data(values=[{"x": 1, "y": 2}])).mark_point().encode(x="x:Q", y="y:Q")

    with gr.Blocks() as demo:
        kind = gr.Textbox(elem_id="kind")
        plot = gr.Plot(elem_id="plot")
        changes = gr.Number(0, elem_id="changes")
        gr.Button("draw", elem_id="draw").click(make, kind, plot)
        plot.change(lambda n: n + 1, changes, changes)
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
    page.goto(serve(demo))
    expect(page.locator("#plot [data-testid=plot-empty]")).to_be_visible()
    # As Gradio 6.31's Plot, change fires when the plot is first drawn, even empty (Gradio fires it twice on
    # load and twice per value; Trellis once).
    expect(page.locator("#changes input")).to_have_value("1")
    page.wait_for_load_state("networkidle")
    # A page without figures loads neither plotly.js nor vega-embed.
    assert not [url for url in scripts if "plotly" in url or "embed" in url or "vega" in url]

    page.locator("#kind textarea").fill("plotly")
    page.locator("#draw").click()
    expect(page.locator("#plot .main-svg").first).to_be_visible()
    expect(page.locator("#changes input")).to_have_value("2")
    assert [url for url in scripts if "plotly" in url]
    assert not [url for url in scripts if "embed" in url or "vega" in url]
    # A redrawn figure keeps Gradio's 450px height (a responsive plotly figure redrawn in place collapsed).
    expect(page.locator("#plot [data-testid=plotly]")).to_have_attribute("class", re.compile("js-plotly-plot"))
    assert _box(page, "#plot")[3] == 452
    page.locator("#kind textarea").fill("plotly again")
    page.locator("#draw").click()
    expect(page.locator("#changes input")).to_have_value("3")
    expect(page.locator("#plot .main-svg").first).to_be_visible()
    page.wait_for_function("() => document.querySelector('#plot').getBoundingClientRect().height > 400")
    assert _box(page, "#plot")[3] == 452

    page.locator("#kind textarea").fill("altair")
    page.locator("#draw").click()
    expect(page.locator("#plot .vega-embed canvas")).to_be_visible()
    expect(page.locator("#plot .main-svg")).to_have_count(0)
    expect(page.locator("#changes input")).to_have_value("4")


def test_bokeh_figure_drawn_with_the_servers_bokehjs(page: Page, serve: Serve) -> None:
    pytest.importorskip("bokeh")
    from bokeh.plotting import figure

    fig = figure(title="squares", width=400, height=300)
    fig.line([1, 2, 3], [1, 4, 9])
    with gr.Blocks() as demo:
        gr.Plot(fig, label="Bokeh", elem_id="bk")
    scripts: list[str] = []
    page.on("response", lambda response: scripts.append(response.url) if response.ok else None)
    page.goto(serve(demo))
    # BokehJS draws the figure in its shadow root; its root element takes the figure's 400x300 size, centred
    # in the card (as Gradio's centred bokeh box).
    root = page.locator("#bk [data-testid=bokeh] > div").first
    expect(root).to_be_visible()
    page.wait_for_function(
        "() => document.querySelector('#bk [data-testid=bokeh] > div')?.getBoundingClientRect().height >= 300"
    )
    x, _, width, height = _box(page, "#bk", "[data-testid=bokeh] > div")
    assert (width, height) == (400, 300)
    assert abs(x + width / 2 - 1216 / 2) <= 1
    assert [url for url in scripts if url.endswith("/gradio_api/bokeh/bokeh.min.js")]
