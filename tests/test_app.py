"""Every page through Streamlit's AppTest: default, filtered and empty views, asserting what is shown.

Expected figures are computed here from the dataset models, independently of sstc.transforms.
"""

import pytest
from streamlit.testing.v1 import AppTest

from sstc import ROOT_DIR
from tests.conftest import shown

PAGES = [
    "overview",
    "coverage",
    "funding",
    "modalities",
    "outcomes",
    "explorer",
    "profile",
    "replication",
    "gaps",
    "shortlist",
    "timeline",
]
NOTHING = "Nothing matches the current filters"


def open_page(page: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT_DIR / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def infos(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


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
    adapted = sum(p.covid.adapted for p in dataset.practices)
    assert shown["Projects"] == str(len(dataset.projects))
    assert shown["Good practices"] == str(len(dataset.practices))
    assert shown["Countries (participants)"] == str(len(participants(all_records(dataset), dataset.meta.groups)))
    assert shown["Practices moved online (COVID-19)"] == f"{adapted / len(dataset.practices):.0%}"
    reconciliation = at.dataframe[-1].value
    assert list(reconciliation["stated"]) == [f.value for f in dataset.meta.stated_figures]
    assert reconciliation["explanation"].str.len().min() > 20


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
    assert len(at.dataframe) == 1  # the reconciliation still shows, for the whole dataset


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
    assert set(table["iso3"]) == participants(chosen, dataset.meta.groups)
    assert table.set_index("iso3").loc["FJI", "records"] == len(chosen)


def test_coverage_empty():
    at = open_page("coverage", q="zzzz-no-such-words")
    assert NOTHING in infos(at) and not at.dataframe


def test_funding_default_and_filtered(dataset):
    at = open_page("funding")
    names = {k: v.name for k, v in dataset.meta.funding_sources.items()}
    used = {names[f.source] for r in all_records(dataset) for f in r.funding}
    assert set(at.dataframe[0].value["source"]) == used
    shares = at.dataframe[1].value
    assert sorted(shares["share"]) == [5.0, 20.0, 75.0]
    at = open_page("funding", region="Arab States")
    arab = {names[f.source] for r in all_records(dataset) if r.region == "Arab States" for f in r.funding}
    assert set(at.dataframe[0].value["source"]) == arab
    assert "No record in this selection states funding shares." in infos(at)


def test_funding_empty():
    at = open_page("funding", q="zzzz-no-such-words")
    assert NOTHING in infos(at)


def test_modalities_default_and_filtered(dataset):
    at = open_page("modalities")
    table = at.dataframe[0].value
    delivered = {m if isinstance(m, str) else m.modality for r in all_records(dataset) for m in r.modalities}
    assert set(table["modality"]) == delivered
    shifts = at.dataframe[2].value
    assert len(shifts) == sum(p.covid.adapted for p in dataset.practices)
    at = open_page("modalities", modality="fellowship")
    with_fellowship = [
        r
        for r in all_records(dataset)
        if "fellowship" in {m if isinstance(m, str) else m.modality for m in r.modalities}
    ]
    fellowship_row = at.dataframe[0].value.set_index("modality").loc["fellowship"]
    assert fellowship_row["records"] == len(with_fellowship)


def test_modalities_empty():
    assert NOTHING in infos(open_page("modalities", q="zzzz-no-such-words"))


def test_outcomes_default_filtered_and_candidates(dataset):
    at = open_page("outcomes")
    grid = at.dataframe[0].value
    assert len(grid) == 11 * 6
    stated_5 = {p.id for p in dataset.projects if any(o.code == "5" for o in p.outcomes)}
    assert grid[grid["outcome"] == "5"]["records"].sum() >= len(stated_5)
    stated_7 = [p for p in dataset.projects if any(o.code == "7" for o in p.outcomes)]
    candidate_7 = {p.id for p in dataset.projects if "7" in p.outcome_candidates}
    at = open_page("outcomes", outcome="7")
    if not stated_7:
        assert "only as ambiguous candidates" in infos(at)
    at = open_page("outcomes", outcome="7", candidates="yes")
    records = at.dataframe[1].value
    assert candidate_7 <= set(records[records["outcome"] == "7"]["id"])
    without = open_page("outcomes", candidates="no").dataframe[0].value["records"].sum()
    with_candidates = open_page("outcomes", candidates="yes").dataframe[0].value["records"].sum()
    candidates = sum(len(p.outcome_candidates) for p in dataset.projects)
    assert with_candidates > without and candidates > 0


def test_outcomes_empty():
    assert NOTHING in infos(open_page("outcomes", q="zzzz-no-such-words"))


def test_explorer_default_shows_every_practice(dataset):
    at = open_page("explorer")
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
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
    assert len([m for m in at.markdown if m.value.startswith("#### ")]) == len(expected)


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
    assert metrics(at)["Records"] == str(len(named))
    assert len(at.dataframe[0].value) == len(named)


def test_profile_filtered_and_empty(dataset):
    at = open_page("profile", iso3="BRA", kind="project")
    named = [p for p in dataset.projects if "BRA" in {*p.countries.participant, *p.countries.peer}]
    assert metrics(at)["Records"] == str(len(named))
    assert NOTHING in infos(open_page("profile", iso3="BRA", region="Arab States"))


def test_profile_without_country_asks_for_one():
    at = open_page("profile")
    assert not at.dataframe and at.selectbox[-1].value == ""


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
