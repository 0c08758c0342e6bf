"""The workbook in (issue 25): the template, a dataset as a workbook and back losslessly, a filled workbook validated
as a YAML upload is with problems named by sheet, row and column, the upload's guards, and the CLI's template and
convert."""

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from sstc import DEFAULT_DATA
from sstc.cli import main
from sstc.data import workbook_in, worker
from sstc.data.load import load_path
from sstc.data.problems import DatasetError
from sstc.data.workbook_in import read

RAW = yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))


def raw() -> dict:
    return copy.deepcopy(RAW)


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        workbook_in.load_bytes(data, "up.xlsx")
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


def edited(data: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column(sheet, name: str) -> int:  # type: ignore[no-untyped-def]
    return [c.value for c in sheet[1]].index(name) + 1


def test_the_shipped_dataset_goes_round_the_workbook_unchanged():
    data = workbook_in.dataset_to_workbook(raw())
    assert workbook_in.read_workbook(data) == RAW  # every field, list order, null vs missing, types
    assert workbook_in.load_bytes(data, "x.xlsx") == load_path(DEFAULT_DATA)
    assert workbook_in.dataset_to_workbook(raw()) == data  # the same data, the same bytes


def test_what_a_cell_cannot_hold_survives_the_round_trip():
    data = raw()
    project, practice = data["projects"][0], data["practices"][0]
    project["unit"] = None  # null, not missing
    project["themes"] = []  # an empty list
    project["title"] = '=HYPERLINK("http://evil.example","x")'  # stays text
    project["description"] = "two lines\r\nand a tab\there, _x0041_ as written"
    project["countries"]["peer"] = []
    practice["funding"] = [{"source": "ilo", "share": 50.0, "as_stated": "half"}, {"source": "ilo", "share": 50}]
    practice["sdgs"] = [{"goal": 8, "target": "8.7", "source": "compendium, x", "quote": "q"}]
    practice["evidence"][0]["values"] = ["a;b", "c"]  # not joinable: kept whole in the extra column
    data["meta"]["date"] = dt.date(2021, 6, 25)  # an unquoted YAML date
    data["meta"]["version"] = "2"
    data["activities"][0]["date"]["start"] = 2021  # a year as a number
    data["unknown"] = {"kept": True}
    assert workbook_in.read_workbook(workbook_in.dataset_to_workbook(data)) == data


def test_a_filled_template_validates_as_a_yaml_upload_does():
    def fill(book) -> None:  # type: ignore[no-untyped-def]
        meta = book["meta"]
        meta.cell(row=2, column=column(meta, "title")).value = "Plan 2022-2023"
        meta.cell(row=2, column=column(meta, "biennium")).value = "2022-2023"
        projects = book["projects"]
        for name, value in [("id", "NEW-1"), ("title", "A new project"), ("region", "Africa"),
                            ("source", "brochure, introduction"), ("description", "What it does.")]:  # fmt: skip
            projects.cell(row=2, column=column(projects, name)).value = value
        countries = book["countries"]
        for name, value in [("kind", "project"), ("record", "NEW-1"), ("role", "participant"), ("country", "Ethiopia")]:
            countries.cell(row=2, column=column(countries, name)).value = value
        evidence = book["evidence"]
        quote = [("values", "ETH"), ("source", "brochure, introduction"), ("quote", "in Ethiopia")]
        for name, value in [("kind", "project"), ("record", "NEW-1"), ("field", "countries.participant"), *quote]:
            evidence.cell(row=2, column=column(evidence, name)).value = value

    template = workbook_in.template(raw())
    names = openpyxl.load_workbook(io.BytesIO(template)).sheetnames
    assert names[0] == workbook_in.HOW_TO and {"projects", "practices", "countries", "evidence"} <= set(names)
    dataset = workbook_in.load_bytes(edited(template, fill), "plan.xlsx")
    (project,) = dataset.projects
    assert project.id == "NEW-1" and project.countries.participant == ["ETH"]  # a country by name, as its code
    assert dataset.meta.funding_sources == load_path(DEFAULT_DATA).meta.funding_sources


def test_the_template_offers_the_vocabularies_as_lists():
    book = openpyxl.load_workbook(io.BytesIO(workbook_in.template(raw())))
    assert book["lists"].sheet_state == "hidden"
    lists = {c.value: i for i, c in enumerate(book["lists"][1], 1)}
    assert {"region", "role", "modality", "delivery", "status", "outcome", "theme", "country"} <= set(lists)
    countries = [r[0] for r in book["lists"].iter_rows(min_row=2, min_col=lists["country"], values_only=True) if r[0]]
    assert "Ethiopia" in countries and len(countries) > 240
    checks = {str(v.sqref).split(":")[0][0]: v.formula1 for v in book["modalities"].data_validations.dataValidation}
    assert any("lists" in f for f in checks.values())
    funding = [v.formula1 for v in book["funding"].data_validations.dataValidation]
    assert "'funding_sources'!$A$2:$A$1001" in funding


def test_a_broken_workbook_is_refused_by_sheet_row_column_and_record():
    data = workbook_in.dataset_to_workbook(raw())

    def bad_values(book) -> None:  # type: ignore[no-untyped-def]
        book["projects"].cell(row=2, column=column(book["projects"], "region")).value = "Mars"
        book["dates"].cell(row=2, column=column(book["dates"], "start")).value = "2021-13"

    found = problems_of(edited(data, bad_values))
    first = RAW["projects"][0]["id"]
    assert any(p.startswith(f"sheet projects, row 2, column region (project {first}): Input should be") for p in found)
    assert any("sheet dates, row 2, column start" in p and "has no month 13" in p for p in found)

    def no_quote(book) -> None:  # type: ignore[no-untyped-def]
        book["modalities"].cell(row=2, column=column(book["modalities"], "quote")).value = None

    (problem,) = problems_of(edited(data, no_quote))
    assert problem.startswith("sheet modalities, row 2 (project ") and "no evidence quote" in problem


def test_rows_that_belong_nowhere_are_refused_before_validation():
    def orphan(book) -> None:  # type: ignore[no-untyped-def]
        book["countries"].cell(row=2, column=column(book["countries"], "record")).value = "NOPE"
        book["themes"].cell(row=2, column=column(book["themes"], "position")).value = "first"
        book.create_sheet("notes")

    found = problems_of(edited(workbook_in.dataset_to_workbook(raw()), orphan))
    assert (
        "sheet countries, row 2, column record: no project 'NOPE' on sheet projects: this row belongs to none" in found
    )
    assert any(p.startswith("sheet themes, row 2, column position") for p in found)
    assert any(p.startswith("sheet notes, row 1: unknown sheet") for p in found)


def bomb() -> bytes:
    """A small zip that declares 70 MB unzipped."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (70 * 2**20))
    return out.getvalue()


def entities() -> bytes:
    """A workbook whose sheet declares an entity (how a billion-laughs file starts)."""
    book = openpyxl.Workbook()
    book.active.title = "meta"
    book.active["A1"] = "title"
    out = io.BytesIO()
    book.save(out)
    source, target = zipfile.ZipFile(out), io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = b'<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">]>' + part.split(b"?>", 1)[-1]
                part = part.replace(b"<t>title</t>", b"<t>&a;</t>")
            archive.writestr(info, part)
    return target.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"meta:\n  title: x\n", "not an Excel workbook"),
        (bomb(), "unzips to"),
        (b"PK\x03\x04" + b"\0" * 10, "not an Excel workbook"),
        (entities(), "cannot read the workbook"),
    ],
)
def test_a_file_that_is_no_safe_workbook_is_refused_in_one_line(data, words):
    assert len(data) < 1_000_000
    (problem,) = problems_of(data)
    assert words in problem


def test_the_guards_of_a_yaml_upload_hold(monkeypatch):
    assert openpyxl.DEFUSEDXML  # openpyxl parses with defusedxml
    data = workbook_in.dataset_to_workbook(raw())
    (problem,) = problems_of(data + b"\0" * 5_000_000)
    assert "the limit is 5,000,000" in problem
    monkeypatch.setattr(read, "MAX_CELLS", 100)
    (problem,) = problems_of(data)
    assert "more than 100 filled cells" in problem
    monkeypatch.setattr(read, "MAX_CELLS", 10**6)
    monkeypatch.setattr(read, "MAX_ROWS", 50)
    (problem,) = problems_of(data)
    assert "more than 50 rows" in problem


def test_a_workbook_is_read_in_the_bounded_worker():
    assert workbook_in.is_workbook(workbook_in.template()) and not workbook_in.is_workbook(b"meta: {}")
    data = workbook_in.dataset_to_workbook(raw())
    answer = worker.run(
        workbook_in.read_upload,
        (data, "up.xlsx", worker.MAX_UPLOAD_BYTES),
        slots=worker.Slots(1),
        time_limit=worker.TIME_LIMIT,
        memory=worker.MEMORY_LIMIT,
        queue_limit=5,
    )
    assert answer.failure == ""
    status, dataset, tables = answer.result
    assert status == "ok" and len(dataset.projects) == len(RAW["projects"]) and len(tables.records)


def test_the_cli_writes_the_template_and_converts_a_workbook_to_yaml(tmp_path: Path, capsys):
    assert main(["template", "--out", str(tmp_path)]) == 0
    (template,) = tmp_path.glob("sstc-template-v*.xlsx")
    assert capsys.readouterr().out.strip() == str(template)
    assert main(["template", "--out", str(tmp_path)]) == 1  # kept
    assert "already exists" in capsys.readouterr().err

    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(workbook_in.dataset_to_workbook(raw()))
    assert main(["convert", str(filled)]) == 0
    written = tmp_path / "filled.yaml"
    assert load_path(written) == load_path(DEFAULT_DATA)
    assert main(["convert", str(filled)]) == 1  # never overwritten
    assert "already exists; not overwritten" in capsys.readouterr().err

    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    assert main(["convert", str(filled), "--out", str(link)]) == 1
    assert not (tmp_path / "elsewhere.yaml").exists()

    assert main(["convert", str(template), "--out", str(tmp_path / "t.yaml")]) == 1  # an empty template: refused
    assert "sheet " in capsys.readouterr().err and not (tmp_path / "t.yaml").exists()


def test_one_shared_string_in_every_cell_cannot_fill_the_server(monkeypatch):
    """An attacker's try: a 186 kB workbook whose cells all point at one 20,000-character shared string held 160
    million characters (the server kept 240 MiB). The text read is counted as a YAML file's would be."""
    data = workbook_in.dataset_to_workbook(raw())
    monkeypatch.setattr(read, "MAX_TEXT", 10_000)
    (problem,) = problems_of(data)
    assert "more than 10,000 characters of text in all" in problem
