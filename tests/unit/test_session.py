"""Per-session state: State copies, callable initial values, expiry and delete callbacks."""

from __future__ import annotations

import time
from typing import Any

import pytest

import trellis as gr
from trellis.processing.session import Session, SessionRefused, SessionStore, valid_session_hash


def test_each_session_gets_its_own_deep_copy_of_the_initial_value() -> None:
    state = gr.State({"items": [1]}, render=False)
    first, second = Session("a"), Session("b")
    first.get_state(state)["items"].append(2)
    assert (first.get_state(state), second.get_state(state), state.value) == (
        {"items": [1, 2]},
        {"items": [1]},
        {"items": [1]},
    )


def test_callable_initial_value_is_called_once_per_session() -> None:
    calls: list[int] = []

    def make() -> list[int]:
        calls.append(1)
        return [len(calls)]

    state = gr.State(make, render=False)
    assert len(calls) == 1  # as in Gradio, a callable value is called once when the component is made
    first, second = Session("a"), Session("b")
    values = (first.get_state(state), first.get_state(state), second.get_state(state))
    assert (values, len(calls)) == (([2], [2], [3]), 3)


def test_a_class_as_initial_value_is_kept_not_called() -> None:
    state = gr.State(dict, render=False)
    assert Session("a").get_state(state) is dict


def test_set_state_reports_whether_the_value_changed() -> None:
    state = gr.State(0, render=False)
    session = Session("a")
    assert [session.set_state(state, 1), session.set_state(state, 1), session.set_state(state, 2)] == [
        True,
        False,
        True,
    ]


def test_time_to_live_expires_a_value_and_calls_delete_callback() -> None:
    deleted: list[Any] = []
    state = gr.State(0, render=False, time_to_live=10, delete_callback=deleted.append)
    session = Session("a")
    session.set_state(state, 5)
    session.expire_values({state._id: state}, time.monotonic() + 11)
    assert (deleted, session.get_state(state)) == ([5], 0)


def test_value_younger_than_time_to_live_is_kept() -> None:
    deleted: list[Any] = []
    state = gr.State(0, render=False, time_to_live=10, delete_callback=deleted.append)
    session = Session("a")
    session.set_state(state, 5)
    session.expire_values({state._id: state}, time.monotonic() + 5)
    assert (deleted, session.get_state(state)) == ([], 5)


def test_value_without_time_to_live_never_expires_alone() -> None:
    state = gr.State(0, render=False)
    session = Session("a")
    session.set_state(state, 5)
    session.expire_values({state._id: state}, time.monotonic() + 10**6)
    assert session.get_state(state) == 5


def test_failing_delete_callback_does_not_stop_expiry() -> None:
    def explode(value: Any) -> None:
        raise RuntimeError("boom")

    state = gr.State(0, render=False, time_to_live=1, delete_callback=explode)
    session = Session("a")
    session.set_state(state, 5)
    session.expire_values({state._id: state}, time.monotonic() + 2)
    assert session.get_state(state) == 0


def test_store_returns_the_same_session_for_a_hash() -> None:
    store = SessionStore({})
    assert (store.get("a") is store.get("a"), store.get("a") is store.get("b"), len(store)) == (True, False, 2)


def test_store_cleanup_drops_idle_sessions_and_calls_delete_callbacks() -> None:
    deleted: list[Any] = []
    state = gr.State(0, render=False, delete_callback=deleted.append)
    store = SessionStore({state._id: state}, expire_after=0)
    store.get("a").set_state(state, "a-value")
    time.sleep(0.01)
    assert (store.cleanup(), len(store), store.peek("a"), deleted) == (1, 0, None, ["a-value"])


def test_store_cleanup_keeps_active_sessions() -> None:
    store = SessionStore({}, expire_after=3600)
    store.get("a")
    assert (store.cleanup(), len(store)) == (0, 1)


def test_a_full_store_drops_the_least_recently_used_idle_anonymous_session() -> None:
    store = SessionStore({}, capacity=2)
    store.open("old", client="a")
    store.open("mid", client="b")
    store.open("old", client="a")  # used again: "mid" is now the least recently used
    store.open("new", client="c")
    assert (len(store), store.peek("mid"), store.peek("old") is not None, store.peek("new") is not None) == (
        2,
        None,
        True,
        True,
    )


def test_a_full_store_never_drops_a_live_session_it_refuses_with_503() -> None:
    store = SessionStore({}, capacity=2)
    store.open("live-1", client="a")
    store.open("live-2", client="b")
    store.busy = lambda session_hash: True  # both have an open heartbeat or stream
    with pytest.raises(SessionRefused) as refused:
        store.open("newcomer", client="c")
    assert (refused.value.status, refused.value.retry_after, len(store)) == (503, 60, 2)


def test_a_full_store_never_drops_a_logged_in_users_session() -> None:
    store = SessionStore({}, capacity=1)
    store.open("alice-tab", owner="alice", client="1.2.3.4")
    with pytest.raises(SessionRefused) as refused:
        store.open("anonymous", client="5.6.7.8")
    assert (refused.value.status, store.peek("alice-tab") is not None) == (503, True)


def test_one_client_gets_only_its_share_of_the_store() -> None:
    store = SessionStore({}, capacity=100, per_client=3)
    store.busy = lambda session_hash: True  # every session has a live page or client
    for index in range(3):
        store.open(f"s{index}", client="10.0.0.1")
    with pytest.raises(SessionRefused) as refused:
        store.open("s3", client="10.0.0.1")
    other = store.open("t0", client="10.0.0.2")
    store.discard("s0")
    again = store.open("s3", client="10.0.0.1")
    assert (refused.value.status, other.hash, again.hash, len(store)) == (429, "t0", "s3", 4)


def test_a_client_at_its_share_replaces_its_own_oldest_idle_session() -> None:
    store = SessionStore({}, capacity=100, per_client=3)
    store.open("other", client="10.0.0.2")
    for index in range(3):
        store.open(f"s{index}", client="10.0.0.1")
    store.open("s0", client="10.0.0.1")  # used again: s1 is now the client's least recently used
    store.open("s3", client="10.0.0.1")
    kept = sorted(h for h in ("s0", "s1", "s2", "s3", "other") if store.peek(h) is not None)
    assert kept == ["other", "s0", "s2", "s3"]


def test_a_session_belongs_to_the_user_who_opened_it() -> None:
    store = SessionStore({})
    store.open("h", owner="alice")
    with pytest.raises(SessionRefused) as refused:
        store.open("h", owner="mallory")
    with pytest.raises(SessionRefused):
        store.open("h")  # nor to an anonymous caller
    assert (refused.value.status, store.open("h", owner="alice").owner) == (403, "alice")


def test_cleanup_keeps_a_live_session_however_long_it_is_idle() -> None:
    store = SessionStore({}, expire_after=0)
    store.open("live")
    store.open("gone")
    store.busy = lambda session_hash: session_hash == "live"
    time.sleep(0.01)
    assert (store.cleanup(), store.peek("live") is not None, store.peek("gone")) == (1, True, None)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("0c6820c0-185b-41a5-a099-7c0507bfd302", True),
        ("svfm3jbwrk", True),
        ("a_b", True),
        ("x" * 128, True),
        ("x" * 129, False),
        ("", False),
        ("../etc", False),
        ("a/b", False),
        ("tab\there", False),
        ("nul\x00", False),
        (None, False),
        (12, False),
    ],
)
def test_session_hashes_are_bounded_in_length_and_charset(value: object, ok: bool) -> None:
    assert valid_session_hash(value) is ok


def test_update_of_choices_gives_the_session_its_own_component() -> None:
    dropdown = gr.Dropdown(["a", "b"], render=False)
    session, other = Session("a"), Session("b")
    session.apply_update(dropdown, {"choices": ["x", "y"]})
    assert (session.component(dropdown).preprocess("x"), other.component(dropdown) is dropdown) == ("x", True)


def test_update_of_display_props_keeps_the_shared_component() -> None:
    dropdown = gr.Dropdown(["a", "b"], render=False)
    session = Session("a")
    session.apply_update(dropdown, {"visible": False, "label": "New"})
    assert session.component(dropdown) is dropdown


def test_session_copy_keeps_the_components_id() -> None:
    slider = gr.Slider(0, 10, render=False)
    session = Session("a")
    session.apply_update(slider, {"maximum": 100})
    assert (session.component(slider)._id, session.component(slider).preprocess(50)) == (slider._id, 50)
