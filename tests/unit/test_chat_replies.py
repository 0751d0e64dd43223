"""Calling the chat function and ChatInterface's examples (chat_interface/replies.py and examples.py)."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

import trellis as gr
from trellis.blocks.chat_interface.examples import (
    clicked_example,
    example_messages,
    example_pair,
    examples_use_additional_inputs,
)
from trellis.blocks.chat_interface.replies import ChatFunction, api_reply, run_to_end
from trellis.exceptions import InvalidConfigError

# -- the listener ---------------------------------------------------------------------------------------


def echo(message: str, history: list[Any], suffix: str = "") -> str:
    return f"{message}{suffix} after {len(history)}"


def test_the_listener_has_the_functions_signature_and_chosen_name() -> None:
    listener = ChatFunction(echo, 0, multimodal=False).listener("_submit_fn")
    assert listener.__name__ == "_submit_fn"
    assert list(inspect.signature(listener).parameters) == ["message", "history", "suffix"]
    assert ChatFunction(echo, 0, multimodal=False).listener(None).__name__ == "echo"


def test_a_reply_is_returned_with_the_new_history() -> None:
    listener = ChatFunction(echo, 0, multimodal=False).listener(None)
    history = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]
    assert listener("hi", history, "!") == (
        "hi! after 2",
        [*history, {"role": "user", "content": "hi"}, {"role": "assistant", "content": "hi! after 2"}],
    )


def test_a_generator_streams_the_growing_history() -> None:
    def words(message: str, history: list[Any]) -> Iterator[str]:
        yield "a"
        yield "a b"

    steps = list(ChatFunction(words, 0, multimodal=False).listener(None)("q", None))
    user = {"role": "user", "content": "q"}
    assert steps == [
        ("a", [user, {"role": "assistant", "content": "a"}]),
        ("a b", [user, {"role": "assistant", "content": "a b"}]),
    ]


def test_a_generator_without_replies_keeps_the_message_and_skips_the_outputs() -> None:
    def nothing(message: str, history: list[Any]) -> Iterator[str]:
        yield from ()

    steps = list(ChatFunction(nothing, 1, multimodal=False).listener(None)("q", []))
    assert steps == [(None, [{"role": "user", "content": "q"}], {"__type__": "update"})]


def test_additional_outputs_come_after_the_history() -> None:
    def with_output(message: str, history: list[Any]) -> tuple[str, int]:
        return "r", 7

    reply, history, extra = ChatFunction(with_output, 1, multimodal=False).listener(None)("q", [])
    assert (reply, extra) == ("r", 7)


def test_a_missing_additional_output_is_an_error_naming_the_shape() -> None:
    listener = ChatFunction(echo, 2, multimodal=False).listener(None)
    with pytest.raises(InvalidConfigError) as info:
        listener("q", [])
    assert str(info.value) == "With 2 additional_outputs, the chat function must return (reply, output, output)."


def test_an_async_generator_is_streamed_by_an_async_listener() -> None:
    async def words(message: str, history: list[Any]) -> AsyncIterator[str]:
        yield "x"

    listener = ChatFunction(words, 0, multimodal=False).listener(None)
    assert inspect.isasyncgenfunction(listener)


# -- API output ---------------------------------------------------------------------------------------------


def test_a_chat_message_reply_is_the_assistants_in_the_api() -> None:
    reply = gr.ChatMessage("hi", role="user", metadata={"title": "t"})
    assert api_reply(reply) == {"content": "hi", "role": "assistant", "metadata": {"title": "t"}, "options": []}
    assert api_reply([reply, "x"]) == [
        {"content": "hi", "role": "assistant", "metadata": {"title": "t"}, "options": []},
        "x",
    ]


def test_a_component_reply_is_an_update_dict() -> None:
    assert api_reply(gr.Textbox("v", render=False)) == {"value": "v", "__type__": "update"}


def test_run_to_end_returns_a_generators_last_item() -> None:
    def steps(x: int) -> Iterator[int]:
        yield from range(x)

    async def later(x: int) -> int:
        return x * 2

    assert (run_to_end(steps, 3), run_to_end(steps, 0), run_to_end(later, 4)) == (2, None, 8)


# -- examples -------------------------------------------------------------------------------------------------


def test_example_messages_for_the_chatbot() -> None:
    examples = ["hi", {"text": "look", "files": ["/a.png"]}, ["with input", 3]]
    assert example_messages(examples, ["Hi", "Look", "Input"], None) == [
        {"text": "hi", "display_text": "Hi"},
        {"text": "look", "files": ["/a.png"], "display_text": "Look"},
        {"text": "with input", "display_text": "Input"},
    ]


def test_examples_that_set_additional_inputs_go_in_a_table() -> None:
    extra = [gr.Textbox(render=False)]
    assert examples_use_additional_inputs([["a", None], ["b", "x"]], extra) is True
    assert examples_use_additional_inputs([["a", None]], extra) is False
    assert examples_use_additional_inputs(["a"], []) is False
    with pytest.raises(InvalidConfigError, match=r"\[message, \*input values\]"):
        examples_use_additional_inputs(["plain"], extra)


def test_example_pair_puts_files_before_text() -> None:
    assert example_pair("hi", "HI", multimodal=False) == [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "HI"},
    ]
    assert example_pair({"text": "look", "files": [{"path": "/a.png"}]}, "ok", multimodal=True) == [
        {"role": "user", "content": {"path": "/a.png"}},
        {"role": "user", "content": "look"},
        {"role": "assistant", "content": "ok"},
    ]


def test_a_clicked_example_is_sent_as_the_textbox_would_send_it() -> None:
    value = {"text": "hi", "files": [{"path": "/a.png"}, "/b.png"]}
    assert clicked_example(value, multimodal=False) == "hi"
    assert clicked_example(value, multimodal=True) == {"text": "hi", "files": ["/a.png", "/b.png"]}
    assert clicked_example(None, multimodal=True) == {"files": []}


def test_a_multimodal_example_without_files_gets_gradios_text_marker() -> None:
    # Gradio 6.31's ChatInterface(multimodal=True) gives a text-only example an icon whose mime_type is
    # "text" (its page draws it as "Aa"); one with files, or a text chat's example, gets none.
    messages = example_messages(["hi", {"text": "pic", "files": ["a.png"]}], None, None, multimodal=True)
    assert messages[0]["icon"] == {
        "path": "",
        "url": None,
        "orig_name": None,
        "mime_type": "text",
        "meta": {"_type": "gradio.FileData"},
    }
    assert "icon" not in messages[1]
    assert "icon" not in example_messages(["hi"], None, None)[0]
    assert example_messages(["hi"], None, ["i.png"], multimodal=True)[0]["icon"] == "i.png"
