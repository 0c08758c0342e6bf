"""Map tooltips: one record's title is one line, whole, even when it contains "; " or a line break (both maps)."""

import xml.etree.ElementTree as ET

import pytest

from sstc.analysis import filters, transforms
from sstc.data.tables import build
from sstc.view import charts
from tests.conftest import drawn_map, with_practice

SVG = "{http://www.w3.org/2000/svg}"
COUNTRY = "ETH"  # practice 1's participant country, named by other records too
TITLES = [
    ("Jobs; skills and services; in one practice", "Jobs; skills and services; in one practice"),
    ("Jobs; skills\nand services", "Jobs; skills and services"),  # a line break in a title is not a new record
]


@pytest.fixture(scope="module", params=TITLES, ids=["semicolons", "line-break"])
def case(request, dataset):
    title, shown = request.param
    coverage = transforms.coverage(build(with_practice(dataset, 1, title=title)))
    return coverage, f"Practice 1: {shown}"


def ethiopia(coverage):
    return coverage[coverage["iso3"] == COUNTRY]


def test_each_record_is_one_whole_line_of_the_hover(case):
    coverage, label = case
    (row,) = list(zip(*(ethiopia(coverage)[c] for c in charts.HOVER_COLUMNS), strict=True))
    records = charts.hover_lines(*row)[3:]
    assert label in records
    assert len(records) == row[1]  # one line per record naming the country, no more
    assert all(line.startswith(("Practice ", "Project ")) for line in records)


def test_plotly_map_hover_keeps_the_title_whole(case):
    coverage, label = case
    figure = charts.coverage_map(coverage, "t")
    hovers = [str(h) for trace in figure.data for h in (trace.hovertext or []) if "Practice 1:" in str(h)]
    assert hovers
    assert all(label in h.split("<br>") for h in hovers)


def test_svg_map_tooltip_keeps_the_title_whole(case):
    coverage, label = case
    root = ET.fromstring(drawn_map(ethiopia(coverage), "t", filters.Filters()))
    tooltips = [t.text for t in root.iter(f"{SVG}title") if "Practice 1:" in (t.text or "")]
    assert tooltips
    assert all(label in t.split("\n") for t in tooltips)


def test_counts_read_as_words_never_with_s_in_brackets():
    """Issue 23, point 13: "(1 rows)", "1 projects, 1 practices", "has 1 problem(s)"."""
    from sstc.view.labels import agrees, counted

    assert [counted(n, "row") for n in (0, 1, 2, 1500)] == ["0 rows", "1 row", "2 rows", "1,500 rows"]
    assert counted(1, "country", "countries") == "1 country" and counted(3, "country", "countries") == "3 countries"
    assert f"{counted(1, 'record')} {agrees(1, 'names', 'name')}" == "1 record names"
    assert f"{counted(2, 'record')} {agrees(2, 'names', 'name')}" == "2 records name"
