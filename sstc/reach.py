"""How a record reaches a country: by naming it, through a group whose member list has it, or possibly through an
open group (Global South, Central America, ...) that the sources never list.

Only open groups as wide as the world or a region may reach a country: Global South or Global (of a global record,
any country; of a regional record, the countries of its region, as the data's regional records place them), and a
group named as a region (Africa, or Latin America for the Americas), that region's countries. A sub-regional or
membership group the sources never list (Central Africa, IGAD, CPLP, SIDS) covers some countries of its region and
not others, so it claims none: read region-wide, it told a planner that Ethiopia was reached through Central Africa.
Such reach is shown as "may reach", never counted as the country being named.
"""

import pandas as pd

from . import gaps, vocab
from .tables import Tables

COLUMNS = ["key", "kind", "id", "title", "region", "iso3", "role", "how", "named"]
OPEN_GLOBAL = gaps.GLOBAL
WORLD = {"Global", "Global South"}
REGION_WIDE = {name: name for name in vocab.REGIONS} | {
    "Latin America": "Americas",
    "Latin America and the Caribbean": "Americas",
}


def country_reach(tables: Tables, iso3s: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """One row per record x country x role it reaches, with how (named / through a listed group / open group)."""
    rows = tables.countries[tables.countries["iso3"].isin(iso3s)]
    direct = rows.assign(
        how=rows["via_group"].map(
            lambda g: "named" if not isinstance(g, str) else f"through the group {_group_name(tables, g)}"
        ),
        named=True,  # a group whose member list (in a source) has the country names it
    )
    out = [direct[COLUMNS]]
    open_groups = tables.groups[~tables.groups["expanded"].astype(bool)]
    if not open_groups.empty:
        regions_of = gaps.country_regions(tables)
        for iso3 in iso3s:
            home = regions_of.get(iso3)
            world = open_groups["group_name"].isin(WORLD) & (
                (open_groups["region"] == OPEN_GLOBAL) | (open_groups["region"] == home)
            )
            region_wide = open_groups["group_name"].map(REGION_WIDE) == home
            reaches = world | (region_wide if home else False)
            found = open_groups[reaches & ~open_groups["key"].isin(rows.loc[rows["iso3"] == iso3, "key"])]
            if found.empty:
                continue
            out.append(
                found.assign(
                    iso3=iso3,
                    how="may reach it through " + found["group_name"] + " (the sources list no countries)",
                    named=False,
                )[COLUMNS]
            )
    return pd.concat(out, ignore_index=True) if len(out) > 1 else out[0].reset_index(drop=True)


def _group_name(tables: Tables, group: str) -> str:
    names = tables.groups.loc[tables.groups["group"] == group, "group_name"]
    return str(names.iloc[0]) if len(names) else group
