"""The filters' facets found in one pass (issue 27: a country profile emptied by a filter took 215-307 ms of server
time to find its nearest answers, one whole filtering per other country; now 5 ms).

The oracle here is the slow, plain definition: `reach.country_reach` (the rows a page shows) for what a country
reaches, and a whole `matching_keys` per candidate change for the nearest answers, ranked as `filters.nearest`'s
docstring says (drops first, the widest first; then swaps, the widest first)."""

import itertools
from dataclasses import replace

import pytest

from sstc.analysis import filters, nearest, reach
from sstc.analysis.filters import Filters
from sstc.data import m49


def test_the_keys_reaching_each_country_are_the_records_country_reach_lists(tables):
    codes = sorted(set(tables.countries["iso3"])) + ["DEU", "JPN", "GTM", "FJI"]  # the South's edge, M49 groups
    found = reach.reaching_keys(tables, codes)
    assert set(found) == set(codes)
    for code in codes:
        assert found[code] == set(reach.country_reach(tables, (code,))["key"]), code
    assert any(found[code] - set(tables.countries.loc[tables.countries["iso3"] == code, "key"]) for code in codes)
    assert "DEU" in m49.DEVELOPED_REGIONS


def candidates(tables, chosen: Filters) -> list[tuple[int, Filters]]:
    """Every one-facet change `nearest` may suggest: each active facet dropped, each single value swapped."""
    available = filters.options(tables)
    out = []
    for field in filters.PARAMS:
        value = getattr(chosen, field)
        if not value:
            continue
        out.append((0, filters.without(chosen, field)))
        if field != "text" and len(value) == 1:
            out += [(1, replace(chosen, **{field: (v,)})) for v in available[field] if v != value[0]]
    return out


def slow_nearest(tables, chosen: Filters, limit: int) -> list[tuple[Filters, int, int, int]]:
    found = []
    for order, candidate in candidates(tables, chosen):
        keys = filters.matching_keys(tables, candidate)
        if len(keys):
            kinds = tables.records.set_index("key").loc[list(keys), "kind"]
            counts = (len(keys), int((kinds == "practice").sum()), int((kinds == "project").sum()))
            found.append((order, -len(keys), (candidate, *counts)))
    ranked = sorted(found, key=lambda t: (t[0], t[1]))
    drops, swaps = [s for o, _, s in ranked if o == 0], [s for o, _, s in ranked if o == 1]
    return (drops[: max(1, limit // 2)] + swaps)[:limit]


STATES = [
    Filters(regions=("Arab States",), countries=("BRA",)),
    Filters(regions=("Africa",), modalities=("virtual_study_tour",)),
    Filters(countries=("ETH",), kinds=("project",), outcomes=("7",)),
    Filters(subregions=("Northern Africa",), themes=("skills",)),
    Filters(text="youth", regions=("Americas",), funding=("ITC-ILO",)),
    Filters(countries=("DEU",)),
    Filters(regions=("Europe and Central Asia",), countries=("CHN", "IND")),
]


@pytest.mark.parametrize("chosen", STATES, ids=lambda f: f.describe())
def test_the_nearest_answers_are_those_a_whole_filtering_per_change_finds(tables, chosen):
    for limit in (4, 6):
        fast = [(s.filters, s.records, s.practices, s.projects) for s in filters.nearest(tables, chosen, limit)]
        assert fast == slow_nearest(tables, chosen, limit)


def test_a_country_profiles_nearest_answers_keep_the_country_to_the_page(tables):
    found = nearest.for_country(tables, Filters(regions=("Arab States",)), "BRA")
    assert found and all(s.filters.countries == () for s in found)
    for s in found:
        assert s.records == len(filters.matching_keys(tables, replace(s.filters, countries=("BRA",))))


def test_matching_keys_is_every_facet_at_once(tables):
    """Each facet alone, intersected, in the records' order: for pairs of facets of the states above."""
    for chosen in STATES:
        active = [f for f in filters.PARAMS if getattr(chosen, f)]
        for a, b in itertools.combinations(active, 2):
            pair = Filters(**{a: getattr(chosen, a), b: getattr(chosen, b)})
            alone = [set(filters.matching_keys(tables, Filters(**{f: getattr(chosen, f)}))) for f in (a, b)]
            kept = filters.matching_keys(tables, pair)
            assert set(kept) == alone[0] & alone[1]
            order = tables.records["key"].tolist()
            assert list(kept) == [k for k in order if k in set(kept)]
