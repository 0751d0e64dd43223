"""LinePlot, ScatterPlot and BarPlot in the browser, as Gradio 6.31 draws them, and their events.

Expected numbers were measured by serving the same app with Gradio 6.31 in this Chromium (1280px window):
a labelled LinePlot block is 356px high with its 300px chart 39px below the block's top (13px in); an
unlabelled ScatterPlot block 329px with the chart 11px down; a BarPlot with a caption 348px, the caption in
14px body text; an empty plot a 158px block with its 20px icon 83px down. Bars of a category x are sorted
ascending (Chinese, Italian, Mexican). Brushing x on a plot with a select listener sends the range; a
double click fires double_click.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

FRAME = pd.DataFrame(
    {
        "time": pd.date_range("2024-01-01", periods=60, freq="h"),
        "temp": [20 + (i % 12) for i in range(60)],
        "site": ["north", "south"] * 30,
        "x": list(range(60)),
    }
)
FOOD = pd.DataFrame({"cuisine": ["Italian", "Mexican", "Chinese"] * 10, "price": list(range(30))})

BOX = """
(id) => {
  const b = document.getElementById(id).getBoundingClientRect();
  const svg = document.querySelector(`#${id} .vega-embed svg`);
  const s = svg ? svg.getBoundingClientRect() : null;
  const cap = document.querySelector(`#${id} .caption`);
  const empty = document.querySelector(`#${id} [data-testid=nativeplot-empty] svg`);
  const e = empty ? empty.getBoundingClientRect() : null;
  return {h: b.height, svg: s && [s.left - b.left, s.top - b.top, s.height],
          cap: cap && getComputedStyle(cap).fontSize, empty: e && [e.top - b.top, e.height]};
}
"""


def test_plots_are_drawn_at_gradios_geometry(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.LinePlot(FRAME, x="time", y="temp", color="site", title="Temperature", label="Line", elem_id="line")
        with gr.Row():
            gr.ScatterPlot(FRAME, x="x", y="temp", color="site", elem_id="scatter")
            gr.BarPlot(FOOD, x="cuisine", y="price", caption="Mean price", y_aggregate="mean", elem_id="bar")
        gr.LinePlot(x="a", y="b", label="Empty", elem_id="empty")
        gr.LinePlot(FRAME, x="time", y="temp", height=200, label="Short", elem_id="short")
        gr.BarPlot(FOOD, x="cuisine", y="price", height=300, show_label=False, elem_id="tall")
    page.goto(serve(demo))
    for plot in ("line", "scatter", "bar"):
        expect(
            page.locator(
                f"#{plot} .vega-embed svg .mark-symbol, #{plot} .vega-embed svg .mark-line, #{plot} .vega-embed svg .mark-rect"
            ).first
        ).to_be_attached()
    line = page.evaluate(BOX, "line")
    assert abs(line["h"] - 356) <= 1.5
    assert line["svg"][1] == pytest.approx(39, abs=1.5) and line["svg"][2] == pytest.approx(300, abs=1)
    scatter = page.evaluate(BOX, "scatter")
    assert abs(scatter["h"] - 329) <= 1.5 and scatter["svg"][1] == pytest.approx(11, abs=1)
    bar = page.evaluate(BOX, "bar")
    assert abs(bar["h"] - 348) <= 1.5 and bar["cap"] == "14px"
    empty = page.evaluate(BOX, "empty")
    assert abs(empty["h"] - 158) <= 1.5 and empty["empty"] == [pytest.approx(83, abs=1.5), 20]
    # Gradio 6.31 with `height`: the block is that tall and the chart 22px less, cut at the block's edge
    # under a label (LinePlot height=200: block 200, chart 178 from y 38.6; BarPlot 300 unlabelled: 300, 278 from 11).
    for plot in ("short", "tall"):
        expect(page.locator(f"#{plot} .vega-embed svg").first).to_be_attached()
    short, tall = page.evaluate(BOX, "short"), page.evaluate(BOX, "tall")
    assert short["h"] == pytest.approx(200, abs=0.5) and short["svg"][1:] == [pytest.approx(38.6, abs=1), 178]
    assert tall["h"] == pytest.approx(300, abs=0.5) and tall["svg"][1:] == [pytest.approx(11, abs=1), 278]
    labels = page.locator("#bar .vega-embed svg .role-axis-label text").evaluate_all("ts => ts.map(t => t.textContent)")
    cuisines = [t for t in labels if t in ("Chinese", "Italian", "Mexican")]
    assert cuisines == ["Chinese", "Italian", "Mexican"]


def test_select_double_click_and_updates_reach_python(page: Page, serve: Serve) -> None:
    def brushed(evt: gr.SelectData) -> str:
        low, high = evt.index
        return f"{low:.0f}-{high:.0f}"

    with gr.Blocks() as demo:
        plot = gr.ScatterPlot(FRAME, x="x", y="temp", elem_id="scatter")
        out = gr.Textbox(elem_id="out")
        clicks = gr.Number(0, elem_id="clicks")
        rows = gr.Number(10, elem_id="rows")
        plot.select(brushed, None, out)
        plot.double_click(lambda n: n + 1, clicks, clicks)
        gr.Button("Fewer", elem_id="fewer").click(lambda n: FRAME.head(int(n)), rows, plot)
    page.goto(serve(demo))
    points = page.locator("#scatter .vega-embed svg .mark-symbol path")
    expect(points).to_have_count(60)
    box = page.locator("#scatter .vega-embed svg").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    page.mouse.up()
    expect(page.locator("#out textarea")).to_have_value(re.compile(r"^\d+-\d+$"))
    low, high = (int(v) for v in page.locator("#out textarea").input_value().split("-"))
    assert 5 <= low < high <= 40
    page.locator("#scatter .vega-embed svg").dblclick(position={"x": 40, "y": 40})
    expect(page.locator("#clicks input")).to_have_value("1")
    page.locator("#fewer").click()
    expect(points).to_have_count(10)


def test_a_page_without_plots_does_not_load_the_chart_library(page: Page, serve: Serve) -> None:
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    with gr.Blocks() as demo:
        gr.Textbox("no plot here")
    page.goto(serve(demo))
    expect(page.locator("textarea")).to_have_value("no plot here")
    assert not any("embed" in url.rsplit("/", 1)[-1] for url in scripts)
    with gr.Blocks() as plotted:
        gr.BarPlot(FOOD, x="cuisine", y="price")
    page.goto(serve(plotted))
    expect(page.locator(".vega-embed svg .mark-rect")).to_be_attached()
    assert any("embed" in url.rsplit("/", 1)[-1] for url in scripts)


def test_export_and_fullscreen_buttons_only_when_asked(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.BarPlot(FOOD, x="cuisine", y="price", elem_id="plain")
        gr.BarPlot(FOOD, x="cuisine", y="price", buttons=["export", "fullscreen"], elem_id="tools")
    page.goto(serve(demo))
    expect(page.locator("#tools [data-testid=nativeplot-export]")).to_be_visible()
    expect(page.locator("#tools [data-testid=nativeplot-fullscreen]")).to_be_visible()
    expect(page.locator("#plain [data-testid=nativeplot-export]")).to_have_count(0)
    expect(page.locator("#tools .vega-embed svg .mark-rect")).to_be_attached()
    with page.expect_download() as download:
        page.locator("#tools [data-testid=nativeplot-export]").click()
    assert download.value.suggested_filename == "chart.png"
