"""Running a listener's ``validator=`` before its function (at join time, as Gradio does).

The validator gets the same preprocessed inputs as the function (``gr.Request`` and the other
special parameters are filled in for it too) and returns one ``gr.validate(...)`` per input.
"""

from __future__ import annotations

import contextvars
import dataclasses
import functools
import inspect
import threading
from typing import Any

import anyio.to_thread

from trellis.blocks.events import callable_name
from trellis.config.build import EndpointInfo
from trellis.config.functions import plan_function
from trellis.processing.runner import CallContext, Runner
from trellis.validation import read_validation

__all__ = ["ValidatorResultError", "run_validator"]


class ValidatorResultError(Exception):
    """The validator returned fewer results than the listener has inputs."""


_PLANS_MAX = 4096
_plans: dict[int, tuple[EndpointInfo, EndpointInfo]] = {}
_plans_lock = threading.Lock()


def _validator_endpoint(endpoint: EndpointInfo) -> EndpointInfo:
    """``endpoint`` with the validator as its function (planned once per endpoint)."""
    with _plans_lock:
        found = _plans.get(id(endpoint))
        if found is not None and found[0] is endpoint:
            return found[1]
        dep = dataclasses.replace(endpoint.dep, fn=endpoint.dep.validator)
        derived = dataclasses.replace(endpoint, dep=dep, plan=plan_function(dep))
        if len(_plans) >= _PLANS_MAX:  # listeners made by gr.render runs come and go: keep the table bounded
            _plans.clear()
        _plans[id(endpoint)] = (endpoint, derived)
        return derived


def _results(endpoint: EndpointInfo, value: Any) -> list[Any]:
    """One result per input, as the validator returned them (as Gradio: too few is an error)."""
    needed = len(endpoint.inputs)
    if needed == 1:
        return [value]
    results = list(value) if isinstance(value, (list, tuple)) else [value]
    if len(results) < needed:
        name = callable_name(endpoint.dep.validator) if endpoint.dep.validator is not None else "validator"
        raise ValidatorResultError(
            f"The validator ({name}) didn't return enough values (needed: {needed}, returned: {len(results)}): "
            "return one gr.validate(...) per input, in the order of the listener's inputs."
        )
    return results[:needed]


async def run_validator(
    runner: Runner, endpoint: EndpointInfo, data: list[Any], ctx: CallContext, limiter: anyio.CapacityLimiter | None
) -> list[dict[str, Any]] | None:
    """Run the listener's validator on ``data``: None when every input passed, else the 422 entries.

    Raises whatever the validator (or preprocessing the inputs) raised, and
    :class:`ValidatorResultError` when it returned too few results.
    """
    validator = endpoint.dep.validator
    if validator is None:
        return None
    target = _validator_endpoint(endpoint)
    values = await runner._prepare_off_loop(target, data, ctx)
    args, kwargs = runner.bind(target, values, ctx)
    if inspect.iscoroutinefunction(validator):
        value = await validator(*args, **kwargs)
    else:
        call = functools.partial(validator, *args, **kwargs)
        value = await anyio.to_thread.run_sync(contextvars.copy_context().run, call, limiter=limiter)
        if inspect.isawaitable(value):
            value = await value
    valid, entries = read_validation(_results(endpoint, value), endpoint.plan.input_param_names)
    return None if valid else entries
