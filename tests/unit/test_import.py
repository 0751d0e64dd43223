"""``import trellis`` stays light, and its public names are sorted and all resolve (in a subprocess)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from typing import Any

import pytest

import trellis

HEAVY = ["fastapi", "starlette", "uvicorn", "pydantic", "numpy", "PIL", "pandas", "anyio"]


def _run(code: str) -> Any:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_import_loads_no_heavy_dependency() -> None:
    code = f"""
import json, sys
import trellis
print(json.dumps(sorted(name for name in {HEAVY!r} if name in sys.modules)))
"""
    assert _run(code) == []


def test_import_loads_no_server_queue_or_processing_module() -> None:
    code = """
import json, sys
import trellis
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("trellis.server", "trellis.queue", "trellis.processing")))))
"""
    assert _run(code) == []


def test_import_as_gradio_style_app_defines_without_heavy_dependencies() -> None:
    code = f"""
import json, sys
import trellis as gr
with gr.Blocks() as demo:
    text = gr.Textbox()
    gr.Button().click(lambda x: x, text, text)
print(json.dumps(sorted(name for name in {HEAVY!r} if name in sys.modules)))
"""
    assert _run(code) == []


def _isort_style_key(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 calls isort-style: SCREAMING_CASE, then CamelCase, then everything else."""
    if re.fullmatch(r"[A-Z0-9_]+", name) and any(ch.isalpha() for ch in name):
        return (0, name)
    if name[0].isupper():
        return (1, name)
    return (2, name)


def test_all_is_sorted() -> None:
    assert trellis.__all__ == sorted(trellis.__all__, key=_isort_style_key)


def test_all_has_no_duplicates() -> None:
    assert len(trellis.__all__) == len(set(trellis.__all__))


def test_every_name_in_all_resolves() -> None:
    code = """
import json
import trellis
missing = []
for name in trellis.__all__:
    try:
        getattr(trellis, name)
    except AttributeError:
        missing.append(name)
print(json.dumps(missing))
"""
    assert _run(code) == []


def test_lazy_names_load_their_modules_on_first_use() -> None:
    code = """
import json, sys
import trellis
before = "trellis.server.mount" in sys.modules
trellis.mount_gradio_app
print(json.dumps([before, "trellis.server.mount" in sys.modules]))
"""
    assert _run(code) == [False, True]


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError) as info:
        getattr(trellis, "no_such_name")
    assert str(info.value) == "module 'trellis' has no attribute 'no_such_name'"


#: Names ``gradio.components`` has but ``gradio`` does not: the bases, the Form wrapper, an alias, chat types and
#: the native plots' base.
_COMPONENTS_ONLY = {
    "Block",
    "BlockContext",
    "FormComponent",
    "Form",
    "Html",
    "MetadataDict",
    "OptionDict",
    "NativePlot",
}


def test_trellis_exports_every_component_of_trellis_components() -> None:
    """``trellis.components`` re-exports each class once (``import X as X``); ``trellis.__all__`` lists the same ones."""
    import trellis.components

    exported = {
        name
        for name, value in vars(trellis.components).items()
        if isinstance(value, type) and not name.startswith("_") and value.__module__.startswith("trellis.")
    }
    assert exported - _COMPONENTS_ONLY == {name for name in trellis.__all__ if name in exported}
    assert _COMPONENTS_ONLY <= exported
