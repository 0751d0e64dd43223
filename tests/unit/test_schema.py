"""JSON Schema → python_type strings (PROTOCOL.md section 3.3), checked against the Python client's own rules."""

from __future__ import annotations

from typing import Any

import pytest
from gradio_client.utils import json_schema_to_python_type as client_python_type

import trellis as gr
from trellis.components import registry
from trellis.config.schema import json_schema_to_python_type

RULES = [
    pytest.param({}, "Any", id="empty"),
    pytest.param({"description": "any valid json"}, "str | float | bool | list | dict", id="json-description"),
    pytest.param({"type": {}, "description": "any valid json"}, "str | float | bool | list | dict", id="json-type"),
    pytest.param({"type": "string"}, "str", id="string"),
    pytest.param({"type": "integer"}, "int", id="integer"),
    pytest.param({"type": "number"}, "float", id="number"),
    pytest.param({"type": "boolean"}, "bool", id="boolean"),
    pytest.param({"type": "null"}, "None", id="null"),
    pytest.param({"const": "x"}, "Literal[x]", id="const"),
    pytest.param({"enum": ["a", "b"]}, "Literal['a', 'b']", id="enum"),
    pytest.param({"type": "array", "items": {"type": "string"}}, "list[str]", id="array"),
    pytest.param(
        {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}, "tuple[str, int]", id="prefixItems"
    ),
    pytest.param({"anyOf": [{"type": "string"}, {"type": "null"}]}, "str | None", id="anyOf"),
    pytest.param({"oneOf": [{"type": "string"}, {"type": "integer"}]}, "str | int", id="oneOf"),
    pytest.param({"allOf": [{"type": "string"}, {"type": "integer"}]}, "All[str, int]", id="allOf"),
    pytest.param({"$defs": {"A": {"type": "integer"}}, "$ref": "#/$defs/A"}, "int", id="ref"),
    pytest.param(
        {"type": "object", "properties": {"a": {"type": "string", "description": "the a"}, "b": {"type": "integer"}}},
        "dict(a: str (the a), b: int)",
        id="object",
    ),
    pytest.param(
        {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "number"}},
        "dict(a: str, str, float)",
        id="additionalProperties",
    ),
    pytest.param({"type": "object", "additionalProperties": True}, "dict(str, Any)", id="additionalProperties-true"),
    pytest.param(
        {
            "type": "object",
            "properties": {"path": {"type": "string"}, "meta": {"default": {"_type": "gradio.FileData"}}},
        },
        "filepath",
        id="filedata-by-default",
    ),
    pytest.param(gr.File(render=False).api_info(), "filepath", id="filedata"),
    pytest.param(gr.File(file_count="multiple", render=False).api_info(), "list[filepath]", id="filedata-list"),
]


@pytest.mark.parametrize(("schema", "expected"), RULES)
def test_python_type_follows_the_protocol_rules(schema: dict[str, Any], expected: str) -> None:
    assert json_schema_to_python_type(schema) == expected


@pytest.mark.parametrize(("schema", "expected"), RULES)
def test_python_type_agrees_with_the_python_client(schema: dict[str, Any], expected: str) -> None:
    assert json_schema_to_python_type(schema) == client_python_type(schema)


def _component_schemas() -> list[Any]:
    params = []
    for name, cls in registry.all_types().items():
        if cls.skip_api:
            continue
        kwargs: dict[str, Any] = {"choices": ["a", "b"]} if name in ("dropdown", "radio", "checkboxgroup") else {}
        params.append(pytest.param(cls(render=False, **kwargs).api_info(), id=name))
    return params


@pytest.mark.parametrize("schema", _component_schemas())
def test_every_component_schema_gets_the_python_clients_type(schema: dict[str, Any]) -> None:
    assert json_schema_to_python_type(schema) == client_python_type(schema)


def test_label_schema_type_string() -> None:
    assert json_schema_to_python_type(gr.Label(render=False).api_info()) == (
        "dict(label: str | int | float | None, "
        "confidences: list[dict(label: str | int | float | None, confidence: float | None)] | None)"
    )
