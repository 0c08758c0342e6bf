import re
from pathlib import Path

import pytest
import yaml

from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.data import vocab
from sstc.data.load import load_path
from sstc.data.schema import Dataset
from sstc.data.tables import Tables, build
from sstc.view.safe import JOINER

SOURCES = ROOT_DIR / "data" / "sources"


# Every page as a visitor opens it (path and query, a short name), the quick and the zoomable map apart: the
# accessibility tests run on each, through AppTest and in Chromium.
EVERY_VIEW = [
    ("", "overview"),
    ("coverage", "coverage"),
    ("coverage?map=zoomable", "coverage-zoomable"),
    ("funding", "funding"),
    ("modalities", "modalities"),
    ("outcomes", "outcomes"),
    ("explorer", "explorer"),
    ("projects", "projects"),
    ("profile?iso3=BRA", "profile"),
    ("compare", "compare"),
    ("replication", "replication"),
    ("gaps", "gaps"),
    ("shortlist?pick=practice:3&pick=project:ASIA-BRICS", "shortlist"),
    ("timeline", "timeline"),
    ("about", "about"),
]


# Each view's browser tab title (st.navigation names the tab after the page).
TAB_TITLES = {
    "overview": "Overview",
    "coverage": "Country coverage",
    "coverage-zoomable": "Country coverage",
    "funding": "Funding mix",
    "modalities": "Modalities",
    "outcomes": "Outcome alignment",
    "explorer": "Practice explorer",
    "projects": "Project explorer",
    "profile": "Country profile",
    "compare": "Compare",
    "replication": "Replication finder",
    "gaps": "Coverage gaps",
    "shortlist": "Shortlist and brief",
    "timeline": "Timeline",
    "about": "About the data",
}


def shown(markdown: str) -> str:
    """What a reader sees of Markdown written by sstc.view.safe: backslash escapes and word joiners removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(JOINER, "")


# Markup of every kind Streamlit's Markdown or plotly would act on; "PWN" marks where it went. No e-mail address:
# the dataset would be refused (that rule has its own tests).
PAYLOAD = (
    "PWN [Sign in again](http://evil.example/x) ![i](http://evil.example/i.png) <b>b</b> "
    "<a href='http://evil.example/a'>a</a> <img src=http://evil.example/y.png> $x^2$ :smile: :red[red] "
    ":material/home: :streamlit: www.evil.example https://evil.example/p **bold** `code` ~~s~~ &lt;"
)


URL_PAYLOAD = (
    "[Sign in again](http://evil.example/u) ![i](http://evil.example/u.png) <img src=http://evil.example/v.png> "
    "$x$ :smile: :red[r] :material/home: www.evil.example jane@evil.example **PWN**"
)


def hostile_dataset() -> bytes:
    """The shipped dataset, valid, with PAYLOAD in every kind of text a page or chart shows."""
    data = yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))
    for key, group in data["meta"]["groups"].items():
        group["name"] = f"{PAYLOAD} group {key}"
    for key, source in data["meta"]["funding_sources"].items():
        source["name"] = f"{PAYLOAD} funding {key}"
    for record in [*data["projects"], *data["practices"]]:
        record["title"] = f"{PAYLOAD} title"
        for entry in [*record.get("numbers", []), *record.get("dates", [])]:
            entry["label"] = f"{PAYLOAD} label"
    for project in data["projects"]:
        project["description"] = f"{PAYLOAD} description"
    for practice in data["practices"]:
        practice["short_name"] = f"{PAYLOAD} {practice['number']}"
        practice["criteria"] = {name: f"{PAYLOAD} {name}" for name in practice["criteria"]}
        practice["covid"]["note"] = f"{PAYLOAD} note"
        for contact in practice.get("contacts", []):
            contact["institution"] = f"{PAYLOAD} institution"
        # renamed groups are no longer recognised in the "Countries involved" row: say where they come from
        named = [g["group"] for g in practice.get("groups", []) if g["role"] == "participant"]
        if named:
            practice.setdefault("evidence", []).append(
                {
                    "field": "groups.participant",
                    "values": named,
                    "source": practice["source"],
                    "inference": "named in the Countries involved row",
                }
            )
    for activity in data["activities"]:
        activity["title"] = f"{PAYLOAD} activity"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")


def drawn_map(coverage, title: str, shown) -> str:
    """The coverage map whole, as the browser assembles it (the world with the map's layers)."""
    from sstc.view import svgmap

    return svgmap.figure(svgmap.coverage_map(coverage, title, shown))


def with_practice(dataset: Dataset, number: int, **changes) -> Dataset:
    """The dataset with one practice changed (criteria texts by name, other fields as given)."""
    practices = []
    for p in dataset.practices:
        if p.number == number:
            criteria = {k: changes.pop(k) for k in list(changes) if k in vocab.CRITERIA}
            p = p.model_copy(update={"criteria": p.criteria.model_copy(update=criteria), **changes})
        practices.append(p)
    return dataset.model_copy(update={"practices": practices})


def public_addresses(dataset) -> set[str]:
    return {c.email for p in dataset.practices for c in p.contacts if c.email and c.email_public}


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
        assert path.exists(), f"source documents expected at {SOURCES}"
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


# The longest tests (tens of seconds each, in Chromium) go first: under pytest-xdist a long test that starts last
# keeps one worker busy after the others are done.
LONGEST = (
    "test_markup_from_the_data_or_the_url_is_never_live_nor_fetched",
    "test_browser_timings_are_measured_and_printed",
    "test_every_view_renders_through_nginx_with_no_content_security_policy_violation",
    "test_other_visitors_are_answered_while_the_heaviest_documents_are_built",
    "test_thirty_distinct_uploads_keep_memory_bounded_and_removing_the_last_gives_some_back",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return 0 if getattr(item, "originalname", item.name) in LONGEST else 1

    items.sort(key=rank)
