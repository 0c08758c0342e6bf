"""Every page through Streamlit's AppTest: default, filtered and empty views, asserting what is shown.

Expected figures are computed here from the dataset models, independently of sstc.analysis.transforms.
"""

import json
import re

import pytest

from sstc.view import svgmap
from tests.app.apptest import NOTHING, card_titles, infos, metrics, open_page, opened
from tests.conftest import shown
from tests.conftest import shown as as_read  # where a test names its own `shown`

PAGES = [
    "overview",
    "coverage",
    "funding",
    "modalities",
    "outcomes",
    "explorer",
    "projects",
    "profile",
    "compare",
    "replication",
    "gaps",
    "shortlist",
    "timeline",
    "about",
]


def participants(records, groups) -> set[str]:
    codes = set()
    for r in records:
        codes |= set(r.countries.participant)
        codes |= {m for g in r.groups if g.role == "participant" for m in groups[g.group].members}
    return codes


def all_records(dataset):
    return [*dataset.projects, *dataset.practices]


def test_overview_default(dataset):
    at = open_page("overview")
    shown = metrics(at)
    moved = sum(p.covid.moved_online is True for p in dataset.practices)
    assert shown["Projects"] == str(len(dataset.projects))
    assert shown["Good practices"] == str(len(dataset.practices))
    named = {c for r in all_records(dataset) for c in [*r.countries.participant, *r.countries.peer]}
    assert shown["Countries named (participants and peers)"] == str(len(named))  # as the reconciliation counts
    assert shown["Moved online (COVID-19)"] == f"{moved} of {len(dataset.practices)}"  # counts, not a share
    covid = next(m for m in at.metric if m.label.startswith("Moved online"))
    silent = sum(p.covid.moved_online == "not stated" for p in dataset.practices)
    assert f"at least {moved / len(dataset.practices):.0%}" in covid.help and f"for {silent} the text" in covid.help
    blocks = [as_read(m.value) for m in at.markdown if "whole dataset adds up to" in m.value]
    assert len(blocks) == len(dataset.meta.stated_figures)  # one block per stated figure, no wide table
    for figure, block in zip(dataset.meta.stated_figures, blocks, strict=True):
        # a figure no sentence gives, only numbered items (21 practices), is never called "stated"
        said = "the sources number" if (figure.qualifier or "").startswith("counted, not stated") else "stated"
        assert f"{said} **{figure.value}**" in block and len(block.split("\n\n")[1]) > 20  # a reason
    assert "the sources number **21**" in blocks[2] and "stated **21**" not in blocks[2]
    assert "the brochure alone names **21**" in blocks[0] and "the brochure alone names **63**" in blocks[1]


def test_overview_filtered_by_region(dataset):
    at = open_page("overview", region="Africa")
    shown = metrics(at)
    assert shown["Projects"] == str(sum(p.region == "Africa" for p in dataset.projects))
    assert shown["Good practices"] == str(sum(p.region == "Africa" for p in dataset.practices))
    regions = at.dataframe[0].value
    assert list(regions["region"]) == ["Africa"]


def test_overview_empty_selection():
    at = open_page("overview", q="zzzz-no-such-words")
    assert NOTHING in infos(at)
    assert not at.metric
    assert sum("whole dataset adds up to" in m.value for m in at.markdown) == 4  # the reconciliation, all data


def test_coverage_default_counts_every_participant_country(dataset):
    at = open_page("coverage")
    table = at.dataframe[0].value
    assert set(table["iso3"]) == participants(all_records(dataset), dataset.meta.groups)


def test_coverage_role_from_url(dataset):
    at = open_page("coverage", role="candidate")
    table = at.dataframe[0].value
    expected = {c for r in all_records(dataset) for c in r.countries.candidate}
    assert set(table["iso3"]) == expected
    assert at.radio[0].value == "candidate"


def test_coverage_filtered_by_country(dataset):
    at = open_page("coverage", country="FJI")
    table = at.dataframe[0].value
    chosen = [
        r
        for r in all_records(dataset)
        if "FJI" in {*r.countries.participant, *r.countries.peer, *r.countries.candidate}
    ]
    # records naming Fiji, plus those that may reach it through a group the sources give no country list for
    open_groups = [r for r in all_records(dataset) if any(not dataset.meta.groups[g.group].members for g in r.groups)]
    assert participants(chosen, dataset.meta.groups) <= set(table["iso3"])
    assert set(table["iso3"]) <= participants([*chosen, *open_groups], dataset.meta.groups)
    assert table.set_index("iso3").loc["FJI", "records"] == len(chosen)


def test_coverage_draws_the_quick_map_and_the_zoomable_one_on_demand():
    at = open_page("coverage", region="Africa")
    (quick,) = [e for e in at.get("bidi_component") if e.proto.component_name == "sstc.map"]
    drawn = svgmap.figure(json.loads(quick.proto.json)["map"])  # the map's layers in the world, as the browser does
    assert set(re.findall(r'data-iso3="(\w+)"', drawn)) == set(at.dataframe[0].value["iso3"])  # map = table
    assert 'href="profile?iso3=' in drawn and "region=Africa" in drawn
    assert not at.get("plotly_chart")
    at = open_page("coverage", region="Africa", map="zoomable")
    assert not [e for e in at.get("bidi_component") if e.proto.component_name == "sstc.map"]
    assert len(at.get("plotly_chart")) == 1
    assert at.radio[1].label == "Map" and at.radio[1].value == "zoomable"


def test_opening_a_profile_from_coverage_keeps_the_filters():
    """st.switch_page drops every widget's state; the filters must come back from the URL it opens."""
    at = open_page("coverage", region="Americas", kind="project")
    chooser = next(s for s in at.selectbox if s.label == "Open a country profile")
    chooser.set_value("BRA").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_regions").value == ["Americas"]
    assert at.sidebar.multiselect(key="f_kinds").value == ["project"]
    assert at.header[0].value.startswith("Brazil") or any(h.value.startswith("Brazil") for h in at.header)


def test_coverage_says_when_matching_records_name_no_country_in_the_role():
    """Records match, but none names a country in this role: said so, not "nothing matches"."""
    at = open_page("coverage", q="Fiji", role="candidate")
    said = infos(at)
    found = re.search(r"The (\d+) matching records? (?:names|name) no country as candidate", said)
    assert found and NOTHING not in said and not at.dataframe
    assert f"{found.group(1)} of " in as_read(" ".join(c.value for c in at.caption))  # the filter line's count
    assert open_page("coverage", q="Fiji", role="participant").dataframe  # the same records do name participants


def test_coverage_empty():
    at = open_page("coverage", q="zzzz-no-such-words")
    assert NOTHING in infos(at) and not at.dataframe


def test_funding_default_and_filtered(dataset):
    """By default each record counts the funding its own source names; with the toggle, a project the brochure is
    silent on counts its linked practices' sources too (issue 23, point 4: they were always counted)."""
    at = open_page("funding")
    names = {k: v.name for k, v in dataset.meta.funding_sources.items()}
    by_number = {p.number: p for p in dataset.practices}

    def own_of(r):
        return [f.source for f in r.funding]

    def sources_of(r):  # a project the brochure is silent on inherits its linked practices' sources
        own = own_of(r)
        if own or not hasattr(r, "practices"):
            return own
        return [f.source for n in r.practices for f in by_number[n].funding]

    table = at.dataframe[0].value.set_index("source")
    assert set(table.index) == {names[s] for r in all_records(dataset) for s in own_of(r)} | {"not stated"}
    assert table.loc["not stated", "records"] == sum(1 for r in all_records(dataset) if not own_of(r))
    for source, records in table["records"].items():
        if source != "not stated":
            assert records == sum(1 for r in all_records(dataset) if source in {names[s] for s in own_of(r)})
    inheriting = {  # source -> records that name it only through a linked practice
        names[s]: {
            id(r)
            for r in all_records(dataset)
            if names[s] in {names[x] for x in sources_of(r)} and names[s] not in {names[x] for x in own_of(r)}
        }
        for s in dataset.meta.funding_sources
    }
    for source, n in table["inherited_only"].items():
        assert n == len(inheriting.get(source, ())), source

    at.toggle(key="inherited").set_value(True).run()
    table = at.dataframe[0].value
    used = {names[s] for r in all_records(dataset) for s in sources_of(r)}
    silent = [r for r in all_records(dataset) if not sources_of(r)]
    assert silent  # e.g. ITC-MIGSTATS has no practice; practice 21 no funding row
    assert set(table["source"]) == used | {"not stated"}
    assert table.set_index("source").loc["not stated", "records"] == len(silent)
    shares = at.dataframe[1].value
    assert sorted(shares["share"]) == [5.0, 20.0, 75.0]
    at = open_page("funding", region="Arab States", inherited="true")
    assert at.toggle(key="inherited").value is True  # the address carries the choice
    arab = {names[s] for r in all_records(dataset) if r.region == "Arab States" for s in sources_of(r)}
    assert set(at.dataframe[0].value["source"]) == arab
    assert "No record in this selection states funding shares." in infos(at)


def test_funding_empty():
    at = open_page("funding", q="zzzz-no-such-words")
    assert NOTHING in infos(at)


def test_modalities_default_and_filtered(dataset):
    at = open_page("modalities")
    table = at.dataframe[0].value
    delivered = {m.modality for r in all_records(dataset) for m in r.modalities if m.status == "delivered"}
    assert set(table["modality"]) == delivered
    shifts = at.dataframe[3].value
    assert len(shifts) == sum(p.covid.moved_online is True for p in dataset.practices)
    at = open_page("modalities", modality="fellowship")
    with_fellowship = [
        r for r in all_records(dataset) if "fellowship" in {m.modality for m in r.modalities if m.status == "delivered"}
    ]
    fellowship_row = at.dataframe[0].value.set_index("modality").loc["fellowship"]
    assert fellowship_row["records"] == len(with_fellowship)


def test_modalities_empty():
    assert NOTHING in infos(open_page("modalities", q="zzzz-no-such-words"))


def test_outcomes_show_three_states_from_the_first_view(dataset):
    at = open_page("outcomes")
    grid = at.dataframe[0].value
    assert len(grid) == 11 * 6
    assert set(grid["state"]) == {"confirmed", "ambiguous match only", "none"}
    asia = grid[grid["region"] == "Asia and the Pacific"]
    ambiguous_asia = [p for p in dataset.projects if p.region == "Asia and the Pacific" and p.ambiguous]
    assert ambiguous_asia
    for project in ambiguous_asia:
        for code in {o.code for o in project.outcomes} | {c.code for c in project.outcome_candidates}:
            cell = asia[asia["outcome"] == code].iloc[0]
            assert cell["ambiguous_records"] >= 1
            assert project.id in cell["ambiguity"] and project.ambiguous.summary in cell["ambiguity"]
    confirmed_5 = {p.id for p in dataset.projects if p.ambiguous is None and any(o.code == "5" for o in p.outcomes)}
    assert grid[grid["outcome"] == "5"]["records"].sum() >= len(confirmed_5)
    records = open_page("outcomes", view="Records and their outcomes").dataframe[0].value  # its own tab (?view=)
    # every other reading of an ambiguous match is listed as a candidate (the best match once, as such)
    candidates = sum(
        len({c.code for c in p.outcome_candidates} - {o.code for o in p.outcomes}) for p in dataset.projects
    )
    assert (records["kind"].eq("project") & records["basis"].str.startswith("candidate")).sum() == candidates
    assert records.loc[records["ambiguous"], "reason"].str.len().gt(20).all()
    assert not at.toggle  # no switch hides the ambiguous matches any more
    at = open_page("outcomes", outcome="7", view="Records and their outcomes")
    shown = at.dataframe[0].value
    with_7 = {
        p.id for p in dataset.projects if "7" in {o.code for o in p.outcomes} | {c.code for c in p.outcome_candidates}
    }
    assert with_7 <= set(shown[shown["outcome"] == "7"]["id"])


def test_outcomes_draws_only_the_open_tab_and_the_address_opens_each(dataset):
    at = open_page("outcomes")
    assert len(at.get("plotly_chart")) == 2 and len(at.dataframe) == 1  # the grid's charts and its table
    at = open_page("outcomes", view="SDG mentions")
    assert not at.get("plotly_chart") and len(at.dataframe) == 1
    mentions = at.dataframe[0].value
    stated = [(str(getattr(r, "id", None) or r.number), s.goal) for r in all_records(dataset) for s in r.sdgs]
    assert stated
    rows = list(zip(mentions["id"].astype(str), mentions["mention"], strict=True))
    for record, goal in stated:  # every SDG a source states, under its record
        assert any(i == record and re.match(rf"SDG {goal}\b", m) for i, m in rows), (record, goal)


def test_outcomes_empty():
    assert NOTHING in infos(open_page("outcomes", q="zzzz-no-such-words"))


def test_explorer_default_shows_every_practice(dataset):
    at = open_page("explorer")
    headings = card_titles(at)
    assert len(headings) == len(dataset.practices)
    assert len(at.dataframe[0].value) == len(dataset.practices)
    text = shown(" ".join(m.value for m in at.markdown))
    assert "@ilo.org" not in text


def test_explorer_search(dataset):
    at = open_page("explorer", q="BRICS")
    expected = {
        p.number
        for p in dataset.practices
        if "brics" in " ".join([p.title, p.countries_involved, *p.criteria.model_dump().values()]).casefold()
    }
    assert {int(i) for i in at.dataframe[0].value["id"]} == expected
    assert len(card_titles(at)) == len(expected)


def test_explorer_empty():
    assert NOTHING in infos(open_page("explorer", q="zzzz-no-such-words"))


def test_profile_for_a_country(dataset):
    at = open_page("profile", iso3="BRA")
    named = [
        r
        for r in all_records(dataset)
        if "BRA" in {*r.countries.participant, *r.countries.peer, *r.countries.candidate}
        or any("BRA" in dataset.meta.groups[g.group].members for g in r.groups)
    ]
    assert metrics(at)["Records naming it"] == str(len(named))
    table = at.dataframe[0].value
    assert set(table.loc[table["named"], "id"].astype(str)) == {getattr(r, "id", None) or str(r.number) for r in named}
    # records addressed to a group without a country list are listed apart, never counted as naming Brazil
    group_only = table[~table["named"]]
    assert group_only["how"].str.startswith("may reach it through").all()
    # a card per record: its heading names it, its text says in which role and with which words
    headings = [as_read(h.value) for h in at.subheader]
    for record in named:
        label = f"Project {record.id}" if hasattr(record, "id") else f"Practice {record.number}"
        assert sum(h.startswith(f"{label}: ") and " ".join(record.title.split()) in " ".join(h.split())
                   for h in headings) == 1, label  # fmt: skip
    bodies = [b for b in (as_read(m.value) for m in at.markdown) if "· role: " in b and "may reach it" not in b]
    assert len(bodies) == len(named) and all(len(b.split("\n\n", 1)[-1]) > 20 for b in bodies)
    assert len(headings) == len(named)  # the records that may reach it are one list, each with its group
    (reach,) = [as_read(m.value) for m in at.markdown if "may reach it through" in as_read(m.value)]
    assert reach.count("\n- ") + 1 == len(group_only)
    listed = zip(group_only["kind"], group_only["id"], group_only["roles"], strict=True)
    items = reach.split("\n- ")
    for kind, i, roles in listed:  # each with its role, as in the table below
        assert any(f"{kind.capitalize()} {i}: " in item and f"role: {roles} · " in item for item in items), i


def test_profile_filtered_and_empty(dataset):
    at = open_page("profile", iso3="BRA", kind="project")
    named = [
        p
        for p in dataset.projects
        if "BRA" in {*p.countries.participant, *p.countries.peer, *p.countries.candidate}
        or any("BRA" in dataset.meta.groups[g.group].members for g in p.groups)
    ]
    assert metrics(at)["Records naming it"] == str(len(named))
    emptied = shown(infos(open_page("profile", iso3="BRA", region="Arab States")))
    assert "No record under the current filters names Brazil" in emptied  # the page's own empty state (issue 23)


def test_profile_without_country_asks_for_one():
    at = open_page("profile")
    chooser = [s for s in at.selectbox if s.key != "sstc-language-choice"][-1]  # not the sidebar's language
    assert not at.dataframe and chooser.value == ""


@pytest.mark.parametrize("page", PAGES)
def test_unknown_url_values_are_ignored_with_a_notice(page):
    at = open_page(page, region=["Africa", "Atlantis"], country="Narnia", outcome="Z")
    warnings = shown(" ".join(w.value for w in at.warning))
    assert "region='Atlantis'" in warnings and "country='Narnia'" in warnings and "outcome='Z'" in warnings
    assert at.multiselect(key="f_regions").value == ["Africa"]


def test_filter_state_goes_to_the_url_and_survives_page_switches():
    at = open_page("overview")
    at.multiselect(key="f_regions").set_value(["Americas"]).run()
    assert at.query_params["region"] == ["Americas"] or at.query_params["region"] == "Americas"
    at.switch_page("app_pages/funding.py").run()
    assert at.multiselect(key="f_regions").value == ["Americas"]
    assert "Americas" in str(at.query_params.get("region"))
    at.button[0].click().run()  # Reset filters
    assert at.multiselect(key="f_regions").value == [] and "region" not in at.query_params


def test_overview_shows_each_move_online_with_its_words_and_where_they_stand(dataset):
    """The COVID tile's figure is one click from the quotes behind it (an expander on the same page)."""
    at = opened(open_page("overview"), "covid-open")
    (expander,) = [e for e in at.expander if e.label.startswith("Which practices moved online")]
    table = expander.table[0].value
    table = table.set_axis([shown(c) for c in table.columns], axis=1).map(shown)  # as a reader sees the cells
    moved = [p for p in dataset.practices if p.covid.moved_online is True]
    assert len(table) == len(moved) > 0
    quotes = list(table["COVID-19: the words that say so"])
    sources = list(table["COVID-19: source of the words"])
    assert sorted(quotes) == sorted(p.covid.quote for p in moved)
    assert sorted(sources) == sorted(p.covid.source for p in moved)


def test_the_world_under_the_maps_goes_once_a_session_and_each_rerun_sends_only_the_maps_layers():
    """Issue 27: the quick map sent its whole SVG (~100 kB) on every filter change."""
    at = open_page("coverage")
    (first,) = [e for e in at.get("bidi_component") if e.proto.component_name == "sstc.map"]
    sent = json.loads(first.proto.json)
    world, markup = svgmap.base()
    assert sent["world"] == world and sent["base"] == markup
    at.session_state["f_regions"] = ["Africa"]
    at.run()
    (again,) = [e for e in at.get("bidi_component") if e.proto.component_name == "sstc.map"]
    layers = json.loads(again.proto.json)
    assert layers["base"] is None and layers["world"] == world
    assert len(again.proto.json) < len(first.proto.json) / 4
    drawn = svgmap.figure(layers["map"])
    assert 'data-iso3="ETH"' in drawn and 'data-iso3="BRA"' not in drawn  # Africa's countries only
