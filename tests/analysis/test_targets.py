"""Replicate to a target (issue 24, point 1): practices that name the target rank first and say why with the quote;
groups take a country in only through a member list (the sources') or a standard (M49), never as "named"; a target
that names nothing is dropped with a notice. Expected values come from the dataset model."""

from dataclasses import dataclass

import pytest

from sstc.analysis import geography, reach, targets
from sstc.data import countries
from sstc.data.schema import GroupRef


def candidates(dataset) -> dict[str, set[str]]:
    """iso3 -> keys of the records that name it as a candidate themselves (the model's own lists)."""
    out: dict[str, set[str]] = {}
    for rec in [*dataset.projects, *dataset.practices]:
        key = f"practice:{rec.number}" if hasattr(rec, "number") else f"project:{rec.id}"
        for iso3 in rec.countries.candidate:
            out.setdefault(iso3, set()).add(key)
    return out


def quote_for(dataset, number: int, iso3: str) -> str:
    practice = next(p for p in dataset.practices if p.number == number)
    return next(e.quote for e in practice.evidence if e.field == "countries.candidate" and iso3 in e.values)


def test_a_practice_naming_the_target_country_ranks_first_with_its_quote(dataset, tables):
    named = {k for k in candidates(dataset)["ETH"] if k.startswith("practice:")}
    assert named  # practice 14 names Ethiopia among the PROSPECTS countries
    ranked = targets.rank(tables, tables.records, (targets.resolve(tables, "ETH"),))
    top = ranked[ranked["fit"] >= targets.NAMED]
    assert set(top["key"]) == named and list(ranked["key"][: len(named)]) == sorted(
        named, key=list(ranked["key"]).index
    )
    for key, reasons in zip(top["key"], top["fit_reasons"], strict=True):
        number = int(key.split(":")[1])
        assert " ".join(quote_for(dataset, number, "ETH").split()) in reasons
    assert ranked["fit"].is_monotonic_decreasing


def test_every_country_named_as_a_candidate_lists_the_records_that_name_it(dataset, tables):
    for iso3, keys in candidates(dataset).items():
        listed = targets.naming_as_candidate(tables, iso3)
        assert set(listed.loc[listed["candidate"] == "names it", "key"]) == keys, iso3


def test_a_group_takes_a_country_in_only_through_a_member_list_and_says_where_it_comes_from(tables):
    """Practice 7 names Latin America and the Caribbean as a candidate; M49 puts Guatemala in it: 2 points,
    "members from UN M49", "not named". A group with no list and no standard (SIDS) takes no country in."""
    fit, reasons = targets.fit(tables, "practice:7", targets.resolve(tables, "GTM"))
    assert fit >= targets.MEMBER
    assert "Latin America and the Caribbean" in reasons[0] and "UN M49" in reasons[0] and "not named" in reasons[0]
    naming = targets.naming_as_candidate(tables, "GTM")
    assert "through a candidate group (not named)" in set(naming.loc[naming["key"] == "practice:7", "candidate"])
    sids = targets.resolve(tables, "group:sids")
    assert sids.members == frozenset() and sids.members_from == "the sources list no countries"


def test_a_sub_region_target_is_m49s_members_and_worked_nearby_earns_a_point(tables):
    central = targets.resolve(tables, "Central America")
    assert central.members == geography.countries_in(["Central America"]) and "GTM" in central.members
    assert central.kind == "subregion"
    participants = tables.countries[tables.countries["role"].isin(["participant", "peer"])]
    near = {k for k, iso3 in zip(participants["key"], participants["iso3"], strict=True) if iso3 in central.members}
    ranked = targets.rank(tables, tables.records, (central,)).set_index("key")
    for key in near & set(ranked.index):
        assert ranked.loc[key, "fit"] >= targets.NEAR and "Central America" in ranked.loc[key, "fit_reasons"]


def test_targets_from_the_url_drop_what_names_nothing_with_a_notice(tables):
    found, notices = targets.from_params(tables, ["ETH", "Central America", "group:sids", "zzz", "group:nope"])
    assert [t.token for t in found] == ["ETH", "Central America", "group:sids"]
    assert len(notices) == 2 and all("names no country, M49 sub-region or group" in n for n in notices)
    assert set(targets.options(tables)) >= {"ETH", "Central America", "group:sids", "BLZ"}


def test_a_group_the_sources_do_not_list_but_m49_defines_may_reach_its_members_never_names_them(tables):
    """Central America: the sources list no members; M49 does. A record for it may reach Guatemala, said so."""
    reached = reach.country_reach(tables, ["GTM"])
    through = reached[reached["how"].str.contains("through Central America")]
    assert len(through) and not through["named"].any()
    assert through["how"].str.contains("members from UN M49 Central America, not from the sources").all()
    far = reach.country_reach(tables, ["ETH"])
    assert not far["how"].str.contains("Central America").any()  # Ethiopia is not in it


@dataclass(frozen=True)
class Item:
    key: str
    targets: list[str]


@pytest.mark.parametrize("iso3", ["ETH", "FJI", "BRA"])
def test_every_target_country_has_its_m49_area(iso3):
    assert targets.nearest_area(iso3) and countries.name(iso3)


def test_a_group_target_ranks_the_practices_that_worked_with_it(dataset, tables):
    """IGAD lists no members: practice 1 (PES in the IGAD region) worked with it and ranks for it, said so."""
    worked = {
        f"practice:{p.number}"
        for p in dataset.practices
        if any(g.group == "igad" and g.role in ("participant", "peer") for g in p.groups)
    }
    assert "practice:1" in worked
    ranked = targets.rank(tables, tables.records, (targets.resolve(tables, "group:igad"),)).set_index("key")
    for key in worked:
        assert (
            ranked.loc[key, "fit"] >= targets.WITH_GROUP
            and "already worked with IGAD" in ranked.loc[key, "fit_reasons"]
        )
    assert set(ranked.index[ranked["fit"] > 0]) >= worked


def test_latin_america_takes_in_m49s_central_and_south_america_never_the_caribbean(tables):
    fit, reasons = targets.fit(tables, "practice:5", targets.resolve(tables, "GTM"))
    assert fit >= targets.MEMBER and "Latin America" in reasons[0] and "Central America + South America" in reasons[0]
    assert targets.fit(tables, "practice:5", targets.resolve(tables, "JAM"))[0] < targets.MEMBER  # Jamaica: Caribbean


def test_a_country_code_in_lower_case_is_the_country(tables):
    found, notices = targets.from_params(tables, ["eth"])
    assert [t.token for t in found] == ["ETH"] and notices == []


def test_a_not_shown_judgement_says_what_the_row_says_not_what_earns_it(tables):
    from sstc.analysis import scoring
    from sstc.view import present

    judged = scoring.judgements(tables)
    one = judged[(judged["number"] == 10) & (judged["criterion"] == "adaptability")]
    assert one["strength"].iloc[0] == "not shown" and isinstance(one["quote"].iloc[0], str)
    listed = present.judgement_list(one)
    assert "not shown" in listed and "The row says: “" in listed
    strong = judged[(judged["number"] == 12) & (judged["criterion"] == "objective")]
    assert "The row says" not in present.judgement_list(strong)


def test_a_shared_official_language_earns_a_point_said_as_the_standards(tables):
    """Guatemala speaks Spanish (CLDR): a practice that worked in Spanish-speaking countries earns the point, named."""
    from babel.languages import get_official_languages

    assert "es" in get_official_languages("GT", de_facto=True) and "es" in get_official_languages("CO", de_facto=True)
    rows = tables.countries[tables.countries["role"].isin(["participant", "peer"])]
    spanish = {k for k, c in zip(rows["key"], rows["iso3"], strict=True) if c in {"COL", "PER", "CHL", "MEX", "CRI"}}
    assert spanish
    ranked = targets.rank(tables, tables.records, (targets.resolve(tables, "GTM"),)).set_index("key")
    for key in spanish & set(ranked.index):
        assert "where Spanish is official as in Guatemala" in ranked.loc[key, "fit_reasons"], key
        assert "Unicode CLDR" in ranked.loc[key, "fit_reasons"]


def test_a_theme_chosen_in_the_sidebar_earns_one_point_and_is_named(tables):
    from sstc.analysis import filters

    kept = filters.apply(tables, filters.Filters(themes=("skills",))).records
    target = (targets.resolve(tables, "ETH"),)
    plain = targets.rank(tables, kept, target).set_index("key")
    themed = targets.rank(tables, kept, target, themes=("skills",)).set_index("key")
    assert len(themed) and (themed["fit"] == plain.loc[themed.index, "fit"] + targets.TOPIC).all()
    assert themed["fit_reasons"].str.contains("matches what the sidebar chose: Skills").all()


def test_a_candidate_group_the_sources_list_names_its_members_as_the_country_filter_says(dataset):
    """One definition of "names": a group whose member list is in the sources names its members (reach.py); made a
    candidate group of practice 13, BRICS names Brazil as a candidate, 3 points, in the candidate view too."""
    from sstc.data.tables import build
    from tests.conftest import with_practice

    practice = next(p for p in dataset.practices if p.number == 13)
    edited = with_practice(dataset, 13, groups=[*practice.groups, GroupRef(group="brics", role="candidate")])
    tables = build(edited)
    assert "BRA" in set(dataset.meta.groups["brics"].members)
    points, reasons = targets.fit(tables, "practice:13", targets.resolve(tables, "BRA"))
    assert points >= targets.NAMED and "member list in the sources" in reasons[0]
    naming = targets.naming_as_candidate(tables, "BRA")
    assert naming.loc[naming["key"] == "practice:13", "candidate"].tolist() == ["names it"]


def test_the_same_place_fits_alike_as_an_m49_sub_region_and_as_the_sources_group(tables):
    """A planner's walk: M49's Central America gave practice 5 (which worked with the sources' Central America) 3
    points and the group 5. Both now count the group it worked with; a country in it counts it too, as not named."""
    sub_region = targets.resolve(tables, "Central America")
    group = targets.resolve(tables, "group:central-america")
    for key in set(tables.records.loc[tables.records["kind"] == "practice", "key"]):
        assert targets.fit(tables, key, sub_region)[0] == targets.fit(tables, key, group)[0], key
    points, reasons = targets.fit(tables, "practice:5", sub_region)
    assert points == targets.MEMBER + targets.WITH_GROUP + targets.NEAR
    assert any(
        r.startswith("already worked with Central America, which takes in") and "not named" in r for r in reasons
    )
    points, reasons = targets.fit(tables, "practice:5", targets.resolve(tables, "GTM"))
    assert any(r.startswith("already worked with Central America, which takes in Guatemala") for r in reasons), reasons
    # a group named as a region lists no members: practice 2 (Americas, as a participant group) takes in nothing
    assert targets.fit(tables, "practice:2", sub_region) == (0, [])
