"""The wire format's shapes (PROTOCOL.md sections 2, 4 and 5) as TypedDicts.

These are the one description of what the server sends: the config, the queue's
SSE messages and FileData. The Python code that builds them is typed against
these, and ``scripts/gen_frontend_types.py`` writes the same shapes to
``frontend/src/generated/wire.ts`` for the browser, so the two cannot drift.
This module imports nothing from trellis. Its annotations are evaluated (no
``from __future__ import annotations``) so that ``NotRequired`` keys are seen.
"""

from typing import Any, Literal

from typing_extensions import NotRequired, TypedDict

ShowProgress = Literal["full", "minimal", "hidden"]
TriggerMode = Literal["once", "multiple", "always_last"]
LogLevel = Literal["info", "warning", "success", "error"]


class FileMeta(TypedDict):
    """Marks a dict as FileData."""

    _type: Literal["gradio.FileData"]


class FileData(TypedDict):
    """A file: ``path`` on the server (or an http(s) URL) and the URL the browser loads it from."""

    path: str
    url: NotRequired[str | None]
    size: NotRequired[int | None]
    orig_name: NotRequired[str | None]
    mime_type: NotRequired[str | None]
    is_stream: NotRequired[bool]
    meta: FileMeta


class LayoutNode(TypedDict):
    """A block in the layout tree; containers have children."""

    id: int
    children: NotRequired[list["LayoutNode"]]


class ComponentConfig(TypedDict):
    """One block of the config: its id, type string and props.

    ``/config`` always sends every key; the config embedded in the page leaves out the class hash
    and the API descriptions, which only API clients read.
    """

    id: int
    type: str
    props: dict[str, Any]
    skip_api: bool
    component_class_id: NotRequired[str]
    key: int | str | list[int | str] | None
    api_info: NotRequired[dict[str, Any]]
    api_info_as_input: NotRequired[dict[str, Any]]
    api_info_as_output: NotRequired[dict[str, Any]]
    example_inputs: NotRequired[Any]


class EventTypes(TypedDict):
    """What kind of function a dependency runs."""

    generator: bool
    cancel: bool


class DependencyConfig(TypedDict):
    """One listener: what triggers it, its inputs and outputs, and how it is queued."""

    id: int
    targets: list[tuple[int | None, str]]
    inputs: list[int]
    outputs: list[int]
    backend_fn: bool
    js: str | None
    queue: bool
    api_name: str | None
    api_description: str | None
    scroll_to_output: bool
    show_progress: ShowProgress
    show_progress_on: list[int] | None
    batch: bool
    max_batch_size: int
    cancels: list[int]
    types: EventTypes
    collects_event_data: bool
    trigger_after: int | None
    trigger_only_on_success: bool
    trigger_only_on_failure: bool
    trigger_mode: TriggerMode
    api_visibility: Literal["public", "undocumented", "private"]
    rendered_in: int | None
    render_id: int | None
    connection: Literal["sse", "stream"]
    time_limit: float | None
    stream_every: float
    event_specific_args: list[str] | None
    component_prop_inputs: list[int]
    js_implementation: str | None


class PageConfig(TypedDict):
    """One page of a multipage app: its layout and the blocks and listeners on it."""

    layout: LayoutNode
    components: list[int]
    dependencies: list[int]


class AppConfig(TypedDict):
    """The page's config (``GET /config``)."""

    version: str
    api_prefix: str
    mode: str
    app_id: int
    dev_mode: bool
    vibe_mode: bool
    analytics_enabled: bool
    is_colab: bool
    stylesheets: list[str]
    pwa: bool
    mcp_server: bool
    i18n_translations: dict[str, dict[str, str]] | None
    space_id: str | None
    run_history: bool
    footer_links: list[str | dict[str, str]]
    css: str | None
    connect_heartbeat: bool
    js: str | None
    head: str | None
    title: str
    enable_queue: bool
    show_error: bool
    max_file_size: int | None
    theme: str | None
    protocol: Literal["sse_v3"]
    body_css: dict[str, str]
    fill_height: bool
    fill_width: bool
    theme_hash: str | None
    pages: list[tuple[str, str, bool]]
    current_page: str
    username: str | None
    root: str
    components: list[ComponentConfig]
    dependencies: list[DependencyConfig]
    layout: LayoutNode
    page: dict[str, PageConfig]
    auth_required: NotRequired[bool]


class ProgressUnit(TypedDict):
    """One level of a ``gr.Progress`` bar."""

    index: int | None
    length: int | None
    unit: str
    progress: float | None
    desc: str | None


class OutputData(TypedDict):
    """A successful event's output: one payload per output component."""

    data: list[Any]
    is_generating: NotRequired[bool]
    duration: NotRequired[float]
    average_duration: NotRequired[float | None]
    render_config: NotRequired[Any]
    changed_state_ids: NotRequired[list[int]]
    #: ``"partial"`` when a cache answered inside the function (``gr.Cache``, a ``gr.cache`` helper).
    used_cache: NotRequired[Literal["full", "partial"] | None]


class ErrorOutput(TypedDict):
    """A failed event's output: the error to show (None when errors are hidden)."""

    error: str | None
    duration: NotRequired[float | None]
    visible: NotRequired[bool]
    title: NotRequired[str]


class EstimationMessage(TypedDict):
    """The event's place in the queue."""

    msg: Literal["estimation"]
    event_id: str
    rank: int
    queue_size: int
    rank_eta: float | None
    #: Its number in the session, 1, 2, 3 …: a resuming client's ``Last-Event-ID`` (trellis/queue/log.py).
    seq: int


class ProcessStartsMessage(TypedDict):
    """The event's function started."""

    msg: Literal["process_starts"]
    event_id: str
    eta: float | None
    #: Its number in the session, 1, 2, 3 …: a resuming client's ``Last-Event-ID`` (trellis/queue/log.py).
    seq: int


class ProgressMessage(TypedDict):
    """A ``gr.Progress`` update."""

    msg: Literal["progress"]
    event_id: str
    progress_data: list[ProgressUnit]
    #: Its number in the session, 1, 2, 3 …: a resuming client's ``Last-Event-ID`` (trellis/queue/log.py).
    seq: int


class LogMessage(TypedDict):
    """A ``gr.Info``/``gr.Warning``/``gr.Success`` toast, or a ``gr.Error`` shown as one."""

    msg: Literal["log"]
    event_id: str
    log: str
    level: LogLevel
    duration: float | None
    visible: bool
    title: str
    #: Its number in the session, 1, 2, 3 …: a resuming client's ``Last-Event-ID`` (trellis/queue/log.py).
    seq: int


class ProcessGeneratingMessage(TypedDict):
    """One intermediate output of a generator."""

    msg: Literal["process_generating"]
    event_id: str
    output: OutputData
    success: Literal[True]
    time_limit: NotRequired[float | None]
    #: Its number in the session, 1, 2, 3 …: a resuming client's ``Last-Event-ID`` (trellis/queue/log.py).
    seq: int


class ProcessStreamingMessage(TypedDict):
    """One call's outputs of a ``connection: "stream"`` event (streaming inputs: webcam, microphone)."""

    msg: Literal["process_streaming"]
    event_id: str
    output: OutputData
    success: Literal[True]
    #: Seconds left of the listener's ``time_limit`` after its first call (``None`` without one).
    time_limit: float | None
    seq: int


class ProcessCompletedMessage(TypedDict):
    """The event finished: its output, an error, or nothing (cancelled)."""

    msg: Literal["process_completed"]
    event_id: str
    output: OutputData | ErrorOutput | dict[str, Any]
    success: bool
    title: NotRequired[str | None]
    #: ``"full"``: the listener's own ``@gr.cache`` function answered from its cache; ``"partial"``: a cache
    #: answered inside it. The page then shows "⚡ from cache" / "⚡ used cache" on the outputs.
    used_cache: NotRequired[Literal["full", "partial"] | None]
    cache_duration: NotRequired[float | None]
    avg_time: NotRequired[float | None]
    #: Its number in the session, 1, 2, 3 …: a resuming client's ``Last-Event-ID`` (trellis/queue/log.py).
    seq: int


class HeartbeatMessage(TypedDict):
    """Sent on an idle stream to keep it open."""

    msg: Literal["heartbeat"]
    event_id: None
    #: The seq of the last logged message sent before it on this connection (0 when none).
    seq: int


class CloseStreamMessage(TypedDict):
    """The session's stream ends: no events left."""

    msg: Literal["close_stream"]
    event_id: None
    #: The seq of the last logged message sent before it on this connection (0 when none).
    seq: int


class UnexpectedErrorMessage(TypedDict):
    """The stream cannot go on (unknown session, server error)."""

    msg: Literal["unexpected_error"]
    event_id: None
    message: str
    session_not_found: NotRequired[bool]
    success: Literal[False]
    #: The session's latest seq (0 for an unknown session).
    seq: int
    #: The stream could not resume: the messages after its ``Last-Event-ID`` are no longer buffered.
    resume_lost: NotRequired[bool]


QueueMessage = (
    EstimationMessage
    | ProcessStartsMessage
    | ProgressMessage
    | LogMessage
    | ProcessGeneratingMessage
    | ProcessStreamingMessage
    | ProcessCompletedMessage
    | HeartbeatMessage
    | CloseStreamMessage
    | UnexpectedErrorMessage
)

#: What the generator writes to wire.ts, in this order.
WIRE_TYPES: tuple[Any, ...] = (
    ("ShowProgress", ShowProgress),
    ("TriggerMode", TriggerMode),
    ("LogLevel", LogLevel),
    FileMeta,
    FileData,
    LayoutNode,
    ComponentConfig,
    EventTypes,
    DependencyConfig,
    PageConfig,
    AppConfig,
    ProgressUnit,
    OutputData,
    ErrorOutput,
    EstimationMessage,
    ProcessStartsMessage,
    ProgressMessage,
    LogMessage,
    ProcessGeneratingMessage,
    ProcessStreamingMessage,
    ProcessCompletedMessage,
    HeartbeatMessage,
    CloseStreamMessage,
    UnexpectedErrorMessage,
    ("QueueMessage", QueueMessage),
)
