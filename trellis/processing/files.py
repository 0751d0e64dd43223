"""The file cache: where uploads and outputs live, and which paths may be read or served.

Every path is resolved (symlinks, ``..``) before it is compared with the allowed
roots, and ``blocked_paths`` always win.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from trellis._filedata import is_file_payload
from trellis.exceptions import Error

_CHUNK = 1 << 20


def default_cache_dir() -> Path:
    return Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")


def clean_filename(name: str) -> str:
    """A safe file name: no directories, no control characters, not empty."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*\x00')
    name = name.strip().lstrip(".") or "file"
    return name[:200]


def _resolve(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(os.path.abspath(os.fspath(path))))


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


class FileAccessError(Error):
    """A file an event or the file route may not use."""

    def __init__(self, message: str) -> None:
        super().__init__(message, print_exception=False)


class FileCache:
    """Uploads and outputs of one app, and the rules for what may be read and served."""

    def __init__(
        self,
        cache_dir: str | os.PathLike[str] | None = None,
        allowed_paths: Iterable[str] = (),
        blocked_paths: Iterable[str] = (),
        static_paths: Iterable[str] = (),
    ) -> None:
        self.cache_dir = _resolve(cache_dir or default_cache_dir())
        self.allowed_paths = [_resolve(p) for p in allowed_paths]
        self.blocked_paths = [_resolve(p) for p in blocked_paths]
        self.static_paths = [_resolve(p) for p in static_paths]
        self._seed = secrets.token_bytes(16)
        self.examples_dir = _resolve(os.environ.get("GRADIO_EXAMPLES_CACHE", ".gradio/cached_examples"))

    # -- rules -------------------------------------------------------------------------
    def is_blocked(self, path: Path) -> bool:
        return any(_within(path, blocked) for blocked in self.blocked_paths)

    def in_cache(self, path: Path) -> bool:
        return _within(path, self.cache_dir)

    def is_servable(self, raw: str) -> Path | None:
        """The resolved file if the file route may serve ``raw``, else ``None``."""
        if "\x00" in raw:
            return None
        path = _resolve(raw)
        if self.is_blocked(path) or not path.is_file():
            return None
        roots = [self.cache_dir, *self.allowed_paths, *self.static_paths, self.examples_dir]
        if any(_within(path, root) for root in roots):
            return path
        return None

    def is_allowed_path_file(self, path: Path) -> bool:
        return any(_within(path, root) for root in self.allowed_paths)

    def may_cache_output(self, path: Path) -> bool:
        """Outputs may come from the cache, allowed paths, the working directory or the temp dir."""
        if self.is_blocked(path):
            return False
        if self.in_cache(path) or any(_within(path, root) for root in [*self.allowed_paths, *self.static_paths]):
            return True
        cwd = _resolve(os.getcwd())
        if _within(path, cwd):
            relative = path.relative_to(cwd)
            return not any(part.startswith(".") for part in relative.parts)
        return _within(path, _resolve(tempfile.gettempdir()))

    # -- storing ----------------------------------------------------------------------
    def new_upload_dir(self) -> Path:
        directory = self.cache_dir / secrets.token_hex(20)
        directory.mkdir(parents=True, exist_ok=True)
        return directory

    def cache_file(self, source: Path, name: str | None = None) -> Path:
        """Copy ``source`` into the cache (content-addressed); returns the cached path."""
        if self.in_cache(source):
            return source
        digest = hashlib.sha256(self._seed)
        with open(source, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        target_dir = self.cache_dir / digest.hexdigest()
        target = target_dir / clean_filename(name or source.name)
        if not target.exists():
            target_dir.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + f".{secrets.token_hex(4)}.part")
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
        return target

    # -- payloads ---------------------------------------------------------------------
    def check_input(self, payload: Any) -> Any:
        """Validate every FileData in an input payload: only uploaded (cached) files are accepted."""
        return _walk(payload, self._check_input_file)

    def _check_input_file(self, data: dict[str, Any]) -> dict[str, Any]:
        path = data["path"]
        if path.startswith(("http://", "https://")):
            raise FileAccessError(f"Cannot read {path}: fetching input files from URLs is not enabled on this server.")
        resolved = _resolve(path)
        if not self.in_cache(resolved) and not any(_within(resolved, r) for r in self.static_paths):
            raise FileAccessError(f"Cannot move {path} to the cache dir because it was not uploaded by a user.")
        if self.is_blocked(resolved) or not resolved.is_file():
            raise FileAccessError(f"File {path} does not exist or may not be read.")
        return {**data, "path": str(resolved)}

    def prepare_output(self, payload: Any, root: str) -> Any:
        """Copy every FileData of an output payload into the cache and give it an absolute URL."""

        def one(data: dict[str, Any]) -> dict[str, Any]:
            path = data["path"]
            if path.startswith(("http://", "https://")):
                return {**data, "url": data.get("url") or path}
            resolved = _resolve(path)
            if not resolved.is_file():
                raise FileAccessError(f"Output file {path} does not exist.")
            if not self.may_cache_output(resolved):
                raise FileAccessError(
                    f"Cannot serve {path}: it is outside the working directory, the temp dir and allowed_paths "
                    "(add its folder to launch(allowed_paths=[...]) to serve it)."
                )
            cached = self.cache_file(resolved, data.get("orig_name") or resolved.name)
            out = {**data, "path": str(cached), "url": self.url_for(cached, root)}
            if out.get("size") is None:
                out["size"] = cached.stat().st_size
            return out

        return _walk(payload, one)

    @staticmethod
    def url_for(path: Path | str, root: str) -> str:
        return f"{root}/gradio_api/file={quote(str(path), safe='/')}"


def _walk(value: Any, fn: Any) -> Any:
    if isinstance(value, dict):
        if is_file_payload(value):
            return fn(value)
        return {k: _walk(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, fn) for v in value]
    return value


def contains_file(value: Any) -> bool:
    if isinstance(value, dict):
        return is_file_payload(value) or any(contains_file(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_file(v) for v in value)
    return False
