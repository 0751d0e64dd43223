"""Files named in the config's props are served, one unservable entry does not spoil the rest.

The official ``test_chatinterface_multimodal_examples`` demo: a text-only example carries a text icon
(FileData with an empty path, not a file) next to examples with sample files; the files must be
cached and served like any initial value's.
"""

from __future__ import annotations

from typing import Any

import httpx
from conftest import TIMEOUT

import trellis as gr


def echo(message: dict[str, Any], history: list[Any]) -> str:
    return message["text"]


def test_chat_example_files_are_served_next_to_a_text_icon(serve_blocks: Any) -> None:
    image = gr.get_image("avatar.png")
    demo = gr.ChatInterface(
        echo,
        multimodal=True,
        examples=[{"text": "hello"}, {"text": "hola", "files": [image]}],  # type: ignore[list-item]
    )
    url = serve_blocks(demo)
    config = httpx.get(url + "config", timeout=TIMEOUT).json()
    chatbot = next(c for c in config["components"] if c["type"] == "chatbot")
    text_only, with_file = chatbot["props"]["examples"]
    assert text_only["icon"]["path"] == ""
    (file,) = with_file["files"]
    assert file["path"] != image  # copied into the cache
    answer = httpx.get(file["url"], timeout=TIMEOUT)
    assert answer.status_code == 200
    assert answer.content == open(image, "rb").read()
