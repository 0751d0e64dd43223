"""ChatInterface's history transforms (trellis/blocks/chat_interface/history.py): pure functions on message lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import trellis as gr
from trellis.blocks.chat_interface.history import (
    add_option,
    append_message,
    edit_message,
    message_as_dicts,
    parts,
    pop_last_user_message,
    serialise,
)
from trellis.blocks.events import EditData


def text(role: str, value: str) -> dict[str, Any]:
    return {"role": role, "metadata": None, "content": [{"text": value, "type": "text"}], "options": None}


def file(role: str, path: str) -> dict[str, Any]:
    return {"role": role, "metadata": None, "content": [{"file": {"path": path}, "type": "file"}], "options": None}


# -- message_as_dicts / append_message ------------------------------------------------------------------


def test_a_string_becomes_one_entry() -> None:
    assert message_as_dicts("hi", "user") == [{"role": "user", "content": "hi"}]


def test_none_makes_no_entry() -> None:
    assert message_as_dicts(None, "assistant") == []
    assert message_as_dicts([None, "x", None], "assistant") == [{"role": "assistant", "content": "x"}]


def test_a_list_makes_one_entry_per_item() -> None:
    reply = ["one", {"role": "user", "content": "two", "metadata": {"title": "t"}}]
    assert message_as_dicts(reply, "assistant") == [
        {"role": "assistant", "content": "one"},
        {"role": "assistant", "content": "two", "metadata": {"title": "t"}},
    ]


def test_a_chat_message_keeps_its_fields_and_takes_the_role() -> None:
    message = gr.ChatMessage("x", role="user", metadata={"title": "Thinking"}, options=[{"value": "a"}])
    assert message_as_dicts(message, "assistant") == [
        {"role": "assistant", "content": "x", "metadata": {"title": "Thinking"}, "options": [{"value": "a"}]}
    ]
    assert message.role == "user"  # the caller's object is left as it was


def test_a_multimodal_message_lists_its_files_then_its_text() -> None:
    message = {"text": "look", "files": ["/a.png", {"path": "/b.png"}, Path("/c.png")]}
    assert message_as_dicts(message, "user") == [
        {"role": "user", "content": [{"path": "/a.png"}, {"path": "/b.png"}, {"path": "/c.png"}, "look"]}
    ]
    assert message_as_dicts({"text": "", "files": []}, "user") == [{"role": "user", "content": []}]


def test_a_component_is_kept_as_the_content() -> None:
    image = gr.Image(render=False)
    assert message_as_dicts(image, "assistant") == [{"role": "assistant", "content": image}]


def test_append_message_returns_a_new_list() -> None:
    history = [text("user", "a")]
    assert append_message("b", history, "assistant") == [text("user", "a"), {"role": "assistant", "content": "b"}]
    assert history == [text("user", "a")]
    assert append_message("a", None) == [{"role": "user", "content": "a"}]


# -- parts ------------------------------------------------------------------------------------------------


def test_parts_reads_strings_paths_and_typed_parts() -> None:
    message = {"role": "user", "content": ["hi", {"path": "/a.png"}, {"type": "text", "text": "yo"}, 3]}
    assert parts(message) == [
        {"type": "text", "text": "hi"},
        {"type": "file", "file": {"path": "/a.png"}},
        {"type": "text", "text": "yo"},
    ]
    assert parts({"role": "user", "content": "plain"}) == [{"type": "text", "text": "plain"}]


# -- retry and undo ---------------------------------------------------------------------------------------


def test_pop_drops_the_last_turn_and_returns_its_text() -> None:
    history = [text("user", "a"), text("assistant", "b"), text("user", "c"), text("assistant", "d")]
    assert pop_last_user_message(history, multimodal=False) == (history[:2], "c")


def test_pop_joins_consecutive_user_messages() -> None:
    history = [text("user", "a"), text("assistant", "b"), text("user", "c"), text("user", "d"), text("assistant", "e")]
    assert pop_last_user_message(history, multimodal=False) == (history[:2], "cd")


def test_pop_of_a_multimodal_turn_returns_text_and_files() -> None:
    history = [file("user", "/x.png"), text("user", "hi"), text("assistant", "nice")]
    assert pop_last_user_message(history, multimodal=True) == ([], {"text": "hi", "files": [{"path": "/x.png"}]})


def test_pop_of_an_empty_history() -> None:
    assert pop_last_user_message([], multimodal=False) == ([], "")
    assert pop_last_user_message(None, multimodal=True) == ([], {"text": "", "files": []})


def test_pop_leaves_its_argument_alone() -> None:
    history = [text("user", "a"), text("assistant", "b")]
    pop_last_user_message(history, multimodal=False)
    assert history == [text("user", "a"), text("assistant", "b")]


# -- edit and options --------------------------------------------------------------------------------------


def test_edit_cuts_the_history_at_the_edited_message() -> None:
    history = [text("user", "a"), text("assistant", "b"), text("user", "c")]
    edit = EditData(None, {"index": 2, "value": "new", "previous_value": "c"})
    assert edit_message(history, edit) == (history[:2], history[:2], "new")


def test_edit_of_a_part_uses_the_message_index() -> None:
    history = [text("user", "a"), text("assistant", "b")]
    edit = EditData(None, {"index": [0, 1], "value": "z", "previous_value": "a"})
    assert edit_message(history, edit) == ([], [], "z")


def test_an_option_becomes_the_next_user_message() -> None:
    history = [text("user", "a"), text("assistant", "b")]
    assert add_option(history, "Yes") == ([*history, {"role": "user", "content": "Yes"}], "Yes")
    assert len(history) == 2


# -- serialise ----------------------------------------------------------------------------------------------


def test_serialise_replaces_components_by_their_values_and_drops_instances() -> None:
    conversation = [
        {"role": "assistant", "content": gr.Textbox("shown", render=False)},
        {"role": "assistant", "content": [{"type": "component", "value": 1, "instance": gr.Number(1, render=False)}]},
    ]
    assert serialise(conversation) == [
        {"role": "assistant", "content": "shown"},
        {"role": "assistant", "content": [{"type": "component", "value": 1}]},
    ]


#: The API names of a plain ChatInterface's 31 listeners on Gradio 6.31 (``get_config_file()``), in order.
GRADIO_CHAT_API_NAMES = [
    "_clear_and_save_textbox", "_append_message_to_history", "_submit_fn", "lambda", "lambda_1",
    "_save_conversation", "lambda_2", "_pop_last_user_message", "_append_message_to_history_1", "lambda_3",
    "_submit_fn_1", "lambda_4", "lambda_5", "_save_conversation_1", "lambda_6", "lambda_7", "lambda_8",
    "lambda_9", "unnamed", "unnamed_1", "_pop_last_user_message_1", "lambda_10", "_save_conversation_2",
    "option_clicked", "_submit_fn_2", "lambda_11", "_save_conversation_3", "lambda_12", "_delete_conversation",
    "lambda_13", "lambda_14",
]  # fmt: skip


def test_chat_interface_listeners_have_gradios_api_names() -> None:
    demo = gr.ChatInterface(lambda message, history: message)
    assert [d["api_name"] for d in demo.get_config_file()["dependencies"]] == GRADIO_CHAT_API_NAMES
