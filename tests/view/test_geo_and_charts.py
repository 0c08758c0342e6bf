"""The map shows every country of the filtered data, as a shape or a marker, from the shipped geometry."""

import json
import math

import pytest

from sstc.analysis import filters, transforms
from sstc.data import vocab
from sstc.data.tables import Tables
from sstc.view import charts, geo

SMALL_STATES = ["TUV", "KIR", "PLW", "COK", "MHL", "MDV", "TON", "WSM", "SYC", "MUS"]


def drawn(fig) -> tuple[set[str], set[str]]:
    choropleth = next(t for t in fig.data if t.type == "choropleth")
    markers = next(t for t in fig.data if t.type == "scattergeo")
    for lat, lon in zip(markers.lat, markers.lon, strict=True):
        assert math.isfinite(lat) and math.isfinite(lon)
    return set(choropleth.locations), set(markers.customdata)


def geometry_ids() -> set[str]:
    topo = json.loads(geo.TOPOJSON_FILE.read_text(encoding="utf-8"))
    return {g["id"] for g in topo["objects"]["countries"]["geometries"] if "id" in g}


@pytest.mark.parametrize("role", [transforms.ANY_ROLE, *vocab.ROLES])
@pytest.mark.parametrize(
    "facet",
    [
        filters.Filters(),
        filters.Filters(regions=("Asia and the Pacific",)),
        filters.Filters(countries=("XKX",)),
        filters.Filters(text="migration"),
    ],
)
def test_every_country_is_a_shape_or_a_marker(tables: Tables, role, facet):
    coverage = transforms.coverage(filters.apply(tables, facet), role)
    shapes, markers = drawn(charts.coverage_map(coverage, "t"))
    assert shapes | markers == set(coverage["iso3"])
    assert shapes <= geometry_ids()


def test_countries_missing_from_the_geometry_become_markers(tables):
    coverage = transforms.coverage(tables, transforms.ANY_ROLE)
    assert {"TUV", "XKX"} <= set(coverage["iso3"])
    assert not {"TUV", "XKX"} & geometry_ids()
    shapes, markers = drawn(charts.coverage_map(coverage, "t"))
    assert {"TUV", "XKX"} <= markers - shapes


def test_small_island_states_get_markers(tables):
    coverage = transforms.coverage(tables, transforms.ANY_ROLE)
    _, markers = drawn(charts.coverage_map(coverage, "t"))
    present = set(coverage["iso3"]) & set(SMALL_STATES)
    assert present and present <= markers


def test_large_countries_are_shapes_only(tables):
    coverage = transforms.coverage(tables, transforms.ANY_ROLE)
    shapes, markers = drawn(charts.coverage_map(coverage, "t"))
    assert {"BRA", "CHN", "ETH", "RUS"} <= shapes and not {"BRA", "CHN", "ETH", "RUS"} & markers


def test_area_estimates_are_plausible():
    known = geo._countries()
    assert 15_000 < known.loc["FJI", "area_km2"] < 22_000  # crosses the antimeridian
    assert 1.0e6 < known.loc["ETH", "area_km2"] < 1.3e6


def test_map_needs_no_internet():
    """plotly.js asks the app for `world_{resolution}m.json`: the file is there, and the finer one too."""
    assert geo.TOPOJSON_FILE.name == f"world_{geo.RESOLUTION}m.json"
    assert geo.TOPOJSON_FILE.stat().st_size > 100_000 and geo.DETAIL_FILE.stat().st_size > 500_000


def test_states_the_drawn_world_lacks_are_markers_at_their_own_place(tables):
    """The 110m world has no Maldives, Mauritius or Kiribati: they are markers where the 50m world puts them."""
    coverage = transforms.coverage(tables, transforms.ANY_ROLE)
    shapes, markers = geo.map_layers(coverage)
    lacking = set(coverage["iso3"]) - geometry_ids() - set(geo.MISSING_POSITIONS)
    assert {"MDV", "MUS", "KIR"} <= lacking
    placed = markers.set_index("iso3")
    for code in lacking:
        assert code in placed.index and code not in set(shapes["iso3"])
        lat, lon = geo._countries().loc[code, ["lat", "lon"]]
        assert (placed.loc[code, "lat"], placed.loc[code, "lon"]) == (lat, lon)


def test_region_colours_are_fixed_and_distinct():
    assert set(charts.REGION_COLORS) == set(vocab.REGIONS)
    assert len(set(charts.REGION_COLORS.values())) == len(vocab.REGIONS)


def test_hover_names_the_records(dataset, tables):
    coverage = transforms.coverage(tables, "participant")
    fig = charts.coverage_map(coverage, "t")
    choropleth = next(t for t in fig.data if t.type == "choropleth")
    hover = dict(zip(choropleth.locations, choropleth.hovertext, strict=True))
    for project in dataset.projects:
        if "ETH" in project.countries.participant:
            assert project.id in hover["ETH"]
    assert "Ethiopia" in hover["ETH"]


def test_map_hover_gives_every_title_whole(dataset, tables):
    """Wrapped over lines, never cut: each record's whole title is in the hover of each country it names."""
    fig = charts.coverage_map(transforms.coverage(tables, "participant"), "t")
    hover = {}
    for trace in fig.data:
        for code, text in zip(trace.locations if trace.type == "choropleth" else trace.customdata, trace.hovertext,
                              strict=True):  # fmt: skip
            hover[code if isinstance(code, str) else code[0]] = " ".join(text.replace("<br>", " ").split())
    checked = 0
    for record in [*dataset.projects, *dataset.practices]:
        for code in record.countries.participant:
            if code in hover:
                assert " ".join(record.title.split()) in hover[code], (code, record.title)
                checked += 1
    assert checked > 100


def every_chart(tables: Tables) -> dict[str, object]:
    """Each chart function of sstc.view.charts on these tables."""
    from sstc.analysis import gaps, scoring, timeline

    regions_of = gaps.country_regions(tables)
    dated = timeline.dated(timeline.entries(tables))
    return {
        "coverage_map": charts.coverage_map(transforms.coverage(tables), "Countries"),
        "region_bar": charts.region_bar(transforms.region_summary(tables)),
        "stacked_by_region": charts.stacked_by_region(transforms.funding_by_region(tables), "source", "F", "Records"),
        "modality_bar": charts.modality_bar(transforms.modality_summary(tables)),
        "outcome_heatmap": charts.outcome_heatmap(transforms.outcome_region(tables)),
        "outcome_bar": charts.outcome_bar(transforms.outcome_region(tables)),
        "status_grid": charts.status_grid(gaps.theme_region(tables, regions_of), "theme", "theme_label", "Themes"),
        "timeline": charts.timeline(dated, timeline.NEWS) if len(dated) else None,
        "score_bars": charts.score_bars(scoring.score_practices(tables)),
    }


@pytest.mark.parametrize(
    "facet", [filters.Filters(), filters.Filters(regions=("Africa", "Americas")), filters.Filters(text="youth")]
)
def test_every_chart_is_what_plotly_validation_would_make_it(tables: Tables, facet):
    """Charts are made without plotly's validation (its cost was most of a chart's): each must equal its validated
    self, property for property, or plotly.js would be sent a figure plotly itself would refuse or rewrite."""
    import plotly.graph_objects as go
    import plotly.io as pio

    made = {name: fig for name, fig in every_chart(filters.apply(tables, facet)).items() if fig is not None}
    assert len(made) >= 9
    for name, fig in made.items():
        validated = go.Figure(fig.to_dict())  # raises on any property plotly does not know
        assert json.loads(pio.to_json(fig)) == json.loads(pio.to_json(validated)), name


def test_the_outcome_bars_count_in_whole_steps_on_a_short_axis(tables):
    grid = transforms.outcome_region(tables)
    assert grid.groupby("outcome")["records"].sum().max() <= 10
    assert charts.outcome_bar(grid).layout.yaxis.dtick == 1
    many = grid.assign(records=grid["records"] * 20)
    assert charts.outcome_bar(many).layout.yaxis.dtick is None  # plotly's own steps once counts are large


def test_a_short_count_axis_has_whole_steps(tables):
    """A walk of the chart images: the funding chart's axis said "0.5 records" under a filter."""
    import pandas as pd

    from sstc.view.charts import stacked_by_region

    frame = pd.DataFrame({"source": ["A", "B"], "region": ["Africa", "Africa"], "records": [1, 2]})
    assert stacked_by_region(frame, "source", "t", "Records").layout.xaxis.dtick == 1
