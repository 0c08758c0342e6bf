"""Views that answer a planner's question truly: one test (or more) per point of the views issue (what is drawn).

Expected figures come from the dataset models, independently of the code under test.
"""

import pandas as pd
import pytest

from sstc.analysis import transforms
from sstc.data.tables import COLUMNS
from sstc.view import labels


def test_chart_titles_say_what_they_count(tables):
    from sstc.view import charts

    funding = charts.stacked_by_region(transforms.funding_by_region(tables), "source", "t", "Records")
    assert funding.layout.xaxis.title.text == "Records"
    modality = charts.modality_bar(transforms.modality_summary(tables))
    assert "delivered" in modality.layout.title.text


# 4. ambiguity in sight ----------------------------------------------------------------------------------------------


def test_gaps_hover_and_table_carry_the_reason_for_an_ambiguity(dataset, tables):
    from sstc.analysis import gaps
    from sstc.view import charts

    grid = gaps.outcome_region(tables, gaps.country_regions(tables))
    ambiguous = grid[grid["status"] == gaps.AMBIGUOUS]
    assert len(ambiguous) and ambiguous["ambiguity"].str.len().gt(20).all()
    reasons = {p.ambiguous.summary[:30] for p in dataset.projects if p.ambiguous}
    assert any(r in " ".join(ambiguous["ambiguity"]) for r in reasons)
    figure = charts.status_grid(grid, "outcome", "outcome_name", "t")
    hover = " ".join(" ".join(row) for row in figure.data[0].hovertext)
    assert any(r.split()[0] in hover for r in reasons)


# 6. every record on the timeline: tests/test_app_planning.py and tests/test_planning.py ---------------------------


def test_timeline_axis_spans_every_date(tables):
    from sstc.analysis import timeline
    from sstc.view import charts

    drawn = timeline.dated(timeline.entries(tables))
    figure = charts.timeline(drawn, timeline.NEWS)
    low, high = (pd.Timestamp(x) for x in figure.layout.xaxis.range)
    assert low <= drawn["bar_start"].min() and high >= drawn["bar_end"].max()
    assert drawn["bar_start"].min().year < 2018  # practice 10's programme from 2016 stays on the axis


# 14. human headers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "shown"),
    [("practices_moved_online", "Practices moved online"), ("iso3", "ISO code"), ("records", "Records"),
     ("adaptability_reason", "Adaptability: reason")],
)  # fmt: skip
def test_headers_on_screen_are_words(column, shown):
    assert labels.header(column) == shown


def test_screen_headers_never_collide(tables):
    from sstc.analysis import gaps

    for name, columns in COLUMNS.items():
        shown = [labels.header(c) for c in columns]
        assert len(shown) == len(set(shown)), name
    grid = gaps.theme_region(tables, gaps.country_regions(tables))
    assert len(set(labels.headers(list(grid.columns)))) == grid.shape[1]
    assert labels.headers(["records", "record_titles", "x_y", "x y"]) == [
        "Records", "Records naming it", "X y", "X y (x y)"
    ]  # fmt: skip
