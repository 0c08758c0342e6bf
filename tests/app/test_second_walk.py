"""A second planner's walk of issue 23 (desktop and phone, by someone who did not write the code), each finding
fixed with a test: roles in the `how` column, the finder and the shortlist saying why they count a candidate group
differently, the brief naming the groups a record worked with, no CSV of an empty table, columns in sight, words."""

from sstc import DEFAULT_DATA
from sstc.analysis import planned
from sstc.data import vocab
from sstc.data.identity import identify
from sstc.documents import brief, memo
from sstc.documents.document import to_markdown
from tests.app.apptest import open_page
from tests.conftest import shown


def test_the_shortlist_says_why_the_finder_counts_latin_america_and_it_does_not():
    at = open_page("shortlist", pick=["practice:5", "practice:6"])
    captions = " ".join(shown(c.value) for c in at.caption)
    assert "without a country list in the sources, so not counted or mapped here: Latin America" in captions
    assert "The Replication finder counts Latin America for a target by UN M49's members" in captions
    assert "differently on purpose" in captions


def test_the_brief_names_the_groups_a_record_worked_with_beside_its_country_count(dataset, tables):
    markdown = to_markdown(brief.build(tables, ["practice:2"], identify(dataset, DEFAULT_DATA.read_bytes())))
    flat = " ".join(markdown.split())
    assert "Now: 0 countries; 6 groups: Africa, Arab States, Global, Americas, Asia, Europe" in flat
    assert "Groups worked with now" in flat and "0 participant countries now" not in flat


def test_an_empty_table_offers_no_csv_and_says_so():
    at = open_page("shortlist", pick="practice:2")  # it names no country: the map's table is empty
    labels = [b.proto.label for b in at.get("download_button")]
    assert not [label for label in labels if "(0 rows)" in label], labels
    assert "No rows, so no CSV of countries now and if extended." in [shown(c.value) for c in at.caption]


def test_one_practice_kept_is_said_as_the_only_one():
    at = open_page("replication", q="V-Forum")
    captions = [shown(c.value) for c in at.caption]
    assert any(c.startswith("The only practice the filters keep") for c in captions), captions
    assert not any("among the 1 practice" in c for c in captions)


def test_the_basis_sits_beside_the_outcome_and_the_fit_beside_the_rank():
    at = open_page("outcomes", view="Records and their outcomes")
    frame = next(d.value for d in at.dataframe if "basis" in d.value.columns)
    columns = list(frame.columns)
    assert columns[:2] == ["outcome", "basis"] and columns.index("reason") == columns.index("title") + 1
    ranking = open_page("replication", target="Central America").dataframe[0].value
    assert list(ranking.columns[:2]) == ["rank", "fit"]


def test_the_memo_cuts_an_outcome_name_between_words(tables):
    key = next(k for k, o in zip(tables.outcomes["key"], tables.outcomes["outcome"], strict=True) if o == "5")
    said = memo.outcomes_text(tables, key)
    assert vocab.OUTCOMES["5"].startswith("Skills and lifelong learning")
    assert "learnin…" not in said and "5: Skills and lifelong…" in said, said
    assert planned.short_outcome("5") == "Skills and…"


def test_under_a_country_filter_the_overview_links_to_that_countrys_profile():
    def profile_links(at):
        return [link.proto for link in at.main.get("page_link") if link.proto.label.startswith("The profile of")]

    (link,) = profile_links(open_page("overview", country="ETH"))
    assert link.label.startswith("The profile of Ethiopia") and "profile" in link.page, link
    assert "iso3=ETH" in str(link), link
    assert not profile_links(open_page("overview"))


def test_the_shortlist_workbook_holds_the_plan_with_its_targets_in_words(record_downloads):
    """A walk of issue 25: the plan table, the page's main table, was missing from its workbook."""
    import io

    import openpyxl

    from tests.app.apptest import downloads

    at = open_page("shortlist", pick=["practice:3", "project:ASIA-BRICS"], target="ETH")
    files = downloads(at)
    (book,) = [openpyxl.load_workbook(io.BytesIO(v)) for k, v in files.items() if k.endswith(".xlsx")]
    plan = book["The plan"]
    header = [c.value for c in plan[1]]
    assert header[:4] == ["Order", "Item", "Priority", "Status"] and plan.max_row == 3, header


def test_a_files_name_and_cover_say_the_pages_own_choices(record_downloads):
    """A walk of issue 25: Ethiopia's profile as Excel was named `sstc-country-profile-all-...` and its cover said
    "Filters: none"; the quick and the zoomable map's images had one name."""
    import io

    import openpyxl

    from tests.app.apptest import downloads, opened

    files = downloads(open_page("profile", iso3="ETH"))
    ((name, data),) = [(k, v) for k, v in files.items() if k.endswith(".xlsx")]
    assert name.startswith("sstc-country-profile-all-iso3-ethiopia-v"), name
    cover = {r[0]: r[1] for r in openpyxl.load_workbook(io.BytesIO(data))["About"].iter_rows(values_only=True) if r[0]}
    assert "iso3 (this page): Ethiopia" in cover["Filters"]
    names = set()
    for params in ({}, {"map": "zoomable"}):
        at = opened(open_page("coverage", **params), "chart-image-")
        names |= {k for k in downloads(at) if k.endswith(".png")}
    assert len(names) == 2 and any("map-zoomable" in n for n in names), names
