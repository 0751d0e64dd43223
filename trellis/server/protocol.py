"""The HTTP/1.1 protocol a launched app is served with: uvicorn's, with limits on request heads.

uvicorn's httptools protocol accepts a request head of any size and any number of header lines,
and waits for it forever: a 1 MB header is parsed and answered, and a few unfinished 20 MB headers
grow the server by hundreds of megabytes. This subclass bounds the head before the app sees it:

* request line plus headers over ``max_header_size`` bytes, or more than ``max_header_count``
  header lines: ``431 Request Header Fields Too Large``, and the connection is closed;
* a head not complete ``header_timeout`` seconds after its first byte: ``408 Request Timeout``.

The bytes held for an unfinished head are bounded by ``max_header_size`` plus one socket read.
Without httptools (a platform with no wheel), uvicorn's h11 protocol is used with the same byte
limit, which it answers with a plain 400.
"""

from __future__ import annotations

import asyncio
from typing import Any

from typing_extensions import override

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    HAS_HTTPTOOLS = True
except ImportError:  # pragma: no cover - httptools has wheels for every platform we test on
    HAS_HTTPTOOLS = False

REASONS = {408: "Request Timeout", 431: "Request Header Fields Too Large"}


class _HeadRefused(Exception):
    """Raised inside a parser callback to stop parsing a head that broke a limit."""


def protocol_options(max_header_size: int, max_header_count: int, header_timeout: float) -> dict[str, Any]:
    """``uvicorn.Config`` keyword arguments that serve HTTP/1.1 with these head limits."""
    if not HAS_HTTPTOOLS:  # pragma: no cover
        return {"http": "h11", "h11_max_incomplete_event_size": max_header_size}
    limits = {
        "max_header_size": max_header_size,
        "max_header_count": max_header_count,
        "header_timeout": header_timeout,
    }
    return {"http": type("TrellisHttpProtocol", (LimitedHttpToolsProtocol,), limits)}


if HAS_HTTPTOOLS:

    class LimitedHttpToolsProtocol(HttpToolsProtocol):
        """``HttpToolsProtocol`` that refuses oversized, overlong or too slow request heads."""

        max_header_size = 64 * 1024
        max_header_count = 100
        header_timeout = 30.0

        @override
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._refused: tuple[int, str] | None = None
            self._head_timer: asyncio.TimerHandle | None = None
            self._new_head()

        def _new_head(self) -> None:
            self._reading_head = True
            self._head_bytes = 0
            self._header_count = 0
            self._cancel_head_timer()

        def _cancel_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        @override
        def data_received(self, data: bytes) -> None:
            if self._refused is not None:
                return
            if self._reading_head:
                if self._head_timer is None:
                    self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)
                self._head_bytes += len(data)
            super().data_received(data)
            if self._refused is None and self._reading_head and self._head_bytes > self.max_header_size:
                self._refuse(431, f"Request headers are larger than {self.max_header_size} bytes.")

        @override
        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_head_timer()
            super().connection_lost(exc)

        # parser callbacks
        @override
        def on_header(self, name: bytes, value: bytes) -> None:
            self._header_count += 1
            if self._header_count > self.max_header_count:
                self._refused = (431, f"More than {self.max_header_count} request headers.")
                raise _HeadRefused
            super().on_header(name, value)

        @override
        def on_headers_complete(self) -> None:
            self._reading_head = False
            self._cancel_head_timer()
            super().on_headers_complete()

        @override
        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._new_head()  # the next request on this connection starts its own count

        def send_400_response(self, msg: str) -> None:
            """Answer a parse error as uvicorn does; a head refused by a limit gets its own status instead."""
            if self._refused is not None:
                self._write_refusal(*self._refused)
                return
            super().send_400_response(msg)

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self._reading_head and self._head_bytes and self._refused is None:
                self._refuse(408, f"Request headers not received within {self.header_timeout:g} s.")

        def _refuse(self, status: int, message: str) -> None:
            self._refused = (status, message)
            self._write_refusal(status, message)

        def _write_refusal(self, status: int, message: str) -> None:
            self._cancel_head_timer()
            if self.transport.is_closing():
                return
            body = message.encode()
            head = (
                f"HTTP/1.1 {status} {REASONS[status]}\r\n"
                "content-type: text/plain; charset=utf-8\r\n"
                f"content-length: {len(body)}\r\n"
                "connection: close\r\n\r\n"
            )
            self.transport.write(head.encode() + body)
            self.transport.close()
            self.logger.warning("Refused a request from %s: %s", self.client and self.client[0], message)
