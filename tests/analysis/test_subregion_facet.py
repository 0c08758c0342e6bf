"""The Sub-region facet (issue 24, point 2): UN M49 places each country, whatever ILO region its record is filed
under: "Northern Africa" keeps practice 16 (Egypt and Morocco, filed under Arab States), which Region = Africa
leaves out. Membership is M49's; only countries a record names (itself or in a group's source list) count."""

from sstc.analysis import filters
from sstc.data import m49


def naming(dataset, wanted: set[str]) -> set[str]:
    out = set()
    groups = {gid: set(g.members) for gid, g in dataset.meta.groups.items()}
    for rec in [*dataset.projects, *dataset.practices]:
        key = f"practice:{rec.number}" if hasattr(rec, "number") else f"project:{rec.id}"
        named = {*rec.countries.participant, *rec.countries.peer, *rec.countries.candidate}
        named |= {c for ref in rec.groups for c in groups.get(ref.group, ())}
        if named & wanted:
            out.add(key)
    return out


def test_northern_africa_keeps_practice_16_which_region_africa_leaves_out(dataset, tables):
    north = {a.iso3 for a in m49.table() if a.sub_region == "Northern Africa"}
    assert {"EGY", "MAR", "TUN"} <= north
    kept = set(filters.matching_keys(tables, filters.Filters(subregions=("Northern Africa",))))
    assert kept == naming(dataset, north)
    assert "practice:16" in kept
    assert "practice:16" not in set(filters.matching_keys(tables, filters.Filters(regions=("Africa",))))


def test_an_intermediate_region_is_a_sub_region_too_and_the_url_carries_it(tables):
    available = filters.options(tables)
    assert "Central America" in available["subregions"] and "Eastern Africa" in available["subregions"]
    chosen, notices = filters.from_params({"subregion": ["Central America", "Atlantis"]}, available)
    assert chosen.subregions == ("Central America",) and len(notices) == 1
    assert filters.to_params(chosen) == {"subregion": ["Central America"]}
    assert "subregion-Central America" in chosen.describe()
