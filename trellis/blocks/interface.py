"""``Interface``: a whole app from one function, its inputs and outputs; and ``TabbedInterface``."""

from __future__ import annotations

import inspect
import logging
import os
import time
from collections.abc import Callable, Sequence
from typing import Any, Literal

from trellis.blocks.blocks import Blocks
from trellis.blocks.events import BoundListener, Dependency, callable_name, is_generator, on
from trellis.blocks.examples import Examples
from trellis.blocks.flagging import DEFAULT_FLAGGING_DIR, CSVLogger, FlaggingCallback, is_flagging_mode
from trellis.blocks.updates import update
from trellis.components import component as make_component
from trellis.components.base import Component, Editable, Labelled
from trellis.components.buttons import Button, ClearButton
from trellis.components.layout import Column, Row, Tab, Tabs
from trellis.components.navigation import deep_link_button, enable_link_after
from trellis.components.state import State
from trellis.components.text import Markdown
from trellis.exceptions import InvalidConfigError
from trellis.runtime import Request

ComponentSpec = str | Component


def _components(spec: ComponentSpec | Sequence[ComponentSpec] | None) -> list[Component]:
    if spec is None:
        return []
    if isinstance(spec, (str, Component)):
        spec = [spec]
    return [make_component(s, render=False) for s in spec]


logger = logging.getLogger(__name__)


def _pair_states(
    fn: Callable[..., Any],
    spec: ComponentSpec | Sequence[ComponentSpec] | None,
    main_inputs: list[Component],
    inputs: list[Component],
    outputs: list[Component],
) -> None:
    """Make the State input and the State output one State, as Gradio's Interface does.

    An Interface keeps state as exactly one State input and one State output, the same component (the
    function gets the value and returns the next one); a ``"state"`` shortcut starts from the default of
    the function's parameter in its place. Anything else is refused, as in Gradio.
    """
    at_in = [i for i, c in enumerate(inputs) if isinstance(c, State)]
    at_out = [i for i, c in enumerate(outputs) if isinstance(c, State)]
    if not at_in and not at_out:
        return
    if len(at_in) != 1 or len(at_out) != 1:
        raise InvalidConfigError("If using 'state', there must be exactly one state input and one state output.")
    index = at_in[0]
    specs = [spec] if isinstance(spec, (str, Component)) else list(spec or [])
    if index < len(specs) and specs[index] == "state":
        try:
            parameters = list(inspect.signature(fn).parameters.values())
        except (TypeError, ValueError):
            parameters = []
        default = parameters[index].default if index < len(parameters) else inspect.Parameter.empty
        state = State(None if default is inspect.Parameter.empty else default, render=False)
        inputs[index] = state
        if index < len(main_inputs):
            main_inputs[index] = state
    outputs[at_out[0]] = inputs[index]


class Interface(Blocks, register=False):
    """An app from one function: inputs on the left, outputs on the right, Submit/Clear/Flag buttons.

    ``inputs`` and ``outputs`` are components or shortcut strings such as ``"text"``.
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: ComponentSpec | Sequence[ComponentSpec] | None,
        outputs: ComponentSpec | Sequence[ComponentSpec] | None,
        examples: list[Any] | list[list[Any]] | str | None = None,
        *,
        cache_examples: bool | Literal["lazy"] | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        examples_per_page: int = 10,
        example_labels: list[str] | None = None,
        preload_example: int | Literal[False] = 0,
        live: bool = False,
        title: str | None = None,
        description: str | None = None,
        article: str | None = None,
        theme: Any = None,
        flagging_mode: Literal["never", "auto", "manual"] | None = None,
        flagging_options: list[str] | list[tuple[str, str]] | None = None,
        flagging_dir: str = DEFAULT_FLAGGING_DIR,
        flagging_callback: FlaggingCallback | None = None,
        analytics_enabled: bool | None = None,
        batch: bool = False,
        max_batch_size: int = 4,
        api_visibility: Literal["public", "private", "undocumented"] = "public",
        api_name: str | None = None,
        api_description: str | None = None,
        _api_mode: bool = False,
        allow_duplication: bool = False,
        concurrency_limit: int | Literal["default"] | None = "default",
        css: str | None = None,
        css_paths: str | Sequence[str] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | Sequence[str] | None = None,
        additional_inputs: ComponentSpec | Sequence[ComponentSpec] | None = None,
        additional_inputs_accordion: Any = None,
        submit_btn: str | Button = "Submit",
        stop_btn: str | Button = "Stop",
        clear_btn: str | Button | None = "Clear",
        delete_cache: tuple[int, int] | None = None,
        show_progress: Literal["full", "minimal", "hidden"] = "full",
        fill_width: bool = False,
        time_limit: float | None = 30,
        stream_every: float = 0.5,
        deep_link: Any = None,
        validator: Callable[..., Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            theme=theme,
            mode="interface",
            title=title or "Trellis",
            css=css,
            css_paths=css_paths,
            js=js,
            head=head,
            head_paths=head_paths,
            fill_width=fill_width,
            delete_cache=delete_cache,
        )
        self.fn = fn
        self.live = live
        self.main_input_components = _components(inputs)
        self.input_components = self.main_input_components + _components(additional_inputs)
        self.output_components = _components(outputs)
        _pair_states(fn, inputs, self.main_input_components, self.input_components, self.output_components)
        _default_labels(fn, self.input_components, self.output_components)
        # As in Gradio, inputs keep interactive=None (the page makes an input editable); outputs become read-only.
        for comp in self.output_components:
            if isinstance(comp, Editable) and comp.interactive is None and comp not in self.input_components:
                comp.interactive = False
        mode = os.environ.get("GRADIO_FLAGGING_MODE", "manual") if flagging_mode is None else flagging_mode
        if not is_flagging_mode(mode):
            raise InvalidConfigError(f"flagging_mode must be 'never', 'auto' or 'manual', got {mode!r}")
        # As Gradio 6.31: a live Interface keeps its Flag button too.
        self.flagging_mode = flagging_mode = mode
        self.flagging_options = [(o, o) if isinstance(o, str) else tuple(o) for o in (flagging_options or [])]
        self.flagging_callback = flagging_callback if flagging_callback is not None else CSVLogger()
        self.flagging_dir = flagging_dir
        self.api_name = api_name or callable_name(fn)
        self.main_dependency: Dependency | None = None
        self.examples_handler: Examples | None = None

        generator = is_generator(fn)
        with self:
            link_button = deep_link_button(deep_link)
            if title:
                Markdown(f"<h1 style='text-align: center; margin-bottom: 1rem'>{title}</h1>")
            if description:
                Markdown(description)
            state_inputs = [c for c in self.input_components if isinstance(c, State)]
            with Row(equal_height=False):
                submit: Button | None = None
                stop: Button | None = None
                clear: ClearButton | None = None
                input_column: Column | None = None
                if self.input_components:
                    with Column() as input_column:
                        for comp in self.input_components:
                            if not isinstance(comp, State):
                                comp.render()
                        with Row():
                            if clear_btn is not None:
                                clear = (
                                    clear_btn
                                    if isinstance(clear_btn, ClearButton)
                                    else ClearButton(
                                        value=str(clear_btn) if not isinstance(clear_btn, Button) else clear_btn.value
                                    )
                                )
                            if not live:
                                submit = (
                                    submit_btn
                                    if isinstance(submit_btn, Button)
                                    else Button(submit_btn, variant="primary")
                                )
                                if not submit.is_rendered:
                                    submit.render()
                            if generator and not live:
                                stop = (
                                    stop_btn
                                    if isinstance(stop_btn, Button)
                                    else Button(stop_btn, variant="stop", visible=False)
                                )
                                if not stop.is_rendered:
                                    stop.render()
                for comp in state_inputs:
                    comp.render()
                with Column():
                    for comp in self.output_components:
                        if comp not in self.input_components:
                            comp.render()
                    if not self.input_components:
                        with Row():
                            if clear_btn is not None:
                                clear = ClearButton(value=str(clear_btn))
                            submit = Button("Generate", variant="primary") if not live else None
                    flag_buttons: list[tuple[Button, str | None]] = []
                    if link_button is not None and flagging_mode != "manual":
                        with Row():
                            link_button.render()
                    if flagging_mode == "manual":
                        with Row():
                            if link_button is not None:
                                link_button.render()
                            if self.flagging_options:
                                for label, value in self.flagging_options:
                                    flag_buttons.append((Button(label), value))
                            else:
                                flag_buttons.append((Button("Flag"), None))

            # The main listener: Submit and Enter in a textbox, or every change when live.
            # As in Gradio: a live Interface's streaming inputs (webcam, microphone) fire its `stream` event.
            streams = live and any(_streams(c) for c in self.input_components)
            if live:
                triggers = [
                    BoundListener(c, "stream" if _streams(c) else "change")
                    for c in self.input_components
                    if _streams(c) or "change" in type(c).EVENTS
                ]
                if not triggers and submit is not None:
                    triggers = [submit.click]
            else:
                triggers = []
                if submit is not None:
                    triggers.append(submit.click)
                triggers += [BoundListener(c, "submit") for c in self.input_components if "submit" in type(c).EVENTS]
            self.main_dependency = on(
                triggers,
                fn,
                self.input_components,
                self.output_components,
                api_name=self.api_name,
                api_visibility=api_visibility,
                api_description=api_description,
                batch=batch,
                max_batch_size=max_batch_size,
                concurrency_limit=concurrency_limit,
                show_progress="hidden" if streams else show_progress,
                stream_every=stream_every,
                # As in Gradio: time_limit applies to a live Interface's listener only; a submitted one scrolls
                # to its outputs.
                time_limit=time_limit if live else None,
                scroll_to_output=not live,
                validator=validator,
                trigger_mode="multiple" if streams else "always_last" if live else "once",
            )
            if stop is not None and submit is not None:
                # While a generator runs, Stop replaces Submit; they swap back when it ends or is stopped.
                swap: dict[str, Any] = {"api_visibility": "private", "queue": False, "show_progress": "hidden"}
                on(triggers, None, None, [submit, stop], js=_SHOW_STOP, **swap)
                self.main_dependency.then(None, None, [submit, stop], js=_SHOW_SUBMIT, **swap)
                stop.click(None, None, None, cancels=[self.main_dependency], api_visibility="private", queue=False)
            if clear is not None:
                clear.add(self.input_components + self.output_components)
                if input_column is not None:
                    # As Gradio's Interface: Clear also shows the inputs' column (a second listener).
                    clear.click(None, None, [input_column], js=_SHOW_COLUMN, api_visibility="private", queue=False)

            flag_components = self.input_components + self.output_components
            if flagging_mode != "never":
                self.flagging_callback.setup(flag_components, flagging_dir)
                if flagging_mode == "auto":
                    self.main_dependency.success(
                        self._flagger(None),
                        flag_components,
                        None,
                        preprocess=False,
                        api_visibility="private",
                        show_progress="hidden",
                    )
                for button, option in flag_buttons:
                    # Gradio's three listeners per flag button: "Saving..." while the row is written, then the
                    # flagging itself (which puts the label back, or "Error!"), and Clear resets the label.
                    label = str(button.value)
                    hidden: dict[str, Any] = {"api_visibility": "undocumented", "queue": False}
                    button.click(_saving, None, [button], **hidden)
                    button.click(
                        self._flag_button(option, label), flag_components, [button], preprocess=False, **hidden
                    )
                    if clear is not None:
                        clear.click(_reset_flag(label), None, [button], **hidden)

            if link_button is not None:
                enable_link_after(self.main_dependency, link_button)
            if examples is not None:
                # As Gradio's Interface: State inputs and outputs have no column; with additional inputs, the
                # table shows the main inputs' columns only.
                main_inputs = [c for c in self.main_input_components if not isinstance(c, State)]
                self.examples_handler = Examples(
                    examples,
                    [c for c in self.input_components if not isinstance(c, State)],
                    [c for c in self.output_components if not isinstance(c, State)],
                    fn=fn,
                    visible_columns=list(range(len(main_inputs))) if additional_inputs and main_inputs else None,
                    cache_examples=cache_examples,
                    cache_mode=cache_mode,
                    examples_per_page=examples_per_page,
                    example_labels=example_labels,
                    batch=batch,
                    preload=preload_example,
                )
            if link_button is not None and self.examples_handler is not None:
                cache_event = getattr(self.examples_handler, "cache_event", None)
                if cache_event is not None:
                    enable_link_after(cache_event, link_button)
            if article:
                Markdown(article)

    def _flag_button(self, option: str | None, label: str) -> Callable[..., Any]:
        """A flag button's listener (named "Flag", as Gradio's): write the row, then show the label again."""
        callback = self.flagging_callback

        def flag(request: Request, *payloads: Any) -> Any:
            try:
                callback.flag(list(payloads), flag_option=option, username=request.username)
            except Exception as error:  # the user sees "Error!" on the button, as in Gradio
                logger.warning("Flagging failed: %s", error)
                return update(value="Error!")
            time.sleep(FLAG_FEEDBACK_SECONDS)  # long enough to read "Saving..."
            return update(value=label, interactive=True)

        flag.__name__ = "Flag"
        return flag

    def _flagger(self, option: str | None) -> Callable[..., None]:
        callback = self.flagging_callback

        def flag(request: Request, *payloads: Any) -> None:
            callback.flag(list(payloads), flag_option=option, username=request.username)

        flag.__name__ = "flag"
        return flag

    def __repr__(self) -> str:
        return f"<Interface {callable_name(self.fn)!r}: {len(self.input_components)} inputs, {len(self.output_components)} outputs>"


#: How long a flag button keeps saying "Saving..." after the row is written (Gradio's pause).
FLAG_FEEDBACK_SECONDS = 0.8

_SHOW_COLUMN = '() => [{"variant": null, "visible": true, "__type__": "update"}]'


def _saving() -> Any:
    return update(value="Saving...", interactive=False)


_saving.__name__ = "<lambda>"  # Gradio's step is a lambda: its endpoint is "lambda_1"


def _reset_flag(label: str) -> Callable[[], Any]:
    def reset() -> Any:
        return update(value=label, interactive=True)

    return reset


_SHOW_STOP = '() => [{"__type__": "update", "visible": false}, {"__type__": "update", "visible": true}]'
_SHOW_SUBMIT = '() => [{"__type__": "update", "visible": true}, {"__type__": "update", "visible": false}]'


def _default_labels(fn: Callable[..., Any], inputs: list[Component], outputs: list[Component]) -> None:
    """Unlabelled inputs take the function's parameter names; outputs are "output" or "output N"."""
    try:
        params = [
            p.name
            for p in inspect.signature(fn).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        params = []
    for index, comp in enumerate(c for c in inputs if not isinstance(c, State)):
        if isinstance(comp, Labelled) and comp.label is None and index < len(params):
            comp.label = params[index]
    visible_outputs = [c for c in outputs if not isinstance(c, State)]
    for index, comp in enumerate(visible_outputs):
        if isinstance(comp, Labelled) and comp.label is None:
            comp.label = "output" if len(visible_outputs) == 1 else f"output {index}"


class TabbedInterface(Blocks, register=False):
    """Several Interfaces (or Blocks) in one app, one tab each."""

    def __init__(
        self,
        interface_list: Sequence[Blocks],
        tab_names: list[str] | None = None,
        title: str | None = None,
        theme: Any = None,
        analytics_enabled: bool | None = None,
        css: str | None = None,
        js: str | None = None,
        head: str | None = None,
        tabs_kwargs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """Build the tabs.

        Args:
            interface_list: The Interfaces (or Blocks) shown, one per tab.
            tab_names: The tabs' labels ("Tab 0", "Tab 1"... by default).
            title: A heading above the tabs, and the page's title.
            theme: The app's theme.
            analytics_enabled: Accepted as Gradio's; Trellis sends no analytics.
            css: Custom CSS for the page.
            js: Custom JavaScript run when the page loads.
            head: Custom HTML put in the page's head.
            tabs_kwargs: Keyword arguments for the ``gr.Tabs`` holding the tabs (``selected``, ``elem_id``...).
            kwargs: Not used: Gradio 6.31's TabbedInterface takes no other arguments; older apps may pass some.
        """
        super().__init__(theme=theme, title=title or "Trellis", css=css, js=js, head=head, mode="tabbed_interface")
        if tab_names is None:
            tab_names = [f"Tab {i}" for i in range(len(interface_list))]
        with self:
            if title:
                Markdown(f"<h1 style='text-align: center; margin-bottom: 1rem'>{title}</h1>")
            with Tabs(**(tabs_kwargs or {})):
                for interface, name in zip(interface_list, tab_names, strict=False):
                    with Tab(label=name):
                        interface.render()


def _streams(component: Component) -> bool:
    """A streaming input (``streaming=True`` on a component with a ``stream`` event)."""
    return "stream" in type(component).EVENTS and getattr(component, "streaming", False) is True
