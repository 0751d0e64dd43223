"""``@gr.render`` in the page: the blocks a render makes replace the previous run's, keyed ones keep
what the user typed, and listeners made inside a render run (Gradio's render demos)."""

from __future__ import annotations

import random
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
