"""CSRF in a real browser: a page on another site cannot run the app's functions, the app's own page can.

The attacking page is served from ``localhost`` (a different site from ``127.0.0.1``, where the
app runs) and tries the classic simple requests: a ``no-cors`` ``fetch`` with a ``text/plain``
JSON body, a ``<form enctype="text/plain">`` whose field forms a JSON body, and an urlencoded
form. Chromium sends them without a preflight; the server must refuse every one before the
function runs.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

ATTACK = """<!doctype html><html><body>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe>
<form id="plain" method="POST" enctype="text/plain" target="sink1" action="{app}gradio_api/run/greet">
<input name='{{"data":["form"],"fn_index":0,"session_hash":"evilform","x":"' value='"}}'></form>
<form id="urlenc" method="POST" target="sink2" action="{app}gradio_api/queue/join">
<input name="data" value="urlencoded"></form>
<script>
let loads = 0;
for (const name of ["sink1", "sink2"]) document.querySelector(`iframe[name=${{name}}]`).addEventListener("load", () => {{
  loads += 1; if (loads === 2) document.title += " forms-done";
}});
const body = JSON.stringify({{data: ["fetch"], fn_index: 0, session_hash: "evilfetch"}});
Promise.allSettled([
  fetch("{app}gradio_api/queue/join", {{method: "POST", mode: "no-cors", credentials: "include", body,
    headers: {{"Content-Type": "text/plain"}}}}),
  fetch("{app}gradio_api/run/greet", {{method: "POST", mode: "no-cors", credentials: "include", body}}),
  fetch("{app}gradio_api/call/greet", {{method: "POST", mode: "no-cors", body: new Blob([body])}}),
]).then(() => {{ document.title += " fetch-done"; }});
document.getElementById("plain").submit();
document.getElementById("urlenc").submit();
</script></body></html>"""


@contextlib.contextmanager
def attacker_site(app_url: str) -> Iterator[str]:
    """Serve the attacking page on ``http://localhost:<port>/``: another site than the app's 127.0.0.1."""
    page = ATTACK.format(app=app_url).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_cross_site_page_cannot_call_the_app_but_its_own_page_can(page: Page, serve: Callable[..., str]) -> None:
    calls: list[str] = []

    def greet(name: str) -> str:
        calls.append(name)
        return f"Hello {name}!"

    app = serve(gr.Interface(greet, gr.Textbox(label="Name"), gr.Textbox(label="Greeting"), api_name="greet"))
    with attacker_site(app) as evil:
        page.goto(evil)
        page.wait_for_function("document.title.includes('fetch-done') && document.title.includes('forms-done')")
    assert calls == []

    page.goto(app)
    page.get_by_label("Name", exact=True).fill("Ada")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_label("Greeting", exact=True)).to_have_value("Hello Ada!")
    assert calls == ["Ada"]
