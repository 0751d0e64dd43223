"""Fixtures of the attack tests (helpers live in ``security.helpers``)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import pytest

from security.helpers import launched


@pytest.fixture(scope="module")
def launch() -> Iterator[Callable[..., str]]:
    """``launch(demo, **launch_kwargs) -> base_url``; every app is closed with the module."""
    with contextlib.ExitStack() as stack:
        yield lambda demo, **kwargs: stack.enter_context(launched(demo, **kwargs))
