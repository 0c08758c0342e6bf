"""One scope per view (issue 23, point 1): what the filters leave out is not drawn or counted as "none"."""

import json
import urllib.parse

import pytest

from sstc.analysis import filters, transforms
from sstc.data import vocab
from tests.app.apptest import open_page
from tests.conftest import EVERY_VIEW, shown


def test_the_outcome_grid_holds_only_the_regions_and_outcomes_the_filters_keep(tables):
    africa = filters.apply(tables, filters.Filters(regions=("Africa",)))
    grid = transforms.outcome_region(africa, ("Africa",))
    assert set(grid["region"]) == {"Africa"} and len(grid) == len(vocab.OUTCOMES)
    both = transforms.outcome_region(africa, ("Africa", "Americas"), ("1", "7"))
    assert sorted(set(both["region"])) == ["Africa", "Americas"] and set(both["outcome"]) == {"1", "7"}
    assert len(transforms.outcome_region(tables)) == len(vocab.OUTCOMES) * len(vocab.REGIONS)  # no filter: all


def test_outcome_alignment_with_region_africa_counts_and_draws_africa_only():
    at = open_page("outcomes", region="Africa")
    texts = [shown(m.value) for m in at.markdown] + [shown(c.value) for c in at.caption]
    cells = next(t for t in texts if "outcome-region cells" in t)
    assert cells.startswith(f"{len(vocab.OUTCOMES)} outcome-region cells"), cells
    figure = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "heatmap" in c.proto.spec)
    (heatmap,) = [t for t in figure["data"] if t["type"] == "heatmap"]
    assert heatmap["x"] == ["Africa"] and len(heatmap["y"]) == len(vocab.OUTCOMES)


def test_a_profile_emptied_by_a_filter_says_why_suggests_the_change_and_offers_no_empty_document():
    at = open_page("profile", iso3="ETH", region="Americas")
    said = " ".join(shown(i.value) for i in at.info)
    assert "No record under the current filters names Ethiopia" in said
    labels = [shown(b.label) for b in at.button]
    assert any(label.startswith("without region Americas") for label in labels), labels
    assert not any("profile as PDF" in d.label for d in at.get("download_button"))
    next(b for b in at.button if shown(b.label).startswith("without region Americas")).click().run()
    assert not at.exception
    assert "No record" not in " ".join(shown(i.value) for i in at.info)
    assert any("profile as PDF" in d.label for d in at.get("download_button"))


def test_compare_with_two_empty_sides_offers_sides_that_have_records():
    at = open_page("compare", q="brics")  # BRICS: records in Asia and the Pacific and Europe, none in the default sides
    said = " ".join(shown(i.value) for i in at.info)
    assert "Neither Africa nor Americas has a record" in said and "Widen the selection" not in said
    offer = next(b for b in at.button if "Asia and the Pacific (2 records)" in shown(b.label))
    offer.click().run()
    assert not at.exception
    headers = [shown(h.value) for h in at.header]
    assert "Side by side" in headers and "Asia and the Pacific" in headers


def test_an_outcome_cells_hover_is_a_few_lines_and_says_where_the_reasons_are(tables):
    """The hover was about 20 lines of reasons covering the whole heat map (issue 23, point 7)."""
    from sstc.view import charts

    figure = charts.outcome_heatmap(transforms.outcome_region(tables))
    (heatmap,) = [t for t in figure.to_plotly_json()["data"] if t["type"] == "heatmap"]
    hovers = [h for row in heatmap["hovertext"] for h in row]
    ambiguous = [h for h in hovers if "Ambiguous: " in h]
    assert ambiguous and all("choose this cell under the grid" in h for h in ambiguous)
    assert max(h.count("<br>") for h in hovers) <= 9  # about 20 before


def test_the_reason_comes_right_after_the_title_in_records_and_their_outcomes(tables):
    columns = list(transforms.outcome_records(tables).columns)
    assert columns.index("reason") == columns.index("title") + 1


def test_two_pages_that_count_the_outcome_grid_differently_both_say_so():
    """Issue 23, point 5: 66 cells here, 55 there, with nothing saying why."""
    outcomes = " ".join(shown(c.value) for c in open_page("outcomes").caption)
    gaps = " ".join(shown(c.value) for c in open_page("gaps").caption)
    assert "Coverage gaps counts the same records differently, on purpose" in outcomes
    assert "Counted differently from Outcome alignment, on purpose" in gaps
    profile = open_page("profile", iso3="ETH")
    (naming,) = [m for m in profile.metric if m.label == "Records naming it"]
    assert "any role" in naming.help and "Country coverage" in naming.help


def test_choosing_a_cell_shows_each_ambiguous_records_reason_in_one_sentence_and_the_readings_on_demand(tables):
    """Issue 23, point 7: the reasons of a chosen cell in a panel (a heat map's cell cannot be clicked in Streamlit),
    one short sentence per record, the full reasoning in an expander; the choice is in the URL."""
    grid = transforms.outcome_region(tables)
    cells = transforms.ambiguous_cells(grid)
    assert "5:Americas" in cells and cells["5:Americas"].startswith("Outcome 5 in Americas: ")
    at = open_page("outcomes", cell="5:Americas")
    assert at.query_params["cell"] in ("5:Americas", ["5:Americas"])
    assert "The ambiguous matches of Outcome 5 in Americas" in [shown(h.value) for h in at.header]
    assert any(shown(m.value).startswith("Confirmed here besides: ") for m in at.markdown)  # the cell reads "2 +4?"
    said = [shown(m.value) for m in at.markdown]
    assert any(t.startswith("**Project LAC-STUDYTOUR** (") for t in said), said
    summary = next(s for s in said if s.startswith("Layout") or "layout" in s.split(".")[0].lower())
    assert summary.count(". ") == 0 and summary.endswith(".") and len(summary) <= 220
    assert "Both readings in full: project LAC-STUDYTOUR" in [e.label for e in at.expander]
    at = open_page("outcomes", cell="5:Africa")  # no ambiguity there: the URL's value is ignored, said so
    assert not [h for h in at.header if shown(h.value).startswith("The ambiguous matches")]


@pytest.mark.parametrize(("path", "name"), [v for v in EVERY_VIEW if v[1] not in ("shortlist", "compare")])
def test_with_region_africa_no_table_on_a_page_holds_another_regions_record(path, name):
    """Issue 23, point 1, page by page: every table a page shows (and so its CSV) under Region = Africa. (Compare's
    sides replace the region by design; the shortlist keeps ticked items whatever the filters, and says so.)"""
    page, _, query = path.partition("?")
    at = open_page(page or "overview", region="Africa", **dict(urllib.parse.parse_qsl(query)))
    frames = [d.value for d in [*at.dataframe, *at.table] if "region" in d.value.columns]
    for frame in frames:
        assert set(frame["region"].dropna()) <= {"Africa"}, (name, list(frame.columns)[:5])
