"""The layer rule of STYLE.md: imports only point down, the import graph has no cycle, heavy packages load lazily.

Every ``import`` statement under ``trellis/`` counts: top-level ones, those under
``if TYPE_CHECKING:`` and those inside functions, absolute and relative alike.
"""

from __future__ import annotations

import ast
import dataclasses
import pathlib
from collections.abc import Iterable, Mapping

import pytest

PACKAGE_DIR = pathlib.Path(__file__).resolve().parents[2] / "trellis"

#: The layers, bottom first: a module may import its own layer and the layers before it.
#: ``name.*`` stands for ``name`` and every module under it; an exact name wins over a
#: ``.*`` pattern, and a longer ``.*`` pattern over a shorter one. A new module must be
#: placed here (``test_every_module_has_a_layer``).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Leaf modules: shared types, the wire format's shapes, the error hierarchy, the FileData dicts,
    # what a running function can ask for (gr.Request, gr.Progress), themes (CSS variables the config reads),
    # the sample files of gr.media.
    # They import nothing from the layers above.
    (
        "leaf",
        (
            "trellis._types",
            "trellis._wire",
            "trellis.exceptions",
            "trellis._version",
            "trellis._bundle",
            "trellis._filedata",
            "trellis._memory",
            "trellis.data_classes",
            "trellis.runtime",
            "trellis.utils",
            "trellis.media",
            "trellis.i18n",
            "trellis.themes.*",
            "trellis.deploy_space",
            # gr.cache / gr.Cache, gr.validate and gr.validators: what a listener's function uses.
            "trellis.caching",
            "trellis.validation",
            "trellis.validators",
        ),
    ),
    # What an app is made of: components (and what they are handed from above, components/handlers.py),
    # the `with` stack, listener records and gr.update. They know nothing of config, servers or queues.
    (
        "definition",
        (
            "trellis.components.*",
            "trellis.blocks",
            "trellis.blocks.context",
            "trellis.blocks.events",
            "trellis.blocks.updates",
            # @gr.render: a definition re-run per session (processing.rendered runs it).
            "trellis.blocks.render",
        ),
    ),
    # An app definition turned into data: config JSON, API info, the function table (CompiledApp).
    ("config", ("trellis.config.*",)),
    # Running one event: preprocess, the function, postprocess; files, sessions, URL fetching.
    ("processing", ("trellis.processing.*",)),
    ("queue", ("trellis.queue.*",)),
    # HTTP: create_app(compiled app, settings), the routes, uvicorn; never a Blocks.
    ("server", ("trellis.server.*",)),
    # Apps: Blocks and its launch(), Interface, ChatInterface, Examples, mount_gradio_app, and
    # gr.routes.App (the ASGI app of one app, for embedding it: App.create_app(blocks)).
    # gr.load_chat / gr.load_openapi (apps built from outside services) and the %%blocks notebook magic.
    ("app", ("trellis.blocks.*", "trellis._aliases", "trellis.routes", "trellis.external", "trellis.ipython_ext")),
    # Entry points: the public package and the command line.
    ("entry", ("trellis", "trellis.cli", "trellis.__main__")),
)

#: Optional packages (the ``media`` extra and the like): loaded inside the functions that use them.
HEAVY_OPTIONAL = ("numpy", "PIL", "pandas", "soundfile", "matplotlib", "plotly", "torch", "cv2", "scipy")


@dataclasses.dataclass(frozen=True)
class Import:
    """One import statement's target, as seen from the module that holds it."""

    importer: str
    target: str  # the full dotted name imported (a trellis module, or any other package)
    line: int
    kind: str  # "top-level", "type-only" (under ``if TYPE_CHECKING:``) or "function-local"

    def __str__(self) -> str:
        return f"{self.importer} -> {self.target} (line {self.line}, {self.kind})"


# -- reading the package --------------------------------------------------------------------------


def module_sources(root: pathlib.Path = PACKAGE_DIR) -> dict[str, tuple[str, bool]]:
    """Every module under ``root``: dotted name → (source, is a package ``__init__``)."""
    modules: dict[str, tuple[str, bool]] = {}
    for path in sorted(root.rglob("*.py")):
        parts = (root.name, *path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        modules[name] = (path.read_text(encoding="utf-8"), is_package)
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(body: Iterable[ast.stmt], kind: str) -> Iterable[tuple[ast.stmt, str]]:
    """Every statement with where it runs: at import, only for type checkers, or when a function is called."""
    for node in body:
        yield node, kind
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from _statements(node.body, "function-local")
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _statements(node.body, "type-only" if kind == "top-level" else kind)
            yield from _statements(node.orelse, kind)
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                for child in getattr(node, field, ()):
                    if isinstance(child, ast.stmt):
                        yield from _statements([child], kind)
                    elif isinstance(child, (ast.ExceptHandler, ast.match_case)):
                        yield from _statements(child.body, kind)


def imports_of(module: str, source: str, is_package: bool, known: Iterable[str]) -> list[Import]:
    """The imports of one module; names under a package are resolved to the modules in ``known``."""
    modules = set(known)
    package = module if is_package else module.rpartition(".")[0]
    found: list[Import] = []
    for node, kind in _statements(ast.parse(source).body, "top-level"):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno, kind) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            for alias in node.names:
                # ``from package import submodule`` imports the submodule; any other name comes from ``origin``.
                submodule = f"{origin}.{alias.name}"
                found.append(Import(module, submodule if submodule in modules else origin, node.lineno, kind))
    return found


def owning_module(name: str, known: Iterable[str]) -> str | None:
    """The module that defines ``name``: itself, or the longest known prefix of it."""
    modules = set(known)
    while name not in modules:
        if "." not in name:
            return None
        name = name.rpartition(".")[0]
    return name


def trellis_edges(sources: Mapping[str, tuple[str, bool]], known: Iterable[str] | None = None) -> list[Import]:
    """Every import from a module of ``sources`` to another trellis module (of ``known``, default ``sources``)."""
    modules = set(sources if known is None else known)
    edges = []
    for module, (source, is_package) in sources.items():
        for found in imports_of(module, source, is_package, modules):
            target = owning_module(found.target, modules) if found.target.split(".")[0] == "trellis" else None
            if target is not None and target != module:
                edges.append(dataclasses.replace(found, target=target))
    return edges


# -- the rules ---------------------------------------------------------------------------------------


def layer_of(module: str) -> int | None:
    """The index in :data:`LAYERS` of the layer ``module`` belongs to (``None``: unassigned)."""
    best: tuple[int, int] | None = None  # (specificity, layer)
    for index, (_name, patterns) in enumerate(LAYERS):
        for pattern in patterns:
            if pattern == module:
                return index
            prefix = pattern.removesuffix(".*")
            if pattern.endswith(".*") and (module == prefix or module.startswith(prefix + ".")):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), index)
    return None if best is None else best[1]


def upward(edges: Iterable[Import]) -> list[str]:
    """The edges that import a module of a higher layer, as ``importer -> imported`` lines."""
    found = []
    for edge in edges:
        low, high = layer_of(edge.importer), layer_of(edge.target)
        if low is not None and high is not None and high > low:
            found.append(f"{edge} [{LAYERS[low][0]} imports {LAYERS[high][0]}]")
    return found


def find_cycle(edges: Iterable[Import]) -> list[str] | None:
    """One import cycle as ``[a, b, …, a]``, or ``None`` when the graph has none."""
    graph: dict[str, list[str]] = {}
    for edge in edges:
        graph.setdefault(edge.importer, []).append(edge.target)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for successor in sorted(set(graph.get(node, ()))):
            if state.get(successor) == 1:
                return [*path[path.index(successor) :], successor]
            if successor not in state:
                cycle = visit(successor)
                if cycle is not None:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle is not None:
                return cycle
    return None


def eager_heavy_imports(sources: Mapping[str, tuple[str, bool]]) -> list[str]:
    """Imports of :data:`HEAVY_OPTIONAL` packages that run when their module is imported."""
    found = []
    for module, (source, is_package) in sources.items():
        for imported in imports_of(module, source, is_package, sources):
            if imported.kind == "top-level" and imported.target.split(".")[0] in HEAVY_OPTIONAL:
                found.append(str(imported))
    return found


# -- the package obeys them ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sources() -> dict[str, tuple[str, bool]]:
    return module_sources()


def test_every_module_has_a_layer(sources: dict[str, tuple[str, bool]]) -> None:
    unassigned = [module for module in sorted(sources) if layer_of(module) is None]
    assert not unassigned, "Modules without a layer (add them to LAYERS):\n" + "\n".join(unassigned)


def test_no_import_points_up_the_layers(sources: dict[str, tuple[str, bool]]) -> None:
    found = upward(trellis_edges(sources))
    assert not found, "Imports pointing up the layers:\n" + "\n".join(found)


def test_the_import_graph_has_no_cycle(sources: dict[str, tuple[str, bool]]) -> None:
    cycle = find_cycle(trellis_edges(sources))
    assert cycle is None, "Import cycle: " + " -> ".join(cycle or [])


def test_heavy_optional_packages_are_never_imported_at_module_level(sources: dict[str, tuple[str, bool]]) -> None:
    found = eager_heavy_imports(sources)
    assert not found, "Optional packages imported at module level (import them where used):\n" + "\n".join(found)


# -- the checker itself ---------------------------------------------------------------------------------


def _edges_of(sources: dict[str, tuple[str, bool]], **fakes: str) -> list[Import]:
    """The imports of synthetic modules (``trellis__components__fake`` names ``trellis.components.fake``)."""
    modules = {name.replace("__", "."): (code, False) for name, code in fakes.items()}
    return trellis_edges(modules, known=[*sources, *modules])


def test_an_upward_import_is_reported_whatever_its_form(sources: dict[str, tuple[str, bool]]) -> None:
    code = """
from typing import TYPE_CHECKING
import trellis.queue.queue
from ..processing import files
if TYPE_CHECKING:
    from trellis.blocks.blocks import Blocks
def later():
    from trellis.server.app import create_app
"""
    reported = upward(_edges_of(sources, trellis__components__fake=code))
    assert reported == [
        "trellis.components.fake -> trellis.queue.queue (line 3, top-level) [definition imports queue]",
        "trellis.components.fake -> trellis.processing.files (line 4, top-level) [definition imports processing]",
        "trellis.components.fake -> trellis.blocks.blocks (line 6, type-only) [definition imports app]",
        "trellis.components.fake -> trellis.server.app (line 8, function-local) [definition imports server]",
    ]


def test_downward_and_same_layer_imports_are_not_reported(sources: dict[str, tuple[str, bool]]) -> None:
    code = "from trellis.components import base\nfrom trellis.exceptions import Error\nfrom . import events\n"
    assert upward(_edges_of(sources, trellis__blocks__fake=code)) == []


def test_a_cycle_is_reported_with_its_path(sources: dict[str, tuple[str, bool]]) -> None:
    cycle = find_cycle(
        _edges_of(
            sources,
            trellis__config__one="from trellis.config import two\n",
            trellis__config__two="def f():\n    import trellis.config.one\n",
        )
    )
    assert cycle == ["trellis.config.one", "trellis.config.two", "trellis.config.one"]


def test_a_module_outside_every_layer_is_unassigned() -> None:
    assert (layer_of("trellis.newthing"), layer_of("trellis.blocks"), layer_of("trellis.blocks.mount")) == (
        None,
        1,
        6,
    )


def test_a_heavy_import_at_module_level_is_reported() -> None:
    code = "try:\n    import numpy as np\nexcept ImportError:\n    np = None\ndef f():\n    import pandas\n"
    assert eager_heavy_imports({"trellis.components.fake": (code, False)}) == [
        "trellis.components.fake -> numpy (line 2, top-level)"
    ]


def test_every_import_statement_of_the_package_is_read(sources: dict[str, tuple[str, bool]]) -> None:
    def count(nodes: Iterable[ast.AST]) -> int:
        return sum(isinstance(node, (ast.Import, ast.ImportFrom)) for node in nodes)

    missed = {
        module: count(ast.walk(ast.parse(source)))
        - count(n for n, _ in _statements(ast.parse(source).body, "top-level"))
        for module, (source, _) in sources.items()
    }
    assert {module: n for module, n in missed.items() if n} == {}
