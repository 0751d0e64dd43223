"""Make ``gradio.<submodule>`` resolve to ``trellis.<submodule>`` while ``gradio`` is aliased to Trellis.

Apps run unchanged with ``import gradio as gr`` once ``sys.modules["gradio"]`` is
Trellis (``trellis run`` does that; so do test harnesses). Without this finder, a
later ``import gradio.themes`` would load a second copy of ``trellis/themes/``
under the name ``gradio.themes``; with it, both names are the same module object.

Apps also import Gradio's names from Gradio's own module paths (``from gradio.events import
SelectData``, ``from gradio.components.textbox import Textbox``, ``from gradio.layouts import Row``).
Where Trellis has no module of that name, the path in :data:`GRADIO_MODULES` resolves to a small
stand-in module whose attributes are Trellis's (its public names first, then the modules listed for
that path); any other missing path is still a ``ModuleNotFoundError``.
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

#: Gradio 6.31's modules that apps import names from, with the Trellis modules (besides the package's
#: public names) that answer for them. A path whose Trellis namesake exists is that module instead.
GRADIO_MODULES: dict[str, tuple[str, ...]] = {
    "gradio.caching": (),
    "gradio.chat_interface": ("trellis.blocks.chat_interface",),
    "gradio.events": ("trellis.blocks.events",),
    "gradio.flagging": ("trellis.blocks.flagging",),
    "gradio.helpers": ("trellis.runtime", "trellis.blocks.examples"),
    "gradio.interface": ("trellis.blocks.interface",),
    "gradio.layouts": ("trellis.components.layout", "trellis.components.navigation"),
    "gradio.oauth": (),
    "gradio.route_utils": ("trellis.runtime",),
    "gradio.server": (),
    "gradio.templates": ("trellis.components.templates",),
    "gradio.workflow": (),
    **{
        f"gradio.layouts.{name}": ("trellis.components.layout", "trellis.components.navigation")
        for name in ("accordion", "column", "form", "group", "row", "sidebar", "tabs", "walkthrough", "draggable")
    },
    **{
        f"gradio.components.{name}": ("trellis.components",)
        for name in (
            "annotated_image audio base browser_state button chatbot checkbox checkboxgroup clear_button code "
            "color_picker dataframe dataset datetime deep_link_button dialogue download_button dropdown "
            "duplicate_button file file_explorer gallery highlighted_text html image image_editor imageslider "
            "json_component label login_button markdown model3d multimodal_textbox native_plot number "
            "paramviewer plot radio slider state textbox timer upload_button video workflowcanvas"
        ).split()
    },
}
#: Paths that are stand-ins even though Trellis has a module of that name: ``gradio.components.base``'s
#: ``Component`` is the class apps subclass, which is Trellis's public ``gr.Component``; ``gradio.blocks``
#: is Gradio's module of ``Blocks``.
FORCED_STAND_INS: dict[str, tuple[str, ...]] = {
    "gradio.components.base": ("trellis.components.base",),
    "gradio.blocks": ("trellis.blocks.blocks",),  # trellis.blocks is the package of the app's parts
}
#: Where a stand-in module looks for a name after the ones listed for its path.
_FALLBACK = ("trellis.components", "trellis.blocks.events", "trellis.runtime", "trellis.utils")


class _CompatModule(ModuleType):
    """A Gradio module path Trellis has no module for: its names are Trellis's."""

    def __init__(self, name: str, sources: tuple[str, ...]) -> None:
        super().__init__(name)
        self._sources = sources
        if any(other.startswith(name + ".") for other in GRADIO_MODULES):
            self.__path__: list[str] = []  # a package: its listed submodules import too

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        for source in (TARGET, *self._sources, *_FALLBACK):
            module = importlib.import_module(source)
            try:
                value = getattr(module, attr)
            except AttributeError:
                continue
            setattr(self, attr, value)
            return value
        raise AttributeError(f"module {self.__name__!r} has no attribute {attr!r} (in Trellis)")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(getattr(sys.modules[TARGET], "__all__", ())))


class _CompatLoader(importlib.abc.Loader):
    def __init__(self, sources: tuple[str, ...]) -> None:
        self.sources = sources

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return _CompatModule(spec.name, self.sources)

    def exec_module(self, module: ModuleType) -> None:
        pass


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
        if fullname in FORCED_STAND_INS:
            return importlib.util.spec_from_loader(fullname, _CompatLoader(FORCED_STAND_INS[fullname]))
        real = TARGET + fullname[len(ALIAS) :]
        try:
            found = importlib.util.find_spec(real)
        except ModuleNotFoundError:  # its parent is a stand-in, not a Trellis package
            found = None
        if found is not None:
            return importlib.util.spec_from_loader(fullname, _AliasLoader(real))
        if fullname in GRADIO_MODULES:
            compat = _CompatLoader(GRADIO_MODULES[fullname])
            return importlib.util.spec_from_loader(fullname, compat, is_package=True)
        return None


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
    for name, sources in FORCED_STAND_INS.items():
        sys.modules.setdefault(name, _CompatModule(name, sources))
    for name, module in list(sys.modules.items()):
        if name.startswith(TARGET + "."):
            sys.modules.setdefault(ALIAS + name[len(TARGET) :], module)
