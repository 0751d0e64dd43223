"""Blocks tree → the compiled app: config JSON, API info and the function table.

Pure: reads the app definition (anything shaped like :class:`AppDefinition`, which
``Blocks`` is) without changing it, and produces data. The server, queue and
processing layers take the immutable :class:`CompiledApp` and never look at ``Blocks``.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import os
import random
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal, Protocol

from trellis._version import GRADIO_COMPAT_VERSION
from trellis.blocks.events import CHAINED_EVENTS, Dependency
from trellis.components import registry
from trellis.components.base import Block, BlockContext, Component
from trellis.components.state import State
from trellis.config.functions import FunctionPlan, plan_function
from trellis.config.pages import page_section
from trellis.config.schema import json_schema_to_python_type
from trellis.exceptions import InvalidConfigError
from trellis.i18n import I18nData, translations_of
from trellis.themes import ThemeClass, bundled_theme_css, resolve

#: Top-level config keys whose values come straight from the app.
_PRESENTATION_DEFAULTS: dict[str, Any] = {
    "dev_mode": False,
    "vibe_mode": False,
    "analytics_enabled": False,
    "is_colab": False,
    "stylesheets": [],
    "pwa": False,
    "mcp_server": False,
    "i18n_translations": None,
    "space_id": None,
    "run_history": True,
    "footer_links": ["api", "gradio", "settings", "runs"],
}


@dataclasses.dataclass
class QueueSettings:
    """Options given to ``Blocks.queue()``."""

    #: ``"not_set"``: the ``GRADIO_DEFAULT_CONCURRENCY_LIMIT`` environment variable, else 1 (see
    #: :func:`default_concurrency_limit`).
    default_concurrency_limit: int | Literal["not_set"] | None = "not_set"
    max_size: int | None = None
    status_update_rate: float | Literal["auto"] = "auto"
    api_open: bool = True


class AppDefinition(Protocol):
    """What :func:`compile_app` reads of an app: the root container (a ``Blocks``), its listeners and options."""

    _id: int
    children: list[Block]
    dependencies: list[Dependency]
    queue_settings: QueueSettings
    mode: str
    title: str
    theme: Any
    css: str | None
    css_paths: list[str]
    js: str | None
    head: str | None
    head_paths: list[str]
    fill_height: bool
    fill_width: bool
    show_error: bool
    delete_cache: tuple[int, int] | None

    def all_blocks(self) -> dict[int, Block]:
        """Every block of the app by id."""


def _class_id(cls: type) -> str:
    return registry.class_id(cls)


@dataclasses.dataclass(frozen=True)
class EndpointInfo:
    """One listener as the server sees it."""

    dep: Dependency
    plan: FunctionPlan
    inputs: tuple[Component, ...]
    outputs: tuple[Block, ...]
    """Every output, layout blocks (a Column made visible) included, in the listener's order."""
    state_input_positions: tuple[int, ...]
    state_output_positions: tuple[int, ...]
    concurrency_key: str
    concurrency_limit: int | None


@dataclasses.dataclass(frozen=True)
class CompiledApp:
    """The served form of an app: config, API info, the callable endpoints and what the server needs.

    Immutable: a server that serves it with settings of its own (``show_error``, cached file
    values) works on a derived copy (``dataclasses.replace``).
    """

    root_id: int
    blocks: Mapping[int, Block]
    endpoints: tuple[EndpointInfo, ...]
    by_api_name: Mapping[str, EndpointInfo]
    config: Mapping[str, Any]
    api_info_public: dict[str, Any]
    api_info_all: dict[str, Any]
    state_components: Mapping[int, State]
    unload_endpoints: tuple[EndpointInfo, ...]
    app_id: int
    max_size: int | None
    api_open: bool = True
    #: ``(frequency_s, age_s)`` of the file cache sweep, from ``Blocks(delete_cache=...)``.
    delete_cache: tuple[float, float] | None = None
    #: Indexes into ``config["components"]`` whose props hold files (initial values, example samples).
    file_value_components: tuple[int, ...] = ()
    #: The theme's CSS (``GET /theme.css``), and whether the frontend bundle already holds its variables (the
    #: default theme); then the page inlines the theme's ``@font-face`` rules, ``theme_font_css``, instead.
    theme_css: str = ""
    theme_bundled: bool = False
    theme_font_css: str = ""
    #: The queue's ``default_concurrency_limit`` (for the listeners ``gr.render`` runs make).
    default_concurrency_limit: int | None = 1

    def config_for_root(self, root: str) -> dict[str, Any]:
        """The config for a request whose public URL root is ``root`` (file URLs in props made absolute)."""
        config = dict(self.config)
        config["root"] = root
        if self.file_value_components:
            # File values in props carry root-relative URLs; make them absolute for this request.
            components = list(config["components"])
            for index in self.file_value_components:
                entry = components[index]
                components[index] = {**entry, "props": _absolute_urls(entry["props"], root)}
            config["components"] = components
        return config


def _absolute_urls(value: Any, root: str) -> Any:
    if isinstance(value, dict):
        url = value.get("url")
        out = {k: _absolute_urls(v, root) for k, v in value.items()}
        if isinstance(url, str) and url.startswith("/gradio_api/"):
            out["url"] = root + url
        return out
    if isinstance(value, list):
        return [_absolute_urls(v, root) for v in value]
    return value


def _layout(block: Block) -> dict[str, Any]:
    node: dict[str, Any] = {"id": block._id}
    if isinstance(block, BlockContext):
        node["children"] = [_layout(child) for child in block.children]
    return node


def component_entry(block: Block, events: set[str] | None = None) -> dict[str, Any]:
    """The ``config.components[]`` entry of one block: id, type, props and API info."""
    props = block.get_props()
    listener_props = getattr(block, "listener_props", None)
    if listener_props is not None:
        props = {**listener_props(events or set()), **props}
    entry: dict[str, Any] = {
        "id": block._id,
        "type": block.block_type,
        "props": props,
        "skip_api": block.skip_api,
        "component_class_id": _class_id(type(block)),
        "key": block.key,
    }
    if not block.skip_api and isinstance(block, Component):
        entry["api_info"] = block.api_info()
        entry["api_info_as_input"] = block.api_info_as_input()
        entry["api_info_as_output"] = block.api_info_as_output()
        entry["example_inputs"] = block.example_payload()
    return entry


#: Events whose config target is ``null``.
_NO_TARGET = CHAINED_EVENTS | {"unload"}


def dependency_entry(dep: Dependency, plan: FunctionPlan) -> dict[str, Any]:
    """The ``config.dependencies[]`` entry of one listener."""
    return {
        "id": dep.id,
        # As in Gradio, a chained listener (.then/.success/.failure) has no target block: trigger_after names it.
        # and neither has ``unload`` (it follows the session, not a block).
        "targets": [[None if event in _NO_TARGET else target, event] for target, event in dep.targets],
        "inputs": [b._id for b in dep.inputs],
        "outputs": [b._id for b in dep.outputs],
        "backend_fn": dep.fn is not None,
        "js": dep.js,
        "queue": dep.queue,
        "api_name": dep.api_name,
        "api_description": dep.api_description,
        "scroll_to_output": dep.scroll_to_output,
        "show_progress": dep.show_progress,
        "show_progress_on": dep.show_progress_on,
        "batch": dep.batch,
        "max_batch_size": dep.max_batch_size,
        "cancels": list(dep.cancels),
        "types": {"generator": dep.is_generator, "cancel": dep.is_cancel},
        "collects_event_data": plan.collects_event_data,
        "trigger_after": dep.trigger_after,
        "trigger_only_on_success": dep.trigger_only_on_success,
        "trigger_only_on_failure": dep.trigger_only_on_failure,
        "trigger_mode": dep.trigger_mode,
        "api_visibility": dep.api_visibility,
        "rendered_in": dep.rendered_in,
        "render_id": dep.renderable._id if dep.renderable is not None else None,
        "connection": dep.connection,
        "time_limit": dep.time_limit,
        "stream_every": dep.stream_every,
        "event_specific_args": dep.event_specific_args,
        "component_prop_inputs": [],
        "js_implementation": None,
    }


def default_concurrency_limit(settings: QueueSettings) -> int | None:
    """The concurrency limit of listeners without their own.

    ``queue(default_concurrency_limit=)`` if given, else (as Gradio) the
    ``GRADIO_DEFAULT_CONCURRENCY_LIMIT`` environment variable (a number or ``none``), else 1.
    """
    if settings.default_concurrency_limit != "not_set":
        return settings.default_concurrency_limit
    value = os.environ.get("GRADIO_DEFAULT_CONCURRENCY_LIMIT", "").strip()
    if not value:
        return 1
    if value.lower() == "none":
        return None
    try:
        limit = int(value)
    except ValueError:
        raise InvalidConfigError(
            f"GRADIO_DEFAULT_CONCURRENCY_LIMIT must be a whole number or 'none', not {value!r}."
        ) from None
    if limit < 1:
        raise InvalidConfigError(f"GRADIO_DEFAULT_CONCURRENCY_LIMIT must be at least 1, not {limit}.")
    return limit


def endpoint_for(
    dep: Dependency, default_concurrency_limit: int | None, function_pool: int | None = None
) -> EndpointInfo:
    """The served form of one listener (also of a listener a ``gr.render`` run made for one session).

    ``function_pool``: as in Gradio, listeners of the app without a ``concurrency_id`` that call the
    same function object share one concurrency pool, named after the first of them (this id), so
    that every server process of the app names it alike (a ``gr.render`` run's listeners keep their own).
    """
    plan = plan_function(dep)
    inputs, outputs = _resolve_dependency_blocks(dep)
    limit = dep.concurrency_limit
    if limit == "default":
        limit = default_concurrency_limit
    return EndpointInfo(
        dep=dep,
        plan=plan,
        inputs=inputs,
        outputs=outputs,
        state_input_positions=tuple(i for i, c in enumerate(inputs) if isinstance(c, State)),
        state_output_positions=tuple(i for i, c in enumerate(outputs) if isinstance(c, State)),
        concurrency_key=dep.concurrency_id
        or (f"function-{function_pool}" if function_pool is not None and dep.fn is not None else f"fn-{dep.id}"),
        concurrency_limit=limit,
    )


def _python_type(schema: dict[str, Any], description_key: str) -> dict[str, Any]:
    """The ``python_type`` of a parameter or return: its type, and the schema's description as it stands.

    As in Gradio, a schema's explicit ``None`` stays ``None``; no description at all is ``""``.
    """
    return {"type": json_schema_to_python_type(schema), "description": schema.get(description_key, "")}


def _api_label(label: Any) -> Any:
    """A label as the API info shows it: a gr.I18n marker as Gradio writes it there, ``{"key", "_type"}``."""
    if isinstance(label, I18nData):
        return {"key": label.key, "_type": "translation_metadata"}
    return label


def endpoint_info(endpoint: EndpointInfo) -> dict[str, Any]:
    """The ``/info`` entry of one listener: its named endpoint's parameters and returns."""
    dep, plan = endpoint.dep, endpoint.plan
    parameters = []
    for index, comp in enumerate(endpoint.inputs):
        if comp.skip_api:
            continue
        schema = comp.api_info_as_input()
        initial = comp.config_value()
        if initial is not None:
            has_default, default = True, initial
        else:
            has_default, default = (
                plan.input_param_defaults[index] if index < len(plan.input_param_defaults) else (False, None)
            )
        name = plan.input_param_names[index] if index < len(plan.input_param_names) else None
        parameters.append(
            {
                "label": _api_label(getattr(comp, "label", None)) or f"parameter_{comp._id}",
                "parameter_name": name or f"param_{index}",
                "parameter_has_default": has_default,
                "parameter_default": default,
                "type": schema,
                "python_type": _python_type(schema, "additional_description"),
                "component": comp.component_name[:1].upper() + comp.component_name[1:],
                "example_input": comp.example_payload(),
            }
        )
    returns = []
    for block in endpoint.outputs:
        if block.skip_api or not isinstance(block, Component):
            continue
        comp = block
        schema = comp.api_info_as_output()
        returns.append(
            {
                "label": _api_label(getattr(comp, "label", None)) or f"value_{comp._id}",
                "type": schema,
                "python_type": _python_type(schema, "description"),
                "component": comp.component_name[:1].upper() + comp.component_name[1:],
            }
        )
    description = dep.api_description or ""
    return {
        "parameters": parameters,
        "returns": returns,
        "api_visibility": dep.api_visibility,
        "description": description,
    }


def _resolve_dependency_blocks(dep: Dependency) -> tuple[tuple[Component, ...], tuple[Block, ...]]:
    # Outputs keep layout blocks: the config lists them, so the answer has one entry per output (an update).
    inputs = tuple(b for b in dep.inputs if isinstance(b, Component))
    outputs = tuple(b for b in dep.outputs if isinstance(b, Block))
    return inputs, outputs


def _body_css(theme: ThemeClass) -> dict[str, str]:
    """The page's background and text colours, light and dark, as Gradio's config lists them."""
    light, dark = theme.resolved(), theme.resolved(dark=True)
    names = ("body_background_fill", "body_text_color")
    return {**{n: light[n] for n in names}, **{f"{n}_dark": dark[n] for n in names}}


def _with_files(text: str | None, paths: list[str]) -> str | None:
    """``css=``/``head=`` text followed by the contents of ``css_paths``/``head_paths`` files."""
    parts = [text] if text else []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                parts.append(fh.read())
        except OSError as exc:
            raise FileNotFoundError(f"Cannot read {path!r} given in css_paths/head_paths: {exc}") from exc
    return "\n".join(parts) if parts else None


def _keeps_session_cache(endpoint: EndpointInfo) -> bool:
    """Whether the listener keeps a per-session ``gr.cache``/``gr.Cache``.

    The page then opens the heartbeat, which tells when the session ends and its entries go (as in Gradio).
    """
    store = getattr(endpoint.plan.fn, "cache", None)
    if getattr(store, "per_session", False) is True:
        return True
    return any(slot.cache is not None and slot.cache.per_session for slot in endpoint.plan.slots)


def compile_app(blocks: AppDefinition) -> CompiledApp:
    """Build the served form of ``blocks``, leaving it unchanged. Called at launch (and for ``demo.config``)."""
    all_blocks = blocks.all_blocks()
    settings = blocks.queue_settings
    default_limit = default_concurrency_limit(settings)
    endpoints: list[EndpointInfo] = []
    dependency_entries = []
    first_of_function: dict[int, int] = {}
    for dep in blocks.dependencies:
        pool = first_of_function.setdefault(id(dep.fn), dep.id) if dep.fn is not None else None
        endpoint = endpoint_for(dep, default_limit, function_pool=pool)
        endpoints.append(endpoint)
        dependency_entries.append(dependency_entry(dep, endpoint.plan))

    layout = {"id": blocks._id, "children": [_layout(child) for child in blocks.children]}
    listened: dict[int, set[str]] = {}
    for dep in blocks.dependencies:
        for target, event in dep.targets:
            listened.setdefault(target, set()).add(event)
    components = [component_entry(b, listened.get(bid)) for bid, b in sorted(all_blocks.items()) if bid != blocks._id]
    state_components = {bid: b for bid, b in all_blocks.items() if isinstance(b, State)}
    has_unload = any(ev == "unload" for dep in blocks.dependencies for _, ev in dep.targets)
    theme = resolve(blocks.theme)
    theme_css = theme._get_theme_css()
    pages, page = page_section(blocks, layout, [c["id"] for c in components], [d["id"] for d in dependency_entries])
    config: dict[str, Any] = {
        "version": GRADIO_COMPAT_VERSION,
        "api_prefix": "/gradio_api",
        "mode": blocks.mode,
        "app_id": random.getrandbits(63),
        **copy.deepcopy(_PRESENTATION_DEFAULTS),
        "stylesheets": list(theme._stylesheets),
        "css": _with_files(blocks.css, blocks.css_paths),
        "connect_heartbeat": bool(state_components) or has_unload or any(map(_keeps_session_cache, endpoints)),
        "js": blocks.js,
        "head": _with_files(blocks.head, blocks.head_paths),
        "title": blocks.title,
        "i18n_translations": translations_of(getattr(blocks, "i18n_instance", None)),
        "enable_queue": True,
        "show_error": blocks.show_error,
        "max_file_size": None,
        "theme": theme.name,
        "protocol": "sse_v3",
        "body_css": _body_css(theme),
        "fill_height": blocks.fill_height,
        "fill_width": blocks.fill_width,
        "theme_hash": hashlib.sha256(theme_css.encode()).hexdigest(),
        "pages": pages,
        "current_page": "",
        "username": None,
        "components": components,
        "dependencies": dependency_entries,
        "layout": layout,
        "page": page,
    }
    public: dict[str, Any] = {}
    everything: dict[str, Any] = {}
    for endpoint in endpoints:
        dep = endpoint.dep
        if dep.fn is None or dep.api_visibility == "private":
            continue
        info = endpoint_info(endpoint)
        everything["/" + dep.api_name] = info
        if dep.api_visibility == "public":
            public["/" + dep.api_name] = info
    return CompiledApp(
        root_id=blocks._id,
        blocks=MappingProxyType(all_blocks),
        endpoints=tuple(endpoints),
        by_api_name=MappingProxyType({e.dep.api_name: e for e in endpoints}),
        config=MappingProxyType(config),
        api_info_public={"named_endpoints": public, "unnamed_endpoints": {}},
        api_info_all={"named_endpoints": everything, "unnamed_endpoints": {}},
        state_components=MappingProxyType(state_components),
        unload_endpoints=tuple(e for e in endpoints if any(ev == "unload" for _, ev in e.dep.targets)),
        app_id=config["app_id"],
        max_size=settings.max_size,
        api_open=settings.api_open,
        delete_cache=blocks.delete_cache,
        theme_css=theme_css,
        theme_bundled=theme._variables_css() == bundled_theme_css(),
        theme_font_css=theme._font_css(),
        default_concurrency_limit=default_limit,
    )
