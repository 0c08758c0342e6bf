"""Groups are reach (issue 23, point 2): a record that reached "Africa, Arab States and Global" names no country,
and its shortlist summary, table and brief say its groups instead of a bare "0"."""

from sstc import DEFAULT_DATA
from sstc.analysis import shortlist
from sstc.data.identity import identify
from sstc.documents import brief
from sstc.documents.document import Table
from tests.app.apptest import open_page, table_with
from tests.conftest import shown


def test_the_shortlist_says_the_groups_beside_a_count_of_zero_countries(dataset, tables):
    practice = next(p for p in dataset.practices if p.number == 2)
    participant = [dataset.meta.groups[g.group].name for g in practice.groups if g.role == "participant"]
    assert participant and not practice.countries.participant  # the case the issue names
    at = open_page("shortlist", pick="practice:2")
    captions = " ".join(shown(c.value) for c in at.caption)
    assert f"Countries now: 0 countries; {len(participant)} groups: {', '.join(participant)}" in captions
    items = table_with(at, "groups")
    assert items.loc[0, "groups"] == "participant: " + ", ".join(participant)


def test_the_brief_summary_names_groups_and_candidate_groups(dataset, tables):
    keys = ["practice:2", "practice:1"]
    model = brief.build(tables, keys, identify(dataset, DEFAULT_DATA.read_bytes()))
    summary = next(b for b in model.blocks if isinstance(b, Table) and "Countries now" in b.header)
    column = summary.header.index("Countries now")
    first = "".join(run.text for run in summary.rows[0][column])
    assert first.startswith("0 countries; ") and "Africa" in first
    groups = shortlist.item_groups(tables, keys)
    candidates = groups["practice:1"].get("candidate", [])
    extended = "".join(run.text for run in summary.rows[1][summary.header.index("If extended")])
    assert candidates == ["Global South"] and "candidate groups: Global South" in extended


def test_reach_words_count_right():
    assert shortlist.reach_words(0, []) == "0 countries"
    assert shortlist.reach_words(1, ["Global"]) == "1 country; 1 group: Global"
    assert shortlist.reach_words(2, ["Africa", "Global"]) == "2 countries; 2 groups: Africa, Global"


def test_the_brief_prints_one_reason_for_an_ambiguous_match(dataset, tables):
    """Practice 14 printed two different "Why the match is ambiguous" paragraphs (issue 23, point 7)."""
    from sstc.documents.document import to_markdown

    markdown = to_markdown(brief.build(tables, ["practice:14"], identify(dataset, DEFAULT_DATA.read_bytes())))
    assert markdown.count("Why the match is ambiguous") == 1
    project = next(p for p in dataset.projects if 14 in p.practices)
    assert " ".join(project.ambiguous.summary.split()) in " ".join(markdown.split())  # one finished sentence
