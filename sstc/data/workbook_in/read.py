"""A filled workbook read back into the dict `yaml.safe_load` gives, bounded like a YAML upload, then validated as
one (`load.validate`), each problem named by its sheet, row, column and record."""

import datetime as dt
import io
import math
import typing
import zipfile
from dataclasses import dataclass, field

import defusedxml  # noqa: F401  # openpyxl parses with defusedxml only when it is installed: required here
import openpyxl
from openpyxl.utils import get_column_letter

from sstc.data import i18n, load, schema
from sstc.data.i18n import N_, _
from sstc.data.problems import DatasetError, Path, Problem, clip
from sstc.data.tables import build
from sstc.data.workbook_in.layout import (
    CHILDREN,
    EXTRA,
    FLOAT_FORMAT,
    HOW_TO,
    KEY_OF,
    KIND_OF,
    LIST_COLUMNS,
    LISTS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_PARTS,
    MAX_ROWS,
    MAX_SHEETS,
    MAX_TEXT,
    MAX_UNZIPPED,
    NOT_ONLY_TEXT,
    SHEETS,
    TIME_FORMAT,
    Sheet,
    places,
    refs,
)
from sstc.data.workbook_in.write import _last, _ref, dataset_to_workbook
from sstc.data.yamlio import parse

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
    if column:
        text = _("sheet {sheet}, row {row}, column {column}").format(sheet=sheet, row=row, column=column)
    else:
        text = _("sheet {sheet}, row {row}").format(sheet=sheet, row=row)
    return text + (f" ({label})" if label else "")


def _sheet(name: str) -> str:
    return _("sheet {sheet}").format(sheet=name)


# A row's record, named in a problem (`project AFR-PES`), by the sheet the record is a row of.
_RECORD_LABELS = {"projects": N_("project {id}"), "practices": N_("practice {id}"), "activities": N_("activity {id}")}
# A row naming a record (or group) that no row of its sheet has, by that sheet.
_NO_OWNER = {
    "projects": N_("no project {ref} on sheet {sheet}: this row belongs to none"),
    "practices": N_("no practice {ref} on sheet {sheet}: this row belongs to none"),
    "activities": N_("no activity {ref} on sheet {sheet}: this row belongs to none"),
}
_NO_GROUP = N_("no group {ref} on sheet {sheet}: this row belongs to none")


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
        message = _("the server cannot read workbooks safely (no defusedxml)")
        raise DatasetError([Problem(file, 1, _("(file)"), message)])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            unzipped = sum(part.file_size for part in parts)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DatasetError([Problem(file, 1, _("(file)"), _("not an Excel workbook (.xlsx)"))]) from None
    if len(parts) > MAX_PARTS or unzipped > MAX_UNZIPPED:
        raise DatasetError(
            [
                Problem(
                    file,
                    1,
                    _("(file)"),
                    _(
                        "the workbook unzips to {size} bytes in {parts} parts; the "
                        "limit is {limit} bytes in {limit_parts} parts"
                    ).format(
                        size=i18n.number(unzipped),
                        parts=i18n.number(len(parts)),
                        limit=i18n.number(MAX_UNZIPPED),
                        limit_parts=MAX_PARTS,
                    ),
                )
            ]
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # a broken part: openpyxl raises many kinds
        message = _("cannot read the workbook: {reason}").format(reason=clip(str(exc), 120))
        raise DatasetError([Problem(file, 1, _("(file)"), message)]) from None


def _read_rows(wb: typing.Any, read: _Read) -> None:
    known = {*SHEETS, HOW_TO, LISTS}
    rows_left, cells_left, text_left = MAX_ROWS, MAX_CELLS, MAX_TEXT
    if len(wb.sheetnames) > MAX_SHEETS:
        raise DatasetError([Problem(read.file, 1, _("(file)"), _("more than {count} sheets").format(count=MAX_SHEETS))])
    for name in wb.sheetnames:
        if name not in known:
            message = _("unknown sheet (its rows are not read); the sheets are {sheets}").format(
                sheets=", ".join(SHEETS)
            )
            read.refuse(name, 1, None, message)
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
                if isinstance(value, str):  # one shared string may fill every cell: the text read is counted
                    text_left -= len(value)
                    if text_left < 0:
                        said = _("more than {count} characters of text in all (what a 5 MB YAML file can hold)").format(
                            count=i18n.number(MAX_TEXT)
                        )
                        raise DatasetError([Problem(read.file, number, _sheet(name), said)])
                column = columns[index] if index < len(columns) else None
                if column is None:
                    read.refuse(name, number, get_column_letter(index + 1), _("a value under no header"))
                    continue
                values[column] = value
            if cells_left < 0:
                raise DatasetError(
                    [
                        Problem(
                            read.file,
                            number,
                            _sheet(name),
                            _("more than {count} filled cells").format(count=i18n.number(MAX_CELLS)),
                        )
                    ]
                )
            if values:
                found.append(_Row(name, number, values))
        if rows_left < 0:
            message = _("more than {count} rows in all").format(count=i18n.number(MAX_ROWS))
            raise DatasetError([Problem(read.file, 1, _sheet(name), message)])
        seen: set[str] = set()
        for column in columns:
            if column in seen:
                read.refuse(name, 1, column, _("this header is given twice"))
            if column is not None:
                seen.add(column)
        for column in sorted(set(refs(SHEETS[name])) - seen):
            if found:
                read.refuse(
                    name, 1, None, _("no column {column}: the rows cannot name their record").format(column=column)
                )
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
    data, _lines, problems = parse(str(text), read.file)
    if problems or not isinstance(data, dict):
        why = problems[0].message if problems else _("not a mapping")
        message = _("cannot read this YAML ({reason}); leave this column as written").format(reason=why)
        read.refuse(row.sheet, row.number, EXTRA, message)
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
                self.read.refuse(
                    sheet.name, row.number, "kind", _("kind must be one of {kinds}").format(kinds=", ".join(owners))
                )
                return None
            if record is None:
                self.read.refuse(
                    sheet.name, row.number, "record", _("name the record (a project's id, a practice's number)")
                )
                return None
            return owners[kind], _ref(record)  # type: ignore[index]
        record = row.values.get(names[0])
        if record is None:
            message = _("name the {column} this row belongs to").format(column=names[0])
            self.read.refuse(sheet.name, row.number, names[0], message)
            return None
        owner = sheet.owners[0]
        return owner, _ref(record)

    def build(self) -> dict:
        root_rows = self.read.rows.get("meta", [])
        for row in root_rows[1:]:
            self.read.refuse("meta", row.number, None, _("the meta sheet has one row; this one is not read"))
        root: dict = {}
        row = root_rows[0] if root_rows else None
        self.fill(SHEETS["meta"], root, row, (), "meta", None)
        for name, by_owner in self.pending.items():
            for owner, by_ref in by_owner.items():
                for ref, rows in by_ref.items():
                    if (name, owner, ref) not in self.claimed:
                        for row in rows:
                            what = _(_NO_OWNER.get(owner, _NO_GROUP)).format(ref=clip(ref), sheet=owner)
                            column = refs(SHEETS[name])[-1]
                            self.read.refuse(name, row.number, column, what)
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
                self.read.refuse(
                    child.name, row.number, key_column, _("{column} is required").format(column=key_column), label
                )
                continue
            key = _cell(child, key_column, key)
            if child.shape == "roles":
                values = mapping.setdefault(key, [])
                self.read.locate((*at, key), child.name, row.number, key_column, label)
                self.one(child, values, len(values), row, (*at, key, len(values)), label)
                continue
            if key in seen:
                message = _("{column} {value} is given twice (first on row {first})").format(
                    column=key_column, value=clip(key), first=seen[key]
                )
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
            label = _(_RECORD_LABELS[child.name]).format(id=_ref(key)[:40]) if key is not None else None
            self.fill(child, item, row, path, _ref(key) if key is not None else f"\0{row.number}", label)
        else:
            self.fill(child, item, row, path, "", label)

    def _value_of(self, child: Sheet, row: _Row, label: str | None) -> object:
        value = row.values.get(child.value)
        if value is None:
            self.read.refuse(
                child.name, row.number, child.value, _("{column} is required").format(column=child.value), label
            )
        return _cell(child, child.value, value)

    def _position(self, child: Sheet, row: _Row) -> float:
        if "position" not in places(child):
            return 0
        value = row.values.get("position")
        if value is None:
            return math.inf
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.read.refuse(
                child.name, row.number, "position", _("a position is a number, got {value}").format(value=clip(value))
            )
            return math.inf
        return float(value)


def _read(data: bytes, file: str, max_bytes: int) -> tuple[dict, _Read]:
    if len(data) > max_bytes:
        message = _("file is {size} bytes; the limit is {limit}").format(
            size=i18n.number(len(data)), limit=i18n.number(max_bytes)
        )
        raise DatasetError([Problem(file, 1, _("(file)"), message)])
    read = _Read(file)
    wb = _open(data, file)
    try:
        _read_rows(wb, read)
    except DatasetError:
        raise
    except Exception as exc:  # a malformed sheet part
        message = _("cannot read the workbook: {reason}").format(reason=clip(str(exc), 120))
        raise DatasetError([Problem(file, 1, _("(file)"), message)]) from None
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
        field_name = where(sheet, row, column, label) if sheet else _("(workbook)")
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


@dataclass(frozen=True)
class Filled:
    """The dataset in use as the template filled with its records (`raw`: its YAML or workbook bytes, as read), to
    build in the document worker: a planner adds rows below the 2020-2021 ones and uploads it, and the new records
    join the old (an empty template starts a dataset of its own)."""

    raw: bytes
    name: str = "dataset"

    def render(self) -> bytes:
        if is_workbook(self.raw):
            return dataset_to_workbook(read_workbook(self.raw, self.name))
        data, _lines, problems = parse(self.raw.decode("utf-8"), self.name)
        if problems or not isinstance(data, dict):
            raise DatasetError(problems or [Problem(self.name, 1, _("(document)"), _("not a dataset"))])
        return dataset_to_workbook(data)
