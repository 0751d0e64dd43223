"""File routes: streaming multipart upload with a size limit, and the guarded file route."""

from __future__ import annotations

import asyncio
import json
import mimetypes
import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from trellis._filedata import clean_filename
from trellis.processing.files import FileAccessError, FileCache
from trellis.server.responses import ORJSONResponse, error

if TYPE_CHECKING:
    from trellis.server.state import ServerState

P = "/gradio_api"

#: Types served inline with their real content type; anything else is a download.
INLINE_TYPES = (
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/avif",
    "image/bmp",
    "image/x-icon",
    "audio/",
    "video/",
    "text/plain",
    "application/json",
    "model/",
)


#: Room for multipart boundaries and part headers when ``Content-Length`` is checked up front.
MULTIPART_OVERHEAD = 64 * 1024
#: How long ``upload_progress`` waits for its upload to start.
PROGRESS_WAIT = 3.0
#: Progress records are kept this long after their upload ends, for late listeners.
PROGRESS_KEEP = 60.0
MAX_TRACKERS = 1000


#: Body bytes gathered before the multipart parser (and the disk writes it makes) runs in a worker thread.
PARSE_BATCH = 256 * 1024


class UploadTooLarge(Exception):
    """An upload went over ``max_file_size``."""


class TooManyParts(Exception):
    """An upload had more parts than ``max_upload_parts``."""


class UploadTracker:
    """Progress events of one ``?upload_id=`` upload, for ``upload_progress`` to stream."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.done = False
        self.finished_at: float | None = None
        self.changed = asyncio.Event()
        self._pending: dict[str, int] = {}

    def add(self, orig_name: str, size: int) -> None:
        """Count ``size`` more bytes received of file ``orig_name``."""
        self._pending[orig_name] = self._pending.get(orig_name, 0) + size

    def flush(self) -> None:
        """Turn the bytes counted since the last flush into progress events."""
        for name, size in self._pending.items():
            self.events.append({"msg": "update", "orig_name": name, "chunk_size": size})
        if self._pending:
            self._pending = {}
            self.changed.set()

    def finish(self) -> None:
        """Mark the upload done (after a last flush)."""
        self.flush()
        self.done = True
        self.finished_at = time.monotonic()
        self.changed.set()


class UploadTrackers:
    """The upload trackers by ``upload_id``; finished ones are kept a while for late readers."""

    def __init__(self) -> None:
        self._trackers: dict[str, UploadTracker] = {}

    def start(self, upload_id: str) -> UploadTracker:
        """A new tracker for ``upload_id`` (the oldest are dropped beyond the limit)."""
        now = time.monotonic()
        for key, tracker in list(self._trackers.items()):
            if tracker.finished_at is not None and now - tracker.finished_at > PROGRESS_KEEP:
                del self._trackers[key]
        while len(self._trackers) >= MAX_TRACKERS:
            del self._trackers[next(iter(self._trackers))]
        tracker = UploadTracker()
        self._trackers[upload_id] = tracker
        return tracker

    def get(self, upload_id: str) -> UploadTracker | None:
        """The tracker of ``upload_id``, or ``None``."""
        return self._trackers.get(upload_id)

    def forget(self, upload_id: str, tracker: UploadTracker) -> None:
        """Drop ``tracker`` if it is still the one for ``upload_id``."""
        if self._trackers.get(upload_id) is tracker:
            del self._trackers[upload_id]


class _UploadSink:
    """Receives multipart callbacks and writes each ``files`` part straight into the cache."""

    def __init__(
        self, files: FileCache, max_size: int | None, tracker: UploadTracker | None = None, max_parts: int = 1000
    ) -> None:
        self.files = files
        self.max_parts = max_parts
        self.parts = 0
        self._hasher: Any = None
        #: Content folders this request created (removed again if the request fails).
        self.created: list[Path] = []
        self.tracker = tracker
        self._name = ""
        self.max_size = max_size
        self.paths: list[Path] = []
        #: One folder per request where parts are written before they move to their content folder.
        self.staging: Path | None = None
        self._temporary: Path | None = None
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._file: Any = None
        self._size = 0
        self.bad_filename = False

    # python-multipart callbacks
    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > self.max_parts:
            raise TooManyParts
        self._headers = {}
        self._size = 0

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field = b""
        self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        filename = options.get(b"filename")
        if filename is None:
            self._file = None  # a plain form field: ignored
            return
        self._name = clean_filename(filename.decode("utf-8", "replace"))
        if self.staging is None:
            self.staging = self.files.new_upload_dir()
        self._hasher = self.files.content_hasher()
        self._temporary = self.staging / str(self.parts)
        self._file = open(self._temporary, "wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file is None:
            return
        self._size += end - start
        if self.max_size is not None and self._size > self.max_size:
            raise UploadTooLarge
        self._file.write(data[start:end])
        self._hasher.update(data[start:end])
        if self.tracker is not None:
            self.tracker.add(self._name, end - start)

    def on_part_end(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            assert self._temporary is not None
            # Content-addressed like other cached files: the same upload twice is stored once.
            final, created = self.files.adopt_upload(self._temporary, self._hasher.hexdigest(), self._name)
            self.paths.append(final)
            if created:
                self.created.append(final.parent)

    def finish(self) -> None:
        """The upload was stored: remove the staging folder."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def cleanup(self) -> None:
        """The upload failed: remove everything it wrote."""
        if self._file is not None:
            self._file.close()
            self._file = None
        for directory in [*([self.staging] if self.staging else []), *self.created]:
            shutil.rmtree(directory, ignore_errors=True)


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value)


def _limit_text(limit: int) -> str:
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if limit >= size:
            return f"{limit / size:g} {unit}"
    return f"{limit} bytes"


def routes(state: ServerState) -> list[BaseRoute]:
    """The upload, upload-progress and file routes."""
    auth = state.auth
    files = state.files
    trackers = UploadTrackers()

    def too_large(limit: int) -> Response:
        return PlainTextResponse(
            f"File too large: the maximum file size is {limit} bytes ({_limit_text(limit)}).",
            status_code=413,
            headers={"Connection": "close"},
        )

    @auth.required
    async def upload(request: Request) -> Response:
        content_type, options = parse_options_header(request.headers.get("content-type", ""))
        boundary = options.get(b"boundary")
        if content_type != b"multipart/form-data" or not boundary:
            return error(400, "Upload must be multipart/form-data with one or more 'files' parts.")
        limit = state.settings.max_file_size
        declared = request.headers.get("content-length", "")
        if limit is not None and declared.isdigit() and int(declared) > limit + MULTIPART_OVERHEAD:
            return too_large(limit)  # refused before a byte of the body is read
        upload_id = request.query_params.get("upload_id")
        tracker = trackers.start(upload_id) if upload_id else None
        try:
            return await receive(request, boundary, limit, tracker)
        finally:
            if tracker is not None:
                tracker.finish()

    async def receive(request: Request, boundary: bytes, limit: int | None, tracker: UploadTracker | None) -> Response:
        max_parts = state.settings.max_upload_parts
        sink = _UploadSink(files, limit, tracker, max_parts)
        parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": sink.on_part_begin,
                "on_header_field": sink.on_header_field,
                "on_header_value": sink.on_header_value,
                "on_header_end": sink.on_header_end,
                "on_headers_finished": sink.on_headers_finished,
                "on_part_data": sink.on_part_data,
                "on_part_end": sink.on_part_end,
            },
        )

        def feed(data: bytes, last: bool) -> None:
            # In a worker thread: the parser's callbacks create folders, write and rename files.
            if data:
                parser.write(data)
            if last:
                parser.finalize()
                sink.finish()

        pending: list[bytes] = []
        size = 0
        # Parts are counted on the raw bytes too (each starts with the boundary delimiter), so an upload
        # of thousands of tiny parts is refused before the parser has written any of them to disk.
        delimiter = b"--" + boundary
        delimiters = 0
        tail = b""
        stored = False
        try:
            async for chunk in request.stream():
                window = tail + chunk
                delimiters += window.count(delimiter)
                tail = window[-(len(delimiter) - 1) :]
                if delimiters - 1 > max_parts:
                    raise TooManyParts
                pending.append(chunk)
                size += len(chunk)
                if size >= PARSE_BATCH:
                    data, pending, size = b"".join(pending), [], 0
                    await anyio.to_thread.run_sync(feed, data, False)
                    if tracker is not None:
                        tracker.flush()
            await anyio.to_thread.run_sync(feed, b"".join(pending), True)
            stored = True
        except UploadTooLarge:
            assert limit is not None
            return too_large(limit)
        except TooManyParts:
            return PlainTextResponse(
                f"Too many parts in one upload: at most {max_parts}.", status_code=413, headers={"Connection": "close"}
            )
        except ClientDisconnect:
            return error(400, "Upload interrupted.")
        except OSError as exc:
            return error(507, f"The server could not store the upload: {exc.strerror or exc}")
        except Exception as exc:
            return error(400, f"Malformed multipart upload: {exc}")
        finally:
            if not stored:  # a refused or broken upload leaves nothing behind
                await anyio.to_thread.run_sync(sink.cleanup)
        if not sink.paths:
            return error(400, "No 'files' part in the upload.")
        return ORJSONResponse([str(p) for p in sink.paths])

    @auth.required
    async def upload_progress(request: Request) -> Response:
        upload_id = request.query_params.get("upload_id", "")
        give_up = time.monotonic() + PROGRESS_WAIT
        tracker = trackers.get(upload_id) if upload_id else None
        while tracker is None and upload_id and time.monotonic() < give_up:
            await asyncio.sleep(0.05)
            tracker = trackers.get(upload_id)
        if tracker is None:
            return PlainTextResponse("Upload not found", status_code=404)
        found: UploadTracker = tracker
        heartbeat = state.settings.heartbeat_interval

        async def events() -> AsyncIterator[str]:
            sent = 0
            while True:
                found.changed.clear()
                while sent < len(found.events):
                    yield "data: " + _json(found.events[sent]) + "\n\n"
                    sent += 1
                if found.done:
                    yield 'data: {"msg": "done"}\n\n'
                    trackers.forget(upload_id, found)
                    return
                try:
                    await asyncio.wait_for(found.changed.wait(), timeout=heartbeat)
                except asyncio.TimeoutError:
                    yield 'data: {"msg": "heartbeat"}\n\n'

        return StreamingResponse(
            events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        )

    @auth.required
    async def file(request: Request) -> Response:
        raw = request.path_params["path"]
        if raw[:8].lower().startswith(("http://", "https://")):
            if request.url.query:
                raw = f"{raw}?{request.url.query}"
            if not files.is_known_url(raw):
                return error(403, "Only URLs that this app produced can be fetched through this route.")
            try:
                path = await anyio.to_thread.run_sync(files.fetch_url, raw)
            except FileAccessError as exc:
                return error(502, exc.message)
        else:
            found = files.is_servable(raw)
            if found is None:
                return error(403, f"File not allowed: {raw}")
            path = found
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        headers = {"X-Content-Type-Options": "nosniff"}
        inline = mime.startswith(INLINE_TYPES) and mime != "image/svg+xml"
        if inline:
            disposition = "inline"
            media_type = mime if not mime.startswith("text/") else f"{mime}; charset=utf-8"
        elif files.is_allowed_path_file(path):
            # Files the app chose to serve keep their type, but never run script in our origin.
            disposition = "inline"
            media_type = mime
            headers["Content-Security-Policy"] = "sandbox"
        else:
            disposition = "attachment"
            media_type = "application/octet-stream"
        return FileResponse(
            path, media_type=media_type, headers=headers, filename=path.name, content_disposition_type=disposition
        )

    return [
        Route(P + "/upload", upload, methods=["POST"]),
        Route(P + "/upload_progress", upload_progress, methods=["GET"]),
        Route(P + "/file={path:path}", file, methods=["GET", "HEAD"]),
        Route(P + "/file/{path:path}", file, methods=["GET", "HEAD"]),
    ]
