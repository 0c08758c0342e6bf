"""Excel out (issue 25): the cover sheet, one sheet per table as given, typed cells, hostile text inert, valid and
unique sheet names, the same bytes for the same input, the whole dataset as one workbook, and `export --format xlsx`."""

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sstc import DEFAULT_DATA
from sstc.cli import main
from sstc.data.identity import identify
from sstc.data.workbook_in import FIXED_TIME
from sstc.documents import workbook
from sstc.documents.export import file_name

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "=1+1", "\t=tab", "＝1"]
COVER = workbook.Cover(
    title="SSTC test",
    version="2.5",
    digest="abcdef123456",
    built="2026-12-08",
    holds="Every table of the Funding mix page, as filtered.",
    filters=("Region: Africa",),
    sources=("brochure: The brochure (sources/b.txt)",),
    data_date="2026-12-07",
)


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Title": ["one", "two", "three"],
            "Count": [1, 2, 3],
            "Share": [0.5, 1.25, float("nan")],
            "Points": pd.array([2, None, 0], dtype="Int64"),
            "Start": [pd.Timestamp("2021-06-25"), dt.date(2020, 1, 2), None],
            "Countries": [["ETH", "KEN"], ("BRA",), []],
            "Moved": [True, False, True],
        }
    )


def read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_cover_comes_first_then_each_table_with_its_rows_and_columns():
    book = read(workbook.to_xlsx([("Funding by region", frame()), ("Records", frame().head(1))], COVER))
    assert book.sheetnames == ["About", "Funding by region", "Records"]
    cover = "\n".join(str(c.value) for row in book["About"].iter_rows() for c in row if c.value is not None)
    for said in ("SSTC test", "2.5", "abcdef123456", "2026-12-08", "2026-12-07", "Region: Africa", "brochure: The",
                 "Funding mix page", "not stated", "Funding by region: 3 rows"):  # fmt: skip
        assert said in cover
    sheet = book["Funding by region"]
    assert [c.value for c in sheet[1]] == list(frame().columns)
    assert sheet.max_row == 4 and sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:G4"
    assert all(sheet.column_dimensions[c].width >= 8 for c in "ABCDEFG")
    first, second, third = (list(r) for r in sheet.iter_rows(min_row=2, values_only=True))
    assert first == ["one", 1, 0.5, 2, dt.datetime(2021, 6, 25), "ETH; KEN", True]
    assert second[3] is None and second[4] == dt.datetime(2020, 1, 2) and second[5] == "BRA"
    assert third[2] is None and third[4] is None
    assert sheet["E2"].is_date and sheet["E2"].number_format == "yyyy-mm-dd"
    assert sheet["B2"].data_type == "n" and sheet["A2"].data_type == "s"


def test_hostile_text_stays_text_in_every_cell():
    hostile = pd.DataFrame({"=cmd()": HOSTILE, "Other": [f"-{i}" for i in range(len(HOSTILE))]})
    data = workbook.to_xlsx([("=bad", hostile)], COVER)
    sheet = read(data)["=bad"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in sheet["A"]] == ["=cmd()", *HOSTILE]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(re.search(rb"<f[ >]", archive.read(n)) for n in sheets)


def test_sheet_names_are_valid_and_unique():
    names = workbook.sheet_names(["a/b:c*d?e[f]g\\h", "x" * 40, "x" * 40, "About", "'quoted'", "History", ""])
    assert names[0] == "a b c d e f g h"
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert len({n.casefold() for n in names} | {"about"}) == len(names) + 1
    assert names[4] == "quoted" and names[5] != "History" and names[6] == "Sheet"


def test_the_same_input_gives_the_same_bytes():
    assert workbook.to_xlsx([("t", frame())], COVER) == workbook.to_xlsx([("t", frame())], COVER)
    assert read(workbook.to_xlsx([], COVER)).properties.created == FIXED_TIME


def test_the_whole_dataset_is_one_workbook_of_every_export_table(dataset, tables):
    exported = workbook.export_tables(dataset, tables)
    assert list(exported) == workbook.TABLES
    info = workbook.dataset_info(dataset, DEFAULT_DATA.read_bytes())
    book = read(workbook.dataset_workbook(exported, info, built="2026-12-08"))
    assert book.sheetnames == ["About", *workbook.TABLES]
    for name, table in exported.items():
        assert book[name].max_row == len(table) + 1, name
        assert book[name].max_column == len(table.columns), name
    assert book["practices"]["E1"].value == "Project"  # headers in words
    assert info.identity.digest in str(book["About"]["B7"].value)


def test_export_format_xlsx_names_the_file_and_never_overwrites(tmp_path: Path, dataset, capsys):
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path)]) == 0
    target = tmp_path / file_name("dataset", identify(dataset, DEFAULT_DATA.read_bytes()).slug(), extension="xlsx")
    assert capsys.readouterr().out.strip() == str(target)
    assert read(target.read_bytes()).sheetnames[0] == "About"
    target.write_bytes(b"mine")
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path)]) == 1
    assert "--force" in capsys.readouterr().err and target.read_bytes() == b"mine"
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path), "--force"]) == 0
    target.unlink()
    target.symlink_to(tmp_path / "elsewhere")
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path), "--force"]) == 1
    assert "symbolic link" in capsys.readouterr().err and not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("args", [["export"], ["export", "countries", "--format", "xlsx"]])
def test_export_arguments_that_do_not_go_together_are_one_line(args, capsys):
    assert main(args) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("python -m sstc export: ")


def test_the_datas_dates_stay_as_written_and_a_periods_last_instant_is_its_day():
    """A walk found a column of dates and texts mixed (a day made a date, a month left text): it sorts neither
    way. The data's dates stay as written (ISO text sorts right); a timestamp is a date, the end of a period
    (23:59:59.999) its day, as the page shows it."""
    ends = ["2020-12-31 23:59:59.999", "2021-06-25 00:00:00", "2021-03-01 12:30:00"]
    frame = pd.DataFrame({"Start": ["2021-06-25", "2020-12", "2021"], "To": pd.to_datetime(ends, format="ISO8601")})
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.to_xlsx([("dates", frame)], COVER)))["dates"]
    assert [sheet.cell(r, 1).data_type for r in range(2, 5)] == ["s", "s", "s"]
    end, day, moment = (sheet.cell(r, 2) for r in range(2, 5))
    assert end.value == dt.datetime(2020, 12, 31) and end.number_format == workbook_in_date_format()
    assert day.value == dt.datetime(2021, 6, 25) and moment.value == dt.datetime(2021, 3, 1, 12, 30)
    assert all(c.is_date for c in (end, day, moment))


def workbook_in_date_format() -> str:
    from sstc.data.workbook_in import DATE_FORMAT

    return DATE_FORMAT
