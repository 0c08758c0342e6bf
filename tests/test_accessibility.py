"""Accessible by construction: contrast of every palette, a text twin for every chart, named controls, and axe-core
(WCAG 2.1 A/AA + best practice) in Chromium on every page, default and filtered, failing on any serious or critical
violation. Also every page at phone width (390 x 844), screenshotted for the README.
"""

import itertools
import json
import os
import re
from pathlib import Path

import pytest

from sstc import ROOT_DIR, charts, contrast, summaries, transforms
from tests.conftest import shown
from tests.test_app import open_page, opened
from tests.test_browser import SCREENSHOTS, browser, chromium, page, server, wait_ready  # noqa: F401 (fixtures)

WHITE = "#FFFFFF"
AXE = ROOT_DIR / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    ("", "overview"),
    ("coverage", "coverage"),
    ("coverage?map=zoomable", "coverage-zoomable"),
    ("funding", "funding"),
    ("modalities", "modalities"),
    ("outcomes", "outcomes"),
    ("explorer", "explorer"),
    ("projects", "projects"),
    ("profile?iso3=BRA", "profile"),
    ("compare", "compare"),
    ("replication", "replication"),
    ("gaps", "gaps"),
    ("shortlist?pick=practice:3&pick=project:ASIA-BRICS", "shortlist"),
    ("timeline", "timeline"),
    ("about", "about"),
]
TITLES = {
    "overview": "Overview",
    "coverage": "Country coverage",
    "coverage-zoomable": "Country coverage",
    "funding": "Funding mix",
    "modalities": "Modalities",
    "outcomes": "Outcome alignment",
    "explorer": "Practice explorer",
    "projects": "Project explorer",
    "profile": "Country profile",
    "compare": "Compare",
    "replication": "Replication finder",
    "gaps": "Coverage gaps",
    "shortlist": "Shortlist and brief",
    "timeline": "Timeline",
    "about": "About the data",
}


def open_path(path: str):
    """AppTest of a page given as its URL path and query (`profile?iso3=BRA`)."""
    name, _, query = path.partition("?")
    params: dict[str, list[str]] = {}
    for pair in filter(None, query.split("&")):
        key, value = pair.split("=")
        params.setdefault(key, []).append(value)
    return open_page(name or "overview", **params)


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
        figure = json.loads(drawn.proto.json)["figure"]
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


def test_every_country_is_reachable_without_a_mouse():
    at = open_page("coverage")
    table = at.dataframe[0].value
    chooser = next(s for s in at.selectbox if s.label == "Open a country profile")
    assert set(chooser.options) == set(table["country"]) or len(chooser.options) == len(table)


# --- in Chromium ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core not found at {AXE}: run `npm ci` (make test does)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def run_axe(tab, source: str) -> list[dict]:
    tab.add_script_tag(content=source)
    return tab.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return result.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )


@pytest.mark.parametrize(("path", "name"), PAGES)
@pytest.mark.parametrize("state", ["default", "filtered", "phone"])
def test_axe_finds_no_serious_or_critical_violation(page, server, axe_source, path, name, state):  # noqa: F811
    """Default and filtered at desktop width, and at phone width, where Streamlit moves the navigation into the
    sidebar (that is where sectioned navigation wrote invalid lists)."""
    url = f"{server}/{path}"
    if state == "filtered":
        url += ("&" if "?" in url else "?") + "region=Africa"
    if state == "phone":
        page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    wait_ready(page)
    found = run_axe(page, axe_source)
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert page.title() == TITLES[name]
    headings = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] :is(h1, h2, h3, h4)')].map(h => +h.tagName[1])"
    )  # the sidebar's "Filters" (h2) comes first in the DOM; axe's heading-order rule passes with it
    assert headings[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(headings)), headings


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_every_page_at_phone_width(browser, server, path, name):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(f"{server}/{path}")
    wait_ready(tab)
    overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"
    for chart in tab.locator(".js-plotly-plot").all()[:2]:
        box = chart.bounding_box()
        assert box is None or box["width"] >= 300  # charts use the width, the legend goes under them
    out = SCREENSHOTS / "phone"
    out.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=Path(out / f"{name}.png"))
    context.close()


def _looks(tab) -> list[str]:
    """Outline, box shadow and border colour of the focused element and its four nearest ancestors."""
    return tab.evaluate(
        "() => { const out = []; let e = document.activeElement;"
        " for (let i = 0; e && i < 5; i++, e = e.parentElement) { const s = getComputedStyle(e);"
        " out.push([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor].join(' ')); }"
        " return out; }"
    )


def test_a_country_profile_opens_from_the_keyboard_alone_with_focus_in_sight(page, server):  # noqa: F811
    """Tab to the country chooser, type, Enter: the profile opens, no mouse; the focused control shows a ring."""
    page.goto(f"{server}/coverage")
    wait_ready(page, "[data-testid=stDataFrame]")
    chooser = page.locator("[data-testid=stSelectbox]").filter(has_text="Open a country profile").locator("input")
    for _ in range(200):  # Tab through the page until the chooser has the focus
        page.keyboard.press("Tab")
        if chooser.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("the country chooser cannot be reached with Tab")
    focused = _looks(page)
    chooser.evaluate("e => { window.__chooser = e; e.blur(); }")
    blurred = page.evaluate(
        "() => { const out = []; let e = window.__chooser;"
        " for (let i = 0; e && i < 5; i++, e = e.parentElement) { const s = getComputedStyle(e);"
        " out.push([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor].join(' ')); }"
        " return out; }"
    )
    assert focused != blurred, "the chooser looks the same with and without the focus"
    chooser.focus()
    page.keyboard.type("Ethiopia")
    page.keyboard.press("Enter")
    page.wait_for_url("**/profile?**iso3=ETH**", timeout=30_000)
    wait_ready(page, "[data-testid=stMetric]")
    assert page.get_by_role("heading", name="Ethiopia at a glance").count() == 1
