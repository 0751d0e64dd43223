"""``@gr.render`` over the wire: the placeholder and its listener in /config, ``render_config`` in the
render event's completion, and the listeners a render makes, called back per session by ``fn_index``."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, completed, http_client, join, read_stream, run_event, serve

import trellis as gr


def build() -> gr.Blocks:
    """Gradio's demo render_merge_simple, plus a render that fails for some inputs."""
    with gr.Blocks() as demo:
        text_count = gr.State(1)
        add_btn = gr.Button("Add Box")
        add_btn.click(lambda x: x + 1, text_count, text_count)

        @gr.render(inputs=text_count)
        def render_count(count: int) -> None:
            boxes = []
            for i in range(count):
                box = gr.Textbox(key=i, label=f"Box {i}")
                boxes.append(box)

            def merge(*args: str) -> str:
                return " ".join(args)

            merge_btn.click(merge, boxes, output)

        merge_btn = gr.Button("Merge")
        output = gr.Textbox(label="Merged Output")

        word = gr.Textbox(label="word")

        @gr.render(inputs=word, triggers=[word.submit])
        def letters(text: str) -> None:
            if text == "boom":
                raise gr.Error("No boom here")
            with gr.Row():
                for letter in text:
                    button = gr.Button(letter)
                    button.click(lambda t=letter: t.upper(), None, output, key=f"up-{letter}")

    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def _config(url: str) -> dict[str, Any]:
    return httpx.get(url + "config", timeout=10).json()


def _render_dep(config: dict[str, Any], render_id: int) -> dict[str, Any]:
    return next(d for d in config["dependencies"] if d["render_id"] == render_id)


def test_config_has_the_placeholder_and_the_render_listener(url: str) -> None:
    config = _config(url)
    types = {c["id"]: c["type"] for c in config["components"]}
    dep = _render_dep(config, 0)
    # As Gradio 6.31: the render's listener targets load and the input's change, outputs the empty column.
    # (Ids come from the process-wide counter, so they are read from the config, not assumed.)
    state = next(c["id"] for c in config["components"] if c["type"] == "state")
    assert dep["targets"] == [[config["layout"]["id"], "load"], [state, "change"]]
    assert dep["inputs"] == [state]
    assert len(dep["outputs"]) == 1 and types[dep["outputs"][0]] == "column"
    assert dep["api_name"] == "apply"
    assert dep["api_visibility"] == "undocumented"
    assert dep["trigger_mode"] == "always_last"
    assert dep["rendered_in"] is None
    placeholder = dep["outputs"][0]
    assert {"id": placeholder, "children": []} in config["layout"]["children"]
    second = _render_dep(config, 1)
    assert [event for _, event in second["targets"]] == ["submit"]
    assert second["api_name"] == "apply_1"
    # Undocumented: /info lists only the app's own public listener.
    info = httpx.get(url + "gradio_api/info", timeout=10).json()
    assert list(info["named_endpoints"]) == ["/lambda"]


def _render(url: str, http: httpx.Client, fn: int, data: list[Any], session: str) -> dict[str, Any]:
    response = join(http, fn, data, session)
    assert response.status_code == 200, response.text
    event_id = response.json()["event_id"]
    messages = [m for m in read_stream(http, session, {event_id}) if m.get("event_id") == event_id]
    return completed(messages)


def test_render_config_and_a_rendered_listener_called_back(url: str) -> None:
    config = _config(url)
    dep = _render_dep(config, 0)
    add = next(d for d in config["dependencies"] if d["api_name"] == "lambda")
    placeholder = dep["outputs"][0]
    session = uuid.uuid4().hex
    with http_client(url) as http:
        done = _render(url, http, dep["id"], [None], session)
        assert done["success"] is True
        output = done["output"]
        assert output["data"] == [None]
        rc = output["render_config"]
        assert set(rc) == {"page", "components", "dependencies", "layout", "render_id"}
        assert rc["render_id"] == 0
        assert rc["layout"]["id"] == placeholder
        by_id = {c["id"]: c for c in rc["components"]}
        assert by_id[placeholder]["type"] == "column" and by_id[placeholder]["renderable"] == 0
        boxes = [c for c in rc["components"] if c["type"] == "textbox"]
        assert [b["props"]["label"] for b in boxes] == ["Box 0"]
        assert boxes[0]["rendered_in"] == 0 and boxes[0]["props"]["key"] == 0
        [form] = [c for c in rc["components"] if c["type"] == "form"]
        assert form["props"]["key"] == [0, "_parent"]  # the Form around a keyed box: Gradio's key for it
        assert isinstance(boxes[0]["key"], int)
        [merge] = rc["dependencies"]
        # Listener ids continue after the app's own; the listener sits on the static Merge button.
        assert merge["id"] == len(config["dependencies"])
        assert merge["rendered_in"] == 0 and merge["render_id"] is None
        assert merge["inputs"] == [boxes[0]["id"]]
        merge_button = next(c["id"] for c in config["components"] if c["props"].get("value") == "Merge")
        assert merge["targets"] == [[merge_button, "click"]]

        # Add a box: the State changes, the render runs again; the keyed box keeps its id.
        assert _render(url, http, add["id"], [None], session)["success"] is True
        rc2 = _render(url, http, dep["id"], [None], session)["output"]["render_config"]
        boxes2 = [c for c in rc2["components"] if c["type"] == "textbox"]
        assert [b["props"]["label"] for b in boxes2] == ["Box 0", "Box 1"]
        assert boxes2[0]["id"] == boxes[0]["id"]
        [merge2] = rc2["dependencies"]
        assert merge2["id"] == merge["id"] + 1
        assert merge2["api_name"] == "merge_1"  # de-duplicated against the previous run's, as Gradio

        # The new listener merges both boxes; the previous run's listener is gone.
        done = _render(url, http, merge2["id"], ["hello", "world"], session)
        assert done["output"]["data"] == ["hello world"]
        assert done["output"]["render_config"] is None
        stale = join(http, merge["id"], ["x"], session)
        assert stale.status_code == 404

    # Another session has none of these listeners.
    other = join(http_client(url), merge2["id"], ["a", "b"], uuid.uuid4().hex)
    assert other.status_code == 404


def test_keyed_listener_keeps_its_id_and_errors_are_reported(url: str) -> None:
    config = _config(url)
    dep = _render_dep(config, 1)
    session = uuid.uuid4().hex
    with http_client(url) as http:
        rc = _render(url, http, dep["id"], ["ab"], session)["output"]["render_config"]
        first = {d["api_name"]: d["id"] for d in rc["dependencies"]}
        assert len(first) == 2
        rows = [c for c in rc["components"] if c["type"] == "row"]
        assert len(rows) == 1 and rc["layout"]["children"][0]["id"] == rows[0]["id"]
        rc = _render(url, http, dep["id"], ["ba"], session)["output"]["render_config"]
        second = sorted(d["id"] for d in rc["dependencies"])
        assert second == sorted(first.values())  # key= keeps a listener's id across runs
        button_b = next(d for d in rc["dependencies"] if d["id"] == first[next(iter(first))])
        done = _render(url, http, button_b["id"], [], session)
        assert done["output"]["data"] in (["A"], ["B"])

        failed = _render(url, http, dep["id"], ["boom"], session)
        assert failed["success"] is False
        assert failed["output"]["error"] == "No boom here"
        # The failed run left the previous run's listeners in place.
        assert _render(url, http, button_b["id"], [], session)["success"] is True


def test_unqueued_render_and_rendered_listener_answer_over_run(serve_blocks: Any) -> None:
    with gr.Blocks() as demo:
        n = gr.Number(2, label="n")

        @gr.render(inputs=n, queue=False)
        def boxes(count: float) -> None:
            texts = [gr.Textbox(str(i), key=i) for i in range(int(count))]
            out = gr.Textbox(label="joined")
            gr.Button("Join").click(lambda *a: "+".join(a), texts, out, queue=False, api_name="join")

    url = serve_blocks(demo)
    config = _config(url)
    dep = _render_dep(config, 0)
    assert dep["queue"] is False and dep["api_name"] == "apply"
    session = uuid.uuid4().hex
    with http_client(url) as http:
        answer = http.post("gradio_api/run/apply", json={"data": [3], "fn_index": dep["id"], "session_hash": session})
        assert answer.status_code == 200, answer.text
        rc = answer.json()["render_config"]
        [join_dep] = rc["dependencies"]
        assert join_dep["queue"] is False
        assert len([c for c in rc["components"] if c["type"] == "textbox"]) == 4
        body = {"data": ["a", "b", "c"], "fn_index": join_dep["id"], "session_hash": session}
        answer = http.post("gradio_api/run/join", json=body)
        assert answer.status_code == 200, answer.text
        assert answer.json()["data"] == ["a+b+c"]
        assert answer.json()["render_config"] is None


def test_a_state_mutated_in_place_and_returned_is_a_change(serve_blocks: Any) -> None:
    with gr.Blocks() as demo:
        items = gr.State([1])
        gr.Button("grow").click(lambda xs: (xs.append(len(xs) + 1), xs)[1], items, items)

        @gr.render(inputs=items)
        def show(xs: list[int]) -> None:
            for x in xs:
                gr.Markdown(str(x))

    url = serve_blocks(demo)
    grow = next(d for d in _config(url)["dependencies"] if d["api_name"] == "lambda")
    session = uuid.uuid4().hex
    with http_client(url) as http:
        # The same list object comes back, grown: the render (a change listener of the State) must run again.
        done = _render(url, http, grow["id"], [None], session)
        assert done["output"]["changed_state_ids"] == [grow["inputs"][0]]
        rc = _render(url, http, _render_dep(_config(url), 0)["id"], [None], session)["output"]["render_config"]
        assert [c["props"]["value"] for c in rc["components"] if c["type"] == "markdown"] == ["1", "2"]


def test_a_rendered_value_function_gets_a_load_listener(serve_blocks: Any) -> None:
    with gr.Blocks() as demo:

        @gr.render()
        def show() -> None:
            gr.Textbox(lambda: "from a function", label="computed")

    url = serve_blocks(demo)
    config = _config(url)
    session = uuid.uuid4().hex
    with http_client(url) as http:
        rc = _render(url, http, _render_dep(config, 0)["id"], [], session)["output"]["render_config"]
        [loader] = rc["dependencies"]
        box = next(c["id"] for c in rc["components"] if c["type"] == "textbox")
        assert loader["targets"] == [[config["layout"]["id"], "load"]]
        assert loader["outputs"] == [box]
        assert _render(url, http, loader["id"], [], session)["output"]["data"] == ["from a function"]


def test_a_render_on_a_second_page_names_its_page(serve_blocks: Any) -> None:
    with gr.Blocks() as demo:
        gr.Markdown("home")
    with demo.route("Second", "/second"):

        @gr.render()
        def show() -> None:
            gr.Markdown("on the second page")

    url = serve_blocks(demo)
    config = _config(url)
    with http_client(url) as http:
        rc = _render(url, http, _render_dep(config, 0)["id"], [], uuid.uuid4().hex)["output"]["render_config"]
    assert list(rc["page"]) == ["second"]


def test_two_renders_of_one_session_run_at_once(serve_blocks: Any) -> None:
    both = threading.Barrier(2, timeout=5)
    with gr.Blocks() as demo:
        with gr.Row():

            @gr.render()
            def first() -> None:
                both.wait()  # returns only once the other render runs too
                gr.Button("one").click(lambda: None)

            @gr.render()
            def second() -> None:
                both.wait()
                gr.Button("two").click(lambda: None)

    url = serve_blocks(demo)
    deps = [_render_dep(_config(url), 0)["id"], _render_dep(_config(url), 1)["id"]]
    session = uuid.uuid4().hex
    with http_client(url) as http:
        events = [join(http, fn, [], session).json()["event_id"] for fn in deps]
        messages = read_stream(http, session, set(events))
    done = [m for m in messages if m["msg"] == "process_completed"]
    assert [m["success"] for m in done] == [True, True]
    ids = sorted(d["id"] for m in done for d in m["output"]["render_config"]["dependencies"])
    assert len(set(ids)) == 2  # each listener got its own id


def test_a_blocks_with_a_render_rendered_inside_another(serve_blocks: Any) -> None:
    with gr.Blocks() as inner:
        word = gr.Textbox("hi", label="word")

        @gr.render(inputs=word)
        def letters(text: str) -> None:
            for letter in text:
                gr.Textbox(lambda letter=letter: letter.upper())

    with gr.Blocks() as outer:

        @gr.render()
        def first() -> None:
            gr.Markdown("outer")

        with gr.Tab("Inner"):
            inner.render()

    url = serve_blocks(outer)
    config = _config(url)
    dep = _render_dep(config, 1)
    assert dep["inputs"] == [word._id]
    with http_client(url) as http:
        rc = _render(url, http, dep["id"], ["ab"], uuid.uuid4().hex)["output"]["render_config"]
    assert rc["render_id"] == 1
    # The rendered value loaders run on the load of the app being served.
    assert {tuple(d["targets"][0]) for d in rc["dependencies"]} == {(config["layout"]["id"], "load")}


def test_a_rendered_listener_sees_its_rendered_target(serve_blocks: Any) -> None:
    with gr.Blocks() as demo:
        out = gr.Textbox(label="out")

        @gr.render()
        def show() -> None:
            def who(evt: gr.EventData) -> str:
                return f"{type(evt.target).__name__}:{getattr(evt.target, 'value', None)}"

            gr.Button("press me").click(who, None, out)

    url = serve_blocks(demo)
    session = uuid.uuid4().hex
    with http_client(url) as http:
        rc = _render(url, http, _render_dep(_config(url), 0)["id"], [], session)["output"]["render_config"]
        [dep] = rc["dependencies"]
        button = dep["targets"][0][0]
        response = join(http, dep["id"], [], session, trigger_id=button, event_data=None)
        event_id = response.json()["event_id"]
        done = completed([m for m in read_stream(http, session, {event_id}) if m.get("event_id") == event_id])
    assert done["output"]["data"] == ["Button:press me"]


def test_a_state_made_in_a_render_reports_its_changes(serve_blocks: Any) -> None:
    with gr.Blocks() as demo:
        word = gr.Textbox(label="word")

        @gr.render(inputs=word)
        def show(text: str) -> None:
            clicks = gr.State(0)
            seen = gr.Textbox(label="seen")
            gr.Button("click").click(lambda n: n + 1, clicks, clicks)
            clicks.change(lambda n: f"{text}:{n}", clicks, seen)

    url = serve_blocks(demo)
    render_fn = _render_dep(_config(url), 0)["id"]
    session = uuid.uuid4().hex
    with http_client(url) as http:
        for text in ("a", "b"):
            rc = _render(url, http, render_fn, [text], session)["output"]["render_config"]
            click = next(
                d for d in rc["dependencies"] if d["api_name"].startswith("lambda") and d["targets"][0][1] == "click"
            )
            state = click["outputs"][0]
            done = _render(url, http, click["id"], [None], session)
            # A rendered listener listens to the rendered State's change: the page is told it changed.
            assert done["output"]["changed_state_ids"] == [state]
            on_change = next(d for d in rc["dependencies"] if d["targets"][0][1] == "change")
            # Each run makes a new State (as Gradio's, whose State takes no key): one click since.
            assert _render(url, http, on_change["id"], [None], session)["output"]["data"] == [f"{text}:1"]


def test_render_options_reach_the_config_and_the_queue(serve_blocks: Any) -> None:
    active = [0, 0]  # running now, most at once
    lock = threading.Lock()

    with gr.Blocks() as demo:
        word = gr.Textbox(label="word")

        @gr.render(inputs=word, trigger_mode="once", concurrency_limit=1, concurrency_id="solo", show_progress="hidden")
        def show(text: str) -> None:
            with lock:
                active[0] += 1
                active[1] = max(active)
            time.sleep(0.2)
            with lock:
                active[0] -= 1
            gr.Markdown(text)

    url = serve_blocks(demo)
    dep = _render_dep(_config(url), 0)
    assert (dep["trigger_mode"], dep["show_progress"], dep["queue"]) == ("once", "hidden", True)
    with http_client(url) as http:
        sessions = [uuid.uuid4().hex for _ in range(3)]
        events = {s: join(http, dep["id"], [s[:3]], s).json()["event_id"] for s in sessions}
        for session, event_id in events.items():
            read_stream(http, session, {event_id})
    assert active[1] == 1  # concurrency_limit=1: the three sessions' runs went one at a time


def test_render_outside_blocks_is_refused() -> None:
    with pytest.raises(ValueError, match="inside a Blocks"):
        gr.render()


def test_python_client_still_calls_the_app(url: str, make_client: Any) -> None:
    client = make_client(url)
    # The render's listener is undocumented: the client's API lists only the app's own endpoint.
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/lambda"]
    assert client.predict(api_name="/lambda") == ()  # its only input and output are a State
    messages = run_event(url, _render_dep(_config(url), 0)["id"], [None])
    assert completed(messages)["output"]["render_config"]["render_id"] == 0


def test_a_rendered_states_delete_callback_runs_when_its_session_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    # As Gradio 6.31 (measured): the States of every run of the session (also the one a re-render
    # dropped) get their delete_callback when the session ends, not when the re-render drops them.
    monkeypatch.setenv("TRELLIS_SESSION_EXPIRY", "0.5")
    deleted: list[Any] = []
    with gr.Blocks() as demo:
        n = gr.Number(1)

        @gr.render(inputs=n)
        def show(k: float) -> None:
            count = gr.State(int(k) * 10, delete_callback=deleted.append)
            gr.Button("bump").click(lambda v: v + 1, count, count, api_name="bump")

    with serve(demo) as url:
        render_fn = _render_dep(_config(url), 0)["id"]
        session = uuid.uuid4().hex
        with http_client(url) as http:
            for k in (1, 2):
                rc = _render(url, http, render_fn, [k], session)["output"]["render_config"]
                [bump] = rc["dependencies"]
                assert _render(url, http, bump["id"], [None], session)["success"] is True
            assert deleted == []  # the re-render dropped the first State: its value stays until the session ends
        deadline = time.monotonic() + TIMEOUT
        while sorted(deleted) != [11, 21]:
            assert time.monotonic() < deadline, f"delete_callback ran for {deleted}"
            time.sleep(0.02)


def test_demo_load_inside_a_render_is_a_listener_of_the_run(serve_blocks: Any) -> None:
    # As Gradio 6.31: a ``demo.load`` attached by a render function is one of the run's listeners
    # (in render_config, targeting the page's load), not a new listener of the app.
    with gr.Blocks() as demo:
        n = gr.Number(1)
        loaded = gr.Textbox(label="loaded")

        @gr.render(inputs=n)
        def show(k: float) -> None:
            demo.load(lambda: f"load {int(k)}", None, loaded)

    url = serve_blocks(demo)
    config = _config(url)
    session = uuid.uuid4().hex
    with http_client(url) as http:
        for k in (1, 2):
            rc = _render(url, http, _render_dep(config, 0)["id"], [k], session)["output"]["render_config"]
            [on_load] = rc["dependencies"]
            assert on_load["targets"] == [[config["layout"]["id"], "load"]]
            assert on_load["outputs"] == [loaded._id] and on_load["rendered_in"] == 0
            assert _render(url, http, on_load["id"], [], session)["output"]["data"] == [f"load {k}"]
    # The app itself did not change.
    assert len(_config(url)["dependencies"]) == len(config["dependencies"])


def test_a_rendered_states_time_to_live_is_kept() -> None:
    # The session finds a rendered State (not one of the app's) to expire its value on time.
    from trellis.processing.rendered import SessionRenders
    from trellis.processing.session import Session

    deleted: list[Any] = []
    with gr.Blocks():
        state = gr.State(5, time_to_live=1, delete_callback=deleted.append)
    session = Session(uuid.uuid4().hex)
    session.renders = SessionRenders(next_dep_id=0, states={state._id: state})
    session.set_state(state, 6)
    now = time.monotonic()
    session.expire_values({}, now + 0.5)
    assert deleted == []
    session.expire_values({}, now + 2)
    assert deleted == [6]
    assert session.get_state(state) == 5  # expired: the initial value again


def test_a_render_inside_a_render_function(serve_blocks: Any) -> None:
    # Gradio 6.31 sends the inner render as a listener of the outer run (render_id set, "apply_1", on the
    # page's load and its input's change); here the inner render also runs again, and goes with its run.
    with gr.Blocks() as demo:
        n = gr.Number(2)

        @gr.render(inputs=n)
        def outer(k: float) -> None:
            word = gr.Textbox("hi", label="inner word")
            gr.Markdown(f"outer {int(k)}")

            @gr.render(inputs=word)
            def inner(w: str) -> None:
                gr.Markdown(f"inner {w} {int(k)}")
                gr.Button("shout").click(lambda: w.upper(), None, word)

    url = serve_blocks(demo)
    config = _config(url)
    session = uuid.uuid4().hex
    with http_client(url) as http:
        rc = _render(url, http, _render_dep(config, 0)["id"], [2], session)["output"]["render_config"]
        [inner_dep] = rc["dependencies"]
        word = next(c["id"] for c in rc["components"] if c["type"] == "textbox")
        placeholder = inner_dep["outputs"][0]
        assert inner_dep["api_name"] == "apply_1" and inner_dep["rendered_in"] == 0
        assert inner_dep["targets"] == [[config["layout"]["id"], "load"], [word, "change"]]
        inner_id = inner_dep["render_id"]
        assert isinstance(inner_id, int) and inner_id != 0
        assert {"id": placeholder, "children": []} in rc["layout"]["children"]

        inner_rc = _render(url, http, inner_dep["id"], ["yo"], session)["output"]["render_config"]
        assert inner_rc["render_id"] == inner_id and inner_rc["layout"]["id"] == placeholder
        assert [c["props"]["value"] for c in inner_rc["components"] if c["type"] == "markdown"] == ["inner yo 2"]
        [shout] = inner_rc["dependencies"]
        assert _render(url, http, shout["id"], [], session)["output"]["data"] == ["YO"]

        # The outer render runs again: the inner render of its previous run and its listeners are gone.
        rc2 = _render(url, http, _render_dep(config, 0)["id"], [3], session)["output"]["render_config"]
        [inner_dep2] = rc2["dependencies"]
        assert inner_dep2["render_id"] not in (0, inner_id)
        assert join(http, shout["id"], [], session).status_code == 404
        assert join(http, inner_dep["id"], ["x"], session).status_code == 404
        inner_rc2 = _render(url, http, inner_dep2["id"], ["hi"], session)["output"]["render_config"]
        assert [c["props"]["value"] for c in inner_rc2["components"] if c["type"] == "markdown"] == ["inner hi 3"]
