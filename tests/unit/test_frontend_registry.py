"""Python and the frontend share one list of component types, and cannot drift apart."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from trellis.components import registry

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend" / "src"


def test_generated_types_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_frontend_types.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_registered_type_has_a_component_folder() -> None:
    missing = [name for name in registry.all_types() if not (FRONTEND / "components" / name / "Index.svelte").exists()]
    assert missing == []


def test_frontend_registry_lists_exactly_the_python_types() -> None:
    source = (FRONTEND / "components" / "registry.ts").read_text()
    body = source.split("export const registry = {", 1)[1].split("} satisfies", 1)[0]
    keys = re.findall(r"^\t([a-z0-9_]+):", body, flags=re.M)
    assert sorted(keys) == sorted(registry.all_types())


def test_generated_union_lists_exactly_the_python_types() -> None:
    source = (FRONTEND / "generated" / "components.ts").read_text()
    union = source.split("export const COMPONENT_TYPES = [", 1)[1].split("]", 1)[0]
    assert re.findall(r'"([a-z0-9_]+)"', union) == list(registry.all_types())
