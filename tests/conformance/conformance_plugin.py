"""pytest plugin for running ../shared/conformance against Trellis.

Modules whose features belong to issues not done yet are marked as expected
failures, each naming the issue that brings it, so the run reports them without
failing. Everything else must pass. Load with ``-p conformance_plugin``.
"""

from __future__ import annotations

import pytest

#: conformance test module → why it is expected to fail for now.
EXPECTED_FAILURES: dict[str, str] = {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        reason = EXPECTED_FAILURES.get(module)
        if reason is not None:
            item.add_marker(pytest.mark.xfail(reason=f"expected until {reason}", strict=False))
