"""Bounded fuzzing of the whole HTTP surface: no input makes the server fail, and it keeps serving.

Two fuzzers attack one real server running a small app (a text function, a direct call, a
generator, a State function, a file function and one that raises):

* **Schemathesis** generates requests, valid and invalid, from :data:`SURFACE`, an OpenAPI 3.1
  description of the public routes written here (Trellis serves no OpenAPI document). Each
  answer must be what the document declares for its status: content type and JSON schema, down
  to each message of an event stream.
* **Hypothesis** throws arbitrary JSON values, join bodies with wrong types in their fields, broken
  JSON text (``NaN``, lone surrogates, bad UTF-8) and raw bytes at the JSON routes, mostly with a
  JSON content type. A table then puts each wrong value in each field of a valid body in turn.
  When a call is accepted, its event must also end properly on its stream.

For all: no answer is a 5xx, except the one the protocol asks for (PROTOCOL 4.9: a direct
``/run`` call that fails, because its listener raised or a component refused an input value, is a
500 whose body is the error object, as on Gradio), and every 4xx is JSON with a ``detail``. Afterwards a real ``gradio_client`` still gets correct answers from the same server.

Every run is the same run: examples are derandomized, there is no example database, no deadline,
and every request has a timeout (an event stream that stays open is read for a bounded time).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import pytest
import schemathesis
from conftest import TIMEOUT, parse_sse, read_stream
from gradio_client import handle_file
from gradio_client.exceptions import AppError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

import trellis as gr

if TYPE_CHECKING:
    import requests

# -- the app under attack -------------------------------------------------------------


def greet(name: str | None) -> str:
    return f"hi {name}"


def shout(name: str | None) -> str:
    return f"{name}!".upper()


def count(n: float | None) -> Iterator[str]:
    text = ""
    for i in range(max(0, min(int(n or 0), 3))):
        text += f"tok{i} "
        yield text


def remember(value: str | None, memory: list[str]) -> tuple[str, list[str]]:
    memory = [*memory, str(value)]
    return ",".join(memory), memory


def echo_file(path: str | None) -> str | None:
    return path


def crash(text: str | None) -> str:
    raise ValueError(f"crash on purpose: {text!r}")


#: The listeners by api_name, in fn_index order.
API_NAMES = ["greet", "shout", "count", "remember", "echo_file", "crash"]


def fuzz_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        out = gr.Textbox(label="Out")
        number = gr.Number(value=2, label="N")
        memory = gr.State([])
        upload = gr.File(label="File")
        text.submit(greet, text, out, api_name="greet")
        text.change(shout, text, out, api_name="shout", queue=False)
        number.submit(count, number, out, api_name="count")
        text.blur(remember, [text, memory], [out, memory], api_name="remember")
        upload.upload(echo_file, upload, upload, api_name="echo_file")
        text.focus(crash, text, out, api_name="crash")
    return demo


@pytest.fixture(scope="module")
def app_url(launch: Callable[..., str]) -> str:
    url = launch(fuzz_app())
    config = httpx.get(url + "config", timeout=TIMEOUT).json()
    assert [dep["api_name"] for dep in config["dependencies"]] == API_NAMES  # fn_index = position
    return url


@pytest.fixture(scope="module")
def login_url(launch: Callable[..., str]) -> str:
    """The same app behind a login, for the ``/login`` and ``/logout`` routes."""
    return launch(fuzz_app(), auth=("alice", "wonderland"))


# -- the route surface as OpenAPI 3.1 ----------------------------------------------------

SESSION_HASH = {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,128}$"}
API_NAME = {"name": "api_name", "in": "path", "required": True, "schema": {"type": "string", "enum": API_NAMES}}


def json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def ok(schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "success", "content": json_content(schema)}}


def refusals(*statuses: int) -> dict[str, Any]:
    """4xx answers: JSON objects with a ``detail``."""
    return {
        str(status): {"description": "refused", "content": json_content({"$ref": "#/components/schemas/Detail"})}
        for status in statuses
    }


def plain(status: int) -> dict[str, Any]:
    return {
        str(status): {"description": "plain-text refusal", "content": {"text/plain": {"schema": {"type": "string"}}}}
    }


def event_stream(data: dict[str, Any], event: dict[str, Any] | None = None) -> dict[str, Any]:
    """A 200 event stream; ``data`` is the schema of each event's JSON payload (OpenAPI < 3.2: ``schema``
    describes one event)."""
    each = {
        "type": "object",
        "required": ["data"],
        "properties": {
            "event": event or {"const": "message"},
            "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": data},
        },
    }
    return {"200": {"description": "SSE stream", "content": {"text/event-stream": {"schema": each}}}}


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": json_content(schema)}


#: The ``msg`` of every message on ``/queue/data`` (PROTOCOL 4.3).
QUEUE_MESSAGES = [
    "estimation",
    "process_starts",
    "progress",
    "log",
    "process_generating",
    "process_completed",
    "heartbeat",
    "close_stream",
    "unexpected_error",
]
#: Statuses every JSON body route may refuse with (bad JSON, session rules, too large, wrong type).
BODY_REFUSALS = (400, 403, 404, 413, 415, 422, 429, 503)

CALL_BODY = {
    "type": "object",
    "required": ["data"],
    "properties": {
        "data": {"type": "array"},
        "fn_index": {"type": "integer"},
        "session_hash": SESSION_HASH,
        "event_data": {},
        "trigger_id": {"type": ["integer", "null"]},
    },
}

SURFACE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Trellis public routes (Gradio wire protocol)", "version": "1"},
    "paths": {
        "/config": {
            "get": {
                "parameters": [{"name": "deep_link", "in": "query", "schema": {"type": "string"}}],
                "responses": ok({"$ref": "#/components/schemas/Config"}),
            }
        },
        "/gradio_api/info": {
            "get": {
                "parameters": [
                    {"name": "all_endpoints", "in": "query", "schema": {"type": "string"}},
                    {"name": "serialize", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": ok(
                    {
                        "type": "object",
                        "required": ["named_endpoints", "unnamed_endpoints"],
                        "properties": {"named_endpoints": {"type": "object"}, "unnamed_endpoints": {"type": "object"}},
                    }
                ),
            }
        },
        "/gradio_api/app_id": {
            "get": {
                "responses": ok(
                    {"type": "object", "required": ["app_id"], "properties": {"app_id": {"type": "integer"}}}
                )
            }
        },
        "/gradio_api/queue/status": {
            "get": {
                "responses": ok(
                    {
                        "type": "object",
                        "required": ["msg", "queue_size"],
                        "properties": {
                            "msg": {"const": "estimation"},
                            "event_id": {"type": "null"},
                            "queue_size": {"type": "integer", "minimum": 0},
                        },
                    }
                )
            }
        },
        "/gradio_api/queue/join": {
            "post": {
                "requestBody": json_body(
                    {
                        "type": "object",
                        "required": ["data", "fn_index", "session_hash"],
                        "properties": {
                            "data": {"type": "array"},
                            "fn_index": {"type": "integer", "minimum": 0, "maximum": len(API_NAMES) - 1},
                            "session_hash": SESSION_HASH,
                            "event_data": {},
                            "trigger_id": {"type": ["integer", "null"]},
                        },
                    }
                ),
                "responses": {
                    **ok({"$ref": "#/components/schemas/EventId"}),
                    **refusals(*BODY_REFUSALS),
                },
            }
        },
        "/gradio_api/queue/data": {
            "get": {
                "parameters": [{"name": "session_hash", "in": "query", "required": True, "schema": SESSION_HASH}],
                "responses": {
                    **event_stream({"$ref": "#/components/schemas/QueueMessage"}),
                    **refusals(400, 403),
                },
            }
        },
        "/gradio_api/cancel": {
            "post": {
                "requestBody": json_body(
                    {
                        "type": "object",
                        "required": ["event_id", "session_hash"],
                        "properties": {
                            "event_id": {"type": "string"},
                            "session_hash": SESSION_HASH,
                            "fn_index": {"type": "integer"},
                        },
                    }
                ),
                "responses": {**ok({"$ref": "#/components/schemas/Success"}), **refusals(*BODY_REFUSALS)},
            }
        },
        "/gradio_api/reset": {
            "post": {
                "requestBody": json_body({"type": "object", "properties": {"event_id": {"type": "string"}}}),
                "responses": {**ok({"$ref": "#/components/schemas/Success"}), **refusals(413, 415)},
            }
        },
        "/gradio_api/run/{api_name}": {
            "post": {
                "parameters": [API_NAME],
                "requestBody": json_body(CALL_BODY),
                "responses": {
                    **ok({"$ref": "#/components/schemas/Output"}),
                    # PROTOCOL 4.9: a failed direct call is a 500 whose body is the error object.
                    # Which listener may fail is checked by `no_server_error`.
                    "500": {
                        "description": "the listener failed",
                        "content": json_content({"$ref": "#/components/schemas/ErrorOutput"}),
                    },
                    **refusals(409, *BODY_REFUSALS),
                },
            }
        },
        "/gradio_api/call/{api_name}": {
            "post": {
                "parameters": [API_NAME],
                "requestBody": json_body(CALL_BODY),
                "responses": {
                    **ok({"$ref": "#/components/schemas/EventId"}),
                    **refusals(*BODY_REFUSALS),
                },
            }
        },
        "/gradio_api/call/{api_name}/{event_id}": {
            "get": {
                "parameters": [
                    API_NAME,
                    {"name": "event_id", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {
                    **event_stream({}, event={"enum": ["generating", "complete", "error", "heartbeat"]}),
                    **refusals(404),
                },
            }
        },
        "/gradio_api/upload": {
            "post": {
                "parameters": [{"name": "upload_id", "in": "query", "schema": {"type": "string"}}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["files"],
                                "properties": {
                                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                                },
                            }
                        }
                    },
                },
                "responses": {
                    **ok({"type": "array", "items": {"type": "string", "minLength": 1}}),
                    **refusals(400, 403),
                    **plain(413),
                },
            }
        },
        "/gradio_api/upload_progress": {
            "get": {
                "parameters": [{"name": "upload_id", "in": "query", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    **event_stream(
                        {
                            "type": "object",
                            "required": ["msg"],
                            "properties": {"msg": {"enum": ["update", "done", "heartbeat"]}},
                        }
                    ),
                    **plain(404),
                },
            }
        },
        "/gradio_api/file={path}": {
            "get": {
                "parameters": [{"name": "path", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "the file", "content": {"*/*": {"schema": {}}}},
                    "206": {"description": "a range of the file", "content": {"*/*": {"schema": {}}}},
                    **refusals(403, 404, 416),
                },
            }
        },
        "/login": {
            "post": {
                "requestBody": {
                    "required": True,
                    "content": {
                        media: {
                            "schema": {
                                "type": "object",
                                "required": ["username", "password"],
                                "properties": {"username": {"type": "string"}, "password": {"type": "string"}},
                            }
                        }
                        for media in ("application/x-www-form-urlencoded", "multipart/form-data")
                    },
                },
                "responses": {**ok({"$ref": "#/components/schemas/Success"}), **refusals(400, 403, 413, 422, 429)},
            }
        },
        "/logout": {"get": {"responses": {"302": {"description": "back to the app, cookies cleared"}}}},
    },
    "components": {
        "schemas": {
            "Detail": {"type": "object", "required": ["detail"]},
            "EventId": {
                "type": "object",
                "required": ["event_id"],
                "properties": {"event_id": {"type": "string", "minLength": 1}},
            },
            "Success": {"type": "object", "required": ["success"], "properties": {"success": {"const": True}}},
            "Config": {
                "type": "object",
                "required": ["version", "api_prefix", "protocol", "root", "components", "dependencies"],
                "properties": {
                    "api_prefix": {"const": "/gradio_api"},
                    "protocol": {"const": "sse_v3"},
                    "components": {"type": "array"},
                    "dependencies": {"type": "array", "minItems": len(API_NAMES)},
                },
            },
            "Output": {
                "type": "object",
                "required": ["data", "is_generating", "duration", "average_duration"],
                "properties": {
                    "data": {"type": "array"},
                    "is_generating": {"const": False},
                    "duration": {"type": "number"},
                    "changed_state_ids": {"type": "array", "items": {"type": "integer"}},
                },
                "not": {"required": ["error"]},  # PROTOCOL 4.3: a success never has an 'error' key
            },
            "QueueMessage": {
                "type": "object",
                "required": ["msg", "event_id"],
                "properties": {"msg": {"enum": QUEUE_MESSAGES}, "event_id": {"type": ["string", "null"]}},
                # PROTOCOL 4.3 and 4.6: a failure's output holds only the error keys; a success has no 'error'.
                "if": {"required": ["msg", "success"], "properties": {"msg": {"const": "process_completed"}}},
                "then": {
                    "if": {"properties": {"success": {"const": False}}},
                    "then": {"properties": {"output": {"$ref": "#/components/schemas/ErrorOutput"}}},
                    "else": {"properties": {"output": {"not": {"required": ["error"]}}}},
                },
            },
            "ErrorOutput": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {"type": ["string", "null"]},
                    "duration": {"type": ["number", "null"]},
                    "visible": {"type": "boolean"},
                    "title": {"type": ["string", "null"]},
                },
                "additionalProperties": False,  # PROTOCOL 4.6: only these keys
            },
        }
    },
}

#: Examples per operation (schemathesis) and per route (hypothesis payloads).
EXAMPLES = 50
PAYLOAD_EXAMPLES = 150

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20240611,
        "generation": {"mode": "all", "deterministic": True, "database": "none", "max-examples": EXAMPLES},
        # An event stream that stays open (a live session's /queue/data) is read for at most 4 events
        # (2 s of heartbeats) or TIMEOUT seconds in all, then cut.
        "max-stream-events": 4,
        "output": {"sanitization": {"enabled": False}},  # show session hashes in reproductions
    }
)
schema = schemathesis.openapi.from_dict(SURFACE, config=CONFIG)

SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


# -- what every answer must look like --------------------------------------------------

#: The only keys of a failure's ``output`` (PROTOCOL 4.6).
ERROR_KEYS = {"error", "duration", "visible", "title"}


def is_direct_call(path: str) -> bool:
    """Whether a ``POST`` is a direct call (``/run/<api_name>``), whose failure the protocol makes a 500."""
    return path.startswith("/gradio_api/run/")


def check_answer(
    request: httpx.Request | requests.PreparedRequest, status: int, content_type: str, body: bytes
) -> None:
    """The rules for every answer to every request, as sent (by httpx or, for schemathesis, requests).

    No 5xx but the protocol's one; a JSON content type means a JSON body, and a 4xx one has a
    ``detail``; event streams are strictly framed.
    """
    method = str(request.method)
    raw_path = urlsplit(str(request.url)).path
    raw = request.content if isinstance(request, httpx.Request) else request.body
    sent = raw.encode() if isinstance(raw, str) else raw if isinstance(raw, bytes) else b""
    where = (
        f"{method} {request.url} -> {status}\n"
        f"sent: Content-Type {request.headers.get('content-type')!r}, body {sent[:400]!r}\n"
        f"answer: {body[:400]!r}"
    )
    if status >= 500:
        assert status == 500 and method == "POST" and is_direct_call(raw_path), f"server error\n{where}"
        # PROTOCOL 4.9: the body is the error object.
        assert content_type.startswith("application/json"), where
        answer = json.loads(body)
        assert "error" in answer and set(answer) <= ERROR_KEYS, where
        return
    if content_type.startswith("application/json"):
        value = json.loads(body)  # raises on a body that is not JSON
        if 400 <= status < 500:
            assert isinstance(value, dict) and "detail" in value, where
    elif content_type.startswith("text/event-stream") and body:
        # Whole `data: <json>` blocks only (a stream that was cut keeps its complete events).
        if raw_path.startswith("/gradio_api/call/"):
            for block in body.decode().split("\n\n")[:-1]:
                event, data = block.split("\n")
                assert event.startswith("event: ") and data.startswith("data: "), where
                json.loads(data.removeprefix("data: "))
        else:
            parse_sse(body.decode())


def no_server_error(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> None:
    """:func:`check_answer` as a schemathesis check."""
    content_type = (response.headers.get("content-type") or [""])[0]
    check_answer(response.request, response.status_code, content_type, response.content)


CHECKS = [no_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# -- 1. schemathesis over the route surface --------------------------------------------


def base_for(case: schemathesis.Case[Any], app_url: str, login_url: str) -> str:
    return (login_url if case.path in ("/login", "/logout") else app_url).rstrip("/")


#: ``upload_progress`` waits up to 3 s for an upload that never starts: it gets a few examples only.
SLOW = "/gradio_api/upload_progress"


@schema.exclude(path=SLOW).parametrize()
@SETTINGS
def test_every_route_answers_generated_requests_as_documented(
    case: schemathesis.Case[Any], app_url: str, login_url: str
) -> None:
    response = case.call(base_url=base_for(case, app_url, login_url), timeout=TIMEOUT)
    case.validate_response(response, checks=CHECKS)


@schema.include(path=SLOW).parametrize()
@settings(SETTINGS, max_examples=3)
def test_upload_progress_answers_generated_requests_as_documented(
    case: schemathesis.Case[Any], app_url: str, login_url: str
) -> None:
    response = case.call(base_url=base_for(case, app_url, login_url), timeout=TIMEOUT)
    case.validate_response(response, checks=CHECKS)


# -- 2. hypothesis payloads against the JSON routes ------------------------------------

#: Integers around the 53- and 64-bit limits and far beyond (JSON has no limit; orjson and floats do).
HUGE_INTS = [2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 2**64, 10**30, -(10**400)]
#: The session hashes payloads use when they mean a valid one (so few sessions are opened).
SESSIONS = ["fuzz-a", "fuzz-b", "fuzz_c"]
#: A valid ``data`` list for each listener (State inputs as ``null``), so calls get past validation.
VALID_DATA = [["x"], ["x"], [2], ["x", None], [None], ["x"]]

strings = st.text(max_size=30)  # control characters and any Unicode but surrogates
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(HUGE_INTS),
    st.floats(allow_nan=False, allow_infinity=False),
    strings,
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
#: A value of each JSON type as likely as any other (``json_values`` mostly draws scalars).
any_type = st.one_of(
    st.none(),
    st.booleans(),
    st.integers() | st.sampled_from(HUGE_INTS),
    st.floats(allow_nan=False, allow_infinity=False),
    strings,
    st.lists(json_values, max_size=4),
    st.dictionaries(st.text(max_size=8), json_values, max_size=4),
)
#: The fields of a join (or run, call, cancel) body.
FIELDS = ["data", "fn_index", "session_hash", "event_data", "trigger_id", "event_id", "api_name"]


def valid_body(fn_index: int, session_hash: str) -> dict[str, Any]:
    """What the JS client sends to join (or run, call) listener ``fn_index``."""
    return {
        "data": VALID_DATA[fn_index],
        "fn_index": fn_index,
        "session_hash": session_hash,
        "event_data": None,
        "trigger_id": None,
    }


@st.composite
def join_shaped(draw: st.DrawFn) -> dict[str, Any]:
    """A valid body for a random listener with one to three fields of a wrong type (or value), or missing."""
    body = valid_body(draw(st.integers(0, len(API_NAMES) - 1)), draw(st.sampled_from(SESSIONS)))
    for field in draw(st.sets(st.sampled_from(FIELDS), min_size=1, max_size=3)):
        if draw(st.integers(0, 3)) == 0:
            body.pop(field, None)
        elif field == "data":
            body[field] = draw(st.lists(any_type, max_size=4) | any_type)  # wrong values or a wrong type
        else:
            body[field] = draw(any_type)
    return body


lone_surrogates = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)

#: Text that is not JSON, or not JSON that orjson may accept: the server must answer 400.
not_json = st.one_of(
    # NaN and Infinity are Python's extensions, not JSON; 1e400 overflows a double.
    st.builds(
        lambda body, value: json.dumps({**body, "data": [value]}).encode(),
        join_shaped(),
        st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    ),
    st.sampled_from(
        [b'{"data": [1e400]}', b'{"fn_index": -1e999}', b"[" * 1100 + b"]" * 1100, b'{"a": 1,}', b"{", b""]
    ),
    # Lone surrogates: escaped (valid JSON syntax, not valid Unicode), and raw (not valid UTF-8).
    st.builds(lambda text: json.dumps(text).encode(), lone_surrogates),
    st.builds(lambda text: json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogatepass"), lone_surrogates),
)


def encoded(value: Any) -> bytes:
    return json.dumps(value).encode()


#: Half the bodies are join-shaped (they get deepest into the server), the rest anything at all.
bodies = st.one_of(
    *[st.builds(encoded, join_shaped())] * 4,
    st.builds(encoded, any_type),
    not_json,
    st.binary(max_size=300),
    st.text(max_size=100).map(lambda text: text.encode("utf-16")),
)

JSON_TYPES = ["application/json", "application/json; charset=utf-8", "Application/JSON", "application/vnd.api+json"]
OTHER_TYPES = [
    "",
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=fuzz",
    "application/jsonx",
    "application/xml",
    "json",
]
#: Mostly a JSON type, as the fuzz is about the bodies; about one in four another type.
content_types = st.sampled_from(JSON_TYPES * 6 + OTHER_TYPES)


def is_json_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def check_outcome(output: dict[str, Any], success: bool) -> None:
    """A failure's output holds the error keys only; a success never has an ``error`` key (PROTOCOL 4.3, 4.6)."""
    if success:
        assert "error" not in output, output
    else:
        assert "error" in output and set(output) <= ERROR_KEYS, output


def follow(http: httpx.Client, path: str, sent: dict[str, Any], answer: Any) -> None:
    """After a call was accepted: what the protocol promises next, down to the event's last message."""
    if path == "/gradio_api/queue/join":
        event_id = answer["event_id"]
        messages = read_stream(http, sent["session_hash"], until_completed={event_id}, deadline=TIMEOUT)
        finals = [m for m in messages if m["event_id"] == event_id and m["msg"] == "process_completed"]
        assert len(finals) == 1, messages
        check_outcome(finals[0]["output"], finals[0]["success"])
    elif path.startswith("/gradio_api/call/"):
        with http.stream("GET", f"{path}/{answer['event_id']}") as stream:
            assert stream.status_code == 200, stream.read()
            assert stream.headers["content-type"].startswith("text/event-stream")
            text = stream.read().decode()  # the stream ends with the event
        blocks = text.split("\n\n")
        assert blocks[-1] == "", text
        events = [block.split("\n") for block in blocks[:-1]]
        for event, data in events:
            assert event in ("event: generating", "event: heartbeat", "event: complete", "event: error"), text
            json.loads(data.removeprefix("data: "))
        assert events[-1][0] in ("event: complete", "event: error"), text
    elif path.startswith("/gradio_api/run/"):
        assert isinstance(answer["data"], list), answer
        check_outcome(answer, success=True)
    else:
        assert answer == {"success": True}


def post_and_check(http: httpx.Client, path: str, body: bytes, content_type: str = "application/json") -> int:
    """POST ``body``; check the answer (and, for an accepted call, the rest of it); return the status."""
    response = http.post(path, content=body, headers={"content-type": content_type} if content_type else {})
    actual = response.headers.get("content-type", "")
    check_answer(response.request, response.status_code, actual, response.content)
    shown = f"{path} {content_type!r} {body[:300]!r} -> {response.status_code} {response.content[:300]!r}"
    assert actual.startswith("application/json"), shown
    if not is_json_type(content_type):
        # A body not declared JSON is never read (the CSRF rule), whatever it holds.
        assert response.status_code == 415, shown
    elif response.status_code == 200:
        follow(http, path, json.loads(body), response.json())
    return response.status_code


#: The JSON body routes; ``{api}`` is a listener's api_name or a name no listener has.
JSON_ROUTES = ["/gradio_api/queue/join", "/gradio_api/run/{api}", "/gradio_api/call/{api}", "/gradio_api/cancel"]


@pytest.mark.parametrize("route", JSON_ROUTES)
def test_a_json_route_answers_arbitrary_bodies_without_failing(app_url: str, route: str) -> None:
    with httpx.Client(base_url=app_url.rstrip("/"), timeout=TIMEOUT) as http:

        @settings(SETTINGS, max_examples=PAYLOAD_EXAMPLES)
        @given(body=bodies, content_type=content_types, api=st.sampled_from([*API_NAMES, "no_such_listener"]))
        def attack(body: bytes, content_type: str, api: str) -> None:
            post_and_check(http, route.format(api=api), body, content_type)

        attack()


#: One value of each JSON type and then some: what a wrong field may hold.
WRONG_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**63,
    10**30,
    1.5,
    -0.0,
    1e308,
    "",
    "x",
    "\x00\u202e\U0001f600",
    "a" * 5000,
    [],
    [None],
    [[[]]],
    {},
    {"a": 1},
    {"__type__": "update", "value": "x"},
    {"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}},
]


@pytest.mark.parametrize("route", JSON_ROUTES)
def test_each_field_of_a_wrong_type_is_refused_or_tolerated(app_url: str, route: str) -> None:
    """Every field of a valid body, one at a time, set to each wrong value (or, for ``data``, a list of
    one); listeners taken in turn. Each answer passes the same checks as the fuzzed ones."""
    statuses: set[int] = set()
    with httpx.Client(base_url=app_url.rstrip("/"), timeout=TIMEOUT) as http:
        for index, (field, value) in enumerate(
            [(field, value) for field in FIELDS for value in WRONG_VALUES] + [("data", [v]) for v in WRONG_VALUES]
        ):
            fn_index = index % len(API_NAMES)
            body = {**valid_body(fn_index, SESSIONS[index % len(SESSIONS)]), field: value}
            path = route.format(api=API_NAMES[fn_index])
            statuses.add(post_and_check(http, path, encoded(body)))
    assert statuses & {200} and statuses - {200}, statuses  # some were accepted, some refused


# -- 3. and afterwards it still serves ---------------------------------------------------


def test_after_the_fuzzing_a_real_client_is_still_served_correctly(
    app_url: str, make_client: Callable[..., Any], tmp_path: Path
) -> None:
    assert httpx.get(app_url + "config", timeout=TIMEOUT).status_code == 200
    client = make_client(app_url)
    assert client.predict("ok", api_name="/greet") == "hi ok"
    assert client.predict("ok", api_name="/shout") == "OK!"
    job = client.submit(3, api_name="/count")
    assert job.result(timeout=TIMEOUT) == "tok0 tok1 tok2 "
    assert job.outputs() == ["tok0 ", "tok0 tok1 ", "tok0 tok1 tok2 "]
    assert [client.predict(value, api_name="/remember") for value in ("a", "b")] == ["a", "a,b"]
    source = tmp_path / "in.txt"
    source.write_text("sent after the fuzzing")
    assert Path(client.predict(handle_file(str(source)), api_name="/echo_file")).read_text() == "sent after the fuzzing"
    with pytest.raises(AppError):
        client.predict("x", api_name="/crash")
    # A raw client of its own: a new session, its stream, and every message of its event.
    session = uuid.uuid4().hex
    with httpx.Client(base_url=app_url, timeout=TIMEOUT) as http:
        joined = http.post("gradio_api/queue/join", json={"data": ["raw"], "fn_index": 0, "session_hash": session})
        assert joined.status_code == 200, joined.text
        messages = read_stream(http, session)
    assert [m["msg"] for m in messages][-2:] == ["process_completed", "close_stream"]
    assert messages[-2]["output"]["data"] == ["hi raw"]
