"""Problems say where and what in the words of the file (issue 23, point 10): a record is named by its id, not a
0-based position, and a YAML syntax error is explained in plain words beside YAML's own, at its line and column."""

import copy

import pytest
import yaml

from sstc import DEFAULT_DATA
from sstc.data import yamlio
from sstc.data.load import load_text
from sstc.data.problems import DatasetError, Problem, RecordNames, dotted


@pytest.fixture(scope="module")
def shipped_data() -> dict:
    return yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))


@pytest.fixture
def data(shipped_data) -> dict:
    return copy.deepcopy(shipped_data)


def dumped(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def refused(text: str) -> list[Problem]:
    with pytest.raises(DatasetError) as info:
        load_text(text, "x.yaml")
    return info.value.problems


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def at_line(text: str, needle: str) -> Problem:
    """The one problem reported on the line holding `needle`: the file and line are kept with the new names."""
    line = line_of(text, needle)
    found = [p for p in refused(text) if p.line == line]
    assert len(found) == 1, found
    assert found[0].file == "x.yaml"
    return found[0]


# --- 1. a record is named by its id ---------------------------------------------------------------------------------


def test_a_project_is_named_by_its_id(data):
    project = next(p for p in data["projects"] if p.get("dates"))
    project["dates"][0]["start"] = "2021-13"
    text = dumped(data)
    problem = at_line(text, "start: 2021-13")
    assert problem.field == f"projects[{project['id']}].dates[0].start"
    assert str(problem).startswith(f"x.yaml:{line_of(text, 'start: 2021-13')}: projects[{project['id']}].dates[0]")


def test_a_practice_is_named_by_its_number(data):
    practice = data["practices"][14]
    practice["short_name"] = 123456789  # a number where text is meant
    problem = at_line(dumped(data), "short_name: 123456789")
    assert problem.field == f"practices[number {practice['number']}].short_name"
    assert "got int" in problem.message


def test_an_activity_is_named_by_its_id(data):
    activity = data["activities"][-1]
    activity["title"] = 987654321
    problem = at_line(dumped(data), "title: 987654321")
    assert problem.field == f"activities[{activity['id']}].title"


def test_cross_record_and_privacy_problems_name_the_record_too(data):
    data["practices"][0]["project"] = "AFR-NOPE"
    data["projects"][2]["title"] = "SSTC, write to jane.doe@example.org"
    text = dumped(data)
    assert at_line(text, "project: AFR-NOPE").field == f"practices[number {data['practices'][0]['number']}].project"
    assert at_line(text, "jane.doe@example.org").field == f"projects[{data['projects'][2]['id']}].title"


def test_a_record_without_a_readable_id_is_named_by_its_place_counted_from_1(data):
    del data["projects"][3]["id"]
    data["projects"][3]["title"] = "A project without an id"
    data["practices"][14]["number"] = "fifteen"
    data["activities"][0]["id"] = "two words"
    data["activities"][0]["title"] = 1357
    text = dumped(data)
    fields = {p.field for p in refused(text)}
    assert "projects[#4].id" in fields  # 1-based, and # says it is a place, not an id
    assert "practices[#15].number" in fields
    assert at_line(text, "title: 1357").field == "activities[#1].title"
    assert at_line(text, "title: A project without an id").field == "projects[#4].id"  # at the record's first line


def test_an_id_shared_by_two_records_names_neither(data):
    first, second = data["projects"][0], data["projects"][1]
    second["id"] = first["id"]
    (duplicate,) = [p for p in refused(dumped(data)) if "duplicate id" in p.message]
    assert duplicate.field == "projects[#2].id" and "(first at projects[#1])" in duplicate.message
    second["title"] = 24680  # a problem pydantic finds (cross-record checks wait for those to be fixed)
    assert at_line(dumped(data), "title: 24680").field == "projects[#2].title"


def test_problems_found_while_reading_the_yaml_name_the_record(shipped_data):
    first_id = shipped_data["projects"][0]["id"]
    text = dumped(shipped_data)
    at = f"- id: {first_id}\n"
    duplicated = text.replace(at, at + "  title: once\n  title: twice\n", 1)
    problem = at_line(duplicated, "title: twice")
    assert problem.field == f"projects[{first_id}].title"  # the whole file was read: the id is known
    tagged = text.replace(at, at + "  title: !!set {a}\n", 1)
    assert at_line(tagged, "!!set").field == f"projects[{first_id}].title"  # refused mid-file, after the id
    tagged = text.replace(at, "- id: !!set {a}\n", 1)
    assert at_line(tagged, "!!set").field == "projects[#1].id"  # refused before the id was read


@pytest.mark.parametrize(
    "record,name",
    [
        ({"id": "AFR-PES"}, "projects[AFR-PES]"),
        ({"id": " AFR-PES "}, "projects[AFR-PES]"),  # as validation strips it
        ({"id": "2021"}, "projects[#3]"),  # digits alone would read as a position
        ({"id": "a]b"}, "projects[#3]"),
        ({"id": "x" * 61}, "projects[#3]"),
        ({"id": None}, "projects[#3]"),
        ({}, "projects[#3]"),
    ],
)
def test_which_ids_name_a_record(record, name):
    data = {"projects": [{"id": "A"}, {"id": "B"}, record]}
    assert dotted(("projects", 2, "title"), RecordNames(data)) == f"{name}.title"


def test_a_practice_number_must_be_a_number_to_name_it():
    data = {"practices": [{"number": 15}, {"number": True}, {"number": "15"}]}
    names = RecordNames(data)
    assert [dotted(("practices", i), names) for i in range(3)] == [
        "practices[number 15]",
        "practices[#2]",
        "practices[#3]",
    ]


def test_other_lists_and_data_that_is_not_a_dataset_keep_their_positions():
    assert dotted(("meta", "stated_figures", 0, "source"), RecordNames({"meta": {}})) == "meta.stated_figures[0].source"
    assert dotted(("projects", 0, "id"), RecordNames(["not", "a", "mapping"])) == "projects[#1].id"
    assert dotted(("projects", 5), RecordNames({"projects": [{"id": "A"}]})) == "projects[#6]"
    assert dotted(("projects", 0, "id")) == "projects[0].id"  # without the data, the path as it stands


# --- 2. YAML syntax in plain words ----------------------------------------------------------------------------------

SYNTAX = [
    # (the file, line, column, the plain words, what libyaml says, what PyYAML says)
    ("meta:\n  title: Skills: a review\n", 2, 16,
     "a colon followed by a space inside a value: put the value in quotes",
     "mapping values are not allowed in this context", "mapping values are not allowed here"),
    ("meta:\n  title: x\n  note\nprojects: []\n", 3, 3, "this line has no colon after its key",
     "could not find expected ':'", "could not find expected ':'"),
    ("meta:\n\ttitle: x\n", 2, 1, "a tab character: YAML indents with spaces only",
     "found character that cannot start any token", "found character '\\t' that cannot start any token"),
    ("meta:\n  title: x\n\tnote: y\n", 3, 1, "a tab character", "tab character that violates indentation",
     "found character '\\t'"),
    ("meta:\n  title: @ILO news\n", 2, 10, "a value cannot start with '@' in YAML: put the value in quotes",
     "found character that cannot start any token", "found character '@' that cannot start any token"),
    ("meta:\n  title: x\n description: y\n", 3, 2, "does not line up with the block it is in (begun on line 1",
     "did not find expected key", "expected <block end>, but found"),
    ("meta:\n  title: 'Women's work'\n", 2, 17, "text after a closing quote: quote the whole value once",
     "did not find expected key", "expected <block end>, but found '<scalar>'"),
    ("meta:\n  title: 'SSTC in Africa\nprojects: []\n", 2, 10, "a quote opened here is never closed",
     "while scanning a quoted scalar, found unexpected end of stream",
     "while scanning a quoted scalar, found unexpected end of stream"),
    ('meta:\n  file: "C:\\Users\\sstc"\n', 2, 14, "write \\\\ for a backslash, or use single quotes",
     "did not find expected hexdecimal number", "expected escape sequence of 8 hexadecimal numbers"),
    ("meta:\n  themes: [skills, youth\nprojects: []\n", 3, 9, "a list in [ ] (opened on line 2, column 11)",
     "did not find expected ',' or ']'", "expected ',' or ']', but got ':'"),
    ("meta:\n  title: *important* news\n", 2, 20, "& and * start an anchor or an alias in YAML",
     "did not find expected alphabetic or numeric character", "expected alphabetic or numeric character"),
]  # fmt: skip


@pytest.fixture(params=["libyaml", "PyYAML"])
def parser(request, monkeypatch) -> str:
    """The app reads with libyaml when the wheel has it; PyYAML's own parser words its errors otherwise."""
    if request.param == "PyYAML":
        monkeypatch.setattr(yamlio, "_PARSER", yaml.SafeLoader)
    else:
        assert yamlio._PARSER is yaml.CSafeLoader
    return request.param


@pytest.mark.parametrize("text,line,column,words,libyaml_said,pyyaml_said", SYNTAX)
def test_a_syntax_error_is_said_in_plain_words_beside_yamls_own(
    parser, text, line, column, words, libyaml_said, pyyaml_said
):
    (problem,) = refused(text)
    said = libyaml_said if parser == "libyaml" else pyyaml_said
    assert (problem.file, problem.line, problem.field) == ("x.yaml", line, "(syntax)"), problem
    assert problem.message.startswith(f"malformed YAML at column {column}: "), problem
    assert words in problem.message, problem
    assert "(YAML said: " in problem.message and said in problem.message.split("(YAML said: ")[1], problem


def test_a_quote_never_closed_is_placed_where_it_opens_not_where_the_file_ends():
    text = "meta:\n  title: 'SSTC in Africa\n" + "  note: x\n" * 50
    (problem,) = refused(text)
    assert problem.line == 2 and problem.message.startswith("malformed YAML at column 10: a quote opened here")


def test_an_undefined_alias_is_said_with_its_line_and_column():
    (problem,) = refused("meta:\n  title: x\n  note: *nowhere\n")
    assert (problem.line, problem.field) == (3, "meta.note")
    assert problem.message.startswith("at column 9: alias *nowhere names no anchor &nowhere defined before it")
    assert "put it in quotes" in problem.message


def test_a_duplicate_key_is_said_with_both_places():
    (problem,) = refused("meta:\n  title: a\n  note: b\n    \n  title: c\n")
    assert (problem.line, problem.field) == (5, "meta.title")
    assert problem.message.startswith("duplicate key at column 3 (first defined on line 2, column 3)")


def test_a_message_yaml_words_otherwise_is_kept_as_yaml_said_it():
    mark = yaml.Mark("x.yaml", 0, 4, 6, None, None)
    error = yaml.MarkedYAMLError(problem="found something new", problem_mark=mark)
    problem = yamlio._syntax("x.yaml", error, "meta:\n")
    assert str(problem) == "x.yaml:5: (syntax): malformed YAML at column 7: found something new"


def test_every_message_fits_on_one_line_within_the_cap():
    for text, *_ in SYNTAX:
        (problem,) = refused(text)
        assert not problem.message.endswith("…"), problem.message  # the plain words and YAML's fit in full
