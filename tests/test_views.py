"""Views that answer a planner's question truly: one test (or more) per point of the views issue.

Expected figures come from the dataset models, independently of the transforms under test.
"""

import re
from dataclasses import replace

import pandas as pd
import pytest

from sstc import DEFAULT_DATA, ROOT_DIR, filters, glossary, identity, labels, reach, shortlist, transforms, vocab
from sstc.tables import COLUMNS
from tests.conftest import shown
from tests.test_app import NOTHING, card_titles, each_card_tab, infos, metrics, open_cards, open_page
from tests.test_hardening import downloads, record_downloads  # noqa: F401 (a fixture)


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


def test_theme_facet_offers_the_dataset_vocabulary(tables):
    offered = filters.options(tables)["themes"]
    assert set(offered) == set(tables.themes["theme"]) and set(offered) <= set(vocab.THEMES)


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
    assert f"{practices} practice(s)" in shown(first.label)
    first.click().run()
    assert NOTHING not in infos(at)
    assert at.multiselect(key="f_regions").value == []
    assert metrics(at)["Good practices"] == str(practices)


def test_nearest_prefers_dropping_one_facet_and_counts_truly(tables):
    wanted = filters.Filters(regions=("Africa",), modalities=("fellowship",))
    assert filters.matching_keys(tables, wanted).empty
    found = filters.nearest(tables, wanted)
    assert found and found[0].label.startswith("without")
    for suggestion in found:
        keys = filters.matching_keys(tables, suggestion.filters)
        assert suggestion.records == len(keys) > 0
    assert filters.nearest(tables, filters.Filters()) == []


# 3. unknown is never zero -------------------------------------------------------------------------------------------


def test_funding_never_draws_unknown_as_zero(dataset):
    at = open_page("funding")
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


def test_per_record_funding_csv_lists_names(tables):
    frame = transforms.funding_diversity(tables)
    practice_9 = frame[(frame["kind"] == "practice") & (frame["id"] == "9")].iloc[0]
    assert "RBTC-SSTC" in practice_9["funding_sources"] and practice_9["source_count"] == 3


def test_covid_silence_is_not_stated_not_no(dataset, tables):
    records = tables.records[tables.records["kind"] == "practice"]
    assert set(records["covid_moved_online"]) <= {"yes", "no", "not stated"}
    silent = [p for p in dataset.practices if p.covid.moved_online == "not stated"]
    assert (records["covid_moved_online"] == "not stated").sum() == len(silent) > 0


def test_chart_titles_say_what_they_count(tables):
    from sstc import charts

    funding = charts.stacked_by_region(transforms.funding_by_region(tables), "source", "t", "Records")
    assert funding.layout.xaxis.title.text == "Records"
    modality = charts.modality_bar(transforms.modality_summary(tables))
    assert "delivered" in modality.layout.title.text


# 4. ambiguity in sight ----------------------------------------------------------------------------------------------


def test_gaps_hover_and_table_carry_the_reason_for_an_ambiguity(dataset, tables):
    from sstc import charts, gaps

    grid = gaps.outcome_region(tables, gaps.country_regions(tables))
    ambiguous = grid[grid["status"] == gaps.AMBIGUOUS]
    assert len(ambiguous) and ambiguous["ambiguity"].str.len().gt(20).all()
    reasons = {p.ambiguous.reason[:30] for p in dataset.projects if p.ambiguous}
    assert any(r in " ".join(ambiguous["ambiguity"]) for r in reasons)
    figure = charts.status_grid(grid, "outcome", "outcome_name", "t")
    hover = " ".join(" ".join(row) for row in figure.data[0].hovertext)
    assert any(r.split()[0] in hover for r in reasons)


# 5. whole text ------------------------------------------------------------------------------------------------------


def test_no_title_is_cut_on_screen_or_in_a_file(dataset, tables):
    titles = {r.title for r in all_records(dataset)}
    coverage = transforms.coverage(tables)
    named = {t.split(": ", 1)[1] for cell in coverage["record_titles"] for t in cell.split("; ")}
    assert named <= titles
    longest = max(titles, key=len)
    assert len(longest) > 70 and longest in named | {r.title for r in dataset.practices}
    labels_ = shortlist.options(tables).values()
    assert any(longest in label for label in labels_) or longest in {p.title for p in dataset.practices}
    entries = transforms.record_table(tables, "project")
    assert set(entries["title"]) == {p.title for p in dataset.projects}


# 6. every record on the timeline: tests/test_app_planning.py and tests/test_planning.py ---------------------------


def test_timeline_axis_spans_every_date(tables):
    from sstc import charts, timeline

    drawn = timeline.dated(timeline.entries(tables))
    figure = charts.timeline(drawn, timeline.NEWS)
    low, high = (pd.Timestamp(x) for x in figure.layout.xaxis.range)
    assert low <= drawn["bar_start"].min() and high >= drawn["bar_end"].max()
    assert drawn["bar_start"].min().year < 2018  # practice 10's programme from 2016 stays on the axis


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
    assert f"{len(projects)} project(s) match too" in captions(at)
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


def test_a_region_named_group_reaches_only_its_region(tables):
    found = reach.country_reach(tables, ["ETH"])
    assert not found["how"].str.contains("Arab States").any()  # a group called "Arab States" does not reach Ethiopia


def test_country_cards_show_roles_with_their_quotes(dataset):
    at = open_page("profile", iso3="MAR")
    peers = [r for r in all_records(dataset) if "MAR" in r.countries.peer]
    assert peers
    text = " ".join(shown(m.value) for m in at.markdown)
    for record in peers:
        said = [e for e in record.evidence if e.field == "countries.peer" and "MAR" in e.values and e.quote]
        assert any(f"“{e.quote}” ({e.source})" in " ".join(text.split()) for e in said), rid(record)


def test_a_country_role_read_without_a_quote_is_shown_as_an_inference(tables):
    ev = tables.evidence
    row = ev.index[(ev["field"] == "countries.peer") & (ev["value"] == "MAR")][0]
    changed = ev.copy()
    changed.loc[row, "quote"], changed.loc[row, "inference"] = None, "a reading of the whole form"
    cards = transforms.country_cards(replace(tables, evidence=changed), "MAR")
    text = " ".join(cards["evidence"])
    assert f"peer: inferred, no sentence says it: a reading of the whole form ({ev.loc[row, 'source']})" in text
    assert "“a reading of the whole form”" not in text


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


def test_compare_counts_unknown_funding_apart(tables):
    africa = filters.apply(tables, filters.Filters(regions=("Africa",)))
    table = transforms.compare(africa, africa).set_index(["measure", "item"])
    assert ("Outcome", "Outcome 3 (ambiguous match)") in table.index or ("Outcome", "Outcome 3") in table.index
    assert ("Records", "all") in table.index


# 10. shortlist from where you read ----------------------------------------------------------------------------------


def test_ticking_rows_adds_and_unticking_removes():
    current = ["practice:1", "project:X"]
    shown = ["practice:1", "practice:2", "practice:3"]
    assert shortlist.with_ticks(current, shown, [1, 2]) == ["project:X", "practice:2", "practice:3"]
    assert shortlist.with_ticks(current, shown, []) == ["project:X"]
    assert shortlist.with_ticks(current, shown, [0, 9]) == current


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
    assert files and all(re.search(rf"-{slug}\.(csv|pdf|docx|md)$", name) for name in files), list(files)
    kinds = {name.rsplit(".", 1)[1] for name in files}
    assert kinds >= ({"csv", "pdf"} if page in ("overview", "profile") else {"csv", "pdf", "docx", "md"} if page ==
                     "shortlist" else {"csv"})  # fmt: skip


def test_the_cli_writes_an_export_named_with_the_data_version(tmp_path, dataset):
    from sstc.cli import main

    assert main(["export", "funding", "--out", str(tmp_path)]) == 0
    (written,) = tmp_path.iterdir()
    slug = identity.identify(dataset, DEFAULT_DATA.read_bytes()).slug().replace(".", "-")
    assert written.name == f"sstc-funding-{slug}.csv" and slug.startswith(f"v{dataset.meta.version.replace('.', '-')}-")
    assert written.read_bytes().startswith(b"\xef\xbb\xbfkind,id,source,")


# 13. about the data -------------------------------------------------------------------------------------------------


def test_about_page_explains_the_method_terms_and_sources(dataset):
    at = open_page("about")
    text = " ".join(m.value for m in at.markdown)
    for term in ("Participant", "Peer", "Candidate", "Ambiguous match", "Record"):
        assert term in text
    sources = at.dataframe[0].value
    assert {"RBTC-SSTC", "PSI-slippage"} <= set(sources["source_id"])
    assert at.multiselect(key="f_kinds").help == glossary.term("Record")


# 14. human headers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "shown"),
    [("practices_moved_online", "Practices moved online"), ("iso3", "ISO code"), ("records", "Records"),
     ("adaptability_reason", "Adaptability: reason")],
)  # fmt: skip
def test_headers_on_screen_are_words(column, shown):
    assert labels.header(column) == shown


def test_readme_lists_every_csv_column():
    readme = (ROOT_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## CSV columns", 1)[1].split("\n## ", 1)[0]
    for name, columns in COLUMNS.items():
        assert f"`{name}`" in section, name
        for column in columns:
            assert f"`{column}`" in section, (name, column)


def test_screen_headers_are_set_on_every_grid():
    at = open_page("overview")
    config = at.dataframe[0].proto.columns  # the grid's column configuration, as sent to the browser
    assert '"label": "Practices moved online"' in config.replace('":"', '": "') or "Practices moved online" in config


def test_filters_with_a_theme_round_trip_through_the_url(tables):
    chosen = filters.Filters(themes=("skills", "gender"), regions=("Africa",))
    back, notices = filters.from_params(filters.to_params(chosen), filters.options(tables))
    assert back == chosen and notices == []
    assert replace(chosen, themes=()) != chosen


def test_screen_headers_never_collide(tables):
    from sstc import gaps

    for name, columns in COLUMNS.items():
        shown = [labels.header(c) for c in columns]
        assert len(shown) == len(set(shown)), name
    grid = gaps.theme_region(tables, gaps.country_regions(tables))
    assert len(set(labels.headers(list(grid.columns)))) == grid.shape[1]
    assert labels.headers(["records", "record_titles", "x_y", "x y"]) == [
        "Records", "Records naming it", "X y", "X y (x y)"
    ]  # fmt: skip


def test_evidence_lines_give_the_quote_or_the_inference_and_the_source():
    from sstc.present import evidence_lines

    frame = pd.DataFrame(
        [
            {"field": "modalities", "value": "webinar", "quote": "webinars were held", "inference": None,
             "source": "compendium, good practice 3, Innovation"},
            {"field": "dates", "value": "2020-12", "quote": None, "inference": "the news item is dated 2021",
             "source": "news-turkey-colombia"},
        ]
    )  # fmt: skip
    quoted, inferred = (shown(line) for line in evidence_lines(frame))
    assert "“webinars were held”" in quoted and "(compendium, good practice 3, Innovation)" in quoted
    assert "inference:" in inferred and "the news item is dated 2021" in inferred and "“" not in inferred


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


def test_only_world_or_region_wide_groups_may_reach_a_country(tables):
    """Ethiopia is not 'reached' through Central Africa (AFR-MODEL) nor through CPLP (practice 21): a sub-regional or
    membership group the sources never list claims no country; Global South and region-named groups still may."""
    reached = reach.country_reach(tables, ["ETH"])
    maybe = reached[~reached["named"]]
    hows = " ".join(maybe["how"])
    for group in ("Central Africa", "CPLP", "Portuguese-speaking", "SADC", "IGAD", "Small Island"):
        assert group not in hows, group
    assert "Global South" in hows or "Africa" in hows  # the wide groups are still read as possibly reaching it
    via = set(maybe["how"].str.extract(r"through (.*) \(the sources")[0])
    assert via <= reach.WORLD | set(reach.REGION_WIDE), via


def test_compare_with_nothing_on_either_side_says_so_and_offers_the_way_back():
    at = open_page("compare", q="zzzz-no-such-words")
    assert NOTHING in infos(at) and not at.dataframe  # no table of zeros that reads as "none"
    labels_ = [shown(b.label) for b in at.button]
    assert any(label.startswith('without the search "zzzz-no-such-words"') for label in labels_), labels_
