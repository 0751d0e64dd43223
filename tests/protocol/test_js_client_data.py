"""A Dataframe and plots through the official JS client (@gradio/client, under Node): a table goes in and
comes back as Gradio's DataframeData (the function sees a pandas DataFrame), and LinePlot and Plot outputs
arrive as Gradio's plot payloads."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pandas as pd
import pytest
from test_official_clients import _js_client_dir

import trellis as gr

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None, reason="Node.js is not installed"
)

SCRIPT = """
import { Client } from "@gradio/client";
const app = await Client.connect(process.argv[2]);
const table = {headers: ["item", "price", "qty"], data: [["fig", 0.5, 10], ["kiwi", 2, 3]], metadata: null};
const out = {};
out.total = (await app.predict("/add_total", [table])).data[0];
out.line = (await app.predict("/line", [2])).data[0];
out.plot = (await app.predict("/plot", [])).data[0];
app.close();
console.log(JSON.stringify(out));
process.exit(0);
"""


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    def add_total(frame: pd.DataFrame) -> pd.DataFrame:
        assert isinstance(frame, pd.DataFrame)
        frame = frame.copy()
        frame["total"] = frame["price"].astype(float) * frame["qty"].astype(float)
        return frame

    def line(n: float) -> pd.DataFrame:
        return pd.DataFrame({"x": list(range(int(n))), "y": [float(i * i) for i in range(int(n))]})

    def plot() -> Any:
        import plotly.graph_objects as go

        return go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))

    with gr.Blocks() as demo:
        table = gr.Dataframe(headers=["item", "price", "qty"])
        count = gr.Number(2)
        gr.Button().click(add_total, table, gr.Dataframe(), api_name="add_total")
        gr.Button().click(line, count, gr.LinePlot(x="x", y="y"), api_name="line")
        gr.Button().click(plot, None, gr.Plot(), api_name="plot")
    return serve_blocks(demo)


def test_tables_and_plots_through_the_js_client(url: str) -> None:
    directory = _js_client_dir()
    (directory / "check_data.mjs").write_text(SCRIPT)
    result = subprocess.run(
        ["node", "check_data.mjs", url], cwd=directory, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["total"] == {
        "headers": ["item", "price", "qty", "total"],
        "data": [["fig", 0.5, 10, 5.0], ["kiwi", 2, 3, 6.0]],
        "metadata": None,
    }
    assert out["line"] == {
        "columns": ["x", "y"],
        "data": [[0, 0.0], [1, 1.0]],
        "datatypes": {"x": "quantitative", "y": "quantitative"},
        "mark": "line",
    }
    assert out["plot"]["type"] == "plotly"
    assert json.loads(out["plot"]["plot"])["data"][0]["type"] == "scatter"
