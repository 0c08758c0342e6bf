"""Each class of bad input: exit 1, `PATH:LINE: field: message` for every problem, never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from sstc import ROOT_DIR


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sstc", "validate", str(path)], capture_output=True, text=True, cwd=ROOT_DIR, timeout=60
    )


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return text[:start].count("\n") + 1


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def assert_problem(result: subprocess.CompletedProcess[str], path: Path, line: int, field: str, words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    wanted = [ln for ln in result.stdout.splitlines() if ln.startswith(f"{path}:{line}: ")]
    assert wanted, f"no problem reported on line {line}:\n{result.stdout}"
    assert any(field in ln and words in ln.casefold() for ln in wanted), result.stdout


def test_shipped_dataset_validates():
    result = validate(ROOT_DIR / "data" / "practices.yaml")
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("\n") == 1
    assert "23 projects, 21 practices" in result.stdout


def test_malformed_yaml(tmp_path, shipped_yaml):
    text = shipped_yaml.replace("  short_name: SENAC virtual tour", "  short_name: [SENAC virtual tour", 1)
    path = write(tmp_path, text)
    result = validate(path)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "malformed YAML" in result.stdout
    reported = int(result.stdout.split(":")[1])
    assert abs(reported - line_of(text, "[SENAC virtual tour")) <= 2


def test_duplicate_id(tmp_path, shipped_yaml):
    text = shipped_yaml.replace("- id: LAC-STUDYTOUR", "- id: LAC-SDG", 1)
    path = write(tmp_path, text)
    # an id that names two records names neither: both are named by their place, counted from 1
    result = validate(path)
    assert_problem(result, path, line_of(text, "- id: LAC-SDG", 2), "projects[#2].id", "duplicate id")
    assert "(first at projects[#1])" in result.stdout


def test_duplicate_practice_number(tmp_path, shipped_yaml):
    text = shipped_yaml.replace("- number: 7\n", "- number: 6\n", 1)
    path = write(tmp_path, text)
    assert_problem(validate(path), path, line_of(text, "- number: 6", 2), "practices[#7].number", "duplicate id")


def test_duplicate_mapping_key(tmp_path, shipped_yaml):
    anchor = "  title: SSTC capacity-building for delivering SDGs\n"
    text = shipped_yaml.replace(anchor, anchor + "  title: Another title\n", 1)
    path = write(tmp_path, text)
    where = line_of(text, "  title: Another title")
    assert_problem(validate(path), path, where, "projects[LAC-SDG].title", "duplicate key")


def test_unknown_country_name(tmp_path, shipped_yaml):
    text = shipped_yaml.replace("participant: [ETH]", "participant: [Narnia]", 1)
    path = write(tmp_path, text)
    assert_problem(
        validate(path), path, line_of(text, "[Narnia]"), "countries.participant[0]", "unknown country 'narnia'"
    )


def test_country_names_are_accepted_when_exact(tmp_path, shipped_yaml):
    text = shipped_yaml.replace("participant: [ETH]", "participant: [Ethiopia]", 1)
    assert validate(write(tmp_path, text)).returncode == 0


@pytest.mark.parametrize(
    "old,new,field,words",
    [
        ("- code: '6'", "- code: '9'", "outcomes[0].code", "input should be"),
        ("- modality: study_tour", "- modality: space_tour", "modality", "input should be"),
        ("  region: Africa\n", "  region: Atlantis\n", "region", "input should be"),
        ("themes: [skills]", "themes: [knitting]", "themes[0]", "input should be"),
    ],
)
def test_unknown_vocabulary(tmp_path, shipped_yaml, old, new, field, words):
    text = shipped_yaml.replace(old, new, 1)
    assert text != shipped_yaml
    path = write(tmp_path, text)
    assert_problem(
        validate(path),
        path,
        line_of(text, new.strip().split(":")[0] + ":" + new.strip().split(":", 1)[1] if ":" in new else new),
        field,
        words,
    )


@pytest.mark.parametrize(
    "old,new,field,words",
    [
        ("    share: 75\n", "    share: seventy-five\n", "funding[0].share", "valid number"),
        ("  short_name: SENAC virtual tour\n", "  short_name: 2021-06-25\n", "short_name", "a date"),
        ("  short_name: SENAC virtual tour\n", "  short_name: NO\n", "short_name", "bool"),
        ("    moved_online: true\n", "    moved_online: 'maybe'\n", "covid.moved_online", "valid boolean"),
        ("participant: [ETH]", "participant: ETH", "countries.participant", "valid list"),
    ],
)
def test_wrong_type(tmp_path, shipped_yaml, old, new, field, words):
    text = shipped_yaml.replace(old, new, 1)
    assert text != shipped_yaml
    path = write(tmp_path, text)
    assert_problem(validate(path), path, line_of(text, new.strip()), field, words)


def test_missing_required_field(tmp_path, shipped_yaml):
    text = shipped_yaml.replace("  short_name: SENAC virtual tour\n", "", 1)
    path = write(tmp_path, text)
    assert_problem(
        validate(path),
        path,
        line_of(text, "- number: 6"),
        "practices[number 6].short_name",
        "required field is missing",
    )


def test_every_problem_is_reported_at_once(tmp_path, shipped_yaml):
    text = shipped_yaml.replace("participant: [ETH]", "participant: [Narnia]", 1).replace(
        "  region: Africa\n", "  region: Atlantis\n", 1
    )
    result = validate(write(tmp_path, text))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) >= 2


def test_unknown_reference_is_located(tmp_path, shipped_yaml):
    text = shipped_yaml.replace("  project: AFR-PES\n", "  project: AFR-NOPE\n", 1)
    path = write(tmp_path, text)
    assert_problem(
        validate(path), path, line_of(text, "project: AFR-NOPE"), "practices[number 1].project", "no project"
    )


def test_missing_file_is_a_problem_not_a_traceback(tmp_path):
    result = validate(tmp_path / "nope.yaml")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "cannot read the file" in result.stdout
