"""The page: it preloads the lazily loaded chunks of the components it shows, so the browser fetches
them in parallel instead of one after another, and embeds the config the browser app reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
from conftest import TIMEOUT, serve

import trellis as gr
from trellis.server import frontend

MANIFEST = json.loads((frontend.FRONTEND_DIR / ".vite" / "manifest.json").read_text())


def preloads(html: str) -> set[str]:
    return set(re.findall(r'<link rel="modulepreload" href="\./([^"]+)">', html))


def chunk(type_name: str) -> str:
    return MANIFEST[f"src/components/{type_name}/Index.svelte"]["file"]


def test_chat_page_preloads_the_chatbot_and_markdown_chunks() -> None:
    with serve(gr.ChatInterface(lambda m, h: m)) as url:
        html = httpx.get(url, timeout=TIMEOUT).text
    found = preloads(html)
    assert chunk("chatbot") in found and chunk("browserstate") in found
    chatbot_imports = {MANIFEST[k]["file"] for k in MANIFEST["src/components/chatbot/Index.svelte"]["imports"]}
    assert chatbot_imports - {MANIFEST["src/main.ts"]["file"]} <= found  # Markdown, sanitiser…
    assert chunk("json") not in found  # ChatInterface's hidden JSON output is not preloaded
    for css in MANIFEST["src/components/chatbot/Index.svelte"].get("css", []):
        assert f'<link rel="stylesheet" href="./{css}">' in html
    for name in found:
        assert (frontend.ASSETS_DIR / Path(name).name).is_file()


def test_a_form_page_preloads_nothing_more() -> None:
    with serve(gr.Interface(lambda s: s, "text", "text")) as url:
        html = httpx.get(url, timeout=TIMEOUT).text
    entry = MANIFEST["src/main.ts"]
    assert preloads(html) == {MANIFEST[k]["file"] for k in entry.get("imports", [])}


def embedded_config(html: str) -> dict[str, object]:
    found = re.search(r"<script>window\.gradio_config = (\{.*?\});</script>", html)
    assert found is not None
    config: dict[str, object] = json.loads(found.group(1))
    return config


def test_the_page_embeds_the_config_without_what_only_api_clients_read() -> None:
    """Class hashes and API descriptions stay on /config and /info; the rest of the config is the same."""
    with serve(gr.Interface(lambda s: s, "text", "text")) as url:
        html = httpx.get(url, timeout=TIMEOUT).text
        full = httpx.get(f"{url}config", timeout=TIMEOUT).json()
    page = embedded_config(html)
    api_only = {"component_class_id", "api_info", "api_info_as_input", "api_info_as_output", "example_inputs"}
    assert all(api_only <= set(c) for c in full["components"] if c["type"] == "textbox")
    assert page["components"] == [{k: v for k, v in c.items() if k not in api_only} for c in full["components"]]
    # The page alone says whether it opened a deep link (as Gradio's: "none" in the page, absent from /config).
    assert page.pop("deep_link_state") == "none" and "deep_link_state" not in full
    assert {k: v for k, v in page.items() if k != "components"} == {k: v for k, v in full.items() if k != "components"}
    assert "gradio_api_info" not in html
