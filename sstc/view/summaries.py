"""One sentence per chart, computed from the chart's own data: its accessible name and the caption under it.

A screen reader hears what the chart shows ("China is named by the most records (7)"), not "0 0 2 0 0 ...".
"""

from collections import Counter

import pandas as pd

from sstc.analysis import geography
from sstc.analysis.gaps import REGIONAL
from sstc.analysis.timeline import outside
from sstc.analysis.transforms import outcome_totals
from sstc.data import vocab
from sstc.data.tables import rows_of
from sstc.view.labels import counted


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _leaders(frame: pd.DataFrame, label: str, value: str) -> tuple[list[str], int]:
    totals = frame.groupby(label, sort=False)[value].sum()
    if totals.empty:
        return [], 0
    top = int(totals.max())
    return [str(k) for k, v in totals.items() if v == top], top


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def region_bar(summary: pd.DataFrame) -> str:
    if summary.empty:
        return "No record in this selection."
    each = "; ".join(
        f"{r.region} {counted(r.projects, 'project')}, {counted(r.practices, 'practice')}" for r in summary.itertuples()
    )
    if len(summary) == 1:  # "Africa has the most" of one region says nothing
        return f"Records per region: {each}."
    leaders, top = _leaders(summary, "region", "records")
    return f"Records per region: {_join(leaders)} {'has' if len(leaders) == 1 else 'have'} the most ({top}); {each}."


def coverage_map(coverage: pd.DataFrame, role: str) -> str:
    if coverage.empty:
        return "No country in this selection."
    leaders, top = _leaders(coverage, "country", "records")
    if top == 1 and len(leaders) > 1:  # no country stands out: "named by the most records (1)" would mislead
        return f"{_count(len(coverage), 'country', 'countries')} shaded ({role}), each named by one record."
    return (
        f"{_count(len(coverage), 'country', 'countries')} shaded ({role}); {_join(leaders)} "
        f"{'is' if len(leaders) == 1 else 'are'} named by the most records ({top})."
    )


def stacked_by_region(frame: pd.DataFrame, category: str, what: str) -> str:
    if frame.empty:
        return f"No {what} in this selection."
    leaders, top = _leaders(frame, category, "records")
    return (
        f"{_count(frame[category].nunique(), what)}; {_join(leaders)} "
        f"{'is' if len(leaders) == 1 else 'are'} named by the most records ({top})."
    )


def funding_sources(by_source: pd.DataFrame, inherited: bool = False) -> str:
    """The Funding mix chart in one sentence, from `funding_by_source`: "not stated" is never a source, nor the
    most named; the records that state none are said apart."""
    if by_source.empty:
        return "No funding source in this selection."
    silent_rows = by_source[by_source["source"] == "not stated"]
    silent = int(silent_rows["records"].sum())
    sources = by_source[(by_source["source"] != "not stated") & (by_source["records"] > 0)]
    said = f"{_count(silent, 'record')} {'states' if silent == 1 else 'state'} no funding source"
    if inherited:
        said += f", {'itself' if silent == 1 else 'themselves'} or through a linked practice"
    if sources.empty:
        return f"No funding source is named in this selection; {said}."
    leaders, top = _leaders(sources, "source", "records")
    n = len(sources)
    named = f"{_count(n, 'funding source')} {'is' if n == 1 else 'are'} named"
    if n == 1:
        most = f"{named}: {leaders[0]}, by {_count(top, 'record')}"
    elif top == 1 and len(leaders) > 1:  # none stands out: "by the most records (1)" would mislead
        most = f"{named}, each by one record"
    else:
        most = f"{named}; {_join(leaders)} by the most records ({top})"
    return f"{most}; {said}." if silent else f"{most}."


def modality_bar(summary: pd.DataFrame) -> str:
    if summary.empty:
        return "No delivered modality in this selection."
    leaders, top = _leaders(summary, "modality_label", "records")
    return (
        f"{_count(summary['modality_label'].nunique(), 'delivered modality', 'delivered modalities')}; "
        f"the most frequent: {_join(leaders)} ({_count(top, 'record')})."
    )


def outcome_grid(grid: pd.DataFrame) -> str:
    states: dict[str, int] = {}
    by_region: dict[str, set[str]] = {}
    for region, state in rows_of(grid, "region", "state"):
        states[state] = states.get(state, 0) + 1
        by_region.setdefault(region, set()).add(state)
    ambiguous_regions = sorted(r for r, cells in by_region.items() if cells == {"ambiguous match only", "none"})
    text = (
        f"{len(grid)} outcome-region cells: {states.get('confirmed', 0)} confirmed, "
        f"{states.get('ambiguous match only', 0)} with ambiguous matches only, {states.get('none', 0)} with none."
    )
    if ambiguous_regions:
        text += f" {_join(ambiguous_regions)}: ambiguous matches only."
    return text


def outcome_bar(grid: pd.DataFrame) -> str:
    totals = dict(rows_of(outcome_totals(grid), "outcome", "records"))
    most = max(totals.values(), default=0)
    if most == 0:
        return "No outcome has a confirmed match in this selection."
    leaders = [f"Outcome {o}" for o in sorted(totals) if totals[o] == most]
    served = sum(1 for v in totals.values() if v > 0)
    return (
        f"{served} of {_count(len(totals), 'outcome')} shown have a confirmed match; the most: {_join(leaders)} "
        f"({_count(most, 'record')})."
    )


def status_grid(grid: pd.DataFrame, what: str) -> str:
    """The gap grid in one sentence; when it holds fewer than the five regions (a filter), it names those it holds."""
    counts = Counter(grid["status"].tolist())
    done = counts.get("regional records", 0)
    regions = list(dict.fromkeys(grid["region"].tolist()))
    where = f" in {_join(regions)}" if regions and len(regions) < len(REGIONAL) else ""
    ambiguous = (  # a grid that cannot hold one (themes) does not speak of it
        f"{counts.get('ambiguous outcome match only', 0)} with an ambiguous outcome match only, "
        if "ambiguous_records" in grid.columns
        else ""
    )
    return (
        f"{len(grid)} {what}-region cells{where}: {done} done by regional records, {ambiguous}"
        f"{counts.get('global activities only', 0)} reached only by global activities, "
        f"{counts.get('nothing', 0)} with nothing."
    )


def timeline(dated: pd.DataFrame, shown: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> str:
    """The timeline's text twin; with `shown` (the chart's x range) it also says which years the chart shows and how
    many entries reach outside them, so the summary never claims more than the chart draws."""
    if dated.empty:
        return "No dated entry in this selection."
    first, last = dated["bar_start"].min(), dated["bar_end"].max()
    later = int((dated["bar_end"] >= pd.Timestamp("2022-01-01")).sum())
    planned = int(dated["planned"].astype(bool).sum()) if "planned" in dated else 0
    return (
        f"{_count(len(dated), 'dated entry', 'dated entries')} from {first.year} to {last.year}; "
        f"{later} reach into 2022 or later."
        + (f" {planned} only announced as a plan (drawn as an empty outline)." if planned else "")
        + (_timeline_window(dated, shown) if shown else "")
    )


def _timeline_window(dated: pd.DataFrame, shown: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    out = outside(dated, shown)
    if not out:
        return " The chart shows every one."
    first, last = shown[0].year, (shown[1] - pd.Timedelta(days=1)).year
    return f" The chart shows {first}-{last}; {_count(out, 'entry reaches', 'entries reach')} outside it."


def scores(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "No practice in this selection."
    if "judged" in frame.columns and int(frame["judged"].max()) == 0:
        return f"{_count(len(frame), 'practice')}; none has a judged criterion in this dataset, so none is scored."
    top = int(frame["total"].max())
    best = [
        f"{n}. {s}" for n, s, t in zip(frame["number"], frame["short_name"], frame["total"], strict=True) if t == top
    ]
    most = 2 * len(vocab.CRITERIA)
    return f"{_count(len(frame), 'practice')} scored; the highest, {top}/{most}: {_join(best)}."


def shortlist_map(coverage: pd.DataFrame, labels: tuple[str, str]) -> str:
    now = int((coverage["status"] == labels[0]).sum())
    later = int((coverage["status"] == labels[1]).sum())
    return f"{_count(now, 'country', 'countries')} covered now; {later} more if extended to the candidates named."


def unmapped_candidates(groups: list[str]) -> str:
    """The candidate groups the shortlist's map leaves out, and why the Replication finder still counts some: a
    group the sources list no countries for is never counted as countries here; where UN M49 defines it, the
    finder takes M49's members for a target, said there as "not named"."""
    defined = [g for g in groups if geography.group_members(g) is not None]
    said = (
        "Also named as candidates, without a country list in the sources, so not counted or mapped here: "
        f"{', '.join(groups)}."
    )
    if defined:
        said += (
            f" The Replication finder counts {' and '.join(defined)} for a target by UN M49's members, as "
            '"not named": the two pages count these groups differently on purpose.'
        )
    return said
