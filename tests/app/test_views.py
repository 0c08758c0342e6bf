"""Views that answer a planner's question truly: one test (or more) per point of the views issue (AppTest).

Expected figures come from the dataset models, independently of the transforms under test.
"""

import re

import pytest

from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.analysis import filters, reach
from sstc.data import glossary, identity
from tests.app.apptest import NOTHING, card_titles, downloads, each_card_tab, infos, metrics, open_cards, open_page
from tests.conftest import shown


def all_records(dataset):
    return [*dataset.projects, *dataset.practices]


def rid(rec) -> str:
    return getattr(rec, "id", None) or str(rec.number)


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


# 1. theme facet -------------------------------------------------------------------------------------------------


def test_africa_and_theme_skills_shows_the_skills_practice(dataset):
    at = open_page("explorer", region="Africa", theme="skills")
    expected = {p.number for p in dataset.practices if p.region == "Africa" and "skills" in p.themes}
    assert expected  # the Skills V-Forum (good practice 2)
    assert {int(i) for i in at.dataframe[0].value["id"]} == expected
    assert at.multiselect(key="f_themes").value == ["skills"]
    assert at.query_params["theme"] in (["skills"], "skills")


# 2. empty results that help ---------------------------------------------------------------------------------------


def test_an_empty_answer_offers_the_nearest_ones_and_one_click_applies_it(dataset):
    assert not [
        r for r in all_records(dataset) if r.region == "Africa" and "fellowship" in {m.modality for m in r.modalities}
    ]
    at = open_page("overview", region="Africa", modality="fellowship")
    assert NOTHING in infos(at)
    offers = [b for b in at.button if b.key and b.key.startswith("nearest-")]
    assert offers and any(shown(b.label).startswith("without region Africa") for b in offers)
    without_region = [r for r in all_records(dataset) if "fellowship" in {m.modality for m in r.modalities}]
    first = next(b for b in offers if shown(b.label).startswith("without region Africa"))
    practices = sum(1 for r in without_region if hasattr(r, "number"))
    assert f"{practices} practice{'' if practices == 1 else 's'}" in shown(first.label)
    first.click().run()
    assert NOTHING not in infos(at)
    assert at.multiselect(key="f_regions").value == []
    assert metrics(at)["Good practices"] == str(practices)


# 3. unknown is never zero -------------------------------------------------------------------------------------------


def test_funding_never_draws_unknown_as_zero(dataset):
    at = open_page("funding", inherited="true")  # inherited rows only with the option (test_funding_counts.py)
    per_record = at.dataframe[-1].value
    silent = per_record[per_record["funding_sources"] == "not stated"]
    assert len(silent) and silent["source_count"].isna().all()
    numbers = {p.number: p for p in dataset.practices}
    for row in per_record[per_record["kind"] == "project"].itertuples():
        project = next(p for p in dataset.projects if p.id == row.id)
        if not project.funding and any(numbers[n].funding for n in project.practices):
            assert "via practice" in row.basis  # labelled as such, never silently the project's own
    assert not (per_record["source_count"] == 0).any()
    assert "not money" in captions(at)


# 7. projects are first-class ----------------------------------------------------------------------------------------


def test_project_explorer_shows_every_project_as_a_card(dataset):
    at = open_page("projects")
    assert len(card_titles(at)) == len(dataset.projects)
    headings = " ".join(card_titles(at)).replace("\\", "")  # headings are Markdown-escaped
    assert all(p.id in headings for p in dataset.projects)
    opened = {}
    for label in each_card_tab(at):
        opened[label] = " ".join(m.value for m in at.markdown)
    assert list(opened) == ["Description", "Details", "Evidence"]
    assert "best match" in opened["Details"] and "planned" in opened["Details"]  # outcomes' basis, modalities' status
    assert "best match" not in opened["Description"]  # a card draws only its open tab


def test_practice_search_says_how_many_projects_match_too(dataset):
    at = open_page("explorer", q="BRICS")
    projects = [p for p in dataset.projects if "brics" in f"{p.title} {p.description} {p.id}".casefold()]
    assert projects
    n = len(projects)
    assert f"{n} project{'s' if n != 1 else ''} match{'es' if n == 1 else ''} too" in captions(at)
    at = open_page("projects", q="BRICS")
    assert {p.id for p in projects} <= {h.replace("\\", "").split(":")[0] for h in card_titles(at)}


# 8. country profile and group reach ---------------------------------------------------------------------------------


def test_a_country_filter_keeps_a_global_south_record_that_may_reach_it(dataset, tables):
    global_south = [
        p for p in dataset.projects if any(g.group == "global-south" for g in p.groups) and not p.countries.participant
    ]
    assert global_south
    at = open_page("projects", country="ETH")
    shown = {h.replace("\\", "").split(":")[0] for h in card_titles(at)}
    assert {p.id for p in global_south} <= shown
    assert "may reach it through a group" in captions(at)
    found = reach.country_reach(tables, ["ETH"])
    assert not found[found["key"] == f"project:{global_south[0].id}"]["named"].any()


def test_country_cards_show_roles_with_their_quotes(dataset):
    at = open_page("profile", iso3="MAR")
    peers = [r for r in all_records(dataset) if "MAR" in r.countries.peer]
    assert peers
    text = " ".join(shown(m.value) for m in at.markdown)
    for record in peers:
        said = [e for e in record.evidence if e.field == "countries.peer" and "MAR" in e.values and e.quote]
        assert any(f"“{e.quote}” ({e.source})" in " ".join(text.split()) for e in said), rid(record)


# 9. compare ---------------------------------------------------------------------------------------------------------


def test_compare_two_regions_side_by_side_kept_in_the_url(dataset):
    at = open_page("compare", left="region:Africa", right="region:Americas")
    table = at.dataframe[0].value.set_index(["measure", "item"])
    for region, side in (("Africa", "left"), ("Americas", "right")):
        records = [r for r in all_records(dataset) if r.region == region]
        assert table.loc[("Records", "all"), side] == len(records)
        assert table.loc[("Records", "good practices"), side] == sum(hasattr(r, "number") for r in records)
    assert (table["difference"] == table["left"] - table["right"]).all()
    at.selectbox(key="p_right").set_value("country:ETH").run()
    assert at.query_params["right"] in ("country:ETH", ["country:ETH"])


@pytest.mark.parametrize(("page", "widget"), [("explorer", "select-practices"), ("projects", "select-projects")])
def test_the_explorers_tables_tick_rows_onto_the_shortlist(page, widget):
    """Cards open on demand, so the table above them is where a planner ticks (as on the Replication finder)."""
    at = open_page(page, pick=["practice:3", "project:ASIA-BRICS"])
    grid = at.dataframe[0].proto
    assert f"-{widget}-" in grid.id and list(grid.selection_mode) == [1]  # multi-row
    assert "Tick rows to put them on your shortlist." in captions(at)


def test_a_card_checkbox_puts_the_practice_on_the_shortlist():
    at = open_cards(open_page("explorer"))
    at.checkbox(key="tick-practice:3").check().run()
    assert "practice:3" in at.query_params["pick"]
    at.switch_page("app_pages/shortlist.py").run()
    assert metrics(at)["Items"] == "1"
    assert not [m for m in at.metric if m.proto.delta]  # no misleading delta on the shortlist page


# 11. notices that go away -------------------------------------------------------------------------------------------


def test_a_url_notice_shows_with_its_view_and_goes_on_page_change_or_reset():
    at = open_page("coverage", region="Atlantis")
    assert any("region='Atlantis'" in shown(w.value) for w in at.warning)
    at.switch_page("app_pages/funding.py").run()
    assert not any("Atlantis" in w.value for w in at.warning)
    at = open_page("coverage", region="Atlantis")
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert not any("Atlantis" in w.value for w in at.warning)


# 12. what data this is ----------------------------------------------------------------------------------------------


def test_the_sidebar_says_what_data_this_is_never_a_path(dataset):
    at = open_page("overview")
    caption = next(shown(c.value) for c in at.sidebar.caption if c.value.startswith("Data:"))
    raw = (ROOT_DIR / "data" / "practices.yaml").read_bytes()
    assert dataset.meta.title in caption and f"version {dataset.meta.version}" in caption
    assert identity.fingerprint(raw) in caption and "/" not in caption


@pytest.mark.usefixtures("record_downloads")
@pytest.mark.parametrize("page", ["funding", "overview", "profile", "shortlist"])
def test_every_export_is_named_with_the_data_version(page, dataset, tables):
    """CSVs, the brief in three formats and the pages to print: each file name carries the dataset's version and
    hash (the same as the sidebar's), so two files from two versions of the data never pass for one."""
    params = {"iso3": "BRA"} if page == "profile" else {"pick": "practice:3"} if page == "shortlist" else {}
    at = open_page(page, **params)
    files = downloads(at)
    slug = identity.identify(dataset, DEFAULT_DATA.read_bytes()).slug().replace(".", "-")  # v2.1-3f2a9c1d
    assert files and all(re.search(rf"-{slug}\.(csv|pdf|docx|md|yaml|xlsx)$", name) for name in files), list(files)
    kinds = {name.rsplit(".", 1)[1] for name in files}
    assert kinds >= ({"csv", "pdf"} if page in ("overview", "profile") else {"csv", "pdf", "docx", "md"} if page ==
                     "shortlist" else {"csv"})  # fmt: skip


# 13. about the data -------------------------------------------------------------------------------------------------


def test_about_page_explains_the_method_terms_and_sources(dataset):
    at = open_page("about")
    text = " ".join(m.value for m in at.markdown)
    for term in ("Participant", "Peer", "Candidate", "Ambiguous match", "Record"):
        assert term in text
    sources = at.dataframe[0].value
    assert {"RBTC-SSTC", "PSI-slippage"} <= set(sources["source_id"])
    assert at.multiselect(key="f_kinds").help == glossary.term("Record")


def test_screen_headers_are_set_on_every_grid():
    at = open_page("overview")
    config = at.dataframe[0].proto.columns  # the grid's column configuration, as sent to the browser
    assert '"label": "Practices moved online"' in config.replace('":"', '": "') or "Practices moved online" in config


def test_practice_cards_say_where_each_criterion_and_each_judged_value_comes_from(dataset):
    at = open_page("explorer")
    captions, markdown = [], []
    for _ in each_card_tab(at):  # a card draws only its open tab: open each in turn
        captions += [shown(c.value) for c in at.caption]
        markdown += [m.value for m in at.markdown]
    for practice in dataset.practices:
        for row in ("Objective", "Cooperation", "Effectiveness", "Innovation", "Sustainability", "Adaptability"):
            assert f"Source: compendium, good practice {practice.number}, {row}" in captions, (practice.number, row)
    evidence = " ".join(shown(m) for m in markdown)
    for practice in dataset.practices:
        for item in practice.modalities:
            assert f"“{' '.join(item.quote.split())}”" in " ".join(evidence.split()), (practice.number, item.modality)


def test_compare_with_nothing_on_either_side_says_so_and_offers_the_way_back():
    at = open_page("compare", q="zzzz-no-such-words")
    assert NOTHING in infos(at) and not at.dataframe  # no table of zeros that reads as "none"
    labels_ = [shown(b.label) for b in at.button]
    assert any(label.startswith('without the search "zzzz-no-such-words"') for label in labels_), labels_


@pytest.mark.parametrize(
    ("page", "region"), [("overview", "Africa"), ("funding", "Americas"), ("explorer", "Asia and the Pacific")]
)
def test_the_may_reach_caption_counts_only_the_records_the_other_filters_keep(tables, page, region):
    """`/?country=ETH&region=Africa` said "Filtered: 5 of 44 records match" and then "9 of these records do not name
    Ethiopia but may reach them": it counted every record that may reach Ethiopia, whatever the other filters."""
    at = open_page(page, country="ETH", region=region)
    kept = set(filters.matching_keys(tables, filters.Filters(countries=("ETH",), regions=(region,))))
    naming = set(tables.countries.loc[tables.countries["iso3"] == "ETH", "key"])
    expected = len(kept - naming)
    said = [shown(c.value) for c in at.caption if "of these records do not name" in shown(c.value)]
    assert len(said) == (1 if expected else 0), said
    if expected:
        assert said[0].startswith(f"{expected} of these records"), said
