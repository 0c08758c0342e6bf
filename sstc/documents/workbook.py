"""Tables out as one Excel workbook: a cover sheet saying what it is, then one sheet per table.

A planner works in Excel: every table a view shows, in one file, with headers in words, the header row frozen, a
filter on, widths set, dates as dates and numbers as numbers. Every text cell is typed as text, so no cell ever runs
as a formula: a string cell never does, so the text is kept exactly as written (no CSV apostrophe is needed).
"""

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from sstc.analysis.reconcile import reconciliation
from sstc.data import i18n
from sstc.data.i18n import N_, _, pgettext
from sstc.data.identity import Identity, identify
from sstc.data.schema import Dataset
from sstc.data.tables import COLUMNS, Tables
from sstc.data.workbook_in import DATE_FORMAT, TIME_FORMAT, save
from sstc.view.labels import counted, headers

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
MAX_WIDTH, MIN_WIDTH = 60, 8
NOT_STATED = N_("not stated")  # a value in the data package too (its licence): translated where shown
COVER = "About"  # the cover sheet's name in English (`cover_name`: in the run's language)
_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\]")
_RESERVED = {"history"}  # Excel keeps this sheet name for itself

# What `sstc export TABLE` writes: the two record tables with these columns, the others without their key.
EXPORT_COLUMNS: dict[str, list[str]] = {
    "projects": ["id", "title", "region", "unit", "source", "from_compendium", "ambiguous", "summary"],
    "practices": ["id", "title", "short_name", "region", "project_id", "covid_moved_online", "source", "summary"],
}
TABLES = ["projects", "practices", *[n for n in COLUMNS if n != "records"], "reconciliation"]


@dataclass(frozen=True)
class Cover:
    """The first sheet: what data this is, under which filters, from which sources, and what the workbook holds."""

    title: str
    version: str
    digest: str
    built: str  # the date the workbook was made, YYYY-MM-DD
    holds: str  # one sentence: "Every table of the Funding mix page, as filtered."
    filters: tuple[str, ...] = ()  # each filter in words; none means the whole dataset
    sources: tuple[str, ...] = ()  # "brochure: <title> (<file>)"
    licence: str = NOT_STATED
    data_date: str = ""

    def rows(self, sheets: Sequence[tuple[str, int]]) -> list[tuple[str, str]]:
        """The cover's (label, value) rows, in the run's language (the data's own values as they are)."""
        out = [
            (_("What this is"), self.holds),
            (_("Dataset"), self.title),
            (_("Version"), self.version),
            (_("Date of the data"), self.data_date or _(NOT_STATED)),
            (_("Hash of the data file"), self.digest),
            (_("Built on"), self.built),
            (_("Filters"), "; ".join(self.filters) if self.filters else _("none: the whole dataset")),
            (_("Licence"), _(NOT_STATED) if self.licence == NOT_STATED else self.licence),
        ]
        out += [(_("Source") if i == 0 else "", source) for i, source in enumerate(self.sources)]
        for i, (name, n) in enumerate(sheets):
            rows = counted(n, "row", "rows")
            out.append((_("Sheet") if i == 0 else "", f"{name}: {rows}"))
        return out


@dataclass(frozen=True)
class DatasetInfo:
    """What a whole-dataset file says about its data: identity, sources and licence."""

    identity: Identity
    sources: tuple[tuple[str, str, str], ...]  # (key, title, file) of each source document
    biennium: str
    licence: str = NOT_STATED  # the schema has no licence field, and no source states one

    def cover(self, holds: str, filters: Sequence[str] = (), built: str | None = None) -> Cover:
        ident = self.identity
        return Cover(
            title=ident.title,
            version=ident.version,
            digest=ident.digest,
            built=built or dt.date.today().isoformat(),
            holds=holds,
            filters=tuple(filters),
            sources=tuple(f"{key}: {title} ({file})" for key, title, file in self.sources),
            licence=self.licence,
            data_date=ident.date,
        )


def info_of(dataset: Dataset, identity: Identity) -> DatasetInfo:
    sources = tuple((key, doc.title, doc.file) for key, doc in dataset.meta.documents.items())
    return DatasetInfo(identity, sources, dataset.meta.biennium)


def dataset_info(dataset: Dataset, raw: bytes, uploaded_as: str | None = None) -> DatasetInfo:
    return info_of(dataset, identify(dataset, raw, uploaded_as))


def export_table(dataset: Dataset, tables: Tables, name: str) -> pd.DataFrame:
    """One table as `sstc export NAME` writes it."""
    if name == "reconciliation":
        return reconciliation(dataset, tables)
    if name in EXPORT_COLUMNS:
        records = tables.records[tables.records["kind"] == name.removesuffix("s")]
        return records[EXPORT_COLUMNS[name]].reset_index(drop=True)
    return tables.get(name).drop(columns=["key"])


def export_tables(dataset: Dataset, tables: Tables) -> dict[str, pd.DataFrame]:
    """Every table `sstc export` can write, by name, in its order."""
    return {name: export_table(dataset, tables, name) for name in TABLES}


def _cut(name: str, most: int) -> str:
    """At most `most` characters, cut between words where a space is not too far back ("Chart data, the full outcome
    x" was cut to its trailing space; "...as a ca" mid-word)."""
    if len(name) <= most:
        return name
    cut = name[:most]
    space = cut.rfind(" ")
    return (cut[:space] if space >= most // 2 else cut).rstrip(" ,;:-")


def sheet_names(names: Sequence[str], taken: Sequence[str] = (COVER,)) -> list[str]:
    """Names Excel accepts: no []:*?/\\, no leading or trailing apostrophe, at most 31 characters, unique (Excel
    compares them without case)."""
    seen = {t.casefold() for t in taken}
    out = []
    for name in names:
        base = " ".join(_NOT_IN_NAMES.sub(" ", str(name)).split()).strip("'") or "Sheet"
        base = _cut(base, MAX_SHEET_NAME)
        candidate, n = base, 1
        while candidate.casefold() in seen or candidate.casefold() in _RESERVED:
            n += 1
            suffix = f" ({n})"
            candidate = _cut(base, MAX_SHEET_NAME - len(suffix)) + suffix
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def _text(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value if len(value) <= MAX_CELL_TEXT else value[: MAX_CELL_TEXT - 1] + "…"


def _cell(value: object) -> object:
    """The value as Excel should hold it: None for an empty cell, a number, a date, a true/false or text."""
    if isinstance(value, list | tuple | np.ndarray):
        return _text("; ".join("" if _missing(v) else str(v) for v in value))
    if _missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else str(value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
        # a period's last instant (the timeline's "to": 23:59:59.999) is that day, as the page shows it
        return value.date() if value.time() >= dt.time(23, 59, 59) else value
    if isinstance(value, dt.date):
        return value
    # The data's dates as written ("2021-06-25", "2020-12", "2021") stay text: a month or a year as a date would claim
    # a day, and a column of dates and texts mixed sorts neither way (ISO text sorts right as it is).
    return _text(str(value))


def _write(ws: openpyxl.worksheet.worksheet.Worksheet, row: int, column: int, value: object) -> int:
    """Writes one cell; returns the width its text needs."""
    value = _cell(value)
    if value is None:
        return 0
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # after the value: setting a value starting with = makes a formula
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, dt.datetime):
        cell.number_format = DATE_FORMAT if value.time() == dt.time() else TIME_FORMAT
        return 19
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
        return 10
    return len(str(value))


def _table(ws: openpyxl.worksheet.worksheet.Worksheet, frame: pd.DataFrame) -> None:
    widths = [_write(ws, 1, i, str(name)) for i, name in enumerate(frame.columns, 1)]
    for i in range(1, len(frame.columns) + 1):
        ws.cell(row=1, column=i).font = openpyxl.styles.Font(bold=True)
        for r, value in enumerate(frame.iloc[:, i - 1].tolist(), 2):
            widths[i - 1] = max(widths[i - 1], _write(ws, r, i, value))
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    ws.freeze_panes = "A2"
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"


def cover_name() -> str:
    """The cover sheet's name in the run's language ("About")."""
    return pgettext("the workbook's cover sheet", "About")


def to_xlsx(sheets: Sequence[tuple[str, pd.DataFrame]], cover: Cover) -> bytes:
    """The cover sheet ("About"), then each table as a sheet named as given (made valid and unique); the same
    input gives the same bytes. Its words are the run's language's."""
    wb = openpyxl.Workbook()
    about = wb.active
    about.title = cover_name()
    names = sheet_names([name for name, _frame in sheets], taken=(about.title,))
    for name, (_given, frame) in zip(names, sheets, strict=True):
        _table(wb.create_sheet(name), frame)
    rows = cover.rows(
        [
            (name if name == given else f"{name} ({given})", len(frame))
            for name, (given, frame) in zip(names, sheets, strict=True)
        ]
    )  # a name cut to Excel's 31 characters is said whole on the cover
    _write(about, 1, 1, cover.title)
    about.cell(row=1, column=1).font = openpyxl.styles.Font(bold=True, size=14)
    for r, (label, value) in enumerate(rows, 3):
        _write(about, r, 1, label)
        _write(about, r, 2, value)
        about.cell(row=r, column=1).font = openpyxl.styles.Font(bold=True)
        about.cell(row=r, column=2).alignment = openpyxl.styles.Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 100
    return save(wb)


@dataclass(frozen=True)
class Book:
    """A workbook to build (in `sstc.documents.worker`, as a document is): its sheets as (name, table with headers in
    words) and its cover."""

    sheets: tuple[tuple[str, pd.DataFrame], ...]
    cover: Cover
    # the language the cover is written in (the run's, when it was made): `render` runs in a child process
    language: str = field(default_factory=i18n.language)

    def render(self) -> bytes:
        with i18n.using(self.language):
            return to_xlsx(self.sheets, self.cover)


def worded(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with its headers in words, as the page shows them (the CSV keeps the names of the data)."""
    out = frame.copy()
    out.columns = headers([str(c) for c in frame.columns])
    return out


def whole_book(tables: Mapping[str, pd.DataFrame], info: DatasetInfo, built: str | None = None) -> Book:
    """The whole dataset (`export_tables`) as one workbook to build, headers in words."""
    holds = _(
        "Every table of the dataset as `sstc export` writes it ({tables}), one sheet each, headers in "
        "words; the CSV names of the columns are in the README."
    ).format(tables=", ".join(tables))
    return Book(tuple((name, worded(frame)) for name, frame in tables.items()), info.cover(holds, built=built))


def dataset_workbook(tables: Mapping[str, pd.DataFrame], info: DatasetInfo, built: str | None = None) -> bytes:
    """The whole dataset as one workbook's bytes (the command line's `export --format xlsx`)."""
    return whole_book(tables, info, built).render()
