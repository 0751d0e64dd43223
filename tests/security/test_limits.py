"""Request size limits: headers (431), slow headers (408), bodies (413) and multipart parts (413).

Each attack used to cost the server memory or stall it: a 1 MB header was parsed and answered,
unfinished 20 MB headers grew the process by hundreds of megabytes, a 300 MB JSON body was read
into memory, and a 10,000-part upload blocked the event loop for seconds. Each is now refused
early, and the server keeps serving everybody else meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from conftest import TIMEOUT

from security.helpers import (
    FN_INDEX,
    Calls,
    counting_app,
    launched,
    port_of,
    raw_request,
    rss_bytes,
    status_of,
    wait_until,
)


@pytest.fixture(scope="module")
def app(launch: Callable[..., str]) -> tuple[str, Calls]:
    calls = Calls()
    return launch(counting_app(calls)), calls


def test_a_one_megabyte_header_gets_431(app: tuple[str, Calls]) -> None:
    url, _ = app
    response = httpx.get(url + "config", headers={"x-padding": "a" * 1_000_000}, timeout=TIMEOUT)
    assert response.status_code == 431


def test_too_many_header_lines_get_431(app: tuple[str, Calls]) -> None:
    url, _ = app
    response = httpx.get(url + "config", headers={f"x-h{i}": "v" for i in range(150)}, timeout=TIMEOUT)
    assert response.status_code == 431


def test_headers_within_the_limits_are_served(app: tuple[str, Calls]) -> None:
    url, _ = app
    headers = {**{f"x-h{i}": "v" for i in range(80)}, "x-padding": "a" * 30_000}
    assert httpx.get(url + "config", headers=headers, timeout=TIMEOUT).status_code == 200


def test_unfinished_twenty_megabyte_headers_do_not_grow_the_server(app: tuple[str, Calls]) -> None:
    url, _ = app
    megabyte = b"a" * (1024 * 1024)  # one buffer, sent over and over: the client itself stays small
    before = rss_bytes()
    answers: list[bytes] = []
    sent: list[int] = []

    def attack() -> None:
        # 20 MB of one header value, never finished: the server must stop reading long before.
        with socket.create_connection(("127.0.0.1", port_of(url)), timeout=TIMEOUT) as sock:
            count = 0
            try:
                sock.sendall(b"GET /config HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ")
                for _ in range(20):
                    sock.sendall(megabyte)
                    count += len(megabyte)
            except OSError:
                pass  # refused and closed while we were still sending
            sent.append(count)
            chunks = []
            with contextlib.suppress(OSError):
                while chunk := sock.recv(65536):
                    chunks.append(chunk)
            answers.append(b"".join(chunks))

    threads = [threading.Thread(target=attack) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(3 * TIMEOUT)
    grown = rss_bytes() - before
    served = httpx.get(url + "config", timeout=TIMEOUT).status_code
    assert ({status_of(a) for a in answers if a}, len(answers), served) == ({431}, 10, 200)
    assert grown < 20 * 1024 * 1024, f"the server grew by {grown / 1e6:.0f} MB"


def test_a_head_sent_too_slowly_gets_408(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRELLIS_HEADER_TIMEOUT", "0.5")
    with launched(counting_app(Calls())) as url:
        with socket.create_connection(("127.0.0.1", port_of(url)), timeout=TIMEOUT) as sock:
            sock.sendall(b"GET /config HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and nothing more
            answer = sock.recv(4096)
            closed = sock.recv(4096) == b""
        served = httpx.get(url + "config", timeout=TIMEOUT).status_code
    assert (status_of(answer), closed, served) == (408, True, 200)


def test_keep_alive_requests_each_get_their_own_header_allowance(app: tuple[str, Calls]) -> None:
    url, _ = app
    with httpx.Client(timeout=TIMEOUT) as http:  # one connection, many requests
        statuses = {http.get(url + "config", headers={"x-padding": "a" * 40_000}).status_code for _ in range(5)}
    assert statuses == {200}


def test_a_declared_300_megabyte_json_body_is_refused_before_it_is_sent(app: tuple[str, Calls]) -> None:
    url, calls = app
    head = (
        "POST /gradio_api/queue/join HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: application/json\r\nContent-Length: {300 * 1024 * 1024}\r\n\r\n"
    )
    before = len(calls)
    # Only the head and a little of the body are sent: the answer must come without the rest.
    answer = raw_request(url, head.encode() + b'{"data": ["' + b"a" * 1000)
    assert (status_of(answer), b"max_body_size" in answer, len(calls)) == (413, True, before)


def test_a_chunked_json_body_is_cut_off_at_the_limit(app: tuple[str, Calls]) -> None:
    url, calls = app
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"data": ["'
        for _ in range(64):  # up to 64 MB, far beyond the 16 MB default
            sent += 1024 * 1024
            yield b"a" * (1024 * 1024)
        yield b'"], "fn_index": 0, "session_hash": "x"}'

    before = len(calls)
    try:
        status = httpx.post(
            url + "gradio_api/queue/join", content=body(), headers={"content-type": "application/json"}, timeout=TIMEOUT
        ).status_code
    except httpx.HTTPError:  # the server may close the connection while we are still sending
        status = 413
    assert (status, sent < 64 * 1024 * 1024, len(calls)) == (413, True, before)


def test_max_body_size_is_a_launch_setting(launch: Callable[..., str]) -> None:
    url = launch(counting_app(Calls()), max_body_size="1kb")
    small = httpx.post(url + "gradio_api/run/greet", json={"data": ["x" * 100], "fn_index": 0}, timeout=TIMEOUT)
    large = httpx.post(url + "gradio_api/run/greet", json={"data": ["x" * 2000], "fn_index": 0}, timeout=TIMEOUT)
    assert (small.status_code, large.status_code) == (200, 413)


def multipart(parts: int, boundary: str = "fuzzbound") -> bytes:
    chunks = []
    for index in range(parts):
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="f{index}.txt"\r\n'
            f"Content-Type: text/plain\r\n\r\npart {index}\r\n"
        )
    chunks.append(f"--{boundary}--\r\n")
    return "".join(chunks).encode()


def cache_dirs() -> set[str]:
    root = Path(os.environ["GRADIO_TEMP_DIR"])
    return {p.name for p in root.iterdir()} if root.exists() else set()


def test_an_upload_of_ten_thousand_parts_is_refused_quickly_and_leaves_nothing(app: tuple[str, Calls]) -> None:
    url, _ = app
    before = cache_dirs()
    body = multipart(10_000)
    # Another client is served while the hostile upload is being processed.
    latencies: list[float] = []
    stop = threading.Event()

    def other_client() -> None:
        with httpx.Client(timeout=TIMEOUT) as http:
            while not stop.is_set():
                start = time.monotonic()
                assert http.get(url + "gradio_api/app_id").status_code == 200
                latencies.append(time.monotonic() - start)

    watcher = threading.Thread(target=other_client)
    watcher.start()
    wait_until(lambda: bool(latencies), what="the other client to be served")
    try:
        response = httpx.post(
            url + "gradio_api/upload",
            content=body,
            headers={"content-type": "multipart/form-data; boundary=fuzzbound"},
            timeout=TIMEOUT,
        )
    finally:
        stop.set()
        watcher.join(TIMEOUT)
    assert (response.status_code, "at most 1000" in response.text, cache_dirs() - before) == (413, True, set())
    assert latencies and max(latencies) < 2.0, f"other clients waited up to {max(latencies or [0]):.2f} s"


def test_an_upload_within_the_part_limit_is_stored(launch: Callable[..., str]) -> None:
    url = launch(counting_app(Calls()), max_upload_parts=20)
    ok = httpx.post(
        url + "gradio_api/upload",
        content=multipart(20),
        headers={"content-type": "multipart/form-data; boundary=fuzzbound"},
        timeout=TIMEOUT,
    )
    too_many = httpx.post(
        url + "gradio_api/upload",
        content=multipart(21),
        headers={"content-type": "multipart/form-data; boundary=fuzzbound"},
        timeout=TIMEOUT,
    )
    paths = ok.json()
    assert (ok.status_code, len(paths), Path(paths[7]).read_text(), too_many.status_code) == (200, 20, "part 7", 413)


def test_a_failing_function_and_a_refused_request_leave_other_sessions_working(app: tuple[str, Calls]) -> None:
    url, calls = app
    with contextlib.suppress(httpx.HTTPError):
        httpx.get(url + "config", headers={"x-padding": "a" * 1_000_000}, timeout=TIMEOUT)
    response = httpx.post(
        url + "gradio_api/run/greet", json={"data": ["after"], "fn_index": FN_INDEX["greet"]}, timeout=TIMEOUT
    )
    assert (response.status_code, response.json()["data"], "after" in calls.names) == (200, ["hi after"], True)
