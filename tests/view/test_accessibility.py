"""Accessible by construction: contrast of every palette, chart text, outlines and summaries that say what each
chart shows."""

import pytest

from sstc.analysis import transforms
from sstc.view import charts, contrast, summaries

WHITE = "#FFFFFF"


# --- contrast ------------------------------------------------------------------------------------------------------


def test_contrast_ratio_matches_the_wcag_examples():
    assert contrast.ratio("#000000", WHITE) == pytest.approx(21.0)
    assert contrast.ratio("#777777", WHITE) == pytest.approx(4.48, abs=0.01)
    assert contrast.ratio(WHITE, WHITE) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "palette",
    [
        charts.REGION_COLORS,
        charts.DELIVERY_COLORS,
        charts.CRITERION_COLORS,
        {"covered now": charts.SHORTLIST_COLORS[0], "added": charts.SHORTLIST_COLORS[1]},
        {k: v for k, v in charts.STATUS_COLORS.items() if k != "nothing"},
        {k: v for k, v in charts.OUTCOME_STATE_COLORS.items() if k != "none"},
        {"outcome": charts.OUTCOME_COLOR},
    ],
)
def test_every_mark_colour_has_3_to_1_against_the_background(palette):
    for name, colour in palette.items():
        assert contrast.ratio(colour, WHITE) >= 3.0, (name, colour, round(contrast.ratio(colour, WHITE), 2))


def test_chart_text_has_4_5_to_1_and_the_empty_cells_say_so_in_text():
    assert contrast.ratio(charts.TEXT, WHITE) >= 4.5
    for empty in (charts.STATUS_COLORS["nothing"], charts.OUTCOME_STATE_COLORS["none"]):
        # an empty cell is background, not a mark: it is written "–" in text with 4.5:1 on it
        assert contrast.ratio(charts.TEXT, empty) >= 4.5


def test_the_map_scale_starts_at_one_record_with_a_visible_first_step(tables):
    figure = charts.coverage_map(transforms.coverage(tables), "t")
    choropleth = next(t for t in figure.data if t.type == "choropleth")
    assert choropleth.zmin == 1
    first = charts.SEQUENTIAL[0][1]
    assert contrast.ratio(first, WHITE) >= 3.0 and contrast.ratio(first, charts.LAND) >= 3.0
    assert choropleth.colorbar.orientation == "h"  # under the map, not beside it: the map keeps the width


def test_stacked_marks_are_outlined_so_adjacent_colours_stay_apart(tables):
    figure = charts.stacked_by_region(transforms.funding_by_region(tables), "source", "t", "Records")
    assert all(trace.marker.line.color == charts.OUTLINE and trace.marker.line.width >= 1 for trace in figure.data)


# --- text twins ----------------------------------------------------------------------------------------------------


def test_chart_summaries_say_what_the_chart_shows(dataset, tables):
    coverage = transforms.coverage(tables, "participant")
    top = coverage.iloc[0]
    said = summaries.coverage_map(coverage, "participant")
    assert f"{top['country']}" in said and f"({top['records']})" in said
    grid = transforms.outcome_region(tables)
    said = summaries.outcome_grid(grid)
    assert f"{(grid['state'] == 'confirmed').sum()} confirmed" in said
    assert "Asia and the Pacific" in said  # its outcome matches are all ambiguous
    level = transforms.coverage(tables, "participant").head(3).assign(records=1)  # no country stands out
    assert summaries.coverage_map(level, "peer") == "3 countries shaded (peer), each named by one record."
    regions = transforms.region_summary(tables)
    assert str(regions["records"].max()) in summaries.region_bar(regions)
