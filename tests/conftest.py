import re
from pathlib import Path

import pytest

from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.load import load_path
from sstc.safe import JOINER
from sstc.schema import Dataset
from sstc.tables import Tables, build

SOURCES = ROOT_DIR.parent / "shared" / "sources"


def shown(markdown: str) -> str:
    """What a reader sees of Markdown written by sstc.safe: backslash escapes and word joiners removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(JOINER, "")


def flat(text: str) -> str:
    """Whitespace folded: the sources come from PDFs with hard line breaks."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_path(DEFAULT_DATA)


@pytest.fixture(scope="session")
def tables(dataset: Dataset) -> Tables:
    return build(dataset)


@pytest.fixture(scope="session")
def source_text():
    def read(name: str) -> str:
        path = SOURCES / name
        assert path.exists(), f"source documents expected at {SOURCES} (../shared/sources beside the repo)"
        return path.read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def compendium_sections(source_text) -> dict[int, str]:
    """Compendium text of each good practice, keyed by its number."""
    text = source_text("sstc-good-practices-compendium-2020-2021.txt")
    parts = re.split(r"\bGOOD PRACTICE\s+(\d+)\s*[-–]", text)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


@pytest.fixture
def shipped_yaml() -> str:
    return Path(DEFAULT_DATA).read_text(encoding="utf-8")
