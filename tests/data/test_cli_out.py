"""`python -m sstc export TABLE --out DIR`, as a shell runs it: errors in one line (no traceback), no silent
overwrite (only with `--force`), never a write through a link planted at the file's name."""

import subprocess
import sys
from pathlib import Path

import pytest

from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.data.identity import identify
from sstc.documents.export import file_name


def export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sstc", "export", "countries", *args],
        capture_output=True,
        text=True,
        cwd=ROOT_DIR,
        timeout=120,
    )


def target_in(folder: Path, dataset) -> Path:
    return folder / file_name("countries", identify(dataset, DEFAULT_DATA.read_bytes()).slug())


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("python -m sstc export: "), line
    for word in words:
        assert word in line, (word, line)
    return line


def test_a_missing_folder_is_one_line(tmp_path):
    missing = tmp_path / "not-there"
    one_line_error(export("--out", str(missing)), str(missing), "no such folder")
    assert not missing.exists()


def test_a_file_given_as_the_folder_is_one_line_and_left_alone(tmp_path):
    plain = tmp_path / "notes.txt"
    plain.write_text("mine")
    one_line_error(export("--out", str(plain)), str(plain), "not a folder")
    assert plain.read_text() == "mine"


def test_a_file_of_the_same_name_is_kept_unless_forced(tmp_path, dataset):
    target = target_in(tmp_path, dataset)
    target.write_bytes(b"an analyst's edited copy")
    one_line_error(export("--out", str(tmp_path)), str(target), "--force")
    assert target.read_bytes() == b"an analyst's edited copy"

    forced = export("--out", str(tmp_path), "--force")
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.strip() == str(target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf") and b"iso3" in target.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary file left behind


def test_a_new_file_is_written_as_before(tmp_path, dataset):
    result = export("--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    target = target_in(tmp_path, dataset)
    assert result.stdout.strip() == str(target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("force", [False, True])
def test_a_symlink_planted_at_the_name_is_not_written_through(tmp_path, dataset, force):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "precious.txt"
    victim.write_text("do not touch")
    folder = tmp_path / "exports"
    folder.mkdir()
    target = target_in(folder, dataset)
    target.symlink_to(victim)
    result = export("--out", str(folder), *(["--force"] if force else []))
    one_line_error(result, str(target), "symbolic link")
    assert victim.read_text() == "do not touch"
    assert target.is_symlink()


def test_a_dangling_symlink_at_the_name_is_not_followed(tmp_path, dataset):
    would_be = tmp_path / "created-through-the-link.csv"
    folder = tmp_path / "exports"
    folder.mkdir()
    target_in(folder, dataset).symlink_to(would_be)
    one_line_error(export("--out", str(folder)), "symbolic link")
    assert not would_be.exists()


def test_a_link_planted_after_the_check_is_not_followed(tmp_path, monkeypatch, capsys, dataset):
    """The race: the name is free when checked, a link appears before the file is opened; O_EXCL | O_NOFOLLOW."""
    from sstc import cli

    victim = tmp_path / "precious.txt"
    victim.write_text("do not touch")
    folder = tmp_path / "exports"
    folder.mkdir()
    target = target_in(folder, dataset)

    def check_then_plant(path: Path, force: bool) -> None:
        assert path == target and not path.exists()
        path.symlink_to(victim)

    for force in (False, True):
        if target.is_symlink():
            target.unlink()
        monkeypatch.setattr(cli, "_refusal", check_then_plant)
        code = cli.main(["export", "countries", "--out", str(folder), *(["--force"] if force else [])])
        assert victim.read_text() == "do not touch"
        if force:  # the name is replaced by the export: the link itself goes, its target is untouched
            assert code == 0 and not target.is_symlink() and target.read_bytes().startswith(b"\xef\xbb\xbf")
        else:
            assert code == 1 and target.is_symlink()
            (line,) = capsys.readouterr().err.splitlines()
            assert line.startswith("python -m sstc export: ") and str(target) in line


def test_a_data_version_of_300_characters_still_gives_a_file_name_the_system_takes(tmp_path):
    """An attacker's try: a 300-character `meta.version` made the file name too long, and `export --out`,
    `--format xlsx` and `template` printed a traceback. The name keeps 24 characters of the version and the hash."""
    long = DEFAULT_DATA.read_text(encoding="utf-8").replace("  version: '2.6'", f"  version: '{'9' * 300}'", 1)
    data = tmp_path / "long.yaml"
    data.write_text(long, encoding="utf-8")
    for args in (["export", "countries", "--out", str(tmp_path)], ["export", "--format", "xlsx", "--out",
                 str(tmp_path)], ["template", "--out", str(tmp_path)]):  # fmt: skip
        result = subprocess.run([sys.executable, "-m", "sstc", *args, "--data", str(data)], capture_output=True,
                                text=True, cwd=ROOT_DIR, timeout=120)  # fmt: skip
        assert result.returncode == 0 and "Traceback" not in result.stderr, (args, result.stderr[-300:])
    names = [p.name for p in tmp_path.iterdir() if p.name != "long.yaml"]
    assert len(names) == 3 and all(f"-v{'9' * 24}-" in n and len(n) < 120 for n in names), names
