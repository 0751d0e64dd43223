"""``@gr.render`` in the page: the blocks a render makes replace the previous run's, keyed ones keep
what the user typed, and listeners made inside a render run (Gradio's render demos)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def test_typing_renders_one_textbox_per_letter(page: Page, serve: Serve) -> None:
    # Gradio's demo render_split_simple.
    with gr.Blocks() as demo:
        input_text = gr.Textbox(label="input")

        @gr.render(inputs=input_text)
        def show_split(text: str) -> None:
            if len(text) == 0:
                gr.Markdown("## No Input Provided")
            else:
                for letter in text:
                    gr.Textbox(letter)

    page.goto(serve(demo))
    # The load-time run shows the empty state.
    expect(page.get_by_text("No Input Provided")).to_be_visible()
    textboxes = page.locator("textarea")
    expect(textboxes).to_have_count(1)
    page.get_by_label("input").press_sequentially("abc")
    expect(textboxes).to_have_count(4)
    expect(textboxes.nth(1)).to_have_value("a")
    expect(textboxes.nth(3)).to_have_value("c")
    expect(page.get_by_text("No Input Provided")).to_have_count(0)
    page.get_by_label("input").press("Backspace")
    expect(textboxes).to_have_count(3)
    expect(textboxes.nth(2)).to_have_value("b")


def test_add_box_keeps_typed_values_and_merge_uses_the_rendered_listener(page: Page, serve: Serve) -> None:
    # Gradio's demo render_merge_simple.
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

    page.goto(serve(demo))
    page.get_by_label("Box 0").fill("hello")
    page.get_by_role("button", name="Add Box").click()
    expect(page.get_by_label("Box 1")).to_be_visible()
    # The keyed box kept what was typed in it across the re-render.
    expect(page.get_by_label("Box 0")).to_have_value("hello")
    page.get_by_label("Box 1").fill("world")
    page.get_by_role("button", name="Add Box").click()
    expect(page.get_by_label("Box 2")).to_be_visible()
    expect(page.get_by_label("Box 1")).to_have_value("world")
    page.get_by_label("Box 2").fill("again")
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_label("Merged Output")).to_have_value("hello world again")


def test_a_listener_made_in_a_render_updates_a_rendered_component(page: Page, serve: Serve) -> None:
    # The example of Gradio's gr.render docs: one row per letter, each with a Clear button.
    with gr.Blocks() as demo:
        input_text = gr.Textbox(label="input")

        @gr.render(inputs=input_text, triggers=[input_text.submit])
        def show_split(text: str) -> None:
            for letter in text:
                with gr.Row():
                    box = gr.Textbox(letter, label=f"letter {letter}")
                    btn = gr.Button(f"Clear {letter}")
                    btn.click(lambda: gr.Textbox(value=""), None, box)

    page.goto(serve(demo))
    page.get_by_label("input").fill("xy")
    # Only submit triggers this render (no load, no change).
    expect(page.get_by_label("letter x")).to_have_count(0)
    page.get_by_label("input").press("Enter")
    expect(page.get_by_label("letter x")).to_have_value("x")
    page.get_by_role("button", name="Clear y").click()
    expect(page.get_by_label("letter y")).to_have_value("")
    expect(page.get_by_label("letter x")).to_have_value("x")
    page.get_by_label("input").fill("z")
    page.get_by_label("input").press("Enter")
    expect(page.get_by_label("letter z")).to_have_value("z")
    expect(page.get_by_label("letter x")).to_have_count(0)
    page.get_by_role("button", name="Clear z").click()
    expect(page.get_by_label("letter z")).to_have_value("")


def test_todo_list_whose_listeners_mutate_the_state_in_place(page: Page, serve: Serve) -> None:
    # The todo list of Gradio's gr.render guide: rendered listeners change a task inside the State's list
    # and return that same list, which must still count as a change (the render runs again).
    with gr.Blocks() as demo:
        tasks = gr.State([])
        new_task = gr.Textbox(label="Task Name")

        def add_task(tasks: list[dict[str, object]], name: str) -> tuple[list[dict[str, object]], str]:
            return [*tasks, {"name": name, "complete": False}], ""

        new_task.submit(add_task, [tasks, new_task], [tasks, new_task])

        @gr.render(inputs=tasks)
        def render_todos(task_list: list[dict[str, object]]) -> None:
            incomplete = [task for task in task_list if not task["complete"]]
            complete = [task for task in task_list if task["complete"]]
            gr.Markdown(f"### Incomplete Tasks ({len(incomplete)})")
            for task in incomplete:
                with gr.Row():
                    gr.Textbox(str(task["name"]), show_label=False, container=False)
                    done_btn = gr.Button("Done", scale=0)

                    def mark_done(task: dict[str, object] = task) -> list[dict[str, object]]:
                        task["complete"] = True
                        return task_list

                    done_btn.click(mark_done, None, [tasks])
                    delete_btn = gr.Button("Delete", scale=0, variant="stop")

                    def delete(task: dict[str, object] = task) -> list[dict[str, object]]:
                        task_list.remove(task)
                        return task_list

                    delete_btn.click(delete, None, [tasks])
            gr.Markdown(f"### Complete Tasks ({len(complete)})")

    page.goto(serve(demo))
    box = page.get_by_label("Task Name")
    for count, name in enumerate(("one", "two", "three"), start=1):
        box.fill(name)
        box.press("Enter")
        expect(page.get_by_text(f"Incomplete Tasks ({count})")).to_be_visible()
    page.get_by_role("button", name="Done").nth(1).click()
    expect(page.get_by_text("Complete Tasks (1)")).to_be_visible()
    expect(page.get_by_text("Incomplete Tasks (2)")).to_be_visible()
    page.get_by_role("button", name="Delete").first.click()
    expect(page.get_by_text("Incomplete Tasks (1)")).to_be_visible()
    expect(page.get_by_role("button", name="Done")).to_have_count(1)


def test_a_rendered_component_whose_value_is_a_function_gets_it(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        count = gr.Number(1, label="count")

        @gr.render(inputs=count)
        def show(n: float) -> None:
            for i in range(int(n)):
                gr.Textbox(lambda i=i: f"computed {i}", label=f"value {i}")

    page.goto(serve(demo))
    expect(page.get_by_label("value 0")).to_have_value("computed 0")
    page.get_by_label("count").fill("2")
    page.get_by_label("count").press("Enter")
    expect(page.get_by_label("value 1")).to_have_value("computed 1")


def test_a_failing_render_shows_its_error_and_keeps_the_last_blocks(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        word = gr.Textbox(label="word")

        @gr.render(inputs=word, triggers=[word.submit])
        def show(text: str) -> None:
            if text == "boom":
                raise gr.Error("Cannot render boom")
            gr.Textbox(text, label="shown")

    page.goto(serve(demo))
    page.get_by_label("word").fill("fine")
    page.get_by_label("word").press("Enter")
    expect(page.get_by_label("shown")).to_have_value("fine")
    page.get_by_label("word").fill("boom")
    page.get_by_label("word").press("Enter")
    expect(page.get_by_text("Cannot render boom").first).to_be_visible()
    expect(page.get_by_label("shown")).to_have_value("fine")
    page.get_by_label("word").fill("again")
    page.get_by_label("word").press("Enter")
    expect(page.get_by_label("shown")).to_have_value("again")


def test_two_renders_of_500_textboxes_appear(page: Page, serve: Serve) -> None:
    # Gradio's demo render_heavy_concurrently.
    with gr.Blocks() as demo:
        with gr.Row():

            @gr.render()
            def render() -> None:
                for _ in range(500):
                    gr.Textbox(str(random.randint(0, 100)))
                gr.Button("DONE 1")

            @gr.render()
            def render2() -> None:
                for _ in range(500):
                    gr.Textbox(str(random.randint(0, 100)))
                gr.Button("DONE 2")

    demo.queue(default_concurrency_limit=64)
    page.goto(serve(demo))
    expect(page.get_by_role("button", name="DONE 1")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="DONE 2")).to_be_visible(timeout=30_000)
    expect(page.locator("textarea")).to_have_count(1000)


def test_examples_made_in_a_render_fill_its_inputs(page: Page, serve: Serve) -> None:
    # As on Gradio 6.31: a render's Examples fill the rendered inputs; cached ones also their outputs (the
    # preloaded example shows when the render does); after a re-render the new run's Examples work.
    with gr.Blocks() as demo:
        n = gr.Number(1, label="count")

        @gr.render(inputs=n)
        def show(k: float) -> None:
            word = gr.Textbox(label="word", key="word")
            gr.Examples([["abc"], ["hello"]], inputs=word, label="plain")
            word2 = gr.Textbox(label="word2")
            reversed2 = gr.Textbox(label="rev2")
            gr.Examples([["xyz"], ["pqr"]], inputs=word2, outputs=reversed2, fn=lambda s: s[::-1], cache_examples=True)

    page.goto(serve(demo))
    expect(page.get_by_label("rev2")).to_have_value("zyx")  # the preloaded cached example
    page.get_by_role("button", name="Example 2: hello").click()
    expect(page.get_by_label("word", exact=True)).to_have_value("hello")
    page.get_by_role("button", name="Example 2: pqr").click()
    expect(page.get_by_label("word2")).to_have_value("pqr")
    expect(page.get_by_label("rev2")).to_have_value("rqp")
    page.get_by_label("count").fill("2")
    page.get_by_label("count").press("Enter")
    expect(page.get_by_label("rev2")).to_have_value("zyx")  # a new run: its preload again
    expect(page.get_by_label("word", exact=True)).to_have_value("hello")  # keyed: kept
    page.get_by_role("button", name="Example 1: abc").click()
    expect(page.get_by_label("word", exact=True)).to_have_value("abc")


def test_rendered_listeners_chains_and_mixed_triggers(page: Page, serve: Serve) -> None:
    # gr.on with a static and a rendered trigger, .then, a queue=False listener writing to a render=False
    # component rendered later in the run, and a demo.load made in the render (run on each run, as Gradio).
    with gr.Blocks() as demo:
        word = gr.Textbox("ab", label="word")
        static_btn = gr.Button("static go")
        out = gr.Textbox(label="out")
        log = gr.Textbox(label="log")
        loaded = gr.Textbox(label="loaded")
        again = gr.Button("rerender")

        @gr.render(inputs=word, triggers=[again.click, demo.load])
        def show(text: str) -> None:
            later = gr.Textbox(label="later", render=False)
            go = gr.Button("rendered go")
            gr.on([static_btn.click, go.click], lambda w: f"on:{w}", word, out).then(lambda o: f"then:{o}", out, log)
            go.click(lambda: f"direct:{text}", None, later, queue=False)
            demo.load(lambda: f"loaded:{text}", None, loaded)
            with gr.Row():
                later.render()

    page.goto(serve(demo))
    expect(page.get_by_label("loaded")).to_have_value("loaded:ab")
    page.get_by_role("button", name="rendered go").click()
    expect(page.get_by_label("out")).to_have_value("on:ab")
    expect(page.get_by_label("log")).to_have_value("then:on:ab")
    expect(page.get_by_label("later")).to_have_value("direct:ab")
    page.get_by_label("word").fill("xyz")
    page.get_by_role("button", name="rerender").click()
    expect(page.get_by_label("loaded")).to_have_value("loaded:xyz")
    page.get_by_role("button", name="static go").click()
    expect(page.get_by_label("out")).to_have_value("on:xyz")
    expect(page.get_by_label("log")).to_have_value("then:on:xyz")
    page.get_by_role("button", name="rendered go").click()
    expect(page.get_by_label("later")).to_have_value("direct:xyz")


def test_a_rendered_states_delete_callback_runs_when_the_tab_is_closed(
    page: Page, serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on Gradio 6.31: closing the tab ends the session, and the States of all its runs get their
    # delete_callback (not when a re-render drops them).
    monkeypatch.setenv("TRELLIS_DISCONNECT_GRACE", "0.3")
    monkeypatch.setenv("TRELLIS_SESSION_EXPIRY", "0.3")
    deleted: list[int] = []
    with gr.Blocks() as demo:
        n = gr.Number(1, label="count")
        shown = gr.Textbox(label="shown")

        @gr.render(inputs=n)
        def show(k: float) -> None:
            gr.Markdown(f"run {int(k)}")
            count = gr.State(int(k) * 10, delete_callback=deleted.append)
            gr.Button("bump").click(lambda v: v + 1, count, count).then(str, count, shown)

    url = serve(demo)
    tab = page.context.new_page()
    tab.goto(url)
    tab.get_by_role("button", name="bump").click()
    expect(tab.get_by_label("shown")).to_have_value("11")
    tab.get_by_label("count").fill("2")
    tab.get_by_label("count").press("Enter")
    expect(tab.get_by_text("run 2")).to_be_visible()
    tab.get_by_role("button", name="bump").click()
    expect(tab.get_by_label("shown")).to_have_value("21")
    assert deleted == []
    tab.close()
    deadline = time.monotonic() + 20
    while sorted(deleted) != [11, 21]:
        assert time.monotonic() < deadline, f"delete_callback ran for {deleted}"
        time.sleep(0.05)


def test_a_render_inside_a_render_function(page: Page, serve: Serve) -> None:
    # The inner render shows with the outer run (as on Gradio 6.31), runs again when its input changes, and
    # an outer re-run replaces it with the new run's inner render (the old one's blocks are gone).
    with gr.Blocks() as demo:
        n = gr.Number(2, label="count")

        @gr.render(inputs=n)
        def outer(k: float) -> None:
            word = gr.Textbox("hi", label="inner word")
            gr.Markdown(f"outer {int(k)}")

            @gr.render(inputs=word)
            def inner(w: str) -> None:
                gr.Markdown(f"inner {w} {int(k)}")
                gr.Button("shout").click(lambda: w.upper(), None, word)

    page.goto(serve(demo))
    expect(page.get_by_text("inner hi 2")).to_be_visible()
    page.get_by_label("inner word").fill("yo")
    page.get_by_label("inner word").press("Enter")
    expect(page.get_by_text("inner yo 2")).to_be_visible()
    page.get_by_role("button", name="shout").click()
    expect(page.get_by_text("inner YO 2")).to_be_visible()
    page.get_by_label("count").fill("3")
    page.get_by_label("count").press("Enter")
    expect(page.get_by_text("inner hi 3")).to_be_visible()
    expect(page.get_by_text("outer 3")).to_be_visible()
    expect(page.get_by_text("inner", exact=False)).to_have_count(2)  # the label "inner word" and one inner run
    expect(page.get_by_role("button", name="shout")).to_have_count(1)
    page.get_by_role("button", name="shout").click()
    expect(page.get_by_label("inner word")).to_have_value("HI")
    expect(page.get_by_text("inner HI 3")).to_be_visible()


def test_split_into_textboxes_or_buttons_on_submit(page: Page, serve: Serve) -> None:
    # Gradio's demo render_split: two inputs, only submit triggers the render (the Radio's change does not).
    with gr.Blocks() as demo:
        input_text = gr.Textbox(label="input")
        mode = gr.Radio(["textbox", "button"], value="textbox")

        @gr.render(inputs=[input_text, mode], triggers=[input_text.submit])
        def show_split(text: str, mode: str) -> None:
            if len(text) == 0:
                gr.Markdown("## No Input Provided")
            else:
                for letter in text:
                    if mode == "textbox":
                        gr.Textbox(letter)
                    else:
                        gr.Button(letter)

    page.goto(serve(demo))
    page.get_by_label("input").fill("ab")
    page.get_by_label("input").press("Enter")
    textboxes = page.locator("textarea")
    expect(textboxes).to_have_count(3)
    expect(textboxes.nth(2)).to_have_value("b")
    page.get_by_label("button").check()
    expect(textboxes).to_have_count(3)  # no render until the next submit
    page.get_by_label("input").press("Enter")
    expect(page.get_by_role("button", name="b", exact=True)).to_be_visible()
    expect(textboxes).to_have_count(1)
    page.get_by_label("input").fill("")
    page.get_by_label("input").press("Enter")
    expect(page.get_by_text("No Input Provided")).to_be_visible()
    expect(page.get_by_role("button", name="a", exact=True)).to_have_count(0)
