"""launch(auth=...): 401 before login, /login, the auth cookies, logout, and gradio_client's auth=."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, http_client
from gradio_client.exceptions import AuthenticationError

import trellis as gr

NOT_AUTHENTICATED = {"detail": {"error": "Not authenticated", "auth_message": "Members only"}}


def whoami(text: str, request: gr.Request) -> str:
    return f"{text} from {request.username}"


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        gr.Button().click(lambda x: x, text, text, api_name="echo")
        gr.Button().click(whoami, text, text)
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build(), auth=("u", "p"), auth_message="Members only")


def login(http: httpx.Client, username: str = "u", password: str = "p") -> httpx.Response:
    return http.post("login", data={"username": username, "password": password})


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "config"),
        ("GET", "gradio_api/info"),
        ("POST", "gradio_api/queue/join"),
        ("GET", "gradio_api/queue/data?session_hash=abc"),
        ("POST", "gradio_api/upload"),
        ("GET", "gradio_api/file=/etc/passwd"),
        ("POST", "gradio_api/call/echo"),
        ("POST", "gradio_api/run/echo"),
    ],
)
def test_protected_route_is_401_before_login(url: str, method: str, path: str) -> None:
    response = httpx.request(method, url + path, timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED)


def test_index_page_shows_the_login_form_before_login(url: str) -> None:
    response = httpx.get(url, timeout=TIMEOUT)
    assert (response.status_code, 'id="login"' in response.text, "gradio_config" in response.text) == (
        200,
        True,
        False,
    )


def test_login_with_bad_credentials_is_a_400(url: str) -> None:
    with http_client(url) as http:
        response = login(http, password="wrong")
    assert (response.status_code, response.json(), dict(response.cookies)) == (
        400,
        {"detail": "Incorrect credentials."},
        {},
    )


@pytest.mark.parametrize(
    ("username", "password", "missing"), [("u", "", ["password"]), ("", "", ["username", "password"])]
)
def test_a_login_with_an_empty_field_is_a_422_as_gradios(
    url: str, username: str, password: str, missing: list[str]
) -> None:
    with http_client(url) as http:
        response = login(http, username=username, password=password)
    assert response.status_code == 422 and not response.cookies
    assert [entry["loc"] for entry in response.json()["detail"]] == [["body", name] for name in missing]


def test_login_with_an_unknown_user_is_a_400(url: str) -> None:
    with http_client(url) as http:
        assert login(http, username="nobody").status_code == 400


def test_login_sets_two_cookies_with_the_same_token(url: str) -> None:
    with http_client(url) as http:
        response = login(http)
    cookies = dict(response.cookies)
    cookie_id = next(name for name in cookies if name.startswith("access-token-unsecure-"))[
        len("access-token-unsecure-") :
    ]
    assert (response.status_code, response.json(), sorted(cookies), len(set(cookies.values()))) == (
        200,
        {"success": True},
        sorted([f"access-token-{cookie_id}", f"access-token-unsecure-{cookie_id}"]),
        1,
    )


def test_login_accepts_multipart_forms(url: str) -> None:
    response = httpx.post(url + "login", files={"username": (None, "u"), "password": (None, "p")}, timeout=TIMEOUT)
    assert response.status_code == 200


def test_cookie_from_login_opens_the_protected_routes(url: str) -> None:
    with http_client(url) as http:
        login(http)
        config = http.get("config")
    assert (config.status_code, config.json()["username"]) == (200, "u")


def test_each_cookie_authenticates_alone(url: str) -> None:
    with http_client(url) as http:
        cookies = dict(login(http).cookies)
    statuses = [
        httpx.get(url + "config", headers={"cookie": f"{name}={value}"}, timeout=TIMEOUT).status_code
        for name, value in sorted(cookies.items())
    ]
    assert statuses == [200, 200]


def test_forged_cookie_is_refused(url: str) -> None:
    with http_client(url) as http:
        name = sorted(dict(login(http).cookies))[0]
    response = httpx.get(url + "config", headers={"cookie": f"{name}=forged"}, timeout=TIMEOUT)
    assert response.status_code == 401


def test_logout_invalidates_the_token(url: str) -> None:
    with http_client(url) as http:
        cookies = dict(login(http).cookies)
    header = {"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    logout = httpx.get(url + "logout", headers=header, timeout=TIMEOUT)
    after = httpx.get(url + "config", headers=header, timeout=TIMEOUT)
    assert (logout.status_code, after.status_code) == (302, 401)


def test_client_with_auth_can_predict(url: str, make_client: Any) -> None:
    assert make_client(url, auth=("u", "p")).predict("hi", api_name="/echo") == "hi"


def test_function_sees_the_logged_in_user(url: str, make_client: Any) -> None:
    assert make_client(url, auth=("u", "p")).predict("hi", api_name="/whoami") == "hi from u"


def test_client_without_auth_gets_authentication_error(url: str, make_client: Any) -> None:
    with pytest.raises(AuthenticationError):
        make_client(url)


def test_client_with_wrong_auth_cannot_log_in(url: str, make_client: Any) -> None:
    with pytest.raises(ValueError) as info:
        make_client(url, auth=("u", "wrong"))
    assert str(info.value) == f"Could not login to {url}."
