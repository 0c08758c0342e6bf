"""The dataset as a Frictionless Data Package: `datapackage.json` and one CSV per table.

A data team reusing the data needs what the CSVs alone do not say: each column's type, the codes a column may
hold (from the vocabularies), which columns name a record (primary and foreign keys), the sources and the licence.
"""

import io
import json
import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sstc.data import i18n, vocab
from sstc.data.i18n import _
from sstc.documents.export import to_csv
from sstc.documents.workbook import DatasetInfo
from sstc.view.labels import headers

KINDS = ("project", "practice", "activity")
RECORDS = "records"  # the index of every record, which the tables' (kind, id) refer to
ENUMS: dict[str, list[str]] = {
    **vocab.value_lists(),
    "kind": list(KINDS),
    "strength": [*vocab.STRENGTH_WORDS.values(), vocab.NOT_JUDGED],
    "covid_moved_online": ["yes", "no", "not stated"],
}
PRIMARY_KEYS = {
    "projects": ["id"],
    "practices": ["id"],
    RECORDS: ["kind", "id"],
    "criteria": ["kind", "id", "criterion"],
}


def records_index(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every project, practice and activity by (kind, id), with its title."""
    parts = [
        frame[["id", "title"]].assign(kind=kind)
        for kind, name in zip(KINDS, ("projects", "practices", "activities"), strict=True)
        if (frame := tables.get(name)) is not None
    ]
    return pd.concat(parts, ignore_index=True)[["kind", "id", "title"]]


def _type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    values = series.dropna().tolist()
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    return "string"


def _schema(name: str, frame: pd.DataFrame) -> dict:
    fields = []
    for column, title in zip(frame.columns, headers([str(c) for c in frame.columns]), strict=True):
        # the title the app's tables and workbooks give the column (a walk: the names alone told a data team little)
        field: dict = {"name": str(column), "title": title, "type": _type(frame[column])}
        scoped = name in {"projects", "practices"} and column == "kind"
        if column in ENUMS and field["type"] == "string" and not scoped:
            field["constraints"] = {"enum": ENUMS[column]}
        if column in PRIMARY_KEYS.get(name, []):
            field.setdefault("constraints", {})["required"] = True
        fields.append(field)
    schema: dict = {"fields": fields, "missingValues": [""]}
    if name in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[name]
    keys = []
    if {"kind", "id"} <= set(frame.columns) and name != RECORDS:
        keys.append({"fields": ["kind", "id"], "reference": {"resource": RECORDS, "fields": ["kind", "id"]}})
    if name == "practices" and "project_id" in frame.columns:
        keys.append({"fields": ["project_id"], "reference": {"resource": "projects", "fields": ["id"]}})
    if keys:
        schema["foreignKeys"] = keys
    return schema


def package_files(tables: Mapping[str, pd.DataFrame], info: DatasetInfo) -> dict[str, bytes]:
    """`datapackage.json` and each table's CSV (the export's rules, without the BOM), by file name."""
    everything = {**tables, RECORDS: records_index(tables)}
    ident = info.identity
    resources, files = [], {}
    for name, frame in everything.items():
        path = f"{name}.csv"
        files[path] = to_csv(frame, bom=False)
        resources.append(
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(name, frame),
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": "sstc-dataset",
        "title": ident.title,
        "version": ident.version,
        "description": _(
            "{title}, biennium {biennium}: version {version} of {date}, data file hash "
            "{digest}. One CSV per table as the dashboard exports it; a text cell whose first character could "
            "start a spreadsheet formula (= + - @) carries a leading apostrophe. records.csv lists every record by "
            "(kind, id), which the other tables refer to."
        ).format(
            title=ident.title, biennium=info.biennium, version=ident.version, date=ident.date, digest=ident.digest
        ),
        # the source files are in the dataset's repository (data/), not in the package: named, not linked
        "sources": [
            {
                "title": _("{key}: {title} (data/{file} in the dashboard's repository)").format(
                    key=key, title=title, file=file
                )
            }
            for key, title, file in info.sources
        ],
        "licence": info.licence,  # as stated by the dataset and its sources: "not stated" when they are silent
        "resources": resources,
    }
    files["datapackage.json"] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def write_package(tables: Mapping[str, pd.DataFrame], info: DatasetInfo, directory: str | Path) -> list[Path]:
    """Writes the package's files into an existing folder; a file already there (or a link) is never overwritten:
    FileExistsError, before anything is written."""
    folder = Path(directory)
    files = package_files(tables, info)
    taken = [folder / name for name in files if (folder / name).exists() or (folder / name).is_symlink()]
    if taken:
        raise FileExistsError(f"{taken[0]} already exists")
    written = []
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for name, data in files.items():
        fd = os.open(folder / name, flags, 0o666)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        written.append(folder / name)
    return written


@dataclass(frozen=True)
class Package:
    """The package as one zip to download (built in `sstc.documents.worker`, as a document is)."""

    tables: Mapping[str, pd.DataFrame]
    info: DatasetInfo
    # the language of its words (the columns' titles, the description): the run's when made; `render` runs in a child
    language: str = field(default_factory=i18n.language)

    def render(self) -> bytes:
        out = io.BytesIO()
        with i18n.using(self.language):
            files = package_files(self.tables, self.info)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                entry = zipfile.ZipInfo(f"sstc-dataset/{name}", date_time=(2020, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, data)
        return out.getvalue()
