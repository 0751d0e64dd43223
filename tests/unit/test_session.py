"""Per-session state: State copies, callable initial values, expiry and delete callbacks."""

from __future__ import annotations

import time
from typing import Any

import trellis as gr
from trellis.processing.session import Session, SessionStore


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
    first, second = Session("a"), Session("b")
    values = (first.get_state(state), first.get_state(state), second.get_state(state))
    assert (values, len(calls)) == (([1], [1], [2]), 2)


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


def test_store_evicts_the_least_recently_used_session_over_capacity() -> None:
    store = SessionStore({}, capacity=2)
    store.get("old")
    time.sleep(0.01)
    store.get("mid")
    time.sleep(0.01)
    store.get("new")
    assert (len(store), store.peek("old"), store.peek("new") is not None) == (2, None, True)


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
