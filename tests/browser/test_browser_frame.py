"""The page's frame compared with Gradio 6.31's: empty media components (the drop zone that is the whole
block, the empty output box), the footer and its Settings panel, and the page's side padding.

Sizes were read from Gradio 6.31's page for the same components in Chromium at 1280x900 (block
heights in CSS pixels, borders included) and are hard-coded here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def box(locator: Any) -> dict[str, float]:
    """The element's bounding box (waits for it to be visible)."""
    expect(locator).to_be_visible()
    found = locator.bounding_box()
    assert found is not None
    return dict(found)


# -- 1. empty media components ------------------------------------------------------------------------

#: Interactive components: (factory, type string, test id of the drop zone, main line, Gradio's block height).
DROP_ZONES: list[tuple[Callable[[], Any], str, str, str, int]] = [
    (lambda: gr.Image(label="In"), "image", "image-dropzone", "Drop Image Here", 282),
    (lambda: gr.Video(label="In"), "video", "video-dropzone", "Drop Video Here", 282),
    (lambda: gr.Audio(label="In"), "audio", "audio-dropzone", "Drop Audio Here", 282),
    (lambda: gr.File(label="In"), "file", "file-dropzone", "Drop File Here", 242),
    (lambda: gr.Model3D(label="In"), "model3d", "model3d-dropzone", "Drop File Here", 242),
    (lambda: gr.ImageSlider(label="In"), "imageslider", "imageslider-dropzone-left", "Drop Image Here", 242),
]


@pytest.mark.parametrize(("make", "kind", "testid", "line", "height"), DROP_ZONES, ids=[d[1] for d in DROP_ZONES])
def test_the_drop_zone_is_the_block_and_a_click_opens_the_file_chooser(
    page: Page, serve: Serve, make: Callable[[], Any], kind: str, testid: str, line: str, height: int
) -> None:
    with gr.Blocks() as demo:
        make()
    page.goto(serve(demo))
    block = page.locator(f".block[data-testid={kind}]")
    zone = page.get_by_test_id(testid)
    outer, inner = box(block), box(zone)
    # the drop zone starts at the block's top-left corner (the label floats over it), is at least
    # 240px high, and the block is as high as Gradio's
    assert abs(inner["y"] - outer["y"]) <= 1.5 and abs(inner["x"] - outer["x"]) <= 1.5, (outer, inner)
    assert inner["height"] >= 239, inner
    assert abs(outer["height"] - height) <= 2, outer
    expect(zone).to_contain_text(line)
    expect(zone).to_contain_text("- or -")
    expect(zone).to_contain_text("Click to Upload")
    expect(block.get_by_test_id("block-label")).to_have_text("In")
    with page.expect_file_chooser() as chooser:
        zone.click()
    assert chooser.value is not None


#: Output components: (factory, type string, test id of the empty box, its name, Gradio's block height).
EMPTIES: list[tuple[Callable[[], Any], str, str, str, int]] = [
    (lambda: gr.Image(label="Out", interactive=False), "image", "image-empty", "No image", 238),
    (lambda: gr.Video(label="Out", interactive=False), "video", "video-empty", "No video", 238),
    (lambda: gr.Audio(label="Out", interactive=False), "audio", "audio-empty", "No audio", 112),
    (lambda: gr.File(label="Out", interactive=False), "file", "file-empty", "No file", 264),
    (lambda: gr.Model3D(label="Out", interactive=False), "model3d", "model3d-empty", "No 3D model", 238),
    (lambda: gr.AnnotatedImage(label="Out"), "annotatedimage", "annotatedimage-empty", "No image", 238),
    (
        lambda: gr.ImageSlider(label="Out", interactive=False),
        "imageslider",
        "imageslider-empty",
        "No images",
        238,
    ),
]


@pytest.mark.parametrize(("make", "kind", "testid", "name", "height"), EMPTIES, ids=[e[1] for e in EMPTIES])
def test_an_empty_output_is_a_box_with_a_faint_icon(
    page: Page, serve: Serve, make: Callable[[], Any], kind: str, testid: str, name: str, height: int
) -> None:
    with gr.Blocks() as demo:
        make()
    page.goto(serve(demo))
    block = page.locator(f".block[data-testid={kind}]")
    empty = page.get_by_test_id(testid)
    expect(empty).to_have_attribute("aria-label", name)
    expect(empty).to_have_text("")  # an icon, no words
    expect(empty.locator("svg")).to_have_count(1)
    assert abs(box(block)["height"] - height) <= 2, box(block)


def test_a_height_sizes_the_whole_block_and_the_drop_zone_takes_what_the_sources_leave(
    page: Page, serve: Serve
) -> None:
    with gr.Blocks() as demo:
        gr.Image(height=400)
        gr.File(height=300)
    page.goto(serve(demo))
    image, zone = box(page.locator(".block[data-testid=image]")), box(page.get_by_test_id("image-dropzone"))
    assert abs(image["height"] - 400) <= 1, image
    assert abs(zone["height"] - (400 - 2 - 40)) <= 2, zone  # the source buttons are 40px high
    assert abs(box(page.locator(".block[data-testid=file]"))["height"] - 302) <= 2


def test_dragging_files_over_the_block_lights_the_drop_zone(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Image()
    page.goto(serve(demo))
    zone = page.get_by_test_id("image-dropzone")
    expect(zone).to_be_visible()
    plain = zone.evaluate("el => getComputedStyle(el).color")
    transfer = page.evaluate_handle("() => new DataTransfer()")
    page.locator(".block[data-testid=image] [role=group]").dispatch_event("dragover", {"dataTransfer": transfer})
    expect(zone).to_have_class(re.compile(r"\bdragging\b"))
    assert zone.evaluate("el => getComputedStyle(el).color") != plain


# -- 3. the page's frame -----------------------------------------------------------------------------


def greeter() -> gr.Interface:
    return gr.Interface(
        lambda name: f"Hello {name}",
        "text",
        "text",
        title="Greeter",
        description="Type a name. This is the **description**.",
        article="An *article* under it.",
    )


@pytest.mark.parametrize(("width", "content"), [(1280, 1216), (390, 326), (700, 576)])
def test_the_page_has_gradios_side_padding_and_width_steps(page: Page, serve: Serve, width: int, content: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(serve(greeter()))
    title = page.get_by_role("heading", name="Greeter")
    app = box(page.locator("main.app"))
    first = box(page.locator("main.app > *").first)
    assert abs(first["width"] - content) <= 1, (first, app)
    assert abs(first["x"] - (width - content) / 2) <= 1, first
    assert box(title)["y"] == pytest.approx(16, abs=1)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def test_an_interface_title_and_description_have_gradios_sizes(page: Page, serve: Serve) -> None:
    page.goto(serve(greeter()))
    title = page.get_by_role("heading", name="Greeter")
    style = title.evaluate(
        "h => { const s = getComputedStyle(h); return [s.fontSize, s.fontWeight, s.marginBottom, s.textAlign]; }"
    )
    assert style == ["26px", "600", "0px", "center"]
    description = page.get_by_text("Type a name.")
    assert description.evaluate("p => getComputedStyle(p).fontSize") == "14px"
    # Gradio: the title's block is 34px high, then the 16px gap, then the description
    assert box(description)["y"] - box(title)["y"] == pytest.approx(50, abs=1)
    # the two columns are not grey panels
    for column in page.locator(".row > .column").all():
        assert column.evaluate("c => getComputedStyle(c).backgroundColor") == "rgba(0, 0, 0, 0)"


# -- 2. the footer, Settings and the run history ------------------------------------------------------


def footer_texts(page: Page) -> list[str]:
    """The footer's visible links, in order."""
    footer = page.get_by_test_id("footer")
    expect(footer).to_be_visible()
    return [
        item.inner_text().strip() for item in footer.locator("button, span:not(.divider)").all() if item.is_visible()
    ]


def submit(page: Page, name: str) -> None:
    page.get_by_label("name").fill(name)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_label("output")).to_have_value(f"Hello {name}")


def test_the_footer_shows_gradios_links_and_runs_after_a_run(page: Page, serve: Serve) -> None:
    page.goto(serve(greeter()))
    assert footer_texts(page) == ["Use via API", "Built with Trellis", "Settings"]
    footer = page.get_by_test_id("footer")
    assert footer.evaluate("f => [getComputedStyle(f).fontSize, getComputedStyle(f).textDecorationLine]") == [
        "14px",
        "none",
    ]
    # 16px above the page's bottom edge, as Gradio's
    assert box(footer.get_by_role("button", name="Settings"))["y"] == pytest.approx(800 - 16 - 21, abs=2)
    submit(page, "Ann")
    expect(footer.get_by_role("button", name="Runs")).to_be_visible()
    assert footer_texts(page) == ["Runs", "Use via API", "Built with Trellis", "Settings"]


def test_a_load_listener_is_not_saved_as_a_run(page: Page, serve: Serve) -> None:
    # Gradio 6.31's page keeps no run for the app's own load listeners: "Runs" appears only after a
    # listener the user triggered has run.
    with gr.Blocks() as demo:
        shown = gr.Textbox(label="shown")
        typed = gr.Textbox(label="typed")
        demo.load(lambda: "loaded", None, shown)
        typed.change(lambda x: x, typed, shown)
    page.goto(serve(demo))
    expect(page.get_by_label("shown")).to_have_value("loaded")
    assert footer_texts(page) == ["Use via API", "Built with Trellis", "Settings"]
    page.get_by_label("typed").fill("abc")
    expect(page.get_by_label("shown")).to_have_value("abc")
    expect(page.get_by_test_id("footer").get_by_role("button", name="Runs")).to_be_visible()


@pytest.mark.parametrize(
    ("links", "shown"),
    [(["api"], ["Use via API"]), (["settings", "gradio"], ["Built with Trellis", "Settings"]), ([], [])],
)
def test_footer_links_choose_the_links(page: Page, serve: Serve, links: list[str], shown: list[str]) -> None:
    page.goto(serve(greeter(), footer_links=links))
    expect(page.get_by_role("heading", name="Greeter")).to_be_visible()
    if shown:
        assert footer_texts(page) == shown
    else:
        expect(page.get_by_test_id("footer")).to_have_count(0)


def test_a_phone_hides_use_via_api(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(serve(greeter()))
    expect(page.get_by_role("button", name="Settings")).to_be_visible()
    expect(page.get_by_role("button", name="Use via API")).to_be_hidden()
    assert footer_texts(page) == ["Built with Trellis", "Settings"]
    assert page.get_by_test_id("footer").inner_text().count("·") == 1
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def is_dark(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.classList.contains('dark')"))


def test_settings_switch_the_page_to_dark_and_the_url_keeps_it(page: Page, serve: Serve) -> None:
    page.emulate_media(color_scheme="light")
    url = serve(greeter())
    page.goto(url)
    page.get_by_role("button", name="Settings").click()
    drawer = page.get_by_role("dialog", name="Settings")
    expect(drawer).to_be_visible()
    expect(drawer.get_by_role("button", name="System")).to_have_attribute("aria-pressed", "true")
    drawer.get_by_role("button", name="Dark").click()
    page.wait_for_function("document.documentElement.classList.contains('dark')")
    assert "__theme=dark" in page.url
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    page.keyboard.press("Escape")
    expect(drawer).to_have_count(0)
    expect(page.get_by_role("button", name="Settings")).to_be_focused()
    expect(page).not_to_have_url(re.compile("view="))  # the URL is rewritten as the view closes
    page.reload()
    expect(page.get_by_role("heading", name="Greeter")).to_be_visible()
    assert is_dark(page)
    # System follows the system's scheme, live, and leaves the URL
    page.get_by_role("button", name="Settings").click()
    page.get_by_role("dialog", name="Settings").get_by_role("button", name="System").click()
    page.wait_for_function("!document.documentElement.classList.contains('dark')")
    assert "__theme" not in page.url
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.documentElement.classList.contains('dark')")
    page.get_by_role("dialog", name="Settings").get_by_role("button", name="Light").click()
    page.wait_for_function("!document.documentElement.classList.contains('dark')")
    assert "__theme=light" in page.url


def test_a_link_with_view_settings_opens_the_settings(page: Page, serve: Serve) -> None:
    page.goto(serve(greeter()) + "?view=settings")
    drawer = page.get_by_role("dialog", name="Settings")
    expect(drawer).to_be_visible()
    drawer.get_by_role("button", name="Close Settings").click()
    expect(drawer).to_have_count(0)
    page.wait_for_function("!new URL(location.href).searchParams.has('view')")
    expect(drawer).to_have_count(0)


def test_runs_lists_each_run_and_loads_one_back(page: Page, serve: Serve) -> None:
    page.goto(serve(greeter()))
    submit(page, "Ann")
    submit(page, "Bob")
    page.get_by_role("button", name="Clear").click()
    expect(page.get_by_label("name")).to_have_value("")
    page.get_by_role("button", name="Runs").click()
    history = page.get_by_test_id("run-history")
    expect(history.get_by_role("heading", name="Run history (2)")).to_be_visible()
    assert "view=runs" in page.url
    runs = history.get_by_test_id("run")
    expect(runs).to_have_count(2)
    expect(runs.first).to_contain_text("Bob")
    expect(runs.first).to_contain_text("Hello Bob")
    expect(runs.first).to_contain_text("Completed")
    expect(history.get_by_test_id("runs-endpoint")).to_contain_text("/lambda")
    assert footer_texts(page) == ["App", "Built with Trellis"]
    runs.nth(1).get_by_role("button", name="Load run").click()
    expect(history).to_have_count(0)
    expect(page.get_by_label("name")).to_have_value("Ann")
    expect(page.get_by_label("output")).to_have_value("Hello Ann")
    expect(page).not_to_have_url(re.compile("view="))  # the URL is rewritten as the view closes
    # the history stays after a reload; Delete and Clear history forget runs
    page.reload()
    page.get_by_role("button", name="Runs").click()
    expect(runs).to_have_count(2)
    runs.first.get_by_role("button", name="Delete").click()
    expect(runs).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear history").click()
    expect(history.get_by_text("No runs yet")).to_be_visible()
    page.get_by_role("button", name="App").click()
    expect(page.get_by_role("heading", name="Greeter")).to_be_visible()
    expect(page.get_by_role("button", name="Runs")).to_have_count(0)


def test_the_back_button_leaves_the_run_history(page: Page, serve: Serve) -> None:
    page.goto(serve(greeter()))
    submit(page, "Ann")
    page.get_by_role("button", name="Runs").click()
    expect(page.get_by_test_id("run-history")).to_be_visible()
    page.go_back()
    expect(page.get_by_test_id("run-history")).to_have_count(0)
    expect(page.get_by_label("output")).to_have_value("Hello Ann")  # the app kept its state


def test_run_history_off_saves_nothing(page: Page, serve: Serve) -> None:
    url = serve(greeter(), run_history=False)
    page.goto(url)
    page.evaluate("localStorage.setItem('trellis:run-history:' + location.pathname, '[]')")
    page.reload()
    submit(page, "Ann")
    expect(page.get_by_role("button", name="Runs")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('trellis:run-history:' + location.pathname)") is None
    page.get_by_role("button", name="Settings").click()
    expect(page.get_by_role("dialog", name="Settings")).not_to_contain_text("Run history")


@pytest.mark.parametrize("pwa", [False, True])
def test_the_settings_say_whether_the_app_installs_as_a_pwa(page: Page, serve: Serve, pwa: bool) -> None:
    """Gradio's Settings have a Progressive Web App section: install steps with launch(pwa=True), else how
    to enable it; every page links the web app manifest, which names the app and its icon."""
    url = serve(greeter(), pwa=pwa)
    page.goto(url + "?view=settings")
    section = page.get_by_test_id("settings-pwa")
    if pwa:
        expect(section).to_contain_text("You can install this app as a Progressive Web App on your device.")
    else:
        expect(section).to_contain_text("To enable it, start your Gradio app with launch(pwa=True).")
    manifest = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")
    assert manifest["name"] == "Greeter" and manifest["start_url"] == "./"
    assert manifest["icons"][0]["src"].startswith("data:image/svg+xml")
