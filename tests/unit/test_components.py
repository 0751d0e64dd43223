"""The component contract: preprocess, postprocess, api_info and example_payload, without a server."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

import trellis as gr
from trellis.components import registry
from trellis.config.schema import json_schema_to_python_type
from trellis.exceptions import ValidationError

FILE_SCHEMA = {
    "$defs": {
        "FileDataMeta": {
            "properties": {"_type": {"const": "gradio.FileData", "title": "Type", "type": "string"}},
            "required": ["_type"],
            "title": "FileDataMeta",
            "type": "object",
        }
    },
    "properties": {
        "path": {"title": "Path", "type": "string"},
        "url": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Url"},
        "size": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None, "title": "Size"},
        "orig_name": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Orig Name"},
        "mime_type": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Mime Type"},
        "is_stream": {"default": False, "title": "Is Stream", "type": "boolean"},
        "meta": {"$ref": "#/$defs/FileDataMeta"},
    },
    "required": ["path"],
    "title": "FileData",
    "type": "object",
    "additional_description": "A file: 'path' is a server path from the upload route or an http(s) URL.",
}


def fits(value: Any, schema: dict[str, Any], defs: dict[str, Any] | None = None) -> bool:
    """A small JSON Schema check covering what component schemas use (type, enum, const, anyOf, $ref, ...)."""
    defs = {**(defs or {}), **schema.get("$defs", {})}
    if "$ref" in schema:
        return fits(value, defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return any(fits(value, sub, defs) for sub in schema[key])
    if "allOf" in schema:
        return all(fits(value, sub, defs) for sub in schema["allOf"])
    if "const" in schema and value != schema["const"]:
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    kind = schema.get("type")
    if kind is None or kind == {}:
        return True
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if kind == "array":
        if not isinstance(value, list):
            return False
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
            return False
        prefix = schema.get("prefixItems", [])
        if any(not fits(item, sub, defs) for item, sub in zip(value, prefix)):
            return False
        return all(fits(item, schema.get("items", {}), defs) for item in value[len(prefix) :])
    if kind == "object":
        if not isinstance(value, dict) or any(key not in value for key in schema.get("required", [])):
            return False
        return all(fits(value[k], sub, defs) for k, sub in schema.get("properties", {}).items() if k in value)
    raise AssertionError(f"schema type not handled by this test: {kind!r}")


# Every component type that has an API payload, built the way an app would build it.
API_COMPONENTS: dict[str, Any] = {
    "audio": lambda: gr.Audio(type="filepath", render=False),
    "gallery": lambda: gr.Gallery(render=False),
    "image": lambda: gr.Image(type="filepath", render=False),
    "video": lambda: gr.Video(render=False),
    "model3d": lambda: gr.Model3D(render=False),
    "annotatedimage": lambda: gr.AnnotatedImage(render=False),
    "imageslider": lambda: gr.ImageSlider(type="filepath", render=False),
    "imageeditor": lambda: gr.ImageEditor(type="filepath", render=False),
    "uploadbutton": lambda: gr.UploadButton(render=False),
    "downloadbutton": lambda: gr.DownloadButton(render=False),
    "checkbox": lambda: gr.Checkbox(render=False),
    "checkboxgroup": lambda: gr.CheckboxGroup(["a", "b"], render=False),
    "code": lambda: gr.Code(render=False),
    "colorpicker": lambda: gr.ColorPicker(render=False),
    "dataframe": lambda: gr.Dataframe(render=False),
    "datetime": lambda: gr.DateTime(render=False),
    "datetime_date_only": lambda: gr.DateTime(include_time=False, render=False),
    "dropdown": lambda: gr.Dropdown(["a", "b"], render=False),
    "dropdown_multiselect": lambda: gr.Dropdown(["a", "b"], multiselect=True, render=False),
    "dropdown_custom": lambda: gr.Dropdown(["a", "b"], allow_custom_value=True, render=False),
    "file": lambda: gr.File(render=False),
    "file_multiple": lambda: gr.File(file_count="multiple", render=False),
    "fileexplorer": lambda: gr.FileExplorer(render=False),
    "dialogue": lambda: gr.Dialogue(render=False),
    "html": lambda: gr.HTML(render=False),
    "highlightedtext": lambda: gr.HighlightedText(render=False),
    "json": lambda: gr.JSON(render=False),
    "label": lambda: gr.Label(render=False),
    "markdown": lambda: gr.Markdown(render=False),
    "plot": lambda: gr.Plot(render=False),
    "number": lambda: gr.Number(render=False),
    "paramviewer": lambda: gr.ParamViewer(render=False),
    "number_int": lambda: gr.Number(precision=0, render=False),
    "radio": lambda: gr.Radio(["a", "b"], render=False),
    "slider": lambda: gr.Slider(0, 10, render=False),
    "textbox": lambda: gr.Textbox(render=False),
    "timer": lambda: gr.Timer(render=False),
    "chatbot": lambda: gr.Chatbot(render=False),
    "multimodaltextbox": lambda: gr.MultimodalTextbox(render=False),
    "nativeplot": lambda: gr.LinePlot(x="a", y="b", render=False),
    "navbar": lambda: gr.Navbar(render=False),
    "browserstate": lambda: gr.BrowserState(render=False),
    # As in Gradio, a Dataset is an API component: it takes and sends the index of a sample.
    "dataset": lambda: gr.Dataset(components=["text"], samples=[["a"]], render=False),
}


def test_every_registered_api_component_is_covered_by_the_contract_tests() -> None:
    with_api = {name for name, cls in registry.all_types().items() if not cls.skip_api}
    covered = {factory().block_type for factory in API_COMPONENTS.values()}
    assert with_api == covered


#: Components whose example payload is None, as in Gradio (its API docs show no example for them).
NO_EXAMPLE_PAYLOAD = {"plot"}


@pytest.mark.parametrize("name", sorted(API_COMPONENTS))
def test_example_payload_fits_api_info(name: str) -> None:
    component = API_COMPONENTS[name]()
    if name in NO_EXAMPLE_PAYLOAD:
        assert component.example_payload() is None
        return
    assert fits(component.example_payload(), component.api_info())


@pytest.mark.parametrize("name", sorted(API_COMPONENTS))
def test_example_payload_is_accepted_by_preprocess(name: str) -> None:
    component = API_COMPONENTS[name]()
    component.preprocess(component.example_payload())


@pytest.mark.parametrize(
    ("name", "python_type"),
    [
        ("checkbox", "bool"),
        ("checkboxgroup", "list[Literal['a', 'b']]"),
        ("code", "str"),
        ("datetime", "str"),
        ("dropdown", "Literal['a', 'b']"),
        ("dropdown_multiselect", "list[Literal['a', 'b']]"),
        ("dropdown_custom", "str"),
        ("file", "filepath"),
        ("file_multiple", "list[filepath]"),
        ("json", "str | float | bool | list | dict"),
        ("number", "float"),
        ("number_int", "int"),
        ("radio", "Literal['a', 'b']"),
        ("slider", "float"),
        ("textbox", "str"),
    ],
)
def test_api_info_python_type(name: str, python_type: str) -> None:
    assert json_schema_to_python_type(API_COMPONENTS[name]().api_info()) == python_type


# -- Textbox and friends ------------------------------------------------------------


def test_textbox_preprocess_accepts_numbers_as_text() -> None:
    assert gr.Textbox(render=False).preprocess(3) == "3"


def test_textbox_preprocess_rejects_a_list_with_a_message() -> None:
    with pytest.raises(ValidationError) as info:
        gr.Textbox(render=False).preprocess([1])
    assert str(info.value) == "Textbox expects a string, got list: [1]"


def test_textbox_preprocess_enforces_max_length() -> None:
    with pytest.raises(ValidationError) as info:
        gr.Textbox(max_length=3, render=False).preprocess("abcd")
    assert str(info.value) == "Text is longer than the maximum of 3 characters."


def test_textbox_postprocess_turns_values_into_text() -> None:
    assert gr.Textbox(render=False).postprocess(12) == "12"


def test_code_postprocess_strips_surrounding_whitespace() -> None:
    assert gr.Code(render=False).postprocess("\n  x = 1\n\n") == "x = 1"


def test_markdown_postprocess_dedents_text() -> None:
    assert gr.Markdown(render=False).postprocess("\n    # Title\n    body\n") == "# Title\nbody"


# -- Choices -------------------------------------------------------------------------


def test_dropdown_default_value_is_the_first_choice() -> None:
    assert gr.Dropdown(["a", "b"], render=False).value == "a"


def test_dropdown_default_value_of_labelled_choices_is_the_first_value() -> None:
    assert gr.Dropdown([("Alpha", "a"), ("Beta", "b")], render=False).value == "a"


def test_dropdown_multiselect_defaults_to_no_selection() -> None:
    assert gr.Dropdown(["a", "b"], multiselect=True, render=False).value == []


def test_dropdown_explicit_none_value_is_kept() -> None:
    assert gr.Dropdown(["a", "b"], value=None, render=False).value is None


def test_dropdown_rejects_a_value_outside_the_choices() -> None:
    with pytest.raises(ValidationError) as info:
        gr.Dropdown(["a", "b"], render=False).preprocess("z")
    assert str(info.value) == "Value: 'z' is not in the list of choices: ['a', 'b']"


def test_dropdown_type_index_gives_the_choice_index() -> None:
    assert gr.Dropdown(["a", "b"], type="index", render=False).preprocess("b") == 1


def test_dropdown_allow_custom_value_accepts_any_text() -> None:
    assert gr.Dropdown(["a"], allow_custom_value=True, render=False).preprocess("zz") == "zz"


def test_dropdown_single_select_rejects_a_list() -> None:
    with pytest.raises(ValidationError) as info:
        gr.Dropdown(["a", "b"], render=False).preprocess(["a"])
    assert str(info.value) == "This Dropdown takes a single value, not a list (it is not multiselect)."


def test_dropdown_multiselect_enforces_max_choices() -> None:
    with pytest.raises(ValidationError) as info:
        gr.Dropdown(["a", "b", "c"], multiselect=True, max_choices=1, render=False).preprocess(["a", "b"])
    assert str(info.value) == "At most 1 choices can be selected, got 2."


def test_dropdown_api_info() -> None:
    assert gr.Dropdown(["a", "b"], render=False).api_info() == {
        "type": "string",
        "enum": ["a", "b"],
        "title": "Dropdown",
    }


def test_checkboxgroup_preprocess_keeps_checked_choices() -> None:
    assert gr.CheckboxGroup(["a", "b", "c"], render=False).preprocess(["a", "c"]) == ["a", "c"]


def test_checkboxgroup_type_index_gives_indices() -> None:
    assert gr.CheckboxGroup(["a", "b", "c"], type="index", render=False).preprocess(["a", "c"]) == [0, 2]


def test_checkboxgroup_rejects_an_unknown_choice() -> None:
    with pytest.raises(ValidationError) as info:
        gr.CheckboxGroup(["a", "b"], render=False).preprocess(["a", "z"])
    assert str(info.value) == "Value: 'z' is not in the list of choices: ['a', 'b']"


def test_checkboxgroup_none_is_an_empty_selection() -> None:
    assert gr.CheckboxGroup(["a"], render=False).preprocess(None) == []


def test_checkboxgroup_labelled_choices_use_their_values() -> None:
    group = gr.CheckboxGroup([("Alpha", "a"), ("Beta", "b")], render=False)
    assert (group.choices, group.preprocess(["b"])) == ([("Alpha", "a"), ("Beta", "b")], ["b"])


def test_checkboxgroup_api_info() -> None:
    assert gr.CheckboxGroup(["a", "b"], render=False).api_info() == {
        "items": {"type": "string", "enum": ["a", "b"]},
        "title": "Checkbox Group",
        "type": "array",
    }


def test_checkbox_rejects_a_non_boolean() -> None:
    with pytest.raises(ValidationError) as info:
        gr.Checkbox(render=False).preprocess("yes")
    assert str(info.value) == "Checkbox expects true or false, got str: 'yes'"


def test_radio_rejects_a_value_outside_the_choices() -> None:
    with pytest.raises(ValidationError) as info:
        gr.Radio(["x", "y"], render=False).preprocess("z")
    assert str(info.value) == "Value: 'z' is not in the list of choices: ['x', 'y']"


def test_choice_given_as_a_triple_is_refused_at_definition_time() -> None:
    with pytest.raises(ValueError) as info:
        gr.Radio([("a", "b", "c")], render=False)
    assert str(info.value) == "A choice given as a tuple must be (label, value), got ('a', 'b', 'c')"


# -- Numbers -------------------------------------------------------------------------


def test_number_precision_zero_gives_an_int() -> None:
    value = gr.Number(precision=0, render=False).preprocess(2.6)
    assert (value, type(value)) == (3, int)


def test_number_precision_rounds_to_digits() -> None:
    assert gr.Number(precision=2, render=False).preprocess(2.666) == 2.67


def test_number_without_precision_keeps_the_value() -> None:
    assert gr.Number(render=False).preprocess(2.666) == 2.666


def test_number_passes_a_payload_it_need_not_check_as_sent() -> None:
    # Gradio 6.31 neither checks nor converts a payload without bounds or precision: "3" stays text, True a bool.
    number = gr.Number(render=False)
    values = [number.preprocess(v) for v in ("3", True, 3, 3.0)]
    assert [(v, type(v)) for v in values] == [("3", str), (True, bool), (3, int), (3.0, float)]


def test_number_refuses_text_it_must_round_or_compare() -> None:
    # Where Gradio rounds or compares the payload, text fails (with a TypeError there).
    for number in (gr.Number(precision=0, render=False), gr.Number(minimum=0, render=False)):
        with pytest.raises(ValidationError) as info:
            number.preprocess("3")
        assert str(info.value) == "Number expects a number, got str: '3'"


def test_number_precision_keeps_an_int_an_int() -> None:
    # Gradio rounds with round(value, precision): an int stays an int, a float a float.
    number = gr.Number(precision=2, render=False)
    values = [number.preprocess(3), number.postprocess(3), number.postprocess(2.0), number.preprocess(2.345)]
    assert [(v, type(v)) for v in values] == [(3, int), (3, int), (2.0, float), (2.35, float)]


def test_number_sends_numpy_scalars_as_plain_numbers() -> None:
    np = pytest.importorskip("numpy")
    number = gr.Number(render=False)
    values = [number.postprocess(np.int64(3)), number.postprocess(np.float64(2.5))]
    assert [(v, type(v)) for v in values] == [(3, int), (2.5, float)]


def test_number_example_payload_is_its_minimum() -> None:
    assert [
        gr.Number(**kw, render=False).example_payload() for kw in ({}, {"minimum": 5}, {"minimum": 1.4, "precision": 0})
    ] == [3, 5, 1]


def test_number_enforces_minimum_and_maximum() -> None:
    number = gr.Number(minimum=0, maximum=5, render=False)
    with pytest.raises(ValidationError) as info:
        number.preprocess(6)
    assert str(info.value) == "Value 6 is greater than maximum value 5."


def test_number_postprocess_sends_text_as_returned() -> None:
    # Gradio sends returned text as it is when there is nothing to round; Trellis rounds numeric text where
    # Gradio would fail on it.
    assert (gr.Number(render=False).postprocess("3"), gr.Number(precision=0, render=False).postprocess("2.6")) == (
        "3",
        3,
    )


def test_number_api_info_is_integer_with_precision_zero() -> None:
    assert (gr.Number(render=False).api_info(), gr.Number(precision=0, render=False).api_info()) == (
        {"type": "number"},
        {"type": "integer"},
    )


def test_slider_rejects_a_value_above_maximum() -> None:
    with pytest.raises(ValidationError) as info:
        gr.Slider(0, 10, render=False).preprocess(11)
    assert str(info.value) == "Value 11 is greater than maximum value 10."


def test_slider_rejects_a_value_below_minimum() -> None:
    with pytest.raises(ValidationError) as info:
        gr.Slider(0, 10, render=False).preprocess(-1)
    assert str(info.value) == "Value -1 is less than minimum value 0."


def test_slider_accepts_the_range_bounds() -> None:
    slider = gr.Slider(0, 10, render=False)
    assert (slider.preprocess(0), slider.preprocess(10)) == (0, 10)


def test_slider_default_value_is_the_minimum() -> None:
    assert gr.Slider(3, 10, render=False).value == 3


def test_slider_api_info_describes_the_range() -> None:
    assert gr.Slider(0, 10, render=False).api_info() == {
        "type": "number",
        "description": "numeric value between 0 and 10",
    }


# -- Display -------------------------------------------------------------------------


def test_label_postprocess_sorts_confidences() -> None:
    assert gr.Label(render=False).postprocess({"cat": 0.2, "dog": 0.8}) == {
        "label": "dog",
        "confidences": [{"label": "dog", "confidence": 0.8}, {"label": "cat", "confidence": 0.2}],
    }


def test_label_postprocess_keeps_num_top_classes() -> None:
    assert gr.Label(num_top_classes=1, render=False).postprocess({"cat": 0.2, "dog": 0.8}) == {
        "label": "dog",
        "confidences": [{"label": "dog", "confidence": 0.8}],
    }


def test_label_postprocess_of_a_single_class() -> None:
    assert gr.Label(render=False).postprocess("cat") == {"label": "cat", "confidences": None}


def test_label_preprocess_gives_back_confidences() -> None:
    payload = {"label": "dog", "confidences": [{"label": "dog", "confidence": 0.8}]}
    assert gr.Label(render=False).preprocess(payload) == {"dog": 0.8}


def test_json_postprocess_parses_json_text() -> None:
    assert gr.JSON(render=False).postprocess('{"a": [1, 2]}') == {"a": [1, 2]}


def test_json_postprocess_keeps_text_that_is_not_json() -> None:
    assert gr.JSON(render=False).postprocess("not json") == "not json"


def test_json_postprocess_turns_tuples_and_sets_into_lists() -> None:
    assert gr.JSON(render=False).postprocess({"t": (1, 2), 3: {4}}) == {"t": [1, 2], "3": [4]}


def test_json_postprocess_converts_numpy_values() -> None:
    np = pytest.importorskip("numpy")
    assert gr.JSON(render=False).postprocess({"a": np.arange(3), "b": np.float64(0.5)}) == {"a": [0, 1, 2], "b": 0.5}


# -- DateTime ------------------------------------------------------------------------


def test_datetime_preprocess_gives_a_timestamp_by_default() -> None:
    expected = dt.datetime(2024, 1, 2, 3, 4, 5).timestamp()
    assert gr.DateTime(render=False).preprocess("2024-01-02 03:04:05") == expected


def test_datetime_preprocess_gives_a_datetime() -> None:
    assert gr.DateTime(type="datetime", render=False).preprocess("2024-01-02 03:04:05") == dt.datetime(
        2024, 1, 2, 3, 4, 5
    )


def test_datetime_preprocess_gives_a_formatted_string() -> None:
    assert (
        gr.DateTime(type="string", include_time=False, render=False).preprocess("2024-01-02 03:04:05") == "2024-01-02"
    )


def test_datetime_preprocess_accepts_a_date_alone() -> None:
    assert gr.DateTime(type="datetime", render=False).preprocess("2024-01-02") == dt.datetime(2024, 1, 2)


def test_datetime_preprocess_understands_relative_times() -> None:
    value = gr.DateTime(render=False).preprocess("now - 1h")
    assert abs(value - (time.time() - 3600)) < 60


def test_datetime_preprocess_rejects_garbage_with_the_expected_formats() -> None:
    with pytest.raises(ValidationError) as info:
        gr.DateTime(render=False).preprocess("garbage")
    assert str(info.value) == "DateTime expects 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD' or 'now - 1h', got 'garbage'"


def test_datetime_postprocess_formats_a_datetime() -> None:
    assert gr.DateTime(render=False).postprocess(dt.datetime(2024, 1, 2, 3, 4, 5)) == "2024-01-02 03:04:05"


def test_datetime_postprocess_formats_a_date_without_time() -> None:
    assert gr.DateTime(include_time=False, render=False).postprocess(dt.date(2024, 1, 2)) == "2024-01-02"


# -- File ----------------------------------------------------------------------------


def _file_payload(path: str, orig_name: str | None = None) -> dict[str, Any]:
    return {"path": path, "orig_name": orig_name, "meta": {"_type": "gradio.FileData"}}


def test_file_preprocess_gives_the_path() -> None:
    assert gr.File(render=False).preprocess(_file_payload("/cache/a.txt")) == "/cache/a.txt"


def test_file_preprocess_reads_bytes_with_type_binary(tmp_path: Any) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"\x00\x01")
    assert gr.File(type="binary", render=False).preprocess(_file_payload(str(path))) == b"\x00\x01"


def test_file_preprocess_of_multiple_files_gives_a_list() -> None:
    payload = [_file_payload("/cache/a.txt"), _file_payload("/cache/b.txt")]
    assert gr.File(file_count="multiple", render=False).preprocess(payload) == ["/cache/a.txt", "/cache/b.txt"]


def test_file_preprocess_rejects_a_plain_string() -> None:
    with pytest.raises(ValidationError) as info:
        gr.File(render=False).preprocess("/etc/passwd")
    assert str(info.value) == "File expects a FileData object with a 'path', got '/etc/passwd'"


def test_file_preprocess_enforces_file_types() -> None:
    with pytest.raises(ValidationError) as info:
        gr.File(file_types=[".txt"], render=False).preprocess(_file_payload("/cache/x.exe"))
    assert str(info.value) == "Invalid file type '.exe': this component accepts ['.txt']"


def test_file_preprocess_accepts_a_listed_file_type() -> None:
    assert gr.File(file_types=[".txt"], render=False).preprocess(_file_payload("/cache/X.TXT")) == "/cache/X.TXT"


def test_file_postprocess_builds_filedata(tmp_path: Any) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    assert gr.File(render=False).postprocess(str(path)) == {
        "path": str(path),
        "url": None,
        "size": 5,
        "orig_name": "notes.txt",
        "mime_type": "text/plain",
        "is_stream": False,
        "meta": {"_type": "gradio.FileData"},
    }


def test_file_postprocess_sends_a_list_as_a_list_and_a_path_as_one_file(tmp_path: Any) -> None:
    """As in Gradio, whatever ``file_count`` says."""
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    for component in (gr.File(render=False), gr.File(file_count="multiple", render=False), gr.UploadButton()):
        assert [item["path"] for item in component.postprocess([str(path)])] == [str(path)]
        assert component.postprocess(str(path))["path"] == str(path)


def test_file_api_info_is_the_filedata_schema() -> None:
    assert gr.File(render=False).api_info() == FILE_SCHEMA


# -- Props and State -----------------------------------------------------------------


def test_props_are_constructor_arguments_without_none() -> None:
    assert gr.Checkbox(True, label="Agree", render=False).get_props() == {
        "elem_classes": [],
        "visible": True,
        "preserved_by_key": ["value"],
        "label": "Agree",
        "show_label": True,
        "container": True,
        "min_width": 160,
        "value": True,
        "name": "checkbox",
        "_selectable": False,
    }


def test_state_is_skipped_by_the_api() -> None:
    assert (gr.State(render=False).skip_api, gr.Button(render=False).skip_api, gr.Textbox(render=False).skip_api) == (
        True,
        True,
        False,
    )


def test_state_props_do_not_carry_its_value() -> None:
    assert gr.State({"secret": 1}, render=False).get_props() == {
        "time_to_live": None,
        "name": "state",
        "_selectable": False,
    }


def test_checkbox_takes_none_and_other_values_as_gradio_does() -> None:
    box = gr.Checkbox(value=None, render=False)
    assert box.value is False  # Gradio 6.31: value=None is an unchecked box
    assert [box.postprocess(v) for v in (None, 0, "", "x", 1, True)] == [False, False, False, True, True, True]


def test_waveform_options_is_gradios_dataclass_and_reaches_the_audio_player() -> None:
    options = gr.WaveformOptions(waveform_color="#01C6FF", waveform_progress_color="#0066B4", skip_length=2)
    assert (options.trim_region_color, options.show_recording_waveform, options.sample_rate) == (None, True, 44100)
    audio = gr.Audio(waveform_options=options, render=False)
    assert audio.waveform_options["waveform_color"] == "#01C6FF"
    assert audio.waveform_options["skip_length"] == 2


def test_a_component_without_its_container_splits_the_form_as_in_gradio() -> None:
    with gr.Blocks() as demo:
        gr.Textbox(show_label=False)
        gr.Textbox(label="Boxed", container=False)
        gr.Number(show_label=False)
        gr.Textbox(label="Labelled")
    layout = demo.get_config_file()["layout"]
    root = layout["id"]

    def shape(node: dict) -> object:
        return (node["id"] - root, [shape(c) for c in node.get("children", [])])

    # Gradio 6.31's layout for the same app (ids from its root): form[1], 2 on its own, form[3, 4].
    assert shape(layout) == (0, [(5, [(1, [])]), (2, []), (6, [(3, []), (4, [])])])


def test_randomized_slider_values_keep_the_steps_decimals() -> None:
    # Gradio rounds the drawn value to the step's decimals: the page shows 13.8, never 13.799999999999997.
    slider = gr.Slider(minimum=-10.2, maximum=15, randomize=True, render=False)
    assert slider.step == 0.1
    for _ in range(300):
        value = slider.get_random_value()
        assert -10.2 <= value <= 15
        assert value == round(value, 1)
        assert len(repr(value).split(".")[-1]) <= 1
