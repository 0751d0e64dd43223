"""Login: guessing is rate-limited, slow checks do not stall the server, tokens expire, and
redirects never carry a host name the client chose."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
import pytest
from conftest import TIMEOUT

import trellis as gr
from security.helpers import Calls, counting_app
from trellis.server import auth as auth_module


def login(url: str, user: str, password: str, client_ip: str = "192.0.2.1") -> httpx.Response:
    # Loopback is a trusted proxy by default: X-Forwarded-For stands for the client's own address.
    return httpx.post(
        url + "login",
        data={"username": user, "password": password},
        headers={"x-forwarded-for": client_ip},
        timeout=TIMEOUT,
    )


@pytest.fixture
def app(launch: Callable[..., str]) -> str:
    return launch(counting_app(Calls()), auth=[("alice", "right"), ("bob", "bobs")])


def test_repeated_wrong_passwords_from_one_client_get_429_with_retry_after(app: str) -> None:
    statuses = [login(app, "alice", f"guess{i}").status_code for i in range(10)]
    limited = login(app, "alice", "guess-11")
    even_right = login(app, "alice", "right")  # no more checks at all while limited
    elsewhere = login(app, "alice", "right", client_ip="192.0.2.99")
    retry_after = int(limited.headers["retry-after"])
    assert (statuses, limited.status_code, 0 < retry_after <= 60, even_right.status_code, elsewhere.status_code) == (
        [400] * 10,
        429,
        True,
        429,
        200,
    )


def test_guessing_one_users_password_from_many_addresses_is_limited_too(app: str) -> None:
    statuses = [login(app, "bob", f"guess{i}", client_ip=f"198.51.100.{i}").status_code for i in range(30)]
    limited = login(app, "bob", "bobs", client_ip="198.51.100.200")
    other_user = login(app, "alice", "right", client_ip="198.51.100.201")
    assert (set(statuses), limited.status_code, other_user.status_code) == ({400}, 429, 200)


def test_a_slow_auth_function_does_not_stall_other_requests(launch: Callable[..., str]) -> None:
    release = threading.Event()
    checking = threading.Semaphore(0)

    def slow_check(user: str, password: str) -> bool:
        checking.release()
        release.wait(TIMEOUT)
        return password == "ok"

    url = launch(counting_app(Calls()), auth=slow_check)
    results: list[int] = []
    logins = [
        threading.Thread(target=lambda i=i: results.append(login(url, f"u{i}", "ok", f"192.0.2.{i}").status_code))
        for i in range(10)
    ]
    for thread in logins:
        thread.start()
    for _ in range(10):
        assert checking.acquire(timeout=TIMEOUT)  # all ten checks are running, none has returned
    start = time.monotonic()
    page = httpx.get(url, timeout=TIMEOUT)  # the login page, served while the checks hang
    waited = time.monotonic() - start
    release.set()
    for thread in logins:
        thread.join(TIMEOUT)
    assert (page.status_code, waited < 1.0, sorted(results)) == (200, True, [200] * 10)


def test_an_async_auth_function_works(launch: Callable[..., str]) -> None:
    async def check(user: str, password: str) -> bool:
        return password == "async-ok"

    url = launch(counting_app(Calls()), auth=check)
    assert (login(url, "x", "async-ok").status_code, login(url, "x", "no").status_code) == (200, 400)


def test_old_tokens_are_pruned_per_user(app: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth_module, "TOKENS_PER_USER", 3)
    first = login(app, "alice", "right", "192.0.2.10").cookies
    for i in range(3):
        login(app, "alice", "right", f"192.0.2.{11 + i}")
    newest = login(app, "alice", "right", "192.0.2.20").cookies
    old = httpx.get(app + "config", cookies=first, timeout=TIMEOUT)
    new = httpx.get(app + "config", cookies=newest, timeout=TIMEOUT)
    assert (old.status_code, new.status_code) == (401, 200)


def test_tokens_expire(app: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cookies = login(app, "alice", "right", "192.0.2.30").cookies
    fresh = httpx.get(app + "config", cookies=cookies, timeout=TIMEOUT).status_code
    monkeypatch.setattr(auth_module, "TOKEN_LIFETIME", 0.0)
    expired = httpx.get(app + "config", cookies=cookies, timeout=TIMEOUT).status_code
    assert (fresh, expired) == (200, 401)


def test_logout_redirects_relative_whatever_host_the_client_names(launch: Callable[..., str]) -> None:
    url = launch(counting_app(Calls()), auth=("alice", "right"), allowed_hosts=["*"])
    cookies = login(url, "alice", "right", "192.0.2.40").cookies
    response = httpx.get(
        url + "logout",
        cookies=cookies,
        headers={"host": "evil.example", "x-forwarded-host": "evil.example"},
        timeout=TIMEOUT,
    )
    after = httpx.get(url + "config", cookies=cookies, timeout=TIMEOUT)
    assert (response.status_code, response.headers["location"], after.status_code) == (302, "./", 401)


def test_login_without_auth_redirects_relative(launch: Callable[..., str]) -> None:
    url = launch(gr.Blocks(), allowed_hosts=["*"])
    response = httpx.post(url + "login", data={"username": "a", "password": "b"}, headers={"host": "evil.example"})
    assert (response.status_code, response.headers["location"]) == (302, "./")
