"""One definition per figure (issue 23, point 5): a figure two pages show is the same number under the same words,
and a record that only may reach a filtered country is counted apart from those naming it (point 3)."""

import re

import pytest

from sstc.analysis import figures
from tests.app.apptest import metrics, open_page
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
            assert all(h == "names it" or h.startswith("may reach it through ") for h in frame["how"]), page
    explorer = open_page("explorer", country="ETH")
    (frame,) = [d.value for d in explorer.dataframe if "how" in d.value.columns]
    assert frame.set_index("id").loc["1", "how"] == "names it"  # practice 1: Ethiopia and the IGAD region
    assert frame.set_index("id").loc["2", "how"].startswith("may reach it through Africa")  # Skills V-Forum


def test_without_a_country_filter_no_table_gains_the_column():
    at = open_page("explorer")
    assert all("how" not in d.value.columns for d in at.dataframe)
