"""Who the "Global South" may reach (a planner found Portugal 'may be reached through Global South')."""

import pycountry

from sstc.analysis import reach
from sstc.data import m49


def groups_reaching(tables, iso3: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for id_, how in zip(reach.country_reach(tables, (iso3,))["id"], reach.country_reach(tables, (iso3,))["how"],
                        strict=True):  # fmt: skip
        found.setdefault(how, set()).add(id_)
    return found


def test_the_global_south_never_reaches_a_country_of_m49s_developed_regions(tables):
    portugal = groups_reaching(tables, "PRT")
    assert not [how for how in portugal if "Global South" in how], portugal
    assert "ITC-DRR" not in {i for ids in portugal.values() for i in ids}  # addressed to the Global South
    assert not [how for how in groups_reaching(tables, "DEU") if "Global South" in how]
    brazil = groups_reaching(tables, "BRA")
    south = "may reach it through Global South (the sources list no countries)"
    assert {"ITC-DRR", "ITC-TOURISM"} <= brazil[south]  # a country of the South still may be reached
    assert any("through Global " in how for how in portugal)  # "Global" (the whole world) still may reach Portugal


def test_the_m49_lists_are_iso_codes():
    assert {"PRT", "DEU", "USA", "JPN", "AUS", "NZL", "RUS"} <= m49.DEVELOPED_REGIONS
    assert not {"BRA", "CHN", "IND", "ZAF", "TUR", "MEX"} & m49.DEVELOPED_REGIONS
    unknown = [c for c in m49.DEVELOPED_REGIONS if pycountry.countries.get(alpha_3=c) is None]
    assert unknown == ["XKX"]  # Kosovo: no ISO code of its own, as the dataset writes it
