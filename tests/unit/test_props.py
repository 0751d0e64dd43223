"""Props declared once: written constructors, Gradio's parameter order, a docstring per prop."""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import Any

import pytest

import trellis as gr
from trellis.components import registry
from trellis.components.base import Block, Component, Labelled
from trellis.components.props import docstrings, prop
from trellis.exceptions import InvalidConfigError

SHARED = Path(os.environ.get("TRELLIS_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SURFACE = SHARED / "gradio_api" / "surface.json"


def _declared() -> list[type[Block]]:
    """Registered classes whose constructor is written from their props."""
    return [cls for cls in registry.all_types().values() if getattr(inspect.unwrap(cls.__init__), "from_props", False)]


def _gradio_classes() -> dict[str, list[dict[str, Any]]]:
    if not SURFACE.exists():
        pytest.skip(f"no recorded Gradio surface at {SURFACE}")
    names = json.loads(SURFACE.read_text())["names"]
    return {name: entry["init"] for name, entry in names.items() if entry.get("init")}


def _address_free(text: str) -> str:
    """Sentinel defaults (``<... object at 0x..>``) compare as one kind: their reprs differ by design.

    So do the package's own files (DeepLinkButton's link icon): each lies where its package is installed.
    """
    if text.startswith("<") and text.endswith(">"):
        return "<sentinel>"
    if text.startswith("'/") and "/icons/" in text:
        return "'<package>/icons/" + text.rsplit("/icons/", 1)[1]
    return text


def test_written_constructors_have_gradios_parameters_order_and_defaults() -> None:
    """Parameters Gradio also has come in Gradio's order, with its kinds and defaults."""
    differences: dict[str, Any] = {}
    for name, params in _gradio_classes().items():
        cls = getattr(gr, name, None)
        if not isinstance(cls, type) or not getattr(inspect.unwrap(cls.__init__), "from_props", False):
            continue
        ours = inspect.signature(cls.__init__).parameters
        theirs = [(p["name"], p["kind"], _address_free(p["default"])) for p in params if p["name"] in ours]
        mine = [
            (n, p.kind.name, _address_free(repr(p.default)))
            for n, p in ours.items()
            if n in dict.fromkeys(t[0] for t in theirs)
        ]
        if mine != theirs:
            differences[name] = [(a, b) for a, b in zip(mine, theirs) if a != b][:3] or (mine, theirs)
    assert differences == {}


def test_every_declared_prop_has_a_docstring() -> None:
    undocumented = {
        cls.__name__: sorted(set(cls._props) - set(docstrings(cls)))
        for cls in _declared()
        if set(cls._props) - set(docstrings(cls))
    }
    assert undocumented == {}


def test_a_written_constructor_assigns_normalises_and_renders() -> None:
    with gr.Blocks():
        box = gr.Textbox("hi", label="Name", elem_classes="wide", show_copy_button=True)
    assert (box.value, box.label, box.show_label, box.elem_classes, box.buttons) == (
        "hi",
        "Name",
        True,
        ["wide"],
        ["copy"],
    )
    assert box.parent is not None and box.is_rendered
    assert box._explicit == {"value": "hi", "label": "Name", "elem_classes": "wide", "show_copy_button": True}
    assert "show_copy_button" not in box.get_props()


def test_a_callable_value_becomes_a_load_function() -> None:
    def now() -> str:
        return "x"

    box = gr.Textbox(now, every=2, render=False)
    # As in Gradio, the function is called once at once: its answer is the value the config holds.
    assert (box.load_fn, box.value, box.is_rendered) == (now, "x", False)
    # every=seconds becomes the Timer that re-runs it, made with the component (as Gradio numbers it).
    assert isinstance(box.every, gr.Timer) and box.every.value == 2


def test_signature_must_list_each_prop_once() -> None:
    with pytest.raises(InvalidConfigError, match=r"missing \['colour'\]"):

        class Swatch(Component, Labelled, register=False):
            SIGNATURE = "value, *, label, show_label, every, inputs, visible, elem_id, elem_classes, render, key, preserved_by_key"
            colour: str = "red"
            """The swatch's colour."""


def test_props_and_defaults_of_a_subclass() -> None:
    class Swatch(Component, Labelled, register=False, defaults={"show_label": False}):
        SIGNATURE = "value, colour, *, label, show_label, every, inputs, visible, elem_id, elem_classes, render, key, preserved_by_key"
        colour: str = prop(default="red", kw_only=False)
        """The swatch's colour."""

    params = inspect.signature(Swatch.__init__).parameters
    assert [n for n, p in params.items() if p.kind is p.POSITIONAL_OR_KEYWORD] == ["self", "value", "colour"]
    assert params["show_label"].default is False
    swatch = Swatch(None, "blue", render=False)
    assert (swatch.colour, swatch.show_label) == ("blue", False)
    assert docstrings(Swatch)["colour"] == "The swatch's colour."


@pytest.mark.slow
def test_a_type_checker_sees_the_written_constructor(tmp_path: Path) -> None:
    """mypy reads the constructor from the declarations (dataclass_transform): typos and wrong types fail."""
    api = pytest.importorskip("mypy.api")
    app = tmp_path / "app.py"
    app.write_text(
        "import trellis as gr\n"
        'gr.Textbox("hi", lines=3, label="Name", render=False)\n'
        'gr.Textbox(lable="Name")\n'
        'gr.Slider(0, 10, lines="3")\n'
        'gr.Button("Go", variant="primary", size="sm", scale=1)\n'
    )
    out, _, status = api.run([str(app), "--no-incremental", "--cache-dir", str(tmp_path / "cache")])
    errors = sorted(line.split(": error: ")[1] for line in out.splitlines() if ": error: " in line)
    assert status == 1
    assert errors == [
        'Unexpected keyword argument "lable" for "Textbox"; did you mean "label"?  [call-arg]',
        'Unexpected keyword argument "lines" for "Slider"  [call-arg]',
    ]


def test_an_apps_own_component_takes_gradios_base_arguments() -> None:
    """``gr.components.Component`` is Gradio's base class: label, info, container... and every component is one."""

    class Stars(gr.components.Component, register=False):
        """An app's own component."""

    stars = Stars(3, label="Rating", info="out of five", container=False, render=False)
    assert {k: stars.get_props()[k] for k in ("label", "info", "container", "show_label")} == {
        "label": "Rating",
        "info": "out of five",
        "container": False,
        "show_label": False,  # as in Gradio: no label outside the card
    }
    assert isinstance(gr.Button(render=False), gr.Component) and issubclass(gr.Textbox, gr.components.Component)
    assert not isinstance(gr.Row(render=False), gr.Component)
    assert "label" not in inspect.signature(gr.Button).parameters
