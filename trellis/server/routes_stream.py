"""Routes of streamed media outputs (HLS): the playlist, its segments, and the whole file.

``GET /gradio_api/stream/<session>/<run>/<component>/playlist.m3u8`` answers at once, or, with the
HLS blocking-reload parameter ``_HLS_msn=N``, once segment ``N`` exists or the stream has ended
(at most :data:`BLOCKING_RELOAD_WAIT` seconds), so a player sees new audio as soon as it is encoded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from trellis.processing.media_stream import MediaStream

if TYPE_CHECKING:
    from trellis.server.state import ServerState

P = "/gradio_api"
#: Longest a blocking playlist reload is held open.
BLOCKING_RELOAD_WAIT = 20.0
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def routes(state: ServerState) -> list[BaseRoute]:
    """The routes of streamed media outputs: playlist, segments and whole file."""
    auth = state.auth
    media = state.runner.media

    async def find(request: Request) -> MediaStream | Response:
        refused = await auth.refuse(request)
        if refused is not None:
            return refused
        params = request.path_params
        if state.session_refusal(request, params["session_hash"]) is not None:
            return PlainTextResponse("Stream not found", status_code=404)  # a malformed hash, or another user's
        try:
            component_id = int(params["component_id"])
        except ValueError:
            return PlainTextResponse("Stream not found", status_code=404)
        stream = media.get(params["session_hash"], params["run"], component_id)
        if stream is None:
            return PlainTextResponse("Stream not found", status_code=404)
        return stream

    async def playlist(request: Request) -> Response:
        found = await find(request)
        if isinstance(found, Response):
            return found
        wanted = request.query_params.get("_HLS_msn")
        if wanted is not None:
            if not wanted.isdigit():
                return PlainTextResponse("_HLS_msn must be a segment number", status_code=400)
            await found.wait_for(int(wanted), BLOCKING_RELOAD_WAIT)
        return Response(found.playlist(), media_type="application/vnd.apple.mpegurl", headers=NO_STORE)

    async def segment(request: Request) -> Response:
        found = await find(request)
        if isinstance(found, Response):
            return found
        index, ext = request.path_params["segment"], request.path_params["ext"]
        if ext != found.extension:
            return PlainTextResponse(f"This stream's segments are .{found.extension} files", status_code=400)
        chunk = found.segment(int(index)) if index.isdigit() else None
        if chunk is None:
            return PlainTextResponse("Segment not found", status_code=404)
        headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"}
        return Response(chunk.data, media_type=found.mime_type, headers=headers)

    async def whole_file(request: Request) -> Response:
        found = await find(request)
        if isinstance(found, Response):
            return found
        if not found.ended:
            await found.wait_for(1 << 30, BLOCKING_RELOAD_WAIT)
        path = found.combined_path
        if path is None or not path.is_file():
            return PlainTextResponse("The stream has not finished", status_code=404)
        return FileResponse(path, media_type=found.mime_type, filename=path.name, content_disposition_type="inline")

    base = P + "/stream/{session_hash}/{run}/{component_id}"
    return [
        Route(base + "/playlist.m3u8", playlist, methods=["GET", "HEAD"]),
        Route(base + "/playlist-file", whole_file, methods=["GET", "HEAD"]),
        Route(base + "/{segment}.{ext}", segment, methods=["GET", "HEAD"]),
    ]
