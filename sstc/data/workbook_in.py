"""The dataset as a workbook and back: a template to fill in Excel, a dataset in that form, and a filled workbook
read into the very dict `yaml.safe_load` gives, then validated as a YAML upload is.

A planner works in Excel, not YAML. One sheet per record kind, a child sheet per nested list (keyed by the record's
id or number and a position), lists from the vocabularies. The round trip is lossless: list order, 2 versus 2.0,
text versus numbers, dates, and what a cell cannot hold (null, an empty list) kept in a last column, `extra (YAML)`.
Every cell keeps its sheet, row and column, so a problem names them. Reading is bounded like a YAML upload: the same
byte limit, a cap on the unzipped size (zip bombs), on rows and on cells, XML parsed by defusedxml, read-only mode.
"""

import datetime as dt
import io
import math
import re
import types
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

from sstc.data import countries, load, schema, vocab
from sstc.data.problems import DatasetError, Path, Problem, clip
from sstc.data.tables import build
from sstc.data.yamlio import parse

MAX_UNZIPPED = 64 * 2**20  # declared size of all parts: the shipped dataset's workbook unzips to ~1.5 MB
MAX_PARTS = 500
MAX_SHEETS = 60
MAX_ROWS = 50_000  # rows read in all sheets together, empty ones between filled ones included
MAX_COLUMNS = 60
MAX_CELLS = 250_000  # filled cells: what yamlio allows a 5 MB YAML file (50,000 + one per 24 characters)
EXTRA = "extra (YAML)"
HOW_TO, LISTS = "How to fill", "lists"
FIXED_TIME = dt.datetime(2020, 1, 1)  # workbook properties and zip entries: the same data gives the same bytes
FLOAT_FORMAT = "0.0##############"  # a whole number stated as a float (2.0): read back as a float
DATE_FORMAT, TIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
KIND_OF = {"projects": "project", "practices": "practice", "activities": "activity"}
KEY_OF = {"projects": "id", "practices": "number", "activities": "id"}
EVIDENCE_COLUMNS = frozenset({"source", "quote", "inference", "role_quote"})
# Columns that may hold a number, a date or a true/false as well as text; in any other column a number typed in
# Excel is text (Excel has no quotes), and a value that is not text is kept in the extra column on writing.
NOT_ONLY_TEXT = frozenset(
    {"value", "share", "goal", "number", "practice", "start", "end", "date", "planned", "email_public",
     "moved_online", "record"}
)  # fmt: skip


@dataclass(frozen=True)
class Sheet:
    """One sheet: the container it holds (a path in its owner's item), its shape and its item model."""

    name: str
    at: tuple[str, ...]
    shape: str  # one | list | map | values | roles | texts
    model: type[BaseModel] | None = None  # the item's model (list, map, one); its scalar fields are the columns
    owners: tuple[str, ...] = ()  # the sheets whose items hold the container; () for the dataset itself
    value: str = ""  # the value column of values / roles / texts
    doc: str = ""
    columns: tuple[str, ...] = field(default=())


_RECORDS = ("projects", "practices")
_ALL = ("projects", "practices", "activities")
_SPEC = [
    Sheet("meta", ("meta",), "one", schema.Meta, doc="The dataset: its title, version, date (one row)."),
    Sheet("documents", ("meta", "documents"), "map", schema.Document, ("meta",),
          doc="The source documents; a record's source starts with a key of this sheet."),
    Sheet("stated_figures", ("meta", "stated_figures"), "list", schema.StatedFigure, ("meta",),
          doc="Figures the sources state (projects, countries, ...)."),
    Sheet("groups", ("meta", "groups"), "map", schema.Group, ("meta",), doc="Groups of countries records may name."),
    Sheet("group_members", ("members",), "values", None, ("groups",), "country",
          doc="The member countries of a group, where a source lists them."),
    Sheet("funding_sources", ("meta", "funding_sources"), "map", schema.FundingSource, ("meta",),
          doc="Who pays; a funding row's source is a key of this sheet."),
    Sheet("projects", ("projects",), "list", schema.Project, ("meta",), doc="One row per project."),
    Sheet("practices", ("practices",), "list", schema.Practice, ("meta",), doc="One row per good practice."),
    Sheet("activities", ("activities",), "list", schema.Activity, ("meta",), doc="Other dated activities."),
    Sheet("countries", ("countries",), "roles", None, _ALL, "country",
          doc="Countries a record names, by role; a role outside the compendium's row needs an evidence row."),
    Sheet("record_groups", ("groups",), "list", schema.GroupRef, _ALL,
          doc="Groups a record names, by role; a role outside the compendium's row needs an evidence row."),
    Sheet("outcomes", ("outcomes",), "list", schema.OutcomeRef, _RECORDS, doc="P&B outcomes, with the quote."),
    Sheet("outcome_candidates", ("outcome_candidates",), "list", schema.OutcomeCandidate, ("projects",),
          doc="Other outcomes an ambiguous project may serve."),
    Sheet("sdgs", ("sdgs",), "list", schema.Sdg, _RECORDS, doc="SDGs a record names, with the quote."),
    Sheet("funding", ("funding",), "list", schema.Funding, _RECORDS, doc="Who paid, as stated."),
    Sheet("modalities", ("modalities",), "list", schema.ModalityUse, _ALL,
          doc="How it was delivered, with delivery, status and the quote."),
    Sheet("themes", ("themes",), "values", None, _ALL, "theme", doc="Themes; each needs an evidence row."),
    Sheet("numbers", ("numbers",), "list", schema.Number, _RECORDS, doc="Stated numbers, with the quote."),
    Sheet("dates", ("dates",), "list", schema.DateEntry, _RECORDS, doc="Dates, as YYYY, YYYY-MM or YYYY-MM-DD."),
    Sheet("evidence", ("evidence",), "list", schema.Evidence, _ALL,
          doc="The quote behind country roles, group roles and themes; values separated by '; '."),
    Sheet("provenance", ("provenance",), "texts", None, _RECORDS, "note",
          doc="Curator's notes: where a field's value comes from."),
    Sheet("project_practices", ("practices",), "values", None, ("projects",), "practice",
          doc="The numbers of a project's good practices."),
    Sheet("judgements", ("judgements",), "list", schema.Judgement, ("practices",),
          doc="A criterion's strength in the practice's own compendium row, with the quote that earns it."),
    Sheet("covid_effects", ("covid", "other_effects"), "list", schema.CovidEffect, ("practices",),
          doc="What COVID-19 changed other than the format."),
    Sheet("materials", ("materials",), "list", schema.Link, ("practices",), doc="Links (http or https)."),
    Sheet("contacts", ("contacts",), "list", schema.Contact, ("practices",),
          doc="Institutions; an e-mail address only with email_public TRUE."),
]  # fmt: skip
LIST_COLUMNS = frozenset({("evidence", "values")})  # a list of texts in one cell, joined with "; "


def _unwrap(annotation: object) -> list[object]:
    """The types an annotation allows: Optional, unions and Annotated taken apart."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _columns(sheet: Sheet) -> tuple[str, ...]:
    """The scalar fields of the sheet's model, nested models flattened with dots, children's containers left out."""
    if sheet.shape not in {"one", "list", "map"}:
        return (sheet.value,)
    base = sheet.at if sheet.shape == "one" else ()
    children = {c.at[len(base) :] for c in _SPEC if sheet.name in c.owners and c.at[: len(base)] == base}
    out: list[str] = []

    def walk(model: type[BaseModel], prefix: tuple[str, ...]) -> None:
        for name, info in model.model_fields.items():
            here = (*prefix, name)
            if here in children:
                continue
            kinds = _unwrap(info.annotation)
            nested = [k for k in kinds if isinstance(k, type) and issubclass(k, BaseModel)]
            if nested and typing.get_origin(info.annotation) not in (list, dict):
                walk(nested[0], here)
            elif typing.get_origin(kinds[0]) in (list, dict) and (sheet.name, name) not in LIST_COLUMNS:
                raise AssertionError(f"schema field {'.'.join(here)} has no sheet")  # the schema grew a list
            else:
                out.append(".".join(here))

    assert sheet.model is not None
    walk(sheet.model, ())
    key = [KEY_OF[sheet.name]] if sheet.name in KEY_OF else []
    quotes = [c for c in out if c in EVIDENCE_COLUMNS]  # the evidence after what it is evidence for
    return (*key, *(c for c in out if c not in quotes and c not in key), *quotes)


SHEETS: dict[str, Sheet] = {s.name: Sheet(**{**s.__dict__, "columns": _columns(s)}) for s in _SPEC}
CHILDREN: dict[str, list[Sheet]] = {name: [s for s in SHEETS.values() if name in s.owners] for name in SHEETS}


def refs(sheet: Sheet) -> tuple[str, ...]:
    """The columns naming a row's owner: `kind` and `record`, or the one kind (`project`), or `group`."""
    if sheet.owners in ((), ("meta",)):
        return ()
    if sheet.owners == ("groups",):
        return ("group",)
    if len(sheet.owners) == 1:
        return (KIND_OF[sheet.owners[0]],)
    return ("kind", "record")


def places(sheet: Sheet) -> tuple[str, ...]:
    """The columns placing a row in its container: a position, a role and a position, or a key."""
    if sheet.shape == "list" and not refs(sheet):
        return ()  # records and stated figures: the order of the rows
    return {"list": ("position",), "values": ("position",), "roles": ("role", "position"), "map": ("key",),
            "texts": ("field",), "one": ()}[sheet.shape]  # fmt: skip


def header(sheet: Sheet) -> tuple[str, ...]:
    return (*refs(sheet), *places(sheet), *sheet.columns, EXTRA)


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
            "Pick a name from the list, or type an ISO 3166 code: the upload checks it."
            if warn
            else "Pick a value from the list (the upload checks it against the vocabulary)."
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
    "How to fill this workbook",
    "Each sheet is one kind of row. Add rows under the headers; do not rename, move or delete a header.",
    "Projects and practices are rows of their sheets. What a record lists (countries, outcomes, modalities, "
    "themes, dates, ...) goes on the sheet of that name, one row per item: name the record in the kind and record "
    "columns (a project's id, a practice's number), and give the item's place in the list in position (1, 2, 3...; "
    "empty keeps the order of the rows).",
    "Yellow headers must be filled. Blue headers (source, quote, inference) are the evidence: a judged value "
    "(a modality, an outcome, a theme, a country's role outside the compendium's row, a date, a number...) needs "
    "the source section and either the verbatim quote that says it or an inference with its reason. Country roles, "
    "group roles and themes are quoted on the evidence sheet (values separated by '; ').",
    "Dates are written as text: YYYY, YYYY-MM or YYYY-MM-DD. TRUE or FALSE where a column asks for it. Countries "
    "by name from the list, or by ISO 3166 code.",
    "Lists: pick values from the drop-down lists (regions, roles, modalities and their delivery and status, "
    "outcomes, themes, funding sources, groups, countries). Funding sources and groups are the keys of their sheets.",
    "The last column, extra (YAML), is hidden: it keeps what a cell cannot (a field written as null or an empty "
    "list). Leave it as it is.",
    "Upload the file in the dashboard's sidebar, as a YAML file is, or run `python -m sstc convert FILE.xlsx` to get "
    "the YAML. Every problem is named by sheet, row and column.",
    "Sheets:",
]


def _how_to(ws: typing.Any) -> None:
    for row, text in enumerate(HOW_TO_TEXT, 1):
        put(ws, row, 1, text)
    ws.cell(row=1, column=1).font = openpyxl.styles.Font(bold=True, size=14)
    start = len(HOW_TO_TEXT) + 1
    for row, sheet in enumerate(SHEETS.values(), start):
        put(ws, row, 1, sheet.name)
        put(ws, row, 2, sheet.doc)
    ws.column_dimensions["A"].width = 110
    ws.column_dimensions["B"].width = 90
    for row in range(2, len(HOW_TO_TEXT)):
        ws.cell(row=row, column=1).alignment = openpyxl.styles.Alignment(wrap_text=True, vertical="top")


# ---------------------------------------------------------------------------------------------------- reading


@dataclass
class _Row:
    sheet: str
    number: int
    values: dict[str, object]


@dataclass
class _Read:
    """A workbook's rows, and where every value of the dict built from them came from."""

    file: str
    rows: dict[str, list[_Row]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    places: list[tuple[str, int, str | None, str | None]] = field(default_factory=lambda: [("", 1, None, None)] * 2)
    lines: dict[Path, int] = field(default_factory=dict)

    def refuse(self, sheet: str, row: int, column: str | None, message: str, label: str | None = None) -> None:
        self.problems.append(Problem(self.file, row, where(sheet, row, column, label), message))

    def locate(self, path: Path, sheet: str, row: int, column: str | None, label: str | None) -> None:
        if path not in self.lines:
            self.lines[path] = len(self.places)
            self.places.append((sheet, row, column, label))


def where(sheet: str, row: int, column: str | None, label: str | None) -> str:
    """`sheet projects, row 7, column start (project AFR-PES)`."""
    text = f"sheet {sheet}, row {row}" + (f", column {column}" if column else "")
    return text + (f" ({label})" if label else "")


def _value(cell: typing.Any) -> object:
    value = cell.value
    if isinstance(value, dt.datetime) and value.time() == dt.time() and cell.number_format != TIME_FORMAT:
        return value.date()
    if isinstance(value, int) and not isinstance(value, bool) and cell.number_format == FLOAT_FORMAT:
        return float(value)
    return value


def _open(data: bytes, file: str) -> typing.Any:
    """The workbook, opened read-only once its zip is known to be small enough unzipped."""
    if not openpyxl.DEFUSEDXML:
        raise DatasetError([Problem(file, 1, "(file)", "the server cannot read workbooks safely (no defusedxml)")])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            unzipped = sum(part.file_size for part in parts)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DatasetError([Problem(file, 1, "(file)", "not an Excel workbook (.xlsx)")]) from None
    if len(parts) > MAX_PARTS or unzipped > MAX_UNZIPPED:
        raise DatasetError(
            [
                Problem(
                    file,
                    1,
                    "(file)",
                    f"the workbook unzips to {unzipped:,} bytes in {len(parts):,} parts; the "
                    f"limit is {MAX_UNZIPPED:,} bytes in {MAX_PARTS} parts",
                )
            ]
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # a broken part: openpyxl raises many kinds
        message = f"cannot read the workbook: {clip(str(exc), 120)}"
        raise DatasetError([Problem(file, 1, "(file)", message)]) from None


def _read_rows(wb: typing.Any, read: _Read) -> None:
    known = {*SHEETS, HOW_TO, LISTS}
    rows_left, cells_left = MAX_ROWS, MAX_CELLS
    if len(wb.sheetnames) > MAX_SHEETS:
        raise DatasetError([Problem(read.file, 1, "(file)", f"more than {MAX_SHEETS} sheets")])
    for name in wb.sheetnames:
        if name not in known:
            read.refuse(name, 1, None, f"unknown sheet (its rows are not read); the sheets are {', '.join(SHEETS)}")
        if name not in SHEETS:
            continue
        ws = wb[name]
        found: list[_Row] = []
        columns: list[str | None] = []
        for number, cells in enumerate(ws.iter_rows(max_row=rows_left + 1, max_col=MAX_COLUMNS), 1):
            rows_left -= 1
            if number == 1:
                columns = [c.value if isinstance(c.value, str) else None for c in cells]
                continue
            values = {}
            for index, cell in enumerate(cells):
                value = _value(cell)
                if value is None or (isinstance(value, str) and not value):
                    continue
                cells_left -= 1
                column = columns[index] if index < len(columns) else None
                if column is None:
                    read.refuse(name, number, get_column_letter(index + 1), "a value under no header")
                    continue
                values[column] = value
            if cells_left < 0:
                raise DatasetError(
                    [Problem(read.file, number, f"sheet {name}", f"more than {MAX_CELLS:,} filled cells")]
                )
            if values:
                found.append(_Row(name, number, values))
        if rows_left < 0:
            raise DatasetError([Problem(read.file, 1, f"sheet {name}", f"more than {MAX_ROWS:,} rows in all")])
        seen: set[str] = set()
        for column in columns:
            if column in seen:
                read.refuse(name, 1, column, "this header is given twice")
            if column is not None:
                seen.add(column)
        for column in sorted(set(refs(SHEETS[name])) - seen):
            if found:
                read.refuse(name, 1, None, f"no column {column}: the rows cannot name their record")
        read.rows[name] = found


def _set(item: dict, path: tuple[str, ...], value: object) -> None:
    for part in path[:-1]:
        item = item.setdefault(part, {}) if isinstance(item.get(part, {}), dict) else {}
    item[path[-1]] = value


def _merge(item: dict, extra: dict) -> None:
    """What the cells and child sheets give wins; the extra adds what they cannot say."""
    for key, value in extra.items():
        if key not in item:
            item[key] = value
        elif isinstance(item[key], dict) and isinstance(value, dict):
            _merge(item[key], value)


def _cell(sheet: Sheet, column: str, value: object) -> object:
    """A cell's value as the dict holds it: a number typed in a text column is its text; a list cell split."""
    if (sheet.name, column) in LIST_COLUMNS:
        text = value if isinstance(value, str) else _ref(value)
        return [part.strip() for part in text.split(";") if part.strip()]
    text_only = _last(column) not in NOT_ONLY_TEXT and column != EXTRA
    if text_only and isinstance(value, int | float) and not isinstance(value, bool):
        return _ref(value) if not isinstance(value, float) or value.is_integer() else repr(value)
    return value


def _extra(read: _Read, row: _Row) -> dict:
    text = row.values.get(EXTRA)
    if text is None:
        return {}
    data, _, problems = parse(str(text), read.file)
    if problems or not isinstance(data, dict):
        why = problems[0].message if problems else "not a mapping"
        read.refuse(row.sheet, row.number, EXTRA, f"cannot read this YAML ({why}); leave this column as written")
        return {}
    return data


class _Builder:
    """Puts each row where it belongs, its children with it, and locates every value for the problems."""

    def __init__(self, read: _Read) -> None:
        self.read = read
        # child sheet -> owner sheet -> owner ref -> rows
        self.pending: dict[str, dict[str, dict[str, list[_Row]]]] = {}
        self.claimed: set[tuple[str, str, str]] = set()
        for name, rows in read.rows.items():
            sheet = SHEETS[name]
            if sheet.shape == "one":
                continue
            by_owner = self.pending.setdefault(name, {})
            for row in rows:
                owner = self._owner(sheet, row)
                if owner is not None:
                    by_owner.setdefault(owner[0], {}).setdefault(owner[1], []).append(row)

    def _owner(self, sheet: Sheet, row: _Row) -> tuple[str, str] | None:
        names = refs(sheet)
        if not names:
            return "meta", "meta"
        if names == ("kind", "record"):
            kind, record = row.values.get("kind"), row.values.get("record")
            owners = {KIND_OF[o]: o for o in sheet.owners}
            if kind not in owners:
                self.read.refuse(sheet.name, row.number, "kind", f"kind must be one of {', '.join(owners)}")
                return None
            if record is None:
                self.read.refuse(
                    sheet.name, row.number, "record", "name the record (a project's id, a practice's number)"
                )
                return None
            return owners[kind], _ref(record)  # type: ignore[index]
        record = row.values.get(names[0])
        if record is None:
            self.read.refuse(sheet.name, row.number, names[0], f"name the {names[0]} this row belongs to")
            return None
        owner = sheet.owners[0]
        return owner, _ref(record)

    def build(self) -> dict:
        root_rows = self.read.rows.get("meta", [])
        for row in root_rows[1:]:
            self.read.refuse("meta", row.number, None, "the meta sheet has one row; this one is not read")
        root: dict = {}
        row = root_rows[0] if root_rows else None
        self.fill(SHEETS["meta"], root, row, (), "meta", None)
        for name, by_owner in self.pending.items():
            for owner, by_ref in by_owner.items():
                for ref, rows in by_ref.items():
                    if (name, owner, ref) not in self.claimed:
                        for row in rows:
                            what = f"no {KIND_OF.get(owner, 'group')} {clip(ref)} on sheet {owner}"
                            column = refs(SHEETS[name])[-1]
                            self.read.refuse(name, row.number, column, f"{what}: this row belongs to none")
        return root

    def fill(self, sheet: Sheet, item: dict, row: _Row | None, path: Path, ref: str, label: str | None) -> None:
        """Cells of `row` into `item` (at `path` in the dataset), then its children's rows, then its extra."""
        base = sheet.at if sheet.shape == "one" else ()
        if row is not None:
            self.read.locate(path, sheet.name, row.number, None, label)
            for column in sheet.columns:
                parts = (*base, *column.split("."))
                for end in range(len(base) + 1, len(parts) + 1):
                    self.read.locate((*path, *parts[:end]), sheet.name, row.number, column, label)
            for column, value in row.values.items():
                if column in set(refs(sheet)) | set(places(sheet)) | {EXTRA}:
                    continue
                self.read.locate((*path, *base, *column.split(".")), sheet.name, row.number, column, label)
                _set(item, (*base, *column.split(".")), _cell(sheet, column, value))
        for child in CHILDREN[sheet.name]:
            rows = self.pending.get(child.name, {}).get(sheet.name, {}).get(ref)
            if rows is None or (child.name, sheet.name, ref) in self.claimed:
                continue
            self.claimed.add((child.name, sheet.name, ref))
            self.children(child, item, rows, path, label)
        if row is not None:
            extra = _extra(self.read, row)
            _merge(item, extra)
            for key in extra:
                self.read.locate((*path, key), sheet.name, row.number, EXTRA, label)

    def children(self, child: Sheet, owner: dict, rows: list[_Row], path: Path, label: str | None) -> None:
        ordered = sorted(rows, key=lambda r: (self._position(child, r), r.number))
        at = (*path, *child.at)
        first = ordered[0]
        if child.shape in {"list", "values"}:
            container: list = []
            _set(owner, child.at, container)
            self.read.locate(at, child.name, first.number, None, label)
            for index, row in enumerate(ordered):
                self.one(child, container, index, row, (*at, index), label)
            return
        mapping: dict = {}
        _set(owner, child.at, mapping)
        self.read.locate(at, child.name, first.number, None, label)
        key_column = places(child)[0]
        seen: dict[object, int] = {}
        for row in ordered:
            key = row.values.get(key_column)
            if key is None:
                self.read.refuse(child.name, row.number, key_column, f"{key_column} is required", label)
                continue
            key = _cell(child, key_column, key)
            if child.shape == "roles":
                values = mapping.setdefault(key, [])
                self.read.locate((*at, key), child.name, row.number, key_column, label)
                self.one(child, values, len(values), row, (*at, key, len(values)), label)
                continue
            if key in seen:
                message = f"{key_column} {clip(key)} is given twice (first on row {seen[key]})"
                self.read.refuse(child.name, row.number, key_column, message, label)
                continue
            seen[key] = row.number
            if child.shape == "texts":
                self.read.locate((*at, key), child.name, row.number, key_column, label)
                mapping[key] = self._value_of(child, row, label)
            else:
                item: dict = {}
                mapping[key] = item
                self.fill(child, item, row, (*at, key), _ref(key), label if child.name != "groups" else None)

    def one(self, child: Sheet, container: list, index: int, row: _Row, path: Path, label: str | None) -> None:
        if child.shape in {"values", "roles"}:
            container.append(self._value_of(child, row, label))
            self.read.locate(path, child.name, row.number, child.value, label)
            return
        item: dict = {}
        container.append(item)
        if child.name in KEY_OF:
            key = row.values.get(KEY_OF[child.name])
            label = f"{KIND_OF[child.name]} {_ref(key)[:40]}" if key is not None else None
            self.fill(child, item, row, path, _ref(key) if key is not None else f"\0{row.number}", label)
        else:
            self.fill(child, item, row, path, "", label)

    def _value_of(self, child: Sheet, row: _Row, label: str | None) -> object:
        value = row.values.get(child.value)
        if value is None:
            self.read.refuse(child.name, row.number, child.value, f"{child.value} is required", label)
        return _cell(child, child.value, value)

    def _position(self, child: Sheet, row: _Row) -> float:
        if "position" not in places(child):
            return 0
        value = row.values.get("position")
        if value is None:
            return math.inf
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.read.refuse(child.name, row.number, "position", f"a position is a number, got {clip(value)}")
            return math.inf
        return float(value)


def _read(data: bytes, file: str, max_bytes: int) -> tuple[dict, _Read]:
    if len(data) > max_bytes:
        raise DatasetError([Problem(file, 1, "(file)", f"file is {len(data):,} bytes; the limit is {max_bytes:,}")])
    read = _Read(file)
    wb = _open(data, file)
    try:
        _read_rows(wb, read)
    except DatasetError:
        raise
    except Exception as exc:  # a malformed sheet part
        message = f"cannot read the workbook: {clip(str(exc), 120)}"
        raise DatasetError([Problem(file, 1, "(file)", message)]) from None
    finally:
        wb.close()
    data_dict = _Builder(read).build()
    if read.problems:
        raise DatasetError(read.problems)
    return data_dict, read


def read_workbook(data: bytes, file: str = "workbook.xlsx", max_bytes: int = load.MAX_UPLOAD_BYTES) -> dict:
    """A filled workbook as the dict yaml.safe_load gives for the same dataset (not yet validated); DatasetError
    for a file that is no readable workbook or whose rows cannot be placed (an unknown record, a bad position)."""
    return _read(data, file, max_bytes)[0]


def load_bytes(raw: bytes, file: str, max_bytes: int = load.MAX_UPLOAD_BYTES) -> schema.Dataset:
    """A filled workbook, read and validated as a YAML upload is (`load.load_text`'s steps, on the same
    functions); every problem names its sheet, row, column and record."""
    return load_data(raw, file, max_bytes)[1]


def load_data(raw: bytes, file: str, max_bytes: int = load.MAX_UPLOAD_BYTES) -> tuple[dict, schema.Dataset]:
    """The workbook's dict (as read_workbook gives it) and its validated dataset."""
    data, read = _read(raw, file, max_bytes)
    try:
        return data, load.validate(data, file, read.lines)
    except DatasetError as exc:
        raise DatasetError(_relocated(exc.problems, read), exc.more) from None


def _relocated(problems: list[Problem], read: _Read) -> list[Problem]:
    """Problems found on the dict, named by the cell their value came from (their `line` is an index of places)."""
    out = []
    for problem in problems:
        sheet, row, column, label = (
            read.places[problem.line] if problem.line < len(read.places) else ("", 1, None, None)
        )
        field_name = where(sheet, row, column, label) if sheet else "(workbook)"
        out.append(Problem(problem.file, row, field_name, problem.message))
    return out


def is_workbook(raw: bytes) -> bool:
    """An .xlsx file is a zip: it starts with PK\\3\\4 (a YAML file never does)."""
    return raw[:4] == b"PK\x03\x04"


def read_upload(raw: bytes, name: str, max_bytes: int) -> tuple:
    """What `sstc.data.worker` runs in its bounded child for a workbook: its `_read` with this module's reader."""
    try:
        dataset = load_bytes(raw, name, max_bytes)
        return ("ok", dataset, build(dataset))
    except DatasetError as exc:
        return ("problems", exc.problems, exc.more)
