"""Make ``gradio.<submodule>`` resolve to ``trellis.<submodule>`` while ``gradio`` is aliased to Trellis.

Apps run unchanged with ``import gradio as gr`` once ``sys.modules["gradio"]`` is
Trellis (``trellis run`` does that; so do test harnesses). Without this finder, a
later ``import gradio.themes`` would load a second copy of ``trellis/themes/``
under the name ``gradio.themes``; with it, both names are the same module object.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType
from typing import Any

ALIAS = "gradio"
TARGET = "trellis"


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        pass


class _AliasFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(ALIAS + "."):
            return None
        if sys.modules.get(ALIAS) is not sys.modules.get(TARGET):
            return None
        real = TARGET + fullname[len(ALIAS) :]
        if importlib.util.find_spec(real) is None:
            return None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(real))


_finder = _AliasFinder()


def install() -> None:
    """Add the finder (once) in front of the import system's finders."""
    if _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)


def alias_gradio() -> None:
    """Register Trellis as ``gradio`` (and any already-imported submodules under both names)."""
    install()
    trellis = sys.modules[TARGET]
    sys.modules[ALIAS] = trellis
    for name, module in list(sys.modules.items()):
        if name.startswith(TARGET + "."):
            sys.modules.setdefault(ALIAS + name[len(TARGET) :], module)
