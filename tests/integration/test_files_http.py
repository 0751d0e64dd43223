"""Files over HTTP: upload, use as input, download outputs, the guarded file route and the size limit."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, run_event, serve
from gradio_client import handle_file

import trellis as gr

FILE_META = {"_type": "gradio.FileData"}


def read_text(path: str) -> str:
    return Path(path).read_text()


def read_bytes(data: bytes) -> str:
    return data.decode()


def count_files(paths: list[str]) -> str:
    return ",".join(Path(p).read_text() for p in paths)


def build(out_dir: Path) -> gr.Blocks:
    def write_text(text: str) -> str:
        path = out_dir / f"{uuid.uuid4().hex}.txt"
        path.write_text(text)
        return str(path)

    with gr.Blocks() as demo:
        single = gr.File(type="filepath", label="In")
        binary = gr.File(type="binary", label="Bytes")
        several = gr.File(file_count="multiple", label="Several")
        text = gr.Textbox(label="Text")
        gr.Button().click(read_text, single, text)
        gr.Button().click(read_bytes, binary, text)
        gr.Button().click(count_files, several, text)
        gr.Button().click(write_text, text, gr.File(label="Out"))
    return demo


@pytest.fixture(scope="module")
def temp_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """GRADIO_TEMP_DIR for the apps of this module, set before they launch."""
    path = tmp_path_factory.mktemp("uploads")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_TEMP_DIR", str(path))
        yield path


@pytest.fixture(scope="module")
def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder the app serves through ``allowed_paths``, with a ``blocked`` sub-folder in ``blocked_paths``."""
    path = tmp_path_factory.mktemp("shared")
    (path / "page.html").write_text("<b>shared</b>")
    (path / "blocked").mkdir()
    (path / "blocked" / "secret.txt").write_text("secret")
    return path


@pytest.fixture(scope="module")
def url(serve_blocks: Any, temp_dir: Path, shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve_blocks(
        build(tmp_path_factory.mktemp("outputs")),
        allowed_paths=[str(shared_dir)],
        blocked_paths=[str(shared_dir / "blocked")],
    )


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An app with max_file_size="1kb" and its own, initially empty GRADIO_TEMP_DIR."""
    temp = tmp_path_factory.mktemp("limited_uploads")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_TEMP_DIR", str(temp))
        with serve(build(tmp_path_factory.mktemp("limited_outputs")), max_file_size="1kb") as base:
            yield base, temp


def upload(url: str, *files: tuple[str, bytes]) -> httpx.Response:
    return httpx.post(url + "gradio_api/upload", files=[("files", f) for f in files], timeout=TIMEOUT)


def file_url(url: str, path: str) -> str:
    return url + "gradio_api/file=" + quote(path, safe="/")


# -- upload -------------------------------------------------------------------------------


def test_upload_returns_server_paths_inside_the_temp_dir(url: str, temp_dir: Path) -> None:
    paths = upload(url, ("a.txt", b"first"), ("b.txt", b"second")).json()
    assert (
        [Path(p).name for p in paths],
        [Path(p).read_bytes() for p in paths],
        all(Path(p).is_relative_to(temp_dir) for p in paths),
    ) == (["a.txt", "b.txt"], [b"first", b"second"], True)


def test_upload_cleans_the_file_name(url: str) -> None:
    [path] = upload(url, ("../../evil.txt", b"x")).json()
    assert Path(path).name == "evil.txt"


def test_upload_that_is_not_multipart_is_a_400(url: str) -> None:
    response = httpx.post(url + "gradio_api/upload", content=b"abc", timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Upload must be multipart/form-data with one or more 'files' parts."},
    )


def test_uploaded_path_is_accepted_as_a_file_input(url: str) -> None:
    [path] = upload(url, ("in.txt", b"uploaded content")).json()
    final = completed(run_event(url, fn_index(url, "read_text"), [{"path": path, "meta": FILE_META}]))
    assert final["output"]["data"] == ["uploaded content"]


def test_file_input_outside_the_upload_dir_is_refused(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "read_text"), [{"path": "/etc/passwd", "meta": FILE_META}]))
    assert (final["success"], final["output"]["error"]) == (
        False,
        "Cannot move /etc/passwd to the cache dir because it was not uploaded by a user.",
    )


def test_client_handle_file_uploads_and_the_function_reads_it(url: str, make_client: Any, tmp_path: Path) -> None:
    local = tmp_path / "local.txt"
    local.write_text("from the client")
    assert make_client(url).predict(handle_file(str(local)), api_name="/read_text") == "from the client"


def test_client_handle_file_of_an_uploaded_path(url: str, make_client: Any) -> None:
    [path] = upload(url, ("again.txt", b"uploaded first")).json()
    assert make_client(url).predict(handle_file(path), api_name="/read_text") == "uploaded first"


def test_binary_file_input_gets_bytes(url: str, make_client: Any, tmp_path: Path) -> None:
    local = tmp_path / "bytes.bin"
    local.write_bytes(b"raw bytes")
    assert make_client(url).predict(handle_file(str(local)), api_name="/read_bytes") == "raw bytes"


def test_several_files_arrive_as_a_list_of_paths(url: str, make_client: Any, tmp_path: Path) -> None:
    files = []
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(name)
        files.append(handle_file(str(tmp_path / f"{name}.txt")))
    assert make_client(url).predict(files, api_name="/count_files") == "one,two"


# -- outputs --------------------------------------------------------------------------------


def test_file_output_is_cached_with_an_absolute_url(url: str, temp_dir: Path) -> None:
    [data] = completed(run_event(url, fn_index(url, "write_text"), ["out"]))["output"]["data"]
    assert (Path(data["path"]).is_relative_to(temp_dir), data["url"], data["size"], data["orig_name"]) == (
        True,
        file_url(url, data["path"]),
        3,
        Path(data["path"]).name,
    )


def test_client_downloads_a_file_output(url: str, make_client: Any, tmp_path: Path) -> None:
    local = make_client(url, download_files=str(tmp_path / "dl")).predict("downloaded", api_name="/write_text")
    assert (Path(local).read_text(), Path(local).is_relative_to(tmp_path / "dl")) == ("downloaded", True)


# -- the file route ----------------------------------------------------------------------------


def test_file_route_serves_an_uploaded_file_inline(url: str) -> None:
    [path] = upload(url, ("a b.txt", b"hello")).json()
    response = httpx.get(file_url(url, path), timeout=TIMEOUT)
    assert (
        response.status_code,
        response.text,
        response.headers["content-type"],
        response.headers["content-disposition"].startswith("inline"),
    ) == (200, "hello", "text/plain; charset=utf-8", True)


def test_file_route_sends_html_as_an_attachment(url: str) -> None:
    [path] = upload(url, ("page.html", b"<script>alert(1)</script>")).json()
    response = httpx.get(file_url(url, path), timeout=TIMEOUT)
    assert (response.headers["content-type"], response.headers["content-disposition"]) == (
        "application/octet-stream",
        'attachment; filename="page.html"',
    )


def test_file_route_supports_ranges(url: str) -> None:
    [path] = upload(url, ("r.txt", b"0123456789")).json()
    response = httpx.get(file_url(url, path), headers={"Range": "bytes=2-4"}, timeout=TIMEOUT)
    assert (response.status_code, response.text, response.headers["content-range"]) == (206, "234", "bytes 2-4/10")


def test_file_route_answers_head(url: str) -> None:
    [path] = upload(url, ("h.txt", b"12345")).json()
    response = httpx.head(file_url(url, path), timeout=TIMEOUT)
    assert (response.status_code, response.headers["content-length"]) == (200, "5")


def test_file_route_old_alias(url: str) -> None:
    [path] = upload(url, ("old.txt", b"alias")).json()
    assert httpx.get(url + "gradio_api/file/" + quote(path, safe="/"), timeout=TIMEOUT).text == "alias"


def test_file_route_serves_unicode_and_space_names(url: str) -> None:
    [path] = upload(url, ("ü b.txt", b"unicode")).json()
    response = httpx.get(file_url(url, path), timeout=TIMEOUT)
    assert (Path(path).name, response.status_code, response.text) == ("ü b.txt", 200, "unicode")


def test_file_route_serves_allowed_paths_with_their_type_in_a_sandbox(url: str, shared_dir: Path) -> None:
    response = httpx.get(file_url(url, str(shared_dir / "page.html")), timeout=TIMEOUT)
    assert (
        response.status_code,
        response.text,
        response.headers["content-type"].split(";")[0],
        response.headers["content-security-policy"],
    ) == (200, "<b>shared</b>", "text/html", "sandbox")


def test_file_route_blocked_paths_win_over_allowed_paths(url: str, shared_dir: Path) -> None:
    response = httpx.get(file_url(url, str(shared_dir / "blocked" / "secret.txt")), timeout=TIMEOUT)
    assert response.status_code == 403


def test_file_route_refuses_etc_passwd(url: str) -> None:
    response = httpx.get(url + "gradio_api/file=/etc/passwd", timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (403, {"detail": "File not allowed: /etc/passwd"})


def test_file_route_refuses_traversal_out_of_the_temp_dir(url: str, temp_dir: Path) -> None:
    depth = len(temp_dir.parts)
    raw = str(temp_dir) + "/%2E%2E" * depth + "/etc/passwd"
    response = httpx.get(url + "gradio_api/file=" + raw, timeout=TIMEOUT)
    assert response.status_code == 403


def test_file_route_refuses_a_directory(url: str) -> None:
    [path] = upload(url, ("d.txt", b"x")).json()
    assert httpx.get(file_url(url, str(Path(path).parent)), timeout=TIMEOUT).status_code == 403


def test_file_route_refuses_a_missing_file(url: str, temp_dir: Path) -> None:
    assert httpx.get(file_url(url, str(temp_dir / "missing.txt")), timeout=TIMEOUT).status_code == 403


def test_file_route_refuses_remote_urls(url: str) -> None:
    assert httpx.get(url + "gradio_api/file=https://example.com/x.txt", timeout=TIMEOUT).status_code == 403


# -- size limit ---------------------------------------------------------------------------------


def test_config_reports_max_file_size(limited: tuple[str, Path]) -> None:
    base, _ = limited
    assert httpx.get(base + "config", timeout=TIMEOUT).json()["max_file_size"] == 1024


def test_upload_over_max_file_size_is_a_413_and_leaves_nothing_on_disk(limited: tuple[str, Path]) -> None:
    base, temp = limited
    response = upload(base, ("small.txt", b"ok"), ("big.bin", b"x" * 2048))
    assert (response.status_code, response.text, sorted(temp.rglob("*"))) == (
        413,
        "File too large: the maximum file size is 1024 bytes (1 KB).",
        [],
    )


def test_upload_under_max_file_size_is_accepted(limited: tuple[str, Path]) -> None:
    base, _ = limited
    [path] = upload(base, ("fits.bin", b"x" * 1024)).json()
    assert Path(path).stat().st_size == 1024


def test_server_still_answers_after_a_413(limited: tuple[str, Path]) -> None:
    base, _ = limited
    upload(base, ("big.bin", b"x" * 4096))
    [path] = upload(base, ("after.txt", b"still here")).json()
    final = completed(run_event(base, fn_index(base, "read_text"), [{"path": path, "meta": FILE_META}]))
    assert final["output"]["data"] == ["still here"]


def test_identical_uploads_share_one_cached_file() -> None:
    """Uploads are content-addressed, so a repeated upload does not grow the cache."""
    with gr.Blocks() as demo:
        gr.File()
    with serve(demo) as base:
        url = base + "gradio_api/upload"
        first = httpx.post(url, files=[("files", ("same.txt", b"identical bytes", "text/plain"))]).json()
        second = httpx.post(url, files=[("files", ("same.txt", b"identical bytes", "text/plain"))]).json()
        other = httpx.post(url, files=[("files", ("same.txt", b"different bytes", "text/plain"))]).json()
    assert first == second
    assert other != first
    assert Path(first[0]).read_bytes() == b"identical bytes"
