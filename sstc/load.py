"""YAML file -> validated Dataset, or a DatasetError listing every problem with file, line and field."""

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path as FsPath

from pydantic import ValidationError

from . import evidence
from .problems import DatasetError, Path, Problem, dotted
from .schema import EMAIL, Dataset, Record
from .yamlio import line_for, parse

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a dataset uploaded in the app (Streamlit's server.maxUploadSize agrees)
MAX_FILE_BYTES = 64 * 1024 * 1024  # a file named on the command line or in SSTC_DATA (room for 100x growth tests)
_SHARE_TOLERANCE = 0.01


def _too_big(file: str, size: int, limit: int) -> DatasetError:
    return DatasetError([Problem(file, 1, "(file)", f"file is {size:,} bytes; the limit is {limit:,}")])


def read_file(path: str | FsPath, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refusing a missing or oversized file before reading it."""
    path = FsPath(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(str(path), size, max_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise DatasetError([Problem(str(path), 1, "(file)", f"cannot read the file: {exc.strerror}")]) from None


def load_path(path: str | FsPath, max_bytes: int = MAX_FILE_BYTES) -> Dataset:
    return load_bytes(read_file(path, max_bytes), str(path), max_bytes)


def load_bytes(raw: bytes, file: str, max_bytes: int = MAX_UPLOAD_BYTES) -> Dataset:
    if len(raw) > max_bytes:
        raise _too_big(file, len(raw), max_bytes)
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
    try:
        dataset = Dataset.model_validate(data)
    except ValidationError as exc:
        raise DatasetError(_pydantic_problems(exc, file, lines)) from None
    problems = [Problem(file, line_for(path, lines), dotted(path), message) for path, message in check(dataset)]
    if problems:
        raise DatasetError(problems)
    return dataset


def _pydantic_problems(exc: ValidationError, file: str, lines: dict[Path, int]) -> list[Problem]:
    seen: set[tuple[Path, str]] = set()
    problems = []
    for error in exc.errors(include_url=False):
        path = tuple(part for part in error["loc"] if isinstance(part, int) or not re.search(r"[\[\]()]", str(part)))
        message = _message(error)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        problems.append(Problem(file, line_for(path, lines), dotted(path), message))
    return problems


def _message(error: dict) -> str:
    kind, message = error["type"], error["msg"]
    value = error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see the data model in README.md)"
    if kind in {"string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type", "model_type"}:
        shown = "a date" if type(value).__name__ == "date" else f"{type(value).__name__} {value!r}"
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
            for field in ("modalities", "evidence", "outcome_candidates"):
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
    counts = Counter(values)
    for index, value in enumerate(values):
        if counts[value] > 1 and values.index(value) != index:
            yield path + (index,), f"duplicate id {value!r} (first at {dotted(path + (values.index(value),))})"


def check(dataset: Dataset) -> list[tuple[Path, str]]:
    """Cross-record rules pydantic cannot see one record at a time."""
    out: list[tuple[Path, str]] = []
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
            out.append((path, f"source {ref!r} must start with a document key: {', '.join(meta.documents)}"))
    for i, practice in enumerate(dataset.practices):
        if practice.project is not None:
            project = projects.get(practice.project)
            if project is None:
                out.append((("practices", i, "project"), f"no project with id {practice.project!r}"))
            elif practice.number not in project.practices:
                out.append(
                    (
                        ("practices", i, "project"),
                        f"project {practice.project} does not list practice {practice.number} in its practices",
                    )
                )
        for field, text in practice.criteria.model_dump().items():
            if EMAIL.search(text):
                out.append(
                    (("practices", i, "criteria", field), "contains an e-mail address; keep institution and role only")
                )
    known_numbers = set(numbers)
    for i, project in enumerate(dataset.projects):
        for j, number in enumerate(project.practices):
            if number not in known_numbers:
                out.append((("projects", i, "practices", j), f"no practice number {number}"))
        if EMAIL.search(project.description):
            out.append((("projects", i, "description"), "contains an e-mail address"))
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
            out.append((("activities", i, "record"), f"no record {act.record!r} (a project id or 'practice N')"))
        for j, ref in enumerate(act.groups):
            if ref.group not in meta.groups:
                out.append((("activities", i, "groups", j, "group"), f"unknown group {ref.group!r}"))
    return out


def _record_checks(rec: Record, base: Path, dataset: Dataset) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    meta = dataset.meta
    for j, fund in enumerate(rec.funding):
        if fund.source not in meta.funding_sources:
            out.append(
                (
                    base + ("funding", j, "source"),
                    f"unknown funding source {fund.source!r}; define it in meta.funding_sources",
                )
            )
    shares = [f.share for f in rec.funding if f.share is not None]
    if shares and sum(shares) > 100 + _SHARE_TOLERANCE:
        out.append((base + ("funding",), f"stated shares add up to {sum(shares):g}%, more than 100%"))
    for j, ref in enumerate(rec.groups):
        if ref.group not in meta.groups:
            out.append((base + ("groups", j, "group"), f"unknown group {ref.group!r}; define it in meta.groups"))
    fields = set(type(rec).model_fields)
    for key in rec.provenance:
        if key.split(".")[0] not in fields:
            out.append(
                (base + ("provenance", key), f"provenance names field {key.split('.')[0]!r}, which records lack")
            )
    return out
