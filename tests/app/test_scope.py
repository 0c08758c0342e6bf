"""One scope per view (issue 23, point 1): what the filters leave out is not drawn or counted as "none"."""

import json

from sstc.analysis import filters, transforms
from sstc.data import vocab
from tests.app.apptest import open_page
from tests.conftest import shown


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
