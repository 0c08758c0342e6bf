"""`python -m sstc validate [PATH]`, `python -m sstc export TABLE [--data PATH] [--out DIR [--force]]` and
`python -m sstc brief KEY... [--format md|docx|pdf] [--data PATH]` and `python -m sstc memo PLAN.yaml [--format
md|docx|pdf] [--data PATH]` (the one-page memo of a plan file downloaded from the app), for analysts; and for
spreadsheets (issue 25): `export --format xlsx [--out DIR]` (the whole dataset as one workbook), `export --package DIR`
(a Frictionless Data Package), `template [--out DIR]` (the workbook to fill) and `convert FILE.xlsx [--out FILE.yaml]`.

An export goes to stdout as plain CSV (its first line is its header, for pipes), or with `--out DIR` into a file
named for the table and the dataset's version and hash, as the app names its downloads. A file of that name is
not overwritten without `--force`, and a symbolic link of that name is never written through. The same holds for
the workbook, the template and the package's files; `convert` never overwrites."""

import argparse
import os
import sys
import tempfile
from pathlib import Path as FsPath

import yaml

from sstc import DEFAULT_DATA
from sstc.analysis import planned, shortlist
from sstc.data import evidence, i18n, planfile, workbook_in
from sstc.data.identity import identify
from sstc.data.load import MAX_FILE_BYTES, load_path, read_file
from sstc.data.problems import DatasetError, Problem, RecordNames, dotted
from sstc.data.schema import Dataset
from sstc.data.tables import build
from sstc.data.yamlio import line_for, parse
from sstc.documents import brief, datapackage, memo, workbook
from sstc.documents.export import file_name, to_csv
from sstc.documents.formats import FORMATS
from sstc.view.labels import counted

EXPORT_COLUMNS = workbook.EXPORT_COLUMNS
TABLES = workbook.TABLES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sstc", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check a dataset; print every problem as PATH:LINE: field: message")
    validate.add_argument("path", nargs="?", default=str(DEFAULT_DATA))
    export = sub.add_parser("export", help="write one table as CSV to stdout, the dataset as a workbook, or a package")
    export.add_argument("table", nargs="?", choices=TABLES, help="the table (CSV); not with --format xlsx or --package")
    export.add_argument("--format", choices=["csv", "xlsx"], default="csv", help="xlsx: every table in one workbook")
    export.add_argument("--package", metavar="DIR", help="write a Frictionless Data Package into DIR (made if missing)")
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
    template_cmd = sub.add_parser("template", help="write the workbook to fill (sstc-template-vVERSION-HASH.xlsx)")
    template_cmd.add_argument("--out", metavar="DIR", default=".", help="the folder (default: this one)")
    template_cmd.add_argument("--data", default=str(DEFAULT_DATA), help="the dataset whose sources it offers")
    template_cmd.add_argument("--force", action="store_true", help="replace a file of the same name")
    template_cmd.add_argument(
        "--lang", choices=list(i18n.LANGUAGES), default=i18n.ENGLISH, help="the language of its instructions"
    )
    convert = sub.add_parser("convert", help="write the YAML of a filled workbook, once it validates")
    convert.add_argument("workbook", metavar="FILE.xlsx")
    convert.add_argument("--out", metavar="FILE.yaml", help="default: FILE.yaml beside the workbook; never replaced")
    args = parser.parse_args(argv)
    if args.command == "convert":
        return write_yaml(args.workbook, args.out)
    if args.command == "export":
        refused = _export_args(args)
        if refused:
            return _export_error(refused)
    if args.command in {"export", "template"} and args.out and not FsPath(args.out).is_dir():
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
            f"{path}: OK: {counted(len(dataset.projects), 'project', 'projects')}, "
            f"{counted(len(dataset.practices), 'practice', 'practices')}, "
            f"{tables.countries['iso3'].nunique()} countries, {len(dataset.activities)} other activities"
        )
        return 0
    if args.command == "brief":
        return write_brief(dataset, read_file(path), args.keys, args.format)
    if args.command == "memo":
        return write_memo(dataset, read_file(path), args.plan, args.format)
    if args.command == "template":
        raw = read_file(path)
        with i18n.using(args.lang):
            data = workbook_in.template(yaml.safe_load(raw))
        name = file_name("template", identify(dataset, raw).slug(), extension="xlsx")
        return _save(FsPath(args.out) / name, data, args.force, "template")
    if args.package:
        return write_package(dataset, read_file(path), FsPath(args.package), args.force)
    if args.format == "xlsx":
        raw = read_file(path)
        info = workbook.dataset_info(dataset, raw)
        data = workbook.dataset_workbook(workbook.export_tables(dataset, build(dataset)), info)
        target = FsPath(args.out or ".") / file_name("dataset", info.identity.slug(), extension="xlsx")
        return _save(target, data, args.force)
    if args.out:
        target = FsPath(args.out) / file_name(args.table, identify(dataset, read_file(path)).slug())
        return _save(target, to_csv(table(dataset, args.table)), args.force)
    sys.stdout.buffer.write(to_csv(table(dataset, args.table), bom=False))
    return 0


def _export_error(message: str, command: str = "export") -> int:
    """One line on stderr, as argparse words its own errors; no traceback."""
    print(f"python -m sstc {command}: {message}", file=sys.stderr)
    return 1


def _export_args(args: argparse.Namespace) -> str | None:
    """Why the export's arguments do not go together, if they do not."""
    whole = args.format == "xlsx" or args.package
    if args.table and whole:
        return "a table name goes with CSV only; --format xlsx and --package write every table"
    if not args.table and not whole:
        return "name a table, or give --format xlsx or --package DIR"
    if args.package and (args.out or args.format == "xlsx"):
        return "--package DIR writes CSV files and their description; not with --out or --format xlsx"
    return None


def _save(target: FsPath, data: bytes, force: bool, command: str = "export") -> int:
    """Writes a new file (or, with force, replaces one), never through a link; prints its path."""
    refusal = _refusal(target, force)
    if refusal:
        return _export_error(refusal, command)
    try:
        _write_new(target, data, replace=force)
    except FileExistsError:  # a file or a link put there since the check: never written through
        return _export_error(f"{target} appeared since it was checked; not overwritten", command)
    except OSError as exc:
        return _export_error(f"{target}: {exc.strerror or exc}", command)
    print(target)
    return 0


def write_package(dataset: Dataset, raw: bytes, folder: FsPath, force: bool) -> int:
    """The Frictionless Data Package into `folder` (made if missing, not its parents); every file checked first,
    so a refusal writes nothing."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return _export_error(f"--package {folder}: not a folder")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        return _export_error(f"--package {folder}: {exc.strerror or exc}")
    info = workbook.dataset_info(dataset, raw)
    files = datapackage.package_files(workbook.export_tables(dataset, build(dataset)), info)
    for name in files:
        refusal = _refusal(folder / name, force)
        if refusal:
            return _export_error(refusal)
    for name, data in files.items():
        try:
            _write_new(folder / name, data, replace=force)
        except FileExistsError:
            return _export_error(f"{folder / name} appeared since it was checked; not overwritten")
        except OSError as exc:
            return _export_error(f"{folder / name}: {exc.strerror or exc}")
    print(folder / "datapackage.json")
    return 0


def write_yaml(source: str, out: str | None) -> int:
    """A filled workbook's YAML, written once the workbook validates as an upload would; never over a file."""
    target = FsPath(out) if out else FsPath(source).with_suffix(".yaml")
    try:
        raw = read_file(source, MAX_FILE_BYTES)
        data, _ = workbook_in.load_data(raw, source, MAX_FILE_BYTES)
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 1
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    refusal = _refusal(target, force=False)
    if refusal:
        return _export_error(refusal.replace(" (add --force to replace it)", ""), "convert")
    return _save(target, text.encode("utf-8"), False, "convert")


def _refusal(target: FsPath, force: bool) -> str | None:
    """Why `target` must not be written, if it must not: a link (never followed), not a file, or a file kept, or a
    name the system refuses (a data version of 300 characters makes a name too long)."""
    try:
        return _kept(target, force)
    except OSError as exc:
        return f"{target.name[:80]}…: cannot be written ({exc.strerror or exc})"


def _kept(target: FsPath, force: bool) -> str | None:
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
    return workbook.export_table(dataset, build(dataset), name)
