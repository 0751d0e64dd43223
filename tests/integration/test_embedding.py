"""Embedding Trellis in the user's own FastAPI app, the way gradio issue #1608 embeds Gradio.

The host app has its own middleware (Starlette's ``SessionMiddleware`` and ``CORSMiddleware``, and
one that sets ``request.state``) and a ``/login`` route that puts the user in the session. Two apps
sit side by side in it: ``/one`` made with ``gr.routes.App.create_app`` and ``app.mount`` (logged
in through the host's session by an ``auth_dependency``), ``/two`` with ``gr.mount_gradio_app``.
Everything runs on real uvicorn and is called with the official ``gradio_client``, the session
cookie passed in its headers.

Expected values were checked once by hand against Gradio 6.31 running this same host app (this
module's functions with ``gradio`` in place of ``trellis``): the handler checks, the ``/call`` and
``/run`` checks, the two apps answering apart, the usernames the ``auth_dependency`` gives, and the
host's CORS origin calling the app all hold there. Gradio differs where Trellis does better: its
``create_app`` + ``mount`` app runs no queued event until something GETs
``/gradio_api/startup-events`` (served alone by uvicorn, it never answers), and its uploads, page and
login refusals fail with 500 (``Blocks`` lacks ``max_file_size``/``auth_message`` outside
``launch``); and Gradio refuses no cross-site request, where Trellis's CSRF rule holds under a mount.
"""

from __future__ import annotations

import json
import re
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, http_client, join, read_stream, serve_asgi
from fastapi import FastAPI
from fastapi import Request as StarletteRequest
from gradio_client import handle_file
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.sessions import SessionMiddleware

import trellis as gr

GOOD_ORIGIN = "https://ok.example"
EVIL_ORIGIN = "https://evil.example"


def probe(text: str, request: gr.Request) -> dict[str, Any]:
    """What a handler sees of the request (returned as JSON)."""
    return {
        "text": text,
        "request_type": type(request.request).__name__,
        "session_user": request.request.session.get("user"),
        "session_copy": dict(request.session),
        "state_tag": request.state.tag,
        "state_tag_direct": request.request.state.tag,
        "username": request.username,
        "session_hash": request.session_hash,
        "client_host": request.client.host,
        "header": request.headers.get("x-probe"),
        "query": dict(request.query_params),
        "url_path": request.url.path,
        "path_params": dict(request.path_params),
        "cookie_names": sorted(dict(request.cookies)),
    }


def build_app(tag: str) -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        out = gr.JSON()
        gr.Button().click(probe, text, out, api_name="probe")
        gr.Button().click(probe, text, out, api_name="probe_direct", queue=False)
        gr.Button().click(lambda x: f"{tag}:{x}", text, gr.Textbox(), api_name="who")
        count = gr.State(0)
        shown = gr.Number()
        gr.Button().click(lambda n: (n + 1, n + 1), count, [count, shown], api_name="count")
        gr.Button().click(lambda path: path, gr.File(), gr.File(), api_name="echo_file")
    return demo


class TagRequests(BaseHTTPMiddleware):
    """The user's own middleware: marks every request in ``request.state``."""

    async def dispatch(self, request: StarletteRequest, call_next: Any) -> Any:
        request.state.tag = "set-by-host"
        return await call_next(request)


def session_user(request: StarletteRequest) -> str | None:
    """``auth_dependency`` of ``/one``: the user the host's ``/login`` put in its session."""
    user = request.session.get("user")
    return user if isinstance(user, str) else None


def build_host() -> FastAPI:
    host = FastAPI()
    host.add_middleware(TagRequests)
    host.add_middleware(SessionMiddleware, secret_key="test-secret-key")
    host.add_middleware(
        CORSMiddleware,
        allow_origins=[GOOD_ORIGIN],
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )

    @host.get("/login")
    def login(request: StarletteRequest, user: str) -> dict[str, str]:
        request.session["user"] = user
        return {"logged_in": user}

    one = gr.routes.App.create_app(build_app("one"), auth_dependency=session_user)
    host.mount("/one", one)
    return gr.mount_gradio_app(host, build_app("two"), path="/two")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    """The host app on uvicorn; yields its URL (no trailing slash)."""
    with serve_asgi(build_host()) as url:
        yield url


@pytest.fixture(scope="module")
def cookie(base: str) -> str:
    """The host's session cookie of user alice (from its own ``/login`` route)."""
    response = httpx.get(base + "/login", params={"user": "alice"}, timeout=TIMEOUT)
    assert response.json() == {"logged_in": "alice"}
    return f"session={response.cookies['session']}"


def client(make_client: Any, base: str, path: str, cookie: str, **kwargs: Any) -> Any:
    return make_client(f"{base}/{path}/", headers={"Cookie": cookie, "X-Probe": "from-client"}, **kwargs)


# -- the handler sees the host's request --------------------------------------------------------------


@pytest.mark.parametrize("path", ["one", "two"])
@pytest.mark.parametrize("api_name", ["/probe", "/probe_direct"])
def test_a_handler_reads_the_hosts_session_and_state_through_gr_request(
    base: str, cookie: str, make_client: Any, path: str, api_name: str
) -> None:
    seen = client(make_client, base, path, cookie).predict("hi", api_name=api_name)
    assert {k: seen[k] for k in ("request_type", "session_user", "session_copy", "state_tag", "state_tag_direct")} == {
        "request_type": "Request",
        "session_user": "alice",
        "session_copy": {"user": "alice"},
        "state_tag": "set-by-host",
        "state_tag_direct": "set-by-host",
    }
    # The official client sends queue=False events through the queue too (as it does with Gradio).
    assert (seen["url_path"], seen["header"], seen["client_host"], seen["cookie_names"]) == (
        f"/{path}/gradio_api/queue/join",
        "from-client",
        "127.0.0.1",
        ["session"],
    )
    assert uuid.UUID(seen["session_hash"])  # the client's session


def test_the_auth_dependency_of_create_app_logs_in_through_the_hosts_session(
    base: str, cookie: str, make_client: Any
) -> None:
    assert client(make_client, base, "one", cookie).predict("hi", api_name="/probe")["username"] == "alice"
    # /two has no login: its handler sees no user, the host's session all the same.
    assert client(make_client, base, "two", cookie).predict("hi", api_name="/probe")["username"] is None
    refused = httpx.post(f"{base}/one/gradio_api/call/who", json={"data": ["x"]}, timeout=TIMEOUT)
    assert (refused.status_code, refused.json()["detail"]["error"]) == (401, "Not authenticated")
    assert httpx.get(f"{base}/one/config", timeout=TIMEOUT).status_code == 401
    other = "session=" + httpx.get(base + "/login", params={"user": "bob"}, timeout=TIMEOUT).cookies["session"]
    assert client(make_client, base, "one", other).predict("hi", api_name="/probe")["username"] == "bob"


@pytest.mark.parametrize("path", ["one", "two"])
def test_rest_call_and_run_routes_hand_the_request_to_the_handler(base: str, cookie: str, path: str) -> None:
    with http_client(f"{base}/{path}/", headers={"Cookie": cookie, "X-Probe": "rest"}) as http:
        event = http.post("gradio_api/call/probe", params={"q": "1"}, json={"data": ["rest"]}).json()["event_id"]
        body = http.get(f"gradio_api/call/probe/{event}").text
        run = http.post("gradio_api/run/probe_direct", params={"q": "2"}, json={"data": ["run"]})
    called = json.loads(body.split("data: ", 1)[1])[0]
    ran = run.json()["data"][0]
    assert (called["session_user"], called["state_tag"], called["header"], called["query"]) == (
        "alice",
        "set-by-host",
        "rest",
        {"q": "1"},
    )
    assert (called["url_path"], called["path_params"]) == (f"/{path}/gradio_api/call/probe", {"api_name": "probe"})
    assert len(called["session_hash"]) == 32  # a /call without one runs in a fresh session (as Gradio)
    assert (ran["session_user"], ran["query"], ran["path_params"], ran["session_hash"]) == (
        "alice",
        {"q": "2"},
        {"api_name": "probe_direct"},
        None,  # a /run without one shows None (as Gradio)
    )


# -- two apps side by side ----------------------------------------------------------------------------


def test_each_app_answers_its_own_client(base: str, cookie: str, make_client: Any) -> None:
    one, two = client(make_client, base, "one", cookie), client(make_client, base, "two", cookie)
    assert (one.predict("x", api_name="/who"), two.predict("x", api_name="/who")) == ("one:x", "two:x")
    assert (one.predict(api_name="/count"), one.predict(api_name="/count"), two.predict(api_name="/count")) == (
        1,
        2,
        1,
    )


def test_sessions_and_events_do_not_leak_between_the_apps(base: str, cookie: str) -> None:
    session_hash = uuid.uuid4().hex  # the same hash at both apps
    counted = {}
    for path, calls in (("one", 2), ("two", 1)):
        with http_client(f"{base}/{path}/", headers={"Cookie": cookie}) as http:
            config = http.get("config").json()
            fn = next(d["id"] for d in config["dependencies"] if d["api_name"] == "count")
            events = {join(http, fn, [None], session_hash).json()["event_id"] for _ in range(calls)}
            messages = read_stream(http, session_hash, until_completed=events)
        assert {m["event_id"] for m in messages if m.get("event_id")} == events, path
        counted[path] = sorted(m["output"]["data"][1] for m in messages if m["msg"] == "process_completed")
    # /one counted twice in its session; /two's session of the same hash has a State of its own.
    assert counted == {"one": [1, 2], "two": [1]}


@pytest.mark.parametrize("path", ["one", "two"])
def test_files_go_up_and_down_under_each_mount_path(
    base: str, cookie: str, make_client: Any, path: str, tmp_path: Path
) -> None:
    source = tmp_path / "note.txt"
    source.write_text(f"hello {path}")
    remote = client(make_client, base, path, cookie, download_files=False).predict(
        handle_file(str(source)), api_name="/echo_file"
    )
    assert remote["url"].startswith(f"{base}/{path}/gradio_api/file=")
    assert httpx.get(remote["url"], headers={"Cookie": cookie}, timeout=TIMEOUT).text == f"hello {path}"
    local = client(make_client, base, path, cookie).predict(handle_file(str(source)), api_name="/echo_file")
    assert Path(local).read_text() == f"hello {path}"


@pytest.mark.parametrize("path", ["one", "two"])
def test_the_page_its_assets_and_its_config_live_under_each_path(base: str, cookie: str, path: str) -> None:
    with http_client(base, headers={"Cookie": cookie}) as http:
        redirect = http.get(f"/{path}")
        page = http.get(f"/{path}/")
        config = http.get(f"/{path}/config").json()
        assets = re.findall(r'(?:src|href)="(\./assets/[^"]+)"', page.text)
        fetched = {a: http.get(f"/{path}/{a[2:]}").status_code for a in assets}
    assert (redirect.status_code, redirect.headers["location"]) == (307, f"{base}/{path}/")
    assert page.status_code == 200
    assert assets and set(fetched.values()) == {200}, fetched
    assert f'"root":"{base}/{path}"' in page.text.replace(" ", "")
    assert config["root"] == f"{base}/{path}"


# -- hostile requests stay refused under the mount --------------------------------------------------------


@pytest.mark.parametrize("path", ["one", "two"])
def test_a_cross_site_page_is_refused_under_the_mount(base: str, cookie: str, path: str) -> None:
    body = {"data": ["x"], "fn_index": 0, "session_hash": uuid.uuid4().hex}
    with http_client(f"{base}/{path}/", headers={"Cookie": cookie}) as http:
        join_evil = http.post("gradio_api/queue/join", json=body, headers={"Origin": EVIL_ORIGIN})
        upload_evil = http.post(
            "gradio_api/upload",
            files={"files": ("a.txt", b"x", "text/plain")},
            headers={"Origin": EVIL_ORIGIN, "Sec-Fetch-Site": "cross-site"},
        )
        run_evil = http.post(
            "gradio_api/run/who",
            content=json.dumps({"data": ["x"]}),
            headers={"Origin": EVIL_ORIGIN, "Content-Type": "text/plain"},
        )
        preflight_evil = http.options(
            "gradio_api/queue/join",
            headers={"Origin": EVIL_ORIGIN, "Access-Control-Request-Method": "POST"},
        )
        plain_text = http.post(
            "gradio_api/run/who", content=json.dumps({"data": ["x"]}), headers={"Content-Type": "text/plain"}
        )
    assert [join_evil.status_code, upload_evil.status_code, run_evil.status_code] == [403, 403, 403]
    assert "mounted in" in join_evil.json()["detail"]
    assert "access-control-allow-origin" not in join_evil.headers
    assert preflight_evil.status_code == 400  # the host's CORSMiddleware answers preflights
    assert "access-control-allow-origin" not in preflight_evil.headers
    assert plain_text.status_code == 415  # JSON routes take JSON only, whoever calls


@pytest.mark.parametrize("path", ["one", "two"])
def test_the_hosts_cors_origin_may_call_the_app_with_one_cors_header(base: str, cookie: str, path: str) -> None:
    body = {"data": ["x"], "fn_index": 0, "session_hash": uuid.uuid4().hex}
    with http_client(f"{base}/{path}/", headers={"Cookie": cookie}) as http:
        preflight = http.options(
            "gradio_api/queue/join",
            headers={"Origin": GOOD_ORIGIN, "Access-Control-Request-Method": "POST", "Sec-Fetch-Site": "cross-site"},
        )
        joined = http.post(
            "gradio_api/queue/join", json=body, headers={"Origin": GOOD_ORIGIN, "Sec-Fetch-Site": "cross-site"}
        )
    assert (preflight.status_code, preflight.headers["access-control-allow-origin"]) == (200, GOOD_ORIGIN)
    assert joined.status_code == 200, joined.text
    assert joined.headers.get_list("access-control-allow-origin") == [GOOD_ORIGIN]


# -- create_app served on its own -------------------------------------------------------------------------


def test_an_app_from_create_app_is_served_directly_by_uvicorn(make_client: Any, tmp_path: Path) -> None:
    source = tmp_path / "alone.txt"
    source.write_text("alone")
    with serve_asgi(gr.routes.App.create_app(build_app("alone"))) as url:
        remote = make_client(url + "/")
        answers = (remote.predict("x", api_name="/who"), remote.predict(api_name="/count"))
        local = remote.predict(handle_file(str(source)), api_name="/echo_file")
        remote.close()
    assert (answers, Path(local).read_text()) == (("alone:x", 1), "alone")


def test_launch_serves_and_returns_a_routes_app_as_gradio_does() -> None:
    """Gradio's ``launch()`` returns ``(gr.routes.App, local_url, share_url)``; the app is the one serving."""
    demo = build_app("launched")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app, local_url, share_url = demo.launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True
    )
    try:
        assert isinstance(app, gr.routes.App)
        assert app.get_blocks() is demo and demo.server_app is app
        assert share_url is None
        assert httpx.get(local_url + "config", timeout=TIMEOUT).status_code == 200
    finally:
        demo.close()
