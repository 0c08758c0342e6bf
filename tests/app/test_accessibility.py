"""Accessible by construction: a text twin (accessible name, caption, data table) for every chart, named download
buttons, every country reachable without a mouse (AppTest)."""

import json
import re

import pytest

from sstc.view import svgmap
from tests.app.apptest import open_page, open_path, opened
from tests.conftest import EVERY_VIEW as PAGES
from tests.conftest import shown


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_every_chart_has_an_accessible_name_a_caption_and_its_data(path, name):
    at = open_path(path)
    charts_ = at.get("plotly_chart")
    maps = [m for m in at.get("bidi_component") if m.proto.component_name == "sstc.map"]  # the quick map (SVG)
    captions = " ".join(shown(c.value) for c in at.caption)
    expanders = [e.label for e in at.expander]
    for chart in charts_:
        alt = chart.proto.alt if hasattr(chart.proto, "alt") else ""
        assert alt and alt in captions, name
    for drawn in maps:
        figure = svgmap.figure(json.loads(drawn.proto.json)["map"])
        assert re.search(r'<svg [^>]*role="group" aria-label="[^"]+"', figure), name
        assert all(re.search(r'aria-label="[^"]+"', a) for a in re.findall(r"<a [^>]*>", figure)), name
    shown_charts = len(charts_) + len(maps)
    assert sum(label.startswith("The chart's data as a table") for label in expanders) == shown_charts, name


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_every_charts_data_table_opens_with_its_rows_and_csv(path, name):
    """A chart's table twin is built when its expander opens (a click reruns the page): opened, each holds the
    data as a table with its CSV button."""
    at = open_path(path)
    if not [k for k in at.session_state if str(k).startswith("chart-data-")]:
        assert not at.get("plotly_chart"), name  # a page with a chart has its table twin
        return
    at = opened(at, "chart-data-")
    twins = [e for e in at.expander if e.label.startswith("The chart's data as a table")]
    assert twins, name
    for twin in twins:
        (grid,) = twin.table  # a reading table: every cell's whole text, escaped
        assert len(grid.value) > 0, (name, twin.label)
        assert [b for b in twin.get("download_button") if " as CSV (" in b.proto.label], (name, twin.label)


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_download_buttons_name_their_tables(path, name):
    at = open_path(path)
    labels = [b.proto.label for b in at.get("download_button")]
    assert len(labels) == len(set(labels)), labels
    assert all(label.startswith("Download ") and " as CSV (" in label for label in labels if "CSV" in label)
    assert not [label for label in labels if label.startswith("Download CSV")]
    # a click builds the file and changes nothing on the page: no rerun, which could drop the file's answer
    assert [b.proto.label for b in at.get("download_button") if not b.proto.ignore_rerun] == []


def test_every_country_is_reachable_without_a_mouse():
    at = open_page("coverage")
    table = at.dataframe[0].value
    chooser = next(s for s in at.selectbox if s.label == "Open a country profile")
    assert set(chooser.options) == set(table["country"]) or len(chooser.options) == len(table)
