"""`python -m sstc validate [PATH]` and `python -m sstc export TABLE [--data PATH]`, for analysts."""

import argparse
import sys

from . import DEFAULT_DATA
from .export import to_csv
from .load import load_path
from .problems import DatasetError
from .reconcile import reconciliation
from .tables import COLUMNS, build

EXPORT_COLUMNS: dict[str, list[str]] = {
    "projects": ["id", "title", "region", "unit", "source", "from_compendium", "ambiguous", "summary"],
    "practices": ["id", "title", "short_name", "region", "project_id", "covid_adapted", "source", "summary"],
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
    args = parser.parse_args(argv)
    path = args.path if args.command == "validate" else args.data
    try:
        dataset = load_path(path)
    except DatasetError as exc:
        print(exc, file=sys.stderr if args.command == "export" else sys.stdout)
        return 1
    if args.command == "validate":
        tables = build(dataset)
        print(
            f"{path}: OK: {len(dataset.projects)} projects, {len(dataset.practices)} practices, "
            f"{tables.countries['iso3'].nunique()} countries, {len(dataset.activities)} other activities"
        )
        return 0
    sys.stdout.buffer.write(to_csv(table(dataset, args.table), bom=False))
    return 0


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
