"""The nearest answers for a page scoped beyond the sidebar: a country profile emptied by a filter, a comparison whose
two sides hold nothing. (The sidebar's own "nothing matches" is `filters.nearest`.)"""

from dataclasses import replace

from sstc.analysis import filters
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


def sides_with_records(
    tables: Tables, chosen: Filters, regions: list[str], codes: list[str], limit: int = 6
) -> list[tuple[str, int]]:
    """Compare's sides ("region:X", "country:ISO3") that hold records under the other sidebar filters, the most first:
    when both chosen sides hold nothing, the fix is another side, not a wider sidebar."""
    found = []
    for choice in [f"region:{r}" for r in regions] + [f"country:{c}" for c in codes]:
        kind, value = choice.split(":", 1)
        side = (
            replace(chosen, regions=(value,), countries=())
            if kind == "region"
            else replace(chosen, regions=(), countries=(value,))
        )
        count = len(filters.matching_keys(tables, side))
        if count:
            found.append((choice, count))
    return sorted(found, key=lambda pair: -pair[1])[:limit]
