"""The quick map (sstc.view.svgmap): every covered country drawn, linked to its profile under the same filters, with
the zoomable map's hover as its tooltip; text from the data is never markup."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from sstc.analysis import filters, transforms
from sstc.data import countries, vocab
from sstc.data.tables import replaced
from sstc.view import charts, geo, svgmap
from tests.conftest import drawn_map

SVG = "{http://www.w3.org/2000/svg}"


def links(figure: str) -> dict[str, list[ET.Element]]:
    """iso3 -> the map's links for it (a small state can be a shape and a dot)."""
    out: dict[str, list[ET.Element]] = {}
    for a in ET.fromstring(figure).iter(f"{SVG}a"):
        out.setdefault(a.get("data-iso3"), []).append(a)
    return out


@pytest.mark.parametrize("role", [transforms.ANY_ROLE, *vocab.ROLES])
@pytest.mark.parametrize(
    "shown",
    [
        filters.Filters(),
        filters.Filters(regions=("Asia and the Pacific", "Africa")),
        filters.Filters(countries=("XKX",)),
        filters.Filters(text="migration & youth"),
    ],
)
def test_every_covered_country_links_to_its_profile_under_the_same_filters(tables, role, shown):
    coverage = transforms.coverage(filters.apply(tables, shown), role)
    figure = drawn_map(coverage, "t", shown)
    found = links(figure)
    assert set(found) == set(coverage["iso3"])
    _, markers = geo.map_layers(coverage)
    assert sum(len(v) for v in found.values()) == len(coverage) + len(set(markers["iso3"]) & geo.shape_codes())
    for code, anchors in found.items():
        assert len([a for a in anchors if a.get("tabindex") != "-1"]) == 1, code  # one stop a country, keyboard
        for a in anchors:
            href = urlsplit(a.get("href"))
            assert href.path == "profile"
            query = parse_qs(href.query)
            assert query.pop("iso3") == [code]
            assert {k: v if isinstance(v, list) else [v] for k, v in filters.to_params(shown).items()} == query


def test_tooltips_name_the_country_its_counts_and_every_title_whole(dataset, tables):
    coverage = transforms.coverage(tables, "participant")
    found = links(drawn_map(coverage, "t", filters.Filters()))
    checked = 0
    for row in coverage.itertuples():
        (text,) = {a.find(f"{SVG}title").text for a in found[row.iso3]}
        lines = text.split("\n")
        assert lines[0] == countries.name(row.iso3)
        assert lines[1].startswith(f"{row.records} record{'s' if row.records != 1 else ''}:")
        assert found[row.iso3][0].get("aria-label") == f"{lines[0]}: {lines[1]}"
        for record in [*dataset.projects, *dataset.practices]:
            if row.iso3 in record.countries.participant and row.records <= 12:
                assert any(" ".join(record.title.split()) in " ".join(line.split()) for line in lines[3:])
                checked += 1
    assert checked > 100


def test_colours_follow_the_zoomable_maps_scale(tables):
    coverage = transforms.coverage(tables, "participant")
    found = links(drawn_map(coverage, "t", filters.Filters()))
    fills = {code: anchors[0][1].get("fill") for code, anchors in found.items()}
    most = coverage["records"].max()
    for row in coverage.itertuples():
        expected = charts.SEQUENTIAL[1][1] if row.records == most else None
        expected = charts.SEQUENTIAL[0][1] if row.records == 1 else expected
        if expected:
            assert fills[row.iso3] == expected, row.iso3
    assert svgmap.shade(4, 7) == "#295B98"  # halfway between #4A86C5 and #08306B: (74+8)/2=41=0x29, ...
    uncovered = [p for p in ET.fromstring(drawn_map(coverage, "t", filters.Filters())).iter(f"{SVG}path")
                 if p.get("fill") == charts.LAND]  # fmt: skip
    assert len(uncovered) > 50  # every other country is drawn, as land without a link


def test_text_from_the_data_is_never_markup(dataset, tables):
    evil = '<b onmouseover="x">t</b>"><script>alert(1)</script>'
    coverage = transforms.coverage(tables).head(3).assign(record_titles=evil, roles=evil)
    shown = filters.Filters(text='"><a href="https://evil.example">x</a>')
    figure = drawn_map(coverage, '<img src=x onerror="y">', shown)
    root = ET.fromstring(figure)
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in {"script", "b", "img"}]
    assert [e.get("href").split("?")[0] for e in root.iter(f"{SVG}a")] == ["profile"] * len(list(root.iter(f"{SVG}a")))
    assert not re.search(r"evil\.example", " ".join(a.get("href") for a in root.iter(f"{SVG}a")).replace("%2F", "/")
                         .split("q=")[0])  # fmt: skip
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert titles and all(evil in t for t in titles)
    assert root.find("figcaption").text == '<img src=x onerror="y">'


def test_an_empty_selection_draws_the_world_without_links(tables):
    empty = transforms.coverage(replaced(tables, countries=tables.countries.head(0)), "participant")
    figure = drawn_map(empty, "t", filters.Filters())
    assert not links(figure) and "<path" in figure


def test_a_country_cut_by_the_maps_edge_gets_a_dot_and_every_dot_is_drawn_whole(tables):
    """Fiji's islands sit on the antimeridian, where the map's edge cuts them into slivers: both maps add a dot.
    Tuvalu's dot, at the very edge, is inside the picture."""
    coverage = transforms.coverage(tables, transforms.ANY_ROLE)
    assert {"FJI", "TUV"} <= set(coverage["iso3"])
    figure = drawn_map(coverage, "t", filters.Filters())
    root = ET.fromstring(figure)
    assert any(a.find(f"{SVG}circle") is not None for a in links(figure)["FJI"])
    _, markers = geo.map_layers(coverage)  # the zoomable map's dots
    assert "FJI" in set(markers["iso3"])
    x0, y0, width, height = (float(v) for v in root.find(f"{SVG}svg").get("viewBox").split())
    circles = list(root.iter(f"{SVG}circle"))
    assert circles
    for c in circles:
        cx, cy, r = (float(c.get(k)) for k in ("cx", "cy", "r"))
        assert x0 <= cx - r and cx + r <= x0 + width and y0 <= cy - r and cy + r <= y0 + height, c.attrib
