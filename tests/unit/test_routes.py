"""gr.routes.App and gr.mount_gradio_app: Gradio's signatures, and what each argument does or says.

The parameter lists were read from Gradio 6.31 (``inspect.signature``). Serving through real
uvicorn and gradio_client is tested in ``tests/integration/test_embedding.py``.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import subprocess
import sys
import textwrap
import warnings

import pytest
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

import trellis as gr
from trellis.routes import App
from trellis.server.guard import parent_cors

#: ``gradio.routes.App.create_app``'s parameters, in order (Gradio 6.31).
GRADIO_CREATE_APP = [
    "blocks",
    "app",
    "app_kwargs",
    "auth_dependency",
    "strict_cors",
    "mcp_server",
    "debug",
    "parent_app",
]
#: ``gradio.mount_gradio_app``'s parameters, in order (Gradio 6.31); Trellis adds its own after them.
GRADIO_MOUNT = [
    "app",
    "blocks",
    "path",
    "server_name",
    "server_port",
    "footer_links",
    "run_history",
    "app_kwargs",
    "auth",
    "auth_message",
    "auth_dependency",
    "root_path",
    "allowed_paths",
    "blocked_paths",
    "favicon_path",
    "show_error",
    "max_file_size",
    "ssr_mode",
    "node_server_name",
    "node_port",
    "enable_monitoring",
    "pwa",
    "i18n",
    "mcp_server",
    "theme",
    "css",
    "css_paths",
    "js",
    "head",
    "head_paths",
]


def demo() -> gr.Blocks:
    with gr.Blocks() as blocks:
        gr.Textbox().submit(lambda x: x, gr.Textbox(), gr.Textbox(), api_name="echo")
    return blocks


def test_gr_routes_is_the_routes_module_and_gradio_routes_too() -> None:
    code = """
    import json, trellis
    from trellis import _aliases
    _aliases.alias_gradio()
    import gradio as gr
    import gradio.routes
    from gradio.routes import App
    print(json.dumps([gr.routes is trellis.routes, gradio.routes is trellis.routes, App is trellis.routes.App]))
    """
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [True, True, True]


def test_import_trellis_does_not_load_the_routes_module() -> None:
    code = "import sys, trellis; print(int('trellis.routes' in sys.modules or 'fastapi' in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "0", result.stderr


def test_signatures_take_gradios_parameters_in_gradios_order() -> None:
    create = list(inspect.signature(App.create_app).parameters)
    mount = list(inspect.signature(gr.mount_gradio_app).parameters)
    assert create == GRADIO_CREATE_APP
    assert mount[: len(GRADIO_MOUNT)] == GRADIO_MOUNT
    assert all(p.kind is p.KEYWORD_ONLY for p in list(inspect.signature(gr.mount_gradio_app).parameters.values())[8:])


def test_create_app_returns_an_app_that_is_a_fastapi_app() -> None:
    blocks = demo()
    app = App.create_app(blocks)
    assert isinstance(app, App) and isinstance(app, FastAPI)
    assert (app.get_blocks(), blocks.server_app, app.docs_url, app.openapi_url, app.debug) == (
        blocks,
        app,
        None,
        None,
        False,
    )


def test_create_app_applies_app_kwargs_and_debug() -> None:
    app = App.create_app(demo(), app_kwargs={"docs_url": "/docs", "title": "Mine"}, debug=True)
    assert (app.docs_url, app.title, app.debug) == ("/docs", "Mine", True)


def test_create_app_sets_up_a_given_app_and_refuses_what_cannot_apply() -> None:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        yield

    def user(request: object) -> str:
        return "ada"

    mine = App(title="Mine")
    assert App.create_app(demo(), app=mine, app_kwargs={"lifespan": lifespan}, auth_dependency=user) is mine
    assert (mine.title, mine.router.lifespan_context, mine.auth_dependency) == ("Mine", lifespan, user)
    with pytest.raises(ValueError, match="already serves"):
        App.create_app(demo(), app=mine)
    with pytest.raises(ValueError, match="app_kwargs can only give it a lifespan; pass title to App"):
        App.create_app(demo(), app=App(), app_kwargs={"title": "x"})
    with pytest.raises(TypeError, match="takes a gr.routes.App"):
        App.create_app(demo(), app=FastAPI())  # type: ignore[arg-type]


def test_get_blocks_before_setup_raises() -> None:
    with pytest.raises(ValueError, match="No Blocks"):
        App().get_blocks()


def test_mcp_server_warns_that_trellis_has_none() -> None:
    with pytest.warns(UserWarning, match="no MCP server"):
        App.create_app(demo(), mcp_server=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        App.create_app(demo(), mcp_server=False)


def test_mount_gradio_app_applies_page_options_and_warns_about_missing_features() -> None:
    host = FastAPI()
    blocks = demo()
    with pytest.warns(UserWarning, match=r"mount_gradio_app\(ssr_mode=...\)"):
        result = gr.mount_gradio_app(host, blocks, "/x", "127.0.0.1", 9000, [], None, None, ssr_mode=True, css="b{}")
    assert result is host
    assert isinstance(blocks.server_app, App)
    assert blocks.css == "b{}"
    assert blocks.server_app.get_blocks() is blocks
    with pytest.raises(TypeError):
        gr.mount_gradio_app(FastAPI(), demo(), "/y", no_such_option=1)  # type: ignore[call-arg]


def test_parent_cors_reads_the_parents_named_origins_and_regex_never_a_wildcard() -> None:
    assert parent_cors(FastAPI()) is None
    assert parent_cors(None) is None
    host = FastAPI()
    host.add_middleware(
        CORSMiddleware, allow_origins=["https://ok.example", "*"], allow_origin_regex=r"https://.*\.ok\.dev"
    )
    rules = parent_cors(host)
    assert rules is not None
    assert [rules.allows(o) for o in ("https://ok.example", "https://a.ok.dev", "https://evil.example", "*")] == [
        True,
        True,
        False,
        False,
    ]
    wildcard = FastAPI()
    wildcard.add_middleware(CORSMiddleware, allow_origins=["*"])
    only_star = parent_cors(wildcard)
    assert only_star is not None and not only_star.allows("https://evil.example")
