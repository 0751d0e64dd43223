"""Python and the frontend share one list of component types, and cannot drift apart."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

import trellis as gr
from trellis.components import registry

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend" / "src"


def test_generated_types_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_frontend_types.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_registered_type_has_a_component_folder() -> None:
    missing = [name for name in registry.all_types() if not (FRONTEND / "components" / name / "Index.svelte").exists()]
    assert missing == []


def test_frontend_registry_lists_exactly_the_python_types() -> None:
    source = (FRONTEND / "components" / "registry.ts").read_text()
    body = source.split("export const registry = {", 1)[1].split("} satisfies", 1)[0]
    keys = re.findall(r"^\t([a-z0-9_]+):", body, flags=re.M)
    assert sorted(keys) == sorted(registry.all_types())


def test_generated_union_lists_exactly_the_python_types() -> None:
    source = (FRONTEND / "generated" / "components.ts").read_text()
    union = source.split("export const COMPONENT_TYPES = [", 1)[1].split("]", 1)[0]
    assert re.findall(r'"([a-z0-9_]+)"', union) == list(registry.all_types())


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_frontend_types", ROOT / "scripts" / "gen_frontend_types.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rich_instances() -> list[Any]:
    """Instances whose props the constructor normalises (lists from strings, pairs from choices...)."""
    return [
        gr.Textbox("x", elem_classes="a", show_copy_button=True, preserved_by_key="label", render=False),
        gr.Dropdown(["a", ("B", "b"), 3], multiselect=True, render=False),
        gr.Radio([("One", 1), ("Two", 2)], render=False),
        gr.CheckboxGroup(["a", "b"], value=["a"], render=False),
        gr.Image(sources="upload", webcam_options={"mirror": False}, render=False),
        gr.Audio(sources=["microphone"], waveform_options={"waveform_color": "red"}, render=False),
        gr.Video(sources=["webcam"], render=False),
        gr.Chatbot(avatar_images=("a.png", None), render=False),
        gr.Dataset(components=[gr.Textbox(render=False)], samples=[["x"]], render=False),
        gr.Model3D(clear_color=(0.1, 0.2, 0.3, 1.0), render=False),
        gr.Slider(0, 10, step=2, render=False),
        gr.Markdown("# hi", latex_delimiters=[{"left": "$", "right": "$", "display": False}], render=False),
    ]


@pytest.mark.parametrize(
    "component",
    [pytest.param(cls, id=name) for name, cls in registry.all_types().items()]
    + [pytest.param(c, id=f"{c.block_type}-rich") for c in _rich_instances()],
)
def test_the_props_a_component_sends_fit_its_generated_interface(component: Any) -> None:
    """A component's config props, as JSON, validate against the types its TS interface is written from."""
    cls = component if isinstance(component, type) else type(component)
    instance = cls(render=False) if isinstance(component, type) else component
    props = json.loads(json.dumps(instance.get_props(), default=str))
    hints = _generator().sent_hints(cls)
    assert set(props) - set(hints) <= {"name", "_selectable", "value"}
    wrong = {}
    for name, (prop, hint) in hints.items():
        if name not in props:
            ts = _generator().ts_type(hint).split(" | ")
            assert {"null", "unknown"} & set(ts), f"{name} is left out but its type is not optional"
            continue
        try:
            TypeAdapter(hint).validate_json(json.dumps(props[name]), strict=True)
        except ValidationError as exc:
            wrong[name] = (props[name], str(exc).splitlines()[0])
    assert wrong == {}
