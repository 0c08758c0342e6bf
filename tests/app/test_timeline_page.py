"""The Timeline page through AppTest (issue 23, point 6): 2019-2024 by default, the whole span one click away and
in the URL, every dated entry in a list under the chart."""

import json

import pandas as pd

from tests.app.apptest import open_page
from tests.conftest import shown


def x_range(at) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The drawn figure's x range, as sent to the browser."""
    (chart,) = at.get("plotly_chart")
    low, high = json.loads(chart.proto.spec)["layout"]["xaxis"]["range"]
    return pd.Timestamp(low), pd.Timestamp(high)


def earliest(dataset) -> pd.Timestamp:
    dates = [d for r in [*dataset.projects, *dataset.practices] for d in r.dates] + [a.date for a in dataset.activities]
    return min(pd.Timestamp(d.start) for d in dates if d.start and d.precision != "unknown")


def warnings(at) -> str:
    return shown(" ".join(w.value for w in at.warning))


def test_the_timeline_opens_on_2019_to_2024(dataset):
    at = open_page("timeline")
    low, high = x_range(at)
    assert low == pd.Timestamp("2019-01-01") and pd.Timestamp("2024-12-31") <= high <= pd.Timestamp("2025-01-01")
    assert at.radio(key="p_view").value == "2019-2024" and "view" not in at.query_params
    assert earliest(dataset) < low  # so the page says what it leaves out, and how to see it
    said = " ".join(c.value for c in at.caption)
    assert "reach outside 2019-2024: choose the whole span" in said


def test_whole_span_widens_the_axis_to_the_earliest_date_and_goes_in_the_url(dataset):
    at = open_page("timeline")
    at.radio(key="p_view").set_value("whole span").run()
    assert not at.exception
    low, high = x_range(at)
    assert low <= earliest(dataset) and high >= pd.Timestamp("2024-12-31")
    assert at.query_params["view"] in ("whole span", ["whole span"])
    assert not any("reach outside" in c.value for c in at.caption)
    at.radio(key="p_view").set_value("2019-2024").run()
    assert x_range(at)[0] == pd.Timestamp("2019-01-01") and "view" not in at.query_params


def test_a_url_with_the_whole_span_opens_on_it_and_keeps_the_filters(dataset):
    at = open_page("timeline", view="whole span", region="Asia and the Pacific")
    assert at.radio(key="p_view").value == "whole span"
    asia = [r for r in dataset.practices if r.region == "Asia and the Pacific"]
    first = min(pd.Timestamp(d.start) for r in asia for d in r.dates if d.start and d.precision != "unknown")
    assert x_range(at)[0] <= first
    assert at.query_params["view"] in ("whole span", ["whole span"])
    assert "Asia" in str(at.query_params["region"])


def test_a_view_in_the_url_that_names_nothing_gives_the_default_and_a_notice():
    at = open_page("timeline", view="1066")
    assert "view='1066'" in warnings(at)
    assert at.radio(key="p_view").value == "2019-2024" and x_range(at)[0] == pd.Timestamp("2019-01-01")


def test_the_dated_entries_are_a_plain_list_under_the_chart(dataset):
    """Not only the chart's data table in an expander: a list of every dated entry, in sight, whatever years the
    chart shows."""
    at = open_page("timeline")
    assert any(h.value.startswith("The ") and "dated entries as a list" in h.value for h in at.header)
    listed = at.dataframe[0].value  # the first table on the page, no expander opened
    assert {"when", "precision", "label", "record", "source"} <= set(listed.columns)
    dates = [d for r in [*dataset.projects, *dataset.practices] for d in r.dates] + [a.date for a in dataset.activities]
    drawable = [d for d in dates if d.start and d.precision != "unknown"]
    assert len(listed) == len(drawable)
    assert min(listed["when"].str.slice(0, 4).astype(int)) == earliest(dataset).year  # 2016 too, outside the view
    assert set(listed["precision"]) >= {"day", "month", "year"}
