"""gr.HTML styles the markup it shows as Gradio 6.31 does, with and without ``apply_default_css``.

Every expected value was recorded by serving the same app with Gradio 6.31 and reading
``getComputedStyle()`` in Chromium at 1280px (light, ``?__theme=dark`` and ``gr.themes.Soft()``); they are
hard-coded here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

SNIPPET = """<h1>Title one</h1><p>This is paragraph 1.</p><p>This is paragraph 2.</p><h2>Head</h2><h3>Sub head</h3>
<ul><li>a</li><li>b</li></ul><ol><li>one</li><li>two</li></ol>
<blockquote>Quoted text</blockquote><pre>pre block</pre>
<table><thead><tr><th>H1</th><th>H2</th></tr></thead><tbody><tr><td>c1</td><td>c2</td></tr></tbody></table>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20" alt="i"><hr>
<p>after <a href='#'>link</a> <code>code</code></p>
<input type="text" value="txt"><textarea>area</textarea><button>Btn</button>
<input type="checkbox" checked><input type="checkbox"><input type="radio" checked><input type="radio"><p>end</p>"""

#: The computed properties read from each element (by selector inside the HTML's content).
PROPS: dict[str, list[str]] = {
    "p": ["margin", "lineHeight"],
    "h1": ["margin", "fontSize", "fontWeight", "lineHeight"],
    "h2": ["margin", "fontSize", "fontWeight", "lineHeight"],
    "h3": ["margin", "fontSize", "fontWeight"],
    "ul": ["margin", "paddingLeft", "listStyleType"],
    "ul li": ["marginBottom", "lineHeight"],
    "ul li:last-child": ["marginBottom"],
    "ol": ["margin", "paddingLeft", "listStyleType"],
    "blockquote": ["margin", "paddingLeft", "borderLeft"],
    "pre": ["margin", "padding", "backgroundColor", "fontFamily"],
    "table": ["marginBottom", "borderCollapse", "borderTop"],
    "th": ["padding", "textAlign", "borderBottom"],
    "img": ["display", "verticalAlign"],
    "hr": ["margin", "borderTop", "height"],
    "a": ["color", "padding", "textDecorationLine", "textAlign"],
    "code": ["backgroundColor", "padding", "fontFamily"],
    "input[type=text]": ["padding", "border", "borderRadius", "backgroundColor", "marginBottom", "lineHeight"],
    "textarea": ["padding", "border", "borderRadius", "backgroundColor"],
    "button": ["padding", "border", "borderRadius", "backgroundColor", "color", "fontSize", "fontWeight"],
    "input[type=checkbox][checked]": ["border", "borderRadius", "backgroundColor", "verticalAlign"],
    "input[type=checkbox]:not([checked])": ["border", "backgroundColor"],
    "input[type=radio][checked]": ["border", "borderRadius", "backgroundColor"],
}

#: Gradio 6.31, default theme, light: the document look of apply_default_css=True.
GRADIO_LIGHT: dict[str, list[str]] = {
    "p": ["0px 0px 6px", "22.75px"],
    "h1": ["0px 0px 8px", "26px", "600", "33.8px"],  # the first child has no top margin
    "h2": ["16px 0px 8px", "22px", "600", "28.6px"],
    "h3": ["16px 0px 8px", "16px", "600"],
    "ul": ["0px 0px 6px", "21px", "circle"],
    "ul li": ["7px", "19.6px"],
    "ul li:last-child": ["0px"],
    "ol": ["0px 0px 6px", "21px", "decimal"],
    "blockquote": ["24px 0px", "8px", "5px solid rgb(228, 228, 231)"],
    "pre": ["0px 0px 6px", "0px", "rgba(0, 0, 0, 0)", "monospace"],
    "table": ["16px", "collapse", "1px solid rgb(39, 39, 42)"],
    "th": ["10px 14px", "left", "1px solid rgb(39, 39, 42)"],
    "img": ["block", "middle"],
    "hr": ["42px 0px 49px", "1px solid rgb(225, 225, 225)", "1px"],
    "a": ["rgb(37, 99, 235)", "2px 8px", "underline", "center"],
    "code": ["rgba(0, 0, 0, 0)", "0px", "monospace"],
    "input[type=text]": ["10px", "1px solid rgb(228, 228, 231)", "4px", "rgb(255, 255, 255)", "4px", "19.6px"],
    "textarea": ["10px", "1px solid rgb(228, 228, 231)", "4px", "rgb(255, 255, 255)"],
    "button": ["8px 16px", "0px solid rgb(228, 228, 231)", "6px", "rgb(228, 228, 231)", "rgb(0, 0, 0)", "16px", "600"],
    "input[type=checkbox][checked]": ["1px solid rgb(249, 115, 22)", "4px", "rgb(249, 115, 22)", "middle"],
    "input[type=checkbox]:not([checked])": ["1px solid rgb(212, 212, 216)", "rgb(255, 255, 255)"],
    "input[type=radio][checked]": ["1px solid rgb(249, 115, 22)", "9999px", "rgb(249, 115, 22)"],
}

#: Gradio 6.31, default theme, dark: the same sizes, the dark theme's colours.
GRADIO_DARK: dict[str, list[str]] = {
    **GRADIO_LIGHT,
    "blockquote": ["24px 0px", "8px", "5px solid rgb(63, 63, 70)"],
    "table": ["16px", "collapse", "1px solid rgb(244, 244, 245)"],
    "th": ["10px 14px", "left", "1px solid rgb(244, 244, 245)"],
    "a": ["rgb(59, 130, 246)", "2px 8px", "underline", "center"],
    "input[type=text]": ["10px", "1px solid rgb(63, 63, 70)", "4px", "rgb(39, 39, 42)", "4px", "19.6px"],
    "textarea": ["10px", "1px solid rgb(63, 63, 70)", "4px", "rgb(39, 39, 42)"],
    "button": ["8px 16px", "0px solid rgb(82, 82, 91)", "6px", "rgb(82, 82, 91)", "rgb(255, 255, 255)", "16px", "600"],
    "input[type=checkbox]:not([checked])": ["1px solid rgb(63, 63, 70)", "rgb(39, 39, 42)"],
}

#: Gradio 6.31 with apply_default_css=False: not the browser's defaults but Gradio's page-wide reset
#: (no margins, headings at the text size, unstyled links, block images, plain fields, blue bare boxes).
GRADIO_PLAIN: dict[str, list[str]] = {
    "p": ["0px", "19.6px"],
    "h1": ["0px", "14px", "400", "19.6px"],
    "h2": ["0px", "14px", "400", "19.6px"],
    "h3": ["0px", "14px", "400"],
    "ul": ["0px", "0px", "disc"],
    "ul li": ["0px", "19.6px"],
    "ul li:last-child": ["0px"],
    "ol": ["0px", "0px", "decimal"],
    "blockquote": ["0px", "0px", "0px solid rgb(39, 39, 42)"],
    "pre": ["0px", "0px", "rgba(0, 0, 0, 0)", "monospace"],
    "table": ["0px", "separate", "0px solid rgb(39, 39, 42)"],
    "th": ["1px", "center", "0px solid rgb(39, 39, 42)"],
    "img": ["block", "middle"],
    "hr": ["0px", "1px solid rgb(39, 39, 42)", "1px"],
    "a": ["rgb(39, 39, 42)", "0px", "none", "start"],
    "code": ["rgba(0, 0, 0, 0)", "0px", "monospace"],
    "input[type=text]": ["8px 12px", "1px solid rgb(107, 114, 128)", "0px", "rgb(255, 255, 255)", "0px", "24px"],
    "textarea": ["8px 12px", "1px solid rgb(107, 114, 128)", "0px", "rgb(255, 255, 255)"],
    "button": ["0px", "0px solid rgb(0, 0, 0)", "0px", "rgba(0, 0, 0, 0)", "rgb(39, 39, 42)", "14px", "400"],
    "input[type=checkbox][checked]": ["1px solid rgb(37, 99, 235)", "0px", "rgba(0, 0, 0, 0)", "middle"],
    "input[type=checkbox]:not([checked])": ["1px solid rgb(37, 99, 235)", "rgba(0, 0, 0, 0)"],
    "input[type=radio][checked]": ["1px solid rgb(37, 99, 235)", "0px", "rgba(0, 0, 0, 0)"],
}

#: Gradio 6.31 with theme=gr.themes.Soft(), light: the theme's link, field, button and checkbox colours.
GRADIO_SOFT: dict[str, list[str]] = {
    "a": ["rgb(79, 70, 229)", "2px 8px", "underline", "center"],
    "input[type=text]": ["10px", "0px solid rgb(249, 250, 251)", "4px", "rgb(255, 255, 255)", "4px", "19.6px"],
    "button": [
        "8px 16px",
        "0px solid rgb(229, 231, 235)",
        "6px",
        "rgb(255, 255, 255)",
        "rgb(31, 41, 55)",
        "16px",
        "600",
    ],
    "input[type=checkbox][checked]": ["1px solid rgb(99, 102, 241)", "4px", "rgb(79, 70, 229)", "middle"],
    "input[type=checkbox]:not([checked])": ["1px solid rgb(243, 244, 246)", "rgb(249, 250, 251)"],
}


def html_demo(**kwargs: Any) -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.HTML(SNIPPET, elem_id="snippet", **kwargs)
    return demo


def computed(page: Page, props: dict[str, list[str]]) -> dict[str, list[str]]:
    content = page.locator("#snippet h1").locator("xpath=..")
    expect(content).to_be_visible()
    result: dict[str, list[str]] = content.evaluate(
        """(root, spec) => Object.fromEntries(Object.entries(spec).map(([sel, names]) => {
            const style = getComputedStyle(root.querySelector(sel));
            return [sel, names.map(n => style[n])];
        }))""",
        props,
    )
    return result


def assert_styles(actual: dict[str, list[str]], expected: dict[str, list[str]]) -> None:
    wrong = {sel: (actual[sel], want) for sel, want in expected.items() if actual[sel] != want}
    assert not wrong, wrong


@pytest.mark.parametrize(("scheme", "expected"), [("light", GRADIO_LIGHT), ("dark", GRADIO_DARK)])
def test_default_css_styles_the_content_as_gradio(
    page: Page, serve: Serve, scheme: str, expected: dict[str, list[str]]
) -> None:
    page.goto(serve(html_demo()) + f"?__theme={scheme}")
    assert_styles(computed(page, PROPS), expected)


def test_default_css_follows_the_theme(page: Page, serve: Serve) -> None:
    page.goto(serve(html_demo(), theme=gr.themes.Soft()))
    assert_styles(computed(page, {sel: PROPS[sel] for sel in GRADIO_SOFT}), GRADIO_SOFT)


def test_without_default_css_the_content_is_reset_as_on_gradios_page(page: Page, serve: Serve) -> None:
    page.goto(serve(html_demo(apply_default_css=False)))
    assert_styles(computed(page, PROPS), GRADIO_PLAIN)


def test_vertical_rhythm_matches_gradio(page: Page, serve: Serve) -> None:
    """The blocks land where Gradio puts them: y offsets from the top of the first heading."""
    page.goto(serve(html_demo()))
    content = page.locator("#snippet h1").locator("xpath=..")
    expect(content).to_be_visible()
    tops: list[float] = content.evaluate(
        """root => { const top = root.querySelector('h1').getBoundingClientRect().top;
            return ['p', 'h2', 'h3', 'ul', 'ol', 'blockquote', 'pre', 'table', 'hr'].map(
                s => Math.round((root.querySelector(s).getBoundingClientRect().top - top) * 100) / 100); }"""
    )
    # Gradio 6.31 (h1 at y=26): p 67.8, h2 135.3, h3 179.89, ul 208.69, ol 260.88, blockquote 331.06,
    # pre 374.66, table 400.25, hr 560.44.
    expected = [41.8, 109.3, 153.89, 182.69, 234.88, 305.06, 348.66, 374.25, 534.44]
    assert all(abs(a - e) <= 0.5 for a, e in zip(tops, expected, strict=True)), (tops, expected)


def test_css_template_outweighs_the_default_css(page: Page, serve: Serve) -> None:
    """Gradio scopes css_template by the content's id, so its rules beat the defaults (but not the
    defaults' !important: the last child still has no bottom margin)."""
    with gr.Blocks() as demo:
        gr.HTML(
            "<p>one</p><p>two</p><a href='#'>go</a>",
            css_template="p { margin-bottom: 20px; color: rgb(255, 0, 0); } a { padding: 0; }",
            elem_id="tpl",
        )
    page.goto(serve(demo))
    expect(page.locator("#tpl a")).to_be_visible()
    styles = page.locator("#tpl p, #tpl a").evaluate_all(
        "els => els.map(e => { const c = getComputedStyle(e); return [c.marginBottom, c.color, c.padding]; })"
    )
    # Gradio 6.31's values.
    assert styles == [
        ["20px", "rgb(255, 0, 0)", "0px"],
        ["20px", "rgb(255, 0, 0)", "0px"],
        ["0px", "rgb(37, 99, 235)", "0px"],
    ]


def test_markdown_keeps_its_own_look(page: Page, serve: Serve) -> None:
    """The HTML's defaults reach no Markdown: a Markdown link keeps no button padding."""
    with gr.Blocks() as demo:
        gr.HTML("<p><a href='#'>html link</a></p>")
        gr.Markdown("[md link](#)", elem_id="md")
    page.goto(serve(demo))
    link = page.locator("#md a")
    expect(link).to_be_visible()
    assert link.evaluate("e => getComputedStyle(e).padding") == "0px"
