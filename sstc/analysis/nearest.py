"""The nearest answers for a page scoped beyond the sidebar: a country profile emptied by a filter, a comparison whose
two sides hold nothing. (The sidebar's own "nothing matches" is `filters.nearest`.)"""

from dataclasses import replace

from sstc.analysis import figures, filters, reach
from sstc.analysis.filters import Filters, Suggestion
from sstc.data.tables import Tables


def for_country(tables: Tables, chosen: Filters, iso3: str, limit: int = 4) -> list[Suggestion]:
    """Changes of one sidebar filter after which some record names `iso3` (or may reach it): what `filters.nearest`
    suggests for the filters plus this country, with the country left to the page, not put in the sidebar."""
    scoped = replace(chosen, countries=(iso3,))
    return [
        replace(s, filters=replace(s.filters, countries=chosen.countries))
        for s in filters.nearest(tables, scoped, limit + 2)
        if s.filters.countries == (iso3,)  # a change of the country itself is the page's choice, not a filter's
    ][:limit]


def side(chosen: Filters, choice: str) -> Filters:
    """One side of Compare: the sidebar's filters with its region or country ("region:X", "country:ISO3") in place
    of theirs."""
    kind, value = choice.split(":", 1)
    if kind == "region":
        return replace(chosen, regions=(value,), countries=())
    return replace(chosen, regions=(), countries=(value,))


def side_tables(tables: Tables, chosen: Filters, choice: str) -> Tables:
    """What one side of Compare counts: a region's records; a country's records that name it (those that only may
    reach it through a group are counted apart, `side_may_reach`, as on the Country profile). `chosen` may be the
    sidebar's filters or the side's own (`side(...)`, which a cache keys on: a Region change in the sidebar leaves a
    side's own filters, and so its tables and the comparison, as they were)."""
    kept = filters.apply(tables, side(chosen, choice))
    kind, value = choice.split(":", 1)
    return kept if kind == "region" else figures.naming(kept, reach.how_reached(tables, (value,)))


def side_may_reach(tables: Tables, chosen: Filters, choice: str) -> int:
    """For a country side: the records under the filters that do not name the country but may reach it."""
    if choice.startswith("region:"):
        return 0
    return len(filters.apply(tables, side(chosen, choice)).records) - len(side_tables(tables, chosen, choice).records)


def sides_with_records(
    tables: Tables, chosen: Filters, regions: list[str], codes: list[str], kind: str = "region", limit: int = 3
) -> list[tuple[tuple[str, int], tuple[str, int]]]:
    """Pairs of Compare's sides of one kind (two regions, two countries) that hold records under the other sidebar
    filters, the most first, those of `kind` (the sides chosen) first, at most `limit` pairs: when both chosen sides
    hold nothing, the fix is another side, not a wider sidebar. A country side counts the records naming it, as
    Compare does."""
    pairs = []
    order = (("region", regions), ("country", codes))
    for each, values in sorted(order, key=lambda k: k[0] != kind):
        found = _with_records(tables, chosen, [f"{each}:{v}" for v in values])
        pairs += list(zip(found[::2], found[1::2], strict=False))
    return pairs[:limit]


def replacing(
    tables: Tables, chosen: Filters, sides: tuple[str, str], regions: list[str], codes: list[str], limit: int = 3
) -> list[tuple[str, int]]:
    """For a Compare side that holds nothing (the first of `sides`): sides of its kind, other than both chosen, that
    hold records under the other filters."""
    kind = sides[0].split(":", 1)[0]
    values = regions if kind == "region" else codes
    return _with_records(tables, chosen, [c for c in (f"{kind}:{v}" for v in values) if c not in sides])[:limit]


def _with_records(tables: Tables, chosen: Filters, choices: list[str]) -> list[tuple[str, int]]:
    """The sides among `choices` that hold records under the filters, with how many, the most first."""
    found = [(c, len(side_tables(tables, chosen, c).records)) for c in choices]
    return sorted([f for f in found if f[1]], key=lambda pair: -pair[1])
