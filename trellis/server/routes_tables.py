"""The windows of big displayed tables: ``GET /gradio_api/table/{ref}``.

Trellis's page asks for rows ``start`` to ``end`` of a table it was sent in windows
(:mod:`trellis.processing.tables`), as the user scrolls, sorts (``sort``: a column, ``dir``: asc or
desc), searches (``search``) or filters (``filters``: a JSON list of header-menu filters), or the
whole table as CSV (``format=csv``, for the copy button), or every row (``all=1``, when the page makes the table
editable). The table is found in the caller's own
session only, by a reference nobody else was sent; anything else is a 404.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from trellis.processing.tables import (
    MAX_WINDOW,
    WINDOW_THRESHOLD,
    StoredTable,
    View,
    WindowError,
    cell_text,
    parse_filters,
)
from trellis.server.responses import ORJSONResponse, error

if TYPE_CHECKING:
    from trellis.server.state import ServerState

P = "/gradio_api"
NO_STORE = {"Cache-Control": "no-store"}
#: The longest search text a window request may carry.
MAX_QUERY = 1000


def _int(params: Any, name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise WindowError(400, f"'{name}' must be a whole number.") from None
    if value < 0:
        raise WindowError(400, f"'{name}' must not be negative.")
    return value


def read_view(params: Any, table: StoredTable) -> View:
    """The sort, search and filters a request asks for; raises :class:`WindowError` for bad ones."""
    columns = len(table.columns)
    sort_column: int | None = None
    if params.get("sort") not in (None, ""):
        sort_column = _int(params, "sort", 0)
        if sort_column >= columns:
            raise WindowError(400, f"'sort' must name one of the table's {columns} columns.")
    direction = params.get("dir", "asc")
    if direction not in ("asc", "desc"):
        raise WindowError(400, "'dir' must be asc or desc.")
    query = params.get("search", "")
    if len(query) > MAX_QUERY:
        raise WindowError(400, f"'search' must be at most {MAX_QUERY} characters.")
    return View(sort_column, direction == "desc", query, parse_filters(params.get("filters"), columns))


def _csv(table: StoredTable, view: View) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i in table.order(view):
        writer.writerow([cell_text(c) for c in table.row(i)])
    return out.getvalue().rstrip("\n")


def _page_reads(config: dict[str, Any]) -> set[int]:
    """The components some listener reads: one left at interactive=None is editable then (the page's rule)."""
    return {i for dep in config.get("dependencies", []) for i in dep.get("inputs", []) if isinstance(i, int)}


def window_initial_values(state: ServerState, config: dict[str, Any]) -> dict[str, Any]:
    """The page's config with each big read-only table's initial value sent in windows.

    A Dataframe the page will show read-only (``interactive=False``, or left at None while no
    listener reads it) whose value has more than ``WINDOW_THRESHOLD`` rows keeps its rows on the
    server; the page gets the first ones and a reference. Worked out once per component.
    """
    cache = state.page_values
    reads: set[int] | None = None
    components = config.get("components", [])
    replaced: dict[int, Any] = {}
    for index, entry in enumerate(components):
        if entry.get("type") != "dataframe":
            continue
        props = entry.get("props", {})
        value = props.get("value")
        rows = value.get("data") if isinstance(value, dict) else None
        if not isinstance(rows, list) or len(rows) <= WINDOW_THRESHOLD:
            continue
        component_id = entry.get("id")
        if not isinstance(component_id, int):
            continue
        if component_id not in cache:
            interactive = props.get("interactive")
            if reads is None:
                reads = _page_reads(config)
            editable = interactive is True or (interactive is None and component_id in reads)
            if editable:
                cache[component_id] = None
            else:
                cache[component_id] = state.runner.initial_tables.keep_payload(
                    component_id, value, props.get("datatype")
                )
        if cache[component_id] is not None:
            replaced[index] = {**entry, "props": {**props, "value": cache[component_id]}}
    if not replaced:
        return config
    return {**config, "components": [replaced.get(i, c) for i, c in enumerate(components)]}


def routes(state: ServerState) -> list[BaseRoute]:
    """The table window route."""
    auth = state.auth

    async def window(request: Request) -> Response:
        refused = await auth.refuse(request)
        if refused is not None:
            return refused
        params = request.query_params
        session_hash = params.get("session_hash")
        if not session_hash:
            return error(400, "Query parameter session_hash is required.")
        bad = state.session_refusal(request, session_hash)
        if bad is not None:
            return bad
        # one of the session's outputs, or a big initial value (which every page gets in windows)
        table = state.runner.find_table(state.sessions.peek(session_hash), request.path_params["ref"])
        if table is None:
            return error(404, "No such table in this session (it may have expired or been replaced).")
        try:
            view = read_view(params, table)
            if params.get("format") == "csv":
                text = await anyio.to_thread.run_sync(_csv, table, view)
                return PlainTextResponse(text, headers=NO_STORE, media_type="text/csv")
            if params.get("all") == "1":  # the page made the table editable: it needs every row
                answer = await anyio.to_thread.run_sync(table.window, view, 0, table.count, None)
            else:
                start = _int(params, "start", 0)
                end = _int(params, "end", start + 100)
                answer = await anyio.to_thread.run_sync(table.window, view, start, min(end, start + MAX_WINDOW))
        except WindowError as exc:
            return error(exc.status, exc.message)
        return ORJSONResponse(answer, headers=NO_STORE)

    return [Route(P + "/table/{ref}", window, methods=["GET"])]
