"""gr.load_chat against a local fake OpenAI-compatible server, and gr.load_openapi against a local spec and API.

The layouts and API names were compared with Gradio 6.31 building the same apps (its load_chat with a stub
``openai`` module, since only the config was compared).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import trellis as gr
from trellis.exceptions import Error
from trellis.external import format_conversation

SPEC: dict[str, Any] = {
    "openapi": "3.0.0",
    "info": {"title": "Pets", "description": "A pet store"},
    "paths": {
        "/pets": {
            "get": {
                "summary": "List pets",
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "default": 5},
                        "description": "How many",
                    },
                    {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["cat", "dog"]}},
                ],
            },
            "post": {
                "summary": "Add a pet",
                "requestBody": {
                    "description": "The pet",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                },
            },
        },
        "/pets/{id}": {
            "delete": {
                "parameters": [
                    {"name": "id", "in": "path", "schema": {"type": "string"}},
                    {"name": "hard", "in": "query", "schema": {"type": "boolean"}},
                ]
            }
        },
        "/internal/x": {"get": {}},
    },
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "example": "Rex"},
                    "age": {"type": "integer"},
                    "tags": {"type": "array"},
                },
            }
        }
    },
}


class _Handler(BaseHTTPRequestHandler):
    """A fake API: OpenAI-style chat completions (streamed or not) and a tiny pet store."""

    requests: list[dict[str, Any]]

    def log_message(self, *args: Any) -> None:
        pass

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else None

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        body = self._body()
        type(self).requests.append(
            {"method": "POST", "path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        if self.path == "/v1/chat/completions":
            last = body["messages"][-1]["content"][0]["text"]
            if body["model"] == "broken":
                self._json(500, {"error": "model exploded"})
            elif body.get("stream"):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for piece in ["Echo", ": ", last]:
                    chunk = {"choices": [{"delta": {"content": piece}}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
            else:
                self._json(200, {"choices": [{"message": {"role": "assistant", "content": f"Whole: {last}"}}]})
        elif self.path.startswith("/api/pets"):
            self._json(201, {"created": body})
        else:
            self._json(404, {"detail": "not found"})

    def do_GET(self) -> None:
        type(self).requests.append({"method": "GET", "path": self.path, "auth": self.headers.get("Authorization")})
        if self.path.startswith("/api/pets"):
            self._json(200, [{"name": "Rex"}])
        else:
            self._json(404, {"detail": "not found"})

    def do_DELETE(self) -> None:
        type(self).requests.append({"method": "DELETE", "path": self.path, "auth": self.headers.get("Authorization")})
        self._json(200, {"deleted": self.path})


@pytest.fixture
def fake_api() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    handler = type("Handler", (_Handler,), {"requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.requests
    finally:
        server.shutdown()
        server.server_close()


# -- load_chat ------------------------------------------------------------------------------------------


def test_load_chat_signature_is_gradios() -> None:
    import inspect

    params = inspect.signature(gr.load_chat).parameters
    assert list(params) == ["base_url", "model", "token", "file_types", "system_message", "streaming", "kwargs"]
    assert (params["token"].default, params["file_types"].default, params["streaming"].default) == (
        None,
        "text_encoded",
        True,
    )


def test_load_chat_streams_from_an_openai_compatible_server(fake_api: Any) -> None:
    url, requests = fake_api
    demo = gr.load_chat(url + "/v1/", model="tiny", token="secret", system_message="Be brief.")
    assert isinstance(demo, gr.ChatInterface)
    assert demo.fn.__name__ == "open_api_stream"
    replies = list(demo.fn({"text": "hello", "files": []}, []))
    assert replies == ["Echo", "Echo: ", "Echo: hello"]
    sent = requests[-1]
    assert sent["auth"] == "Bearer secret"
    assert sent["body"] == {
        "model": "tiny",
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": [{"type": "text", "text": "hello"}]},
        ],
        "stream": True,
    }


def test_load_chat_without_streaming(fake_api: Any) -> None:
    url, requests = fake_api
    demo = gr.load_chat(url + "/v1", model="tiny", streaming=False, file_types=None)
    assert demo.fn.__name__ == "open_api"
    assert demo.fn("hi", []) == "Whole: hi"
    assert requests[-1]["auth"] == "Bearer ***"  # as Gradio's client: a placeholder key without a token
    assert "stream" not in requests[-1]["body"]


def test_load_chat_errors_are_shown_to_the_user(fake_api: Any) -> None:
    url, _ = fake_api
    demo = gr.load_chat(url + "/v1", model="broken")
    with pytest.raises(Error, match="500"):
        list(demo.fn("hi", []))
    unreachable = gr.load_chat("http://127.0.0.1:9/v1", model="x", streaming=False)
    with pytest.raises(Error, match="could not be reached"):
        unreachable.fn("hi", [])


def test_load_chat_builds_gradios_chat_interface() -> None:
    demo = gr.load_chat("http://127.0.0.1:9/v1/", model="m", file_types=["text_encoded", "image"], title="T")
    config = demo.get_config_file()
    types = {c["type"]: c["props"] for c in config["components"]}
    # As Gradio 6.31's: a multimodal box taking the text and image extensions, a Chatbot with scale 1 and tags.
    assert len(types["multimodaltextbox"]["file_types"]) == 66
    assert types["chatbot"]["scale"] == 1 and types["chatbot"]["allow_tags"] is True
    assert [d["api_name"] for d in config["dependencies"] if d["api_visibility"] == "public"] == ["open_api_stream"]
    with pytest.raises(ValueError, match="Invalid file type"):
        gr.load_chat("http://x/v1", model="m", file_types=["video"])  # type: ignore[list-item]


def test_format_conversation_sends_files_as_gradio_does(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("remember this")
    image = tmp_path / "dot.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    history = [
        {"role": "user", "content": [{"type": "file", "file": {"path": str(notes)}}]},
        {"role": "assistant", "content": [{"type": "text", "text": "ok"}]},
    ]
    out = format_conversation(history, {"text": "see", "files": [str(image), str(notes)]})
    assert out[0]["content"] == [{"type": "text", "text": "\n## notes.txt\nremember this"}]
    assert out[1] == {"role": "assistant", "content": [{"type": "text", "text": "ok"}]}
    assert out[2]["content"][0]["image_url"]["url"].startswith("data:image/png;base64,")
    assert out[3] == {"role": "user", "content": [{"type": "text", "text": "see\n## notes.txt\nremember this"}]}


def test_load_chat_through_the_client(fake_api: Any, serve_blocks: Any, make_client: Any) -> None:
    url, _ = fake_api
    demo = gr.load_chat(url + "/v1/", model="tiny", file_types=None)
    client = make_client(serve_blocks(demo))
    assert client.predict("ping", api_name="/open_api_stream") == "Echo: ping"


# -- load_openapi ---------------------------------------------------------------------------------------


def _layout(demo: Any) -> list[str]:
    config = demo.get_config_file()
    comps = {c["id"]: c for c in config["components"]}
    out: list[str] = []

    def walk(node: dict[str, Any], depth: int) -> None:
        c = comps[node["id"]]
        out.append("  " * depth + c["type"] + (f":{c['props']['label']}" if c["props"].get("label") else ""))
        for child in node.get("children", []):
            walk(child, depth + 1)

    for child in config["layout"]["children"]:
        walk(child, 0)
    return out


def test_load_openapi_builds_one_interface_per_operation(tmp_path: Path) -> None:
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(SPEC))
    demo = gr.load_openapi(str(spec_file), "http://127.0.0.1:9/api", exclude_paths=[".*internal.*"])
    layout = _layout(demo)
    # As Gradio 6.31: a sidebar listing the operations, then a heading and an Interface per operation.
    assert layout[:5] == ["sidebar", "  markdown", "  markdown", "  markdown", "  markdown"]
    inputs = [
        line.strip() for line in layout if line.strip().split(":")[0] in ("number", "dropdown", "textbox", "checkbox")
    ]
    assert inputs == ["number:limit", "dropdown:kind", "textbox:Request Body", "textbox:id", "checkbox:hard"]
    info = demo.compile().api_info_public["named_endpoints"]
    assert {name: [p["parameter_name"] for p in e["parameters"]] for name, e in info.items()} == {
        "/get__pets": ["limit", "kind"],
        "/post__pets": ["request_body"],
        "/delete__pets_id": ["id", "hard"],
    }
    body = next(c for c in demo.get_config_file()["components"] if c["props"].get("label") == "Request Body")
    assert json.loads(body["props"]["value"]) == {"name": "Rex", "age": 0, "tags": []}


def test_load_openapi_filters(tmp_path: Path) -> None:
    demo = gr.load_openapi(SPEC, "http://x", paths=["/pets$"], methods=["post"])
    assert list(demo.compile().api_info_public["named_endpoints"]) == ["/post__pets"]
    with pytest.raises(ValueError, match="No valid paths"):
        gr.load_openapi(SPEC, "http://x", paths=["/nothing"])
    bad = tmp_path / "bad.json"
    bad.write_text("openapi: 3")
    with pytest.raises(ValueError, match="JSON"):
        gr.load_openapi(str(bad), "http://x")


def test_load_openapi_calls_the_api(fake_api: Any, serve_blocks: Any, make_client: Any) -> None:
    url, requests = fake_api
    demo = gr.load_openapi(SPEC, url + "/api", auth_token="tok", exclude_paths=["/internal"])
    client = make_client(serve_blocks(demo))
    assert client.predict(3, "cat", api_name="/get__pets") == [{"name": "Rex"}]
    assert requests[-1] == {"method": "GET", "path": "/api/pets?limit=3&kind=cat", "auth": "Bearer tok"}
    assert client.predict('{"name": "Tom"}', api_name="/post__pets") == {"created": {"name": "Tom"}}
    assert client.predict("7", True, api_name="/delete__pets_id") == {"deleted": "/api/pets/7?hard=true"}


# -- load_ipython_extension -----------------------------------------------------------------------------


class _FakeEvents:
    def __init__(self) -> None:
        self.callbacks: dict[str, list[Any]] = {}

    def register(self, name: str, callback: Any) -> None:
        self.callbacks.setdefault(name, []).append(callback)


class _FakeShell:
    """What load_ipython_extension uses of an IPython shell."""

    def __init__(self) -> None:
        self.events = _FakeEvents()
        self.magics: dict[tuple[str, str], Any] = {}
        self.user_ns: dict[str, Any] = {}

    def register_magic_function(self, fn: Any, magic_kind: str, magic_name: str) -> None:
        self.magics[(magic_kind, magic_name)] = fn

    def run_cell(self, cell_id: str, line: str, body: str) -> Any:
        for callback in self.events.callbacks["pre_run_cell"]:
            callback(type("Info", (), {"cell_id": cell_id})())
        magic = self.magics[("cell", "blocks")]
        assert magic.needs_local_scope  # IPython passes the cell's namespace
        return magic(line, body, local_ns=self.user_ns)


def test_blocks_cell_magic_launches_then_swaps_in_place() -> None:
    import httpx

    shell = _FakeShell()
    gr.load_ipython_extension(shell)
    cell = "import trellis as gr\nwith gr.Blocks() as app:\n    gr.Markdown('{text}')\n"
    try:
        shell.run_cell("c1", "--demo-name app", cell.format(text="first"))
        first = shell.user_ns["app"]
        url = first.local_url
        assert "first" in httpx.get(url + "config").text
        shell.run_cell("c1", "--demo-name app", cell.format(text="second"))
        second = shell.user_ns["app"]
        assert second is not first and first.server is None
        assert second.local_url == url  # the same address serves the new version
        assert "second" in httpx.get(url + "config").text
        with pytest.raises(NameError, match="demo"):
            shell.run_cell("c2", "", "x = 1")
    finally:
        gr.close_all()
    assert shell.user_ns["app"].server is None
