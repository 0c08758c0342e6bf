"""`python -m sstc validate [PATH]`, `python -m sstc export TABLE [--data PATH] [--out DIR [--force]]` and
`python -m sstc brief KEY... [--format md|docx|pdf] [--data PATH]` and `python -m sstc memo PLAN.yaml [--format
md|docx|pdf] [--data PATH]` (the one-page memo of a plan file downloaded from the app), for analysts.

An export goes to stdout as plain CSV (its first line is its header, for pipes), or with `--out DIR` into a file
named for the table and the dataset's version and hash, as the app names its downloads. A file of that name is
not overwritten without `--force`, and a symbolic link of that name is never written through."""

import argparse
import os
import sys
import tempfile
from pathlib import Path as FsPath

from sstc import DEFAULT_DATA
from sstc.analysis import planned, shortlist
from sstc.analysis.reconcile import reconciliation
from sstc.data import evidence, planfile
from sstc.data.identity import identify
from sstc.data.load import load_path, read_file
from sstc.data.problems import DatasetError, Problem, RecordNames, dotted
from sstc.data.schema import Dataset
from sstc.data.tables import COLUMNS, build
from sstc.data.yamlio import line_for, parse
from sstc.documents import brief, memo
from sstc.documents.export import file_name, to_csv
from sstc.documents.formats import FORMATS
from sstc.view.labels import counted

EXPORT_COLUMNS: dict[str, list[str]] = {
    "projects": ["id", "title", "region", "unit", "source", "from_compendium", "ambiguous", "summary"],
    "practices": ["id", "title", "short_name", "region", "project_id", "covid_moved_online", "source", "summary"],
}
TABLES = ["projects", "practices", *[n for n in COLUMNS if n != "records"], "reconciliation"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sstc", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check a dataset; print every problem as PATH:LINE: field: message")
    validate.add_argument("path", nargs="?", default=str(DEFAULT_DATA))
    export = sub.add_parser("export", help="write one table as CSV to stdout")
    export.add_argument("table", choices=TABLES)
    export.add_argument("--data", default=str(DEFAULT_DATA))
    export.add_argument("--out", metavar="DIR", help="write sstc-TABLE-vVERSION-HASH.csv into DIR (UTF-8 with BOM)")
    export.add_argument("--force", action="store_true", help="with --out: replace a file of the same name")
    planning = sub.add_parser("brief", help="write the planning brief for shortlisted records to stdout")
    planning.add_argument("keys", nargs="+", metavar="KEY", help="practice:N or project:ID, in the brief's order")
    planning.add_argument("--format", choices=list(FORMATS), default="md")
    planning.add_argument("--data", default=str(DEFAULT_DATA))
    memo_cmd = sub.add_parser("memo", help="write the one-page memo of a plan file to stdout")
    memo_cmd.add_argument(
        "plan", metavar="PLAN.yaml", help="a plan file as the app's Shortlist and brief page gives it"
    )
    memo_cmd.add_argument("--format", choices=list(FORMATS), default="md")
    memo_cmd.add_argument("--data", default=str(DEFAULT_DATA))
    args = parser.parse_args(argv)
    if args.command == "export" and args.out and not FsPath(args.out).is_dir():
        why = "not a folder" if FsPath(args.out).exists() else "no such folder"
        return _export_error(f"--out {args.out}: {why}")
    path = args.path if args.command == "validate" else args.data
    try:
        dataset = load_path(path)
    except DatasetError as exc:
        print(exc, file=sys.stderr if args.command == "export" else sys.stdout)
        return 1
    if args.command == "validate":
        problems = quote_problems(dataset, path)
        for problem in problems:
            print(problem)
        if problems:
            return 1
        tables = build(dataset)
        print(
            f"{path}: OK: {counted(len(dataset.projects), 'project')}, {counted(len(dataset.practices), 'practice')}, "
            f"{tables.countries['iso3'].nunique()} countries, {len(dataset.activities)} other activities"
        )
        return 0
    if args.command == "brief":
        return write_brief(dataset, read_file(path), args.keys, args.format)
    if args.command == "memo":
        return write_memo(dataset, read_file(path), args.plan, args.format)
    if args.out:
        target = FsPath(args.out) / file_name(args.table, identify(dataset, read_file(path)).slug())
        refusal = _refusal(target, args.force)
        if refusal:
            return _export_error(refusal)
        try:
            _write_new(target, to_csv(table(dataset, args.table)), replace=args.force)
        except FileExistsError:  # a file or a link put there since the check: never written through
            return _export_error(f"{target} appeared since it was checked; not overwritten")
        except OSError as exc:
            return _export_error(f"{target}: {exc.strerror or exc}")
        print(target)
        return 0
    sys.stdout.buffer.write(to_csv(table(dataset, args.table), bom=False))
    return 0


def _export_error(message: str) -> int:
    """One line on stderr, as argparse words its own errors; no traceback."""
    print(f"python -m sstc export: {message}", file=sys.stderr)
    return 1


def _refusal(target: FsPath, force: bool) -> str | None:
    """Why `target` must not be written, if it must not: a link (never followed), not a file, or a file kept."""
    if target.is_symlink():
        return f"{target} is a symbolic link; not written through it (remove it first)"
    if not target.exists():
        return None
    if not target.is_file():
        return f"{target} exists and is not a regular file; not replaced"
    return None if force else f"{target} already exists; not overwritten (add --force to replace it)"


def _write_new(target: FsPath, data: bytes, replace: bool) -> None:
    """Writes `data` to `target` without ever following a link at that name.

    Without `replace`: created with O_CREAT | O_EXCL | O_NOFOLLOW, so a file or a link planted there since the check
    makes it fail (FileExistsError) instead of being written through. With `replace`: written to a new temporary
    file beside it (mkstemp: O_EXCL) and renamed over the name, which swaps the directory entry, never writing into
    whatever the name pointed to (a link, or another hard link of the file)."""
    if not replace:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(target, flags, 0o666)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # as a plain new file would be, not mkstemp's 0600
        os.replace(temporary, target)
    except BaseException:
        FsPath(temporary).unlink(missing_ok=True)
        raise


def write_brief(dataset: Dataset, raw: bytes, keys: list[str], extension: str) -> int:
    tables = build(dataset)
    picked, notices = shortlist.from_params(keys, shortlist.options(tables))
    for notice in notices:
        print(notice.replace("from the URL", "from the command line"), file=sys.stderr)
    if not picked:
        return 2
    render, _ = FORMATS[extension]
    sys.stdout.buffer.write(render(brief.build(tables, picked, identify(dataset, raw))))
    return 0


def write_memo(dataset: Dataset, raw: bytes, plan_path: str, extension: str) -> int:
    """The memo of a plan file, on the dataset it is checked against (items the dataset lacks are left out, said)."""
    try:
        found = planfile.load_bytes(read_file(plan_path, planfile.MAX_PLAN_BYTES), plan_path)
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 1
    tables, identity = build(dataset), identify(dataset, raw)
    kept, notices = planfile.check_against(found, set(tables.records["key"]), identity.version, identity.digest)
    for notice in notices:
        print(notice, file=sys.stderr)
    items = tuple(kept.items)
    render, _ = FORMATS[extension]
    sys.stdout.buffer.write(
        render(memo.build(tables, items, identity, planned.adds(tables, planned.planned_items(items))))
    )
    return 0


def quote_problems(dataset: Dataset, path: str) -> list[Problem]:
    """Quotes that do not stand in their cited section, where the source texts are beside the dataset."""
    folder = FsPath(path).parent
    if not all((folder / doc.file).is_file() for doc in dataset.meta.documents.values()):
        return []
    data, lines, _ = parse(read_file(path).decode("utf-8"), path)
    names = RecordNames(data)
    return [
        Problem(path, line_for(where, lines), dotted(where, names), message)
        for where, message in evidence.quote_problems(dataset, folder)
    ]


def table(dataset, name: str):  # type: ignore[no-untyped-def]
    tables = build(dataset)
    if name == "reconciliation":
        return reconciliation(dataset, tables)
    if name in EXPORT_COLUMNS:
        kind = name.removesuffix("s")
        records = tables.records[tables.records["kind"] == kind]
        return records[EXPORT_COLUMNS[name]]
    frame = tables.get(name)
    return frame.drop(columns=["key"])
