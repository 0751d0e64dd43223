"""Gradio's names import from Gradio's own module paths when ``gradio`` is Trellis.

Apps write ``from gradio.events import SelectData``, ``from gradio.components.textbox import Textbox``
or ``from gradio.layouts import Row``. For every name of Gradio 6.31's recorded surface, importing it
from the module Gradio defines it in gives Trellis's object (except the later issues' names); a path
Gradio does not have is still an import error. Run in a fresh interpreter, with ``gradio`` aliased as
``trellis run`` does.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_surface import LATER, SURFACE

SCRIPT = r"""
import importlib, json, sys
import trellis, trellis._aliases
trellis._aliases.alias_gradio()
names, later = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
wrong = []
for name, module in names.items():
    if name in later:
        continue
    try:
        value = getattr(importlib.import_module(module), name)
    except Exception as exc:
        wrong.append(f"{module}.{name}: {type(exc).__name__}: {exc}")
        continue
    if value is not getattr(trellis, name):
        wrong.append(f"{module}.{name} is not gr.{name}")
try:
    importlib.import_module("gradio.no_such_module")
    wrong.append("gradio.no_such_module imported")
except ModuleNotFoundError:
    pass
try:
    from gradio.events import NoSuchName  # noqa: F401
    wrong.append("gradio.events.NoSuchName imported")
except ImportError:
    pass
print(json.dumps(wrong))
"""


def test_every_name_imports_from_its_gradio_module() -> None:
    surface = json.loads(SURFACE.read_text())
    names = {name: info["module"] for name, info in surface["names"].items() if info.get("module")}
    assert len(names) > 100
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(names), json.dumps(sorted(LATER))],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(out.stdout) == []


@pytest.mark.parametrize(
    "statement",
    [
        "from gradio.layouts import Row, Column, Tab, Accordion",
        "from gradio.layouts.row import Row",
        "from gradio.events import SelectData, EventData, Dependency",
        "from gradio.components.base import Component",
        "from gradio.themes.base import Base, Theme",
        "from gradio.themes.utils import colors, fonts, sizes",
        "from gradio.route_utils import Request",
        "from gradio.helpers import Progress",
        "import gradio.flagging; gradio.flagging.CSVLogger",
    ],
)
def test_common_imports_of_apps(statement: str) -> None:
    code = f"import trellis, trellis._aliases; trellis._aliases.alias_gradio(); {statement}"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
