"""How a record reaches a country: by naming it, through a group whose member list has it, or possibly through an
open group (Global South, Central America, ...) that the sources never list.

Only open groups as wide as the world or a region may reach a country: Global South or Global (of a global record,
any country; of a regional record, the countries of its region, as the data's regional records place them; the
Global South never a country of UN M49's former developed regions, `sstc.data.m49`: Europe, Northern America,
Australia and New Zealand, Japan), and a
group named as a region (Africa, Americas), that region's countries; a group the UN M49 standard defines (Central
America, Latin America, Latin America and the Caribbean, the Pacific Island Countries: `geography`), its M49
members. Any other sub-regional or membership group the sources never list (Central Africa, IGAD, CPLP, SIDS) covers
some countries of its region and not others, so it claims none: read region-wide, it told a planner that
Ethiopia was reached through Central Africa. Such reach is shown as "may reach", never counted as the country being
named.
"""

from collections.abc import Iterable

import pandas as pd

from sstc.analysis import gaps, geography, words
from sstc.data import countries, m49, vocab
from sstc.data.i18n import _, pgettext
from sstc.data.tables import Tables, rows_of

COLUMNS = ["key", "kind", "id", "title", "region", "iso3", "role", "how", "named"]
ROLES = ("participant", "peer", "candidate")
OPEN_GLOBAL = gaps.GLOBAL
WORLD = {"Global", "Global South"}
REGION_WIDE = {name: name for name in vocab.REGIONS} | {
    "Latin America": "Americas",
    "Latin America and the Caribbean": "Americas",
}


def _may_reach(group: str, region: str, iso3: str, home: str | None) -> bool:
    """Whether an open group (`group`, of a record of `region`) may reach the country `iso3` (of the region `home`)."""
    world = group in WORLD and region in (OPEN_GLOBAL, home)
    if group == "Global South" and iso3 in m49.DEVELOPED_REGIONS:  # Portugal, Germany: not of the South
        world = False
    listed = geography.group_members(group)  # Central America: M49's members, not the sources'
    return world or (iso3 in listed if listed is not None else bool(home and REGION_WIDE.get(group) == home))


def _reached(tables: Tables, iso3s: tuple[str, ...] | list[str]) -> list[tuple]:
    """`country_reach`'s rows, each with the open group it may reach the country through (None where it names it)."""
    wanted = set(iso3s)
    names: dict[str, str] = {}
    for group, name in rows_of(tables.groups, "group", "group_name"):
        names.setdefault(group, name)
    rows: list[tuple] = []
    named: dict[str, set[str]] = {}
    for key, kind, id_, title, region, iso3, role, via in rows_of(tables.countries, *COLUMNS[:7], "via_group"):
        if iso3 in wanted:
            # a group whose member list (in a source) has the country names it
            how = (
                _("through the group {group}").format(group=names.get(via, via))
                if isinstance(via, str)
                else pgettext("how a record reaches a country", "named")
            )
            rows.append((key, kind, id_, title, region, iso3, role, how, True, None))
            named.setdefault(iso3, set()).add(key)
    columns = ("key", "kind", "id", "title", "region", "role", "group_name", "expanded")
    open_groups = [g for g in rows_of(tables.groups, *columns) if not g[-1]]
    if open_groups:
        regions_of = gaps.country_regions(tables)
        for iso3 in iso3s:
            home = regions_of.get(iso3)
            for key, kind, id_, title, region, role, name, _expanded in open_groups:
                if _may_reach(name, region, iso3, home) and key not in named.get(iso3, ()):
                    how = _("may reach it through {group} ({note})").format(group=name, note=geography.group_note(name))
                    rows.append((key, kind, id_, title, region, iso3, role, how, False, name))
    return rows


def reaching_keys(tables: Tables, iso3s: Iterable[str]) -> dict[str, set[str]]:
    """Per country, the keys of the records that reach it (`country_reach`'s records: named, through a listed group,
    or possibly through an open group), all countries in one pass, without words: what the Country filter keeps,
    and what the nearest answers try for each other country (one `country_reach` a country took 2 ms)."""
    wanted = list(dict.fromkeys(iso3s))
    found: dict[str, set[str]] = {iso3: set() for iso3 in wanted}
    for key, iso3 in rows_of(tables.countries, "key", "iso3"):
        if iso3 in found:
            found[iso3].add(key)
    open_groups = [g for g in rows_of(tables.groups, "key", "region", "group_name", "expanded") if not g[-1]]
    if open_groups:
        regions_of = gaps.country_regions(tables)
        for iso3 in wanted:
            home = regions_of.get(iso3)
            for key, region, name, _expanded in open_groups:
                if _may_reach(name, region, iso3, home):
                    found[iso3].add(key)
    return found


def country_reach(tables: Tables, iso3s: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """One row per record x country x role it reaches, with how (named / through a listed group / open group), in
    the run's language."""
    rows = [row[:-1] for row in _reached(tables, iso3s)]
    return pd.DataFrame(rows, columns=COLUMNS).astype({"named": bool})


def how_reached(tables: Tables, iso3s: tuple[str, ...], name_each: bool = False) -> dict[tuple[str, str], str]:
    """(kind, id) -> how the record reaches the filtered countries, in words: "names it (participant)" where it
    names one of them, with the roles it names it in (participant, peer, candidate: a candidate is not a country
    worked in), directly or through a group whose member list has it; "may reach it through Africa or Global" where
    it names none of them but open groups may reach one. With several countries, each is named ("names Ethiopia
    (candidate); may reach Kenya through Africa"); with `name_each`, one too where the text stands alone (a card's
    name: "may reach Ethiopia through Africa"). In the run's language: `names_it` tells the two apart."""
    several = len(set(iso3s)) > 1
    roles: dict[tuple[tuple[str, str], str], list[str]] = {}
    may: dict[tuple[str, str], dict[str, list[str]]] = {}
    for _key, kind, id_, _title, _region, iso3, role, _how, is_named, group in _reached(tables, iso3s):
        if is_named:
            said = roles.setdefault(((kind, id_), iso3), [])
            if role not in said:
                said.append(role)
        else:
            through = may.setdefault((kind, id_), {}).setdefault(iso3, [])
            if group not in through:
                through.append(group)
    named: dict[tuple[str, str], list[str]] = {}
    for (record, iso3), said in roles.items():
        ordered = [r for r in ("participant", "peer", "candidate") if r in said] + [r for r in said if r not in ROLES]
        in_roles = words.both(vocab.word(r) for r in ordered)
        if several:
            named.setdefault(record, []).append(
                _("{country} ({roles})").format(country=countries.name(iso3), roles=in_roles)
            )
        else:
            named.setdefault(record, []).append(_("names it ({roles})").format(roles=in_roles))
    out: dict[tuple[str, str], str] = {}
    for record in dict.fromkeys([*named, *may]):
        said = []
        if record in named:
            said = [_("names {countries}").format(countries=", ".join(named[record])) if several else named[record][0]]
        said_whole = {c for (r, c) in roles if r == record}
        for iso3, groups in may.get(record, {}).items():
            if iso3 in said_whole:
                continue
            if several or name_each:
                said.append(
                    _("may reach {country} through {groups}").format(
                        country=countries.name(iso3), groups=words.either(groups)
                    )
                )
            else:
                said.append(_("may reach it through {groups}").format(groups=words.either(groups)))
        out[record] = "; ".join(said)
    return out


def names_it(how: str) -> bool:
    """Whether a `how_reached` text says the record names the country (in any language the run writes), not that
    it only may reach it."""
    starts = (_("names it ({roles})").split("{")[0], _("names {countries}").split("{")[0])
    return any(how.startswith(start) for start in starts if start)


HOW = "how"  # the column a table of records gains under a country filter


def with_how(frame: pd.DataFrame, how: dict[tuple[str, str], str]) -> pd.DataFrame:
    """A table of records (or of their activities: rows with an `id`, and `kind`; or of practices by `number`) with a
    `how` column right after the title (or the short name, or the id): whether each row's record names the filtered
    country or only may reach it. A table without record rows is returned as it is."""
    if HOW in frame.columns or not ({"id", "number"} & set(frame.columns)):
        return frame
    if "id" in frame.columns and "kind" in frame.columns:
        values = [how.get((kind, id_), "–") for kind, id_ in zip(frame["kind"], frame["id"], strict=True)]
    elif "id" in frame.columns:  # a table of one kind (the practices moved online): ids are unique across kinds
        by_id = {id_: said for (_, id_), said in how.items()}
        values = [by_id.get(id_, "–") for id_ in frame["id"]]
    else:  # the Replication finder's practices, by number
        values = [how.get(("practice", str(n)), "–") for n in frame["number"]]
    after = next(c for c in ("title", "short_name", "id", "number") if c in frame.columns)
    out = frame.copy()
    out.insert(int(frame.columns.get_loc(after)) + 1, HOW, pd.Series(values, index=frame.index, dtype=object))
    return out
