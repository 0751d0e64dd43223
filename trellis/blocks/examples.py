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
from trellis.components.dataset import Dataset
from trellis.components.state import State
from trellis.exceptions import InvalidConfigError


def _load_example_dir(directory: str, n_inputs: int) -> list[list[Any]]:
    """Examples given as a folder: its ``log.csv`` if there is one, else one file per example."""
    log = Path(directory) / "log.csv"
    if log.exists():
        with open(log, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))[1:]
        return [[_resolve(directory, v) for v in row[:n_inputs]] for row in rows]
    files = sorted(p for p in Path(directory).iterdir() if not p.name.startswith("."))
    return [[str(p)] for p in files]


def _resolve(directory: str, value: str) -> str:
    candidate = os.path.join(directory, value)
    return candidate if value and os.path.exists(candidate) else value


class Examples:
    """Sample inputs shown as a clickable table under the inputs.

    Clicking a sample loads it into ``inputs``. With ``cache_examples=True`` the outputs of ``fn``
    for every sample are computed at launch; a click loads the sample, then its cached outputs,
    and the page opens with the ``preload`` sample and its outputs already loaded. The listeners
    are Gradio's: ``load_example`` (or, cached, ``load_example_input`` then ``api_name``), and the
    two page-load listeners that read the preloaded sample from a ``State``.
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
        label: str | None = "Examples",
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
        visible: bool = True,
        preload: int | Literal[False] = 0,
        **kwargs: Any,
    ) -> None:
        self.inputs = [inputs] if isinstance(inputs, Component) else list(inputs)
        self.outputs = [outputs] if isinstance(outputs, Component) else list(outputs or [])
        self.fn = fn
        if isinstance(examples, str):
            examples = _load_example_dir(examples, len(self.inputs))
        rows: list[list[Any]] = []
        for example in examples:
            if isinstance(example, (list, tuple)):
                rows.append(list(example))
            elif len(self.inputs) == 1:
                rows.append([example])
            else:
                raise InvalidConfigError("With several inputs, each example must be a list with one value per input.")
        self.examples = rows
        if cache_examples is None:
            cache_examples = os.environ.get("GRADIO_CACHE_EXAMPLES", "").lower() in ("true", "lazy") or False
            if os.environ.get("GRADIO_CACHE_EXAMPLES", "").lower() == "lazy":
                cache_examples = "lazy"
        if cache_mode == "lazy" and cache_examples:
            cache_examples = "lazy"
        if cache_examples and (fn is None or not self.outputs):
            raise InvalidConfigError("cache_examples needs both fn and outputs.")
        self.cache_examples = cache_examples
        self.run_on_click = run_on_click
        #: The outputs of ``fn`` for each example computed so far, by index (one value per output).
        self.cached: dict[int, list[Any]] = {}
        self.batch = batch
        self.preprocess = preprocess
        self.postprocess = postprocess
        self.api_name = api_name
        self.api_visibility = api_visibility
        self.preload = preload
        self.dataset = Dataset(
            components=self.inputs,
            samples=rows,
            headers=[getattr(c, "label", None) or "" for c in self.inputs]
            if any(getattr(c, "label", None) for c in self.inputs)
            else None,
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
        shown = {"api_name": api_name, "api_visibility": api_visibility, "api_description": api_description}
        if not cache_examples:
            self.load_dependency = self.dataset.click(
                self.load_example, self.dataset, self.inputs, show_progress="hidden", queue=False, **shown
            )
            if run_on_click and fn is not None:
                self.load_dependency.then(fn, self.inputs, self.outputs, api_visibility="undocumented")
            return
        self.load_dependency = self.dataset.click(
            self.load_example_input,
            self.dataset,
            self.inputs,
            show_progress="hidden",
            queue=False,
            api_visibility="undocumented",
        )
        self.load_dependency.then(self.load_example_output, self.dataset, self.outputs, **shown)
        untouched = not any("value" in getattr(c, "_explicit", {}) for c in self.inputs)
        if preload is not False and cache_examples != "lazy" and untouched and rows:
            # The page opens showing the preloaded example and its outputs, as Gradio's does.
            preloaded = (preload, rows[preload])
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

    def load_example(self, example: tuple[int, list[Any]]) -> Any:
        """The clicked example's values, as updates of the inputs (examples that are not cached)."""
        updates = [update(value=value) for value in example[1]]
        return updates if len(updates) != 1 else updates[0]

    def load_example_input(self, example: tuple[int, list[Any]]) -> Any:
        """The clicked (or preloaded) example's values, for the inputs."""
        values = list(example[1])
        return values if len(values) != 1 else values[0]

    def load_example_output(self, example: tuple[int, list[Any]]) -> Any:
        """The cached outputs of the clicked (or preloaded) example; computed now if not yet (lazy caching)."""
        index = example[0]
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
