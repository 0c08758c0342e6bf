"""Page computations, checked against counts made directly from the dataset models."""

import pandas as pd
import pytest

from sstc.analysis import filters, timeline, transforms
from sstc.view.present import practice_card
from sstc.view.safe import link, md


def records(dataset):
    return [*dataset.projects, *dataset.practices]


def test_headline(dataset, tables):
    tiles = transforms.headline(tables)
    assert tiles["projects"] == len(dataset.projects)
    assert tiles["covid_moved_online"] == sum(p.covid.moved_online is True for p in dataset.practices)
    records = [*dataset.projects, *dataset.practices]
    named = {c for r in records for c in [*r.countries.participant, *r.countries.peer]}
    groups = dataset.meta.groups  # id -> group; a group with a member list is expanded into its members
    in_groups = {
        c for r in records for ref in r.groups if ref.role in ("participant", "peer") for c in groups[ref.group].members
    }
    assert in_groups and tiles["countries_named"] == len(named)
    assert tiles["countries_with_members"] == len(named | in_groups) > tiles["countries_named"]
    candidates = {c for r in records for c in r.countries.candidate}
    assert tiles["countries_any_role"] == len(named | in_groups | candidates) >= tiles["countries_with_members"]


def test_region_summary_adds_up(dataset, tables):
    summary = transforms.region_summary(tables)
    assert summary["records"].sum() == len(records(dataset))
    assert summary.set_index("region").loc["Africa", "projects"] == sum(p.region == "Africa" for p in dataset.projects)


def test_filters_combine_facets_with_and(dataset, tables):
    chosen = filters.apply(tables, filters.Filters(regions=("Americas",), kinds=("practice",)))
    assert set(chosen.records["id"]) == {str(p.number) for p in dataset.practices if p.region == "Americas"}
    assert set(chosen.countries["key"]) <= set(chosen.records["key"])


def test_text_search_needs_every_word(tables):
    both = filters.apply(tables, filters.Filters(text="refugees colombia"))
    assert set(both.records["key"]) == {"project:ECA-REFUGEE", "practice:14"}


def test_url_round_trip(tables):
    available = filters.options(tables)
    chosen = filters.Filters(regions=("Africa",), countries=("ETH",), text="pes")
    parsed, notices = filters.from_params(
        {k: v if isinstance(v, list) else [v] for k, v in filters.to_params(chosen).items()}, available
    )
    assert parsed == chosen and notices == []


def test_url_names_are_normalised_and_bad_values_dropped(tables):
    parsed, notices = filters.from_params(
        {"country": ["Ethiopia", "Narnia"], "outcome": ["Z"]}, filters.options(tables)
    )
    assert parsed.countries == ("ETH",) and len(notices) == 2


def test_outcome_region_keeps_gaps(tables):
    grid = transforms.outcome_region(tables)
    assert len(grid) == 66 and (grid["records"] == 0).any()


def test_country_profile_lists_roles(tables):
    profile = transforms.country_profile(tables, "BRA")
    assert "peer" in set(profile["roles"]) and "participant" in set(profile["roles"])


def test_empty_selection_gives_empty_frames(tables):
    nothing = filters.apply(tables, filters.Filters(text="zzzz"))
    for frame in (
        transforms.coverage(nothing),
        transforms.funding_by_source(nothing),
        transforms.modality_summary(nothing),
        transforms.covid_shifts(nothing),
    ):
        assert frame.empty
    assert transforms.outcome_region(nothing)["records"].sum() == 0


def test_markdown_escaping_keeps_html_and_links_inert():
    text = md("<script>alert(1)</script> [x](javascript:alert(1)) **bold**")
    assert "<script>" not in text and "](" not in text and "**" not in text
    assert link("x", "javascript:alert(1)").startswith("x (")
    assert link("Doc (v2)", "https://example.org/a b(1)") == "[Doc \\(v2\\)](https://example.org/a%20b%281%29)"


def test_practice_card_has_all_criteria_and_no_personal_email(dataset):
    for practice in dataset.practices:
        card = practice_card(practice, dataset)
        assert len(card.criteria) == 7 and all(card.criteria.values())
        assert "@ilo.org" not in card.details + card.materials


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [("2020", "2021", "year"), ("2021", None, "year"), ("2020-12", None, "month"), ("2020-02", "2021-12", "month"),
     ("2020-02-29", None, "day"), ("2021-12-31", "2022-01-02", "day")],
)  # fmt: skip
def test_a_date_covers_its_whole_day_month_or_year_as_a_pandas_period_does(start, end, precision):
    unit = {"day": "D", "month": "M", "year": "Y"}[precision]
    expected = (pd.Period(start, freq=unit).start_time, pd.Period(end or start, freq=unit).end_time)
    assert timeline._bounds(start, end, precision) == expected


def test_kind_counts_and_card_groups_count_what_the_models_say(tables, dataset):
    assert transforms.kind_counts(tables.records) == {
        "records": len(dataset.projects) + len(dataset.practices),
        "projects": len(dataset.projects),
        "practices": len(dataset.practices),
    }
    cards = transforms.country_cards(tables, "ETH")
    named, through_group = transforms.card_groups(cards)
    assert len(named) + len(through_group) == len(cards) and len(named) and len(through_group)
    assert named["named"].all() and not through_group["named"].any()


def test_country_choices_are_every_named_country_by_name(tables, dataset):
    choices = transforms.country_choices(tables)
    records = [*dataset.projects, *dataset.practices]
    named = {c for r in records for c in [*r.countries.participant, *r.countries.peer, *r.countries.candidate]}
    assert named <= set(choices) and len(choices) == len(set(choices))
    from sstc.data import countries

    names = [countries.name(c) for c in choices]
    assert names == sorted(names, key=countries.alphabetical)  # case and accents aside: "DR Congo" after "Dominican"
    assert "key" not in transforms.without_key(tables.records).columns


def test_outcome_totals_add_the_grid_per_outcome(tables):
    grid = transforms.outcome_region(tables)
    totals = transforms.outcome_totals(grid).set_index("outcome")["records"]
    for outcome in grid["outcome"].unique():
        assert totals[outcome] == grid.loc[grid["outcome"] == outcome, "records"].sum()


def test_country_cards_list_projects_then_practices_by_number(tables):
    """Practice 6 before practice 13: ids that are numbers sort by value, in each list (naming, reaching)."""
    cards = transforms.country_cards(tables, "BRA")
    for named in (True, False):
        part = cards[cards["named"] == named]
        kinds = part["kind"].tolist()
        assert kinds == sorted(kinds, reverse=True)  # projects first
        numbers = [int(i) for i in part.loc[part["kind"] == "practice", "id"]]
        assert len(numbers) > 2 and numbers == sorted(numbers)
