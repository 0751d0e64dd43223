"""Declaring props once: typed class attributes turned into a real constructor.

A component declares each prop it owns as an annotated class attribute followed
by an attribute docstring; shared props (``label``, ``visible``, ``scale``...)
come from small mixins in :mod:`trellis.components.base`. From those
declarations :func:`build_init` writes the class's ``__init__``, the way
:mod:`dataclasses` does: a real function whose parameters and defaults are the
props, in the order the class's ``SIGNATURE`` string gives (Gradio's order), so
``inspect.signature``, ``help()`` and IDEs see every parameter. Type checkers see
the same constructor through :func:`typing.dataclass_transform` on the base.

Example::

    class Textbox(LabelledInput):
        SIGNATURE = "value, *, type, lines, label, ..."

        value: str | Callable[..., Any] | None = prop(default=None, kw_only=False)
        \"\"\"The text shown; a callable is called on page load to produce it.\"\"\"
        lines: int = 1
        \"\"\"Minimum number of rows of the text area.\"\"\"

A prop is sent to the browser in the component's ``props`` unless declared with
``wire=False``; ``alias`` names the constructor parameter when the attribute has
another name (``render`` is stored as ``_render_on_create``).
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import inspect
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

from trellis.exceptions import InvalidConfigError

_MUTABLE = (list, dict, set)


@dataclasses.dataclass(frozen=True)
class Prop:
    """One declared prop: its attribute, its constructor parameter and its default."""

    name: str
    annotation: str
    default: Any
    positional: bool = False
    alias: str | None = None
    wire: bool = True
    sent_as: str | None = None
    init: bool = True

    @property
    def param(self) -> str:
        """The constructor parameter's name."""
        return self.alias or self.name


@dataclasses.dataclass(frozen=True)
class _Spec:
    default: Any
    kw_only: bool
    alias: str | None
    wire: bool
    sent_as: str | None = None
    init: bool = True


def prop(
    *,
    default: Any = None,
    kw_only: bool = True,
    alias: str | None = None,
    wire: bool = True,
    sent_as: str | None = None,
    init: bool = True,
) -> Any:
    """Declare a prop with options (a plain default is enough for most props).

    Args:
        default: The value when the constructor is not given one.
        kw_only: ``False`` makes the parameter positional (``value``, ``choices``...).
        alias: The constructor parameter's name when it differs from the attribute's.
        wire: ``False`` keeps the prop out of the config sent to the browser.
        sent_as: The prop's type as the browser receives it (a Python type expression), when
            ``__post_init__`` normalises it to something narrower than the constructor accepts.
        init: ``False`` for a prop the component computes (in ``__post_init__``) rather than takes.
    """
    return _Spec(default, kw_only, alias, wire, sent_as, init)


def collect(cls: type, defaults: Mapping[str, Any] | None = None) -> dict[str, Prop]:
    """The props of ``cls``: those of its bases (in MRO order), then its own declarations."""
    props: dict[str, Prop] = {}
    for base in reversed(cls.__mro__[1:]):
        props.update(base.__dict__.get("_props", {}))
    for name, annotation in inspect.get_annotations(cls).items():
        text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))
        if text.startswith(("ClassVar", "typing.ClassVar")):
            continue
        # As in dataclasses, a redeclaration is a new field: only its default and options count.
        raw = cls.__dict__.get(name)
        spec = raw if isinstance(raw, _Spec) else _Spec(raw, True, None, True)
        props[name] = Prop(name, text, spec.default, not spec.kw_only, spec.alias, spec.wire, spec.sent_as, spec.init)
        setattr(cls, name, props[name].default)
    for name, default in (defaults or {}).items():
        if name not in props:
            raise InvalidConfigError(f"{cls.__qualname__}: default given for unknown prop {name!r}")
        props[name] = dataclasses.replace(props[name], default=default)
        setattr(cls, name, default)
    return props


def order(cls: type, props: Mapping[str, Prop], signature: str | None) -> tuple[list[Prop], list[Prop]]:
    """Positional and keyword-only props, in the order ``signature`` ("a, b, *, c") gives."""
    by_param = {p.param: p for p in props.values() if p.init}
    if signature is None:
        positional = [p for p in by_param.values() if p.positional]
        return positional, [p for p in by_param.values() if not p.positional]
    names = [n.strip() for n in signature.split(",") if n.strip()]
    star = names.index("*") if "*" in names else len(names)
    listed = [n for n in names if n != "*"]
    missing = set(by_param) - set(listed)
    unknown = set(listed) - set(by_param)
    if missing or unknown or len(listed) != len(set(listed)):
        raise InvalidConfigError(
            f"{cls.__qualname__}.SIGNATURE must list each prop once: missing {sorted(missing)}, unknown {sorted(unknown)}"
        )
    return [by_param[n] for n in names[:star]], [by_param[n] for n in names[star + 1 :]]


def build_init(
    cls: type, props: Mapping[str, Prop], signature: str | None, setup: Callable[[Any, dict[str, Any]], None]
) -> Callable[..., None]:
    """A real ``__init__`` for ``cls`` whose parameters are its props; it hands them to ``setup``."""
    positional, keyword = order(cls, props, signature)
    defaults = {f"_d_{p.param}": p.default for p in (*positional, *keyword)}
    params = [f"{p.param}=_d_{p.param}" for p in positional]
    if keyword:
        params += ["*", *(f"{p.param}=_d_{p.param}" for p in keyword)]
    values = ", ".join(f"{p.param!r}: {p.param}" for p in (*positional, *keyword))
    source = f"def __init__(self, {', '.join(params)}) -> None:\n    _setup(self, {{{values}}})\n"
    namespace: dict[str, Any] = {"_setup": setup, **defaults}
    exec(source, namespace)  # the dataclasses technique: a real signature, no **kwargs
    init: Callable[..., None] = namespace["__init__"]
    init.__annotations__ = {p.param: p.annotation for p in (*positional, *keyword)} | {"return": "None"}
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.from_props = True  # type: ignore[attr-defined]
    init.__doc__ = f"Create a {cls.__name__}; every parameter is a prop documented on the class."
    return init


def initial(value: Any) -> Any:
    """A prop default as an instance's own value (mutable defaults are copied)."""
    return copy.copy(value) if isinstance(value, _MUTABLE) else value


def docstrings(cls: type) -> dict[str, str]:
    """Each prop's attribute docstring, read from the source of the classes that declare it."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass is object or "_props" not in klass.__dict__:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, after in zip(body, [*body[1:], None], strict=True):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs
