"""``gr.routes``: the ASGI app that serves one app, for embedding it in your own FastAPI app.

Gradio's embedding pattern works unchanged::

    app = FastAPI()
    app.add_middleware(SessionMiddleware, secret_key="...")
    io = gr.routes.App.create_app(demo)
    app.mount("/demo", io)

or ``gr.mount_gradio_app(app, demo, path="/demo")``. Handlers then read the request through
``request: gr.Request`` (``request.request.session``, ``request.state``, ...). Unlike Gradio's, an
app made by :meth:`App.create_app` needs no startup call: its queue, uploads and page work once it
is mounted (or served directly with ``uvicorn.run(App.create_app(demo))``).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from fastapi import FastAPI

from trellis.config.build import CompiledApp
from trellis.server.app import app_options, create_app
from trellis.server.guard import PARENT_APP
from trellis.server.mount import mount_app
from trellis.server.settings import LaunchSettings, request_limits

if TYPE_CHECKING:
    from starlette.types import Receive, Scope, Send


#: ``auth_dependency``: request → user name (``None``: not logged in); a coroutine function works too.
AuthDependency = Callable[..., Any]


class Blocks(Protocol):
    """What an :class:`App` needs of the app it serves: a ``gr.Blocks``.

    Typed by structure, so this module (which ``Blocks.launch`` uses) need not import it.
    """

    show_error: bool
    server_app: FastAPI | None

    def compile(self) -> CompiledApp:
        """The app turned into data: config, API info and function table."""
        ...

    def cache_example_outputs(self) -> None:
        """Compute the outputs of examples cached at start-up."""
        ...


class App(FastAPI):
    """The FastAPI app serving one Trellis app (Gradio's ``gr.routes.App``).

    Make one with :meth:`create_app`; ``gr.mount_gradio_app`` makes one too. It is an ASGI app:
    mount it in another app or serve it with uvicorn. Like Gradio's, it has no OpenAPI pages
    unless ``docs_url``/``redoc_url``/``openapi_url`` are given.
    """

    def __init__(self, auth_dependency: AuthDependency | None = None, **kwargs: Any) -> None:
        super().__init__(**app_options(kwargs))
        #: Names the user of a request (``None``: not logged in); see ``launch(auth_dependency=...)``.
        self.auth_dependency = auth_dependency
        #: The app this serves, once :meth:`create_app` has set it up.
        self.blocks: Blocks | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request; one that comes through an enclosing app records it for the request guard."""
        outer = scope.get("app")
        if outer is not None and outer is not self:
            scope[PARENT_APP] = outer  # whose CORSMiddleware, if any, answers CORS for this app
        await super().__call__(scope, receive, send)

    def get_blocks(self) -> Blocks:
        """The app this serves; ``ValueError`` before :meth:`create_app` has set one up."""
        if self.blocks is None:
            raise ValueError("No Blocks has been configured for this app.")
        return self.blocks

    @staticmethod
    def create_app(
        blocks: Blocks,
        app: App | None = None,
        app_kwargs: dict[str, Any] | None = None,
        auth_dependency: AuthDependency | None = None,
        strict_cors: bool = True,
        mcp_server: bool | None = None,
        debug: bool = False,
        parent_app: FastAPI | None = None,
    ) -> App:
        """The app serving ``blocks``, ready to mount (``parent.mount("/path", app)``) or to serve.

        Args:
            blocks: The app to serve.
            app: An :class:`App` (made with ``App(...)``, not serving anything yet) to set up instead
                of a new one. Of ``app_kwargs``, only ``lifespan`` applies to it.
            app_kwargs: Keyword arguments of the new app's ``FastAPI(...)`` (``lifespan``, ``docs_url``...).
            auth_dependency: Called with each request; the user name it returns logs the request in,
                ``None`` refuses it (as ``launch(auth_dependency=...)``).
            strict_cors: ``False`` also lets pages with no origin (``null``) and localhost pages call
                an app served on localhost.
            mcp_server: Trellis has no MCP server: ``True`` (or ``GRADIO_MCP_SERVER=true``) warns.
            debug: FastAPI's debug mode (tracebacks in error pages).
            parent_app: The app this one will be mounted in. When it has a ``CORSMiddleware``, CORS is
                left to it and the origins it names may call this app (``docs/security.md``);
                ``gr.mount_gradio_app`` passes it itself.

        Returns:
            The :class:`App`; ``blocks.server_app`` is set to it too.
        """
        app_kwargs = dict(app_kwargs or {})
        _warn_mcp(mcp_server)
        if app is None:
            app = App(
                auth_dependency=auth_dependency, **{**app_kwargs, "debug": debug or app_kwargs.get("debug", False)}
            )
        else:
            _reuse(app, app_kwargs, auth_dependency, debug)
        settings = LaunchSettings(
            auth_dependency=app.auth_dependency,
            show_error=blocks.show_error,
            app_kwargs=app_kwargs,
            strict_cors=strict_cors,
            **request_limits(),
        )
        return serve(blocks, settings, app, parent_app)


def serve(
    blocks: Blocks, settings: LaunchSettings, app: App, parent: FastAPI | None = None, path: str | None = None
) -> App:
    """Set ``app`` up to serve ``blocks`` with ``settings``, and mount it at ``path`` in ``parent`` if given.

    ``parent`` without ``path``: the app the caller will mount it in (for its CORS rules).
    """
    compiled = blocks.compile()
    blocks.cache_example_outputs()
    if parent is not None and path is not None:
        mount_app(parent, compiled, path, settings, app)
    else:
        create_app(compiled, settings, app, parent=parent)
    app.blocks = blocks
    blocks.server_app = app
    return app


def _warn_mcp(mcp_server: bool | None) -> None:
    if mcp_server is None:
        mcp_server = os.environ.get("GRADIO_MCP_SERVER", "").lower() == "true"
    if mcp_server:
        warnings.warn("Trellis has no MCP server: mcp_server=True is not served.", stacklevel=3)


def _reuse(app: App, app_kwargs: dict[str, Any], auth_dependency: AuthDependency | None, debug: bool) -> None:
    """Apply ``create_app``'s arguments to an existing ``app``: its lifespan, login check and debug mode."""
    if not isinstance(app, App):
        raise TypeError(
            f"App.create_app(app=...) takes a gr.routes.App (made with App(...)), not {type(app).__name__}."
        )
    others = sorted(set(app_kwargs) - {"lifespan"})
    if others:
        raise ValueError(
            f"App.create_app(app=...) sets up an existing app, so app_kwargs can only give it a lifespan; "
            f"pass {', '.join(others)} to App(...) instead."
        )
    if "lifespan" in app_kwargs:
        app.router.lifespan_context = app_kwargs["lifespan"]
    if auth_dependency is not None:
        app.auth_dependency = auth_dependency
    if debug:
        app.debug = True
