"""Coverage gaps keeps one scope (issue 23, point 1): every grid, gap list, CSV and count holds only the regions,
outcomes, themes and countries the filters keep. A region filtered out was drawn "–" and counted as a gap ("Gaps: 53
of 55 outcome-region cells" under Region = Africa); it is left out now.

The expected figures come from the dataset itself (which region's records carry which outcome or theme), not from
the functions the page calls."""

import io
import json
import re

import pandas as pd
import pytest

from sstc.analysis import filters, gaps
from sstc.data import vocab
from tests.app.apptest import downloads, open_page, opened
from tests.conftest import shown

GLOBAL = "Global/interregional"
FIVE = [r for r in vocab.REGIONS if r != GLOBAL]
THEME_TAB = "Theme x region"


def records(dataset) -> list:
    return [*dataset.projects, *dataset.practices]


def done_outcomes(dataset) -> set[tuple[str, str]]:
    """(outcome, region) cells a regional record serves with a stated or inherited, unambiguous outcome."""
    projects = {p.id: p for p in dataset.projects}
    cells = set()
    for rec in records(dataset):
        codes = {o.code for o in rec.outcomes} if getattr(rec, "ambiguous", None) is None else set()
        project = projects.get(getattr(rec, "project", None) or "")
        if project is not None and project.ambiguous is None:
            codes |= {o.code for o in project.outcomes}
        cells |= {(code, rec.region) for code in codes if rec.region != GLOBAL}
    return cells


def done_themes(dataset) -> set[tuple[str, str]]:
    """(theme, region) cells a regional record carries."""
    return {(theme, rec.region) for rec in records(dataset) if rec.region != GLOBAL for theme in rec.themes}


def heatmap(at) -> dict:
    figure = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "heatmap" in c.proto.spec)
    (trace,) = [t for t in figure["data"] if t["type"] == "heatmap"]
    return trace


def gaps_header(at, what: str) -> tuple[int, int]:
    """N and M of the page's "Gaps: N of M <what>-region cells"."""
    headers = [shown(h.value) for h in at.header]
    found = [m for h in headers if (m := re.fullmatch(rf"Gaps: (\d+) of (\d+) {what}-region cells", h))]
    assert len(found) == 1, headers
    return int(found[0][1]), int(found[0][2])


def captions(at) -> str:
    return " ".join(shown(c.value) for c in at.caption)


def every_frame(at) -> list[pd.DataFrame]:
    """Every table the page shows (the chart's data opened) and every CSV it offers, as frames."""
    opened(at, "chart-data-")
    frames = [d.value for d in at.dataframe] + [t.value for t in at.table]
    frames += [pd.read_csv(io.BytesIO(raw), dtype=str) for name, raw in downloads(at).items() if name.endswith(".csv")]
    assert frames
    return frames


def column(frame: pd.DataFrame, name: str) -> set[str]:
    """A column's values, whether the frame has raw (CSV) or reader's (table) headers."""
    for header in (name, name.capitalize()):
        if header in frame.columns:
            return {str(v) for v in frame[header]}
    raise KeyError(name)


def regions_shown(frames: list[pd.DataFrame]) -> set[str]:
    with_regions = [f for f in frames if "region" in f.columns or "Region" in f.columns]
    assert with_regions
    return set().union(*(column(f, "region") for f in with_regions))


# --- Region -----------------------------------------------------------------------------------------------------


def test_with_region_africa_the_outcome_grid_gaps_and_csvs_hold_africa_only(dataset, record_downloads):
    at = open_page("gaps", region="Africa")
    trace = heatmap(at)
    assert trace["x"] == ["Africa"] and len(trace["y"]) == len(vocab.OUTCOMES)
    done = {o for o, r in done_outcomes(dataset) if r == "Africa"}
    assert gaps_header(at, "outcome") == (len(vocab.OUTCOMES) - len(done), len(vocab.OUTCOMES) * 1)
    assert regions_shown(every_frame(at)) == {"Africa"}
    said = captions(at)
    assert f"{len(vocab.OUTCOMES)} outcome-region cells in Africa:" in said
    assert "a cell outside the filter shows as a gap" not in said  # no longer true, no longer said
    assert "Counted differently from Outcome alignment, on purpose" in said


def test_with_region_africa_the_theme_grid_gaps_and_csvs_hold_africa_only(dataset, record_downloads):
    at = open_page("gaps", region="Africa", view=THEME_TAB)
    trace = heatmap(at)
    assert trace["x"] == ["Africa"] and len(trace["y"]) == len(vocab.THEMES)
    done = {t for t, r in done_themes(dataset) if r == "Africa"}
    assert gaps_header(at, "theme") == (len(vocab.THEMES) - len(done), len(vocab.THEMES) * 1)
    assert regions_shown(every_frame(at)) == {"Africa"}


def test_a_global_record_reaching_africa_still_counts_for_africa_under_region_africa(dataset, record_downloads):
    """The grids count a global record in the regions of its participant countries; a region filter drops global
    records from the filtered tables, which turned Africa's 'global activities only' cells into 'nothing'."""
    named_in_africa = {c for rec in records(dataset) if rec.region == "Africa" for c in rec.countries.participant}
    reaching = {
        theme
        for rec in records(dataset)
        if rec.region == GLOBAL and set(rec.countries.participant) & named_in_africa
        for theme in rec.themes
    }
    undone = reaching - {t for t, r in done_themes(dataset) if r == "Africa"}
    assert undone  # the shipped data has one: ITC-BRICS (formalisation) names South Africa

    def africa(**params: str) -> pd.DataFrame:
        """Africa's cells of the theme grid, from the CSV of the chart's data."""
        at = open_page("gaps", view=THEME_TAB, **params)
        opened(at, "chart-data-")
        (raw,) = [raw for name, raw in downloads(at).items() if "theme-region-grid-chart-data" in name]
        grid = pd.read_csv(io.BytesIO(raw), dtype=str)
        return grid[grid["region"] == "Africa"].set_index("theme").drop(columns="region")

    filtered, whole = africa(region="Africa"), africa()
    assert (filtered.loc[sorted(undone), "status"] == gaps.GLOBAL_ONLY).all()
    pd.testing.assert_frame_equal(filtered, whole)  # Africa's cells read the same with and without the filter


def test_with_two_regions_both_and_only_them(dataset, record_downloads):
    at = open_page("gaps", region=["Africa", "Americas"])
    trace = heatmap(at)
    assert trace["x"] == ["Africa", "Americas"]
    done = {(o, r) for o, r in done_outcomes(dataset) if r in ("Africa", "Americas")}
    assert gaps_header(at, "outcome") == (len(vocab.OUTCOMES) * 2 - len(done), len(vocab.OUTCOMES) * 2)
    assert regions_shown(every_frame(at)) == {"Africa", "Americas"}
    gap_rows = at.dataframe[0].value
    cells = set(zip(gap_rows["outcome"], gap_rows["region"], strict=True))
    assert ("5", "Americas") in done and (
        "5",
        "Americas",
    ) not in cells  # done in the Americas, not a gap under a filter

    at = open_page("gaps", region=["Africa", "Americas"], view=THEME_TAB)
    assert heatmap(at)["x"] == ["Africa", "Americas"]
    done = {(t, r) for t, r in done_themes(dataset) if r in ("Africa", "Americas")}
    assert gaps_header(at, "theme") == (len(vocab.THEMES) * 2 - len(done), len(vocab.THEMES) * 2)


def test_with_region_africa_the_country_and_candidate_tabs_list_african_countries_only(dataset):
    named_elsewhere = {
        c
        for rec in records(dataset)
        if rec.region not in ("Africa", GLOBAL)
        for c in [*rec.countries.participant, *rec.countries.peer, *rec.countries.candidate]
    }
    named_in_africa = {
        c
        for rec in records(dataset)
        if rec.region == "Africa"
        for c in [*rec.countries.participant, *rec.countries.peer, *rec.countries.candidate]
    }
    at = open_page("gaps", region="Africa", view="Country x outcome")
    listed = set().union(*(column(d.value, "iso3") for d in at.dataframe))
    assert listed and listed <= named_in_africa
    # A kept country's row counts its region's records and global ones, never another region's: at most its row
    # without the filter.
    whole = open_page("gaps", view="Country x outcome").dataframe[-1].value.set_index(["iso3", "outcome"])
    grid = at.dataframe[-1].value.set_index(["iso3", "outcome"])
    for count in ("records", "ambiguous_records"):
        assert (grid[count] <= whole.loc[grid.index, count]).all()
    at = open_page("gaps", region="Africa", view="Candidates not yet covered")
    candidates = column(at.dataframe[-1].value, "iso3")
    assert candidates and candidates <= named_in_africa and not candidates & (named_elsewhere - named_in_africa)
    assert "DEU" not in candidates  # an uncovered candidate of Europe and Central Asia
    assert not any("have no region here" in shown(c.value) for c in at.caption)  # Portugal: named by a global record


# --- Outcome, theme, country --------------------------------------------------------------------------------------


def test_with_an_outcome_filter_only_that_outcomes_rows(dataset, record_downloads):
    at = open_page("gaps", outcome="7")
    trace = heatmap(at)
    assert trace["y"] == ["Outcome 7"] and trace["x"] == FIVE
    done = {r for o, r in done_outcomes(dataset) if o == "7"}
    assert gaps_header(at, "outcome") == (len(FIVE) - len(done), len(FIVE))
    frames = every_frame(at)
    assert set().union(*(column(f, "outcome") for f in frames)) == {"7"}
    at = open_page("gaps", outcome="7", view="Country x outcome")
    assert column(at.dataframe[-1].value, "outcome") == {"7"}
    assert any(shown(h.value).endswith("participant countries with no confirmed Outcome 7") for h in at.header)


def test_with_a_theme_filter_only_that_themes_rows(dataset):
    at = open_page("gaps", theme="formalisation", view=THEME_TAB)
    trace = heatmap(at)
    assert trace["x"] == FIVE and len(trace["y"]) == 1
    done = {r for t, r in done_themes(dataset) if t == "formalisation"}
    assert gaps_header(at, "theme") == (len(FIVE) - len(done), len(FIVE))
    assert set(at.dataframe[0].value["theme"]) == {"formalisation"}


def test_with_a_country_filter_only_its_region(tables):
    at = open_page("gaps", country="ETH")
    assert heatmap(at)["x"] == ["Africa"]
    assert gaps_header(at, "outcome")[1] == len(vocab.OUTCOMES)
    # A country no regional record names has no region on this page: no cell, said so (no empty chart).
    regions_of = gaps.country_regions(tables)
    portugal = filters.apply(tables, filters.Filters(countries=("PRT",)))
    assert "PRT" not in regions_of.index
    assert gaps.outcome_region(portugal, regions_of, iso3s=("PRT",)).empty
    at = open_page("gaps", country="PRT")
    assert "No cell to show" in " ".join(shown(i.value) for i in at.info)
    assert not at.get("plotly_chart")


def test_with_region_global_only_the_grids_keep_the_five_regions_and_say_what_a_dash_means():
    at = open_page("gaps", region=GLOBAL)
    assert heatmap(at)["x"] == FIVE
    assert "the grids count global records only" in captions(at)


# --- No filter ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("view", "what"), [(None, "outcome"), (THEME_TAB, "theme")])
def test_without_filters_the_counts_are_as_before(dataset, view, what):
    at = open_page("gaps", **({"view": view} if view else {}))
    values = vocab.OUTCOMES if what == "outcome" else vocab.THEMES
    done = done_outcomes(dataset) if what == "outcome" else done_themes(dataset)
    every = len(values) * len(FIVE)
    assert gaps_header(at, what) == (every - len(done), every)
    assert heatmap(at)["x"] == FIVE
    assert "count only the records" not in captions(at)
    if what == "outcome":
        assert gaps_header(at, what) == (52, 55)  # the figures of issue 23's shipped data, unchanged
