"""A plan: the shortlisted records a planner carries into the 2022-2023 biennium, as a file and as a link.

The app never stores a plan. The planner downloads it as a small YAML file (`dump`) and uploads it again to carry on
(`load_bytes`), or, for a short plan, keeps it in the page's link (`to_param` / `from_param`). Both ways in are
untrusted input, so both are read as strictly as the dataset is: the file through the same bounded YAML reader
(yamlio: no tags, no alias bombs, no deep nesting) and the same located problems (file, line, field); the link
through a decoder that caps every size before spending work on it and never raises.

Text stays text: a note such as `=HYPERLINK(...)` or `<script>` is kept verbatim, as a string; the places that show
or export it escape it (the app, the CSV export), as for every text of the dataset.
"""

import base64
import binascii
import datetime as dt
import json
import re
import zlib
from collections.abc import Iterator
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from sstc.data import i18n, m49
from sstc.data.i18n import _
from sstc.data.load import _pydantic_problems, _pydantic_words
from sstc.data.problems import DatasetError, Path, Problem, RecordNames, clip, dotted
from sstc.data.schema import Model, Text, refuse
from sstc.data.yamlio import line_for, parse

SCHEMA = "sstc-plan/1"
BIENNIUM = "2022-2023"
PRIORITIES = ("high", "medium", "low")
STATUSES = ("idea", "proposed", "agreed")
MAX_ITEMS = 200
MAX_TARGETS = 20
MAX_TARGET = 100  # characters of one target token; the longest M49 name has 31
MAX_PLAN_BYTES = 200_000
MAX_NOTE = 2000
MAX_LEAD = 200
MAX_KEY = 100
MAX_ORDER = 1_000_000  # a place in a list, not an amount: hand-numbered plans (10, 20, 30...) still fit
MAX_PARAM = 1500  # characters of a plan in a link: longer ones are saved as a file instead
MAX_PARAM_INPUT = 4000  # characters of a link value read at all
MAX_PARAM_JSON = 100_000  # bytes a link value may decompress to

_KEY = re.compile(r"(practice|project):[A-Za-z0-9-]+")
_HEX = re.compile(r"[0-9a-fA-F]{6,64}")
_ISO3 = re.compile(r"[A-Z]{3}")
_GROUP = "group:"
# Text a person can type: no control characters (a tab and, in a note, a line break excepted), no lone surrogates
# (UTF-8 cannot write them), nothing YAML could not write back as it was read.
_NOT_NOTE = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_LINE = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PARAM_CHARS = re.compile(r"[A-Za-z0-9_-]*")


def _blank_is_none(value: object) -> object:
    """An empty lead or note (a text box left empty) means none, not a problem."""
    return None if isinstance(value, str) and not value.strip() else value


def _note_chars(value: str) -> str:
    bad = _NOT_NOTE.search(value)
    if bad:
        message = _("character {code} is not allowed in a note (text, tabs and line breaks only)")
        refuse(message.format(code=f"U+{ord(bad.group()):04X}"))
    return value


def _line_chars(value: str) -> str:
    bad = _NOT_LINE.search(value)
    if bad:
        refuse(_("character {code} is not allowed here (one line of text)").format(code=f"U+{ord(bad.group()):04X}"))
    return value


def _key(value: str) -> str:
    if not _KEY.fullmatch(value):
        refuse(_("a plan item names a record as practice:N or project:ID, got {value}").format(value=clip(value)))
    return value


def _target(value: str) -> str:
    """A target as the app writes it: an ISO alpha-3 code, an M49 sub-region name, or `group:` and a group id."""
    if _ISO3.fullmatch(value) or value in m49.sub_regions():
        return value
    group = value.removeprefix(_GROUP)
    if value.startswith(_GROUP) and group and not any(char.isspace() for char in group):
        return value
    refuse(
        _(
            "a target is an ISO alpha-3 code (GTM), an M49 sub-region as M49 writes it (Central America) or "
            "group: and a group id (group:sids), got {value}"
        ).format(value=clip(value))
    )


Key = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_KEY), AfterValidator(_key)]
Target = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TARGET),
    AfterValidator(_line_chars),
    AfterValidator(_target),
]
Lead = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_LEAD),
    AfterValidator(_line_chars),
]
Note = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NOTE),
    AfterValidator(_note_chars),
]
OptionalLead = Annotated[Lead | None, BeforeValidator(_blank_is_none)]
OptionalNote = Annotated[Note | None, BeforeValidator(_blank_is_none)]


def _digest(value: str) -> str:
    if not _HEX.fullmatch(value):
        message = _("a dataset digest is 6 to 64 hex digits (the #... the app shows beside the version), got {value}")
        refuse(message.format(value=clip(value)))
    return value


def _date(value: object) -> object:
    """`made: 2024-05-01` is a date to YAML; the same date quoted, or in JSON, is read as one too."""
    if isinstance(value, dt.datetime):
        refuse(_("a date and time where a date is meant: write YYYY-MM-DD"))
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            refuse(_("{date} is not a calendar date").format(date=clip(value)))
    return value


Digest = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_digest)]
Made = Annotated[dt.date, BeforeValidator(_date)]
Priority = Literal[PRIORITIES]  # type: ignore[valid-type]
PlanStatus = Literal[STATUSES]  # type: ignore[valid-type]


class PlanItem(Model):
    """One shortlisted record, as a planner takes it forward: where it stands, for whom, who leads it."""

    key: Key
    order: int = Field(ge=1, le=MAX_ORDER)
    priority: Priority = "medium"
    targets: list[Target] = Field(default=[], max_length=MAX_TARGETS)
    lead: OptionalLead = None
    note: OptionalNote = None
    status: PlanStatus = "idea"

    @field_validator("targets")
    @classmethod
    def _unique_targets(cls, targets: list[str]) -> list[str]:
        dupes = sorted({t for t in targets if targets.count(t) > 1})
        if dupes:
            refuse(_("target listed twice: {targets}").format(targets=clip(", ".join(dupes))))
        return targets


class Plan(Model):
    """A plan, with the dataset it was made on (so a later version of the dataset can say what changed).

    Items are kept sorted by order: the order is the plan's, and a plan read back equals the plan written.
    """

    # `schema` in the file; `schema_` in Python, where BaseModel.schema() has the name
    schema_: Literal[SCHEMA] = Field(default=SCHEMA, alias="schema")  # type: ignore[valid-type]
    dataset_title: Text
    dataset_version: Text
    dataset_digest: Digest
    made: Made
    items: list[PlanItem] = Field(max_length=MAX_ITEMS)

    @field_validator("items")
    @classmethod
    def _unique(cls, items: list[PlanItem]) -> list[PlanItem]:
        for path, message in _duplicates([item.model_dump() for item in items]):
            raise PydanticCustomError("duplicate", f"items[{path[1]}].{path[2]}: {message}")
        return sorted(items, key=lambda item: item.order)


def _duplicates(items: list) -> Iterator[tuple[Path, str]]:
    """Every item whose key or order an earlier item has, at that item (read on raw data too, to locate them)."""
    for field, kind in (("key", str), ("order", int)):
        first: dict[object, int] = {}
        for index, item in enumerate(items):
            value = item.get(field) if isinstance(item, dict) else None
            if isinstance(value, kind) and not isinstance(value, bool):
                value = value.strip() if isinstance(value, str) else value
                if first.setdefault(value, index) != index:
                    message = _("{field} {value} is twice in the plan (first at items[{first}])").format(
                        field=field, value=clip(value), first=first[value]
                    )
                    yield ("items", index, field), message


# --- the file ---------------------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """safe_dump's dumper, writing a multi-line note as a block (`|-`) a person can read and edit."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # YAML reads \r, \x85, \u2028 and \u2029 written as they are back as other line breaks (PyYAML even writes
    # \x85 unescaped in single quotes): text holding one is written in double quotes, where they are escaped.
    if {"\r", "\x85", "\u2028", "\u2029"} & set(value):
        style: str | None = '"'
    else:
        style = "|" if "\n" in value else None  # the emitter falls back to quotes where a block cannot say it
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _one_line(text: str) -> str:
    """Text for a comment line: one line whatever the title holds (a line break there would end the comment)."""
    return " ".join(_NOT_LINE.sub(" ", text).split())


def dump(plan: Plan) -> bytes:
    """The plan as a YAML file a person can read, edit and upload again: `load_bytes(dump(plan), f) == plan`.

    Raises ValueError for a plan whose file would be larger than MAX_PLAN_BYTES (200 items with the longest notes
    can be): such a file could not be uploaded again, so it is never offered.
    """
    head = (
        "# "
        + _(
            "SSTC plan for {biennium}, made with the SSTC dashboard on the dataset {title} version {version} "
            "(#{digest})."
        ).format(
            biennium=BIENNIUM,
            title=_one_line(plan.dataset_title),
            version=_one_line(plan.dataset_version),
            digest=plan.dataset_digest,
        )
        + "\n# "
        + _("Upload it on the Shortlist and brief page to carry on; the app never stores it.")
        + "\n"
    )
    body = {
        "schema": plan.schema_,
        "dataset_title": plan.dataset_title,
        "dataset_version": plan.dataset_version,
        "dataset_digest": plan.dataset_digest,
        "made": plan.made,
        "items": [item.model_dump(exclude_none=True) for item in sorted(plan.items, key=lambda item: item.order)],
    }
    text = yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    raw = (head + text).encode("utf-8")
    if len(raw) > MAX_PLAN_BYTES:
        raise ValueError(
            _(
                "this plan would make a file of {size} bytes, more than the {limit} a plan file may "
                "have: shorten its notes or leave items out"
            ).format(size=i18n.number(len(raw)), limit=i18n.number(MAX_PLAN_BYTES))
        )
    return raw


def load_bytes(raw: bytes, file: str) -> Plan:
    """The plan in an uploaded file, or a DatasetError listing every problem with its line and field."""
    if len(raw) > MAX_PLAN_BYTES:
        message = _("file is {size} bytes; a plan file is at most {limit}: is this a plan?").format(
            size=i18n.number(len(raw)), limit=i18n.number(MAX_PLAN_BYTES)
        )
        raise DatasetError([Problem(file, 1, _("(file)"), message)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError([Problem(file, line, _("(file)"), _("not UTF-8 text"))]) from None
    data, lines, problems = parse(text, file)
    if problems:
        raise DatasetError(problems)
    if not isinstance(data, dict):
        message = _("expected a plan: a mapping that starts with schema: {schema} (plans saved by the app do)").format(
            schema=SCHEMA
        )
        raise DatasetError([Problem(file, 1, _("(document)"), message)])
    _check_schema(data, file, lines)
    names = RecordNames(data)
    located = [Problem(file, line_for(path, lines), dotted(path, names), message) for path, message in _raw_dupes(data)]
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        found, more = _pydantic_problems(exc, file, lines, data, names)
        # a duplicate pydantic found is one located above, at its item: its message ends with the located one's
        found = [p for p in found if not any(q.message in p.message for q in located)]
        raise DatasetError(located + found, more) from None


def _raw_dupes(data: dict) -> Iterator[tuple[Path, str]]:
    items = data.get("items")
    return _duplicates(items) if isinstance(items, list) else iter(())


def _check_schema(data: dict, file: str, lines: dict[Path, int]) -> None:
    """A file without this plan schema is another file (or a plan of another version): one problem, not dozens."""
    if "schema" not in data:
        message = _(
            "not an SSTC plan: there is no schema: {schema} line (plans saved by the app start with it)"
        ).format(schema=SCHEMA)
        raise DatasetError([Problem(file, 1, "schema", message)])
    if data["schema"] != SCHEMA:
        message = _("schema is {found}; this app reads plans of schema {schema}").format(
            found=clip(data["schema"]), schema=SCHEMA
        )
        raise DatasetError([Problem(file, line_for(("schema",), lines), "schema", message)])


# --- against the dataset on show -------------------------------------------------------------------------------------


def _same_digest(one: str, other: str) -> bool:
    """Digests of the same file, one maybe shorter (a shortened hash is a prefix of the full one)."""
    one, other = one.lower(), other.lower()
    return one.startswith(other) or other.startswith(one)


def check_against(plan: Plan, record_keys: set[str], version: str, digest: str) -> tuple[Plan, list[str]]:
    """The plan as it applies to the dataset on show: its items naming a record of it, renumbered 1..n in their
    order, and a notice for each item left out and for a plan made on another version of the dataset."""
    notices: list[str] = []
    if plan.dataset_version != version or not _same_digest(plan.dataset_digest, digest):
        notices.append(
            _(
                "This plan was made on version {version} (#{digest}) of the dataset; "
                "you are looking at version {current} (#{current_digest}): check its items."
            ).format(version=plan.dataset_version, digest=plan.dataset_digest, current=version, current_digest=digest)
        )
    kept: list[PlanItem] = []
    for item in sorted(plan.items, key=lambda item: item.order):
        if item.key in record_keys:
            kept.append(item.model_copy(update={"order": len(kept) + 1}))
        else:
            notices.append(_("Item {key} of the plan names no record of this dataset: left out.").format(key=item.key))
    return plan.model_copy(update={"items": kept}), notices


# --- the link ---------------------------------------------------------------------------------------------------------

_SHORT = {"key": "k", "order": "o", "priority": "p", "targets": "t", "lead": "l", "note": "n", "status": "s"}
_LONG = {short: name for name, short in _SHORT.items()}
_DEFAULTS = {"priority": "medium", "targets": [], "status": "idea"}


def to_param(plan: Plan) -> str | None:
    """The plan's items as a short, URL-safe value (JSON, zlib, base64url without padding), or None when it would
    be longer than MAX_PARAM characters: a long plan is saved as a file, not put in a link."""
    items = []
    for item in sorted(plan.items, key=lambda item: item.order):
        fields = item.model_dump(exclude_none=True)
        items.append({_SHORT[name]: value for name, value in fields.items() if _DEFAULTS.get(name) != value})
    packed = json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    value = base64.urlsafe_b64encode(zlib.compress(packed, 9)).rstrip(b"=").decode("ascii")
    return value if len(value) <= MAX_PARAM else None


class _Unreadable(Exception):
    """Why a link's plan cannot be read, in plain words."""


def _unpack(value: str) -> object:
    """The JSON in a link value, every size capped before work is spent on it."""
    if not value:
        raise _Unreadable(_("it is empty"))
    if len(value) > MAX_PARAM_INPUT:
        raise _Unreadable(
            _("it is {count} characters long, more than a plan link has").format(count=i18n.number(len(value)))
        )
    if not _PARAM_CHARS.fullmatch(value):
        raise _Unreadable(_("it holds characters a plan link never has"))
    try:
        packed = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise _Unreadable(_("it is cut short or changed")) from None
    inflate = zlib.decompressobj()
    try:
        text = inflate.decompress(packed, MAX_PARAM_JSON)
    except zlib.error:
        raise _Unreadable(_("it is cut short or changed")) from None
    if inflate.unconsumed_tail or (not inflate.eof and len(text) >= MAX_PARAM_JSON):
        raise _Unreadable(_("it unpacks to more than {size} bytes").format(size=i18n.number(MAX_PARAM_JSON)))
    if not inflate.eof or inflate.unused_data:
        raise _Unreadable(_("it is cut short or changed"))
    try:
        return json.loads(text.decode("utf-8"))
    except (ValueError, RecursionError):
        raise _Unreadable(_("it is cut short or changed")) from None


def _items(data: object) -> list:
    """Items with their full field names; an item with a name the link format has not is refused."""
    if not isinstance(data, list):
        raise _Unreadable(_("it holds no list of items"))
    items = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise _Unreadable(_("its item {number} is not an item").format(number=index + 1))
        unknown = [name for name in item if name not in _LONG]
        if unknown:
            raise _Unreadable(
                _("its item {number} has a field a plan link never has ({field})").format(
                    number=index + 1, field=clip(unknown[0], 20)
                )
            )
        items.append({_LONG[name]: value for name, value in item.items()})
    return items


def from_param(value: str, dataset_title: str, version: str, digest: str) -> tuple[Plan | None, list[str]]:
    """The plan in a link value, made on this dataset today, or (None, one notice): never raises, whatever the
    value (anyone can write a link)."""
    try:
        items = _items(_unpack(value if isinstance(value, str) else ""))
        data = {
            "schema": SCHEMA,
            "dataset_title": dataset_title,
            "dataset_version": version,
            "dataset_digest": digest,
            "made": dt.date.today(),
            "items": items,
        }
        try:
            return Plan.model_validate(data), []
        except ValidationError as exc:
            first = exc.errors(include_url=False, include_input=False, include_context=False)[0]
            where = dotted(tuple(part for part in first["loc"] if not isinstance(part, str) or "[" not in part))
            said = _pydantic_words(first["type"], first["msg"].removeprefix("Value error, "))
            raise _Unreadable(f"{where}: {said}") from None
    except _Unreadable as exc:
        message = _("The plan in this link could not be read ({reason}): it is left out. Upload the plan file instead.")
        return None, [message.format(reason=exc)]
    except (ValueError, TypeError, RecursionError):
        return None, [_("The plan in this link could not be read: it is left out. Upload the plan file instead.")]
