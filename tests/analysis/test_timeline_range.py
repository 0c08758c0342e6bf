"""The timeline's choice of years (issue 23, point 6): 2019-2024 by default, the whole span one click away, and
how many entries a view cuts or leaves out."""

import pandas as pd
import pytest

from sstc.analysis import timeline


def frame(*spans: tuple[str, str]) -> pd.DataFrame:
    """Dated entries with only the drawn spans, which is all the range functions read."""
    return pd.DataFrame(
        {"bar_start": [pd.Timestamp(a) for a, _ in spans], "bar_end": [pd.Timestamp(b) for _, b in spans]}
    )


def test_the_default_view_is_2019_to_2024(tables):
    dated = timeline.dated(timeline.entries(tables))
    first, last = timeline.shown_range(dated, timeline.VIEWS[0])
    assert timeline.VIEWS[0] == "2019-2024"
    assert first == pd.Timestamp("2019-01-01")
    assert pd.Timestamp("2024-12-31") < last <= pd.Timestamp("2025-01-01")


def test_the_whole_span_holds_every_dated_entry_of_the_shipped_data(dataset, tables):
    starts = [d.start for r in [*dataset.projects, *dataset.practices] for d in r.dates if d.precision != "unknown"]
    starts += [a.date.start for a in dataset.activities if a.date.precision != "unknown"]
    earliest = min(pd.Timestamp(s) for s in starts if s)
    assert earliest.year == 2016  # practice 10's country programme: the date that stretched the axis
    dated = timeline.dated(timeline.entries(tables))
    first, last = timeline.shown_range(dated, "whole span")
    assert first < earliest and last > dated["bar_end"].max()
    assert timeline.years(dated) == f"2016-{dated['bar_end'].max().year}"


@pytest.mark.parametrize(
    ("spans", "outside_default"),
    [
        ((("2020-03-01", "2020-03-31"), ("2021-06-25", "2021-06-25 23:59")), 0),
        ((("2016-01-01", "2020-12-31"), ("2018-06-25", "2018-06-26"), ("2021-01-01", "2021-12-31")), 2),
        ((("2024-06-01", "2025-05-31"), ("2026-01-01", "2026-01-31")), 2),
    ],
)
def test_a_view_counts_the_entries_it_cuts_or_leaves_out(spans, outside_default):
    dated = frame(*spans)
    assert timeline.outside(dated, timeline.shown_range(dated, "2019-2024")) == outside_default
    assert timeline.outside(dated, timeline.shown_range(dated, "whole span")) == 0


def test_the_whole_span_never_shows_less_than_the_default():
    """Data only in 2020-2021: the whole span is not narrower than 2019-2024, so choosing it hides nothing."""
    dated = frame(("2020-10-01", "2020-10-31"), ("2021-06-25", "2021-06-25 23:59"))
    first, last = timeline.shown_range(dated, "whole span")
    assert first <= pd.Timestamp("2019-01-01") and last >= pd.Timestamp("2024-12-31")


def test_an_unknown_view_draws_the_default():
    dated = frame(("2016-01-01", "2016-12-31"))
    assert timeline.shown_range(dated, "Atlantis") == timeline.shown_range(dated, "2019-2024")
