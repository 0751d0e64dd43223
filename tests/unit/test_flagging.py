"""Flagging callbacks (trellis/blocks/flagging.py): the CSV files they write, and how Interface uses them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import trellis as gr
from trellis.blocks.events import LikeData
from trellis.blocks.flagging import ChatCSVLogger, CSVField


def rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def without_timestamps(table: list[list[str]]) -> list[list[str]]:
    """The rows with each row's last cell (a timestamp) checked and dropped."""
    for row in table[1:]:
        dt.datetime.fromisoformat(row[-1])
    return [table[0], *(row[:-1] for row in table[1:])]


def text_and_number() -> list[Any]:
    return [gr.Textbox(label="Text", render=False), gr.Number(label="Words", render=False)]


def test_csv_logger_writes_labels_then_timestamp(tmp_path: Path) -> None:
    logger = gr.CSVLogger(verbose=False)
    logger.setup(text_and_number(), tmp_path)
    assert logger.flag(["hello flag world", 3]) == 1
    assert logger.flag(["again", None]) == 2
    assert without_timestamps(rows(tmp_path / "dataset1.csv")) == [
        ["Text", "Words", "timestamp"],
        ["hello flag world", "3"],
        ["again", ""],
    ]


def test_flag_option_and_username_get_columns(tmp_path: Path) -> None:
    logger = gr.CSVLogger(verbose=False)
    logger.setup(text_and_number(), tmp_path)
    logger.flag(["a", 1], flag_option="Wrong", username="ann")
    assert without_timestamps(rows(tmp_path / "dataset1.csv")) == [
        ["Text", "Words", "flag", "username", "timestamp"],
        ["a", "1", "Wrong", "ann"],
    ]


def test_unlabelled_components_are_numbered(tmp_path: Path) -> None:
    logger = gr.CSVLogger(verbose=False)
    logger.setup([gr.Textbox(render=False), gr.Textbox(label="B", render=False)], tmp_path)
    logger.flag(["x", "y"])
    assert rows(tmp_path / "dataset1.csv")[0] == ["component 0", "B", "timestamp"]


def test_other_headers_start_the_next_dataset_file(tmp_path: Path) -> None:
    first = gr.CSVLogger(verbose=False)
    first.setup(text_and_number(), tmp_path)
    first.flag(["a", 1])
    same = gr.CSVLogger(verbose=False)
    same.setup(text_and_number(), tmp_path)
    same.flag(["b", 2])
    other = gr.CSVLogger(verbose=False)
    other.setup([gr.Textbox(label="Only", render=False)], tmp_path)
    other.flag(["c"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset1.csv", "dataset2.csv"]
    assert without_timestamps(rows(tmp_path / "dataset1.csv")) == [
        ["Text", "Words", "timestamp"],
        ["a", "1"],
        ["b", "2"],
    ]
    assert without_timestamps(rows(tmp_path / "dataset2.csv")) == [["Only", "timestamp"], ["c"]]


def test_dataset_file_name_names_the_file(tmp_path: Path) -> None:
    logger = gr.CSVLogger(verbose=False, dataset_file_name="mine.csv")
    logger.setup(text_and_number(), tmp_path / "deeper")
    logger.flag(["a", 1])
    assert without_timestamps(rows(tmp_path / "deeper" / "mine.csv")) == [["Text", "Words", "timestamp"], ["a", "1"]]


def test_verbose_logger_says_where_it_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    logger = gr.CSVLogger()
    logger.setup(text_and_number(), tmp_path)
    logger.flag(["a", 1])
    logger.flag(["b", 2])
    assert capsys.readouterr().out == f"Created dataset file at: {tmp_path / 'dataset1.csv'}\n"


def test_a_multiline_cell_counts_as_one_sample(tmp_path: Path) -> None:
    logger = gr.CSVLogger(verbose=False)
    logger.setup([gr.Textbox(label="Text", render=False)], tmp_path)
    assert logger.flag(["line one\nline two"]) == 1
    assert logger.flag(["x"]) == 2


def test_cells_a_spreadsheet_would_run_get_a_quote(tmp_path: Path) -> None:
    logger = gr.CSVLogger(verbose=False)
    logger.setup([gr.Textbox(label="Text", render=False)], tmp_path)
    for value in ["=1+1", "@SUM(A1)", "ok,-2", "plain - text"]:
        logger.flag([value])
    assert without_timestamps(rows(tmp_path / "dataset1.csv"))[1:] == [
        ["'=1+1"],
        ["'@SUM(A1)"],
        ["'ok,-2"],
        ["plain - text"],
    ]


def test_file_data_in_a_json_cell_is_written_as_its_path(tmp_path: Path) -> None:
    gallery = CSVField("Gallery")
    file_data = {"path": "/tmp/a.png", "url": None, "meta": {"_type": "gradio.FileData"}}
    logger = gr.CSVLogger(verbose=False)
    logger.setup([gallery, CSVField("Plain")], tmp_path)
    logger.flag([[{"image": file_data, "caption": "c"}], {"path": "/x", "meta": None}])
    raw = gr.CSVLogger(simplify_file_data=False, verbose=False, dataset_file_name="raw.csv")
    raw.setup([gallery], tmp_path)
    raw.flag([[file_data]])
    assert without_timestamps(rows(tmp_path / "dataset1.csv"))[1] == [
        '[{"image": "/tmp/a.png", "caption": "c"}]',
        '{"path": "/x", "meta": null}',
    ]
    assert without_timestamps(rows(tmp_path / "raw.csv"))[1] == [
        '[{"path": "/tmp/a.png", "url": null, "meta": {"_type": "gradio.FileData"}}]'
    ]


def test_simple_csv_logger_writes_rows_without_a_header(tmp_path: Path) -> None:
    logger = gr.SimpleCSVLogger()
    logger.setup(text_and_number(), tmp_path / "flags")
    assert (tmp_path / "flags").is_dir()
    assert logger.flag(["a", 1], flag_option="ignored") == 0
    assert logger.flag(["b", 2]) == 1
    assert rows(tmp_path / "flags" / "log.csv") == [["a", "1"], ["b", "2"]]


def test_flagging_callback_is_abstract() -> None:
    with pytest.raises(TypeError):
        gr.FlaggingCallback()  # type: ignore[abstract]


def test_chat_logger_writes_conversation_index_and_feedback(tmp_path: Path) -> None:
    logger = ChatCSVLogger(tmp_path)
    conversation = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    logger.flag_feedback(LikeData(None, {"index": 1, "value": "hello", "liked": True}), conversation)
    logger.flag_feedback(LikeData(None, {"index": 1, "value": "hello", "liked": False}), conversation)
    logger.flag_feedback(LikeData(None, {"index": [1, 0], "value": "hello", "liked": "Too long"}), conversation)
    as_json = '[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]'
    assert without_timestamps(rows(tmp_path / "log.csv")) == [
        ["conversation", "index", "flag", "timestamp"],
        [as_json, "1", "Like"],
        [as_json, "1", "Dislike"],
        [as_json, "[1, 0]", "Too long"],  # the index as sent (a list), as Gradio writes it
    ]


# -- Interface ---------------------------------------------------------------------------------------------


class Recorder(gr.FlaggingCallback):
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def setup(self, components: Any, flagging_dir: Any) -> None:
        self.calls.append(("setup", [c.label for c in components], flagging_dir))

    def flag(self, flag_data: list[Any], flag_option: str | None = None, username: str | None = None) -> int:
        self.calls.append(("flag", flag_data, flag_option, username))
        return 1


def test_interface_sets_up_its_callback_with_inputs_and_outputs() -> None:
    recorder = Recorder()
    gr.Interface(
        lambda t: t, gr.Textbox(label="In"), gr.Textbox(label="Out"), flagging_callback=recorder, flagging_dir="d"
    )
    assert recorder.calls == [("setup", ["In", "Out"], "d")]


def test_interface_without_flagging_leaves_its_callback_alone() -> None:
    recorder = Recorder()
    gr.Interface(lambda t: t, "text", "text", flagging_mode="never", flagging_callback=recorder)
    assert recorder.calls == []


def test_interface_defaults_to_a_csv_logger() -> None:
    assert isinstance(gr.Interface(lambda t: t, "text", "text").flagging_callback, gr.CSVLogger)


def test_a_live_interface_keeps_its_flag_button() -> None:
    """As Gradio 6.31: ``live=True`` leaves the default "manual" flagging (and its Flag button) in place."""
    demo = gr.Interface(lambda t: t, "text", "text", live=True)
    assert demo.flagging_mode == "manual"
    buttons = [b for b in demo.all_blocks().values() if isinstance(b, gr.Button)]
    assert [b.value for b in buttons] == ["Clear", "Flag"]  # no Submit: a live Interface runs on change
