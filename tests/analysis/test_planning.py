"""Planning computations: replication scores, gaps, shortlist and brief, timeline.

Expected values come from the dataset models or from a practice edited for the test, not from the code under test.
"""

import re

import pandas as pd
import pytest

from sstc.analysis import filters, gaps, rereads, scoring, shortlist, timeline
from sstc.analysis.filters import Filters
from sstc.data import vocab
from sstc.data.schema import Countries, Dataset, GroupRef
from sstc.data.tables import build
from sstc.view import charts, summaries
from tests.conftest import with_practice


def score_of(dataset: Dataset, number: int) -> pd.Series:
    scores = scoring.score_practices(build(dataset))
    return scores.set_index("number").loc[number]


# --- replication scores -------------------------------------------------------------------------------------------


def test_every_practice_is_scored_from_its_seven_judgements(dataset, tables):
    """Points from the judgements in the data (strong 2, some 1, not shown 0), each reason with its quote."""
    scores = scoring.score_practices(tables).set_index("number")
    assert sorted(scores.index) == sorted(p.number for p in dataset.practices)
    for practice in dataset.practices:
        row = scores.loc[practice.number]
        judged = {j.criterion: j for j in practice.judgements}
        for criterion in scoring.CRITERIA:
            j = judged[criterion]
            assert row[criterion] == {"strong": 2, "some": 1, "not_shown": 0}[j.strength], (practice.number, criterion)
            if j.quote:
                assert " ".join(j.quote.split()) in row[f"{criterion}_reason"]
            assert j.reason in row[f"{criterion}_reason"]
        assert row["total"] == sum({"strong": 2, "some": 1, "not_shown": 0}[j.strength] for j in judged.values())
        assert row["judged"] == 7
    ranked = scoring.score_practices(tables)
    assert ranked["total"].is_monotonic_decreasing
    assert ranked["rank"].is_monotonic_increasing and ranked["rank"].iloc[0] == 1


def test_a_criterion_without_a_judgement_is_not_judged_never_zero(dataset):
    kept = [j for j in next(p for p in dataset.practices if p.number == 20).judgements if j.criterion != "innovation"]
    row = score_of(with_practice(dataset, 20, judgements=kept), 20)
    assert row["innovation"] is pd.NA and row["innovation_reason"].startswith("not judged")
    assert row["judged"] == 6
    assert row["total"] == sum({"strong": 2, "some": 1, "not_shown": 0}[j.strength] for j in kept)


def test_a_caveat_and_a_name_earn_no_point(dataset, tables):
    """The keyword rules gave practice 14 a sustainability point for "However, this is a long-term process" and
    practice 2 an innovation point for "engage with other experts"; a judgement quotes what earns its strength."""
    judged = {(p.number, j.criterion): j for p in dataset.practices for j in p.judgements}
    caveat = judged[(14, "sustainability")]
    assert "long-term" not in (caveat.quote or "") and caveat.strength != "strong"
    assert "Networks among the counterparts were established" in caveat.quote  # what earns its "some"
    fair = judged[(2, "innovation")]  # earned by the tool and what it made possible, not by the word "experts"
    assert "Augmented Reality" in fair.quote and fair.strength == "strong"
    reasons = scoring.score_practices(tables).set_index("number")
    assert "long-term process" not in reasons.loc[14, "sustainability_reason"]
    assert "new actors" not in reasons.loc[2, "innovation_reason"]


def test_a_theme_filter_keeps_only_tagged_practices_ranked_among_themselves(dataset, tables):
    skills = scoring.score_practices(filters.apply(tables, filters.Filters(themes=("skills",))))
    assert set(skills["number"]) == {p.number for p in dataset.practices if "skills" in p.themes}
    assert skills["rank"].min() == 1 and len(skills) < len(dataset.practices)


# --- gaps ---------------------------------------------------------------------------------------------------------


def confirmed_cells(dataset) -> set[tuple[str, str]]:
    """(outcome, region) pairs a regional record serves with a stated or inherited (non-candidate) outcome."""
    projects = {p.id: p for p in dataset.projects}
    cells = set()
    for rec in [*dataset.projects, *dataset.practices]:
        codes = {o.code for o in rec.outcomes} if getattr(rec, "ambiguous", None) is None else set()
        project = projects.get(getattr(rec, "project", None) or "")
        if project is not None and project.ambiguous is None:
            codes |= {o.code for o in project.outcomes}
        cells |= {(c, rec.region) for c in codes if rec.region != gaps.GLOBAL}
    return cells


def test_outcome_gaps_are_reported_and_served_cells_are_not(dataset, tables):
    grid = gaps.outcome_region(tables, gaps.country_regions(tables))
    found = {(o, r) for o, r in zip(gaps.gap_list(grid)["outcome"], gaps.gap_list(grid)["region"], strict=True)}
    served = confirmed_cells(dataset)
    assert served and not (found & served)
    every = {(o, r) for o in vocab.OUTCOMES for r in gaps.REGIONAL}
    assert found == every - served
    assert ("2", "Africa") in found  # no record serves outcome 2 (standards) anywhere


def test_a_cell_with_only_ambiguous_matches_says_so(dataset, tables):
    grid = gaps.outcome_region(tables, gaps.country_regions(tables)).set_index(["outcome", "region"])
    asia = [p for p in dataset.projects if p.region == "Asia and the Pacific"]
    candidate_only = {c.code for p in asia for c in p.outcome_candidates} - {
        o for o, r in confirmed_cells(dataset) if r == "Asia and the Pacific"
    }
    assert candidate_only
    for code in candidate_only:
        assert grid.loc[(code, "Asia and the Pacific"), "status"] == gaps.AMBIGUOUS


def test_a_region_reached_only_by_a_global_record_is_flagged(dataset):
    # Practice 20 (global) tagged "statistics", which no record carries, naming Ethiopia (an Africa participant).
    edited = with_practice(dataset, 20, themes=["statistics"], countries=Countries(participant=["ETH"]), groups=[])
    tables = build(edited)
    grid = gaps.theme_region(tables, gaps.country_regions(tables)).set_index(["theme", "region"])
    assert grid.loc[("statistics", "Africa"), "status"] == gaps.GLOBAL_ONLY
    assert grid.loc[("statistics", "Americas"), "status"] == gaps.NOTHING
    original = build(dataset)
    before = gaps.theme_region(original, gaps.country_regions(original)).set_index(["theme", "region"])
    assert before.loc[("statistics", "Africa"), "status"] == gaps.NOTHING


def test_theme_cell_done_by_a_regional_record_is_not_a_gap(dataset, tables):
    grid = gaps.theme_region(tables, gaps.country_regions(tables)).set_index(["theme", "region"])
    for rec in [*dataset.projects, *dataset.practices]:
        for theme in rec.themes:
            if rec.region != gaps.GLOBAL:
                assert grid.loc[(theme, rec.region), "status"] == gaps.DONE


def test_uncovered_candidates(dataset, tables):
    participants = {c for r in [*dataset.projects, *dataset.practices] for c in r.countries.participant}
    participants |= {
        m
        for r in [*dataset.projects, *dataset.practices]
        for g in r.groups
        if g.role == "participant"
        for m in dataset.meta.groups[g.group].members
    }
    named = {c for r in [*dataset.projects, *dataset.practices] for c in r.countries.candidate}
    out = gaps.uncovered_candidates(tables, tables)
    assert set(out["iso3"]) == named - participants
    assert "CAF" in set(out["iso3"])
    assert "ETH" in named and "ETH" not in set(out["iso3"])  # practice 14 names it; practice 1 already covers it


def test_country_outcome_grid_is_complete_and_lists_countries_without_one(tables):
    grid = gaps.country_outcome(tables)
    countries = set(tables.countries.loc[tables.countries["role"] == "participant", "iso3"])
    assert len(grid) == len(countries) * len(vocab.OUTCOMES)
    missing = gaps.countries_without_outcome(grid, tables)
    totals = grid.groupby("iso3")["records"].sum()
    assert set(missing["iso3"]) == set(totals[totals == 0].index)
    assert missing["named_by"].str.len().gt(0).all()


# --- shortlist and brief ------------------------------------------------------------------------------------------

# The brief itself (Markdown, Word, PDF) is tested in test_brief.py.


def test_extension_coverage_separates_now_from_candidates(dataset, tables):
    practices = {p.number: p for p in dataset.practices}
    coverage = shortlist.extension_coverage(tables, ["practice:3", "practice:14"])
    now = set(practices[3].countries.participant) | set(practices[14].countries.participant)
    later = (set(practices[3].countries.candidate) | set(practices[14].countries.candidate)) - now
    assert set(coverage.loc[coverage["status"] == shortlist.NOW, "iso3"]) == now
    assert set(coverage.loc[coverage["status"] == shortlist.EXTENDED, "iso3"]) == later
    assert {"CAF", "JOR"} <= later


def test_shortlist_url_values(tables):
    available = shortlist.options(tables)
    keys, notices = shortlist.from_params(["practice:3", "practice:3", "practice:99", "project:ASIA-BRICS"], available)
    assert keys == ["practice:3", "project:ASIA-BRICS"]
    assert len(notices) == 1 and "practice:99" in notices[0]
    assert len(available) == len(tables.records)


def test_unmapped_candidate_groups_are_named(dataset, tables):
    groups = {g.group for g in next(p for p in dataset.practices if p.number == 1).groups if g.role == "candidate"}
    names = {dataset.meta.groups[g].name for g in groups if not dataset.meta.groups[g].members}
    assert set(shortlist.unmapped_candidates(tables, ["practice:1"])) == names


def test_shortlist_items_table_says_when_a_project_has_no_criteria(tables):
    table = shortlist.items(tables, ["project:ASIA-BRICS", "practice:3"])
    assert list(table["kind"]) == ["project", "practice"]
    assert table.loc[0, "results"] == shortlist.NOT_DOCUMENTED
    assert table.loc[1, "candidates"].startswith("Central African Republic")


# --- timeline -----------------------------------------------------------------------------------------------------


def test_timeline_has_every_dated_entry_and_lists_undated_ones(dataset, tables):
    entries = timeline.entries(tables)
    stated = [d for r in [*dataset.projects, *dataset.practices] for d in r.dates] + [
        a.date for a in dataset.activities
    ]
    assert len(entries) == len(stated)
    undated = timeline.undated(entries, tables)
    records = [*dataset.projects, *dataset.practices]
    without = [r for r in records if not any(d.start and d.precision != "unknown" for d in r.dates)]
    without_acts = [a for a in dataset.activities if not (a.date.start and a.date.precision != "unknown")]
    assert len(undated) == len(without) + len(without_acts)
    counts = timeline.counts(entries, tables)
    assert counts["dated"] + counts["undated"] == len(records) + len(dataset.activities) == counts["all"]
    drawn = timeline.dated(entries)
    assert drawn["bar_start"].is_monotonic_increasing
    assert (drawn["bar_end"] >= drawn["bar_start"]).all()


def test_timeline_spans_follow_precision(tables):
    entries = timeline.entries(tables).set_index("label")
    forum = entries.loc["Summer Global Youth Forum 2021 (online; the PES workshop was held during it)"]
    assert forum["bar_start"] == pd.Timestamp("2021-08-02") and forum["bar_end"].date().isoformat() == "2021-08-20"
    december = entries.loc["Series of webinars held in December (year not stated; 2020 inferred)"]
    assert december["bar_start"] == pd.Timestamp("2020-12-01")
    assert december["bar_end"].date().isoformat() == "2020-12-31"


def test_issue_dates_are_in_the_data(tables):
    entries = timeline.entries(tables)
    starts = set(entries["when"].str.slice(0, 7))
    for month in ("2020-12", "2021-06", "2021-08", "2021-10", "2021-11", "2023-07"):
        assert month in starts, month


def test_news_activities_follow_the_facets_they_can_answer(tables):
    news = "activity:lma-2023-ssc-elective"
    assert news in set(filters.apply(tables, filters.Filters(text="academy")).dates["key"])
    assert news in set(filters.apply(tables, filters.Filters(modalities=("training",))).dates["key"])
    assert news not in set(filters.apply(tables, filters.Filters(regions=("Africa",))).dates["key"])
    assert news not in set(filters.apply(tables, filters.Filters(text="fiji")).dates["key"])


def test_linked_activity_follows_its_record(dataset, tables):
    activity = dataset.activities[0].model_copy(
        update={"record": "practice 14", "groups": [GroupRef(group="brics", role="peer")]}
    )
    edited = build(dataset.model_copy(update={"activities": [activity]}))
    key = f"activity:{activity.id}"
    assert key in set(filters.apply(edited, filters.Filters(regions=("Europe and Central Asia",))).dates["key"])
    assert key not in set(filters.apply(edited, filters.Filters(regions=("Africa",))).dates["key"])


def test_an_inferred_date_is_never_shown_as_stated(dataset, tables):
    """A date no sentence gives (only an inference) says so in the timeline's table, its CSV and the bar's hover."""
    inferred = {d.label for record in [*dataset.projects, *dataset.practices] for d in record.dates if d.inference} | {
        a.title for a in dataset.activities if a.date.inference
    }
    assert inferred  # the shipped data has some (practice 14's webinar series, practice 21's Academy dates)
    dated = timeline.dated(timeline.entries(tables))
    table = timeline.table(dated)
    marked = set(table.loc[table["basis"].str.startswith("inferred: "), "label"])
    assert marked == inferred & set(table["label"])
    planned = {d.label for record in [*dataset.projects, *dataset.practices] for d in record.dates if d.planned}
    assert (table.loc[~table["label"].isin(inferred | planned), "basis"] == "stated in the source").all()
    hovers = [h for trace in charts.timeline(dated, timeline.NEWS).data for h in (trace.hovertext or ())]
    for label in marked:
        assert any("(inferred: " in h and charts._wrap(label).split("<br>")[0] in h for h in hovers), label
    assert set(timeline.bars(dated).loc[lambda f: f["date_inferred"], "label"]) == marked
    drawn = charts.timeline(dated, timeline.NEWS)
    hatched = {h for t in drawn.data if t.hovertext and t.marker.pattern.shape == "/" for h in t.hovertext}
    solid = [t for t in drawn.data if t.showlegend is not False and t.name != "date inferred (hatched)"]
    assert all(t.marker.pattern.shape in ("", None) for t in solid)  # every region's legend swatch is solid
    assert len(hatched) == len(marked) and all("(inferred: " in h for h in hatched)  # hatched exactly where inferred


@pytest.mark.parametrize(
    "facet",
    [Filters(regions=("Africa",)), Filters(themes=("skills",)), Filters(text="virtual"), Filters(outcomes=("7",)),
     Filters(kinds=("project",))],
)  # fmt: skip
def test_scores_among_the_kept_practices_equal_scoring_them_alone(tables, facet):
    """The Replication finder ranks the kept practices from the scores of all of them: it must equal scoring the
    filtered tables themselves, rank included."""
    kept = filters.apply(tables, facet)
    alone = scoring.score_practices(kept)
    among = scoring.scores_among(scoring.score_practices(tables), kept.records)
    assert len(among) == len(alone) and (len(alone) or facet.kinds == ("project",))
    if len(alone):
        assert among.equals(alone), facet


def test_the_keyword_rules_now_only_flag_judgements_to_re_read(tables):
    """Kept as a check: a "not shown" whose row has words the rules counted is listed, with the words; a place's
    name (New Zealand) and the programme's own name are still no evidence."""
    method, actors = rereads.INNOVATION["new method or approach"], rereads.INNOVATION["new actors or partnerships"]
    assert not method.search("the seasonal workers schemes of Australia and New Zealand")
    assert not actors.search("how South-South and Triangular Cooperation can promote compliance")
    listed = rereads.to_reread(tables)
    criteria = tables.criteria.set_index(["key", "criterion"])
    for key, criterion, strength, words in zip(*(listed[c] for c in ("key", "criterion", "strength", "words_found")),
                                               strict=True):  # fmt: skip
        assert criteria.loc[(key, criterion), "strength"] == strength
        if strength == "not shown":
            found = re.findall(r"\((.*?)\)", words)
            assert found and all(w.casefold() in criteria.loc[(key, criterion), "text"].casefold() for w in found)


def test_a_planned_date_is_drawn_and_listed_as_a_plan_never_as_done(dataset, tables):
    """Planned is not done: "There are plans to expand ... in 2022" and "forthcoming 2022" are announcements."""
    planned = {d.label: d for r in [*dataset.projects, *dataset.practices] for d in r.dates if d.planned}
    assert {"Planned expansion to a larger target group", "Two further papers announced as forthcoming"} <= set(planned)
    assert all(re.search(r"\bplans?\b|forthcoming|\bwill\b", d.quote) for d in planned.values())
    dated = timeline.dated(timeline.entries(tables))
    table = timeline.table(dated)
    assert set(table.loc[table["basis"] == timeline.PLANNED, "label"]) == set(planned)
    assert set(timeline.bars(dated).loc[lambda f: f["planned"], "label"]) == set(planned)
    drawn = charts.timeline(dated, timeline.NEWS)
    outlined = {h for t in drawn.data if t.hovertext and t.marker.color == charts.OUTLINE for h in t.hovertext}
    assert len(outlined) == len(planned) and all("(planned: the source announces it)" in h for h in outlined)
    filled = [h for t in drawn.data if t.hovertext and t.marker.color != charts.OUTLINE for h in t.hovertext]
    assert not any("planned" in h.split("<br>")[1] for h in filled)  # no other bar says it is a plan
    assert any(t.name == "planned, announced (outline)" for t in drawn.data)  # the legend says what an outline is
    assert "only announced as a plan" in summaries.timeline(dated)


def test_a_planned_date_needs_the_quote_that_announces_it():
    from pydantic import ValidationError

    from sstc.data.schema import DateEntry

    with pytest.raises(ValidationError, match="quote that announces it"):
        DateEntry(label="x", start="2022", precision="year", planned=True, source="compendium, good practice 1",
                  inference="seems likely")  # fmt: skip
