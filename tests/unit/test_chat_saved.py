"""Saved conversations (trellis/blocks/chat_interface/saved.py): titles, saving, deleting, listing, loading."""

from __future__ import annotations

from typing import Any

from trellis.blocks.chat_interface import chat_title
from trellis.blocks.chat_interface.saved import (
    delete_conversation,
    listed,
    load_chat_history,
    load_conversation,
    save_conversation,
)


def text(role: str, value: str) -> dict[str, Any]:
    return {"role": role, "metadata": None, "content": [{"text": value, "type": "text"}], "options": None}


def test_title_is_the_first_user_text() -> None:
    assert chat_title([text("assistant", "welcome"), text("user", "hello"), text("user", "again")]) == "hello"


def test_long_titles_are_cut_at_40_characters() -> None:
    assert chat_title([text("user", "x" * 50)]) == "x" * 40 + "..."


def test_files_before_the_text_show_as_clips() -> None:
    message = {"role": "user", "content": [{"type": "file", "file": {}}, {"type": "text", "text": "hi"}]}
    assert chat_title([message]) == "📎 hi"


def test_a_conversation_without_user_text_has_a_generic_title() -> None:
    assert chat_title([]) == "Conversation"


def test_a_new_conversation_is_saved_first() -> None:
    saved = [[text("user", "old")]]
    assert save_conversation(None, [text("user", "new")], saved) == (0, [[text("user", "new")], [text("user", "old")]])
    assert saved == [[text("user", "old")]]


def test_an_open_conversation_is_saved_in_its_slot() -> None:
    saved = [[text("user", "a")], [text("user", "b")]]
    assert save_conversation(1, [text("user", "b2")], saved) == (1, [[text("user", "a")], [text("user", "b2")]])


def test_a_conversation_is_stored_without_component_instances() -> None:
    part = {"type": "component", "value": 2, "instance": object()}
    index, saved = save_conversation(None, [{"role": "assistant", "content": [part]}], None)
    assert (index, saved) == (0, [[{"role": "assistant", "content": [{"type": "component", "value": 2}]}]])


def test_deleting_closes_the_conversation() -> None:
    saved = [[text("user", "a")], [text("user", "b")]]
    assert delete_conversation(0, saved) == (None, [[text("user", "b")]])
    assert delete_conversation(None, saved) == (None, saved)
    assert delete_conversation(5, None) == (None, [])


def test_the_list_leaves_empty_conversations_out() -> None:
    saved = [[text("user", "c")], [], [text("user", "a")]]
    assert listed(saved) == [0, 2]
    assert load_chat_history(saved, 2) == {"samples": [["c"], ["a"]], "value": 1, "__type__": "update"}
    assert load_chat_history(saved, 1) == {"samples": [["c"], ["a"]], "value": None, "__type__": "update"}
    assert load_chat_history(None) == {"samples": [], "value": None, "__type__": "update"}


def test_a_row_click_opens_the_conversation_it_lists() -> None:
    saved = [[text("user", "c")], [], [text("user", "a")]]
    index, bot = load_conversation(1, saved)
    assert index == 2
    assert bot.initial_value == saved[2]
