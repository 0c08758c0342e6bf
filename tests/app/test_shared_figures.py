"""One definition per figure (issue 23, point 5): a figure two pages show is the same number under the same words,
and a record that only may reach a filtered country is counted apart from those naming it (point 3)."""

import re

import pytest

from sstc.analysis import figures
from tests.app.apptest import card_titles, metrics, open_page
from tests.conftest import shown


def texts(at) -> str:
    parts = [*at.markdown, *at.caption, *at.info, *at.header, *at.subheader]
    return " ".join(shown(p.value) for p in parts)


def tile(at, label: str) -> object:
    return next(m for m in at.metric if shown(m.label) == label)


def number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in {text[:400]!r}"
    return int(found.group(1))


def compare_rows(at) -> dict[tuple[str, str], tuple[int, int]]:
    (frame,) = [d.value for d in at.dataframe if {"measure", "item", "left", "right"} <= set(d.value.columns)]
    rows = zip(frame["measure"], frame["item"], frame["left"], frame["right"], strict=True)
    return {(m, i): (int(a), int(b)) for m, i, a, b in rows}


def test_the_overview_tile_and_the_reconciliation_count_countries_the_same_three_ways():
    at = open_page("overview")
    countries = tile(at, figures.COUNTRIES_NAMED)
    page = texts(at)
    assert int(countries.value) == number(r"every record together names (\d+)", page)
    help_ = shown(countries.proto.help)
    with_members = number(r"gives (\d+) participants and peers", page)
    assert number(rf"(\d+) {figures.COUNTRIES_WITH_MEMBERS}", help_) == with_members
    assert number(rf"(\d+) {figures.COUNTRIES_ANY_ROLE}", help_) == number(r"and with candidates (\d+)", page)
    assert "Countries (participants)" not in metrics(at)  # the old tile, 81, counted group members as named


@pytest.mark.parametrize("region", ["Africa", "Americas"])
def test_compare_counts_a_region_as_the_filtered_overview_and_the_explorers_do(region):
    overview = metrics(open_page("overview", region=region))
    rows = compare_rows(open_page("compare", left=f"region:{region}", right="region:Arab States"))
    named = figures.COUNTRIES_NAMED.removeprefix("Countries ")
    assert rows[("Countries", named)][0] == int(overview[figures.COUNTRIES_NAMED])
    assert rows[("Records", "projects")][0] == int(overview["Projects"])
    assert rows[("Records", "good practices")][0] == int(overview["Good practices"])
    projects = texts(open_page("projects", region=region))
    practices = texts(open_page("explorer", region=region))
    assert number(r"(\d+) (?:matching )?projects? match", projects) == int(overview["Projects"])
    assert number(r"(\d+) (?:matching )?(?:good )?practices? match", practices) == int(overview["Good practices"])


def test_practices_moved_online_are_one_figure_on_the_overview_its_region_table_and_modalities():
    at = open_page("overview")
    moved = int(tile(at, "Moved online (COVID-19)").value.split(" of ")[0])
    (regions,) = [d.value for d in at.dataframe if "practices_moved_online" in d.value.columns]
    assert int(regions["practices_moved_online"].sum()) == moved
    modalities = open_page("modalities")
    (shifts,) = [d.value for d in [*modalities.dataframe, *modalities.table] if "covid_quote" in d.value.columns]
    assert len(shifts) == moved


def test_under_a_country_filter_records_that_may_reach_it_are_counted_apart_on_the_overview():
    at = open_page("overview", country="ETH")
    projects, practices = tile(at, "Projects"), tile(at, "Good practices")
    profile = metrics(open_page("profile", iso3="ETH"))
    assert int(projects.value) == int(profile["Projects naming it"])  # the tile counts those naming Ethiopia
    assert int(practices.value) == int(profile["Good practices naming it"])
    for metric in (projects, practices, tile(at, "Moved online (COVID-19)")):
        assert re.fullmatch(r"naming Ethiopia; \d+ more may reach it", shown(metric.proto.delta))
    filtered = number(r"Filtered: (\d+) of \d+ records match", texts(at))
    more = [number(r"; (\d+) more", shown(m.proto.delta)) for m in (projects, practices)]
    assert int(projects.value) + int(practices.value) + sum(more) == filtered


def test_every_table_of_records_says_under_a_country_filter_whether_each_names_it_or_may_reach_it():
    pages = [("explorer", {}), ("projects", {}), ("modalities", {}), ("funding", {}),
             ("outcomes", {"view": "Records and their outcomes"})]  # fmt: skip
    for page, params in pages:
        at = open_page(page, country="ETH", **params)
        frames = [d.value for d in at.dataframe if "id" in d.value.columns]
        assert frames, page
        for frame in frames:
            assert "how" in frame.columns, (page, list(frame.columns))
            assert list(frame.columns).index("how") == list(frame.columns).index("title") + 1
            assert all(re.fullmatch(r"names it \((participant|peer|candidate)( and (peer|candidate))*\)", h)
                       or h.startswith("may reach it through ") for h in frame["how"]), page  # fmt: skip
    explorer = open_page("explorer", country="ETH")
    (frame,) = [d.value for d in explorer.dataframe if "how" in d.value.columns]
    assert frame.set_index("id").loc["1", "how"] == "names it (participant)"  # practice 1: Ethiopia and IGAD
    assert frame.set_index("id").loc["14", "how"] == "names it (candidate)"  # a candidate, not a country worked in
    assert frame.set_index("id").loc["2", "how"].startswith("may reach it through Africa")  # Skills V-Forum


def test_without_a_country_filter_no_table_gains_the_column():
    at = open_page("explorer")
    assert all("how" not in d.value.columns for d in at.dataframe)


def test_a_country_side_of_compare_counts_the_records_naming_it_as_its_profile_does():
    """A planner read Ethiopia's 2020-21 portfolio as 13 records on Compare and 4 on its profile (9 only may reach it
    through Global South or Africa)."""
    at = open_page("compare", left="country:ETH", right="country:BRA")
    left = [m for m in at.metric][:3]
    for iso3, shown_metrics in (("ETH", left), ("BRA", [m for m in at.metric][3:6])):
        profile = metrics(open_page("profile", iso3=iso3))
        assert int(shown_metrics[0].value) == int(profile["Records naming it"])
        assert int(shown_metrics[1].value) == int(profile["Projects naming it"])
    said = texts(at)
    may = number(r"Records naming Ethiopia; (\d+) more records? do(?:es)? not name it but may reach it", said)
    filtered = number(r"Filtered: (\d+) of \d+ records match", texts(open_page("overview", country="ETH")))
    assert may == filtered - int(left[0].value) > 0
    rows = compare_rows(at)
    assert rows[("Records", "all")][0] == int(left[0].value)


def test_a_compare_side_left_empty_by_a_search_says_so_and_offers_sides_of_its_kind():
    at = open_page("compare", left="country:BRA", right="country:ETH", q="IGAD")
    said = " ".join(shown(i.value) for i in at.info)
    assert "Brazil (country) has no record under the sidebar's other filters" in said
    offers = [shown(b.label) for b in at.button if shown(b.label).endswith(" instead")]
    assert offers and all("(country)" in o for o in offers) and not any(o.startswith("Ethiopia") for o in offers)
    next(b for b in at.button if shown(b.label) == offers[0]).click().run()
    assert not at.exception and not [i for i in at.info if "has no record" in shown(i.value)]
    pairs = [shown(b.label) for b in open_page("compare", q="brics").button if " with " in shown(b.label)]
    assert pairs and all(("(country)" in p) == (p.count("(country)") == 2) for p in pairs)  # never region and country
    assert not any("(1 records)" in p for p in pairs)


def test_under_a_country_filter_cards_and_the_replication_ranking_say_which_records_only_may_reach_it():
    titles = card_titles(open_page("explorer", country="ETH"))
    by_number = {t.split(".", 1)[0]: t for t in titles}
    assert "may reach" not in by_number["1"]  # practice 1 names Ethiopia
    assert shown(by_number["21"]).endswith("· may reach Ethiopia through Global")  # SSE Academy Portugal
    ranking = open_page("replication", country="ETH").dataframe[0].value
    assert ranking.set_index("number").loc[21, "how"] == "may reach it through Global"
    assert ranking.set_index("number").loc[14, "how"] == "names it (candidate)"
    assert "how" not in open_page("replication").dataframe[0].value.columns


def test_under_a_country_filter_the_regions_tile_and_the_region_table_count_the_records_naming_it():
    """The walk after the fixes: "Regions 2" beside a region chart of 3 regions, "Global/interregional has the most
    (7)", counting the 9 records that only may reach Ethiopia."""
    at = open_page("overview", country="ETH")
    (regions,) = [d.value for d in at.dataframe if "practices_moved_online" in d.value.columns]
    named = int(tile(at, "Projects").value) + int(tile(at, "Good practices").value)
    assert int(regions["records"].sum()) == named == 4
    assert "Global/interregional" not in set(regions.loc[regions["records"] > 0, "region"])
    shown_regions = {r for r, n in zip(regions["region"], regions["records"], strict=True) if n}
    assert int(tile(at, "Regions").value) == len(shown_regions - {"Global/interregional"})
    assert shown(tile(at, "Regions").proto.delta).startswith("in the records naming Ethiopia; ")
    assert "the 9 records that may reach it through a group" in texts(at)
