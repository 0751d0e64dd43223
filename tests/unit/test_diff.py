"""Streaming diffs (PROTOCOL.md section 4.5): the server's edit lists and how clients apply them."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from gradio_client.utils import apply_diff as client_apply_diff

from trellis.processing.diff import apply, diff

HISTORY = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "He"}]

# (old, new, edits) exactly as PROTOCOL.md 4.5 lists them.
PROTOCOL_EXAMPLES = [
    pytest.param("tok0 ", "tok0 tok1 ", [["append", [], "tok1 "]], id="growing-string"),
    pytest.param(
        HISTORY,
        [HISTORY[0], {"role": "assistant", "content": "Hello"}],
        [["append", [1, "content"], "llo"]],
        id="chat-message-grows",
    ),
    pytest.param(
        HISTORY,
        [*HISTORY, {"role": "assistant", "content": "x"}],
        [["add", [2], {"role": "assistant", "content": "x"}]],
        id="chat-message-added",
    ),
    pytest.param([1, 2, 3], [1], [["delete", [1], None], ["delete", [1], None]], id="list-shrinks"),
    pytest.param({"a": 1, "b": 2}, {"a": 1, "c": 3}, [["delete", ["b"], None], ["add", ["c"], 3]], id="dict-keys"),
    pytest.param("abc", "xyz", [["replace", [], "xyz"]], id="string-replaced"),
    pytest.param(None, "x", [["replace", [], "x"]], id="none-to-string"),
]


@pytest.mark.parametrize(("old", "new", "edits"), PROTOCOL_EXAMPLES)
def test_diff_matches_the_protocol_examples(old: Any, new: Any, edits: list[Any]) -> None:
    assert diff(old, new) == edits


@pytest.mark.parametrize(("old", "new", "edits"), PROTOCOL_EXAMPLES)
def test_apply_of_protocol_edits_gives_the_new_value(old: Any, new: Any, edits: list[Any]) -> None:
    assert apply(copy.deepcopy(old), edits) == new


@pytest.mark.parametrize("value", ["same", [1, {"a": [2]}], {"k": None}, 3, None])
def test_unchanged_value_gives_no_edits(value: Any) -> None:
    assert diff(value, copy.deepcopy(value)) == []


def test_type_change_is_a_replace_even_when_values_compare_equal() -> None:
    assert diff(1, True) == [["replace", [], True]]


def test_number_change_is_a_replace() -> None:
    assert diff({"n": 1}, {"n": 2}) == [["replace", ["n"], 2]]


def test_list_growth_adds_each_new_item() -> None:
    assert diff([1], [1, 2, 3]) == [["add", [1], 2], ["add", [2], 3]]


def test_apply_refuses_an_unknown_operation() -> None:
    with pytest.raises(ValueError) as info:
        apply({"a": 1}, [["move", ["a"], 2]])
    assert str(info.value) == "Unknown edit 'move'"


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    kinds = ["str", "int", "none", "bool", "float"] + (["list", "dict"] if depth < 3 else [])
    kind = rng.choice(kinds)
    if kind == "str":
        return "".join(rng.choice("abc ") for _ in range(rng.randint(0, 5)))
    if kind == "int":
        return rng.randint(-3, 3)
    if kind == "float":
        return rng.choice([0.5, 1.0, -2.25])
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "none":
        return None
    if kind == "list":
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice("wxyz"): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def _mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """A value near ``value``: strings grow, items are added or dropped, leaves change."""
    roll = rng.random()
    if isinstance(value, str) and roll < 0.6:
        return value + "".join(rng.choice("xyz") for _ in range(rng.randint(1, 3)))
    if isinstance(value, list) and roll < 0.8:
        out = [_mutate(rng, item, depth + 1) if rng.random() < 0.3 else copy.deepcopy(item) for item in value]
        if out and rng.random() < 0.3:
            del out[rng.randrange(len(out))]
        if rng.random() < 0.4:
            out.append(_random_value(rng, depth + 1))
        return out
    if isinstance(value, dict) and roll < 0.8:
        out = {k: (_mutate(rng, v, depth + 1) if rng.random() < 0.3 else copy.deepcopy(v)) for k, v in value.items()}
        if out and rng.random() < 0.3:
            del out[rng.choice(list(out))]
        if rng.random() < 0.4:
            out[rng.choice("uvwxyz")] = _random_value(rng, depth + 1)
        return out
    if roll < 0.9:
        return copy.deepcopy(value)
    return _random_value(rng, depth)


def _random_pairs(count: int) -> list[tuple[Any, Any]]:
    rng = random.Random(20240601)
    pairs = []
    for _ in range(count):
        old = _random_value(rng)
        pairs.append((old, _mutate(rng, old)))
    return pairs


def test_random_round_trip_through_our_apply() -> None:
    failures = [(old, new) for old, new in _random_pairs(500) if apply(copy.deepcopy(old), diff(old, new)) != new]
    assert failures == []


def test_random_round_trip_through_the_python_clients_apply() -> None:
    failures = [(old, new) for old, new in _random_pairs(500) if client_apply_diff(old, diff(old, new)) != new]
    assert failures == []


def test_random_round_trip_keeps_types() -> None:
    def typed(value: Any) -> Any:
        if isinstance(value, list):
            return [typed(v) for v in value]
        if isinstance(value, dict):
            return {k: typed(v) for k, v in value.items()}
        return (type(value).__name__, value)

    failures = [
        (old, new) for old, new in _random_pairs(500) if typed(client_apply_diff(old, diff(old, new))) != typed(new)
    ]
    assert failures == []


def test_diff_does_not_modify_its_inputs() -> None:
    pairs = _random_pairs(500)
    before = copy.deepcopy(pairs)
    for old, new in pairs:
        diff(old, new)
    assert pairs == before
