"""``gr.Examples``: a table of sample inputs that fills the inputs when clicked (and optional caching)."""

from __future__ import annotations

import collections
import csv
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from trellis.blocks import context
from trellis.blocks.events import _listen
from trellis.blocks.updates import update
from trellis.components.base import Component
from trellis.components.dataset import Dataset, constructor_props
from trellis.components.state import State
from trellis.exceptions import InvalidConfigError


def _load_example_dir(directory: str, n_inputs: int) -> list[list[Any]]:
    """Examples given as a folder: its ``log.csv`` if there is one, else one file per example."""
    log = Path(directory) / "log.csv"
    if log.exists():
        with open(log, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))[1:]
        return [[_resolve(directory, v) for v in row[:n_inputs]] for row in rows]
    # As Gradio: every entry in the folder's own listing order (os.listdir), so the examples show in the
    # order Gradio shows them for the same folder on the same machine.
    return [[os.path.join(directory, name)] for name in os.listdir(directory)]


def _resolve(directory: str, value: str) -> str:
    candidate = os.path.join(directory, value)
    return candidate if value and os.path.exists(candidate) else value


#: Marks an input an example leaves as it is (a hidden column of a sample the app replaced).
_UNCHANGED: Any = object()


def _rows(examples: Sequence[Any] | str, n_inputs: int) -> list[list[Any]]:
    """The examples as rows of one value per input, as Gradio reads them."""
    if isinstance(examples, str):
        if not Path(examples).exists():
            raise FileNotFoundError(f"Could not find examples directory: {examples}")
        if n_inputs > 1 and not (Path(examples) / "log.csv").exists():
            raise FileNotFoundError("Could not find log file (required for multiple inputs): log.csv")
        return _load_example_dir(examples, n_inputs)
    if examples is None:
        raise ValueError("The parameter `examples` cannot be None")
    examples = list(examples)
    if not examples or isinstance(examples[0], list):
        return [list(row) if isinstance(row, (list, tuple)) else [row] for row in examples]
    if n_inputs == 1:
        return [[example] for example in examples]
    if all(isinstance(row, tuple) for row in examples):
        return [list(row) for row in examples]
    raise InvalidConfigError("With several inputs, each example must be a list with one value per input.")


class Examples:
    """Sample inputs shown as a clickable table under the inputs.

    Clicking a sample loads it into ``inputs``. With ``cache_examples=True`` the outputs of ``fn``
    for every sample are computed at launch; a click loads the sample, then its cached outputs,
    and the page opens with the ``preload`` sample and its outputs already loaded. The listeners
    are Gradio's: ``load_example`` (or, cached, ``load_example_input`` then ``api_name``), and the
    two page-load listeners that read the preloaded sample from a ``State``.

    As in Gradio, an input no example gives a value to is left out (of the table and of what a
    click sets), and ``visible_columns`` shows only some inputs' columns while a click still
    loads every input. A click sets each input's value together with the props it was created
    with (a label an event changed is put back), as Gradio's ``load_example`` does.
    """

    def __init__(
        self,
        examples: Sequence[Any] | str,
        inputs: Component | Sequence[Component],
        outputs: Component | Sequence[Component] | None = None,
        fn: Callable[..., Any] | None = None,
        cache_examples: bool | Literal["lazy"] | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        examples_per_page: int = 10,
        _api_mode: bool = False,
        label: str | None = None,
        elem_id: str | None = None,
        run_on_click: bool = False,
        preprocess: bool = True,
        postprocess: bool = True,
        api_visibility: Literal["public", "private", "undocumented"] = "undocumented",
        api_name: str | None = "load_example",
        api_description: str | Literal[False] | None = None,
        batch: bool = False,
        *,
        example_labels: list[str] | None = None,
        visible_columns: list[int] | None = None,
        visible: bool | Literal["hidden"] = True,
        preload: int | Literal[False] = 0,
    ) -> None:
        self.inputs = [inputs] if isinstance(inputs, Component) else list(inputs)
        self.outputs = [outputs] if isinstance(outputs, Component) else list(outputs or [])
        self.fn = fn
        if cache_examples is None:
            # As in Gradio: the environment turns caching on only for examples that can be cached.
            env = os.environ.get("GRADIO_CACHE_EXAMPLES", "").lower()
            cache_examples = env in ("true", "lazy") and fn is not None and outputs is not None
        if cache_mode is None and os.environ.get("GRADIO_CACHE_MODE", "").lower() in ("eager", "lazy"):
            cache_mode = os.environ["GRADIO_CACHE_MODE"].lower()  # type: ignore[assignment]
        if cache_mode == "lazy" and cache_examples:
            cache_examples = "lazy"
        if cache_examples and (fn is None or not self.outputs):
            raise InvalidConfigError("cache_examples needs both fn and outputs.")
        self.cache_examples = cache_examples
        self.run_on_click = run_on_click

        n_inputs = len(self.inputs)
        # Rows longer than the inputs are cut (a log.csv may hold outputs too), shorter ones padded with None.
        rows = [(row + [None] * n_inputs)[:n_inputs] for row in _rows(examples, n_inputs)]
        #: Every example: one value per input.
        self.examples = rows
        #: Which inputs some example gives a value (the others are left out, as in Gradio).
        self.input_has_examples = [any(row[i] is not None for row in rows) for i in range(n_inputs)]
        with_examples = [i for i in range(n_inputs) if self.input_has_examples[i]]
        self.inputs_with_examples = [self.inputs[i] for i in with_examples]
        self.non_none_examples = [[row[i] for i in with_examples] for row in rows]
        shown = self._visible_columns(visible_columns, n_inputs, with_examples)
        #: Positions (among the inputs with examples) of the columns the table shows.
        self.visible_input_positions = [pos for pos, i in enumerate(with_examples) if i in shown]
        self.visible_examples = [[row[i] for i in with_examples if i in shown] for row in rows]
        if example_labels is not None and len(example_labels) != len(rows):
            raise ValueError(
                "If `example_labels` are provided, the length of `example_labels` must be the same as the number "
                "of examples."
            )
        # The props a click sends with each value: those the input was created with.
        self.input_component_props = [
            {k: v for k, v in constructor_props(c).items() if v is not None} for c in self.inputs_with_examples
        ]
        #: The outputs of ``fn`` for each example computed so far, by index (one value per output).
        self.cached: dict[int, list[Any]] = {}
        self.batch = batch
        self.preprocess = preprocess
        self.postprocess = postprocess
        self.api_name = api_name
        self.api_visibility = api_visibility
        self.api_description = api_description
        self.example_labels = example_labels
        self.preload = preload
        self.dataset = Dataset(
            components=[self.inputs[i] for i in with_examples if i in shown],
            samples=[list(row) for row in self.visible_examples],
            type="tuple",
            label=label,
            samples_per_page=examples_per_page,
            elem_id=elem_id,
            visible=visible,
            sample_labels=example_labels,
        )
        root = context.current_root()
        if root is None:
            return
        root.examples_handlers.append(self)
        shown_as = {"api_name": api_name, "api_visibility": api_visibility, "api_description": api_description}
        if not cache_examples:
            self.load_dependency = self.dataset.click(
                self.load_example,
                self.dataset,
                self.inputs_with_examples,
                show_progress="hidden",
                queue=False,
                **shown_as,
            )
            if run_on_click:
                if fn is None:
                    raise ValueError("Cannot run_on_click if no function is provided")
                self.load_dependency.then(fn, self.inputs, self.outputs, api_visibility="undocumented")
            self.load_input_event = self.load_dependency
            return
        self.load_dependency = self.dataset.click(
            self.load_example_input,
            self.dataset,
            self.inputs,
            show_progress="hidden",
            queue=False,
            api_visibility="undocumented",
        )
        self.load_input_event = self.load_dependency
        self.cache_event = self.load_dependency.then(self.load_example_output, self.dataset, self.outputs, **shown_as)
        untouched = not any("value" in getattr(c, "_explicit", {}) for c in self.inputs_with_examples)
        if preload is not False and cache_examples != "lazy" and untouched and rows:
            # The page opens showing the preloaded example and its outputs, as Gradio's does.
            preloaded = (preload, self.non_none_examples[preload])
            page_load = [(root._id, "load")]
            _listen(
                root,
                page_load,
                self.load_example_input,
                State(preloaded),
                self.inputs,
                show_progress="hidden",
                queue=False,
                api_visibility="undocumented",
            )
            _listen(
                root,
                page_load,
                self.load_example_output,
                State(preloaded),
                self.outputs,
                show_progress="hidden",
                api_visibility="undocumented",
            )

    @staticmethod
    def _visible_columns(visible_columns: list[int] | None, n_inputs: int, with_examples: list[int]) -> set[int]:
        """The inputs whose columns the table shows (checked as Gradio checks them)."""
        if visible_columns is None:
            return set(range(n_inputs))
        if not visible_columns:
            raise ValueError("`visible_columns` must contain at least one column index.")
        if any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < n_inputs for i in visible_columns):
            raise ValueError("Each index in `visible_columns` must correspond to an input component.")
        shown = set(visible_columns)
        # None of the shown columns has example values: show every column rather than an empty table.
        return shown if shown & set(with_examples) else set(with_examples)

    def _example_value(self, example: tuple[int, list[Any]]) -> list[Any]:
        """The value of every input with examples for a clicked sample (which holds the visible columns).

        Hidden columns come from the original examples; a sample the app replaced that has a value for
        every input is used as it is, else only the visible inputs change.
        """
        index, sample = example[0], list(example[1])
        if len(self.visible_input_positions) == len(self.inputs_with_examples):
            return sample
        if index < len(self.non_none_examples) and sample == self.visible_examples[index]:
            return list(self.non_none_examples[index])
        if len(sample) == len(self.inputs_with_examples):
            return sample
        values = [_UNCHANGED] * len(self.inputs_with_examples)
        for position, value in zip(self.visible_input_positions, sample, strict=False):
            values[position] = value
        return values

    def load_example(self, example_tuple: tuple[int, list[Any]]) -> Any:
        """The clicked example's values, as updates of the inputs (examples that are not cached).

        Each update also carries the props its input was created with, as Gradio's does.
        """
        updates = [
            update(**props) if value is _UNCHANGED else update(value=value, **props)
            for value, props in zip(self._example_value(example_tuple), self.input_component_props, strict=False)
        ]
        return updates if len(updates) != 1 else updates[0]

    def load_example_input(self, example_tuple: tuple[int, list[Any]]) -> Any:
        """The clicked (or preloaded) example's values, for every input (one no example fills is left as it is)."""
        values = iter(self._example_value(example_tuple))
        out = []
        for has_examples in self.input_has_examples:
            value = next(values, _UNCHANGED) if has_examples else _UNCHANGED
            out.append(update() if value is _UNCHANGED else value)
        return out if len(out) != 1 else out[0]

    def load_example_output(self, example_tuple: tuple[int, list[Any]]) -> Any:
        """The cached outputs of the clicked (or preloaded) example; computed now if not yet (lazy caching)."""
        index = example_tuple[0]
        outputs = self.cached.get(index)
        if outputs is None:
            outputs = self.compute(index)
        return outputs if len(outputs) != 1 else outputs[0]

    def compute(self, index: int) -> list[Any]:
        """Run ``fn`` on one example and keep its outputs (one value per output)."""
        assert self.fn is not None
        args = [
            c.preprocess(c.postprocess(v)) if self.preprocess else v
            for c, v in zip(self.inputs, self.examples[index], strict=False)
        ]
        result = self.fn(*args)
        if hasattr(result, "__next__"):
            tail = collections.deque(result, maxlen=1)  # a generator: its last value counts
            result = tail[0] if tail else None
        results = list(result) if len(self.outputs) > 1 and isinstance(result, (list, tuple)) else [result]
        self.cached[index] = results
        return results

    def cache_all(self) -> None:
        """Compute every example's outputs (``cache_examples=True``), writing a CSV log."""
        if self.cache_examples is not True:
            return
        directory = Path(os.environ.get("GRADIO_EXAMPLES_CACHE", ".gradio/cached_examples")) / str(self.dataset._id)
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / "log.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow([getattr(c, "label", None) or f"output {i}" for i, c in enumerate(self.outputs)])
            for index in range(len(self.examples)):
                writer.writerow(self.compute(index))
