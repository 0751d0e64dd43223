"""Cross-site request forgery: a page on another site must not be able to run the app's functions.

A browser sends a "simple" cross-site request (``text/plain`` or form body, no custom header)
without asking the server first, and with login on it carries the user's cookies. Every route
that changes something refuses such requests: JSON routes insist on a JSON content type (415),
and any request a browser marks as cross-site, or whose ``Origin`` is not the app's own, is
refused (403) unless the app lists that origin in ``allowed_origins``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, read_stream

from security.helpers import FN_INDEX, Calls, counting_app

JSON_BODY_ROUTES = ["queue/join", "run/greet", "call/greet", "cancel"]
EVIL = "http://evil.example"


@pytest.fixture(scope="module")
def app(launch: Callable[..., str]) -> tuple[str, Calls]:
    calls = Calls()
    return launch(counting_app(calls)), calls


@pytest.fixture(scope="module")
def logged_in(launch: Callable[..., str]) -> tuple[str, Calls, dict[str, str]]:
    calls = Calls()
    url = launch(counting_app(calls), auth=("alice", "wonderland"))
    response = httpx.post(url + "login", data={"username": "alice", "password": "wonderland"}, timeout=TIMEOUT)
    assert response.status_code == 200
    return url, calls, dict(response.cookies)


def body(url: str, api: str = "greet", name: str = "forged") -> dict[str, Any]:
    return {"data": [name], "fn_index": FN_INDEX[api], "session_hash": uuid.uuid4().hex, "event_id": "x"}


@pytest.mark.parametrize("route", JSON_BODY_ROUTES)
@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=b",
        None,
    ],
)
def test_a_json_route_refuses_a_body_that_is_not_declared_json(
    app: tuple[str, Calls], route: str, content_type: str | None
) -> None:
    url, calls = app
    headers = {"content-type": content_type} if content_type else {}
    before = len(calls)
    response = httpx.post(
        url + "gradio_api/" + route, content=json.dumps(body(url)).encode(), headers=headers, timeout=TIMEOUT
    )
    assert (response.status_code, "application/json" in response.json()["detail"], len(calls)) == (415, True, before)


def test_a_json_content_type_with_parameters_or_a_json_suffix_is_accepted(app: tuple[str, Calls]) -> None:
    url, _ = app
    for content_type in ("application/json; charset=utf-8", "application/vnd.api+json"):
        response = httpx.post(
            url + "gradio_api/run/greet",
            content=json.dumps(body(url, name="ok")).encode(),
            headers={"content-type": content_type},
            timeout=TIMEOUT,
        )
        assert (response.status_code, response.json()["data"]) == (200, ["hi ok"])


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": EVIL},
        {"origin": EVIL, "sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "cross-site"},
        {"origin": "http://127.0.0.1:1", "sec-fetch-site": "same-site"},  # another port of the same host
        {"origin": "null"},  # a sandboxed iframe or a file:// page
        {"origin": "http://127.0.0.1.evil.example"},
    ],
    ids=["origin", "origin-and-fetch-site", "fetch-site", "same-site", "null", "lookalike"],
)
@pytest.mark.parametrize("route", ["queue/join", "run/greet", "call/greet", "run/direct"])
def test_a_cross_site_browser_request_is_refused_before_the_function_runs(
    app: tuple[str, Calls], headers: dict[str, str], route: str
) -> None:
    url, calls = app
    api = "direct" if route.endswith("direct") else "greet"
    before = len(calls)
    response = httpx.post(url + "gradio_api/" + route, json=body(url, api), headers=headers, timeout=TIMEOUT)
    assert (response.status_code, "refused" in response.json()["detail"], len(calls)) == (403, True, before)


def test_a_same_origin_browser_request_goes_through(app: tuple[str, Calls]) -> None:
    url, calls = app
    own = url.rstrip("/")
    for headers in ({"origin": own, "sec-fetch-site": "same-origin"}, {"origin": own}):
        response = httpx.post(
            url + "gradio_api/run/greet", json=body(url, name="mine"), headers=headers, timeout=TIMEOUT
        )
        assert (response.status_code, response.json()["data"]) == (200, ["hi mine"])


def test_a_cross_site_form_cannot_log_a_user_in_as_the_attacker(logged_in: tuple[str, Calls, dict[str, str]]) -> None:
    url, _, _ = logged_in
    response = httpx.post(
        url + "login",
        data={"username": "alice", "password": "wonderland"},
        headers={"origin": EVIL, "sec-fetch-site": "cross-site"},
        timeout=TIMEOUT,
    )
    assert (response.status_code, "set-cookie" in response.headers) == (403, False)


def test_a_cross_site_upload_is_refused(app: tuple[str, Calls]) -> None:
    url, _ = app
    response = httpx.post(
        url + "gradio_api/upload",
        files={"files": ("x.txt", b"planted")},
        headers={"origin": EVIL},
        timeout=TIMEOUT,
    )
    assert response.status_code == 403


def test_a_cross_site_page_cannot_open_a_session_with_an_image_tag(app: tuple[str, Calls]) -> None:
    url, _ = app
    headers = {"sec-fetch-site": "cross-site", "sec-fetch-dest": "image"}
    response = httpx.get(url + f"gradio_api/heartbeat/{uuid.uuid4().hex}", headers=headers, timeout=TIMEOUT)
    assert response.status_code == 403


def test_with_login_the_users_cookies_do_not_make_a_forged_request_work(
    logged_in: tuple[str, Calls, dict[str, str]],
) -> None:
    url, calls, cookies = logged_in
    before = len(calls)
    forged = httpx.post(
        url + "gradio_api/queue/join",
        content=json.dumps(body(url)).encode(),
        headers={"content-type": "text/plain", "origin": EVIL, "sec-fetch-site": "cross-site"},
        cookies=cookies,
        timeout=TIMEOUT,
    )
    honest = httpx.post(url + "gradio_api/run/greet", json=body(url, name="alice"), cookies=cookies, timeout=TIMEOUT)
    assert (forged.status_code, honest.status_code, len(calls)) == (403, 200, before + 1)


def test_a_listed_origin_may_call_the_app_and_gets_cors_headers(launch: Callable[..., str]) -> None:
    calls = Calls()
    url = launch(counting_app(calls), allowed_origins=["https://embedder.example"])
    headers = {"origin": "https://embedder.example", "sec-fetch-site": "cross-site"}
    preflight = httpx.options(
        url + "gradio_api/queue/join",
        headers={**headers, "access-control-request-method": "POST", "access-control-request-headers": "content-type"},
        timeout=TIMEOUT,
    )
    session_hash = uuid.uuid4().hex
    joined = httpx.post(
        url + "gradio_api/queue/join",
        json={**body(url), "session_hash": session_hash},
        headers=headers,
        timeout=TIMEOUT,
    )
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        messages = read_stream(http, session_hash)
    other = httpx.post(url + "gradio_api/queue/join", json=body(url), headers={"origin": EVIL}, timeout=TIMEOUT)
    other_preflight = httpx.options(
        url + "gradio_api/queue/join",
        headers={"origin": EVIL, "access-control-request-method": "POST"},
        timeout=TIMEOUT,
    )
    assert (
        preflight.status_code,
        preflight.headers.get("access-control-allow-origin"),
        preflight.headers.get("access-control-allow-credentials"),
        "content-type" in preflight.headers.get("access-control-allow-headers", ""),
        joined.status_code,
        joined.headers.get("access-control-allow-origin"),
        [m["msg"] for m in messages if m["msg"] == "process_completed"],
        other.status_code,
        other_preflight.status_code,
        "access-control-allow-origin" in other_preflight.headers,
    ) == (
        204,
        "https://embedder.example",
        "true",
        True,
        200,
        "https://embedder.example",
        ["process_completed"],
        403,
        403,
        False,
    )


def test_no_cors_headers_for_an_unlisted_origin(app: tuple[str, Calls]) -> None:
    url, _ = app
    response = httpx.get(url + "config", headers={"origin": EVIL}, timeout=TIMEOUT)
    assert (response.status_code, "access-control-allow-origin" in response.headers) == (200, False)


def test_strict_cors_false_lets_local_pages_and_null_origins_call_a_local_app(launch: Callable[..., str]) -> None:
    calls = Calls()
    url = launch(counting_app(calls), strict_cors=False)
    answers = []
    for origin in ("null", "http://localhost:5173", EVIL):
        response = httpx.post(
            url + "gradio_api/run/greet", json=body(url, name="web"), headers={"origin": origin}, timeout=TIMEOUT
        )
        answers.append((response.status_code, response.headers.get("access-control-allow-origin")))
    assert answers == [(200, "null"), (200, "http://localhost:5173"), (403, None)]


def test_api_clients_send_no_origin_and_are_not_affected(app: tuple[str, Calls], make_client: Any) -> None:
    url, _ = app
    client = make_client(url)
    assert (client.predict("py", api_name="/greet"), client.predict("py2", api_name="/direct")) == ("hi py", "hi py2")
