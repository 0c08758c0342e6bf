"""Every judged value carries a verbatim quote of its cited section (or an inference); the sources are in the repo."""

import hashlib
import re
import subprocess
import sys

import pandas as pd
import pytest

from sstc import ROOT_DIR
from sstc.analysis import transforms
from sstc.data import evidence, sources
from sstc.data.load import load_text
from sstc.data.problems import DatasetError

SOURCE_HASHES = {
    "sstc-projects-2020-2021-brochure.txt": "09a73b3461fc5a55e361aabcd2219048fa4fc768bad92e764856509be2239577",
    "sstc-good-practices-compendium-2020-2021.txt": "53a01a44daceb3c3ffa0b9c61a4281b5cd245542b59cfb3d53c34301fa529646",
    "turkey-colombia-elearning-course-2021.txt": "db37ec2980e194d262a34e21430d499853ac495512ec98aa5b2d2c8e85395702",
    "turkey-labour-migration-governance-training.txt": (
        "62f740a14299864a888d1ae6bb26cfe2e81fac97ee5ff673094c5107c0392fd8"
    ),
    "labour-migration-academy-2023-ssc-elective.txt": (
        "dc8936d2b9f3b07af3d7ea09dadf080340bacb6a170a6b7ba77ab879b030f134"
    ),
}

# A small dataset with one judged value of every kind, each quoted from the real sources.
MINIMAL = """\
meta:
  title: Minimal
  biennium: 2020-2021
  documents:
    brochure: {title: Brochure, file: sources/sstc-projects-2020-2021-brochure.txt}
    compendium: {title: Compendium, file: sources/sstc-good-practices-compendium-2020-2021.txt}
  stated_figures: []
  groups:
    global-south: {name: Global South}
  funding_sources:
    RBTC-SSTC: {name: RBTC-SSTC, description: ILO, kind: ILO regular budget}
projects:
- id: AFR-PES
  title: Strengthening public employment services in Ethiopia and the IGAD region
  region: Africa
  source: brochure, Africa
  description: This project was designed to support the reform and expansion of PES in Ethiopia.
  countries:
    participant: [ETH]
    peer: [MAR]
  evidence:
  - field: countries.participant
    values: [ETH]
    source: brochure, Africa
    quote: Public Employment Services (PES) in Ethiopia
  - field: countries.peer
    values: [MAR]
    source: brochure, Africa
    quote: particularly Morocco and Tunisia
  - field: themes
    values: [employment_services]
    source: brochure, Africa
    quote: Public Employment Services (PES)
  themes: [employment_services]
  outcome_candidates:
  - code: '4'
    source: brochure, Africa
    quote: 'Outcome 4: Sustainable enterprises as generators of'
  ambiguous: {field: outcomes, summary: Layout says 4; meaning says 3., reason: layout and meaning disagree}
  outcomes:
  - code: '3'
    source: brochure, Africa
    quote: 'Outcome 3: Economic, social and environmental transitions'
    reason: by meaning
  modalities:
  - modality: study_tour
    delivery: in_person
    status: planned
    source: brochure, Africa
    quote: through study tours
  sdgs:
  - goal: 8
    source: brochure, Africa
    quote: financing of SDG8 in Central Africa
  numbers:
  - label: Duration
    value: 2
    source: brochure, Arab States
    quote: This two-day conference
  dates:
  - label: BRICS summit
    start: '2021'
    precision: year
    source: brochure, Asia and the Pacific
    quote: BRICS summit 2021 in India
  practices: [1]
practices:
- number: 1
  short_name: PES
  title: Strengthening public employment services in Ethiopia and in the IGAD region
  region: Africa
  project: AFR-PES
  source: compendium, good practice 1
  countries_involved: Ethiopia and Global South
  countries:
    participant: [ETH]
    candidate: [GNQ]
  groups:
  - {group: global-south, role: participant}
  - {group: global-south, role: candidate}
  evidence:
  - field: countries.candidate
    values: [GNQ]
    source: compendium, good practice 3, Adaptability
    quote: Equatorial Guinea
  - field: groups.candidate
    values: [global-south]
    source: compendium, good practice 1, Adaptability
    quote: including more youth from the global south
  criteria:
    objective: o
    cooperation: c
    effectiveness: e
    innovation: i
    sustainability: s
    adaptability: a
    results: r
  covid:
    moved_online: true
    source: compendium, good practice 1, Innovation
    quote: Due to the COVID-19 pandemic, the activities were incorporated into the ITC's summer youth forum
    other_effects:
    - note: the target group changed
      source: compendium, good practice 10, Innovation
      quote: Due to COVID pandemic this was adapted and concentrated on the Chinese enterprises
  contacts:
  - institution: ILO Addis
    role: Director
    role_quote: Director ILO Addis
activities:
- id: act
  title: An activity
  date:
    label: Training in April
    start: null
    precision: unknown
    source: brochure, introduction
    quote: for the 2020-2021 biennium
  source: brochure, introduction
"""


def _problems(text: str) -> list[str]:
    try:
        load_text(text, "minimal.yaml")
    except DatasetError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_the_minimal_dataset_is_valid_and_its_quotes_stand_in_their_sections():
    assert _problems(MINIMAL) == []
    dataset = load_text(MINIMAL, "minimal.yaml")
    assert evidence.quote_problems(dataset, ROOT_DIR / "data") == []


@pytest.mark.parametrize(
    ("quote_line", "expected"),
    [
        ("    quote: Public Employment Services (PES) in Ethiopia\n", "countries.participant.ETH: no evidence quote"),
        ("    quote: particularly Morocco and Tunisia\n", "countries.peer.MAR: no evidence quote"),
        ("    quote: Public Employment Services (PES)\n", "themes.employment_services: no evidence quote"),
        ("    quote: 'Outcome 4: Sustainable enterprises as generators of'\n", "outcome_candidates.4: no evidence"),
        ("    quote: 'Outcome 3: Economic, social and environmental transitions'\n", "outcomes.3: no evidence quote"),
        ("    quote: through study tours\n", "modalities.study_tour: no evidence quote"),
        ("    quote: financing of SDG8 in Central Africa\n", "sdgs.8: no evidence quote"),
        ("    quote: This two-day conference\n", "numbers.Duration: no evidence quote"),
        ("    quote: BRICS summit 2021 in India\n", "dates.BRICS summit: no evidence quote"),
        (
            "    quote: Due to the COVID-19 pandemic, the activities were incorporated into the ITC's summer youth"
            " forum\n",
            "covid.moved_online.yes: no evidence quote",
        ),
        ("    role_quote: Director ILO Addis\n", "contacts.role.Director: no evidence quote"),
        ("    quote: for the 2020-2021 biennium\n", "date.Training in April: no evidence quote"),
        ("    quote: Equatorial Guinea\n", "countries.candidate.GNQ: no evidence quote"),
        ("    quote: including more youth from the global south\n", "groups.candidate.global-south: no evidence"),
        (
            "      quote: Due to COVID pandemic this was adapted and concentrated on the Chinese enterprises\n",
            "covid.other_effects",
        ),
    ],
)
def test_a_judged_value_without_a_quote_is_a_located_problem(quote_line, expected):
    assert MINIMAL.count(quote_line) == 1
    text = MINIMAL.replace(quote_line, "")
    problems = _problems(text)
    assert len(problems) == 1, problems
    assert expected in problems[0]
    line = int(problems[0].split(":")[1])
    assert line > 1


def test_a_bare_modality_id_is_refused_for_want_of_a_quote():
    text = re.sub(
        r"  modalities:\n  - modality: study_tour\n(    .*\n)+?(?=  sdgs:)", "  modalities: [webinar]\n", MINIMAL
    )
    assert "modalities: [webinar]" in text
    assert any("modalities.webinar: no evidence quote" in p for p in _problems(text))


def test_an_inference_stands_in_for_a_quote_and_is_kept_as_such():
    text = MINIMAL.replace("    quote: through study tours\n", "    inference: the brochure's plan, by title\n")
    dataset = load_text(text, "minimal.yaml")
    rows = evidence.frame(dataset)
    row = rows[rows["field"] == "modalities"].iloc[0]
    assert row["inference"] == "the brochure's plan, by title" and pd.isna(row["quote"])


def test_a_quote_and_an_inference_together_are_refused():
    text = MINIMAL.replace(
        "    quote: through study tours\n", "    quote: through study tours\n    inference: also a guess\n"
    )
    assert any("a quote or an inference, not both" in p for p in _problems(text))


def test_participants_named_in_the_countries_involved_row_need_no_quote_others_do():
    assert _problems(MINIMAL) == []  # ETH and Global South are in the row
    text = MINIMAL.replace("    participant: [ETH]\n    candidate:", "    participant: [ETH, KEN]\n    candidate:")
    problems = _problems(text)
    assert len(problems) == 1 and "countries.participant.KEN: no evidence quote" in problems[0]


def test_evidence_naming_a_value_the_record_lacks_is_refused():
    text = MINIMAL.replace("    values: [MAR]\n", "    values: [MAR, TUN]\n")
    assert any("countries.peer has no value 'TUN'" in p for p in _problems(text))


def test_a_quote_outside_its_cited_section_is_found_wrong():
    # The quote is in the brochure's Africa section, not in its Arab States section.
    text = MINIMAL.replace("    source: brochure, Africa\n    quote: through study tours\n",
                           "    source: brochure, Arab States\n    quote: through study tours\n")  # fmt: skip
    dataset = load_text(text, "minimal.yaml")
    found = evidence.quote_problems(dataset, ROOT_DIR / "data")
    assert len(found) == 1 and "quote not found in brochure, Arab States" in found[0][1]


def test_quotes_compare_across_line_breaks_hyphenation_and_typographic_quotes():
    section = sources.Section("x", "s", "peer-\nlearning seminars on how to engage  with\n and ‘influence’ the")
    assert sources.quote_problem("peer-learning seminars on how to engage with and 'influence' the", section) is None
    assert sources.quote_problem("peerlearning seminars", section) is None
    assert sources.quote_problem("seminars ... 'influence'", section) is None
    assert sources.quote_problem("influence the seminars", section) is not None


def test_sections_are_the_ones_named():
    brochure = "sstc-projects-2020-2021-brochure.txt"
    africa = sources.section("brochure", brochure, "brochure, Africa").text
    assert "Cameroon, DRC and Congo" in africa and "Jordan, Lebanon" not in africa
    compendium = "sstc-good-practices-compendium-2020-2021.txt"
    funding = sources.section("compendium", compendium, "compendium, good practice 4, Funding Sources").text
    assert "RBTC-SSTC, SADC" in funding and "Materials" not in funding
    with pytest.raises(sources.SourceError):
        sources.section("compendium", compendium, "compendium, good practice 22")
    with pytest.raises(sources.SourceError):
        sources.section("brochure", brochure, "brochure, Oceania")


# --- the shipped dataset ---------------------------------------------------------------------------------------


def test_the_sources_are_in_the_repo_byte_for_byte():
    folder = ROOT_DIR / "data" / "sources"
    for name, digest in SOURCE_HASHES.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert (folder / "README.md").is_file()


def test_meta_documents_point_into_the_repo(dataset):
    for doc in dataset.meta.documents.values():
        assert (ROOT_DIR / "data" / doc.file).is_file(), doc.file
        assert doc.file.startswith("sources/")


def test_nothing_reads_outside_the_repo():
    outside = re.compile(r"\.\./shared|parent\s*/\s*\"shared\"")
    folders = [
        "sstc/**/*.py", "app/*.py", "tests/**/*.py", "*.py", "app_pages/*.py", "benchmarks/*.py", "deploy/*", ".ci/*",
    ]  # fmt: skip
    files = [path for pattern in folders for path in ROOT_DIR.glob(pattern)] + [
        ROOT_DIR / name for name in ("Makefile", "README.md", "data/sources/README.md", "Dockerfile")
    ]
    for path in files:
        if path.name != "test_evidence.py":
            assert not outside.search(path.read_text(encoding="utf-8")), path


def test_every_quote_of_the_shipped_dataset_stands_in_its_cited_section(dataset):
    assert evidence.quote_problems(dataset, ROOT_DIR / "data") == []


def test_every_judged_value_of_the_shipped_dataset_has_a_quote_or_an_inference(dataset):
    judged = list(evidence.judged(dataset))
    assert len(judged) > 300
    assert all(j.quote or j.inference for j in judged)
    quoted = sum(1 for j in judged if j.quote)
    assert quoted / len(judged) > 0.9  # inferences are the exception


def test_no_quote_holds_an_email_address(tables):
    assert not tables.evidence["quote"].fillna("").str.contains("@").any()


def test_every_compendium_address_is_in_the_dataset_verbatim(dataset, source_text):
    urls = {m.url for p in dataset.practices for m in p.materials}
    wanted = sources.addresses(source_text("sstc-good-practices-compendium-2020-2021.txt"))
    assert len(wanted) >= 50
    missing = [a for a in wanted if a not in urls]
    assert missing == []
    assert not any("safelinks" in u for u in urls)


def test_the_overview_covid_share_counts_the_practices_whose_quotes_say_so(dataset, tables):
    tiles = transforms.headline(tables)
    said = [
        p
        for p in dataset.practices
        if p.covid.moved_online is True and p.covid.quote and re.search(r"COVID|pandemic", p.covid.quote, re.I)
    ]
    assert tiles["covid_moved_online"] == len(said)
    assert tiles["covid_share"] == pytest.approx(len(said) / len(dataset.practices))
    not_stated = [p for p in dataset.practices if p.covid.moved_online == "not stated"]
    assert tiles["covid_not_stated"] == len(not_stated) > 0


def test_no_planned_modality_counts_as_delivered(tables):
    projects = tables.modalities[tables.modalities["kind"] == "project"]
    delivered = projects[projects["status"] == "delivered"]
    # the brochure announces plans ("will"): a project's modality is delivered only on the word of another source
    assert len(delivered) and not delivered["source"].str.startswith("brochure").any()
    assert (projects.loc[projects["source"].str.startswith("brochure"), "status"] == "planned").all()


def test_cli_exports_one_row_per_quote():
    out = subprocess.run(
        [sys.executable, "-m", "sstc", "export", "evidence"], capture_output=True, text=True, check=True, cwd=ROOT_DIR
    ).stdout
    header = out.splitlines()[0]
    assert header == "kind,id,field,value,source,quote,inference"
    assert len(out.splitlines()) > 300


def test_cli_validate_checks_the_quotes(tmp_path):
    data = (ROOT_DIR / "data" / "practices.yaml").read_text(encoding="utf-8")
    (tmp_path / "sources").symlink_to(ROOT_DIR / "data" / "sources")
    marker = "quote: the reform and expansion of Public Employment Services (PES)"
    assert marker in data
    (tmp_path / "d.yaml").write_text(
        data.replace(marker, "quote: the reform of Public Employment Services", 1), "utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "sstc", "validate", str(tmp_path / "d.yaml")], capture_output=True, text=True,
        cwd=ROOT_DIR,
    )  # fmt: skip
    assert run.returncode == 1
    assert "quote not found in brochure, Africa" in run.stdout
    assert re.search(r"d\.yaml:\d+: projects\[AFR-PES\]\.", run.stdout), run.stdout  # named by its id


def test_a_practice_said_not_moved_online_needs_the_sentence_that_says_so():
    """`false` is a reading of the text like `true` (silence is 'not stated'), so it needs its quote too."""
    moved = (
        "    moved_online: true\n    source: compendium, good practice 1, Innovation\n"
        "    quote: Due to the COVID-19 pandemic, the activities were incorporated into the ITC's summer youth forum\n"
    )
    assert MINIMAL.count(moved) == 1
    problems = _problems(MINIMAL.replace(moved, "    moved_online: false\n"))
    assert len(problems) == 1 and "covid.moved_online.no: no evidence quote" in problems[0]
    assert _problems(MINIMAL.replace(moved, "    moved_online: not stated\n")) == []
