"""gr.Plot: the payloads Gradio 6.31 sends for matplotlib, plotly, altair and bokeh figures."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from typing import Any

import pytest

import trellis as gr
from trellis.exceptions import ValidationError


def test_import_trellis_does_not_import_the_plotting_libraries() -> None:
    code = (
        "import sys, trellis as gr; gr.Plot(render=False); "
        "print([m for m in ('matplotlib', 'plotly', 'altair', 'bokeh') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_signature_and_config_match_gradio() -> None:
    import inspect

    params = list(inspect.signature(gr.Plot).parameters)
    assert params == [
        "value",
        "format",
        "label",
        "every",
        "inputs",
        "show_label",
        "container",
        "scale",
        "min_width",
        "visible",
        "elem_id",
        "elem_classes",
        "render",
        "key",
        "preserved_by_key",
        "buttons",
    ]
    props = gr.Plot(label="P", render=False).get_props()
    # Gradio 6.31's /config for gr.Plot(label="P") (bokeh not installed: no bokeh_version key).
    for key, value in {
        "format": "webp",
        "label": "P",
        "show_label": True,
        "container": True,
        "min_width": 160,
        "visible": True,
        "elem_classes": [],
        "preserved_by_key": ["value"],
        "buttons": [],
        "_selectable": False,
    }.items():
        assert props[key] == value, key
    assert "value" not in props or props["value"] is None


def test_api_info_is_gradios_plotdata() -> None:
    plot = gr.Plot(render=False)
    assert plot.api_info() == {
        "properties": {
            "type": {"enum": ["altair", "bokeh", "plotly", "matplotlib"], "title": "Type", "type": "string"},
            "plot": {"title": "Plot", "type": "string"},
        },
        "required": ["type", "plot"],
        "title": "PlotData",
        "type": "object",
        "additional_description": None,
    }
    assert plot.example_payload() is None
    assert plot.example_value() is None


def test_none_and_payloads_pass_through() -> None:
    plot = gr.Plot(render=False)
    assert plot.postprocess(None) is None
    assert plot.preprocess(None) is None
    payload = {"type": "plotly", "plot": "{}"}
    assert plot.postprocess(payload) == payload
    assert plot.preprocess(payload) == payload
    with pytest.raises(ValidationError):
        plot.preprocess({"type": "svg", "plot": "x"})
    with pytest.raises(ValidationError):
        plot.preprocess("not a plot")
    with pytest.raises(ValueError, match="matplotlib, plotly, altair or bokeh"):
        plot.postprocess(object())


def _figure() -> Any:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [1, 4, 9])
    return fig


def _decoded(data_url: str, mime: str) -> bytes:
    prefix = f"data:{mime};base64,"
    assert data_url.startswith(prefix)
    return base64.b64decode(data_url[len(prefix) :])


def test_matplotlib_figure_is_sent_as_a_webp_data_url_and_closed() -> None:
    import matplotlib.pyplot as plt

    fig = _figure()
    assert plt.fignum_exists(fig.number)
    payload = gr.Plot(render=False).postprocess(fig)
    assert payload["type"] == "matplotlib"
    data = _decoded(payload["plot"], "image/webp")
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert not plt.fignum_exists(fig.number)  # as Gradio: closed once sent


@pytest.mark.parametrize(
    ("fmt", "mime", "magic"),
    [("png", "image/png", b"\x89PNG"), ("jpg", "image/jpg", b"\xff\xd8\xff"), ("svg", "image/svg", b"<?xml")],
)
def test_matplotlib_format(fmt: str, mime: str, magic: bytes) -> None:
    payload = gr.Plot(format=fmt, render=False).postprocess(_figure())
    assert _decoded(payload["plot"], mime).startswith(magic)


def test_pyplot_module_sends_the_current_figure() -> None:
    _figure()
    import matplotlib.pyplot as plt

    payload = gr.Plot(format="png", render=False).postprocess(plt)
    assert payload["type"] == "matplotlib"
    assert _decoded(payload["plot"], "image/png").startswith(b"\x89PNG")
    plt.close("all")


def test_matplotlib_initial_value_is_in_the_config() -> None:
    plot = gr.Plot(_figure(), render=False)
    assert plot.get_props()["value"]["type"] == "matplotlib"
    assert plot.get_props()["value"]["plot"].startswith("data:image/webp;base64,")


def test_plotly_figure_is_sent_as_its_json() -> None:
    go = pytest.importorskip("plotly.graph_objects")
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    payload = gr.Plot(render=False).postprocess(fig)
    assert payload == {"type": "plotly", "plot": fig.to_json()}
    spec = json.loads(payload["plot"])
    assert spec["data"][0]["type"] == "scatter" and "layout" in spec


def test_altair_chart_is_sent_as_its_json() -> None:
    alt = pytest.importorskip("altair")
    chart = alt.Chart(alt.Data(values=[{"x": 1, "y": 2}])).mark_point().encode(x="x:Q", y="y:Q")
    payload = gr.Plot(render=False).postprocess(chart)
    assert payload["type"] == "altair"
    assert payload["plot"] == chart.to_json()
    assert json.loads(payload["plot"])["mark"]["type"] == "point"


def test_bokeh_figure_is_sent_as_its_json_item() -> None:
    pytest.importorskip("bokeh")
    from bokeh.embed import json_item
    from bokeh.plotting import figure

    fig = figure()
    fig.line([1, 2], [3, 4])
    payload = gr.Plot(render=False).postprocess(fig)
    assert payload["type"] == "bokeh"
    item = json.loads(payload["plot"])
    assert set(item) == set(json_item(fig))
    assert gr.Plot(render=False).get_props()["bokeh_version"]


def test_bokeh_version_is_left_out_without_bokeh() -> None:
    try:
        import bokeh  # noqa: F401
    except ImportError:
        assert "bokeh_version" not in gr.Plot(render=False).get_props()
    else:
        pytest.skip("bokeh is installed")


# -- BokehJS served from the installed bokeh package ----------------------------------------------------


def _client(tmp_path: Any, monkeypatch: pytest.MonkeyPatch, bokeh_dir: Any) -> Any:
    from starlette.testclient import TestClient

    from trellis.routes import App
    from trellis.server import frontend

    monkeypatch.setattr(frontend, "bokeh_js_dir", lambda: bokeh_dir)
    with gr.Blocks() as demo:
        gr.Plot()
    return TestClient(App.create_app(demo))


def test_bokeh_scripts_are_served_from_the_bokeh_package(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bokeh.min.js").write_text("/* core */")
    (tmp_path / "bokeh-widgets.min.js").write_text("/* widgets */")
    (tmp_path / "compiler.js").write_text("/* not BokehJS */")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "bokeh.min.js").write_text("/* nested */")
    with _client(tmp_path, monkeypatch, tmp_path) as client:
        response = client.get("/gradio_api/bokeh/bokeh.min.js")
        assert response.status_code == 200
        assert response.text == "/* core */"
        assert response.headers["content-type"].startswith("text/javascript")
        assert client.get("/gradio_api/bokeh/bokeh-widgets.min.js").text == "/* widgets */"
        # Only BokehJS's own scripts, only in that folder.
        assert client.get("/gradio_api/bokeh/compiler.js").status_code == 404
        assert client.get("/gradio_api/bokeh/bokeh-tables.min.js").status_code == 404
        assert client.get("/gradio_api/bokeh/lib%2Fbokeh.min.js").status_code == 404
        assert client.get("/gradio_api/bokeh/..%2F..%2Fbokeh.min.js").status_code == 404


def test_no_bokeh_scripts_without_bokeh(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with _client(tmp_path, monkeypatch, None) as client:
        assert client.get("/gradio_api/bokeh/bokeh.min.js").status_code == 404


def test_bokeh_js_dir_is_the_installed_packages() -> None:
    from trellis.server import frontend

    folder = frontend.bokeh_js_dir()
    try:
        import bokeh
    except ImportError:
        assert folder is None
    else:
        assert folder is not None and (folder / "bokeh.min.js").is_file()
        assert str(folder).startswith(str(__import__("pathlib").Path(bokeh.__file__).parent))
