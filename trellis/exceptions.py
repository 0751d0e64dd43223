"""Errors raised by Trellis and by apps built on it.

Hierarchy::

    Exception
    ├── Error                 shown to the app's user (message, title, duration)
    │   └── ValidationError   an input value that does not fit its component
    ├── TrellisError          a mistake in how the app or server is set up
    │   ├── DuplicateBlockError
    │   ├── InvalidBlockError
    │   └── InvalidConfigError
    └── Refused               a client request refused with an HTTP status (a session, a path, ...)

``Error`` keeps Gradio's name (``gr.Error``) because apps raise it directly.
"""

from __future__ import annotations


class Error(Exception):
    """An error whose message is shown to the user of the app.

    Args:
        message: text shown to the user.
        duration: seconds the message stays on screen; ``None`` keeps it until closed.
        visible: whether the browser shows it at all.
        title: heading of the message.
        print_exception: whether the server also logs the traceback.
    """

    def __init__(
        self,
        message: str = "Error raised.",
        duration: float | None = 10,
        visible: bool = True,
        title: str = "Error",
        print_exception: bool = True,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.duration = duration
        self.visible = visible
        self.title = title
        self.print_exception = print_exception

    def __str__(self) -> str:
        return str(self.message)


class ValidationError(Error):
    """An input value that its component refuses (wrong type, not a choice, out of range)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, print_exception=False)


class TrellisError(Exception):
    """Base of the errors that point at a mistake in the app or its set-up."""


class DuplicateBlockError(TrellisError):
    """A block was rendered twice inside one Blocks."""


class InvalidBlockError(TrellisError):
    """A listener names something that is not a component of this app."""


class InvalidConfigError(TrellisError):
    """An argument given to Blocks, Interface, launch or a listener is not valid."""


# Gradio exposes these names too; apps catch them.
InvalidComponentError = InvalidBlockError


class Refused(Exception):
    """A client's request refused: ``status`` is the HTTP status to answer with, ``message`` the detail."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
