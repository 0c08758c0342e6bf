"""A dataset written as a workbook, and the template to fill: typed cells, lists from the vocabularies, a how-to."""

import datetime as dt
import io
import math
import re
import typing
import zipfile
from dataclasses import dataclass, field

import defusedxml  # noqa: F401  # openpyxl parses with defusedxml only when it is installed: required here
import openpyxl
import yaml
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BaseModel

from sstc.data import countries, vocab
from sstc.data.i18n import N_, _
from sstc.data.workbook_in.layout import (
    CHILDREN,
    DATE_FORMAT,
    EVIDENCE_COLUMNS,
    EXTRA,
    FIXED_TIME,
    FLOAT_FORMAT,
    HOW_TO,
    KEY_OF,
    KIND_OF,
    LIST_COLUMNS,
    LISTS,
    NOT_ONLY_TEXT,
    SHEETS,
    TIME_FORMAT,
    Sheet,
    _unwrap,
    header,
    places,
    refs,
)

# ---------------------------------------------------------------------------------------------------- writing


def _last(column: str) -> str:
    return column.rsplit(".", 1)[-1]


def _cellable(value: object, column: str) -> bool:
    """Whether a cell gives this value back exactly as it is (else it goes to the extra column)."""
    if isinstance(value, str):
        text_ok = not ILLEGAL_CHARACTERS_RE.search(value) and not re.search(r"_x[0-9A-Fa-f]{4}_", value)
        return bool(value) and len(value) <= 32_767 and text_ok
    if _last(column) not in NOT_ONLY_TEXT:
        return False
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return abs(value) < 2**53
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dt.datetime):
        return value.tzinfo is None
    return isinstance(value, dt.date)


def _joinable(value: object) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, str) and v and v == v.strip() and ";" not in v and _cellable(v, "") for v in value)
    )


def _rows_of(container: object, sheet: Sheet) -> bool:
    """Whether the child sheet can hold this container as rows (else it goes, whole, to the owner's extra)."""
    if sheet.shape == "list":
        return isinstance(container, list) and bool(container) and all(isinstance(i, dict) for i in container)
    if sheet.shape == "values":
        return isinstance(container, list) and bool(container) and all(_cellable(v, sheet.value) for v in container)
    if not isinstance(container, dict) or not container or not all(_cellable(k, "") for k in container):
        return False
    if sheet.shape == "map":
        return all(isinstance(v, dict) for v in container.values())
    if sheet.shape == "texts":
        return all(_cellable(v, sheet.value) for v in container.values())
    return all(isinstance(v, list) and v and all(_cellable(c, sheet.value) for c in v) for v in container.values())


def _split(item: dict, sheet: Sheet, owns: bool) -> tuple[dict[str, object], dict]:
    """The item's cells by column, and what no cell or child sheet can hold (`extra`, nested as in the item)."""
    columns = {tuple(c.split(".")): c for c in sheet.columns}
    if sheet.shape == "one":
        columns = {(*sheet.at, *path): c for path, c in columns.items()}
    children = {child.at: child for child in CHILDREN[sheet.name]} if owns else {}
    prefixes = {p[:k] for p in (*columns, *children) for k in range(1, len(p))}
    cells: dict[str, object] = {}

    def walk(mapping: dict, path: tuple[str, ...]) -> dict:
        extra: dict = {}
        for key, value in mapping.items():
            here = (*path, key)
            column = columns.get(here)
            if column is not None and (sheet.name, column) in LIST_COLUMNS and _joinable(value):
                cells[column] = "; ".join(value)  # type: ignore[arg-type]
            elif column is not None and (sheet.name, column) not in LIST_COLUMNS and _cellable(value, column):
                cells[column] = value
            elif here in children and _rows_of(value, children[here]):
                pass  # its rows are on the child sheet
            elif here in prefixes and isinstance(value, dict) and value:
                inner = walk(value, here)
                if inner:
                    extra[key] = inner
            else:
                extra[key] = value
        return extra

    return cells, walk(item, ())


@dataclass
class _Out:
    """The rows of every sheet, as they are written."""

    rows: dict[str, list[dict[str, object]]] = field(default_factory=lambda: {name: [] for name in SHEETS})

    def add(self, sheet: Sheet, item: object, owner: dict[str, object], place: dict[str, object]) -> None:
        if sheet.shape in {"values", "texts", "roles"}:
            self.rows[sheet.name].append({**owner, **place, sheet.value: item})
            return
        assert isinstance(item, dict)
        key = _owner_key(sheet, item, place)
        keys = {_ref(r[_ID]) for r in self.rows[sheet.name] if _ID in r} if key is not None else set()
        owns = key is not None and _ref(key) not in keys  # a duplicate id's children stay in its extra
        cells, extra = _split(item, sheet, owns or not CHILDREN[sheet.name])
        row = {**owner, **place, **cells}
        if owns:
            row[_ID] = key
        if extra:
            row[EXTRA] = yaml.safe_dump(extra, default_flow_style=True, allow_unicode=True, width=10**9).strip()
        self.rows[sheet.name].append(row)
        if owns:
            for child in CHILDREN[sheet.name]:
                container = _get(item, child.at)
                if _rows_of(container, child):
                    self.emit(child, container, _owner_cells(child, sheet, key))

    def emit(self, sheet: Sheet, container: object, owner: dict[str, object]) -> None:
        if sheet.shape in {"list", "values"}:
            for position, item in enumerate(container, 1):  # type: ignore[arg-type]
                self.add(sheet, item, owner, {"position": position})
        elif sheet.shape == "roles":
            for role, values in container.items():  # type: ignore[union-attr]
                for position, value in enumerate(values, 1):
                    self.add(sheet, value, owner, {"role": role, "position": position})
        else:
            for key, item in container.items():  # type: ignore[union-attr]
                self.add(sheet, item, owner, {places(sheet)[0]: key})


_ID = "\0id"  # a written row's owner key, for its children (never a column)


def _owner_key(sheet: Sheet, item: dict, place: dict[str, object]) -> object:
    if sheet.shape == "one":
        return "meta"
    if sheet.shape == "map":
        return place["key"]
    key = item.get(KEY_OF.get(sheet.name, "\0"))
    return key if isinstance(key, int | str) and not isinstance(key, bool) and _cellable(key, "record") else None


def _owner_cells(child: Sheet, owner: Sheet, key: object) -> dict[str, object]:
    names = refs(child)
    if not names:
        return {}
    if names == ("kind", "record"):
        return {"kind": KIND_OF[owner.name], "record": key}
    return {names[0]: key}


def _get(item: object, path: tuple[str, ...]) -> object:
    for part in path:
        if not isinstance(item, dict) or part not in item:
            return None
        item = item[part]
    return item


def _ref(value: object) -> str:
    """An owner's key as a child row names it: 3, 3.0 and '3' name the same practice."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def dataset_to_workbook(raw: dict) -> bytes:
    """The dataset (as yaml.safe_load gives it) as a filled template: read_workbook gives `raw` back, equal."""
    out = _Out()
    root = SHEETS["meta"]
    out.add(root, raw if isinstance(raw, dict) else {}, {}, {})
    return _workbook(out.rows)


def template(raw: dict | None = None) -> bytes:
    """An empty workbook to fill, its documents, groups and funding sources taken from `raw` (a dataset as
    yaml.safe_load gives it, usually the shipped one) so that new records can name them."""
    meta = dict((raw or {}).get("meta") or {})
    kept = {k: meta[k] for k in ("documents", "groups", "funding_sources") if k in meta}
    return dataset_to_workbook({"meta": {**kept, "stated_figures": []}, "projects": [], "practices": []})


# ------------------------------------------------------------------------------------------------ the workbook

_HEAD = openpyxl.styles.Font(bold=True)
_REQUIRED = openpyxl.styles.PatternFill("solid", fgColor="FFE699")
_QUOTE = openpyxl.styles.PatternFill("solid", fgColor="DDEBF7")
_ROOM = 1000  # rows below the data that keep the lists and formats


def _text_cell(cell: typing.Any, value: str) -> None:
    """Text that never runs as a formula: typed as a string after the value is set (setting it infers a type)."""
    cell.value = value
    cell.data_type = "s"


def put(ws: typing.Any, row: int, column: int, value: object) -> None:
    """A cell of the right type: text as text, numbers as numbers, dates as dates, a whole float marked as one."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        _text_cell(cell, value)
        return
    cell.value = value
    if isinstance(value, dt.datetime):
        cell.number_format = TIME_FORMAT  # even at midnight: a date format reads back as a date
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, float) and value.is_integer():
        cell.number_format = FLOAT_FORMAT


def save(wb: openpyxl.Workbook) -> bytes:
    """The workbook's bytes, the same for the same content: fixed times in its properties and in the zip."""
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "sstc"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = openpyxl.writer.excel.ExcelWriter(wb, archive)
        writer.write_data()
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return fixed.getvalue()


def country_names() -> list[str]:
    """Every country by the name the app shows, alphabetical; each resolves back to its code."""
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries} | {countries.KOSOVO}
    return [countries.name(c) for c in sorted(codes, key=countries.sort_key)]


def _vocabularies() -> dict[str, list[str]]:
    return {
        **vocab.value_lists(),
        "strength": list(vocab.STRENGTHS),
        "evidence field": [f"{f}.{r}" for f in ("countries", "groups") for r in vocab.ROLES] + ["themes"],
        "country": country_names(),
    }


def _list_for(sheet: Sheet, column: str) -> str | None:
    """The vocabulary a column's cells come from, or a sheet's key column (`=funding_sources!$A$2:$A$1001`)."""
    last = _last(column)
    by_name = {"region": "region", "modality": "modality", "delivery": "delivery", "status": "status",
               "theme": "theme", "criterion": "criterion", "strength": "strength", "precision": "precision",
               "country": "country"}  # fmt: skip
    if sheet.name in {"outcomes", "outcome_candidates"} and column == "code":
        return "outcome"
    if sheet.name in {"countries", "record_groups"} and column == "role":
        return "role"
    if sheet.name == "evidence" and column == "field":
        return "evidence field"
    if sheet.name == "funding" and column == "source":
        return "=funding_sources"
    if sheet.name == "record_groups" and column == "group":
        return "=groups"
    return by_name.get(last)


def _validations(ws: typing.Any, sheet: Sheet, lists: dict[str, str], last_row: int) -> None:
    names = header(sheet)
    for index, column in enumerate(names, 1):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{last_row}"
        if column == "kind" and column in refs(sheet):
            formula = '"' + ",".join(KIND_OF[o] for o in sheet.owners) + '"'
        elif _last(column) in {"planned", "email_public"}:
            formula = '"TRUE,FALSE"'
        elif column == "covid.moved_online":
            formula = '"TRUE,FALSE,not stated"'
        else:
            found = _list_for(sheet, column)
            if found is None:
                continue
            formula = f"'{found[1:]}'!$A$2:$A${_ROOM + 1}" if found.startswith("=") else lists[found]
        warn = column in {"country"}
        check = DataValidation(
            type="list", formula1=formula, allow_blank=True, errorStyle="warning" if warn else "stop"
        )
        check.error = (
            _("Pick a name from the list, or type an ISO 3166 code: the upload checks it.")
            if warn
            else _("Pick a value from the list (the upload checks it against the vocabulary).")
        )
        check.showErrorMessage = True
        ws.add_data_validation(check)
        check.add(area)


def _workbook(rows: dict[str, list[dict[str, object]]]) -> bytes:
    wb = openpyxl.Workbook()
    how = wb.active
    how.title = HOW_TO
    lists_ws = wb.create_sheet(LISTS)
    lists: dict[str, str] = {}
    for index, (name, values) in enumerate(_vocabularies().items(), 1):
        letter = get_column_letter(index)
        put(lists_ws, 1, index, name)
        for row, value in enumerate(values, 2):
            put(lists_ws, row, index, value)
        lists[name] = f"'{LISTS}'!${letter}$2:${letter}${len(values) + 1}"
    lists_ws.sheet_state = "hidden"
    for sheet in SHEETS.values():
        ws = wb.create_sheet(sheet.name)
        names = header(sheet)
        required = _required(sheet)
        for index, column in enumerate(names, 1):
            put(ws, 1, index, column)
            cell = ws.cell(row=1, column=index)
            cell.font = _HEAD
            if column in required:
                cell.fill = _REQUIRED
            elif _last(column) in EVIDENCE_COLUMNS:
                cell.fill = _QUOTE
            width = max([len(column), *(len(str(r.get(column, ""))[:60]) for r in rows[sheet.name])]) + 2
            ws.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 60)
            if _last(column) not in NOT_ONLY_TEXT and column not in {"position", EXTRA}:
                ws.column_dimensions[get_column_letter(index)].number_format = "@"
        for row_number, row in enumerate(rows[sheet.name], 2):
            for index, column in enumerate(names, 1):
                if column in row:
                    put(ws, row_number, index, row[column])
        ws.column_dimensions[get_column_letter(len(names))].hidden = True
        ws.freeze_panes = "A2"
        _validations(ws, sheet, lists, len(rows[sheet.name]) + _ROOM)
    _how_to(how)
    wb.move_sheet(LISTS, offset=len(wb.sheetnames))
    return save(wb)


def _required(sheet: Sheet) -> set[str]:
    """The columns a row must fill (the refs and places too)."""
    out = set(refs(sheet)) | set(places(sheet)) - {"position"}
    if sheet.model is None:
        return out | {sheet.value}
    for column in sheet.columns:
        model: type[BaseModel] | None = sheet.model
        needed = True
        for part in column.split("."):
            info = model.model_fields[part] if model is not None else None
            needed = needed and info is not None and info.is_required()
            nested = [k for k in _unwrap(info.annotation) if isinstance(k, type) and issubclass(k, BaseModel)]
            model = nested[0] if info is not None and nested else None
        if needed:
            out.add(column)
    return out


HOW_TO_TEXT = [
    N_("How to fill this workbook"),
    N_("Each sheet is one kind of row. Add rows under the headers; do not rename, move or delete a header."),
    N_(
        "Projects and practices are rows of their sheets. What a record lists (countries, outcomes, modalities, "
        "themes, dates, ...) goes on the sheet of that name, one row per item: name the record in the kind and record "
        "columns (a project's id, a practice's number), and give the item's place in the list in position (1, 2, 3...; "
        "empty keeps the order of the rows)."
    ),
    N_(
        "Yellow headers must be filled. Blue headers (source, quote, inference) are the evidence: a judged value "
        "(a modality, an outcome, a theme, a country's role outside the compendium's row, a date, a number...) needs "
        "the source section and either the verbatim quote that says it or an inference with its reason. Country roles, "
        "group roles and themes are quoted on the evidence sheet (values separated by '; ')."
    ),
    N_(
        "Dates are written as text: YYYY, YYYY-MM or YYYY-MM-DD. TRUE or FALSE where a column asks for it. Countries "
        "by name from the list, or by ISO 3166 code."
    ),
    N_(
        "Lists: pick values from the drop-down lists (regions, roles, modalities and their delivery and status, "
        "outcomes, themes, funding sources, groups, countries). Funding sources and groups are the keys of their "
        "sheets."
    ),
    N_(
        "The last column, extra (YAML), is hidden: it keeps what a cell cannot (a field written as null or an empty "
        "list). Leave it as it is."
    ),
    N_(
        "Upload the file in the dashboard's sidebar, as a YAML file is, or run `python -m sstc convert FILE.xlsx` to "
        "get the YAML. Every problem is named by sheet, row and column."
    ),
    N_("Sheets:"),
]


def _how_to(ws: typing.Any) -> None:
    for row, text in enumerate(HOW_TO_TEXT, 1):
        put(ws, row, 1, _(text))
    ws.cell(row=1, column=1).font = openpyxl.styles.Font(bold=True, size=14)
    start = len(HOW_TO_TEXT) + 1
    for row, sheet in enumerate(SHEETS.values(), start):
        put(ws, row, 1, sheet.name)
        put(ws, row, 2, _(sheet.doc))
    ws.column_dimensions["A"].width = 110
    ws.column_dimensions["B"].width = 90
    for row in range(2, len(HOW_TO_TEXT)):
        ws.cell(row=row, column=1).alignment = openpyxl.styles.Alignment(wrap_text=True, vertical="top")
