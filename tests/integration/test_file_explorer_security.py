"""FileExplorer confinement over HTTP, against a real uvicorn server: hostile directory listings
(POST /gradio_api/component_server, fn ``ls``) and hostile values (queue events and gradio_client).

Every path a client sends must stay inside ``root_dir``: ``..``, absolute paths, percent-encoded and
double-encoded traversal, NUL bytes, backslashes, symlinks leading out, paths ``ignore_glob`` matches
and files ``glob`` does not match are refused with a 4xx (listings) or an error (values), and no
secret outside the root ever appears in an answer. (Gradio 6.31 itself lists a symlinked directory's
outside contents and answers traversal with a 500.)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, run_event, serve

import trellis as gr

SECRET = "OUTSIDE-SECRET-5e2c"


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A root with files, a sub-folder, an ignored folder and links out of it; a secret beside it."""
    base = tmp_path_factory.mktemp("explorer")
    root = base / "root"
    (root / "sub" / "deep").mkdir(parents=True)
    (root / "private").mkdir()
    (root / "a.txt").write_text("a")
    (root / "b.py").write_text("b")
    (root / "sub" / "c.txt").write_text("c")
    (root / "sub" / "deep" / "d.txt").write_text("d")
    (root / "private" / "p.txt").write_text("p")
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    (root / "link-out.txt").symlink_to(outside / "secret.txt")
    (root / "dir-out").symlink_to(outside, target_is_directory=True)
    (root / "sub" / "up").symlink_to(base, target_is_directory=True)
    (root / "link-in.txt").symlink_to(root / "a.txt")
    return {"root": root, "outside": outside}


def build(root: Path) -> gr.Blocks:
    with gr.Blocks() as demo:
        many = gr.FileExplorer(root_dir=str(root), ignore_glob="*/private*", label="Many")
        one = gr.FileExplorer("**/*.txt", root_dir=str(root), file_count="single", label="One")
        out = gr.JSON()
        gr.Button().click(lambda m, o: {"many": m, "one": o}, [many, one], out, api_name="pick")
    return demo


@pytest.fixture(scope="module")
def url(layout: dict[str, Path]) -> Iterator[str]:
    with serve(build(layout["root"])) as base:
        yield base


def ids(base: str) -> dict[str, int]:
    config = httpx.get(base + "config", timeout=TIMEOUT).json()
    return {c["props"]["label"]: c["id"] for c in config["components"] if c["type"] == "fileexplorer"}


def ls(base: str, data: Any, component: str = "Many", **body: Any) -> httpx.Response:
    payload = {
        "data": data,
        "component_id": ids(base)[component],
        "fn_name": "ls",
        "session_hash": "s" + uuid.uuid4().hex,
    }
    payload.update(body)
    return httpx.post(base + "gradio_api/component_server/", json=payload, timeout=TIMEOUT)


def names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [entry["name"] for entry in response.json()]


def test_config_names_the_server_function(url: str) -> None:
    config = httpx.get(url + "config", timeout=TIMEOUT).json()
    explorers = [c for c in config["components"] if c["type"] == "fileexplorer"]
    assert all(c["props"]["server_fns"] == ["ls"] for c in explorers)


def test_lists_inside_the_root(url: str) -> None:
    # Folders first, then files, sorted; links out of the root and ignored folders left out.
    assert names(ls(url, [])) == ["sub", "a.txt", "b.py", "link-in.txt"]
    assert names(ls(url, ["sub"])) == ["deep", "c.txt"]
    assert names(ls(url, ["sub", "deep"])) == ["d.txt"]
    assert names(ls(url, None)) == ["sub", "a.txt", "b.py", "link-in.txt"]
    # Both the trailing-slash route (the page's) and the bare one answer.
    response = httpx.post(
        url + "gradio_api/component_server",
        json={"data": [], "component_id": ids(url)["Many"], "fn_name": "ls", "session_hash": "abc"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200


def test_glob_marks_validity_and_hides_other_files(url: str) -> None:
    entries = ls(url, [], component="One").json()
    assert [e["name"] for e in entries] == ["private", "sub", "a.txt", "link-in.txt"]
    assert all(e["valid"] is False for e in entries if e["type"] == "folder")


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ([".."], 403),
        (["..", "outside"], 403),
        (["sub", "..", ".."], 403),
        (["sub/../.."], 403),
        (["/etc"], 403),
        (["/"], 403),
        (["%2e%2e"], 403),
        (["%2E%2E", "outside"], 403),
        (["%252e%252e"], 403),
        (["%25252e%25252e"], 403),
        (["..%2f..%2f"], 403),
        (["sub%2f..%2f.."], 403),
        (["..\\.."], 403),
        (["C:\\Windows"], 403),
        (["dir-out"], 403),
        (["sub", "up"], 403),
        (["sub", "up", "outside"], 403),
        (["private"], 403),
        (["a\x00b"], 400),
        (["sub%00"], 400),
        ("sub", 400),
        ([1], 400),
        ({"path": ".."}, 400),
    ],
)
def test_hostile_listings_are_refused(url: str, data: Any, status: int) -> None:
    response = ls(url, data)
    assert response.status_code == status, response.text
    assert SECRET not in response.text
    assert "secret.txt" not in response.text
    assert isinstance(response.json()["detail"], str)


def test_malformed_requests(url: str) -> None:
    many = ids(url)["Many"]
    post = lambda body, **kw: httpx.post(url + "gradio_api/component_server/", timeout=TIMEOUT, **kw, json=body)  # noqa: E731
    assert post({"data": [], "component_id": many, "fn_name": "preprocess", "session_hash": "a"}).status_code == 404
    assert post({"data": [], "component_id": many, "fn_name": "_inside", "session_hash": "a"}).status_code == 404
    assert post({"data": [], "component_id": 10_000, "fn_name": "ls", "session_hash": "a"}).status_code == 404
    assert post({"data": [], "component_id": "1", "fn_name": "ls", "session_hash": "a"}).status_code == 400
    assert post({"data": [], "component_id": many, "fn_name": "ls", "session_hash": "../x"}).status_code == 400
    assert post([1, 2]).status_code == 400
    bad_json = httpx.post(
        url + "gradio_api/component_server/",
        content=b"{not json",
        headers={"content-type": "application/json"},
        timeout=TIMEOUT,
    )
    assert bad_json.status_code == 400
    huge = httpx.post(
        url + "gradio_api/component_server/",
        content=b'{"data": "' + b"x" * (2 * 1024 * 1024) + b'"}',
        headers={"content-type": "application/json"},
        timeout=TIMEOUT,
    )
    assert huge.status_code == 413


@pytest.mark.parametrize(
    "value",
    [
        [["..", "outside", "secret.txt"]],
        [["sub", "..", "..", "outside", "secret.txt"]],
        [["/etc/passwd"]],
        [["%2e%2e", "outside", "secret.txt"]],
        [["%252e%252e", "outside", "secret.txt"]],
        [["link-out.txt"]],
        [["dir-out", "secret.txt"]],
        [["sub", "up", "outside", "secret.txt"]],
        [["private", "p.txt"]],
        [["a.txt\x00"]],
        [["a.txt"], "b.py"],
        "a.txt",
    ],
)
def test_hostile_values_are_refused(url: str, value: Any) -> None:
    messages = run_event(url, fn_index(url, "pick"), [value, None])
    final = completed(messages)
    assert final["success"] is False
    assert SECRET not in str(final)


def test_glob_refuses_values_it_does_not_show(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "pick"), [None, [["b.py"]]]))
    assert final["success"] is False


def test_values_inside_reach_the_function_as_full_paths(url: str, layout: dict[str, Path], make_client: Any) -> None:
    root = layout["root"]
    client = make_client(url)
    result = client.predict(
        [["a.txt"], ["sub", "c.txt"], ["link-in.txt"]], [["sub", "deep", "d.txt"]], api_name="/pick"
    )
    assert result == {
        "many": [str(root / "a.txt"), str(root / "sub" / "c.txt"), str(root / "link-in.txt")],
        "one": str(root / "sub" / "deep" / "d.txt"),
    }
    assert client.predict([["sub/c.txt"]], [], api_name="/pick") == {"many": [str(root / "sub" / "c.txt")], "one": None}
    with pytest.raises(Exception, match="only one file"):
        client.predict([], [["a.txt"], ["link-in.txt"]], api_name="/pick")
