"""YAML file -> validated Dataset, or a DatasetError listing every problem with file, line and field."""

import heapq
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path as FsPath

from pydantic import ValidationError

from sstc.data import evidence, privacy
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
    return DatasetError([Problem(file, 1, "(file)", f"file is {size} bytes; the limit is {limit:,}")])


def read_file(path: str | FsPath, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refusing a missing, oversized or special file (/dev/zero, a pipe) without reading it all.

    The size on disk is not trusted: at most max_bytes + 1 bytes are ever read.
    """
    path = FsPath(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise DatasetError([Problem(str(path), 1, "(file)", "not a regular file (a device, pipe or folder)")])
        if info.st_size > max_bytes:
            raise _too_big(str(path), f"{info.st_size:,}", max_bytes)
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DatasetError([Problem(str(path), 1, "(file)", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > max_bytes:
        raise _too_big(str(path), f"more than {max_bytes:,}", max_bytes)
    return raw


def load_path(path: str | FsPath, max_bytes: int = MAX_FILE_BYTES) -> Dataset:
    return load_bytes(read_file(path, max_bytes), str(path), max_bytes)


def load_bytes(raw: bytes, file: str, max_bytes: int = MAX_UPLOAD_BYTES) -> Dataset:
    if len(raw) > max_bytes:
        raise _too_big(file, f"{len(raw):,}", max_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError([Problem(file, line, "(file)", "not UTF-8 text")]) from None
    return load_text(text, file)


def load_text(text: str, file: str) -> Dataset:
    data, lines, problems = parse(text, file)
    if problems:
        raise DatasetError(problems)
    if not isinstance(data, dict):
        raise DatasetError([Problem(file, 1, "(document)", "expected a mapping with meta, projects and practices")])
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
                    yield path + (key,), "a key holds an e-mail address; personal addresses are never published"
            stack.extend((path + (key,), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((path + (i,), value[i]) for i in range(len(value) - 1, -1, -1))
        elif isinstance(value, str) and not _is_contact_email(path):
            found = privacy.find_emails(value)
            if found:
                yield (
                    path,
                    (
                        f"contains an e-mail address ({clip(found[0], 40)}); keep institution and role only "
                        "(an institutional mailbox goes in contacts with email_public: true)"
                    ),
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


def _message(error: dict, value: object) -> str:
    kind, message = error["type"], error["msg"]
    if kind == "invalid_key":
        return (
            f"a key must be text, YAML read this one as {key_text(value)} (on, off, yes, no, true, false, null, ~ and "
            "numbers are not text to YAML): quote it"
        )
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see the data model in README.md)"
    if kind in {"string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type", "model_type"}:
        shown = "a date" if type(value).__name__ == "date" else f"{type(value).__name__} {clip(value)}"
        hint = ""
        if kind == "string_type":
            hint = " (quote it: YAML reads yes/no/on/off as true/false and 2021-06-25 as a date)"
        elif (
            kind in {"int_type", "float_type"}
            and isinstance(value, str)
            and re.fullmatch(r"[-+]?[\d.]+e[-+]?\d+", value)
        ):
            hint = " (YAML reads 1e3 as text: write 1000, or 1.0e+3)"
        return f"{message.lower()}, got {shown}{hint}"
    return message.removeprefix("Value error, ")


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
            yield path + (index,), f"duplicate id {clip(value)} (first at {position(str(path[0]), first[value])})"


def _judgement_problems(practice: Practice, base: Path) -> list[tuple[Path, str]]:
    """A criterion judged once at most, each from a row of that criterion (`compendium, good practice 3, Results`
    for results; the number is not checked here: a copied or new practice may cite another document's form)."""
    out: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for j, judgement in enumerate(practice.judgements):
        if judgement.criterion in seen:
            out.append((base + (j, "criterion"), f"judged more than once: {judgement.criterion}"))
        seen.add(judgement.criterion)
        row = CRITERION_ROWS[judgement.criterion]
        if judgement.source.rsplit(",", 1)[-1].strip() != row:
            said = f"the {judgement.criterion} judgement must cite its own row (… good practice N, {row}), not"
            out.append((base + (j, "source"), f"{said} {clip(judgement.source)}"))
    return out


def check(dataset: Dataset) -> list[tuple[Path, str]]:
    """Cross-record rules pydantic cannot see one record at a time."""
    out: list[tuple[Path, str]] = []
    if not dataset.projects and not dataset.practices:
        out.append((("projects",), "the dataset has no projects and no practices: there is nothing to show"))
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
            out.append((path, f"source {clip(ref)} must start with a document key: {', '.join(meta.documents)}"))
    for i, practice in enumerate(dataset.practices):
        if practice.project is not None:
            project = projects.get(practice.project)
            if project is None:
                out.append((("practices", i, "project"), f"no project with id {clip(practice.project)}"))
            elif practice.number not in project.practices:
                out.append(
                    (
                        ("practices", i, "project"),
                        f"project {practice.project} does not list practice {practice.number} in its practices",
                    )
                )
    for i, practice in enumerate(dataset.practices):
        out += _judgement_problems(practice, ("practices", i, "judgements"))
    known_numbers = set(numbers)
    for i, project in enumerate(dataset.projects):
        for j, number in enumerate(project.practices):
            if number not in known_numbers:
                out.append((("projects", i, "practices", j), f"no practice number {number}"))
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
            out.append((("activities", i, "record"), f"no record {clip(act.record)} (a project id or 'practice N')"))
        for j, ref in enumerate(act.groups):
            if ref.group not in meta.groups:
                out.append((("activities", i, "groups", j, "group"), f"unknown group {clip(ref.group)}"))
    return out


def _record_checks(rec: Record, base: Path, dataset: Dataset) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    meta = dataset.meta
    for j, fund in enumerate(rec.funding):
        if fund.source not in meta.funding_sources:
            out.append(
                (
                    base + ("funding", j, "source"),
                    f"unknown funding source {clip(fund.source)}; define it in meta.funding_sources",
                )
            )
    shares = [f.share for f in rec.funding if f.share is not None]
    if shares and sum(shares) > 100 + _SHARE_TOLERANCE:
        out.append((base + ("funding",), f"stated shares add up to {sum(shares):g}%, more than 100%"))
    for j, ref in enumerate(rec.groups):
        if ref.group not in meta.groups:
            out.append((base + ("groups", j, "group"), f"unknown group {clip(ref.group)}; define it in meta.groups"))
    fields = set(type(rec).model_fields)
    for key in rec.provenance:
        if key.split(".")[0] not in fields:
            out.append(
                (base + ("provenance", key), f"provenance names field {clip(key.split('.')[0])}, which records lack")
            )
    return out
