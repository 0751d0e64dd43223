"""Size scales: ``gr.themes.sizes.text_md`` and friends, and ``gr.themes.Size`` for your own.

A scale is seven steps, ``xxs`` to ``xxl``. A theme's ``text_size``, ``spacing_size`` and
``radius_size`` become the ``--text-*``, ``--spacing-*`` and ``--radius-*`` variables. A size given
by name (``text_size="lg"``) is the scale ``text_lg`` of this module.
"""

from __future__ import annotations

from typing import ClassVar

#: The step names, smallest first.
STEPS = ("xxs", "xs", "sm", "md", "lg", "xl", "xxl")


class Size:
    """A scale of seven CSS lengths; every scale made is listed in ``Size.all``, where size names are looked up."""

    all: ClassVar[list[Size]] = []

    def __init__(
        self, xxs: str, xs: str, sm: str, md: str, lg: str, xl: str, xxl: str, name: str | None = None
    ) -> None:
        self.xxs, self.xs, self.sm, self.md, self.lg, self.xl, self.xxl = xxs, xs, sm, md, lg, xl, xxl
        self.name = name
        Size.all.append(self)

    def expand(self) -> list[str]:
        """The seven steps, smallest first."""
        return [getattr(self, step) for step in STEPS]

    def __repr__(self) -> str:
        return f"Size(name={self.name!r})"


def named(kind: str, name: str) -> Size:
    """The scale ``<kind>_<name>`` (``named("text", "lg")`` is ``text_lg``), or ``ValueError``."""
    for size in reversed(Size.all):
        if size.name == f"{kind}_{name}":
            return size
    known = sorted(str(s.name)[len(kind) + 1 :] for s in Size.all if str(s.name).startswith(kind + "_"))
    raise ValueError(f"No {kind} size named {name!r}; the named ones are {known}.")


radius_none = Size("0px", "0px", "0px", "0px", "0px", "0px", "0px", name="radius_none")
radius_sm = Size("1px", "1px", "2px", "4px", "6px", "8px", "12px", name="radius_sm")
radius_md = Size("1px", "2px", "4px", "6px", "8px", "12px", "22px", name="radius_md")
radius_lg = Size("2px", "4px", "6px", "8px", "12px", "16px", "24px", name="radius_lg")
radius_xxl = Size("6px", "8px", "10px", "20px", "24px", "28px", "32px", name="radius_xxl")
spacing_sm = Size("1px", "1px", "2px", "4px", "6px", "9px", "12px", name="spacing_sm")
spacing_md = Size("1px", "2px", "4px", "6px", "8px", "10px", "16px", name="spacing_md")
spacing_lg = Size("2px", "4px", "6px", "8px", "10px", "14px", "28px", name="spacing_lg")
text_sm = Size("8px", "9px", "11px", "13px", "16px", "20px", "24px", name="text_sm")
text_md = Size("9px", "10px", "12px", "14px", "16px", "22px", "26px", name="text_md")
text_lg = Size("10px", "12px", "14px", "16px", "20px", "24px", "28px", name="text_lg")
