"""The figures more than one page shows, each computed here once and named by what it counts.

A count of countries meant three things on three pages (81 participants on the Overview, "names 80" in the
reconciliation below it, 83 with group members): each is now one function with one label, and every page that
shows it calls that function and prints that label. `tests/app/test_shared_figures.py` compares the pages.
"""

from collections.abc import Mapping

import pandas as pd

from sstc.analysis import reach
from sstc.data.i18n import N_
from sstc.data.tables import Subset, Tables, rows_of

# What each country figure counts, as every page labels it (English here, a key too: `_(...)` where shown).
COUNTRIES_NAMED = N_("Countries named (participants and peers)")
COUNTRIES_WITH_MEMBERS = N_("with the members of listed groups")
COUNTRIES_ANY_ROLE = N_("in any role, candidates too")
PARTICIPANTS = N_("Participant countries (named or through a listed group)")


def _counted(role: str, via: object, roles: tuple[str, ...] | None, members: bool) -> bool:
    """Whether a country row counts: in one of `roles` (any if None), and named by the record itself unless
    `members` (then also as a member of a listed group)."""
    return (roles is None or role in roles) and (members or not isinstance(via, str))


def _countries(tables: Tables, roles: tuple[str, ...] | None, members: bool) -> int:
    rows = rows_of(tables.countries, "iso3", "role", "via_group")
    return len({iso3 for iso3, role, via in rows if _counted(role, via, roles, members)})


def countries_named(tables: Tables) -> int:
    """Distinct countries a record names as a participant or a peer: the basis of the brochure's own figure."""
    return _countries(tables, ("participant", "peer"), members=False)


def countries_named_per_region(tables: Tables) -> dict[str, int]:
    """`countries_named` of each region's records (a country named in two regions counts in both)."""
    named: dict[str, set[str]] = {}
    for region, iso3, role, via in rows_of(tables.countries, "region", "iso3", "role", "via_group"):
        if _counted(role, via, ("participant", "peer"), members=False):
            named.setdefault(region, set()).add(iso3)
    return {region: len(iso3s) for region, iso3s in named.items()}


def countries_with_members(tables: Tables) -> int:
    """`countries_named` plus the members of the groups whose member list a source gives (WB-6, BRICS)."""
    return _countries(tables, ("participant", "peer"), members=True)


def countries_any_role(tables: Tables) -> int:
    """Distinct countries in any role (participant, peer, candidate), group members included."""
    return _countries(tables, None, members=True)


def participant_countries(tables: Tables) -> int:
    """Distinct participant countries, named or through a listed group: what the coverage map's participant view
    colours."""
    return _countries(tables, ("participant",), members=True)


def moved_online(records: pd.DataFrame) -> list[str]:
    """The keys of the practices a sentence says COVID-19 moved online (projects are never judged so)."""
    return [key for key, kind, moved in rows_of(records, "key", "kind", "covid_moved_online")
            if kind == "practice" and moved == "yes"]  # fmt: skip


def naming(filtered: Tables, how: Mapping[tuple[str, str], str]) -> Tables:
    """Under a country filter, the filtered records that name the country (`reach.how_reached`), without those that
    only may reach it through a group: a page counts the two apart, never added up as one."""
    keys = [key for key, kind, id_ in rows_of(filtered.records, "key", "kind", "id")
            if reach.names_it(how.get((kind, id_), ""))]  # fmt: skip
    return Subset(filtered, pd.Index(keys))
