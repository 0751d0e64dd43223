"""Host names and proxies: DNS rebinding is refused, and forwarded headers count only from trusted proxies.

An app bound to loopback answers only to loopback names, so a page on ``evil.example`` that
resolves to 127.0.0.1 cannot talk to it. ``X-Forwarded-*`` headers shape the URLs the app hands
out and the client address its functions see, so they are believed only from ``trusted_proxies``
(loopback by default) and, when ``allowed_hosts`` is set, only for hosts in it.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from conftest import TIMEOUT

import trellis as gr


def client_host(text: str, request: gr.Request) -> str:
    return f"{request.client.host}"


def whois_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(client_host, box, box, api_name="whois")
    return demo


@pytest.fixture(scope="module")
def local(launch: Callable[..., str]) -> str:
    return launch(whois_app())


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:7860", "127.0.0.1.nip.example", "localhost.evil.example"]
)
def test_a_loopback_app_refuses_other_host_names(local: str, host: str) -> None:
    page = httpx.get(local, headers={"host": host}, timeout=TIMEOUT)
    call = httpx.post(
        local + "gradio_api/run/whois", json={"data": ["x"]}, headers={"host": host, "origin": f"http://{host}"}
    )
    assert (page.status_code, "allowed_hosts" in page.json()["detail"], call.status_code) == (400, True, 400)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:7860", "[::1]:80", "app.localhost", "127.1.2.3"])
def test_a_loopback_app_answers_loopback_names(local: str, host: str) -> None:
    assert httpx.get(local + "config", headers={"host": host}, timeout=TIMEOUT).status_code == 200


def test_allowed_hosts_names_the_public_hosts(launch: Callable[..., str]) -> None:
    url = launch(whois_app(), allowed_hosts=["app.example", "*.apps.example"])
    answers = {
        host: httpx.get(url + "config", headers={"host": host}, timeout=TIMEOUT).status_code
        for host in ("app.example", "a.apps.example", "apps.example.evil", "other.example", "127.0.0.1")
    }
    assert answers == {
        "app.example": 200,
        "a.apps.example": 200,
        "apps.example.evil": 400,
        "other.example": 400,
        "127.0.0.1": 200,  # a local proxy keeping its own Host header
    }


def root_of(url: str, headers: dict[str, str]) -> str:
    return str(httpx.get(url + "config", headers=headers, timeout=TIMEOUT).json()["root"])


def test_forwarded_host_and_proto_from_a_trusted_proxy_shape_the_public_url(local: str) -> None:
    root = root_of(local, {"x-forwarded-host": "public.example", "x-forwarded-proto": "https"})
    assert root == "https://public.example"


def test_forwarded_headers_from_an_untrusted_peer_are_ignored(launch: Callable[..., str]) -> None:
    url = launch(whois_app(), trusted_proxies=[])
    headers = {"x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9"}
    root = root_of(url, headers)
    seen = httpx.post(url + "gradio_api/run/whois", json={"data": ["x"]}, headers=headers, timeout=TIMEOUT)
    assert (root, seen.json()["data"]) == (url.rstrip("/"), ["127.0.0.1"])


def test_a_forwarded_host_outside_allowed_hosts_is_ignored(launch: Callable[..., str]) -> None:
    url = launch(whois_app(), allowed_hosts=["app.example"])
    listed = root_of(url, {"x-forwarded-host": "app.example"})
    unlisted = root_of(url, {"x-forwarded-host": "evil.example"})
    assert (listed, unlisted) == ("http://app.example", url.rstrip("/"))


def test_the_client_address_comes_from_a_trusted_proxys_forwarded_for(local: str) -> None:
    seen = httpx.post(
        local + "gradio_api/run/whois",
        json={"data": ["x"]},
        headers={"x-forwarded-for": "203.0.113.5, 127.0.0.1"},  # the client, then a local proxy hop
        timeout=TIMEOUT,
    )
    assert seen.json()["data"] == ["203.0.113.5"]
