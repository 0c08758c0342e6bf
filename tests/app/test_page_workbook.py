"""Excel out of every view, Excel in through the sidebar (issue 25, points 1 and 2), as a planner meets them (AppTest).

Each page's workbook holds a cover sheet and one sheet per table the page showed, with exactly its rows and columns
(headers in words); hostile text stays text in every cell; a workbook filled from the template uploads like a YAML
file, and a broken one is refused with its sheet, row and column."""

import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
import yaml

from sstc import ROOT_DIR
from sstc.data import workbook_in
from sstc.view import labels
from tests.app.apptest import (
    RecordingManager,
    RecordingStorage,
    dataset_caption,
    open_page,
    open_path,
    opened,
    run_with_upload,
)
from tests.conftest import EVERY_VIEW, shown

SHIPPED = ROOT_DIR / "data" / "practices.yaml"


def _built(at, prefix: str) -> dict[str, tuple[str, bytes]]:
    """label -> (file name, bytes) of every download button whose label starts with `prefix`, as a click builds it."""
    storage, manager = RecordingStorage.instances[-1], RecordingManager.instances[-1]
    out = {}
    for button in at.get("download_button"):
        if button.proto.label.startswith(prefix):
            url = button.proto.url or manager.execute_deferred(button.proto.deferred_file_id)
            media = storage.get_file(url.rsplit("/", 1)[-1])
            out[button.proto.label] = (media.filename, media.content)
    return out


def _shape(frame: pd.DataFrame) -> tuple[int, tuple[str, ...]]:
    return len(frame), tuple(labels.headers([str(c) for c in frame.columns]))


@pytest.mark.parametrize(("path", "name"), EVERY_VIEW)
def test_each_pages_workbook_holds_every_table_it_shows_with_its_rows_and_columns(path, name, record_downloads):
    filtered = name not in ("compare", "shortlist", "profile")  # their own choices (Brazil is not in Africa)
    at = open_path(path, region="Africa") if filtered else open_path(path)
    if any(str(k).startswith("chart-data-") for k in at.session_state):
        at = opened(at, "chart-data-")  # every chart's data shown as a table, so each has its CSV to compare with
    csvs = [data for name, data in _built(at, "Download ").values() if name.endswith(".csv")]
    tables = [pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str) for data in csvs]
    ((file_name, data),) = _built(at, "This page's tables as Excel").values()
    assert file_name.endswith(".xlsx") and re.search(r"-v\d+-\d+-[0-9a-f]{8}\.xlsx$", file_name), file_name
    book = openpyxl.load_workbook(io.BytesIO(data))
    about, *sheets = book.worksheets
    # the plan's editor has no CSV (its file is YAML), nor have the tiles (their sheet: below)
    sheets = [ws for ws in sheets if ws.title not in ("The plan", "Headline figures")]
    assert about.title == "About"
    cover = {row[0]: row[1] for row in about.iter_rows(min_row=3, values_only=True) if row[0]}
    assert cover["Version"] and cover["Hash of the data file"] in dataset_caption(at)
    if filtered:
        assert "Africa" in cover["Filters"], cover["Filters"]
    assert cover["Source"]
    got = sorted(
        (ws.max_row - 1 if ws.max_row > 1 or ws.cell(1, 1).value else 0, tuple(c.value for c in ws[1])) for ws in sheets
    )
    assert got == sorted(_shape(t) for t in tables), name
    for ws in sheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref, ws.title


def test_numbers_are_numbers_and_text_stays_text_in_a_pages_workbook(record_downloads):
    at = open_page("funding")
    ((_, data),) = _built(at, "This page's tables as Excel").values()
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = next(ws for ws in book.worksheets if ws.title == "Funding sources")
    header = [c.value for c in sheet[1]]
    records = header.index("Records") + 1
    assert all(isinstance(sheet.cell(r, records).value, int) for r in range(2, sheet.max_row + 1))
    assert all(sheet.cell(r, 1).data_type == "s" for r in range(2, sheet.max_row + 1))


def test_hostile_text_stays_inert_in_every_cell_of_a_pages_workbook(record_downloads):
    formula = '=HYPERLINK("http://evil.example","x")'
    raw = SHIPPED.read_bytes().replace(b"short_name: SENAC virtual tour", f"short_name: '{formula}'".encode())
    at = run_with_upload(raw, page="explorer")
    ((_, data),) = _built(at, "This page's tables as Excel").values()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml  # no formula anywhere
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" for c in cells)  # kept exactly as written, as text


def test_a_workbook_filled_from_the_template_uploads_as_a_yaml_file_does():
    raw = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    raw["projects"][0]["title"] = "A title changed in Excel"
    at = run_with_upload(workbook_in.dataset_to_workbook(raw), name="mine.xlsx", page="projects")
    assert "uploaded as mine.xlsx" in dataset_caption(at)
    assert not at.error, [e.value for e in at.error]
    titles = " ".join(str(v) for d in at.dataframe for v in d.value.get("title", []))
    assert "A title changed in Excel" in titles


def test_a_broken_workbook_is_refused_with_its_sheet_row_and_column_and_the_shipped_data_stays():
    raw = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    raw["projects"][1]["region"] = "Atlantis"
    at = run_with_upload(workbook_in.dataset_to_workbook(raw), name="broken.xlsx")
    said = shown(" ".join(e.value for e in at.error)) + " ".join(c.value for c in at.code)
    assert "broken.xlsx" in said and "sheet projects, row 3, column region" in said, said
    assert "uploaded as" not in dataset_caption(at)  # nothing changed: the shipped dataset is still in use


def test_about_the_data_offers_the_whole_dataset_the_template_and_the_package(record_downloads):
    at = open_page("about")
    files = _built(at, "")
    by_kind = {name.rsplit(".", 1)[-1]: (label, data) for label, (name, data) in files.items()}
    book = openpyxl.load_workbook(io.BytesIO(files["The whole dataset as Excel (18 tables)"][1]))
    assert [ws.title for ws in book.worksheets][:3] == ["About", "projects", "practices"] and len(book.worksheets) == 19
    template = openpyxl.load_workbook(io.BytesIO(files["An empty Excel template: a dataset of your own"][1]))
    assert {"projects", "practices"} <= {ws.title for ws in template.worksheets}
    assert template["projects"].data_validations.dataValidation  # lists from the vocabularies
    with zipfile.ZipFile(io.BytesIO(by_kind["zip"][1])) as archive:
        names = archive.namelist()
        assert "sstc-dataset/datapackage.json" in names and "sstc-dataset/projects.csv" in names


def test_the_filled_template_holds_the_dataset_and_a_record_added_to_it_joins_the_others(dataset, record_downloads):
    """A planner's walk: the empty template, uploaded, replaced the 23 projects by the one added. The filled one
    holds every record; a project added below them and uploaded gives 24."""
    at = open_page("about")
    ((name, data),) = [v for label, v in _built(at, "The Excel template filled").items()]
    assert name.endswith(".xlsx") and "filled-template" in name
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["projects"].max_row - 1 == len(dataset.projects)
    raw = workbook_in.read_workbook(data)
    assert raw == yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))  # every record, as written
    added = dict(raw["projects"][0], id="AFR-NEW-2022", title="A 2022-2023 project added in Excel")
    raw["projects"].append(added)
    at = run_with_upload(workbook_in.dataset_to_workbook(raw), name="with-2022.xlsx", page="projects")
    assert not at.error, [e.value for e in at.error]
    assert f"{len(dataset.projects) + 1} projects" in dataset_caption(at)


def test_the_headline_figures_come_first_in_a_pages_workbook(dataset, record_downloads):
    """A walk: the tiles (23 projects, 21 practices, ...) were in no file."""
    at = open_page("overview", country="ETH")
    ((_, data),) = _built(at, "This page's tables as Excel").values()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[1] == "Headline figures"
    rows = list(book["Headline figures"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Figure", "Value", "Note")
    tiles = {r[0]: r for r in rows[1:]}
    shown = {m.label: m for m in at.metric}
    assert set(tiles) == set(shown)
    for label, metric in shown.items():
        assert str(tiles[label][1]) == str(metric.value) and (tiles[label][2] or "") == (metric.delta or ""), label
