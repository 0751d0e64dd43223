"""A multipage app and deep links on the real server, through HTTP and the official gradio_client.

What is asserted was recorded from the same app on a Gradio 6.31 server: each page is served at its own
path (``/<path>/`` redirects there), ``/config`` and ``/gradio_api/info`` answer for the whole app and, with
``?page=``, for one page; the client sees every page's endpoints; ``/gradio_api/deep_link`` saves a
session's values under an id that a page opened with ``?deep_link=<id>`` restores.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

import trellis as gr
from tests.conftest import TIMEOUT, fn_index, run_event


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Navbar(main_page_name="Dashboard")
        name = gr.Textbox(label="Name")
        out = gr.Textbox(label="Greeting")
        gr.Button("Greet").click(lambda n: "Hi " + n, name, out, api_name="greet")
        gr.DeepLinkButton()
    with demo.route("Settings", "/settings"):
        num = gr.Number(label="N")
        sq = gr.Number(label="Square")
        gr.Button("Square").click(lambda n: n * n, num, sq, api_name="square")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return str(serve_blocks(build()))


def get(url: str, path: str, **kwargs: Any) -> httpx.Response:
    return httpx.get(url.rstrip("/") + path, timeout=TIMEOUT, **kwargs)


def embedded_config(html: str) -> dict[str, Any]:
    import json

    match = re.search(r"window\.gradio_config = (.*?);</script>", html, re.S)
    assert match is not None
    config: dict[str, Any] = json.loads(match.group(1))
    return config


def test_each_page_is_served_at_its_path(url: str) -> None:
    assert get(url, "/settings").status_code == 200
    redirect = get(url, "/settings/?x=1")
    assert redirect.status_code == 301 and redirect.headers["location"].endswith("/settings?x=1")
    assert get(url, "/nowhere").status_code == 404
    home = embedded_config(get(url, "/").text)
    settings = embedded_config(get(url, "/settings").text)
    assert (home["current_page"], settings["current_page"]) == ("", "settings")
    assert home["deep_link_state"] == "none"
    labels = {c["props"].get("label") for c in settings["components"]}
    assert "N" in labels and "Name" not in labels
    assert [d["api_name"] for d in settings["dependencies"]] == ["square"]


def test_config_and_info_answer_per_page(url: str) -> None:
    whole = get(url, "/config").json()
    assert [p[0] for p in whole["pages"]] == ["", "settings"]
    assert len(whole["components"]) > len(get(url, "/config?page=settings").json()["components"])
    page = get(url, "/config?page=settings").json()
    assert page["current_page"] == "settings"
    assert page["layout"] == whole["page"]["settings"]["layout"]
    assert list(get(url, "/gradio_api/info").json()["named_endpoints"]) == ["/greet", "/square"]
    assert list(get(url, "/gradio_api/info?page=settings").json()["named_endpoints"]) == ["/square"]
    assert list(get(url, "/gradio_api/info?page=").json()["named_endpoints"]) == ["/greet"]


def test_the_client_sees_every_pages_endpoints(url: str, make_client: Any) -> None:
    client = make_client(url)
    assert sorted(client.view_api(return_format="dict", print_info=False)["named_endpoints"]) == ["/greet", "/square"]
    assert client.predict("Ann", api_name="/greet") == "Hi Ann"
    assert client.predict(3, api_name="/square") == 9


def test_a_deep_link_restores_the_sessions_values(url: str) -> None:
    session = "deeplinksession01"
    run_event(url, fn_index(url, "greet"), ["Bob"], session_hash=session)
    link = get(url, f"/gradio_api/deep_link?session_hash={session}").json()
    assert re.fullmatch(r"[A-Za-z0-9_-]{11}", link)
    restored = embedded_config(get(url, f"/?deep_link={link}").text)
    assert restored["deep_link_state"] == "valid"
    values = {c["props"].get("label"): c["props"].get("value") for c in restored["components"]}
    assert values["Name"] == "Bob" and values["Greeting"] == "Hi Bob"
    config = get(url, f"/config?deep_link={link}").json()
    assert config["deep_link_state"] == "valid"
    # The same values make the same id.
    assert get(url, f"/gradio_api/deep_link?session_hash={session}").json() == link


@pytest.mark.parametrize("bad", ["nope", "..%2F..%2Fetc", "a" * 129, "x/../y"])
def test_a_link_naming_nothing_is_invalid(url: str, bad: str) -> None:
    page = embedded_config(get(url, f"/?deep_link={bad}").text)
    assert page["deep_link_state"] == "invalid"
    assert get(url, f"/config?deep_link={bad}").json()["deep_link_state"] == "invalid"


def test_deep_link_route_refuses_bad_sessions(url: str) -> None:
    assert get(url, "/gradio_api/deep_link?session_hash=unknown-session").json() == ""
    assert get(url, "/gradio_api/deep_link?session_hash=").status_code == 400
    assert get(url, "/gradio_api/deep_link").status_code == 400
