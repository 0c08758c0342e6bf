"""The floors of the code (pages -> app -> documents -> view -> analysis -> data) import only downwards.

The contract is import-linter's (pyproject.toml, `[tool.importlinter]`); these tests run it on the repo, and on a
copy with one import planted that goes the wrong way, which it must refuse, naming the import."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sstc import ROOT_DIR

LINT = Path(sys.executable).with_name("lint-imports")
FLOORS = ["app_pages", "app", "sstc"]


def lint(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=where, capture_output=True, text=True, timeout=120, env={"PYTHONPATH": "."}
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The code and its contract, copied: a planted import changes nothing in the repo."""
    for folder in FLOORS:
        shutil.copytree(ROOT_DIR / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT_DIR / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_repo_keeps_every_contract():
    result = lint(ROOT_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "words"),
    [
        ("sstc/data/vocab.py", "from sstc.view import charts", "sstc.data.vocab -> sstc.view.charts"),
        ("sstc/analysis/gaps.py", "from sstc.documents import brief", "sstc.analysis.gaps -> sstc.documents.brief"),
        ("sstc/view/labels.py", "from app import memo", "sstc.view.labels -> app.memo"),
        ("sstc/documents/export.py", "import streamlit", "sstc.documents.export -> streamlit"),
        ("app/memo.py", "import app_pages.funding", "app.memo -> app_pages.funding"),
    ],
)
def test_an_import_up_a_floor_is_refused_with_its_line(copy: Path, module: str, planted: str, words: str):
    path = copy / module
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + planted + "  # noqa\n", encoding="utf-8")
    result = lint(copy)
    assert result.returncode == 1, result.stdout
    assert f"{words} (l.{lines + 1})" in result.stdout, result.stdout
    assert "BROKEN" in result.stdout and "0 broken" not in result.stdout


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return names | {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}


def test_nothing_imports_the_entry_point_or_a_page():
    """dashboard.py and app_pages/ are the top floor, which import-linter sees only as far as packages go."""
    modules = [p for folder in FLOORS for p in (ROOT_DIR / folder).rglob("*.py")] + [ROOT_DIR / "dashboard.py"]
    assert len(modules) > 60
    for path in modules:
        assert not {m for m in imported(path) if m == "dashboard" or m.startswith("app_pages")}, path
