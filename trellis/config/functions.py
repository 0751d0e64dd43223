"""How a listener's Python function is called: which parameters are special, and their API names.

Computed once per dependency when the app is compiled, so a request only walks a
precomputed plan.
"""

from __future__ import annotations

import dataclasses
import inspect
import typing
from collections.abc import Callable
from typing import Any, Literal

from trellis.blocks.events import Dependency, EventData
from trellis.caching import Cache
from trellis.runtime import Header, Progress, Request

SpecialKind = Literal["request", "progress", "event_data", "header", "cache"]
_RESERVED_NAMES = {"api_name", "fn_index", "result_callbacks"}


@dataclasses.dataclass
class ParamSlot:
    """One positional slot of the function: an input value or a special object."""

    kind: Literal["input", "request", "progress", "event_data", "header", "cache"]
    name: str
    event_data_cls: type[EventData] | None = None
    progress: Progress | None = None
    #: The ``gr.Cache`` a parameter has as its default (it is passed that object).
    cache: Cache | None = None


@dataclasses.dataclass
class FunctionPlan:
    """Everything needed to call one dependency's function."""

    fn: Callable[..., Any] | None
    name: str
    slots: list[ParamSlot]
    accepts_varargs: bool
    input_param_names: list[str | None]
    input_param_defaults: list[tuple[bool, Any]]
    is_async: bool
    is_generator: bool
    is_async_generator: bool
    collects_event_data: bool
    uses_progress: bool

    @property
    def n_input_slots(self) -> int:
        """How many parameters take a listener input (rather than a request, progress or event data)."""
        return sum(1 for s in self.slots if s.kind == "input")


def _resolved_hints(fn: Callable[..., Any]) -> dict[str, Any]:
    try:
        return typing.get_type_hints(fn)
    except Exception:
        return getattr(fn, "__annotations__", {}) or {}


def _special_kind(param: inspect.Parameter, hint: Any) -> tuple[SpecialKind | None, Any]:
    if isinstance(param.default, Progress):
        return "progress", param.default
    if isinstance(param.default, Cache):
        return "cache", param.default
    candidates = [hint]
    origin_args = typing.get_args(hint)
    if origin_args:
        candidates.extend(origin_args)
    for candidate in candidates:
        if isinstance(candidate, str):
            tail = candidate.rsplit(".", 1)[-1]
            if tail == "Request":
                return "request", None
            if tail == "Header":
                return "header", None
            if tail == "Progress":
                return "progress", Progress()
            continue
        if isinstance(candidate, type):
            if issubclass(candidate, Request):
                return "request", None
            if issubclass(candidate, Header):
                return "header", None
            if issubclass(candidate, EventData):
                return "event_data", candidate
            if issubclass(candidate, Progress):
                return "progress", Progress()
    return None, None


def plan_function(dep: Dependency) -> FunctionPlan:
    """How to call a listener's function: its parameters, and whether it is async or a generator."""
    fn = dep.fn
    if fn is None:
        return FunctionPlan(
            None,
            "unnamed",
            [],
            False,
            [None] * len(dep.inputs),
            [(False, None)] * len(dep.inputs),
            False,
            False,
            False,
            False,
            False,
        )
    target = getattr(fn, "func", fn)
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        signature = None
    hints = _resolved_hints(target if inspect.isfunction(target) or inspect.ismethod(target) else fn)
    slots: list[ParamSlot] = []
    accepts_varargs = False
    positional_params: list[inspect.Parameter] = []
    if signature is not None:
        for param in signature.parameters.values():
            if param.kind == param.VAR_POSITIONAL:
                accepts_varargs = True
                continue
            if param.kind in (param.VAR_KEYWORD, param.KEYWORD_ONLY):
                continue
            kind, extra = _special_kind(param, hints.get(param.name, param.annotation))
            if kind == "request":
                slots.append(ParamSlot("request", param.name))
            elif kind == "progress":
                slots.append(ParamSlot("progress", param.name, progress=extra))
            elif kind == "header":
                slots.append(ParamSlot("header", param.name))
            elif kind == "cache":
                slots.append(ParamSlot("cache", param.name, cache=extra))
            elif kind == "event_data":
                slots.append(ParamSlot("event_data", param.name, event_data_cls=extra))
            else:
                slots.append(ParamSlot("input", param.name))
                positional_params.append(param)
    else:
        accepts_varargs = True

    names: list[str | None] = []
    defaults: list[tuple[bool, Any]] = []
    keyword_names = dep.inputs_kwargs if dep.inputs_as_dict is None else []
    n_positional = len(dep.inputs) - len(keyword_names)
    by_name = dict(signature.parameters) if signature is not None else {}
    for index in range(len(dep.inputs)):
        if index >= n_positional:
            # An ``inputs_kwargs`` input: named after the parameter it fills.
            name = keyword_names[index - n_positional]
            names.append(name)
            param_or_none = by_name.get(name)
            defaults.append((param_or_none is not None and param_or_none.default is None, None))
        elif index < len(positional_params):
            param = positional_params[index]
            name = param.name if param.name not in _RESERVED_NAMES else f"param_{index}"
            names.append(name)
            if param.default is None:
                defaults.append((True, None))
            else:
                defaults.append((False, None))
        else:
            names.append(None)
            defaults.append((False, None))

    call = inspect.getattr_static(type(target), "__call__", None) if not inspect.isroutine(target) else None
    is_async_gen = inspect.isasyncgenfunction(target) or bool(call and inspect.isasyncgenfunction(call))
    is_gen = inspect.isgeneratorfunction(target) or bool(call and inspect.isgeneratorfunction(call))
    is_async = inspect.iscoroutinefunction(target) or bool(call and inspect.iscoroutinefunction(call))
    return FunctionPlan(
        fn=fn,
        name=dep.fn_name,
        slots=slots,
        accepts_varargs=accepts_varargs,
        input_param_names=names,
        input_param_defaults=defaults,
        is_async=is_async,
        is_generator=is_gen,
        is_async_generator=is_async_gen,
        collects_event_data=any(s.kind == "event_data" for s in slots),
        uses_progress=any(s.kind == "progress" for s in slots),
    )
