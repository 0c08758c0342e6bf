"""The Frictionless Data Package (issue 25): frictionless validates it, foreign keys included; its row counts are
the tables'; it says its title, version, sources and licence; `export --package DIR` writes it and never overwrites."""

import json
from pathlib import Path

import pytest
from frictionless import Package, validate

from sstc import DEFAULT_DATA
from sstc.cli import main
from sstc.documents import datapackage, workbook


@pytest.fixture(scope="module")
def written(tmp_path_factory, dataset, tables) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("package")
    exported = workbook.export_tables(dataset, tables)
    datapackage.write_package(exported, workbook.dataset_info(dataset, DEFAULT_DATA.read_bytes()), folder)
    return folder, exported


def test_frictionless_validates_the_package_with_its_foreign_keys(written):
    folder, exported = written
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:10]
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {**{name: len(t) for name, t in exported.items()}, "records": rows["records"]}
    assert rows["records"] == len(exported["projects"]) + len(exported["practices"]) + len(exported["activities"])


def test_the_description_says_types_codes_keys_sources_and_licence(written, dataset):
    folder, _ = written
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == dataset.meta.title and descriptor["version"] == dataset.meta.version
    assert descriptor["licence"] == "not stated"
    # named with their files in the repository, not linked: the package does not hold them (a walk)
    assert ["path" in s for s in descriptor["sources"]] == [False] * len(dataset.meta.documents)
    assert all(f"data/{d.file}" in s["title"] for s, d in zip(descriptor["sources"], dataset.meta.documents.values(),
                                                              strict=True))  # fmt: skip
    projects = next(r for r in descriptor["resources"] if r["name"] == "projects")
    assert {f["name"]: f["title"] for f in projects["schema"]["fields"]}["id"] == "ID"  # the app's header words
    package = Package(str(folder / "datapackage.json"))
    countries = package.get_resource("countries").schema
    assert countries.get_field("role").constraints["enum"] == ["participant", "peer", "candidate"]
    assert countries.foreign_keys == [
        {"fields": ["kind", "id"], "reference": {"resource": "records", "fields": ["kind", "id"]}}
    ]
    evidence = package.get_resource("evidence").schema
    assert evidence.foreign_keys[0]["reference"]["resource"] == "records"
    assert package.get_resource("projects").schema.primary_key == ["id"]
    assert package.get_resource("numbers").schema.get_field("value").type == "integer"
    assert package.get_resource("funding").schema.get_field("share").type == "number"


def test_a_broken_foreign_key_is_caught(written, tmp_path):
    folder, _ = written
    for path in folder.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    countries = tmp_path / "countries.csv"
    lines = countries.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("project,", "project,NO-SUCH-", 1)
    countries.write_text("".join(lines), encoding="utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_export_package_writes_the_folder_and_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "package"
    assert main(["export", "--package", str(folder)]) == 0
    assert capsys.readouterr().out.strip() == str(folder / "datapackage.json")
    assert (folder / "records.csv").is_file() and validate(str(folder / "datapackage.json")).valid
    before = (folder / "projects.csv").read_bytes()
    (folder / "themes.csv").write_bytes(b"mine")
    assert main(["export", "--package", str(folder)]) == 1
    assert "--force" in capsys.readouterr().err and (folder / "themes.csv").read_bytes() == b"mine"
    assert (folder / "projects.csv").read_bytes() == before
    assert main(["export", "--package", str(folder), "--force"]) == 0
    assert validate(str(folder / "datapackage.json")).valid
