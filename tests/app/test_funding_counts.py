"""The Funding mix page counts what it says (AppTest): "not stated" is no source, the two tables follow the same
option, and with inherited funding on each (source, activity) counts once.

Expected figures come from the dataset models, independently of sstc.analysis.transforms.
"""

import html
import json
import re

from tests.app.apptest import open_page
from tests.conftest import shown

NOT_STATED = "not stated"


def all_records(dataset):
    return [*dataset.projects, *dataset.practices]


def key(rec) -> str:
    return f"project:{rec.id}" if hasattr(rec, "practices") else f"practice:{rec.number}"


def own(rec, names) -> set[str]:
    return {names[f.source] for f in rec.funding}


def inherited_from(rec, dataset, names) -> dict[str, set[int]]:
    """source -> numbers of the linked practices a project silent on its funding inherits it from."""
    if rec.funding or not hasattr(rec, "practices"):
        return {}
    out: dict[str, set[int]] = {}
    for p in dataset.practices:
        if p.number in rec.practices:
            for f in p.funding:
                out.setdefault(names[f.source], set()).add(p.number)
    return out


def source_names(dataset) -> dict[str, str]:
    return {k: v.name for k, v in dataset.meta.funding_sources.items()}


def summary_of(at) -> str:
    """The chart's sentence (its caption and accessible name): it begins with the number of sources."""
    (summary,) = [shown(c.value) for c in at.caption if re.match(r"\d+ funding sources?\b", shown(c.value))]
    return summary


def captions(at) -> str:
    return " ".join(shown(c.value) for c in at.caption)


def test_the_summary_never_calls_not_stated_a_source_nor_the_most_named(dataset):
    names = source_names(dataset)
    records = all_records(dataset)
    for params in ({}, {"inherited": "true"}):
        at = open_page("funding", **params)
        summary = summary_of(at)
        used = {s for r in records for s in own(r, names)} | {
            s for r in records if params for s in inherited_from(r, dataset, names)
        }
        assert int(re.match(r"(\d+) funding sources?", summary).group(1)) == len(used), summary  # 11, not 12
        per_source = {s: sum(s in own(r, names) for r in records) for s in used}  # each source once per activity
        top = max(per_source.values())
        leaders = [s for s, n in per_source.items() if n == top]
        most = re.search(r"^(.*?)\bthe most\b", summary)
        assert most and NOT_STATED not in most.group(1), summary
        assert all(s in most.group(1) for s in leaders) and f"({top})" in summary, summary
        silent = [r for r in records if not own(r, names) and not (params and inherited_from(r, dataset, names))]
        assert silent and f"{len(silent)} records state no funding source" in summary, summary


def test_the_chart_and_the_table_list_the_sources_in_one_order_not_stated_last():
    for params in ({}, {"inherited": "true"}, {"region": "Africa"}):
        at = open_page("funding", **params)
        table = at.dataframe[0].value["source"].tolist()
        (chart,) = at.get("plotly_chart")
        spec = json.loads(chart.proto.spec)
        drawn = [html.unescape(s) for s in spec["layout"]["yaxis"]["categoryarray"]][::-1]  # plotly: bottom up
        assert drawn == table, params
        assert table[-1] == NOT_STATED and NOT_STATED not in table[:-1]


def test_the_funding_per_record_table_follows_the_option(dataset):
    names = source_names(dataset)
    heirs = {r.id for r in dataset.projects if inherited_from(r, dataset, names)}
    assert "LAC-SDG" in heirs
    for params in ({}, {"inherited": "true"}):
        at = open_page("funding", **params)
        per_record = at.dataframe[-1].value
        via = per_record[per_record["basis"].str.contains("via practice")]
        if params:
            assert set(via["id"]) == heirs  # marked as inherited, each of them
            assert (via["kind"] == "project").all()
        else:
            assert via.empty, via[["id", "basis"]]
            silent = per_record.set_index("id").loc[sorted(heirs)]
            assert (silent["funding_sources"] == NOT_STATED).all()
        by_source = at.dataframe[0].value.set_index("source")  # the two tables agree on who states nothing
        assert (per_record["funding_sources"] == NOT_STATED).sum() == by_source.loc[NOT_STATED, "records"]


def counted_once(dataset, names, selected: list) -> tuple[dict[str, int], dict[str, int], dict[str, int], set]:
    """With inherited funding, per source: the records naming it themselves, the projects that only inherit it from
    a linked practice outside the selection (counted), and those inheriting it from one in it (apart); and the
    projects apart for some source."""
    practices = {r.number for r in selected if not hasattr(r, "practices")}
    mine, outside, apart, projects_apart = {}, {}, {}, set()
    for r in selected:
        for s in own(r, names):
            mine[s] = mine.get(s, 0) + 1
        for s, numbers in inherited_from(r, dataset, names).items():
            if numbers - practices:
                outside[s] = outside.get(s, 0) + 1
            else:
                apart[s] = apart.get(s, 0) + 1
                projects_apart.add(key(r))
    return mine, outside, apart, projects_apart


def test_inherited_funding_counts_each_source_once_per_activity(dataset):
    names = source_names(dataset)
    records = all_records(dataset)
    for params, selected in (
        ({}, records),
        ({"kind": "project"}, list(dataset.projects)),
        ({"region": "Asia and the Pacific"}, [r for r in records if r.region == "Asia and the Pacific"]),
    ):
        at = open_page("funding", inherited="true", **params)
        table = at.dataframe[0].value.set_index("source")
        mine, outside, apart, projects_apart = counted_once(dataset, names, selected)
        for source, row in table.drop(index=NOT_STATED, errors="ignore").iterrows():
            assert row["records"] <= mine.get(source, 0) + outside.get(source, 0), (params, source)
            assert row["inherited_only"] == apart.get(source, 0), (params, source)  # each project once: one or other
        if not params:  # every practice is in: inheriting adds no record
            assert table.drop(index=NOT_STATED)["records"].to_dict() == mine
            assert apart["RBTC-SSTC"] > 0
        elif "kind" in params:
            assert outside  # the practices are out: their projects stand for them
        said = f"{len(projects_apart)} more projects only inherit it from a linked practice already counted"
        if not projects_apart:
            said = "no project only inherits a source from a practice in it"
        assert said in captions(at), params


def test_practice_9s_sources_count_once_however_many_projects_inherit_them(dataset):
    names = source_names(dataset)
    practice = next(p for p in dataset.practices if p.number == 9)
    heirs = [r for r in dataset.projects if 9 in r.practices and not r.funding]
    assert len(heirs) == 2  # ASIA-BRICS and ITC-BRICS
    only = next(f.source for f in practice.funding if f.source.startswith("DC-"))  # named by practice 9 alone
    at = open_page("funding", inherited="true", funding=only)
    table = at.dataframe[0].value.set_index("source")
    for source in own(practice, names):
        assert table.loc[source, "records"] == 1, source  # practice 9, not ASIA-BRICS and ITC-BRICS again
        assert table.loc[source, "inherited_only"] == len(heirs), source
        assert table.loc[source, "practices"] == 1 and table.loc[source, "projects"] == 0
    whole = open_page("funding", inherited="true").dataframe[0].value.set_index("source")
    assert whole.loc[names[only], "records"] == sum(names[only] in own(r, names) for r in all_records(dataset)) == 1
