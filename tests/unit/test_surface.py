"""Gradio 6.31's public surface: what Trellis still lacks is exactly the known list below.

Runs the shared ``check_surface.py`` (names, constructor/method parameters and listeners recorded from
Gradio 6.31) against Trellis. A name, parameter or listener that goes missing fails the test, and so
does one of the ``LATER`` items once it lands (then take it off the list).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

#: The shared folder beside the repository (as scripts/test finds it), or $TRELLIS_SHARED.
SHARED = Path(os.environ.get("TRELLIS_SHARED", Path(__file__).resolve().parents[3] / "shared"))
CHECK = SHARED / "gradio_api" / "check_surface.py"
SURFACE = SHARED / "gradio_api" / "surface.json"

pytestmark = pytest.mark.skipif(
    not (CHECK.exists() and SURFACE.exists()) and not os.environ.get("CI"),
    reason="the recorded Gradio surface is not on this machine",
)

#: Missing until a later issue brings them; each must still be missing (take it off when it lands).
LATER: dict[str, str] = {
    # names
    "Server": "gr.Server: a later issue",
    "Workflow": "gr.Workflow / WorkflowCanvas: a later issue",
    "WorkflowCanvas": "gr.Workflow / WorkflowCanvas: a later issue",
    "mcp": "gr.mcp: a later issue",
    "load": "gr.load (Hub models and Spaces): a later issue",
    "LoginButton": "Hugging Face login: a later issue",
    "OAuthProfile": "Hugging Face login: a later issue",
    "OAuthToken": "Hugging Face login: a later issue",
}


def _missing() -> set[str]:
    """Everything check_surface.py reports missing, as ``Name``, ``Name.param`` or ``Name.event``."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "missing.json"
        subprocess.run(
            [sys.executable, str(CHECK), str(SURFACE), "--module", "trellis", "--json", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        report: dict[str, Any] = json.loads(out.read_text())
    missing = set(report["names"])
    for owner, params in report["params"].items():
        if params and params[0] == "<method missing>":
            missing.add(owner)
            continue
        missing.update(f"{owner}.{p}" for p in params)
    for owner, events in report["events"].items():
        missing.update(f"{owner}.{e}" for e in events)
    return missing


@pytest.fixture(scope="module")
def missing() -> set[str]:
    return _missing()


def test_nothing_else_is_missing(missing: set[str]) -> None:
    unexpected = sorted(missing - set(LATER))
    assert not unexpected, f"Gradio 6.31 names/parameters/listeners Trellis lost or lacks: {unexpected}"


def test_the_later_items_are_still_missing(missing: set[str]) -> None:
    landed = sorted(set(LATER) - missing)
    assert not landed, f"These landed: take them off LATER in tests/unit/test_surface.py: {landed}"
