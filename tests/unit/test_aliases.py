"""``import gradio`` as an alias of Trellis: submodules resolve to the same module objects (in a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any


def _run(code: str) -> Any:
    """Run ``code`` in a fresh interpreter and return the JSON it prints last."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


ALIASED = """
import json, sys
import trellis
from trellis import _aliases
_aliases.alias_gradio()
"""


def test_alias_makes_gradio_the_trellis_package() -> None:
    code = (
        ALIASED
        + """
import gradio
print(json.dumps(gradio is trellis))
"""
    )
    assert _run(code) is True


def test_gradio_themes_is_trellis_themes() -> None:
    code = (
        ALIASED
        + """
import gradio.themes
import trellis.themes
print(json.dumps([gradio.themes is trellis.themes, sys.modules["gradio.themes"] is trellis.themes]))
"""
    )
    assert _run(code) == [True, True]


def test_gradio_components_is_trellis_components() -> None:
    code = (
        ALIASED
        + """
import gradio.components
import trellis.components
from gradio.components import Textbox
print(json.dumps([gradio.components is trellis.components, Textbox is trellis.Textbox]))
"""
    )
    assert _run(code) == [True, True]


def test_submodule_not_imported_before_aliasing_is_shared_too() -> None:
    code = (
        ALIASED
        + """
loaded_before = "trellis.data_classes" in sys.modules
import gradio.data_classes
import trellis.data_classes
print(json.dumps([loaded_before, gradio.data_classes is trellis.data_classes]))
"""
    )
    assert _run(code) == [False, True]


def test_nested_submodules_resolve_to_the_same_objects() -> None:
    code = (
        ALIASED
        + """
import gradio.blocks.events
import trellis.blocks.events
print(json.dumps(gradio.blocks.events.EventData is trellis.blocks.events.EventData))
"""
    )
    assert _run(code) is True


def test_unknown_gradio_submodule_still_fails_to_import() -> None:
    code = (
        ALIASED
        + """
try:
    import gradio.no_such_module
    print(json.dumps("imported"))
except ImportError as exc:
    print(json.dumps(type(exc).__name__))
"""
    )
    assert _run(code) == "ModuleNotFoundError"


def test_importing_trellis_does_not_register_it_as_gradio() -> None:
    code = """
import json, sys
import trellis
print(json.dumps("gradio" in sys.modules))
"""
    assert _run(code) is False
