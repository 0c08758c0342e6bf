"""The timeline figure (issue 23, point 6): every dated entry a readable mark, row labels short on the axis and
whole in the hover, the chart over the years chosen, its summary saying what it leaves out."""

import html

import pandas as pd
import pytest

from sstc.analysis import timeline
from sstc.view import charts, summaries
from sstc.view.safe import plot

# The plot area the marks are measured against: a phone's once the row labels have their room (390 px screen, the
# chart ~360 px, labels ~150 px). A desktop's is three times as wide, so a mark readable here is readable there.
PLOT_PX = 210
READABLE_PX = 6
LABEL_CHARS, LABEL_LINES = 26, 2  # about 160 px of 12 px text


@pytest.fixture(scope="module")
def dated(tables) -> pd.DataFrame:
    return timeline.dated(timeline.entries(tables))


def hover_of(trace) -> list[str]:
    return list(trace.hovertext or trace.text or ())


def drawn_widths(figure, entry, plot_px: int) -> list[float]:
    """Every mark drawn for `entry`, in px on a plot `plot_px` wide: its bar (found by row and start) and any marker
    carrying the same hover as that bar."""
    low, high = (pd.Timestamp(x) for x in figure.layout.xaxis.range)
    px_per_ms = plot_px / ((high - low).total_seconds() * 1000)
    row, widths, hovers = plot(entry.record), [], set()
    for trace in figure.data:
        if trace.type == "bar" and trace.base is not None:
            for y, base, length, hover in zip(trace.y, trace.base, trace.x, trace.hovertext, strict=True):
                if y == row and pd.Timestamp(base) == entry.bar_start and f"{entry.when}" in hover:
                    widths.append(length * px_per_ms)
                    hovers.add(hover)
    assert hovers, f"no bar for {entry.label}"
    for trace in figure.data:
        if trace.type == "scatter":
            widths += [trace.marker.size for y, t in zip(trace.y, trace.text, strict=True) if y == row and t in hovers]
    return widths


@pytest.mark.parametrize("view", ["2019-2024", "whole span"])
def test_every_dated_entry_in_view_is_at_least_6_px_wide(dated, view):
    """The 25 June 2021 news item was a 0.6 px bar, December 2020 a 3 px one: each now has a mark of 6 px or more
    on a phone-sized plot, whatever the years shown."""
    shown = timeline.shown_range(dated, view)
    figure = charts.timeline(dated, timeline.NEWS, shown)
    assert [pd.Timestamp(x) for x in figure.layout.xaxis.range] == list(shown)
    in_view = dated[(dated["bar_start"] >= shown[0]) & (dated["bar_end"] < shown[1])]
    assert {"day", "month"} <= set(in_view["precision"])
    narrowest = {e.label: max(drawn_widths(figure, e, PLOT_PX)) for e in in_view.itertuples()}
    too_narrow = {label: round(px, 1) for label, px in narrowest.items() if px < READABLE_PX}
    assert not too_narrow
    news = dated[dated["when"] == "2021-06-25"]
    assert len(news) >= 1  # the day-precision news item of the issue is among them


def test_a_day_keeps_its_true_span_under_its_marker(dated):
    """The marker makes a day visible; the bar under it stays one day long, so zooming in shows the real span."""
    figure = charts.timeline(dated, timeline.NEWS, timeline.shown_range(dated, "2019-2024"))
    day = next(dated[dated["when"] == "2021-06-25"].itertuples())
    widths = drawn_widths(figure, day, PLOT_PX)
    one_day = PLOT_PX / (pd.Timestamp("2025-01-01") - pd.Timestamp("2019-01-01")).days
    assert min(widths) == pytest.approx(one_day, rel=0.01) and max(widths) >= READABLE_PX


def test_markers_say_inferred_and_planned_as_the_bars_do(dated):
    """Colour never carries meaning alone: a short entry's marker differs between stated, inferred and planned,
    exactly as its bar is solid, hatched or outlined."""
    stated_days = [i for i, p, why in zip(dated.index, dated["precision"], dated["inference"], strict=True)
                   if p == "day" and not timeline.inferred(why)]  # fmt: skip
    planned = dated.assign(planned=[i == stated_days[0] for i in dated.index])  # one short entry: a plan
    figure = charts.timeline(planned, timeline.NEWS, timeline.shown_range(planned, "whole span"))
    style_of: dict[str, str] = {}
    for trace in figure.data:
        if trace.type == "bar" and trace.hovertext:
            style = "outline" if trace.marker.color == charts.OUTLINE else trace.marker.pattern.shape or "solid"
            style_of |= dict.fromkeys(trace.hovertext, style)
    symbols: dict[str, set[str]] = {}
    for trace in figure.data:
        if trace.type == "scatter":
            for hover in trace.text:
                symbols.setdefault(style_of[hover], set()).add(trace.marker.symbol)
    assert set(symbols) == {"solid", "/", "outline"}  # the shipped data has stated and inferred short dates
    assert all(len(s) == 1 for s in symbols.values())
    assert len(set().union(*symbols.values())) == 3


def test_row_labels_are_short_on_the_axis_and_whole_in_the_hover(dated):
    """Labels of up to 100 characters squeezed the plot to a third of the chart: on the axis each is at most two
    short lines; the hover of every entry in the row has it whole."""
    figure = charts.timeline(dated, timeline.NEWS)
    axis = figure.layout.yaxis
    assert list(axis.tickvals) == list(axis.categoryarray)
    records = dict.fromkeys(dated["record"])
    assert len(axis.tickvals) == len(records)
    assert max(len(r) for r in records) > 60  # the news item's long title is among them
    for text in axis.ticktext:
        lines = [html.unescape(line) for line in text.split("<br>")]
        assert len(lines) <= LABEL_LINES and all(len(line) <= LABEL_CHARS for line in lines), text
    hovers = [" ".join(h.replace("<br>", " ").split()) for t in figure.data for h in hover_of(t)]
    for record, tick in zip(axis.tickvals, axis.ticktext, strict=True):
        full = next(r for r in records if plot(r) == record)
        assert html.unescape(tick.replace("<br>", " ")).split()[0] == full.split()[0]  # it starts as its record
        assert any(" ".join(plot(full).split()) in h for h in hovers), full  # and the hover has it whole


def test_the_summary_says_what_the_default_view_leaves_out(dataset, dated):
    dates = [d for r in [*dataset.projects, *dataset.practices] for d in r.dates] + [a.date for a in dataset.activities]
    drawn = [(d.start, d.end or d.start) for d in dates if d.start and d.precision != "unknown"]
    outside = sum(1 for start, end in drawn if int(start[:4]) < 2019 or int(end[:4]) > 2024)
    assert outside >= 1
    text = summaries.timeline(dated, timeline.shown_range(dated, "2019-2024"))
    assert f"The chart shows 2019-2024; {outside} entr" in text
    assert "The chart shows every one." in summaries.timeline(dated, timeline.shown_range(dated, "whole span"))
