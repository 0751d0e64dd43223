"""Apps built from outside services: ``gr.load_chat`` and ``gr.load_openapi``, as Gradio 6.31's.

``load_chat`` talks to an OpenAI-compatible chat endpoint; ``load_openapi`` makes one Interface per
operation of an OpenAPI v3 spec. Both talk HTTP with httpx, imported when a request is made (``import trellis`` stays light).
"""

from __future__ import annotations

import base64
import inspect
import json
import mimetypes
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from trellis.exceptions import Error

if TYPE_CHECKING:
    from trellis.blocks.blocks import Blocks
    from trellis.blocks.chat_interface import ChatInterface

FileKind = Literal["text_encoded", "image"]

#: Files ``load_chat`` reads as text and appends to the prompt (Gradio 6.31's list of text-encoded types).
TEXT_FILE_EXTENSIONS: tuple[str, ...] = (
    *(".doc", ".docx", ".rtf", ".epub", ".odt", ".odp", ".pptx", ".txt", ".md", ".py", ".ipynb"),
    *(".js", ".jsx", ".html", ".css", ".java", ".cs", ".php", ".c", ".cc", ".cpp", ".cxx", ".cts"),
    *(".h", ".hh", ".hpp", ".rs", ".R", ".Rmd", ".swift", ".go", ".rb", ".kt", ".kts", ".ts", ".tsx"),
    *(".m", ".mm", ".mts", ".scala", ".dart", ".lua", ".pl", ".pm", ".t", ".sh", ".bash", ".zsh"),
    *(".bat", ".coffee", ".csv", ".log", ".ini", ".cfg", ".config", ".json", ".proto", ".yaml"),
    *(".yml", ".toml", ".sql"),
)
#: Files ``load_chat`` sends to the model as images.
IMAGE_FILE_EXTENSIONS: tuple[str, ...] = (".png", ".jpg", ".jpeg", ".gif", ".webp")

#: Seconds a chat or OpenAPI request may wait for the server (a streamed reply may take longer in total).
TIMEOUT = 60.0


# -- load_chat ----------------------------------------------------------------------------------------


def load_chat(
    base_url: str,
    model: str,
    token: str | None = None,
    *,
    file_types: FileKind | list[FileKind] | None = "text_encoded",
    system_message: str | None = None,
    streaming: bool = True,
    **kwargs: Any,
) -> ChatInterface:
    """A ChatInterface that talks to an OpenAI-compatible chat completions endpoint.

    Each message goes, with the conversation so far, to ``POST {base_url}/chat/completions``; with
    ``streaming`` the reply is read as server-sent events and shown as it arrives.

    Args:
        base_url: The API's base URL, e.g. ``"http://localhost:11434/v1/"``.
        model: The model name sent with each request, e.g. ``"llama3.2"``.
        token: The API key (sent as a Bearer token; ``"***"`` when not given, for local servers).
        file_types: What the user may attach: ``"text_encoded"`` (text files, appended to the prompt),
            ``"image"`` (sent as images), both in a list, or ``None`` for no attachments.
        system_message: A system message that starts every conversation.
        streaming: Show the reply as it is generated.
        kwargs: Other ``gr.ChatInterface`` arguments (``title``, ``chatbot``, ``textbox``...).

    Raises:
        ValueError: An unknown file type.
    """
    from trellis.blocks.chat_interface import ChatInterface
    from trellis.components import Chatbot, MultimodalTextbox

    kinds: list[FileKind] = [] if file_types is None else [file_types] if isinstance(file_types, str) else file_types
    extensions: list[str] = []
    for kind in kinds:
        if kind == "text_encoded":
            extensions += TEXT_FILE_EXTENSIONS
        elif kind == "image":
            extensions += IMAGE_FILE_EXTENSIONS
        else:
            raise ValueError(f"Invalid file type: {kind}. Must be 'text_encoded' or 'image'.")
    start = [{"role": "system", "content": system_message}] if system_message else []
    url = base_url.rstrip("/") + "/chat/completions"
    headers = {"Authorization": f"Bearer {token or '***'}"}

    def request(message: Any, history: list[Any] | None, stream: bool) -> dict[str, Any]:
        conversation = format_conversation(list(history or []), message)
        return {"model": model, "messages": [*start, *conversation], **({"stream": True} if stream else {})}

    def chat(message: Any, history: list[Any] | None) -> str | None:
        import httpx

        try:
            response = httpx.post(url, json=request(message, history, False), headers=headers, timeout=TIMEOUT)
        except httpx.HTTPError as exc:
            raise Error(f"The chat endpoint {base_url} could not be reached: {exc}") from exc
        _check(response)
        content: str | None = response.json()["choices"][0]["message"]["content"]
        return content

    def chat_stream(message: Any, history: list[Any] | None) -> Iterator[str]:
        import httpx

        text = ""
        try:
            with httpx.stream("POST", url, json=request(message, history, True), headers=headers, timeout=TIMEOUT) as r:
                if r.status_code >= 400:
                    r.read()
                    _check(r)
                for delta in _sse_deltas(r.iter_lines()):
                    text += delta
                    yield text
        except httpx.HTTPError as exc:
            raise Error(f"The chat endpoint {base_url} could not be reached: {exc}") from exc

    chat.__name__ = "open_api"
    chat_stream.__name__ = "open_api_stream"
    if "chatbot" not in kwargs:
        kwargs["chatbot"] = Chatbot(scale=1, allow_tags=True)
    textbox = kwargs.pop("textbox", None)
    if textbox is None and kinds:
        textbox = MultimodalTextbox(file_types=extensions)
    return ChatInterface(chat_stream if streaming else chat, multimodal=bool(kinds), textbox=textbox, **kwargs)


def _check(response: Any) -> None:
    """Raise a ``gr.Error`` naming the status when the endpoint answered with an error."""
    if response.status_code >= 400:
        detail = response.text[:500]
        raise Error(f"The chat endpoint answered {response.status_code}: {detail}")


def _sse_deltas(lines: Iterator[str]) -> Iterator[str]:
    """The text pieces of an OpenAI-style event stream (``data: {...}`` lines up to ``data: [DONE]``)."""
    for line in lines:
        if not line.startswith("data:"):
            continue
        data = line[len("data:") :].strip()
        if data == "[DONE]":
            return
        try:
            chunk = json.loads(data)
        except json.JSONDecodeError:
            continue
        choices = chunk.get("choices") if isinstance(chunk, dict) else None
        if choices:
            content = (choices[0].get("delta") or {}).get("content")
            if isinstance(content, str):
                yield content


def _is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


def _is_text_file(path: str) -> bool:
    # Case-insensitive on both sides, so ".R" covers "plot.r".
    return path.lower().endswith(tuple(ext.lower() for ext in TEXT_FILE_EXTENSIONS))


def _file_as_prompt(path: str) -> str:
    """A text file as a section of the prompt: its name as a heading, then its text."""
    if _is_url(path):
        import httpx

        response = httpx.get(path, timeout=TIMEOUT)
        response.raise_for_status()
        return f"\n## {Path(httpx.URL(path).path).name}\n{response.text}"
    return f"\n## {Path(path).name}\n{Path(path).read_text(encoding='utf-8', errors='replace')}"


def _data_url(path: str) -> str:
    """An image (a path or URL) as a ``data:`` URL."""
    if _is_url(path):
        import httpx

        response = httpx.get(path, timeout=TIMEOUT)
        response.raise_for_status()
        data, mime = response.content, response.headers.get("content-type", "").split(";")[0]
    else:
        data, mime = Path(path).read_bytes(), ""
    mime = mime or mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _file_path(file: Any) -> str:
    if isinstance(file, dict):
        return str(file.get("path", ""))
    return str(getattr(file, "path", file))


def format_conversation(history: list[Any], message: Any) -> list[dict[str, Any]]:
    """The OpenAI ``messages`` for the chat so far plus the new message.

    History messages keep their role; their parts are sent as they are, except files: a text file's
    text is appended as a text part, another file is sent as an image. In the new message, images come
    first (one user message each), then the text with the text files' contents appended.
    """
    conversation: list[dict[str, Any]] = []
    for entry in history:
        content = entry.get("content") if isinstance(entry, dict) else None
        parts = [{"type": "text", "text": content}] if isinstance(content, str) else list(content or [])
        sent: list[dict[str, Any]] = []
        for part in parts:
            if not isinstance(part, dict) or "type" not in part:
                raise ValueError(f"Invalid message format: {content}. Each element must have a type key.")
            if part["type"] == "file":
                path = _file_path(part.get("file"))
                if _is_text_file(path):
                    sent.append({"type": "text", "text": _file_as_prompt(path)})
                else:
                    sent.append({"type": "image_url", "image_url": {"url": _data_url(path)}})
            else:
                sent.append(part)
        conversation.append({**entry, "content": sent})
    if isinstance(message, str):
        text, files = message, []
    else:
        text, files = message.get("text"), [_file_path(f) for f in message.get("files") or []]
    texts = [f for f in files if _is_text_file(f)]
    for image in (f for f in files if not _is_text_file(f)):
        conversation.append(
            {"role": "user", "content": [{"type": "image_url", "image_url": {"url": _data_url(image)}}]}
        )
    if text or texts:
        full = (text or "") + "\n".join(_file_as_prompt(f) for f in texts)
        conversation.append({"role": "user", "content": [{"type": "text", "text": full}]})
    return conversation


# -- load_openapi ---------------------------------------------------------------------------------------

Method = Literal["get", "post", "put", "patch", "delete"]
_METHOD_COLORS = {"GET": "#61affe", "POST": "#49cc90", "PUT": "#fca130", "DELETE": "#f93e3e", "PATCH": "#50e3c2"}


def load_openapi(
    openapi_spec: str | dict[str, Any],
    base_url: str,
    *,
    paths: list[str] | None = None,
    exclude_paths: list[str] | None = None,
    methods: list[Method] | None = None,
    auth_token: str | None = None,
    **interface_kwargs: Any,
) -> Blocks:
    """An app with one ``gr.Interface`` per operation of an OpenAPI v3 spec (JSON), each calling the API.

    A parameter becomes a Dropdown (an enum), a Number, a Checkbox, or a Textbox (a JSON array, or text);
    a JSON request body a Textbox holding an example body; a binary body a File. The response shows in a
    JSON component. A sidebar lists the operations. Each endpoint's API name is ``<method>_<path>``.

    Args:
        openapi_spec: The spec: a URL, a file path, or the parsed dict.
        base_url: Where the API is served, e.g. ``"https://api.example.com/v1"``; paths are appended to it.
        paths: Regular expressions; only matching paths are included (all when None).
        exclude_paths: Regular expressions of paths to leave out (they win over ``paths``).
        methods: The HTTP methods to include (all when None).
        auth_token: Sent as a Bearer token with every request.
        interface_kwargs: Other ``gr.Interface`` arguments for each operation.

    Raises:
        ValueError: The spec is not JSON, or no path is left.
    """
    from trellis.blocks.blocks import Blocks
    from trellis.blocks.interface import Interface
    from trellis.components import JSON, Markdown, Sidebar

    spec = _read_spec(openapi_spec)
    api_paths: dict[str, Any] = spec.get("paths") or {}
    if paths is not None or exclude_paths is not None:
        api_paths = {
            path: item
            for path, item in api_paths.items()
            if not any(re.match(p, path) for p in exclude_paths or [])
            and (paths is None or any(re.match(p, path) for p in paths))
        }
    if not api_paths:
        raise ValueError("No valid paths found in the OpenAPI specification")
    print(f"* Loaded {len(api_paths)} paths from the OpenAPI specification")
    wanted = {m.lower() for m in methods} if methods else None
    operations = [
        (path, method, operation)
        for path, item in api_paths.items()
        for method, operation in (item or {}).items()
        if wanted is None or method.lower() in wanted
    ]
    info = spec.get("info") or {}
    title = str(info.get("title", "OpenAPI Interface"))
    with Blocks(title=title) as demo:
        with Sidebar():
            Markdown(f"## {title}")
            Markdown(str(info.get("description", "")))
            Markdown("### API Endpoints")
            links = "".join(
                f"<li style='white-space: nowrap;'><a href='#{_anchor(method, path)}' style='white-space: nowrap;'>"
                f"{method.upper()} <code style='font-size: inherit; white-space: nowrap;'>{path}</code></a></li>\n"
                for path, method, _ in operations
            )
            Markdown(f"<div style='overflow-x: auto; overflow-y: auto; max-height: 500px;'><ul>{links}</ul></div>")
        for path, method, operation in operations:
            inputs = [_parameter_component(p) for p in operation.get("parameters") or []]
            body = _body_component(operation.get("requestBody"), spec)
            if body is not None:
                inputs.append(body)
            fn = _endpoint_fn(path, method, operation, base_url, auth_token)
            Markdown(
                f"<h2 id='{_anchor(method, path)}'>{_method_box(method)} <code style='font-size: inherit;'>{path}</code></h2>"
            )
            if operation.get("summary"):
                Markdown(str(operation["summary"]))
            Interface(fn=fn, inputs=inputs, outputs=JSON(label="Response"), **interface_kwargs)
    return demo


def _read_spec(openapi_spec: str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(openapi_spec, dict):
        return openapi_spec
    if not isinstance(openapi_spec, str):
        raise ValueError("openapi_spec must be a string (URL/file path) or dictionary")
    if _is_url(openapi_spec):
        import httpx

        response = httpx.get(openapi_spec, timeout=TIMEOUT)
        response.raise_for_status()
        content = response.text
    else:
        content = Path(openapi_spec).read_text(encoding="utf-8")
    try:
        spec = json.loads(content)
    except json.JSONDecodeError as exc:
        raise ValueError("openapi_spec must be a JSON string or dictionary") from exc
    if not isinstance(spec, dict):
        raise ValueError("openapi_spec must be a JSON object")
    return spec


def _anchor(method: str, path: str) -> str:
    return f"{method.upper()}_{_slug(path)}"


def _slug(path: str) -> str:
    return path.replace("/", "_").replace("{", "").replace("}", "")


def _method_box(method: str) -> str:
    color = _METHOD_COLORS.get(method.upper(), "#999")
    style = (
        "display:inline-block;min-width:48px;padding:2px 10px;border-radius:4px;"
        f"background:{color};color:white;font-weight:bold;font-family:monospace;"
        f"margin-right:8px;text-align:center;border:2px solid {color};box-shadow:0 1px 2px rgba(0,0,0,0.08);"
    )
    return f"<span style='{style}'>{method.upper()}</span>"


def _parameter_component(param: dict[str, Any]) -> Any:
    from trellis.components import Checkbox, Dropdown, Number, Textbox

    name, info = param.get("name"), param.get("description")
    schema = param.get("schema") or {}
    kind, default = schema.get("type"), schema.get("default")
    if schema.get("enum") is not None:
        return Dropdown(choices=schema["enum"], label=name, value=default, allow_custom_value=False, info=info)
    if kind in ("number", "integer"):
        return Number(label=name, value=default, info=info)
    if kind == "boolean":
        return Checkbox(label=name, value=default, info=info)
    if kind == "array":
        return Textbox(label=f"{name} (JSON array)", value="[]", info=info)
    return Textbox(label=name, value=default, info=info)


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with a local ``$ref`` (``#/components/schemas/Name`` or another ``#/...`` path) followed."""
    ref = schema.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return schema
    current: Any = spec
    for part in ref[2:].split("/"):
        current = current.get(part, {}) if isinstance(current, dict) else {}
    return current if isinstance(current, dict) else {}


_BINARY_TYPES = ("application/octet-stream", "multipart/form-data")
_EXAMPLE_DEFAULTS: dict[str, Any] = {"string": "", "number": 0, "integer": 0, "boolean": False}


def _body_component(body: dict[str, Any] | None, spec: dict[str, Any]) -> Any:
    from trellis.components import File, Textbox

    if not body:
        return None
    content: dict[str, Any] = body.get("content") or {}
    for content_type, media in content.items():
        schema = _resolve(media.get("schema") or {}, spec)
        if content_type in _BINARY_TYPES and schema.get("type") == "string" and schema.get("format") == "binary":
            return File(label="File")
    media = content.get("application/json") or next(
        (m for t, m in content.items() if t.startswith("application/")), None
    )
    if not media:
        return None
    schema = _resolve(media.get("schema") or {}, spec)
    example = schema.get("example", {})
    if not example and schema.get("type") == "object":
        example = {}
        for name, prop in (schema.get("properties") or {}).items():
            prop = _resolve(prop, spec)
            kind = prop.get("type")
            if kind in _EXAMPLE_DEFAULTS or kind in ("array", "object"):
                fallback = _EXAMPLE_DEFAULTS.get(kind, [] if kind == "array" else {})
                example[name] = prop.get("example", fallback)
    return Textbox(
        label="Request Body", value=json.dumps(example, indent=2), info=body.get("description", "Request Body")
    )


def _endpoint_fn(
    path: str, method: str, operation: dict[str, Any], base_url: str, auth_token: str | None
) -> Callable[..., Any]:
    """The function of one operation: its arguments are the parameters, then the body; it returns the JSON answer."""
    params: Sequence[dict[str, Any]] = operation.get("parameters") or []
    body = operation.get("requestBody") or {}
    binary = any(t in _BINARY_TYPES for t in (body.get("content") or {}))

    def endpoint_fn(*args: Any) -> Any:
        import httpx

        url = base_url.rstrip("/") + path
        headers = {"Content-Type": "application/json"}
        if auth_token:
            headers["Authorization"] = f"Bearer {auth_token}"
        query: dict[str, Any] = {}
        for param, value in zip(params, args, strict=False):
            if param.get("in") == "query":
                query[param["name"]] = value
            elif param.get("in") == "path":
                url = url.replace("{" + str(param["name"]) + "}", str(value))
        content: bytes | None = None
        payload: Any = None
        if body and len(args) > len(params):
            value = args[len(params)]
            if binary:
                headers["Content-Type"] = "application/octet-stream"
                content = Path(value).read_bytes() if isinstance(value, str) and Path(value).is_file() else b""
            else:
                payload = json.loads(value) if isinstance(value, str) else value
        verb = method.upper()
        if verb not in _METHOD_COLORS:
            raise ValueError(f"Unsupported HTTP method: {method}")
        try:
            response = httpx.request(
                verb, url, params=query, headers=headers, timeout=TIMEOUT,
                content=content if verb in ("POST", "PUT", "PATCH") and binary else None,
                json=payload if verb in ("POST", "PUT", "PATCH") and not binary else None,
            )  # fmt: skip
            if response.status_code in (200, 201, 202, 204):
                return response.json()
            return {"__status__": "error", "status_code": response.status_code, "message": response.text}
        except Exception as exc:  # as Gradio's: the error is the endpoint's answer, shown in the JSON output
            return f"Error: {exc}"

    endpoint_fn.__name__ = f"{method}_{_slug(path)}"
    names = [str(p.get("name", "")) for p in params] + (["request_body"] if body else [])
    docs = [f"    {p.get('name', '')}: {_describe(p)}" for p in params]
    if body:
        docs.append(f"    request_body: {body.get('description', 'URL of file')}")
    summary = operation.get("description") or operation.get("summary") or ""
    endpoint_fn.__doc__ = "\n".join([*([summary] if summary else []), *(["Parameters:", *docs] if docs else [])])
    if names:
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        endpoint_fn.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [*(inspect.Parameter(n, kind) for n in names), inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL)]
        )
    return endpoint_fn


def _describe(param: dict[str, Any]) -> str:
    text = str(param.get("description", ""))
    choices = (param.get("schema") or {}).get("enum") or []
    return text + (f" (Choices: {', '.join(map(str, choices))})" if choices else "")
