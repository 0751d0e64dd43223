"""gr.Request: it wraps the Starlette request and reads unknown attributes from it, as Gradio's does.

The expected values were read from Gradio 6.31 (``gradio.route_utils.Request``) with the same
inputs; the end-to-end checks through a served app are in ``tests/integration/test_embedding.py``.
"""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest
from starlette.requests import Request as StarletteRequest

import trellis as gr
from trellis.runtime import Obj


def starlette_request(**scope: Any) -> StarletteRequest:
    base: dict[str, Any] = {
        "type": "http",
        "method": "POST",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("10.0.0.7", 5123),
        "root_path": "/one",
        "path": "/one/gradio_api/queue/join",
        "query_string": b"a=1&b=two",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"x-user", b"ada"), (b"cookie", b"session=abc; theme=dark")],
        "path_params": {"api_name": "greet"},
        "session": {"user": "alice", "roles": ["admin", "dev"], "prefs": {"lang": "fr"}},
        "state": {"tag": "tagged"},
    }
    return StarletteRequest({**base, **scope})


@pytest.fixture
def request_() -> gr.Request:
    return gr.Request(starlette_request(), username="alice", session_hash="s1")


def test_the_public_names_are_gradios(request_: gr.Request) -> None:
    assert sorted(name for name in dir(request_) if not name.startswith("_")) == [
        "dict_to_obj",
        "kwargs",
        "request",
        "session_hash",
        "username",
    ]


def test_request_is_the_starlette_request_itself(request_: gr.Request) -> None:
    assert isinstance(request_.request, StarletteRequest)
    assert (request_.username, request_.session_hash, request_.kwargs) == ("alice", "s1", {})


def test_unknown_attributes_are_read_from_the_starlette_request(request_: gr.Request) -> None:
    assert request_.headers["X-User"] == "ada"  # Starlette's Headers: case-insensitive
    assert type(request_.headers).__name__ == "Headers"
    assert (request_.client.host, request_.client.port) == ("10.0.0.7", 5123)
    assert dict(request_.query_params) == {"a": "1", "b": "two"}
    assert type(request_.query_params).__name__ == "QueryParams"
    assert str(request_.url) == "http://127.0.0.1:8000/one/gradio_api/queue/join?a=1&b=two"
    assert request_.url.path == "/one/gradio_api/queue/join"
    assert str(request_.base_url) == "http://127.0.0.1:8000/one/"
    assert request_.method == "POST"
    assert request_.state.tag == "tagged"


def test_dict_attributes_come_as_obj_copies(request_: gr.Request) -> None:
    cookies = request_.cookies
    assert isinstance(cookies, Obj)
    assert (cookies["session"], cookies.theme, cookies.get("nope", 0), "theme" in cookies) == ("abc", "dark", 0, True)
    assert dict(cookies) == {"session": "abc", "theme": "dark"}
    assert list(cookies) == [("session", "abc"), ("theme", "dark")]  # Gradio's Obj iterates over pairs
    assert request_.path_params.api_name == "greet"
    session = request_.session
    assert (session.user, session.prefs.lang, session.roles) == ("alice", "fr", ["admin", "dev"])
    session["user"] = "mallory"  # a copy: the request's own session is unchanged
    assert request_.request.session["user"] == "alice"


def test_a_missing_attribute_raises_attribute_error(request_: gr.Request) -> None:
    with pytest.raises(AttributeError, match="'Request' object has no attribute 'nothing_here'"):
        request_.nothing_here  # noqa: B018
    assert getattr(request_, "nothing_here", None) is None


def test_without_a_starlette_request_attributes_come_from_keywords() -> None:
    request = gr.Request(headers={"X-User": "ada"}, client=("1.2.3.4", 80), cookies={"a": "1"})
    assert (request.headers["x-user"], request.client.host, request.cookies.a) == ("ada", "1.2.3.4", "1")
    assert gr.Request(client={"host": "h", "port": 1}).client == ("h", 1)
    empty = gr.Request()
    assert (empty.request, empty.username, empty.session_hash) == (None, None, None)
    with pytest.raises(AttributeError):
        empty.headers  # noqa: B018


def test_a_pickled_copy_keeps_what_was_read_from_the_http_request(request_: gr.Request) -> None:
    for copied in (pickle.loads(pickle.dumps(request_)), copy.deepcopy(request_)):
        assert copied.request is None
        assert (copied.username, copied.session_hash) == ("alice", "s1")
        assert copied.headers["X-User"] == "ada"
        assert (copied.client.host, copied.client.port) == ("10.0.0.7", 5123)
        assert dict(copied.query_params) == {"a": "1", "b": "two"}
        assert dict(copied.cookies) == {"session": "abc", "theme": "dark"}
        assert copied.url == "http://127.0.0.1:8000/one/gradio_api/queue/join?a=1&b=two"
        assert copied.state.tag == "tagged"
    assert request_.request is not None  # the original stays attached
