"""YAML file -> validated Dataset, or a DatasetError listing every problem with file, line and field."""

import heapq
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path as FsPath

from pydantic import ValidationError

from sstc.data import evidence, i18n, privacy
from sstc.data.i18n import N_, _, ngettext
from sstc.data.problems import (
    MAX_PROBLEMS,
    DatasetError,
    Path,
    Problem,
    RecordNames,
    clip,
    dotted,
    key_text,
    position,
)
from sstc.data.schema import Dataset, Practice, Record
from sstc.data.sources import CRITERION_ROWS
from sstc.data.yamlio import line_for, parse

# 5 MB as the browser counts it: Streamlit's uploader turns max_upload_size=5 into 5,000,000 bytes (1000-based
# outside Windows), so the app refuses exactly what the browser lets through beyond that, with a message.
MAX_UPLOAD_BYTES = 5_000_000
MAX_FILE_BYTES = 64 * 1024 * 1024  # a file named on the command line or in SSTC_DATA (room for 100x growth tests)
_SHARE_TOLERANCE = 0.01


def _too_big(file: str, size: str, limit: int) -> DatasetError:
    message = _("file is {size} bytes; the limit is {limit}").format(size=size, limit=i18n.number(limit))
    return DatasetError([Problem(file, 1, _("(file)"), message)])


def read_file(path: str | FsPath, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refusing a missing, oversized or special file (/dev/zero, a pipe) without reading it all.

    The size on disk is not trusted: at most max_bytes + 1 bytes are ever read.
    """
    path = FsPath(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            message = _("not a regular file (a device, pipe or folder)")
            raise DatasetError([Problem(str(path), 1, _("(file)"), message)])
        if info.st_size > max_bytes:
            raise _too_big(str(path), i18n.number(info.st_size), max_bytes)
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        message = _("cannot read the file: {reason}").format(reason=exc.strerror)
        raise DatasetError([Problem(str(path), 1, _("(file)"), message)]) from None
    if len(raw) > max_bytes:
        raise _too_big(str(path), _("more than {count}").format(count=i18n.number(max_bytes)), max_bytes)
    return raw


def load_path(path: str | FsPath, max_bytes: int = MAX_FILE_BYTES) -> Dataset:
    return load_bytes(read_file(path, max_bytes), str(path), max_bytes)


def load_bytes(raw: bytes, file: str, max_bytes: int = MAX_UPLOAD_BYTES) -> Dataset:
    if len(raw) > max_bytes:
        raise _too_big(file, i18n.number(len(raw)), max_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError([Problem(file, line, _("(file)"), _("not UTF-8 text"))]) from None
    return load_text(text, file)


def load_text(text: str, file: str) -> Dataset:
    data, lines, problems = parse(text, file)
    if problems:
        raise DatasetError(problems)
    if not isinstance(data, dict):
        message = _("expected a mapping with meta, projects and practices")
        raise DatasetError([Problem(file, 1, _("(document)"), message)])
    return validate(data, file, lines)


def validate(data: dict, file: str, lines: dict[Path, int]) -> Dataset:
    """A dataset read into Python (from YAML, or from a workbook: `sstc.data.workbook_in`) checked as one: the
    privacy rule, the schema, then the cross-record checks; the first problems by `lines` (path -> line)."""
    names = RecordNames(data)
    private, more = _first(file, lines, addresses(data), names)
    try:
        dataset = Dataset.model_validate(data)
    except ValidationError as exc:
        found, unlisted = _pydantic_problems(exc, file, lines, data, names)
        raise DatasetError(private + found, more + unlisted) from None
    problems, unlisted = _first(file, lines, check(dataset), names)
    if private or problems:
        raise DatasetError(private + problems, more + unlisted)
    return dataset


def _first(
    file: str, lines: dict[Path, int], found: Iterable[tuple[Path, str]], names: RecordNames
) -> tuple[list[Problem], int]:
    """The first MAX_PROBLEMS problems by line, and how many more there are; only those listed are named."""
    located = [(line_for(path, lines), path, message) for path, message in found]
    first = heapq.nsmallest(MAX_PROBLEMS, located, key=lambda item: item[0])
    listed = [Problem(file, line, dotted(path, names), message) for line, path, message in first]
    return listed, len(located) - len(first)


def _is_contact_email(path: Path) -> bool:
    return len(path) == 5 and path[0] == "practices" and path[2] == "contacts" and path[4] == "email"


def addresses(data: object) -> Iterator[tuple[Path, str]]:
    """The privacy rule, on every text of every kind (keys too): no e-mail address outside contacts[].email.

    A contact's own address is checked by the schema (a single address, email_public: true).
    """
    stack: list[tuple[Path, object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and privacy.find_emails(key):
                    yield path + (key,), _("a key holds an e-mail address; personal addresses are never published")
            stack.extend((path + (key,), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((path + (i,), value[i]) for i in range(len(value) - 1, -1, -1))
        elif isinstance(value, str) and not _is_contact_email(path):
            found = privacy.find_emails(value)
            if found:
                yield (
                    path,
                    _(
                        "contains an e-mail address ({address}); keep institution and role only "
                        "(an institutional mailbox goes in contacts with email_public: true)"
                    ).format(address=clip(found[0], 40)),
                )


def _pydantic_problems(
    exc: ValidationError, file: str, lines: dict[Path, int], data: object, names: RecordNames
) -> tuple[list[Problem], int]:
    """The first MAX_PROBLEMS distinct problems pydantic found (in document order), and how many more.

    Read from pydantic's JSON one error at a time, not from exc.errors(): that builds a dict per error, 200 MB
    for a file with 300,000 bad values. The value an error is about is looked up in the data when needed.
    """
    text = exc.json(include_url=False, include_context=False, include_input=False)
    decoder = json.JSONDecoder()
    seen: set[tuple[Path, str]] = set()
    problems: list[Problem] = []
    position, done = 1, 0
    while position < len(text) - 1 and len(problems) < MAX_PROBLEMS:
        error, position = decoder.raw_decode(text, position)
        position += 1  # the comma between errors
        done += 1
        loc = tuple(error["loc"])
        if error["type"] == "invalid_key":
            loc = (*loc[:-1], _key_at(data, loc))
        path = tuple(part for part in loc if not isinstance(part, str) or not re.search(r"[\[\]()]", part))
        message = _message(error, loc[-1] if error["type"] == "invalid_key" else _value_at(data, path))
        if (path, message) not in seen:
            seen.add((path, message))
            problems.append(Problem(file, line_for(path, lines), dotted(path, names), message))
    return problems, exc.error_count() - done


def _value_at(data: object, path: Path) -> object:
    """The value at path, skipping the parts pydantic adds to name union members."""
    for part in path:
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if in_list or (isinstance(data, dict) and part in data):
            data = data[part]
    return data


def _key_at(data: object, loc: tuple) -> object:
    """The key pydantic refused as not text (it reports True as 1 and None as 'None')."""
    parent = _value_at(data, loc[:-1])
    if isinstance(parent, dict):
        for key in parent:
            if not isinstance(key, str) and (key == loc[-1] or str(key) == str(loc[-1])):
                return key
    return loc[-1]


# pydantic's own words for the type errors the app passes on (lowered), for the catalogs; a model's name stays as is.
_PYDANTIC_WORDS = frozenset(
    {
        N_("input should be a valid string"),
        N_("input should be a valid integer"),
        N_("input should be a valid number"),
        N_("input should be a valid boolean"),
        N_("input should be a valid list"),
        N_("input should be a valid dictionary"),
    }
)


def _message(error: dict, value: object) -> str:
    kind, message = error["type"], error["msg"]
    if kind == "invalid_key":
        return _(
            "a key must be text, YAML read this one as {key} (on, off, yes, no, true, false, null, ~ and "
            "numbers are not text to YAML): quote it"
        ).format(key=key_text(value))
    if kind == "missing":
        return _("required field is missing")
    if kind == "extra_forbidden":
        return _("unknown field (check the spelling; see the data model in README.md)")
    if kind in {"string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type", "model_type"}:
        shown = _("a date") if type(value).__name__ == "date" else f"{type(value).__name__} {clip(value)}"
        hint = ""
        if kind == "string_type":
            hint = _(" (quote it: YAML reads yes/no/on/off as true/false and 2021-06-25 as a date)")
        elif (
            kind in {"int_type", "float_type"}
            and isinstance(value, str)
            and re.fullmatch(r"[-+]?[\d.]+e[-+]?\d+", value)
        ):
            hint = _(" (YAML reads 1e3 as text: write 1000, or 1.0e+3)")
        lowered = message.lower()
        said = _(lowered) if lowered in _PYDANTIC_WORDS else lowered
        return _("{problem}, got {value}{hint}").format(problem=said, value=shown, hint=hint)
    return _pydantic_words(kind, message.removeprefix("Value error, "))


# pydantic's other messages the app passes on, as pydantic words them (so English stays as it is), in the catalogs:
# (error type, pydantic's words as a pattern, the message).
_PYDANTIC_SAID = [
    ("literal_error", r"Input should be (?P<values>.+) or (?P<last>'[^']*')", N_("Input should be {values} or {last}")),
    ("literal_error", r"Input should be (?P<value>'[^']*')", N_("Input should be {value}")),
    (
        "greater_than_equal",
        r"Input should be greater than or equal to (?P<limit>\S+)",
        N_("Input should be greater than or equal to {limit}"),
    ),
    (
        "less_than_equal",
        r"Input should be less than or equal to (?P<limit>\S+)",
        N_("Input should be less than or equal to {limit}"),
    ),
    ("greater_than", r"Input should be greater than (?P<limit>\S+)", N_("Input should be greater than {limit}")),
    ("less_than", r"Input should be less than (?P<limit>\S+)", N_("Input should be less than {limit}")),
    (
        "string_pattern_mismatch",
        r"String should match pattern (?P<pattern>'.*')",
        N_("String should match pattern {pattern}"),
    ),
]
_PYDANTIC_COUNTED = {
    "string_too_long": r"String should have at most (?P<count>\d+) characters?",
    "string_too_short": r"String should have at least (?P<count>\d+) characters?",
    "too_long": r"List should have at most (?P<count>\d+) items? after validation, not (?P<actual>\d+)",
    "too_short": r"List should have at least (?P<count>\d+) items? after validation, not (?P<actual>\d+)",
}


def _counted(kind: str, count: int) -> str:
    if kind == "string_too_long":
        return ngettext(
            "String should have at most {count} character", "String should have at most {count} characters", count
        )
    if kind == "string_too_short":
        return ngettext(
            "String should have at least {count} character", "String should have at least {count} characters", count
        )
    if kind == "too_long":
        return ngettext(
            "List should have at most {count} item after validation, not {actual}",
            "List should have at most {count} items after validation, not {actual}",
            count,
        )
    return ngettext(
        "List should have at least {count} item after validation, not {actual}",
        "List should have at least {count} items after validation, not {actual}",
        count,
    )


def _pydantic_words(kind: str, message: str) -> str:
    """pydantic's message in the current language where the catalogs have it; else as pydantic wrote it."""
    for said_kind, pattern, words in _PYDANTIC_SAID:
        found = re.fullmatch(pattern, message) if said_kind == kind else None
        if found:
            return _(words).format(**found.groupdict())
    found = re.fullmatch(_PYDANTIC_COUNTED[kind], message) if kind in _PYDANTIC_COUNTED else None
    if found:
        return _counted(kind, int(found["count"])).format(**found.groupdict())
    return message


def _refs(dataset: Dataset) -> Iterator[tuple[Path, str]]:
    """Every source reference in the dataset, with its path."""
    for i, figure in enumerate(dataset.meta.stated_figures):
        yield ("meta", "stated_figures", i, "source"), figure.source
    for gid, group in dataset.meta.groups.items():
        if group.source:
            yield ("meta", "groups", gid, "source"), group.source
    for name, records in (("projects", dataset.projects), ("practices", dataset.practices)):
        for i, rec in enumerate(records):
            base: Path = (name, i)
            yield base + ("source",), rec.source
            for field in ("outcomes", "sdgs", "numbers", "dates"):
                for j, item in enumerate(getattr(rec, field)):
                    yield base + (field, j, "source"), item.source
            for field in ("modalities", "evidence", "outcome_candidates", "judgements"):
                for j, item in enumerate(getattr(rec, field, [])):
                    if not isinstance(item, str):
                        yield base + (field, j, "source"), item.source
            for key, ref in rec.provenance.items():
                yield base + ("provenance", key), ref
            covid = getattr(rec, "covid", None)
            if covid is not None:
                if covid.source:
                    yield base + ("covid", "source"), covid.source
                for j, effect in enumerate(covid.other_effects):
                    yield base + ("covid", "other_effects", j, "source"), effect.source
            for j, contact in enumerate(getattr(rec, "contacts", [])):
                if contact.source:
                    yield base + ("contacts", j, "source"), contact.source
    for i, act in enumerate(dataset.activities):
        yield ("activities", i, "source"), act.source
        yield ("activities", i, "date", "source"), act.date.source
        for field in ("modalities", "evidence"):
            for j, item in enumerate(getattr(act, field)):
                if not isinstance(item, str):
                    yield ("activities", i, field, j, "source"), item.source


def _duplicates(values: list, path: Path) -> Iterator[tuple[Path, str]]:
    """Every record whose id an earlier one has. Such records are named by position (an id names two), so the first
    is too."""
    first: dict[object, int] = {}
    for index, value in enumerate(values):
        if first.setdefault(value, index) != index:
            yield (
                path + (index,),
                _("duplicate id {id} (first at {first})").format(
                    id=clip(value), first=position(str(path[0]), first[value])
                ),
            )


def _judgement_problems(practice: Practice, base: Path) -> list[tuple[Path, str]]:
    """A criterion judged once at most, each from a row of that criterion (`compendium, good practice 3, Results`
    for results; the number is not checked here: a copied or new practice may cite another document's form)."""
    out: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for j, judgement in enumerate(practice.judgements):
        if judgement.criterion in seen:
            out.append(
                (base + (j, "criterion"), _("judged more than once: {criterion}").format(criterion=judgement.criterion))
            )
        seen.add(judgement.criterion)
        row = CRITERION_ROWS[judgement.criterion]
        if judgement.source.rsplit(",", 1)[-1].strip() != row:
            said = _("the {criterion} judgement must cite its own row (… good practice N, {row}), not {source}").format(
                criterion=judgement.criterion, row=row, source=clip(judgement.source)
            )
            out.append((base + (j, "source"), said))
    return out


def check(dataset: Dataset) -> list[tuple[Path, str]]:
    """Cross-record rules pydantic cannot see one record at a time."""
    out: list[tuple[Path, str]] = []
    if not dataset.projects and not dataset.practices:
        out.append((("projects",), _("the dataset has no projects and no practices: there is nothing to show")))
    meta = dataset.meta
    project_ids = [p.id for p in dataset.projects]
    numbers = [p.number for p in dataset.practices]
    out += [(path[:2] + ("id",), msg) for path, msg in _duplicates(project_ids, ("projects",))]
    out += [(path[:2] + ("number",), msg) for path, msg in _duplicates(numbers, ("practices",))]
    out += [(path[:2] + ("id",), msg) for path, msg in _duplicates([a.id for a in dataset.activities], ("activities",))]
    projects = {p.id: p for p in dataset.projects}
    for path, ref in _refs(dataset):
        doc = ref.split(",")[0].split(";")[0].strip()
        if doc not in meta.documents:
            message = _("source {source} must start with a document key: {keys}").format(
                source=clip(ref), keys=", ".join(meta.documents)
            )
            out.append((path, message))
    for i, practice in enumerate(dataset.practices):
        if practice.project is not None:
            project = projects.get(practice.project)
            if project is None:
                message = _("no project with id {id}").format(id=clip(practice.project))
                out.append((("practices", i, "project"), message))
            elif practice.number not in project.practices:
                out.append(
                    (
                        ("practices", i, "project"),
                        _("project {project} does not list practice {number} in its practices").format(
                            project=practice.project, number=practice.number
                        ),
                    )
                )
    for i, practice in enumerate(dataset.practices):
        out += _judgement_problems(practice, ("practices", i, "judgements"))
    known_numbers = set(numbers)
    for i, project in enumerate(dataset.projects):
        for j, number in enumerate(project.practices):
            if number not in known_numbers:
                out.append((("projects", i, "practices", j), _("no practice number {number}").format(number=number)))
    for name, records in (("projects", dataset.projects), ("practices", dataset.practices)):
        for i, rec in enumerate(records):
            out += _record_checks(rec, (name, i), dataset)
    out += evidence.missing(dataset)
    for i, act in enumerate(dataset.activities):
        if (
            act.record is not None
            and act.record not in projects
            and act.record not in {f"practice {n}" for n in numbers}
        ):
            message = _("no record {record} (a project id or 'practice N')").format(record=clip(act.record))
            out.append((("activities", i, "record"), message))
        for j, ref in enumerate(act.groups):
            if ref.group not in meta.groups:
                message = _("unknown group {group}").format(group=clip(ref.group))
                out.append((("activities", i, "groups", j, "group"), message))
    return out


def _record_checks(rec: Record, base: Path, dataset: Dataset) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    meta = dataset.meta
    for j, fund in enumerate(rec.funding):
        if fund.source not in meta.funding_sources:
            out.append(
                (
                    base + ("funding", j, "source"),
                    _("unknown funding source {source}; define it in meta.funding_sources").format(
                        source=clip(fund.source)
                    ),
                )
            )
    shares = [f.share for f in rec.funding if f.share is not None]
    if shares and sum(shares) > 100 + _SHARE_TOLERANCE:
        message = _("stated shares add up to {total}%, more than 100%").format(total=f"{sum(shares):g}")
        out.append((base + ("funding",), message))
    for j, ref in enumerate(rec.groups):
        if ref.group not in meta.groups:
            message = _("unknown group {group}; define it in meta.groups").format(group=clip(ref.group))
            out.append((base + ("groups", j, "group"), message))
    fields = set(type(rec).model_fields)
    for key in rec.provenance:
        if key.split(".")[0] not in fields:
            message = _("provenance names field {field}, which records lack").format(field=clip(key.split(".")[0]))
            out.append((base + ("provenance", key), message))
    return out
