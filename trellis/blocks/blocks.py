"""``Blocks``: the root container of an app, its listeners, and ``launch()``."""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
import time
import warnings
import weakref
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from trellis.blocks import context
from trellis.blocks.events import (
    DECORATOR,
    ApiVisibility,
    Dependency,
    ShowProgress,
    TriggerMode,
    _listen,
    build_dependency,
    listener_options,
)
from trellis.blocks.pages import Pages
from trellis.components.base import Block, Component
from trellis.components.timer import Timer
from trellis.config.build import CompiledApp, QueueSettings, compile_app
from trellis.exceptions import InvalidConfigError
from trellis.i18n import I18n

if TYPE_CHECKING:
    from fastapi import FastAPI

    from trellis.blocks.examples import Examples
    from trellis.routes import App
    from trellis.server.launch import RunningServer


class Blocks(Pages, register=False):
    """An app: a tree of components and layouts, and the listeners that connect them.

    Use it as a context manager and create components inside it::

        with gr.Blocks() as demo:
            name = gr.Textbox(label="Name")
            out = gr.Textbox()
            gr.Button("Greet").click(lambda n: f"Hi {n}", name, out)
        demo.launch()
    """

    is_root = True
    #: Every Blocks (Interface, ChatInterface...) made and not yet garbage-collected.
    instances: ClassVar[weakref.WeakSet[Blocks]] = weakref.WeakSet()

    def __init__(
        self,
        theme: Any = None,
        analytics_enabled: bool | None = None,
        mode: str = "blocks",
        title: str = "Trellis",
        fill_height: bool = False,
        fill_width: bool = False,
        delete_cache: tuple[int, int] | None = None,
        css: str | None = None,
        css_paths: str | Sequence[str] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | Sequence[str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.theme = theme
        self.analytics_enabled = False
        self.mode = mode
        self.title = title
        self.fill_height = fill_height
        self.fill_width = fill_width
        self.delete_cache = delete_cache
        self.css = css
        self.css_paths = [css_paths] if isinstance(css_paths, str) else list(css_paths or [])
        self.js = js
        self.head = head
        self.head_paths = [head_paths] if isinstance(head_paths, str) else list(head_paths or [])
        self.dependencies: list[Dependency] = []
        self._api_names: set[str] = set()
        self.examples_handlers: list[Examples] = []
        #: The app's ``@gr.render`` functions, in the order they were defined (their ``render_id``).
        self.renderables: list[Any] = []
        self.queue_settings = QueueSettings()
        self.server: RunningServer | None = None
        #: The sub-app serving this app, once ``mount_gradio_app`` has mounted it.
        self.server_app: FastAPI | None = None
        self.local_url: str | None = None
        self.share_url: str | None = None
        self.show_error = False
        #: The app's translations, from ``launch(i18n=...)`` or ``mount_gradio_app(..., i18n=...)``.
        self.i18n_instance: I18n | None = None
        self._lock = threading.Lock()
        self._value_loaders_attached = False
        self._init_pages()
        self._init_props(render=False)
        Blocks.instances.add(self)

    # -- definition ----------------------------------------------------------------
    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        if context.current_root() is not None and context.current_root() is not self:
            self.render()

    def _add_dependency(
        self,
        targets: list[tuple[int, str]],
        fn: Callable[..., Any] | None,
        inputs: Any,
        outputs: Any,
        options: dict[str, Any],
    ) -> Dependency:
        with self._lock:
            dep = build_dependency(self, len(self.dependencies), targets, fn, inputs, outputs, options, self._api_names)
            self.dependencies.append(dep)
            self._note_dependency_page(dep.id)
        return dep

    def clear(self) -> Blocks:
        """Empty the app of its components and listeners, keeping its settings (Gradio's ``Blocks.clear``).

        ``with demo.clear():`` then builds it anew.
        """
        with self._lock:
            self.children = []
            self.dependencies = []
            self._api_names = set()
            self.examples_handlers = []
            self.renderables = []
            self._value_loaders_attached = False
        return self

    def render(self) -> Blocks:
        """Add this app's components and listeners to the app being defined (e.g. inside a Tab)."""
        container = context.current_container()
        root = context.current_root()
        if container is None or root is None or root is self:
            return self
        for child in list(self.children):
            container.add_child(child)
        id_map: dict[int, int] = {}
        for dep in self.dependencies:
            targets = []
            for target, event in dep.targets:
                if target == self._id:
                    target = root._id
                elif event in ("then", "success", "failure"):
                    target = id_map.get(target, target)
                targets.append((target, event))
            options = {
                f.name: getattr(dep, f.name)
                for f in dataclasses.fields(Dependency)
                if f.name
                not in (
                    "id",
                    "targets",
                    "fn",
                    "inputs",
                    "outputs",
                    "root",
                    "is_generator",
                    "is_cancel",
                    "inputs_as_dict",
                    "input_keys",
                    "inputs_kwargs",
                )
            }
            options["trigger_after"] = (
                id_map.get(dep.trigger_after, dep.trigger_after) if dep.trigger_after is not None else None
            )
            options["cancels"] = [id_map.get(c, c) for c in dep.cancels]
            inputs: Any = dep.inputs
            if dep.inputs_kwargs and dep.inputs_as_dict is None:
                split = len(dep.inputs) - len(dep.inputs_kwargs)
                inputs = dep.inputs[:split]
                options["inputs_kwargs"] = dict(zip(dep.inputs_kwargs, dep.inputs[split:], strict=True))
            if dep.inputs_as_dict == "components":
                inputs = set(dep.inputs)
            elif dep.inputs_as_dict == "keys":
                inputs = dict(zip(dep.input_keys or [], dep.inputs, strict=False))
            if dep.renderable is not None:
                # A gr.render of this app now belongs to the app it is rendered in: its render_id follows that app's.
                dep.renderable._id = len(root.renderables)
                dep.renderable.root = root
                root.renderables.append(dep.renderable)
            new = root._add_dependency(targets, dep.fn, inputs, dep.outputs, options)
            id_map[dep.id] = new.id
        root.examples_handlers.extend(self.examples_handlers)
        return self

    def load(
        block,
        fn: Callable[..., Any] | Literal["decorator"] | None = DECORATOR,
        inputs: Any = None,
        outputs: Any = None,
        api_name: str | None = None,
        api_description: str | Literal[False] | None = None,
        scroll_to_output: bool = False,
        show_progress: ShowProgress = "full",
        show_progress_on: Any = None,
        queue: bool = True,
        batch: bool = False,
        max_batch_size: int = 4,
        preprocess: bool = True,
        postprocess: bool = True,
        cancels: Any = None,
        trigger_mode: TriggerMode | None = None,
        js: str | Literal[True] | None = None,
        concurrency_limit: int | Literal["default"] | None = "default",
        concurrency_id: str | None = None,
        api_visibility: ApiVisibility = "public",
        time_limit: float | None = None,
        stream_every: float = 0.5,
        key: int | str | tuple[int | str, ...] | None = None,
        validator: Callable[..., Any] | None = None,
        inputs_kwargs: dict[str, Any] | None = None,
    ) -> Any:
        """Run ``fn`` when a browser opens the page.

        Called without ``fn`` it returns a decorator. The options are every listener's (see
        :func:`trellis.blocks.events.listener_options`).

        Returns:
            The :class:`Dependency`, for ``.then()``/``.success()`` chains.
        """
        options = listener_options(
            **{k: v for k, v in locals().items() if k not in ("block", "fn", "inputs", "outputs")}
        )
        # Inside a gr.render run the listener is the session's, like every other the run attaches (as Gradio).
        current = context.current_root()
        owner = current if getattr(current, "renderable", None) is not None else block
        return _listen(owner, [(block._id, "load")], fn, inputs, outputs, **options)

    def unload(self, fn: Callable[..., Any]) -> Any:
        """Run ``fn`` when a browser session ends (its tab is closed)."""
        # As Gradio's: no progress (nothing shows it), and its config names no target block.
        return _listen(self, [(self._id, "unload")], fn, None, None, api_visibility="private", show_progress="hidden")

    def _attach_value_loaders(self) -> None:
        """Components whose value is a function get one listener that sets it, once (as Gradio makes it).

        It runs on page load, on each tick of the component's ``every`` Timer and whenever one of its
        ``inputs`` changes; its API name is the function's name and it is public, queued and shown with
        progress unless a Timer or inputs trigger it too.
        """
        if self._value_loaders_attached:
            return
        self._value_loaders_attached = True
        # In the order the components were made (as Gradio's, whose components are rendered as they are made;
        # an Interface's States too), so the loaders' API names are Gradio's.
        for block in sorted(self.all_blocks().values(), key=lambda b: b._id):
            fn = getattr(block, "load_fn", None)
            if fn is None:
                continue
            # On the component's own page of a multipage app (Gradio puts it where the page was being defined).
            with self._on_page_of(block):
                inputs = getattr(block, "inputs", None)
                sources = [inputs] if isinstance(inputs, Block) else list(inputs or [])
                triggers = [(source._id, "change") for source in sources if "change" in getattr(source, "EVENTS", ())]
                every = getattr(block, "every", None)
                if every:
                    if isinstance(every, Timer):
                        timer = every
                    else:
                        context.push(self)
                        try:
                            timer = Timer(every)
                        finally:
                            context.pop(self)
                    triggers.append((timer._id, "tick"))
                _listen(
                    self,
                    [*triggers, (self._id, "load")],
                    fn,
                    inputs,
                    block,
                    show_progress="hidden" if triggers else "full",
                    trigger_mode="once",
                )

    # -- tree ------------------------------------------------------------------------
    def all_blocks(self) -> dict[int, Block]:
        """Every block of the app by id: the layout tree plus anything a listener names."""
        found: dict[int, Block] = {}

        def walk(block: Block) -> None:
            found[block._id] = block
            for child in getattr(block, "children", ()):
                walk(child)

        walk(self)
        for dep in self.dependencies:
            for block in (*dep.inputs, *dep.outputs):
                if isinstance(block, Block) and block._id not in found:
                    walk(block)
        return found

    # -- serving --------------------------------------------------------------------
    def compile(self) -> CompiledApp:
        """The served form of this app (config, API info, function table) that the server takes.

        Attaches the ``load`` listeners of components whose value is a function first.
        """
        self._attach_value_loaders()
        return compile_app(self)

    def cache_example_outputs(self) -> None:
        """Compute the outputs of the examples with ``cache_examples=True`` (before serving)."""
        for examples in self.examples_handlers:
            examples.cache_all()

    def queue(
        self,
        status_update_rate: float | Literal["auto"] = "auto",
        api_open: bool | None = None,
        max_size: int | None = None,
        concurrency_count: int | None = None,
        *,
        default_concurrency_limit: int | Literal["not_set"] | None = "not_set",
        **kwargs: Any,
    ) -> Blocks:
        """Set queue options: ``default_concurrency_limit`` (else ``GRADIO_DEFAULT_CONCURRENCY_LIMIT``, else 1) and ``max_size``."""
        if concurrency_count is not None:
            raise InvalidConfigError(
                "queue(concurrency_count=...) was removed in Gradio 4; use default_concurrency_limit= instead."
            )
        settings = self.queue_settings
        settings.status_update_rate = status_update_rate
        if api_open is not None:
            settings.api_open = api_open
        if max_size is not None:
            settings.max_size = max_size
        if default_concurrency_limit != "not_set":
            settings.default_concurrency_limit = default_concurrency_limit
        return self

    def launch(
        self,
        inline: bool | None = None,
        inbrowser: bool = False,
        share: bool | None = None,
        debug: bool = False,
        max_threads: int = 40,
        auth: Any = None,
        auth_message: str | None = None,
        prevent_thread_lock: bool = False,
        show_error: bool = False,
        server_name: str | None = None,
        server_port: int | None = None,
        *,
        height: int = 500,
        width: int | str = "100%",
        favicon_path: str | None = None,
        ssl_keyfile: str | None = None,
        ssl_certfile: str | None = None,
        ssl_keyfile_password: str | None = None,
        ssl_verify: bool = True,
        quiet: bool = False,
        footer_links: list[Any] | None = None,
        run_history: bool | None = None,
        allowed_paths: list[str] | None = None,
        blocked_paths: list[str] | None = None,
        root_path: str | None = None,
        app_kwargs: dict[str, Any] | None = None,
        state_session_capacity: int = 10000,
        share_server_address: str | None = None,
        share_server_protocol: Literal["http", "https"] | None = None,
        share_server_tls_certificate: str | None = None,
        auth_dependency: Callable[..., str | None] | None = None,
        max_file_size: str | int | None = None,
        enable_monitoring: bool | None = None,
        strict_cors: bool = True,
        node_server_name: str | None = None,
        node_port: int | None = None,
        ssr_mode: bool | None = None,
        pwa: bool | None = None,
        mcp_server: bool | None = None,
        num_workers: int | None = None,
        _app: App | None = None,
        _frontend: bool = True,
        theme: Any = None,
        css: str | None = None,
        css_paths: str | Sequence[str] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | Sequence[str] | None = None,
        allowed_origins: Sequence[str] | None = None,
        allowed_hosts: Sequence[str] | None = None,
        trusted_proxies: Sequence[str] | None = None,
        max_header_size: str | int | None = None,
        max_header_count: int | None = None,
        max_body_size: str | int | None = None,
        max_upload_parts: int | None = None,
        max_sessions_per_client: int | None = None,
        i18n: I18n | None = None,
        **kwargs: Any,
    ) -> tuple[Any, str, str | None]:
        """Start the web server and (for a script) wait until it is stopped with Ctrl+C.

        Besides Gradio's arguments, Trellis takes the request limits and origin rules described
        in ``docs/security.md``: ``allowed_origins`` (pages on other origins that may call the app),
        ``allowed_hosts`` (host names it answers to), ``trusted_proxies``, ``max_header_size``,
        ``max_header_count``, ``max_body_size``, ``max_upload_parts`` and ``max_sessions_per_client``.
        Every argument named as a server setting is passed on to it by that name.

        ``_app`` is a ``gr.routes.App`` to serve the app in (instead of a new one), as Gradio's.
        Some of Gradio's arguments name features Trellis does not have, and warn once when set:
        ``share_server_address``, ``share_server_protocol`` and ``share_server_tls_certificate`` only
        apply to share links, which Trellis does not make; ``ssr_mode=True`` (or ``GRADIO_SSR_MODE``),
        ``node_server_name`` and ``node_port`` configure Gradio's server-side rendering through Node,
        and ``num_workers`` the static-file workers that only run with it (Trellis renders in the
        browser); ``enable_monitoring=True`` asks for Gradio's ``/monitoring`` dashboard, which Trellis
        does not serve. ``_frontend=False`` turns off Gradio's check that the local URL is reachable,
        which Trellis does not make, so it changes nothing. ``i18n``: a
        ``gr.I18n`` whose tables translate the app's ``i18n(...)`` markers in the page.
        """
        arguments = dict(locals())
        from trellis.server.launch import start_server
        from trellis.server.settings import LaunchSettings, setting_arguments

        _warn_unsupported_launch_options(arguments)
        self._set_page(theme=theme, css=css, css_paths=css_paths, js=js, head=head, head_paths=head_paths)
        if share or (share is None and os.environ.get("GRADIO_SHARE", "").lower() == "true"):
            print("Public share links are not offered by Trellis; the app is served locally only.", file=sys.stderr)
        self.show_error = show_error
        if i18n is not None:
            self.i18n_instance = i18n
        settings = LaunchSettings.from_arguments(**setting_arguments(arguments))
        compiled = self.compile()
        self.cache_example_outputs()
        from trellis.routes import App

        # As Gradio's launch(): the app served is a gr.routes.App (a FastAPI app), returned first.
        app = _app if _app is not None else App(auth_dependency=settings.auth_dependency, **settings.app_kwargs)
        server = self.server = start_server(compiled, settings, app)
        app.blocks = self
        self.server_app = app
        self.local_url = server.url
        if not quiet:
            print(f"* Running on local URL:  {server.url}", flush=True)
        if inbrowser:
            import webbrowser

            webbrowser.open(server.url)
        if not prevent_thread_lock and _should_block():
            self.block_thread()
        return _QuietTuple((server.app, server.url, None))

    def _set_page(
        self,
        *,
        theme: Any = None,
        css: str | None = None,
        css_paths: str | Sequence[str] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | Sequence[str] | None = None,
    ) -> None:
        """Apply the page options given to ``launch()`` or ``mount_gradio_app()``; ``None`` keeps the app's own."""
        for name, value in (("theme", theme), ("css", css), ("js", js), ("head", head)):
            if value is not None:
                setattr(self, name, value)
        if css_paths:
            self.css_paths.extend([css_paths] if isinstance(css_paths, str) else css_paths)
        if head_paths:
            self.head_paths.extend([head_paths] if isinstance(head_paths, str) else head_paths)

    def block_thread(self) -> None:
        """Wait until Ctrl+C (or SIGTERM), then stop the server."""
        import signal

        def _terminate(signum: int, frame: Any) -> None:
            raise KeyboardInterrupt

        try:
            previous = signal.signal(signal.SIGTERM, _terminate)
        except ValueError:  # not the main thread
            previous = None
        try:
            while self.server is not None and self.server.is_running():
                time.sleep(0.1)
        except KeyboardInterrupt:
            print("Keyboard interruption in main thread... closing server.", file=sys.stderr)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
            self.close()

    def close(self, verbose: bool = True) -> None:
        """Stop the server started by :meth:`launch`."""
        server, self.server = self.server, None
        if server is not None:
            server.close()

    def get_config_file(self) -> dict[str, Any]:
        """The config JSON that ``/config`` serves (with an empty ``root``)."""
        return self.compile().config_for_root("")

    @property
    def config(self) -> dict[str, Any]:
        """The config JSON, as :meth:`get_config_file` builds it (Gradio's ``demo.config``)."""
        return self.get_config_file()

    @property
    def fns(self) -> dict[int, Dependency]:
        """The app's listeners by id (Gradio's ``demo.fns``)."""
        return {dep.id: dep for dep in self.dependencies}

    def integrate(
        self, comet_ml: Any = None, wandb: ModuleType | None = None, mlflow: ModuleType | None = None
    ) -> None:
        """Report the running app to an experiment tracker, as Gradio's ``integrate`` (call it after ``launch()``).

        Args:
            comet_ml: A Comet ``Experiment``: the app's URL is logged to it (``log_text``) and it is ended.
            wandb: The ``wandb`` module: Gradio logs a panel showing the app's share link; Trellis makes no
                share links, so it prints that the integration needs ``launch(share=True)``, as Gradio does
                without one.
            mlflow: The ``mlflow`` module: likewise, the share link parameter Gradio logs needs a share link.

        Raises:
            ValueError: ``comet_ml`` given before ``launch()``.
        """
        if comet_ml is not None:
            comet_ml.log_other("Created from", "Gradio")
            url = self.share_url or self.local_url
            if not url:
                raise ValueError("Please run `launch()` first.")
            comet_ml.log_text(f"gradio: {url}")
            comet_ml.end()
        if wandb is not None:
            if not (hasattr(wandb, "log") and hasattr(wandb, "Html")):
                raise TypeError("wandb module missing required attributes")
            if self.share_url is not None:
                wandb.log({"Gradio panel": wandb.Html(f'<iframe src="{self.share_url}" frameBorder="0"></iframe>')})
            else:
                print("The WandB integration requires you to `launch(share=True)` first.")
        if mlflow is not None:
            if not hasattr(mlflow, "log_param"):
                raise TypeError("mlflow module missing required attributes")
            if self.share_url is not None:
                mlflow.log_param("Gradio Interface Share Link", self.share_url)
            else:
                print("The MLFlow integration requires you to `launch(share=True)` first.")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.title!r}: {len(self.all_blocks()) - 1} blocks, {len(self.dependencies)} listeners>"

    def children_components(self) -> list[Component]:
        """Every component of the app (layout blocks left out)."""
        return [b for b in self.all_blocks().values() if isinstance(b, Component)]


#: The launch() options naming Gradio features Trellis does not have, and why they do not apply.
_UNSUPPORTED_LAUNCH_OPTIONS = {
    "share_server_address": "Trellis makes no share links",
    "share_server_protocol": "Trellis makes no share links",
    "share_server_tls_certificate": "Trellis makes no share links",
    "ssr_mode": "Trellis renders the page in the browser (no server-side rendering)",
    "node_server_name": "Trellis has no server-side rendering through Node",
    "node_port": "Trellis has no server-side rendering through Node",
    "num_workers": "Gradio's static-file workers only run with server-side rendering, which Trellis does not have",
    "enable_monitoring": "Trellis serves no /monitoring dashboard",
}
_warned_launch_options: set[str] = set()


def _warn_unsupported_launch_options(arguments: dict[str, Any]) -> None:
    """Warn (once per option) about launch() options that cannot apply to Trellis."""
    given = dict(arguments)
    if given.get("ssr_mode") is None and os.environ.get("GRADIO_SSR_MODE", "").lower() == "true":
        given["ssr_mode"] = True
    for name, reason in _UNSUPPORTED_LAUNCH_OPTIONS.items():
        value = given.get(name)
        if value is None or value is False or name in _warned_launch_options:
            continue
        _warned_launch_options.add(name)
        warnings.warn(f"launch({name}={value!r}) is not applied: {reason}.", stacklevel=3)


def _should_block() -> bool:
    """A script blocks in launch(); an interactive session or notebook does not."""
    if hasattr(sys, "ps1") or sys.flags.interactive:
        return False
    return "ipykernel" not in sys.modules


class _QuietTuple(tuple[Any, ...]):
    """``launch()``'s ``(app, local_url, share_url)``, which a notebook cell does not echo (as Gradio's)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return ""
