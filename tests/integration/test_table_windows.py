"""Big displayed tables in windows: the page gets the rows in view, the official client the whole value.

Real uvicorn, raw HTTP for what Trellis's page sends (``table_windows`` in the join body, then
``GET /gradio_api/table/{ref}``), and the real gradio_client for the whole value.
"""

from __future__ import annotations

import uuid
from typing import Any

import pandas as pd
import pytest
from conftest import http_client, join, read_stream

import trellis as gr
from trellis.processing.tables import FIRST_WINDOW, MAX_WINDOW, WINDOW_THRESHOLD

ROWS = 20_000


def frame(rows: int = ROWS) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "n": list(range(rows)),
            "name": [f"item {i}" for i in range(rows)],
            "score": [(i * 7919) % 1000 / 10 for i in range(rows)],
        }
    )


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        rows = gr.Number(ROWS, label="rows")
        table = gr.Dataframe(label="table")
        editable = gr.Dataframe(label="editable", interactive=True)
        count = gr.Number(label="count")
        initial = gr.Dataframe(frame(), label="initial", interactive=False)
        gr.Dataframe(frame(), label="initial shown")  # read-only: no listener reads it
        gr.Dataframe(frame(), label="initial editable", interactive=True)
        read = gr.Dataframe(frame(), label="initial read")  # editable on the page: a listener reads it
        gr.Button("count initial").click(lambda df: len(df), initial, count, api_name="count_initial")
        gr.Button("count read").click(lambda df: len(df), read, count, api_name="count_read")
        picked = gr.Textbox(label="picked")
        gr.Button("show").click(lambda n: frame(int(n)), rows, table, api_name="show")
        gr.Button("count").click(lambda df: len(df), table, count, api_name="count")
        gr.Button("edit").click(lambda n: frame(int(n)), rows, editable, api_name="edit")
        gr.Button("lists").click(lambda n: [[i, f"r{i}"] for i in range(int(n))], rows, table, api_name="lists")

        def on_select(evt: gr.SelectData) -> str:
            return f"{evt.index} {evt.value} {len(evt.col_value)} {evt.row_value}"

        table.select(on_select, None, picked, api_name="picked")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def page_event(url: str, api: str, data: list[Any], windows: list[int], session: str, **extra: Any) -> Any:
    """Run one event as Trellis's page does; return its output data."""
    with http_client(url) as http:
        config = http.get("config").json()
        fn = next(d["id"] for d in config["dependencies"] if d["api_name"] == api)
        response = join(http, fn, data, session, table_windows=windows, **extra)
        assert response.status_code == 200, response.text
        event_id = response.json()["event_id"]
        messages = read_stream(http, session, until_completed={event_id})
    done = [m for m in messages if m.get("event_id") == event_id and m["msg"] == "process_completed"]
    assert done and done[0]["success"], done
    return done[0]["output"]["data"]


def component_id(url: str, label: str) -> int:
    with http_client(url) as http:
        config = http.get("config").json()
    return next(c["id"] for c in config["components"] if c["props"].get("label") == label)


def test_the_page_gets_the_first_rows_and_a_reference(url: str) -> None:
    session = uuid.uuid4().hex
    table_id = component_id(url, "table")
    value = page_event(url, "show", [ROWS], [table_id], session)[0]
    assert len(value["data"]) == FIRST_WINDOW
    assert value["data"][0] == [0, "item 0", 0.0]
    assert value["window"]["rows"] == ROWS
    assert value["headers"] == ["n", "name", "score"]

    ref = value["window"]["table"]
    with http_client(url) as http:
        answer = http.get(f"gradio_api/table/{ref}", params={"session_hash": session, "start": 19990, "end": 20100})
        assert answer.status_code == 200
        body = answer.json()
        assert body["count"] == ROWS and body["start"] == 19990
        assert body["index"] == list(range(19990, 20000))
        assert body["data"][-1] == [19999, "item 19999", (19999 * 7919) % 1000 / 10]

        # sorted by score, descending (stable: equal scores keep the table's order)
        sort = {"session_hash": session, "sort": 2, "dir": "desc", "start": 0, "end": 3}
        body = http.get(f"gradio_api/table/{ref}", params=sort).json()
        expected = frame().sort_values("score", ascending=False, kind="stable").head(3)
        assert body["index"] == list(expected.index)

        # natural text order: "item 2" before "item 10"
        body = http.get(f"gradio_api/table/{ref}", params={"session_hash": session, "sort": 1, "end": 3}).json()
        assert [row[1] for row in body["data"]] == ["item 0", "item 1", "item 2"]

        # search and a header-menu filter
        body = http.get(f"gradio_api/table/{ref}", params={"session_hash": session, "search": "ITEM 1999"}).json()
        assert body["count"] == 11 and body["index"][0] == 1999
        filters = '[{"column": 0, "type": "number", "condition": "≥", "value": "19995"}]'
        body = http.get(f"gradio_api/table/{ref}", params={"session_hash": session, "filters": filters}).json()
        assert body["index"] == [19995, 19996, 19997, 19998, 19999]

        # a window is capped; the copy button's CSV has every row
        body = http.get(f"gradio_api/table/{ref}", params={"session_hash": session, "end": 10**9}).json()
        assert len(body["data"]) == MAX_WINDOW
        csv = http.get(f"gradio_api/table/{ref}", params={"session_hash": session, "format": "csv"})
        assert csv.status_code == 200 and csv.text.count("\n") == ROWS - 1
        assert csv.text.splitlines()[2] == "2,item 2,83.8"


def page_config(url: str) -> dict[str, Any]:
    """The config inlined in the app's page."""
    import json
    import re

    with http_client(url) as http:
        page = http.get("").text
    match = re.search(r"window.gradio_config = (.*?);</script>", page)
    assert match
    return dict(json.loads(match.group(1)))


def test_a_big_initial_value_goes_to_the_page_in_windows(url: str) -> None:
    values = {c["props"].get("label"): c["props"].get("value") for c in page_config(url)["components"]}
    initial = values["initial"]
    assert len(initial["data"]) == FIRST_WINDOW and initial["window"]["rows"] == ROWS
    assert values["initial shown"]["window"]["rows"] == ROWS
    for editable in ("initial editable", "initial read"):
        assert len(values[editable]["data"]) == ROWS and "window" not in values[editable]
    # the same reference on every page; any session may read it
    assert page_config(url)["components"] == page_config(url)["components"]
    with http_client(url) as http:
        config = http.get("config").json()
        whole = next(c for c in config["components"] if c["props"].get("label") == "initial")
        assert len(whole["props"]["value"]["data"]) == ROWS  # /config (the API clients' view) is whole
        session = uuid.uuid4().hex
        params = {"session_hash": session, "sort": 0, "dir": "desc", "end": 1}
        body = http.get(f"gradio_api/table/{initial['window']['table']}", params=params).json()
        assert body["data"] == [[ROWS - 1, f"item {ROWS - 1}", (ROWS - 1) * 7919 % 1000 / 10]]
    # sent back as an input, it is the whole table
    assert page_event(url, "count_initial", [initial], [], uuid.uuid4().hex) == [ROWS]


def test_a_list_of_rows_is_windowed_too(url: str) -> None:
    session = uuid.uuid4().hex
    value = page_event(url, "lists", [ROWS], [component_id(url, "table")], session)[0]
    assert len(value["data"]) == FIRST_WINDOW and value["window"]["rows"] == ROWS
    with http_client(url) as http:
        params = {"session_hash": session, "sort": 1, "dir": "desc", "end": 2}
        body = http.get(f"gradio_api/table/{value['window']['table']}", params=params).json()
    assert body["data"] == [[19999, "r19999"], [19998, "r19998"]]


def test_the_windowed_value_works_as_an_input_and_a_selection(url: str) -> None:
    session = uuid.uuid4().hex
    value = page_event(url, "show", [ROWS], [component_id(url, "table")], session)[0]
    # the page sends back what it holds: the server swaps the reference for the whole table
    assert page_event(url, "count", [value], [], session) == [ROWS]
    selection = {"index": [5, 1], "value": "item 5", "row_value": [5, "item 5", 39.5], "col_value": None}
    picked = page_event(url, "picked", [], [], session, event_data={**selection, "table": value["window"]["table"]})
    assert picked == [f"[5, 1] item 5 {ROWS} [5, 'item 5', 39.5]"]


def test_official_clients_and_small_or_editable_tables_get_whole_values(url: str, make_client: Any) -> None:
    client = make_client(url)
    whole = client.predict(ROWS, api_name="/show")
    assert len(whole["data"]) == ROWS and "window" not in whole
    session = uuid.uuid4().hex
    small = page_event(url, "show", [WINDOW_THRESHOLD], [component_id(url, "table")], session)[0]
    assert len(small["data"]) == WINDOW_THRESHOLD and "window" not in small
    # an editable table is never windowed, even if the page names it
    edited = page_event(url, "edit", [ROWS], [component_id(url, "editable")], session)[0]
    assert len(edited["data"]) == ROWS


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"start": "-1"}, 400),
        ({"start": "x"}, 400),
        ({"sort": "99"}, 400),
        ({"sort": "0", "dir": "sideways"}, 400),
        ({"filters": "not json"}, 400),
        ({"filters": '[{"column": 0, "type": "number", "condition": "DROP", "value": "1"}]'}, 400),
        ({"search": "x" * 5000}, 400),
    ],
)
def test_bad_window_requests_get_400(url: str, params: dict[str, str], status: int) -> None:
    session = uuid.uuid4().hex
    ref = page_event(url, "show", [ROWS], [component_id(url, "table")], session)[0]["window"]["table"]
    with http_client(url) as http:
        answer = http.get(f"gradio_api/table/{ref}", params={"session_hash": session, **params})
    assert answer.status_code == status, answer.text


def test_another_session_cannot_read_the_table(url: str) -> None:
    mine, theirs = uuid.uuid4().hex, uuid.uuid4().hex
    ref = page_event(url, "show", [ROWS], [component_id(url, "table")], mine)[0]["window"]["table"]
    page_event(url, "count", [{"headers": ["a"], "data": [[1]]}], [], theirs)
    with http_client(url) as http:
        assert http.get(f"gradio_api/table/{ref}", params={"session_hash": theirs}).status_code == 404
        assert http.get(f"gradio_api/table/{ref}").status_code == 400
        assert http.get("gradio_api/table/guess", params={"session_hash": mine}).status_code == 404
    # nor hand the reference to a function as its own input
    with http_client(url) as http:
        config = http.get("config").json()
        fn = next(d["id"] for d in config["dependencies"] if d["api_name"] == "count")
        value = {"headers": ["n"], "data": [], "window": {"table": ref, "rows": ROWS}}
        event_id = join(http, fn, [value], theirs).json()["event_id"]
        messages = read_stream(http, theirs, until_completed={event_id})
    done = next(m for m in messages if m.get("event_id") == event_id and m["msg"] == "process_completed")
    assert not done["success"] and "no longer held" in done["output"]["error"]
