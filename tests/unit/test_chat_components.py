"""Chatbot, MultimodalTextbox, BrowserState and ChatInterface without a server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import trellis as gr
from trellis._filedata import make_filedata
from trellis.blocks.chat_interface import ChatInterface
from trellis.blocks.events import SelectData
from trellis.components.chatbot import split_reasoning
from trellis.exceptions import Error, ValidationError


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(directory))
    return directory


def text(role: str, value: str, metadata: Any = None, options: Any = None) -> dict[str, Any]:
    return {"role": role, "metadata": metadata, "content": [{"text": value, "type": "text"}], "options": options}


# -- Chatbot: postprocess ------------------------------------------------------------------------------


def test_plain_dicts_and_chat_messages_are_normalised() -> None:
    bot = gr.Chatbot(render=False)
    out = bot.postprocess(
        [
            {"role": "user", "content": "hi"},
            gr.ChatMessage(content="hello"),
            {"role": "assistant", "content": "  indented\n    text  ", "metadata": {"title": "T"}},
        ]
    )
    assert out[0] == text("user", "hi")
    assert out[1] == {
        "role": "assistant",
        "metadata": {},
        "content": [{"text": "hello", "type": "text"}],
        "options": [],
    }
    assert out[2]["content"] == [{"text": "indented\ntext  ", "type": "text"}]  # cleaned like a docstring
    assert out[2]["metadata"] == {"title": "T"}
    assert bot.postprocess(None) == [] and bot.postprocess([]) == []


def test_files_in_messages(tmp_path: Path) -> None:
    picture = tmp_path / "cat.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    bot = gr.Chatbot(render=False)
    forms = [
        {"path": str(picture)},
        (str(picture),),
        (str(picture), "a cat"),
        picture,
        {"file": {"path": str(picture)}, "alt_text": "alt"},
        {"type": "file", "file": make_filedata(picture)},
    ]
    for form in forms:
        [message] = bot.postprocess([{"role": "user", "content": form}])
        [part] = message["content"]
        assert part["type"] == "file" and part["file"]["path"] == str(picture)
        assert part["file"]["mime_type"] == "image/png" and part["file"]["orig_name"] == "cat.png"
        assert part["file"]["meta"] == {"_type": "gradio.FileData"}
    assert (
        bot.postprocess([{"role": "user", "content": (str(picture), "a cat")}])[0]["content"][0]["alt_text"] == "a cat"
    )


def test_mixed_content_lists_and_arrays() -> None:
    bot = gr.Chatbot(render=False)
    [message] = bot.postprocess([{"role": "assistant", "content": ["look:", np.zeros((2, 2, 3), dtype=np.uint8)]}])
    assert [part["type"] for part in message["content"]] == ["text", "file"]
    assert message["content"][1]["file"]["path"].endswith(".webp")


def test_components_in_messages(tmp_path: Path) -> None:
    picture = tmp_path / "p.png"
    from PIL import Image

    Image.new("RGB", (3, 2), "red").save(picture)
    bot = gr.Chatbot(render=False)
    [message] = bot.postprocess([{"role": "assistant", "content": gr.Image(value=str(picture), height=100)}])
    [part] = message["content"]
    assert part["type"] == "component" and part["component"] == "image"
    assert part["value"]["path"] == str(picture)
    assert part["constructor_args"] == {"height": 100}
    assert part["props"]["height"] == 100
    [files] = bot.postprocess([{"role": "assistant", "content": gr.File(value=str(picture))}])
    assert isinstance(files["content"][0]["value"], list)  # File values are always lists in messages


def test_invalid_messages_are_refused_clearly() -> None:
    bot = gr.Chatbot(render=False)
    with pytest.raises(Error, match="messages format"):
        bot.postprocess([("user text", "bot text")])  # the removed tuples format
    with pytest.raises(Error, match="messages format"):
        bot.postprocess("just a string")
    with pytest.raises(ValueError, match="Invalid message content"):
        bot.postprocess([{"role": "user", "content": 3.5}])
    with pytest.raises(ValueError, match="tuples"):
        gr.Chatbot(type="tuples", render=False)


def test_reasoning_tags_become_thoughts() -> None:
    bot = gr.Chatbot(reasoning_tags=[("<think>", "</think>")], render=False)
    out = bot.postprocess([{"role": "assistant", "content": "<think>step 1</think>The answer is 4."}])
    assert out == [
        text("assistant", "step 1", metadata={"title": "Reasoning", "status": "done"}),
        text("assistant", "The answer is 4."),
    ]
    streaming = bot.postprocess([{"role": "assistant", "content": "<think>still going"}])
    assert streaming == [text("assistant", "still going", metadata={"title": "Reasoning", "status": "pending"})]
    assert split_reasoning("a [b] c", [("[", "]")]) == [("a", False, "done"), ("b", True, "done"), ("c", False, "done")]
    assert "reasoning_tags" not in bot.get_props()


# -- Chatbot: preprocess -------------------------------------------------------------------------------


def test_history_from_clients_is_normalised() -> None:
    bot = gr.Chatbot(render=False)
    history = bot.preprocess(
        [
            {"role": "user", "content": [{"type": "text", "text": "x"}]},
            {"role": "assistant", "content": "plain string, OpenAI style", "metadata": {"title": "t"}},
            {"role": "user", "content": {"path": "/tmp/a.png", "meta": {"_type": "gradio.FileData"}}},
        ]
    )
    assert history[0] == {"role": "user", "metadata": None, "content": [{"text": "x", "type": "text"}], "options": None}
    assert history[1]["content"] == [{"text": "plain string, OpenAI style", "type": "text"}]
    assert history[1]["metadata"] == {"title": "t"}
    file_part = history[2]["content"][0]
    assert file_part["type"] == "file" and file_part["file"]["path"] == "/tmp/a.png" and file_part["alt_text"] is None
    assert set(file_part["file"]) == {"path", "url", "size", "orig_name", "mime_type", "is_stream", "meta"}
    assert bot.preprocess(None) == []


def test_component_parts_from_clients_get_an_instance() -> None:
    bot = gr.Chatbot(render=False)
    [message] = bot.preprocess(
        [
            {
                "role": "assistant",
                "content": [
                    {
                        "type": "component",
                        "component": "textbox",
                        "value": "v",
                        "constructor_args": {"lines": 3},
                        "props": {},
                    }
                ],
            }
        ]
    )
    part = message["content"][0]
    assert isinstance(part["instance"], gr.Textbox) and part["instance"].value == "v" and part["instance"].lines == 3


@pytest.mark.parametrize(
    "bad",
    [
        "not a list",
        [{"content": "no role"}],
        [{"role": "user", "content": 5}],
        [{"role": "user", "content": [{"type": "file"}]}],
    ],
)
def test_bad_history_is_an_error_naming_the_problem(bad: Any) -> None:
    with pytest.raises(Error, match="messages format"):
        gr.Chatbot(render=False).preprocess(bad)


def test_props_match_gradio_defaults() -> None:
    props = gr.Chatbot(label="Chat", render=False).get_props()
    assert props["value"] == [] and props["height"] == 400 and props["autoscroll"] is True
    assert props["latex_delimiters"] == [{"left": "$$", "right": "$$", "display": True}]
    assert props["buttons"] == ["share", "copy", "copy_all"] and props["avatar_images"] == [None, None]
    assert props["feedback_options"] == ["Like", "Dislike"] and props["allow_tags"] is True
    assert props["sanitize_html"] is True and props["render_markdown"] is True and props["line_breaks"] is True
    assert "placeholder" not in props and "layout" not in props and "editable" not in props


def test_listener_props_in_config() -> None:
    with gr.Blocks() as demo:
        bot = gr.Chatbot()
        bot.like(lambda: None)
        bot.retry(lambda: None)
    entry = next(c for c in demo.config["components"] if c["type"] == "chatbot")
    assert (entry["props"]["likeable"], entry["props"]["_retryable"], entry["props"]["_undoable"]) == (
        True,
        True,
        False,
    )


def test_an_edit_listener_makes_user_messages_editable() -> None:
    """As in Gradio: ``editable`` becomes "user" when an edit listener exists, unless it was set."""

    def editable(**kwargs: Any) -> Any:
        with gr.Blocks() as demo:
            bot = gr.Chatbot(**kwargs)
            bot.edit(lambda: None)
        return next(c for c in demo.config["components"] if c["type"] == "chatbot")["props"].get("editable")

    assert editable() == "user"
    assert editable(editable="all") == "all"
    chat = next(
        c for c in gr.ChatInterface(lambda m, h: m, editable=True).config["components"] if c["type"] == "chatbot"
    )
    assert chat["props"]["editable"] == "user"
    plain = next(c for c in gr.ChatInterface(lambda m, h: m).config["components"] if c["type"] == "chatbot")
    assert "editable" not in plain["props"]


# -- MultimodalTextbox and BrowserState ---------------------------------------------------------------------


def test_multimodal_textbox_payloads(tmp_path: Path) -> None:
    box = gr.MultimodalTextbox(file_types=["image"], render=False)
    picture = tmp_path / "a.png"
    picture.write_bytes(b"png")
    assert box.preprocess({"text": "hi", "files": [make_filedata(picture)]}) == {"text": "hi", "files": [str(picture)]}
    assert box.preprocess("just text") == {"text": "just text", "files": []}
    assert box.preprocess(None) is None
    doc = tmp_path / "a.pdf"
    doc.write_bytes(b"%PDF")
    with pytest.raises(ValidationError, match="Invalid file type"):
        box.preprocess({"text": "", "files": [make_filedata(doc)]})
    out = box.postprocess({"text": "see", "files": [str(picture)]})
    assert out["text"] == "see" and out["files"][0]["path"] == str(picture) and out["files"][0]["orig_name"] == "a.png"
    assert box.postprocess(None) == {"text": "", "files": []} and box.postprocess("x") == {"text": "x", "files": []}
    with pytest.raises(ValueError):
        box.postprocess(3)
    props = box.get_props()
    assert props["value"] == {"text": "", "files": []} and props["sources"] == ["upload"]
    assert props["submit_btn"] is True and props["stop_btn"] is False and props["max_lines"] == 20


def test_browser_state() -> None:
    state = gr.BrowserState(["a"], storage_key="k", secret="s", render=False)
    assert state.get_props() == {
        "default_value": ["a"],
        "storage_key": "k",
        "secret": "s",
        "name": "browserstate",
        "_selectable": False,
    }
    assert state.preprocess(None) == ["a"] and state.preprocess([1]) == [1]
    assert len(gr.BrowserState(render=False).storage_key) == 16


# -- ChatInterface helpers -----------------------------------------------------------------------------


def make(**kwargs: Any) -> ChatInterface:
    return gr.ChatInterface(lambda m, h: m, **kwargs)


def test_retry_and_undo_put_back_the_message_as_the_textbox_holds_it() -> None:
    history = [text("user", "a"), text("assistant", "b"), text("user", "c"), text("assistant", "d")]
    assert make()._pop_last_user_message(history) == (history[:2], "c")
    with_file = [
        {"role": "user", "content": [{"type": "file", "file": {"path": "/x.png"}}, {"type": "text", "text": "hi"}]}
    ]
    assert make(multimodal=True)._pop_last_user_message(with_file) == (
        [],
        {"text": "hi", "files": [{"path": "/x.png"}]},
    )


def test_an_option_click_becomes_the_next_user_message() -> None:
    history = [text("user", "a"), text("assistant", "b")]
    grown, value = make().option_clicked(history, SelectData(None, {"index": 0, "value": "Yes"}))
    assert (grown, value) == ([*history, {"role": "user", "content": "Yes"}], "Yes")
    assert len(history) == 2


def test_conversations_are_saved_only_with_save_history() -> None:
    saved = [[text("user", "old")]]
    assert make()._save_conversation(None, [text("user", "a")], saved) == (None, saved)
    assert make(save_history=True)._save_conversation(None, [text("user", "a")], saved) == (
        0,
        [[text("user", "a")], [text("user", "old")]],
    )


def test_examples_in_the_chatbot_fill_the_textbox_when_they_do_not_run() -> None:
    chat = make(examples=["hi"], run_examples_on_click=False)
    assert chat.example_populated(SelectData(None, {"index": 0, "value": {"text": "hi"}})) == "hi"
    multimodal = make(multimodal=True, examples=[{"text": "hi", "files": ["/a.png"]}], run_examples_on_click=False)
    value = {"text": "hi", "files": [{"path": "/a.png"}]}
    assert multimodal.example_populated(SelectData(None, {"index": 0, "value": value})) == {
        "text": "hi",
        "files": ["/a.png"],
    }


def test_endpoint_names_and_visibility() -> None:
    def respond(message: str, history: list) -> str:
        return message

    names = {d["api_name"]: d["api_visibility"] for d in gr.ChatInterface(respond).config["dependencies"]}
    assert names["respond"] == "public" and names["_submit_fn"] == "undocumented"
    assert sum(v == "public" for v in names.values()) == 1
    lam = {d["api_name"] for d in make().config["dependencies"] if d["api_visibility"] == "public"}
    assert lam == {"lambda_2"}  # as on Gradio 6.31: two of its own steps are lambdas before it
    named = {d["api_name"] for d in make(api_name="chat").config["dependencies"] if d["api_visibility"] == "public"}
    assert named == {"chat"}


def test_configuration_errors() -> None:
    with pytest.raises(Exception, match="list"):
        gr.ChatInterface(lambda m, h, x: m, additional_inputs=[gr.Textbox()], examples=["plain"])
    with pytest.raises(Exception, match="flagging_mode"):
        make(flagging_mode="auto")


def test_cached_example_reply_is_shown_when_clicked() -> None:
    calls: list[str] = []

    def reply(message: str, history: list) -> str:
        calls.append(message)
        return message.upper()

    chat = gr.ChatInterface(reply, examples=["hello", "bye"], cache_examples=True)
    assert chat.examples_handler is not None
    chat.examples_handler.cache_all()
    assert calls == ["hello", "bye"]
    steps = list(chat.example_clicked(SelectData(None, {"index": 1, "value": {"text": "bye"}})))
    assert steps[0] == ([{"role": "user", "content": "bye"}], "bye")
    assert steps[1][0] == [{"role": "user", "content": "bye"}, {"role": "assistant", "content": "BYE"}]
    assert calls == ["hello", "bye"]  # served from the cache


def test_chatbot_value_shows_only_what_other_listeners_write() -> None:
    """Regression: the flaky test_retry_undo_and_edit (after Undo, the retried reply came back).

    Synchronize writes ``chatbot_value``; copying that change back into the chatbot is a queued
    round trip that could end after an Undo and restore the conversation the Undo removed."""
    chat = make()
    echo = next(d for d in chat.dependencies if d.targets == [(chat.chatbot_value._id, "change")])
    then = next(d for d in chat.dependencies if d.trigger_after == echo.id)
    synchronize = next(d for d in chat.dependencies if d.targets == [(chat.chatbot._id, "clear")])
    conversation = [text("user", "first"), text("assistant", "reply 2")]
    state, value, synced = synchronize.fn(conversation)
    skipped = {"__type__": "update"}
    assert echo.fn(value, synced) == skipped
    assert then.fn([], value, synced) == (skipped, skipped, skipped)
    outside = [text("assistant", "loaded")]
    assert echo.fn(outside, synced) == outside
    assert then.fn(outside, outside, synced) == (outside, outside, outside)
