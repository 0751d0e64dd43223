"""``ChatInterface``: a chat app around one function ``fn(message, history, *additional_inputs)``.

The app is an ordinary Blocks tree laid out and wired the way Gradio 6 wires it (so the config,
the API and the clients behave the same):

* the conversation lives on the server, per session, in a State (``chatbot_state``); the public
  API endpoint (named after ``fn``, or ``api_name``) takes only the message and the additional
  inputs, returns the reply (streamed when ``fn`` is a generator) and appends both to that history;
* in the browser, submitting a message shows it at once, then streams the reply into the Chatbot;
  retry, undo, edit, options (suggested replies) and examples in the empty chatbot all work from
  the same history; the Stop button cancels a running reply;
* ``save_history=True`` keeps past conversations in the browser (a BrowserState) and lists them
  in a side column; ``cache_examples`` precomputes (or, ``"lazy"``, remembers) example replies.

The modules, from the bottom up:

==============  ==================================================================================
history.py      pure functions on message lists: normalise, append, cut for retry/undo/edit
examples.py     examples in the chatbot or in a table; the conversation an example makes
replies.py      calling ``fn`` (plain, async, generator): its replies as history and API output
saved.py        saved conversations (``save_history``): storing, listing, loading; their listeners
layout.py       ``ChatLayout``: the components and the States behind them
wiring.py       ``ChatWiring``: the listener chains (submit, retry, undo, edit, options, stop, …)
interface.py    ``ChatInterface``: the constructor
==============  ==================================================================================

Flagging (likes and dislikes to a CSV file) is trellis/blocks/flagging.py's ``ChatCSVLogger``.
"""

from __future__ import annotations

from trellis.blocks.chat_interface.interface import ChatInterface
from trellis.blocks.chat_interface.saved import chat_title

__all__ = ["ChatInterface", "chat_title"]
