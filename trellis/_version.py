"""Version numbers: the package's own, and the Gradio release whose wire format it speaks."""

from __future__ import annotations

__version__ = "0.1.0"

#: Reported as ``config.version``. The official clients branch on this value
#: (see PROTOCOL.md section 7.1), so it names the Gradio release we track.
GRADIO_COMPAT_VERSION = "6.31.0"
