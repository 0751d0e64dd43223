"""Flagging: writing what a user flags (inputs, outputs, a chosen option) to a CSV file.

The API is Gradio 6's:

* :class:`FlaggingCallback` — the abstract base: ``setup(components, flagging_dir)`` once,
  then ``flag(flag_data, flag_option=None, username=None)`` per flag, returning how many
  samples have been flagged so far.
* :class:`CSVLogger` — the default. A header row (the components' labels, then ``flag``
  and ``username`` when given, then ``timestamp``) in ``<flagging_dir>/dataset1.csv``; when
  the latest ``datasetN.csv`` has other headers it starts ``dataset{N+1}.csv``, and
  ``dataset_file_name`` names the file instead. Safe to call from several threads.
* :class:`SimpleCSVLogger` — rows only, in ``<flagging_dir>/log.csv``.
* :class:`ChatCSVLogger` — CSVLogger set up for ChatInterface's likes and dislikes:
  ``conversation, index, flag, timestamp`` in ``<flagging_dir>/log.csv``.

A cell is the component's ``flag(payload)`` text ("" for None). As in Gradio, a cell that a
spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a
newline, or holding such a character after a comma) is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, TypeGuard

from typing_extensions import override

from trellis.blocks.events import LikeData
from trellis.blocks.updates import is_update

DEFAULT_FLAGGING_DIR = ".gradio/flagged"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\n")
_FORMULA_INSIDE = tuple("," + start for start in _FORMULA_STARTS)


#: When an Interface offers flagging: never, after every run, or with a Flag button.
FlaggingMode = Literal["never", "auto", "manual"]


def is_flagging_mode(value: object) -> TypeGuard[FlaggingMode]:
    """Whether ``value`` (an argument or an environment variable) names a flagging mode."""
    return value in ("never", "auto", "manual")


class Flaggable(Protocol):
    """What a logger needs of a column: the text for a value (a ``label`` attribute, where it has one, heads it)."""

    def flag(self, payload: Any) -> str:
        """The text written to the CSV for ``payload``."""
        ...


@dataclasses.dataclass(frozen=True)
class CSVField:
    """A column that is not a component: its value's text (JSON for lists and dicts)."""

    label: str

    def flag(self, payload: Any) -> str:
        """The value as CSV text: JSON for lists and dicts, empty for ``None``."""
        if isinstance(payload, (dict, list)):
            return json.dumps(payload, default=str)
        return "" if payload is None else str(payload)


class FlaggingCallback(ABC):
    """Where flagged samples go. Interface calls :meth:`setup` once, then :meth:`flag` per flag."""

    @abstractmethod
    def setup(self, components: Sequence[Flaggable], flagging_dir: str | Path) -> None:
        """Get ready to flag the values of ``components``, into ``flagging_dir``."""

    @abstractmethod
    def flag(self, flag_data: list[Any], flag_option: str | None = None, username: str | None = None) -> int:
        """Store one sample (one payload per component); returns the number of samples flagged so far."""


class SimpleCSVLogger(FlaggingCallback):
    """Appends each flagged sample as one row, without a header, to ``<flagging_dir>/log.csv``."""

    @override
    def setup(self, components: Sequence[Flaggable], flagging_dir: str | Path) -> None:
        self.components = list(components)
        self.flagging_dir = Path(flagging_dir)
        self.flagging_dir.mkdir(parents=True, exist_ok=True)

    @override
    def flag(self, flag_data: list[Any], flag_option: str | None = None, username: str | None = None) -> int:
        row = [c.flag(value) for c, value in zip(self.components, flag_data, strict=False)]
        return _append_row(self.flagging_dir / "log.csv", row)


class CSVLogger(FlaggingCallback):
    """The default flagging callback: rows under a header row, in ``<flagging_dir>/dataset1.csv``.

    Args:
        simplify_file_data: write a file as its path where a cell's JSON holds file data. Default True.
        verbose: print which file the samples go to, on the first flag. Default True.
        dataset_file_name: the file to write (in the flagging directory), instead of ``datasetN.csv``.
            Default None.
    """

    def __init__(
        self, simplify_file_data: bool = True, verbose: bool = True, dataset_file_name: str | None = None
    ) -> None:
        self.simplify_file_data = simplify_file_data
        self.verbose = verbose
        self.dataset_file_name = dataset_file_name
        self.lock = threading.Lock()
        self.components: list[Flaggable] = []
        self.flagging_dir = Path(DEFAULT_FLAGGING_DIR)
        self.dataset_filepath: Path | None = None

    @override
    def setup(self, components: Sequence[Flaggable], flagging_dir: str | Path) -> None:
        self.components = list(components)
        self.flagging_dir = Path(flagging_dir)
        self.dataset_filepath = None

    @override
    def flag(self, flag_data: list[Any], flag_option: str | None = None, username: str | None = None) -> int:
        extra = [name for name, value in (("flag", flag_option), ("username", username)) if value is not None]
        row = [self._cell(c, value) for c, value in zip(self.components, flag_data, strict=False)]
        row += [value for value in (flag_option, username) if value is not None]
        row.append(str(dt.datetime.now()))
        with self.lock:
            if self.dataset_filepath is None or not self.dataset_filepath.exists():
                self.dataset_filepath = self._create_dataset_file([*self._headers(), *extra, "timestamp"])
            return _append_row(self.dataset_filepath, row)

    def _headers(self) -> list[str]:
        return [getattr(c, "label", None) or f"component {i}" for i, c in enumerate(self.components)]

    def _cell(self, component: Flaggable, value: Any) -> str:
        if is_update(value):
            return str(value)
        text = component.flag(value) if value is not None else ""
        return _simplify_file_data(text) if self.simplify_file_data else text

    def _create_dataset_file(self, headers: list[str]) -> Path:
        """The file to append to: named, the latest ``datasetN.csv`` if it has these headers, or a new one."""
        self.flagging_dir.mkdir(parents=True, exist_ok=True)
        headers = [_sanitise(h) for h in headers]
        if self.dataset_file_name:
            path = self.flagging_dir / self.dataset_file_name
        else:
            path = self.flagging_dir / "dataset1.csv"
            numbered = {n: p for p in self.flagging_dir.glob("dataset*.csv") if (n := _dataset_number(p)) is not None}
            if numbered:
                latest = max(numbered)
                with open(numbered[latest], newline="", encoding="utf-8") as fh:
                    existing = next(csv.reader(fh), None)
                path = numbered[latest] if existing == headers else self.flagging_dir / f"dataset{latest + 1}.csv"
        if path.exists():
            if self.verbose:
                print("Using existing dataset file at:", path)
            return path
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerow(headers)
        if self.verbose:
            print("Created dataset file at:", path)
        return path


class ChatCSVLogger(CSVLogger):
    """ChatInterface's flagging: one row per liked or disliked message, in ``<flagging_dir>/log.csv``.

    Columns: ``conversation`` (the messages as JSON), ``index`` (the message's), ``flag``
    ("Like", "Dislike" or the chosen option's text) and ``timestamp``.
    """

    FIELDS = (CSVField("conversation"), CSVField("index"))

    def __init__(self, flagging_dir: str | Path = DEFAULT_FLAGGING_DIR) -> None:
        super().__init__(simplify_file_data=False, verbose=False, dataset_file_name="log.csv")
        self.setup(self.FIELDS, flagging_dir)

    def flag_feedback(self, like_data: LikeData, conversation: Any) -> int:
        """Log the feedback in ``like_data`` with ``conversation`` (JSON-ready messages)."""
        liked = like_data.liked
        feedback = "Like" if liked is True else "Dislike" if liked is False else str(liked)
        return self.flag([conversation, like_data.index], flag_option=feedback)


def _dataset_number(path: Path) -> int | None:
    match = re.fullmatch(r"dataset(\d+)\.csv", path.name)
    return int(match.group(1)) if match else None


def _append_row(path: Path, row: list[str]) -> int:
    """Append ``row`` (sanitised) to the CSV file at ``path``; returns its number of rows after the first."""
    with open(path, "a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow([_sanitise(cell) for cell in row])
    with open(path, newline="", encoding="utf-8") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def _sanitise(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection): such text gets a leading ``'``."""
    if cell.startswith(_FORMULA_STARTS) or any(s in cell for s in _FORMULA_INSIDE):
        return "'" + cell
    return cell


def _simplify_file_data(text: str) -> str:
    """A cell whose JSON holds FileData dicts, with each one replaced by its path (other text as it is)."""
    if not text.startswith(("{", "[")):
        return text
    try:
        payload = json.loads(text)
    except ValueError:
        return text
    simplified = _paths(payload)
    if simplified == payload:
        return text
    return simplified if isinstance(simplified, str) else json.dumps(simplified)


def _paths(value: Any) -> Any:
    if isinstance(value, dict):
        meta = value.get("meta")
        if isinstance(value.get("path"), str) and isinstance(meta, dict) and meta.get("_type") == "gradio.FileData":
            return value["path"]
        return {k: _paths(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_paths(v) for v in value]
    return value
