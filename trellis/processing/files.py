"""The file cache: where uploads and outputs live, and which paths may be read or served.

Every path is resolved (symlinks, ``..``) before it is compared with the allowed
roots, and ``blocked_paths`` always win.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from trellis._filedata import clean_filename, default_cache_dir, is_file_payload
from trellis.exceptions import Error
from trellis.media import MEDIA_ROOT
from trellis.processing import fetch as _fetch

_CHUNK = 1 << 20
#: URLs remembered for the proxy route, and fetched URL outputs kept for reuse.
_MAX_KNOWN_URLS = 4096
_MAX_FETCHED_URLS = 256

logger = logging.getLogger("trellis")


def _resolve(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(os.path.abspath(os.fspath(path))))


#: Trellis's own sample files, resolved once (outputs may come from there; see ``may_cache_output``).
_MEDIA_ROOT = _resolve(MEDIA_ROOT)


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
        *,
        max_file_size: int | None = None,
        delete_cache: tuple[float, float] | None = None,
        allow_private_hosts: bool = False,
        fetch_timeout: float = _fetch.DEFAULT_TIMEOUT,
    ) -> None:
        self.cache_dir = _resolve(cache_dir or default_cache_dir())
        #: Size cap of URL inputs (``None``: the fetcher's default, 100 MB).
        self.max_file_size = max_file_size
        #: ``(frequency_s, age_s)`` from ``Blocks(delete_cache=...)``; see :meth:`tick`.
        self.delete_cache = delete_cache
        #: Lets URL inputs name private/loopback hosts. For tests against a local server only.
        self.allow_private_hosts = allow_private_hosts
        self.fetch_timeout = fetch_timeout
        self._fetch_options: dict[str, Any] = {}
        self._last_sweep = time.monotonic()
        self._lock = threading.Lock()
        self._session_files: dict[str, set[Path]] = {}
        self._file_sessions: dict[Path, set[str]] = {}
        self._pinned: set[Path] = set()
        self.allowed_paths = [_resolve(p) for p in allowed_paths]
        self.blocked_paths = [_resolve(p) for p in blocked_paths]
        self._static_paths = [_resolve(p) for p in static_paths]
        self._seed = secrets.token_bytes(16)
        #: URLs this app handed out (config values, outputs it could not fetch): the file route may proxy these.
        self._known_urls: OrderedDict[str, None] = OrderedDict()
        #: URL outputs already fetched into the cache, so a generator re-yielding one URL fetches it once.
        self._fetched: OrderedDict[str, Path] = OrderedDict()
        self.examples_dir = _resolve(os.environ.get("GRADIO_EXAMPLES_CACHE", ".gradio/cached_examples"))

    # -- rules -------------------------------------------------------------------------
    @property
    def static_paths(self) -> list[Path]:
        """Files served from where they are, never copied: this cache's own and ``gr.set_static_paths``'s."""
        from trellis.utils import static_paths

        return [*self._static_paths, *static_paths()]

    def is_static(self, path: Path) -> bool:
        """Whether ``path`` is inside a static path (served in place, as Gradio's ``set_static_paths``)."""
        return any(_within(path, root) for root in self.static_paths)

    def is_blocked(self, path: Path) -> bool:
        """Whether ``path`` is inside one of the app's ``blocked_paths``."""
        return any(_within(path, blocked) for blocked in self.blocked_paths)

    def in_cache(self, path: Path) -> bool:
        """Whether ``path`` is inside the cache directory."""
        return _within(path, self.cache_dir)

    def is_servable(self, raw: str) -> Path | None:
        """The resolved file if the file route may serve ``raw``, else ``None``."""
        if "\x00" in raw or len(raw) > 4096:
            return None
        try:
            path = _resolve(raw)
            if self.is_blocked(path) or not path.is_file():
                return None
        except (OSError, ValueError):
            return None
        roots = [self.cache_dir, *self.allowed_paths, *self.static_paths, self.examples_dir]
        if any(_within(path, root) for root in roots):
            return path
        return None

    def is_allowed_path_file(self, path: Path) -> bool:
        """Whether ``path`` is inside one of the app's ``allowed_paths``."""
        return any(_within(path, root) for root in self.allowed_paths)

    def may_cache_output(self, path: Path) -> bool:
        """Outputs may come from the cache, allowed paths, the working directory or the temp dir.

        Also from Trellis's own sample files (``trellis.media``, public by nature), wherever Trellis
        is installed: Gradio's demos return them without listing their folder in ``allowed_paths``.
        """
        if self.is_blocked(path):
            return False
        roots = [*self.allowed_paths, *self.static_paths, _MEDIA_ROOT]
        if self.in_cache(path) or any(_within(path, root) for root in roots):
            return True
        cwd = _resolve(os.getcwd())
        if _within(path, cwd):
            relative = path.relative_to(cwd)
            return not any(part.startswith(".") for part in relative.parts)
        return _within(path, _resolve(tempfile.gettempdir()))

    # -- storing ----------------------------------------------------------------------
    def new_upload_dir(self) -> Path:
        """A new folder in the cache, with an unguessable name, for one upload."""
        directory = self.cache_dir / secrets.token_hex(20)
        directory.mkdir(parents=True, exist_ok=True)
        return directory

    def content_hasher(self) -> Any:
        """The hash that names cache folders (seeded per process, so paths cannot be guessed)."""
        return hashlib.sha256(self._seed)

    def adopt_upload(self, temporary: Path, digest: str, name: str) -> tuple[Path, bool]:
        """Move a freshly written upload to ``<cache>/<digest>/<name>``; identical uploads share one file.

        Returns the final path and whether this call created its folder.
        """
        target_dir = self.cache_dir / digest
        target = target_dir / name
        created = not target_dir.exists()
        if target.exists():
            temporary.unlink(missing_ok=True)
        else:
            target_dir.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, target)
        return target, created

    def _hash_file(self, path: Path) -> str:
        digest = hashlib.sha256(self._seed)
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()

    def _place(self, digest: str, name: str, write: Callable[[Path], object]) -> Path:
        """``<cache>/<digest>/<name>``, written by ``write(temporary path)`` unless already there."""
        target_dir = self.cache_dir / digest
        target = target_dir / clean_filename(name)
        if not target.exists():
            target_dir.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + f".{secrets.token_hex(4)}.part")
            write(tmp)
            os.replace(tmp, target)
        return target

    def store_bytes(self, data: bytes, name: str) -> Path:
        """Write ``data`` into the cache as ``<cache>/<content hash>/<name>``; returns the path."""
        digest = hashlib.sha256(self._seed)
        digest.update(data)
        return self._place(digest.hexdigest(), name, lambda tmp: tmp.write_bytes(data))

    def cache_file(self, source: Path, name: str | None = None) -> Path:
        """Copy ``source`` into the cache (content-addressed); returns the cached path.

        A file inside a static path (``gr.set_static_paths``) is not copied: its own path is returned.
        """
        if self.in_cache(source) or (self.is_static(source) and not self.is_blocked(source)):
            return source
        return self._place(self._hash_file(source), name or source.name, lambda tmp: shutil.copyfile(source, tmp))

    # -- payloads ---------------------------------------------------------------------
    def check_input(self, payload: Any) -> Any:
        """Validate every FileData in an input payload: only uploaded (cached) files are accepted."""
        return _walk(payload, self._check_input_file)

    def _check_input_file(self, data: dict[str, Any]) -> dict[str, Any]:
        path = data["path"]
        if _is_url(path):
            cached = self.fetch_url(path)
            out = {**data, "path": str(cached), "size": cached.stat().st_size}
            out.pop("url", None)
            if not out.get("orig_name"):
                out["orig_name"] = cached.name
            return out
        try:
            resolved = _resolve(path)
            exists = resolved.is_file()
        except (OSError, ValueError):
            raise FileAccessError(f"File {_short(path)} does not exist or may not be read.") from None
        if not self.in_cache(resolved) and not any(_within(resolved, r) for r in self.static_paths):
            raise FileAccessError(f"Cannot move {path} to the cache dir because it was not uploaded by a user.")
        if self.is_blocked(resolved) or not exists:
            raise FileAccessError(f"File {path} does not exist or may not be read.")
        return {**data, "path": str(resolved)}

    def fetch_url(self, url: str) -> Path:
        """Download ``url`` into the cache through the SSRF guard; returns the cached path.

        Blocking (network and disk): call it from a worker thread.
        """
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_dir / f".fetch-{secrets.token_hex(8)}.part"
        try:
            with open(tmp, "wb") as out:
                result = _fetch.fetch(
                    url,
                    out,
                    max_size=self.max_file_size,
                    timeout=self.fetch_timeout,
                    allow_private_hosts=self.allow_private_hosts,
                    **self._fetch_options,
                )
            return self._place(self._hash_file(tmp), result.filename, lambda part: os.replace(tmp, part))
        except _fetch.FetchError as exc:
            raise FileAccessError(f"Cannot use {_short(url)} as an input file: {exc}") from None
        except OSError as exc:
            raise FileAccessError(f"Cannot store {_short(url)} in the cache: {exc.strerror or exc}") from None
        finally:
            tmp.unlink(missing_ok=True)

    def prepare_output(
        self,
        payload: Any,
        root: str,
        session_hash: str | None = None,
        *,
        fetch_urls: bool = True,
        skip_unservable: bool = False,
    ) -> Any:
        """Copy every FileData of an output payload into the cache and give it an absolute URL.

        http(s) URLs are downloaded into the cache through the SSRF guard (clients download outputs
        by ``path``), unless ``fetch_urls`` is false (config values at startup) or the download fails:
        the URL is then passed on as it is, and remembered so the file route may proxy it.
        With ``session_hash``, the cached files are recorded for :meth:`delete_session_files`.
        With ``skip_unservable`` (props in the config), a FileData that cannot be served is left as it
        is, and logged, instead of failing the whole payload; one with an empty path (a chat example's
        text icon) is not a file at all.
        Blocking (disk, network): call it from a worker thread.
        """

        def one(data: dict[str, Any]) -> dict[str, Any]:
            if not skip_unservable:
                return served(data)
            if not data["path"]:
                return data
            try:
                return served(data)
            except FileAccessError as exc:
                logger.warning("%s", exc.message)
                return data

        def served(data: dict[str, Any]) -> dict[str, Any]:
            path = data["path"]
            if _is_url(path):
                return self._output_url(data, root, session_hash, fetch_urls)
            try:
                resolved = _resolve(path)
                exists = resolved.is_file()
            except (OSError, ValueError):
                exists = False
            if not exists:
                raise FileAccessError(f"Output file {_short(path)} does not exist.")
            if not self.may_cache_output(resolved):
                raise FileAccessError(
                    f"Cannot serve {path}: it is outside the working directory, the temp dir and allowed_paths "
                    "(add its folder to launch(allowed_paths=[...]) to serve it)."
                )
            cached = self.cache_file(resolved, data.get("orig_name") or resolved.name)
            if self.in_cache(cached):
                self.record(session_hash, cached)
            out = {**data, "path": str(cached), "url": self.url_for(cached, root)}
            if out.get("size") is None:
                out["size"] = cached.stat().st_size
            return out

        return _walk(payload, one)

    def _output_url(self, data: dict[str, Any], root: str, session_hash: str | None, fetch: bool) -> dict[str, Any]:
        url = data["path"]
        cached = None
        if fetch:
            with self._lock:
                cached = self._fetched.get(url)
            if cached is None or not cached.is_file():
                try:
                    cached = self.fetch_url(url)
                except FileAccessError as exc:
                    logger.warning("Output %s is passed on as a URL: %s", _short(url), exc.message)
                    cached = None
                else:
                    with self._lock:
                        self._fetched[url] = cached
                        while len(self._fetched) > _MAX_FETCHED_URLS:
                            self._fetched.popitem(last=False)
        if cached is None:
            self.remember_url(url)
            return {**data, "url": data.get("url") or url}
        self.record(session_hash, cached)
        out = {**data, "path": str(cached), "url": self.url_for(cached, root), "size": cached.stat().st_size}
        if not out.get("orig_name"):
            out["orig_name"] = cached.name
        return out

    def remember_url(self, url: str) -> None:
        """Note a URL the app itself sent, so that it may later be fetched (the most recent ones are kept)."""
        with self._lock:
            self._known_urls[url] = None
            self._known_urls.move_to_end(url)
            while len(self._known_urls) > _MAX_KNOWN_URLS:
                self._known_urls.popitem(last=False)

    def is_known_url(self, url: str) -> bool:
        """Whether the app sent ``url`` itself (see :meth:`remember_url`)."""
        with self._lock:
            return url in self._known_urls

    # -- lifecycle ---------------------------------------------------------------------
    def record(self, session_hash: str | None, path: Path) -> None:
        """Note that a session's output uses ``path`` (see :meth:`delete_session_files`)."""
        with self._lock:
            if session_hash is None:
                # Cached outside any session (config values, examples, API-less calls): never
                # deleted by delete_session_files, only by the age sweep.
                self._pinned.add(path)
                return
            self._session_files.setdefault(session_hash, set()).add(path)
            self._file_sessions.setdefault(path, set()).add(session_hash)

    def session_files(self, session_hash: str) -> set[Path]:
        """The cached output files a session's outputs use."""
        with self._lock:
            return set(self._session_files.get(session_hash, ()))

    def delete_session_files(self, session_hash: str, delete: bool = True) -> int:
        """Delete the cached output files of a session that no other live session referenced.

        Returns how many files were removed. Safe to call for unknown sessions. With
        ``delete=False`` the session is only forgotten (its files stay for the age sweep).
        """
        with self._lock:
            paths = self._session_files.pop(session_hash, set())
            doomed = []
            for path in paths:
                owners = self._file_sessions.get(path)
                if owners is not None:
                    owners.discard(session_hash)
                    if owners:
                        continue
                    del self._file_sessions[path]
                if delete and path not in self._pinned:
                    doomed.append(path)
        removed = 0
        for path in doomed:
            if not self.in_cache(path.parent):
                continue
            try:
                path.unlink()
                removed += 1
            except FileNotFoundError:
                pass
            except OSError:
                continue
            self._remove_empty_dirs(path.parent)
        return removed

    def _remove_empty_dirs(self, directory: Path) -> None:
        while directory != self.cache_dir and self.in_cache(directory):
            try:
                directory.rmdir()
            except OSError:
                return
            directory = directory.parent

    def delete_older_than(self, age_s: float, now: float | None = None) -> int:
        """Delete cache files (and then empty folders) last modified more than ``age_s`` seconds ago.

        Symlinks are removed themselves, never followed. Returns how many entries were removed.
        """
        cutoff = (time.time() if now is None else now) - age_s
        removed = 0
        if not self.cache_dir.is_dir():
            return 0
        for top, dirs, names in os.walk(self.cache_dir, topdown=False, followlinks=False):
            top_path = Path(top)
            for name in names + [d for d in dirs if os.path.islink(os.path.join(top, d))]:
                entry = top_path / name
                try:
                    if entry.lstat().st_mtime <= cutoff:
                        entry.unlink()
                        removed += 1
                        self._forget(entry)
                except OSError:
                    continue
            if top_path != self.cache_dir:
                try:
                    top_path.rmdir()  # only succeeds when empty
                except OSError:
                    pass
        return removed

    def _forget(self, path: Path) -> None:
        with self._lock:
            self._pinned.discard(path)
            owners = self._file_sessions.pop(path, None)
            for session_hash in owners or ():
                files = self._session_files.get(session_hash)
                if files is not None:
                    files.discard(path)
                    if not files:
                        del self._session_files[session_hash]

    def tick(self, now: float | None = None) -> int:
        """Run the ``delete_cache`` sweep when it is due; cheap otherwise. Blocking when it runs.

        Call it regularly (e.g. every few seconds from the queue's maintenance loop, in a worker
        thread). Returns how many entries were removed (0 when not configured or not due).
        """
        if self.delete_cache is None:
            return 0
        frequency, age = self.delete_cache
        moment = time.monotonic() if now is None else now
        if moment - self._last_sweep < frequency:
            return 0
        self._last_sweep = moment
        return self.delete_older_than(age)

    @staticmethod
    def url_for(path: Path | str, root: str) -> str:
        """The URL of a served file under ``root``."""
        return f"{root}/gradio_api/file={quote(str(path), safe='/')}"


def _is_url(path: str) -> bool:
    return path[:8].lower().startswith(("http://", "https://"))


def _short(url: str) -> str:
    return url if len(url) <= 200 else url[:200] + "…"


def _walk(value: Any, fn: Any) -> Any:
    if isinstance(value, dict):
        if is_file_payload(value):
            return fn(value)
        return {k: _walk(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, fn) for v in value]
    return value
