"""``gr.close_all()``: stop every app this process launched."""

from __future__ import annotations

from trellis.blocks.blocks import Blocks


def close_all(verbose: bool = True) -> None:
    """Stop the server of every running app (Blocks, Interface, ChatInterface...) of this process, as Gradio's.

    Args:
        verbose: Passed to each app's ``close()``.
    """
    for instance in list(Blocks.instances):
        if instance.server is not None:
            instance.close(verbose)
