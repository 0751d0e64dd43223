"""The file cache: what may be served or read, how files are cached, and file URLs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from trellis.processing.files import FileAccessError, FileCache, clean_filename


@pytest.fixture
def layout(tmp_path: Path) -> dict[str, Path]:
    """A cache dir, an allowed dir (with a blocked sub-dir) and an outside dir, each holding a file."""
    dirs = {name: tmp_path / name for name in ("cache", "allowed", "outside")}
    for directory in dirs.values():
        directory.mkdir()
        (directory / "f.txt").write_text(directory.name)
    blocked = dirs["allowed"] / "blocked"
    blocked.mkdir()
    (blocked / "secret.txt").write_text("secret")
    dirs["blocked"] = blocked
    return dirs


@pytest.fixture
def cache(layout: dict[str, Path]) -> FileCache:
    return FileCache(
        cache_dir=layout["cache"], allowed_paths=[str(layout["allowed"])], blocked_paths=[str(layout["blocked"])]
    )


def _payload(path: str | Path) -> dict[str, Any]:
    return {"path": str(path), "meta": {"_type": "gradio.FileData"}}


# -- serving --------------------------------------------------------------------------


def test_file_in_the_cache_is_servable(cache: FileCache, layout: dict[str, Path]) -> None:
    assert cache.is_servable(str(layout["cache"] / "f.txt")) == layout["cache"] / "f.txt"


def test_file_in_allowed_paths_is_servable(cache: FileCache, layout: dict[str, Path]) -> None:
    assert cache.is_servable(str(layout["allowed"] / "f.txt")) == layout["allowed"] / "f.txt"


def test_file_outside_every_root_is_refused(cache: FileCache, layout: dict[str, Path]) -> None:
    assert cache.is_servable(str(layout["outside"] / "f.txt")) is None


def test_system_file_is_refused(cache: FileCache) -> None:
    assert cache.is_servable("/etc/passwd") is None


def test_traversal_out_of_the_cache_is_refused(cache: FileCache, layout: dict[str, Path]) -> None:
    assert cache.is_servable(f"{layout['cache']}/../outside/f.txt") is None


def test_traversal_that_stays_inside_the_cache_is_allowed(cache: FileCache, layout: dict[str, Path]) -> None:
    (layout["cache"] / "sub").mkdir()
    assert cache.is_servable(f"{layout['cache']}/sub/../f.txt") == layout["cache"] / "f.txt"


def test_symlink_in_the_cache_pointing_outside_is_refused(cache: FileCache, layout: dict[str, Path]) -> None:
    link = layout["cache"] / "link.txt"
    link.symlink_to(layout["outside"] / "f.txt")
    assert cache.is_servable(str(link)) is None


def test_symlinked_directory_escaping_the_cache_is_refused(cache: FileCache, layout: dict[str, Path]) -> None:
    (layout["cache"] / "escape").symlink_to(layout["outside"], target_is_directory=True)
    assert cache.is_servable(str(layout["cache"] / "escape" / "f.txt")) is None


def test_blocked_paths_win_over_allowed_paths(cache: FileCache, layout: dict[str, Path]) -> None:
    assert cache.is_servable(str(layout["blocked"] / "secret.txt")) is None


def test_blocked_paths_win_over_the_cache(layout: dict[str, Path]) -> None:
    cache = FileCache(cache_dir=layout["cache"], blocked_paths=[str(layout["cache"] / "f.txt")])
    assert cache.is_servable(str(layout["cache"] / "f.txt")) is None


def test_directory_is_not_servable(cache: FileCache, layout: dict[str, Path]) -> None:
    assert cache.is_servable(str(layout["cache"])) is None


def test_missing_file_is_not_servable(cache: FileCache, layout: dict[str, Path]) -> None:
    assert cache.is_servable(str(layout["cache"] / "missing.txt")) is None


def test_nul_byte_in_the_path_is_refused(cache: FileCache, layout: dict[str, Path]) -> None:
    assert cache.is_servable(f"{layout['cache']}/f.txt\x00.png") is None


# -- inputs ---------------------------------------------------------------------------------


def test_input_file_in_the_cache_is_accepted(cache: FileCache, layout: dict[str, Path]) -> None:
    path = layout["cache"] / "f.txt"
    assert cache.check_input({"file": _payload(path)}) == {"file": _payload(path)}


def test_input_file_outside_the_cache_is_refused(cache: FileCache, layout: dict[str, Path]) -> None:
    path = layout["outside"] / "f.txt"
    with pytest.raises(FileAccessError) as info:
        cache.check_input(_payload(path))
    assert str(info.value) == f"Cannot move {path} to the cache dir because it was not uploaded by a user."


def test_input_file_in_allowed_paths_is_still_refused(cache: FileCache, layout: dict[str, Path]) -> None:
    with pytest.raises(FileAccessError):
        cache.check_input(_payload(layout["allowed"] / "f.txt"))


def test_input_traversal_out_of_the_cache_is_refused(cache: FileCache, layout: dict[str, Path]) -> None:
    with pytest.raises(FileAccessError):
        cache.check_input([_payload(f"{layout['cache']}/../outside/f.txt")])


def test_input_symlink_out_of_the_cache_is_refused(cache: FileCache, layout: dict[str, Path]) -> None:
    link = layout["cache"] / "link.txt"
    link.symlink_to(layout["outside"] / "f.txt")
    with pytest.raises(FileAccessError):
        cache.check_input(_payload(link))


def test_input_url_is_refused(cache: FileCache) -> None:
    with pytest.raises(FileAccessError):
        cache.check_input(_payload("http://127.0.0.1/a.txt"))


def test_input_dict_without_file_meta_is_left_alone(cache: FileCache) -> None:
    assert cache.check_input({"path": "/etc/passwd"}) == {"path": "/etc/passwd"}


# -- outputs -------------------------------------------------------------------------------


def test_cache_file_copies_into_a_content_addressed_dir(cache: FileCache, layout: dict[str, Path]) -> None:
    first = cache.cache_file(layout["outside"] / "f.txt")
    (layout["outside"] / "g.txt").write_text("outside")
    second = cache.cache_file(layout["outside"] / "g.txt", name="f.txt")
    assert (first == second, first.parent.parent, first.read_text()) == (True, layout["cache"], "outside")


def test_cache_file_keeps_files_already_in_the_cache(cache: FileCache, layout: dict[str, Path]) -> None:
    assert cache.cache_file(layout["cache"] / "f.txt") == layout["cache"] / "f.txt"


def test_prepare_output_caches_the_file_and_sets_an_absolute_url(cache: FileCache, layout: dict[str, Path]) -> None:
    data = {**_payload(layout["allowed"] / "f.txt"), "orig_name": "f.txt"}
    out = cache.prepare_output(data, "http://host:1")
    cached = Path(out["path"])
    assert (cached.parent.parent, out["url"], out["size"], cached.read_text()) == (
        layout["cache"],
        f"http://host:1/gradio_api/file={cached}",
        len("allowed"),
        "allowed",
    )


def test_prepare_output_refuses_blocked_files(cache: FileCache, layout: dict[str, Path]) -> None:
    with pytest.raises(FileAccessError):
        cache.prepare_output(_payload(layout["blocked"] / "secret.txt"), "")


def test_prepare_output_refuses_dotfiles_in_the_working_directory(
    layout: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(layout["outside"])
    (layout["outside"] / ".env").write_text("TOKEN=1")
    cache = FileCache(cache_dir=layout["cache"])
    with pytest.raises(FileAccessError):
        cache.prepare_output(_payload(layout["outside"] / ".env"), "")


def test_prepare_output_refuses_files_outside_cwd_temp_and_allowed_paths(
    layout: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(layout["outside"])
    cache = FileCache(cache_dir=layout["cache"])
    with pytest.raises(FileAccessError):
        cache.prepare_output(_payload("/etc/hostname" if os.path.exists("/etc/hostname") else "/etc/passwd"), "")


def test_prepare_output_refuses_a_missing_file(cache: FileCache, layout: dict[str, Path]) -> None:
    with pytest.raises(FileAccessError) as info:
        cache.prepare_output(_payload(layout["allowed"] / "missing.txt"), "")
    assert str(info.value) == f"Output file {layout['allowed'] / 'missing.txt'} does not exist."


def test_prepare_output_passes_urls_through(cache: FileCache) -> None:
    assert cache.prepare_output(_payload("https://example.com/a.png"), "http://h") == {
        **_payload("https://example.com/a.png"),
        "url": "https://example.com/a.png",
    }


# -- names and URLs --------------------------------------------------------------------------


def test_url_for_percent_encodes_the_path_and_keeps_slashes() -> None:
    assert FileCache.url_for("/tmp/a b/ü.txt", "http://h:1") == "http://h:1/gradio_api/file=/tmp/a%20b/%C3%BC.txt"


def test_url_for_encodes_url_specials() -> None:
    assert FileCache.url_for("/tmp/a?b#c%d.txt", "") == "/gradio_api/file=/tmp/a%3Fb%23c%25d.txt"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\doc.txt", "doc.txt"),
        (".hidden", "hidden"),
        ('a<b>c:d"e|f?g*h.txt', "abcdefgh.txt"),
        ("", "file"),
        ("..", "file"),
    ],
)
def test_clean_filename(name: str, expected: str) -> None:
    assert clean_filename(name) == expected
