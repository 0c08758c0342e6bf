"""The four planning pages through AppTest: default, filtered and empty views; the shortlist in the URL."""

from sstc.view import svgmap
from tests.app.apptest import NOTHING, infos, metrics, open_page, table_with
from tests.conftest import shown as plain

EMPTY = "zzzz-no-such-words"


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def markdown(at) -> str:
    return plain(" ".join(m.value for m in at.markdown))


def test_replication_default_ranks_every_practice(dataset):
    at = open_page("replication")
    assert "How to read" in captions(at)
    table = at.dataframe[0].value
    assert sorted(table["number"]) == sorted(p.number for p in dataset.practices)
    assert list(table["total"]) == sorted(table["total"], reverse=True)
    assert table["adaptability_reason"].str.len().gt(10).all()
    assert at.multiselect(key="pick_replication").value == []


def test_replication_by_theme_and_by_outcome(dataset):
    at = open_page("replication", theme="labour_migration")
    assert set(at.dataframe[0].value["number"]) == {
        p.number for p in dataset.practices if "labour_migration" in p.themes
    }
    assert at.multiselect(key="f_themes").value == ["labour_migration"]  # one theme control: the sidebar's
    assert not [s for s in at.selectbox if s.label == "Theme"]
    projects = {p.id: p for p in dataset.projects}
    at = open_page("replication", outcome="5")
    expected = {
        p.number
        for p in dataset.practices
        if "5"
        in {o.code for o in p.outcomes}
        | (
            {o.code for o in projects[p.project].outcomes} | {c.code for c in projects[p.project].outcome_candidates}
            if p.project
            else set()
        )
    }
    assert set(at.dataframe[0].value["number"]) == expected


def test_replication_theme_choice_goes_to_the_url_and_the_ranking():
    at = open_page("replication")
    at.multiselect(key="f_themes").set_value(["gender"]).run()
    assert at.query_params["theme"] in ("gender", ["gender"])
    ranked = at.dataframe[0].value
    assert len(ranked) < 21 and ranked["rank"].min() == 1
    said = f"Ranked among the {len(ranked)} practice{'' if len(ranked) == 1 else 's'}"
    assert any(said in c.value for c in at.caption)


def test_replication_empty():
    at = open_page("replication", q=EMPTY)
    assert NOTHING in infos(at) and not at.dataframe


def test_replication_ticks_go_to_the_shared_shortlist_and_url():
    at = open_page("replication")
    at.multiselect(key="pick_replication").select("practice:9").run()
    assert "practice:9" in str(at.query_params["pick"])
    at.switch_page("app_pages/shortlist.py").run()
    assert at.multiselect(key="pick_shortlist").value == ["practice:9"]
    assert metrics(at)["Items"] == "1"


def test_gaps_default(dataset):
    at = open_page("gaps")
    assert "How to read" in captions(at)
    assert len(at.tabs) == 4
    gap_rows = at.dataframe[0].value
    assert {"outcome", "region", "status"} <= set(gap_rows.columns)
    assert ("2", "Africa") in set(zip(gap_rows["outcome"], gap_rows["region"], strict=True))
    assert ("5", "Americas") not in set(zip(gap_rows["outcome"], gap_rows["region"], strict=True))
    assert len(at.dataframe) == 1  # only the open tab is drawn
    at = open_page("gaps", view="Candidates not yet covered")  # a link opens a tab
    assert next(h.value for h in at.header).endswith("candidate countries not yet covered")
    candidates = at.dataframe[-1].value
    assert "CAF" in set(candidates["iso3"])
    at = open_page("gaps", view="Country x outcome")
    assert {"iso3", "outcome", "records", "ambiguous_records"} <= set(at.dataframe[-1].value.columns)


def test_gaps_filtered_to_a_region_leave_other_regions_out():
    """Issue 23, point 1: a region outside the filter is no gap (Africa's Outcome 5 once read as one here)."""
    at = open_page("gaps", region="Americas")
    gap_rows = at.dataframe[0].value
    assert set(gap_rows["region"]) == {"Americas"}
    assert ("5", "Americas") not in set(zip(gap_rows["outcome"], gap_rows["region"], strict=True))


def test_gaps_empty():
    at = open_page("gaps", q=EMPTY)
    assert NOTHING in infos(at) and not at.dataframe


def test_shortlist_default_is_empty_and_explains():
    at = open_page("shortlist")
    assert "shortlist is empty" in infos(at)
    assert "How to read" in captions(at)
    assert not at.dataframe


def test_shortlist_from_the_url(dataset):
    at = open_page("shortlist", pick=["practice:3", "practice:14", "practice:99"])
    practices = {p.number: p for p in dataset.practices}
    now = set(practices[3].countries.participant) | set(practices[14].countries.participant)
    later = (set(practices[3].countries.candidate) | set(practices[14].countries.candidate)) - now
    shown = metrics(at)
    assert shown["Items"] == "2"
    assert shown["Countries covered now"] == str(len(now))
    assert shown["Countries if extended"] == str(len(now | later))
    assert "pick='practice:99'" in plain(" ".join(w.value for w in at.warning))
    assert list(table_with(at, "title", "objective")["title"]) == [practices[3].title, practices[14].title]
    assert at.query_params["pick"] == ["practice:3", "practice:14"]
    assert practices[3].title not in markdown(at)  # the preview is built only when asked for
    at.toggle(key="preview_brief").set_value(True).run()
    assert practices[3].title in markdown(at) and practices[14].title in markdown(at)


def test_shortlist_filtered_view_keeps_the_items():
    at = open_page("shortlist", pick="project:ASIA-BRICS", region="Africa")
    assert metrics(at)["Items"] == "1"
    assert list(table_with(at, "id", "objective")["id"]) == ["ASIA-BRICS"]


def test_shortlist_unticking_empties_it_and_the_url():
    at = open_page("shortlist", pick="practice:3")
    at.multiselect(key="pick_shortlist").unselect("practice:3").run()
    assert "shortlist is empty" in infos(at)
    assert "pick" not in at.query_params or not at.query_params["pick"]


def test_timeline_default(dataset):
    at = open_page("timeline")
    assert "How to read" in captions(at)
    listed = at.dataframe[0].value
    records = [*dataset.projects, *dataset.practices]
    drawable = [d for r in records for d in r.dates if d.start and d.precision != "unknown"]
    drawable += [a.date for a in dataset.activities if a.date.start and a.date.precision != "unknown"]
    assert len(listed) == len(drawable)
    undated = at.dataframe[1].value
    dated_ids = {str(getattr(r, "id", None) or r.number) for r in records if any(d.start for d in r.dates)}
    dated_ids |= {a.id for a in dataset.activities if a.date.start}
    everything = len(records) + len(dataset.activities)
    assert len(undated) == everything - len(dated_ids)  # every record is on the page: drawn or listed
    assert f"{everything} records and activities" in markdown(at)
    assert len(at.get("plotly_chart")) == 1


def test_timeline_filtered(dataset):
    at = open_page("timeline", region="Africa")
    listed = at.dataframe[0].value
    africa = [r for r in [*dataset.projects, *dataset.practices] if r.region == "Africa"]
    assert len(listed) == sum(1 for r in africa for d in r.dates if d.start and d.precision != "unknown")
    assert set(listed["region"]) == {"Africa"}
    undated = at.dataframe[1].value
    assert len(undated) == sum(1 for r in africa if not any(d.start for d in r.dates))


def test_timeline_empty():
    at = open_page("timeline", q=EMPTY)
    assert NOTHING in infos(at) and not at.dataframe


def test_gaps_under_a_filter_say_that_they_count_only_the_records_kept():
    at = open_page("gaps", outcome="7")
    assert any("count only the records the filters keep" in c.value for c in at.caption)
    assert not any("count only the records" in c.value for c in open_page("gaps").caption)


def test_the_shortlist_map_is_drawn_by_the_server_with_each_country_a_link_in_its_status_colour():
    """Issue 27: plotly's world map made the page's first visit 1.7x the floor's; the coverage map's SVG is 0.8x."""
    import json
    import re

    from sstc.view import charts

    at = open_page("shortlist", pick=["practice:3", "project:ASIA-BRICS"])
    assert not at.get("plotly_chart")
    maps = [json.loads(e.proto.json)["map"] for e in at.get("bidi_component") if e.proto.component_name == "sstc.map"]
    (drawn,) = [svgmap.figure(m) for m in maps if "Shortlist coverage" in json.dumps(m)]  # the plan has a map too
    table = table_with(at, "iso3", "status", "records")
    assert set(re.findall(r'data-iso3="(\w+)"', drawn)) == set(table["iso3"])
    now, added = charts.SHORTLIST_COLORS
    assert f'fill="{now}"' in drawn and f'fill="{added}"' in drawn
    assert "covered now" in drawn and "added if extended" in drawn
