"""Deep links (``/gradio_api/deep_link`` and ``?deep_link=``) under attack.

* making a deep link needs the session's hash (a bearer secret, as in Gradio); with login, a session
  belongs to its user: another user's request is refused (403), an anonymous one asks for login (401);
* a deep link id is 1 to 128 URL-safe base64 characters; anything else (a path, an encoded path, a
  very long id) names nothing: the page and ``/config`` answer ``deep_link_state: "invalid"`` and no
  file outside the deep link folder is read, whatever the id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, read_stream

import trellis as gr


def app() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="in")
        out = gr.Textbox(label="out")
        gr.Button("Go").click(lambda s: s.upper(), text, out, api_name="go")
    return demo


def run(http: httpx.Client, session_hash: str, value: str) -> None:
    response = http.post("gradio_api/queue/join", json={"data": [value], "fn_index": 0, "session_hash": session_hash})
    assert response.status_code == 200, response.text
    read_stream(http, session_hash)


@pytest.fixture
def two_users(serve_blocks: Any) -> Iterator[tuple[str, httpx.Client, httpx.Client]]:
    url = serve_blocks(app(), auth=[("alice", "a-pass"), ("bob", "b-pass")])
    with httpx.Client(base_url=url, timeout=TIMEOUT) as alice, httpx.Client(base_url=url, timeout=TIMEOUT) as bob:
        for client, (name, password) in ((alice, ("alice", "a-pass")), (bob, ("bob", "b-pass"))):
            assert client.post("login", data={"username": name, "password": password}).status_code == 200
        yield url, alice, bob


def test_a_user_cannot_save_another_users_session(two_users: tuple[str, httpx.Client, httpx.Client]) -> None:
    url, alice, bob = two_users
    hers = uuid.uuid4().hex
    run(alice, hers, "secret")
    assert bob.get("gradio_api/deep_link", params={"session_hash": hers}).status_code == 403
    assert httpx.get(url + "gradio_api/deep_link", params={"session_hash": hers}, timeout=TIMEOUT).status_code == 401
    link = alice.get("gradio_api/deep_link", params={"session_hash": hers}).json()
    assert link and "secret" not in link


@pytest.mark.parametrize(
    "bad",
    [
        "../../../../etc/passwd",
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e",
        "/etc/passwd",
        "a" * 129,
        "abc/../abc",
        "..",
        "link\x00",
    ],
)
def test_a_hostile_deep_link_names_nothing(serve_blocks: Any, bad: str, tmp_path: Path) -> None:
    url = serve_blocks(app())
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        page = http.get("", params={"deep_link": bad})
        assert page.status_code == 200 and '"deep_link_state":"invalid"' in page.text
        config = http.get("config", params={"deep_link": bad})
        assert config.status_code == 200 and config.json()["deep_link_state"] == "invalid"
        assert "root:" not in page.text


def test_a_deep_link_state_file_that_is_not_a_list_of_components_is_invalid(serve_blocks: Any) -> None:
    demo = app()
    url = serve_blocks(demo)
    cache = Path(demo.server.app.state.trellis.files.cache_dir)  # type: ignore[union-attr]
    (cache / "deep_links" / "planted").mkdir(parents=True, exist_ok=True)
    (cache / "deep_links" / "planted" / "state.json").write_text('{"not": "a list"}')
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        assert http.get("config", params={"deep_link": "planted"}).json()["deep_link_state"] == "invalid"
