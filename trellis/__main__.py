"""``python -m trellis``: the same as the ``trellis`` command."""

from __future__ import annotations

from trellis.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
