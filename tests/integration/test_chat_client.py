"""Chat over the wire: ChatInterface and Chatbot endpoints through the official gradio_client and raw SSE."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import TIMEOUT, completed, fn_index, http_client, join, read_stream, serve
from gradio_client import handle_file
from gradio_client.exceptions import AppError

import trellis as gr


def stream_words(message: str, history: list) -> Iterator[str]:
    reply = ""
    for word in f"You said {message} after {len(history)} messages".split():
        reply += word + " "
        yield reply.strip()


async def count_up(message: str, history: list, limit: float, prefix: str):
    text = prefix
    for i in range(int(limit)):
        await asyncio.sleep(0)
        text += str(i)
        yield text


def describe(message: dict[str, Any], history: list) -> str:
    sizes = [Path(p).stat().st_size for p in message["files"]]
    return f"{message['text']}|{sizes}"


def failing(message: str, history: list) -> str:
    raise gr.Error(f"cannot answer {message!r}")


def respond(message: str, history: list):
    history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": ""}]
    for word in ("one", "two", "three"):
        history[-1]["content"] += word + " "
        yield "", history


def think(message: str, history: list):
    thought = {"title": "Thinking", "status": "pending"}
    history = [*history, {"role": "assistant", "content": "hmm", "metadata": thought}]
    yield history
    thought["status"] = "done"  # changed in place, then the same list yielded again
    thought["duration"] = 0.5
    yield history


def with_file(message: str, history: list, picture: str) -> list:
    return [*history, {"role": "assistant", "content": {"path": picture}}, {"role": "assistant", "content": "caption"}]


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> str:
    from PIL import Image

    path = tmp_path_factory.mktemp("pics") / "dot.png"
    Image.new("RGB", (5, 4), "blue").save(path)
    return str(path)


@pytest.fixture(scope="module")
def app(picture: str) -> Iterator[str]:
    with gr.Blocks() as demo:
        with gr.Tab("words"):
            gr.ChatInterface(stream_words)
        with gr.Tab("count"):
            gr.ChatInterface(count_up, additional_inputs=[gr.Number(3, label="Limit"), gr.Textbox("#", label="Prefix")])
        with gr.Tab("files"):
            gr.ChatInterface(describe, multimodal=True)
        with gr.Tab("fail"):
            gr.ChatInterface(failing)
        with gr.Tab("blocks"):
            chatbot = gr.Chatbot()
            box = gr.Textbox()
            box.submit(respond, [box, chatbot], [box, chatbot], api_name="respond")
            path = gr.Textbox(picture, visible=False)
            gr.Button().click(with_file, [box, chatbot, path], chatbot, api_name="with_file")
            gr.Button().click(think, [box, chatbot], chatbot, api_name="think")
    with serve(demo) as url:
        yield url


def test_streamed_reply_and_server_side_history(app: str, make_client: Any) -> None:
    client = make_client(app)
    job = client.submit("hi", api_name="/stream_words")
    assert job.result(timeout=TIMEOUT) == "You said hi after 0 messages"
    assert job.outputs() == [
        "You",
        "You said",
        "You said hi",
        "You said hi after",
        "You said hi after 0",
        "You said hi after 0 messages",
    ]
    assert client.predict("again", api_name="/stream_words") == "You said again after 2 messages"
    other = make_client(app)
    assert other.predict("x", api_name="/stream_words") == "You said x after 0 messages"
    client.reset_session()
    assert client.predict("fresh", api_name="/stream_words") == "You said fresh after 0 messages"


def test_async_generator_with_additional_inputs(app: str, make_client: Any) -> None:
    client = make_client(app)
    info = client.view_api(print_info=False, return_format="dict")["named_endpoints"]["/count_up"]
    assert [p["parameter_name"] for p in info["parameters"]] == ["message", "limit", "prefix"]
    assert client.predict("m", api_name="/count_up") == "#012"
    job = client.submit("m", prefix=">", limit=4, api_name="/count_up")
    assert job.result(timeout=TIMEOUT) == ">0123"
    assert job.outputs() == [">0", ">01", ">012", ">0123"]


def test_multimodal_message_with_a_file(app: str, make_client: Any, picture: str) -> None:
    client = make_client(app)
    reply = client.predict({"text": "what is this", "files": [handle_file(picture)]}, api_name="/describe")
    assert reply == f"what is this|[{Path(picture).stat().st_size}]"


def test_chat_errors_reach_the_client(app: str, make_client: Any) -> None:
    with pytest.raises(AppError, match="cannot answer 'q'"):
        make_client(app).predict("q", api_name="/failing")


def test_blocks_chatbot_streams_only_the_new_text(app: str) -> None:
    session = uuid.uuid4().hex
    with http_client(app) as http:
        event_id = join(http, fn_index(app, "respond"), ["hello", []], session).json()["event_id"]
        messages = [m for m in read_stream(http, session) if m.get("event_id") == event_id]
    generating = [m["output"]["data"] for m in messages if m["msg"] == "process_generating"]
    first_textbox, first_history = generating[0]
    assert first_textbox == "" and first_history[0]["content"] == [{"text": "hello", "type": "text"}]
    # later chunks carry just the appended word at the reply's text, nothing of the rest of the history
    assert generating[1] == [[], [["append", [1, "content", 0, "text"], "two "]]]
    assert generating[2] == [[], [["append", [1, "content", 0, "text"], "three "]]]
    final = completed(messages)["output"]["data"][1]
    assert final[1] == {
        "role": "assistant",
        "metadata": None,
        "content": [{"text": "one two three ", "type": "text"}],
        "options": None,
    }


def test_file_messages_are_served_and_downloaded(app: str, make_client: Any, picture: str) -> None:
    client = make_client(app)
    history = client.predict("", [], api_name="/with_file")
    file_part = history[0]["content"][0]
    assert file_part["type"] == "file"
    downloaded = file_part["file"]
    assert isinstance(downloaded, str) and Path(downloaded).read_bytes() == Path(picture).read_bytes()
    assert history[1]["content"] == [{"text": "caption", "type": "text"}]


def test_metadata_changed_in_place_between_yields_is_sent(app: str) -> None:
    session = uuid.uuid4().hex
    with http_client(app) as http:
        event_id = join(http, fn_index(app, "think"), ["", []], session).json()["event_id"]
        messages = [m for m in read_stream(http, session) if m.get("event_id") == event_id]
    generating = [m["output"]["data"][0] for m in messages if m["msg"] == "process_generating"]
    assert generating[0][0]["metadata"] == {"title": "Thinking", "status": "pending"}
    assert sorted(map(tuple, [(op, tuple(path), value) for op, path, value in generating[1]])) == [
        ("add", (0, "metadata", "duration"), 0.5),
        ("replace", (0, "metadata", "status"), "done"),
    ]
