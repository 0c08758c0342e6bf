"""The pinned packages come in two files: requirements.txt, what the running app needs (the Docker image installs
only that), and requirements-dev.txt, which adds the test, lint and benchmark tools (`make` installs it).

Static checks, no network and no install: the app's imports are provided by requirements.txt and the packages its
pins require (as installed in this environment, markers evaluated here), requirements.txt pins that closure and
nothing more, no test tool is in it, every line of both files is `name==version` with no package in both, and the
Dockerfile installs the runtime file only and runs as a user that is not root. Each checker is also run on a bad
input, so that each test can fail."""

import ast
import importlib.metadata as metadata
import re
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
APP_CODE = ["sstc", "app", "app_pages", "dashboard.py"]  # what runs in the image
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s=;,]+)$")
# Tools for tests, lint and benchmarks only (canonical names, `*` as in fnmatch): never in requirements.txt.
TEST_TOOLS = [
    "pytest", "pytest-*", "execnet", "iniconfig", "pluggy", "playwright", "pyee", "ruff",
    "import-linter", "grimp", "pypdf", "coverage", "hypothesis", "mypy", "black", "flake8",
]  # fmt: skip
# Needed at run time without being imported by the app's code nor required by a package it imports: plotly loads
# kaleido by name when a chart is saved as an image (sstc/documents/images.py).
RUNTIME_WITHOUT_IMPORT: set[str] = {"kaleido"}


def lines(path: Path) -> list[str]:
    """The file's lines that say something: no blank line, no comment."""
    return [s for line in path.read_text(encoding="utf-8").splitlines() if (s := line.strip()) and s[0] != "#"]


def pins(path: Path) -> dict[str, str]:
    """{canonical name: version} of the file's `name==version` lines (its `-r` lines not followed)."""
    found = {}
    for line in lines(path):
        if match := PIN.match(line):
            found[canonicalize_name(match[1])] = match[2]
    return found


def line_problems(path: Path, includes: list[str]) -> list[str]:
    """Each line that is neither `name==version` nor one of `includes` (`-r FILE`), and each name pinned twice."""
    problems, seen = [], set()
    for line in lines(path):
        if line in includes:
            continue
        match = PIN.match(line)
        if not match:
            problems.append(f"{path.name}: not name==version: {line!r}")
        elif (name := canonicalize_name(match[1])) in seen:
            problems.append(f"{path.name}: pinned twice: {name}")
        else:
            seen.add(name)
    return problems


def tools_among(names: set[str]) -> list[str]:
    """The names that are test, lint or benchmark tools."""
    return sorted(n for n in names if any(re.fullmatch(p.replace("*", ".*"), n) for p in TEST_TOOLS))


def requires(name: str) -> set[str]:
    """What the installed distribution requires here (its markers evaluated for this platform, no extra)."""
    needed = set()
    for text in metadata.requires(name) or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            needed.add(canonicalize_name(requirement.name))
    return needed


def closure(names: set[str]) -> set[str]:
    """The names and everything they require, transitively, as installed here."""
    done: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in done:
            done.add(name)
            todo.extend(requires(name) - done)
    return done


def local_modules() -> set[str]:
    """The repo's own top-level modules and packages."""
    return {p.stem for p in ROOT.glob("*.py")} | {p.name for p in ROOT.iterdir() if p.is_dir() and any(p.glob("*.py"))}


def imported(source: str) -> set[str]:
    """The top-level modules a source imports: `import`, `from ... import` (absolute), and by name through
    `__import__("x")`, `importlib.import_module("x")` or `importlib.util.find_spec("x")`."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in {"__import__", "import_module", "find_spec"} and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return {name.split(".")[0] for name in found}


def third_party(modules: set[str]) -> set[str]:
    return modules - set(sys.stdlib_module_names) - local_modules() - {"__future__"}


def app_modules() -> set[str]:
    files = [ROOT / "dashboard.py"] + [p for folder in APP_CODE[:-1] for p in (ROOT / folder).rglob("*.py")]
    return third_party(set().union(*(imported(path.read_text(encoding="utf-8")) for path in files)))


def distributions_of(modules: set[str]) -> dict[str, set[str]]:
    """{module: the installed distributions that provide it}; an empty set for a module nothing here provides."""
    provided = metadata.packages_distributions()
    return {module: {canonicalize_name(d) for d in provided.get(module, [])} for module in modules}


def unprovided(modules: set[str], runtime: set[str]) -> list[str]:
    """The modules no distribution in `runtime` provides."""
    return sorted(module for module, dists in distributions_of(modules).items() if not dists & runtime)


def test_every_module_the_app_imports_comes_with_requirements_txt():
    modules = app_modules()
    assert {"streamlit", "pandas", "plotly", "yaml", "pydantic", "docx", "reportlab", "PIL"} <= modules
    runtime = closure(set(pins(ROOT / "requirements.txt")))
    assert unprovided(modules, runtime) == []
    # and the check bites: without streamlit (and what only it brings) the app's imports are not all provided
    assert "streamlit" in unprovided(modules, closure(set(pins(ROOT / "requirements.txt")) - {"streamlit"}))


def test_the_checker_sees_imports_by_name_and_skips_local_and_standard_ones():
    source = "import os, yaml.nodes\nfrom sstc import x\nfrom . import y\n__import__('reportlab')\nimport tests\n"
    assert third_party(imported(source)) == {"yaml", "reportlab"}
    assert unprovided({"yaml", "no_such_module_here"}, {"pyyaml"}) == ["no_such_module_here"]


def test_requirements_txt_pins_what_the_app_needs_and_nothing_more():
    runtime = set(pins(ROOT / "requirements.txt"))
    needed = {d for dists in distributions_of(app_modules()).values() for d in dists} | RUNTIME_WITHOUT_IMPORT
    # closed: every package a runtime pin requires is pinned there too, so the image installs no unpinned version
    assert sorted(closure(runtime) - runtime) == []
    # minimal: each pin is imported by the app or required, directly or not, by something it imports
    assert sorted(runtime - closure(needed)) == []


def test_requirements_txt_holds_no_test_tool():
    assert tools_among(set(pins(ROOT / "requirements.txt"))) == []
    assert tools_among({"pandas", "pytest-xdist", "ruff"}) == ["pytest-xdist", "ruff"]


def test_requirements_dev_txt_adds_the_test_tools_to_the_runtime_file():
    runtime, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    assert lines(ROOT / "requirements-dev.txt")[0] == "-r requirements.txt"
    assert sorted(runtime.keys() & dev.keys()) == []
    assert {"pytest", "pytest-xdist", "pytest-timeout", "playwright", "ruff", "import-linter", "pypdf"} <= dev.keys()
    assert tools_among(set(dev)) != []  # the tools are there, and the matcher sees them
    # closed: what a dev pin requires is pinned in one of the two files
    assert sorted(closure(set(dev)) - runtime.keys() - dev.keys()) == []


def test_every_line_is_a_pin():
    assert line_problems(ROOT / "requirements.txt", includes=[]) == []
    assert line_problems(ROOT / "requirements-dev.txt", includes=["-r requirements.txt"]) == []


def test_the_line_checker_refuses_loose_and_doubled_pins(tmp_path):
    bad = tmp_path / "requirements.txt"
    bad.write_text("# a comment\npandas>=3\nPyYAML==6.0.3\npyyaml==6.0.3\nnumpy\n-r other.txt\n", encoding="utf-8")
    assert len(line_problems(bad, includes=[])) == 4


def dockerfile_problems(text: str) -> list[str]:
    """What keeps a Dockerfile from building a runtime image: no install of requirements.txt, any use of
    requirements-dev.txt, or no USER instruction, or a last one that is root."""
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    instructions = [line.strip() for line in joined.splitlines() if line.strip()]
    problems = []
    runs = [i for i in instructions if i.upper().startswith("RUN ")]
    if not any(re.search(r"pip install\b.*-r\s+(\./)?requirements\.txt\b", run) for run in runs):
        problems.append("no RUN pip install -r requirements.txt")
    if any("requirements-dev" in i for i in instructions):
        problems.append("uses requirements-dev.txt")
    users = [i.split(None, 1)[1].strip() for i in instructions if i.upper().startswith("USER ") and " " in i]
    if not users:
        problems.append("no USER: runs as root")
    elif users[-1].split(":")[0] in {"root", "0"}:
        problems.append(f"USER {users[-1]}: runs as root")
    return problems


def test_the_dockerfile_installs_the_runtime_file_only_and_runs_as_a_user():
    assert dockerfile_problems((ROOT / "Dockerfile").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("FROM x\nRUN pip install -r requirements.txt\n", "no USER: runs as root"),
        ("FROM x\nRUN pip install -r requirements.txt\nUSER app\nUSER 0:0\n", "USER 0:0: runs as root"),
        ("FROM x\nRUN pip install \\\n  -r requirements-dev.txt\nUSER app\n", "uses requirements-dev.txt"),
        ("FROM x\nCOPY . .\nUSER app\n", "no RUN pip install -r requirements.txt"),
    ],
)
def test_the_dockerfile_checker_refuses(text, problem):
    assert problem in dockerfile_problems(text)


def test_the_image_context_leaves_out_tests_and_keeps_what_the_app_serves():
    ignored = set(lines(ROOT / ".dockerignore"))
    assert {"tests", "benchmarks", "node_modules", ".venv", "requirements-dev.txt"} <= ignored
    assert not ignored & {"static", "data", ".streamlit", "deploy", "sstc", "app", "app_pages", "dashboard.py"}
