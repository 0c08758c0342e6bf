"""The plan beside 2020-2021 (issue 24, point 5): its counts are the Coverage gaps page's, a planned cell is an item's
confirmed outcome (or theme) in a region its targets lie in, and a target no 2020-21 record covered is new."""

from dataclasses import dataclass

from sstc.analysis import gaps, planned, targets


@dataclass(frozen=True)
class Item:
    key: str
    targets: list[str]


PLAN = (Item("practice:14", ["ETH", "BLZ"]), Item("practice:7", ["Central America"]), Item("practice:12", []))


def test_the_gap_counts_are_the_gaps_pages(tables):
    regions_of = gaps.country_regions(tables)
    found = planned.adds(tables, PLAN)
    assert found.outcome_gaps[0] == len(gaps.gap_list(gaps.outcome_region(tables, regions_of)))
    assert found.theme_gaps[0] == len(gaps.gap_list(gaps.theme_region(tables, regions_of)))
    assert found.outcome_gaps[1] == found.outcome_gaps[0] - len(found.outcome_cells)
    assert found.theme_gaps[1] == found.theme_gaps[0] - len(found.theme_cells)


def test_a_planned_cell_is_an_items_theme_in_a_region_of_its_targets_where_nothing_was_done(tables):
    regions_of = gaps.country_regions(tables)
    grid = gaps.theme_region(tables, regions_of).set_index(["theme", "region"])
    found = planned.adds(tables, PLAN)
    expected = set()
    for item in PLAN:
        own = tables.records.set_index("key").loc[item.key, "region"]
        members = {c for t in item.targets for c in targets.resolve(tables, t).members}
        regions = {regions_of[c] for c in members if c in regions_of.index}
        if (
            any(c not in regions_of.index for c in members if targets.resolve(tables, c).kind == "country")
            or not regions
        ):
            regions.add(own)
        for theme in tables.themes.loc[tables.themes["key"] == item.key, "theme"]:
            for region in regions & set(gaps.REGIONAL):
                if (theme, region) in grid.index and grid.loc[(theme, region), "status"] != gaps.DONE:
                    expected.add((theme, region))
    assert set(zip(found.theme_cells["code"], found.theme_cells["region"], strict=True)) == expected
    assert expected  # the plan does fill some theme gap
    assert (found.theme_cells["before"] != gaps.DONE).all()


def test_targets_no_record_covered_are_new_and_covered_ones_are_not(tables):
    covered = set(tables.countries.loc[tables.countries["role"] == "participant", "iso3"])
    assert "BLZ" not in covered and "ETH" in covered
    status = planned.adds(tables, PLAN).countries.set_index("iso3")["status"]
    assert status["BLZ"] == planned.NEW and status["ETH"] == planned.TARGETED
    assert set(status[status == planned.COVERED].index) <= covered


def test_an_empty_plan_adds_nothing_and_leaves_every_outcome_untouched(tables):
    found = planned.adds(tables, ())
    assert found.outcome_cells.empty and found.theme_cells.empty
    assert found.outcome_gaps[0] == found.outcome_gaps[1]
    assert (found.countries["status"] == planned.COVERED).all()
    assert "targets 0 countries" in planned.in_words(found)


def test_gaps_it_may_fill_through_ambiguous_matches_are_counted_apart(tables):
    """Only 5 of the outcome links are confirmed: most of what a plan serves is through ambiguous matches, shown
    apart, never counted as planned."""
    found = planned.adds(tables, PLAN)
    confirmed = set(zip(found.outcome_cells["code"], found.outcome_cells["region"], strict=True))
    maybe = set(zip(found.possible_cells["code"], found.possible_cells["region"], strict=True))
    assert maybe and not (maybe & confirmed)
    unsure = tables.outcomes[tables.outcomes["ambiguous"].astype(bool)]
    for code in found.possible_cells["code"]:
        assert code in set(unsure.loc[unsure["key"].isin([i.key for i in PLAN]), "outcome"])
    assert (found.possible_cells["before"] != gaps.DONE).all()
    assert f"{len(maybe)} more only through ambiguous outcome matches" in planned.in_words(found)
