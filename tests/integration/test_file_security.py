"""File security over HTTP: hostile file-route paths, URL inputs, output paths, upload limits and
progress, an unwritable cache, and the cache lifecycle (age sweep, per-session deletion, soak).

Nothing here reaches the internet: private URLs are refused before any connection is made.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, parse_sse, run_event, serve

import trellis as gr
from trellis.processing.files import FileAccessError, FileCache

FILE_META = {"_type": "gradio.FileData"}
OUTSIDE_SECRET = "OUTSIDE-SECRET-7d1f"
BLOCKED_SECRET = "BLOCKED-SECRET-93ab"


def read_text(path: str) -> str:
    return Path(path).read_text()


def give_path(path: str) -> str:
    return path


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        gr.Button().click(read_text, gr.File(type="filepath", label="In"), text)
        gr.Button().click(give_path, text, gr.File(label="Out"))
    return demo


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The cache dir, an allowed dir with a blocked sub-dir, and an outside dir with a secret."""
    root = tmp_path_factory.mktemp("security")
    dirs = {name: root / name for name in ("cache", "allowed", "outside")}
    for directory in dirs.values():
        directory.mkdir()
    (dirs["outside"] / "secret.txt").write_text(OUTSIDE_SECRET)
    (dirs["allowed"] / "ok.txt").write_text("allowed file")
    (dirs["allowed"] / "sub").mkdir()
    dirs["blocked"] = dirs["allowed"] / "blocked"
    dirs["blocked"].mkdir()
    (dirs["blocked"] / "secret.txt").write_text(BLOCKED_SECRET)
    # Links planted inside served places, pointing out of them or into the blocked folder.
    (dirs["cache"] / "outside-link.txt").symlink_to(dirs["outside"] / "secret.txt")
    (dirs["cache"] / "outside-dir").symlink_to(dirs["outside"], target_is_directory=True)
    (dirs["cache"] / "blocked-link.txt").symlink_to(dirs["blocked"] / "secret.txt")
    (dirs["allowed"] / "to-blocked.txt").symlink_to(dirs["blocked"] / "secret.txt")
    (dirs["allowed"] / "blocked-dir").symlink_to(dirs["blocked"], target_is_directory=True)
    return dirs


@pytest.fixture(scope="module")
def url(layout: dict[str, Path]) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_TEMP_DIR", str(layout["cache"]))
        with serve(build(), allowed_paths=[str(layout["allowed"])], blocked_paths=[str(layout["blocked"])]) as base:
            yield base


def upload(base: str, *files: tuple[str, bytes], params: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(base + "gradio_api/upload", files=[("files", f) for f in files], params=params, timeout=TIMEOUT)


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    """Send ``GET target`` byte for byte (no client-side normalisation); return status and body."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


# -- the file route: hostile inputs ------------------------------------------------------------------


def hostile_targets(layout: dict[str, Path], upload_path: str) -> list[str]:
    cache = str(layout["cache"])
    allowed = str(layout["allowed"])
    up = "/" * 10 + "/".join([".."] * 12)
    cwd = os.getcwd()
    return [
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "../../../../../../../../etc/passwd",
        "..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        cache + "/../../../../../../../../etc/passwd",
        cache + "/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        cache + "/%252e%252e/%252e%252e/%252e%252e/%252e%252e/etc/passwd",
        cache + "%252f..%252f..%252f..%252f..%252f..%252fetc%252fpasswd",
        cache + "/" + up + "/etc/passwd",
        "/proc/self/environ",
        "/proc/self/cmdline",
        "/proc/self/fd/0",
        "/dev/zero",
        "/dev/urandom",
        cache + "%5C..%5C..%5C..%5C..%5C..%5C..%5Cetc%5Cpasswd",
        "..%5C..%5C..%5C..%5C..%5Cetc%5Cpasswd",
        "%5C%5Cserver%5Cshare%5Csecret.txt",
        "//server/share/secret.txt",
        quote(upload_path) + "%00.png",
        "/etc/passwd%00.txt",
        quote(str(layout["outside"] / "secret.txt")),
        cache + "/outside-link.txt",
        cache + "/outside-dir/secret.txt",
        quote(str(layout["blocked"] / "secret.txt")),
        allowed + "/sub/../blocked/secret.txt",
        allowed + "/sub/%2e%2e/blocked/secret.txt",
        allowed + "/to-blocked.txt",
        allowed + "/blocked-dir/secret.txt",
        cache + "/blocked-link.txt",
        cache + "/../allowed/blocked/secret.txt",
        cache,
        allowed,
        quote(str(Path(upload_path).parent)),
        cache + "/missing.txt",
        cwd + "/.git/config",
        ".git/config",
        ".gradio/cached_examples/../../.git/config",
        "~/.bashrc",
        "~root/.ssh/id_rsa",
        "http://127.0.0.1/",
        "http://127.0.0.1:1/gradio_api/file=/etc/passwd",
        "http://169.254.169.254/latest",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "https://10.0.0.1/secret",
        "file:///etc/passwd",
        "javascript:alert(document.cookie)",
        "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
        "/" + "a" * 5000,
        "/.." * 3000 + "/etc/passwd",
        cache + "/" + "x" * 300 + "/file.txt",
        "",
    ]


def test_there_are_at_least_30_hostile_inputs(layout: dict[str, Path]) -> None:
    assert len(hostile_targets(layout, "/tmp/x")) >= 30


def test_file_route_refuses_every_hostile_input(url: str, layout: dict[str, Path]) -> None:
    [upload_path] = upload(url, ("known.txt", b"known content")).json()
    secrets = [OUTSIDE_SECRET.encode(), BLOCKED_SECRET.encode(), b"root:", b"PATH=", b"known content", b"[core]"]
    outcomes = {}
    for target in hostile_targets(layout, upload_path):
        for route in ("/gradio_api/file=", "/gradio_api/file/"):
            status, body = raw_get(url, route + target)
            leaked = [s for s in secrets if s in body]
            if status not in (400, 403, 404) or leaked:
                outcomes[route + target[:80]] = (status, leaked)
    assert outcomes == {}


def test_the_uploaded_control_file_itself_is_served(url: str) -> None:
    """The hostile test above is meaningful: the same route does serve a legitimate upload."""
    [upload_path] = upload(url, ("known.txt", b"known content")).json()
    assert raw_get(url, "/gradio_api/file=" + quote(upload_path)) == (200, b"known content")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<script>alert(1)</script>"),
        ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.htm", b"<script>alert(1)</script>"),
        ("doc.xhtml", b"<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"),
        ("script.js", b"alert(1)"),
    ],
)
def test_uploaded_active_content_is_a_download(url: str, name: str, content: bytes) -> None:
    [path] = upload(url, (name, content)).json()
    response = httpx.get(url + "gradio_api/file=" + quote(path), timeout=TIMEOUT)
    assert (
        response.status_code,
        response.headers["content-type"],
        response.headers["content-disposition"],
        response.headers["x-content-type-options"],
    ) == (200, "application/octet-stream", f'attachment; filename="{name}"', "nosniff")


# -- URL inputs through an event ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/gradio_api/config",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/",
        "http://[::ffff:7f00:1]:{port}/",
        "http://10.0.0.1/",
        "http://0.0.0.0:{port}/",
    ],
)
def test_url_input_to_a_private_address_fails_the_event(url: str, target: str) -> None:
    port = urlsplit(url).port
    data = [{"path": target.format(port=port), "meta": FILE_META}]
    final = completed(run_event(url, fn_index(url, "read_text"), data))
    assert (final["success"], "non-public address" in final["output"]["error"]) == (False, True)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://10.0.0.1/x", "javascript:alert(1)"])
def test_other_schemes_as_input_are_refused(url: str, target: str) -> None:
    final = completed(run_event(url, fn_index(url, "read_text"), [{"path": target, "meta": FILE_META}]))
    assert (final["success"], "uploaded by a user" in final["output"]["error"]) == (False, True)


# -- outputs naming files outside the allowed places ------------------------------------------------------


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ", "{blocked}/secret.txt"])
def test_output_outside_the_allowed_places_is_refused(url: str, layout: dict[str, Path], target: str) -> None:
    path = target.format(outside=layout["outside"], blocked=layout["blocked"])
    final = completed(run_event(url, fn_index(url, "give_path"), [path]))
    assert (final["success"], final["output"]["error"]) == (
        False,
        f"Cannot serve {path}: it is outside the working directory, the temp dir and allowed_paths "
        "(add its folder to launch(allowed_paths=[...]) to serve it).",
    )


def test_output_outside_allowed_places_is_an_app_error_for_the_client(url: str, make_client: Any) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="allowed_paths"):
        make_client(url).predict("/etc/passwd", api_name="/give_path")


def test_output_in_allowed_paths_is_cached_and_served(url: str, layout: dict[str, Path]) -> None:
    [data] = completed(run_event(url, fn_index(url, "give_path"), [str(layout["allowed"] / "ok.txt")]))["output"][
        "data"
    ]
    assert (Path(data["path"]).is_relative_to(layout["cache"]), httpx.get(data["url"], timeout=TIMEOUT).text) == (
        True,
        "allowed file",
    )


# -- upload: size limit before the body, progress, unwritable cache ----------------------------------------


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    temp = tmp_path_factory.mktemp("limited_security")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_TEMP_DIR", str(temp))
        with serve(build(), max_file_size="1kb") as base:
            yield base, temp


def test_declared_body_over_the_limit_is_a_413_before_the_body_is_read(limited: tuple[str, Path]) -> None:
    base, temp = limited
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT) as sock:
        sock.sendall(
            (
                "POST /gradio_api/upload HTTP/1.1\r\n"
                f"Host: {parts.netloc}\r\n"
                "Content-Type: multipart/form-data; boundary=xyz\r\n"
                "Content-Length: 1000000000\r\n\r\n"
            ).encode()
        )  # no body follows: the answer must come without it
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert (head.split(b" ", 2)[1], body, list(temp.rglob("*"))) == (
        b"413",
        b"File too large: the maximum file size is 1024 bytes (1 KB).",
        [],
    )


def test_body_within_the_overhead_allowance_is_still_checked_while_streaming(limited: tuple[str, Path]) -> None:
    base, temp = limited
    response = upload(base, ("big.bin", b"x" * 4096))
    assert (response.status_code, list(temp.rglob("*"))) == (413, [])


def test_server_answers_after_an_early_413(limited: tuple[str, Path]) -> None:
    base, _ = limited
    response = httpx.post(
        base + "gradio_api/upload",
        content=b"x" * 200_000,
        headers={"Content-Type": "multipart/form-data; boundary=xyz"},
        timeout=TIMEOUT,
    )
    [path] = upload(base, ("ok.txt", b"fine")).json()
    assert (response.status_code, Path(path).read_bytes()) == (413, b"fine")


def _read_progress(base: str, upload_id: str, out: list[Any]) -> None:
    with httpx.stream(
        "GET", base + "gradio_api/upload_progress", params={"upload_id": upload_id}, timeout=TIMEOUT
    ) as r:
        out.append(r.status_code)
        out.append(r.headers.get("content-type"))
        out.append(parse_sse(r.read().decode()))


def test_upload_progress_streams_updates_then_done(url: str) -> None:
    upload_id = uuid.uuid4().hex
    result: list[Any] = []
    reader = threading.Thread(target=_read_progress, args=(url, upload_id, result))
    reader.start()
    time.sleep(0.2)
    response = upload(url, ("big.bin", b"y" * 300_000), params={"upload_id": upload_id})
    reader.join(TIMEOUT)
    status, content_type, events = result
    updates = [e for e in events if e["msg"] == "update"]
    assert (
        response.status_code,
        status,
        content_type.startswith("text/event-stream"),
        {e["orig_name"] for e in updates},
        sum(e["chunk_size"] for e in updates),
        events[-1],
        {e["msg"] for e in events} <= {"update", "heartbeat", "done"},
    ) == (200, 200, True, {"big.bin"}, 300_000, {"msg": "done"}, True)


def test_upload_progress_of_a_finished_upload_still_ends_with_done(url: str) -> None:
    upload_id = uuid.uuid4().hex
    upload(url, ("a.txt", b"abc"), ("b.txt", b"defg"), params={"upload_id": upload_id})
    result: list[Any] = []
    _read_progress(url, upload_id, result)
    events = result[2]
    assert (events[-1], {(e["orig_name"], e["chunk_size"]) for e in events[:-1]}) == (
        {"msg": "done"},
        {("a.txt", 3), ("b.txt", 4)},
    )


def test_upload_progress_of_an_unknown_upload_is_a_404_after_waiting(url: str) -> None:
    start = time.monotonic()
    response = httpx.get(url + "gradio_api/upload_progress", params={"upload_id": "nope"}, timeout=TIMEOUT)
    assert (response.status_code, response.text, time.monotonic() - start >= 2.9) == (404, "Upload not found", True)


@pytest.fixture(scope="module")
def broken_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app whose cache dir lies under a regular file, so nothing can be written there (even as root)."""
    root = tmp_path_factory.mktemp("broken")
    (root / "not-a-dir").write_text("a file where a directory should be")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_TEMP_DIR", str(root / "not-a-dir" / "cache"))
        with serve(build()) as base:
            yield base


def test_unwritable_cache_dir_is_a_clear_507(broken_cache: str) -> None:
    response = upload(broken_cache, ("a.txt", b"abc"))
    assert (response.status_code, response.json()) == (
        507,
        {"detail": "The server could not store the upload: Not a directory"},
    )


def test_server_still_answers_after_a_failed_store(broken_cache: str) -> None:
    upload(broken_cache, ("a.txt", b"abc"))
    assert httpx.get(broken_cache + "config", timeout=TIMEOUT).status_code == 200


# -- cache lifecycle ----------------------------------------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    moment = time.time() - seconds
    os.utime(path, (moment, moment), follow_symlinks=False)


def test_delete_older_than_removes_old_files_and_empty_folders(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    (cache_dir / "old").mkdir(parents=True)
    (cache_dir / "new").mkdir()
    (cache_dir / "old" / "a.txt").write_text("old")
    (cache_dir / "new" / "b.txt").write_text("new")
    (tmp_path / "target.txt").write_text("outside target")
    (cache_dir / "old" / "link.txt").symlink_to(tmp_path / "target.txt")
    for path in (cache_dir / "old" / "a.txt", cache_dir / "old" / "link.txt"):
        _age(path, 3600)
    removed = FileCache(cache_dir=cache_dir).delete_older_than(600)
    assert (
        removed,
        sorted(str(p.relative_to(cache_dir)) for p in cache_dir.rglob("*")),
        (tmp_path / "target.txt").read_text(),
    ) == (2, ["new", "new/b.txt"], "outside target")


def test_delete_older_than_on_a_missing_cache_dir_is_a_no_op(tmp_path: Path) -> None:
    assert FileCache(cache_dir=tmp_path / "never").delete_older_than(0) == 0


def test_tick_sweeps_only_when_due(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    (cache_dir / "d").mkdir(parents=True)
    (cache_dir / "d" / "f.txt").write_text("x")
    _age(cache_dir / "d" / "f.txt", 100)
    cache = FileCache(cache_dir=cache_dir, delete_cache=(10.0, 50.0))
    start = cache._last_sweep
    early = cache.tick(now=start + 5)
    due = cache.tick(now=start + 11)
    again = cache.tick(now=start + 12)
    assert (early, due, again, list(cache_dir.iterdir())) == (0, 1, 0, [])


def test_tick_without_delete_cache_does_nothing(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x")
    _age(tmp_path / "f.txt", 10_000)
    assert (FileCache(cache_dir=tmp_path).tick(now=1e12), (tmp_path / "f.txt").exists()) == (0, True)


def test_delete_session_files_removes_only_what_no_other_session_uses(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    source = tmp_path / "src"
    source.mkdir()
    for name in ("mine.txt", "shared.txt", "theirs.txt"):
        (source / name).write_text(name)
    cache = FileCache(cache_dir=cache_dir, allowed_paths=[str(source)])

    def out(session: str, name: str) -> Path:
        return Path(
            cache.prepare_output({"path": str(source / name), "meta": FILE_META}, "", session_hash=session)["path"]
        )

    mine, shared, theirs = out("a", "mine.txt"), out("a", "shared.txt"), out("b", "theirs.txt")
    assert out("b", "shared.txt") == shared
    first = cache.delete_session_files("a")
    after_a = (mine.exists(), mine.parent.exists(), shared.exists(), theirs.exists())
    second = cache.delete_session_files("b")
    assert (first, after_a, second, shared.exists(), theirs.exists(), list(cache_dir.iterdir())) == (
        1,
        (False, False, True, True),
        2,
        False,
        False,
        [],
    )
    assert sorted(p.name for p in source.iterdir()) == ["mine.txt", "shared.txt", "theirs.txt"]  # originals kept
    assert cache.delete_session_files("unknown") == 0


def test_outputs_cached_without_a_session_survive_session_deletion(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x")
    cache = FileCache(cache_dir=tmp_path / "cache", allowed_paths=[str(tmp_path)])
    payload = {"path": str(tmp_path / "f.txt"), "meta": FILE_META}
    shared = Path(cache.prepare_output(payload, "")["path"])  # e.g. a default value in the config
    cache.prepare_output(payload, "", session_hash="s")
    assert (cache.session_files("s"), cache.delete_session_files("s"), shared.exists()) == ({shared}, 0, True)


def test_forgetting_a_session_keeps_its_files(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x")
    cache = FileCache(cache_dir=tmp_path / "cache", allowed_paths=[str(tmp_path)])
    cached = Path(
        cache.prepare_output({"path": str(tmp_path / "f.txt"), "meta": FILE_META}, "", session_hash="s")["path"]
    )
    forgotten = cache.delete_session_files("s", delete=False)
    assert (forgotten, cached.exists(), cache.session_files("s"), cache._file_sessions) == (0, True, set(), {})


def test_swept_files_are_forgotten_by_their_session(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x")
    cache = FileCache(cache_dir=tmp_path / "cache", allowed_paths=[str(tmp_path)])
    cache.prepare_output({"path": str(tmp_path / "f.txt"), "meta": FILE_META}, "", session_hash="s")
    cache.delete_older_than(0, now=time.time() + 1)
    assert (cache.session_files("s"), cache.delete_session_files("s")) == (set(), 0)


def test_check_input_refuses_unreadable_paths_cleanly(tmp_path: Path) -> None:
    cache = FileCache(cache_dir=tmp_path)
    with pytest.raises(FileAccessError):
        cache.check_input({"path": "/" + "a" * 5000, "meta": FILE_META})


@pytest.fixture(scope="module")
def soak(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    temp = tmp_path_factory.mktemp("soak")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_TEMP_DIR", str(temp))
        with serve(build()) as base:
            yield base, temp


def test_soak_200_uploads_then_sweep_leaves_the_cache_empty(soak: tuple[str, Path]) -> None:
    base, temp = soak
    blob = os.urandom(50 * 1024)
    with httpx.Client(timeout=TIMEOUT) as http:
        for index in range(200):
            response = http.post(base + "gradio_api/upload", files=[("files", (f"f{index}.bin", blob))])
            assert response.status_code == 200
    stored = sum(p.stat().st_size for p in temp.rglob("*") if p.is_file())
    removed = FileCache(cache_dir=temp).delete_older_than(0, now=time.time() + 1)
    assert (stored, removed, list(temp.rglob("*"))) == (200 * 50 * 1024, 200, [])
