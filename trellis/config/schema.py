"""JSON Schema → the Python type string shown by ``view_api`` (PROTOCOL.md section 3.3)."""

from __future__ import annotations

from typing import Any


def _is_file_schema(schema: dict[str, Any], defs: dict[str, Any]) -> bool:
    props = schema.get("properties", {})
    if "path" not in props or "meta" not in props:
        return False
    meta = props["meta"]
    if "$ref" in meta:
        meta = defs.get(meta["$ref"].split("/")[-1], {})
    type_prop = meta.get("properties", {}).get("_type", {}) if isinstance(meta, dict) else {}
    return type_prop.get("const") == "gradio.FileData" or meta.get("default", {}).get("_type") == "gradio.FileData"


def _kind(schema: dict[str, Any]) -> Any:
    for key in ("const", "enum"):
        if key in schema:
            return key
    if "type" in schema:
        return schema["type"]
    for key in ("$ref", "oneOf", "anyOf", "allOf"):
        if schema.get(key):
            return key
    return {}


def _convert(schema: Any, defs: dict[str, Any]) -> str:
    if schema == {}:
        return "Any"
    if isinstance(schema, dict) and "$defs" in schema:
        defs = {**defs, **schema["$defs"]}
    kind = _kind(schema)
    if kind == {}:
        return "str | float | bool | list | dict" if "json" in str(schema.get("description", "")) else "Any"
    if kind == "$ref":
        return _convert(defs[schema["$ref"].split("/")[-1]], defs)
    simple = {"null": "None", "integer": "int", "string": "str", "boolean": "bool", "number": "float"}
    if isinstance(kind, str) and kind in simple:
        return simple[kind]
    if kind == "const":
        return f"Literal[{schema['const']}]"
    if kind == "enum":
        return "Literal[" + ", ".join(f"'{v}'" for v in schema["enum"]) + "]"
    if kind == "array":
        items = schema.get("items", [])
        prefix = (items.get("prefixItems") if isinstance(items, dict) else None) or schema.get("prefixItems")
        if prefix:
            return "tuple[" + ", ".join(_convert(i, defs) for i in prefix) + "]"
        return f"list[{_convert(items, defs)}]"
    if kind == "object":
        if _is_file_schema(schema, defs):
            return "filepath"
        parts = []
        for name, sub in schema.get("properties", {}).items():
            if name == "$defs":
                continue
            desc = f" ({sub.get('description')})" if isinstance(sub, dict) and sub.get("description") else ""
            parts.append(f"{name}: {_convert(sub, defs)}{desc}")
        if "additionalProperties" in schema:
            extra = schema["additionalProperties"]
            parts.append("str, Any" if extra is True else f"str, {_convert(extra, defs)}")
        return f"dict({', '.join(parts)})"
    if kind in ("oneOf", "anyOf"):
        return " | ".join(_convert(s, defs) for s in schema[kind])
    if kind == "allOf":
        return "All[" + ", ".join(_convert(s, defs) for s in schema[kind]) + "]"
    return "Any"


def json_schema_to_python_type(schema: dict[str, Any]) -> str:
    """The type string a client shows for a component payload schema."""
    return _convert(schema, schema.get("$defs", {}) if isinstance(schema, dict) else {})
