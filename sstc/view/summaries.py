"""One sentence per chart, computed from the chart's own data: its accessible name and the caption under it.

A screen reader hears what the chart shows ("China is named by the most records (7)"), not "0 0 2 0 0 ...".
"""

from collections import Counter

import pandas as pd

from sstc.analysis import geography
from sstc.analysis.gaps import REGIONAL
from sstc.analysis.timeline import outside
from sstc.analysis.transforms import ANY_ROLE, outcome_totals
from sstc.data import vocab
from sstc.data.i18n import _, ngettext, pgettext
from sstc.data.tables import rows_of
from sstc.view.labels import counted


def _leaders(frame: pd.DataFrame, label: str, value: str) -> tuple[list[str], int]:
    totals = frame.groupby(label, sort=False)[value].sum()
    if totals.empty:
        return [], 0
    top = int(totals.max())
    return [str(k) for k, v in totals.items() if v == top], top


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    # TRANSLATORS: the end of a list: "Africa, Americas and Arab States".
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def _role(role: str) -> str:
    """A map's role (a key: `participant`, transforms.ANY_ROLE) in words; words given by a page as they are."""
    return _(ANY_ROLE) if role == ANY_ROLE else vocab.word(role)


def _rows_word(what: str) -> str:
    """A gap grid's rows (a key: `outcome`, `theme`) in words; words given by a page as they are."""
    if what == "outcome":
        return pgettext("the rows of a gap grid", "outcome")
    if what == "theme":
        return pgettext("the rows of a gap grid", "theme")
    return what


def region_bar(summary: pd.DataFrame) -> str:
    if summary.empty:
        return _("No record in this selection.")
    each = "; ".join(
        _("{region} {projects}, {practices}").format(
            region=_(r.region),
            projects=counted(r.projects, "project", "projects"),
            practices=counted(r.practices, "practice", "practices"),
        )
        for r in summary.itertuples()
    )
    if len(summary) == 1:  # "Africa has the most" of one region says nothing
        return _("Records per region: {each}.").format(each=each)
    leaders, top = _leaders(summary, "region", "records")
    return ngettext(
        "Records per region: {names} has the most ({top}); {each}.",
        "Records per region: {names} have the most ({top}); {each}.",
        len(leaders),
    ).format(names=_join([_(r) for r in leaders]), top=top, each=each)


def coverage_map(coverage: pd.DataFrame, role: str) -> str:
    """`role`: the map's role (a key, or its words)."""
    if coverage.empty:
        return _("No country in this selection.")
    leaders, top = _leaders(coverage, "country", "records")
    countries = counted(len(coverage), "country", "countries")
    if top == 1 and len(leaders) > 1:  # no country stands out: "named by the most records (1)" would mislead
        return _("{countries} shaded ({role}), each named by one record.").format(countries=countries, role=_role(role))
    return ngettext(
        "{countries} shaded ({role}); {names} is named by the most records ({top}).",
        "{countries} shaded ({role}); {names} are named by the most records ({top}).",
        len(leaders),
    ).format(countries=countries, role=_role(role), names=_join(leaders), top=top)


def stacked_by_region(frame: pd.DataFrame, category: str, what: str, many: str | None = None) -> str:
    """`what` (and `many`, its plural, else `what` + "s"): the category's noun in the reader's language, as the page
    gives it; the frame's names shown as they are."""
    n = frame[category].nunique() if not frame.empty else 0
    if frame.empty:
        return _("No {what} in this selection.").format(what=what)
    leaders, top = _leaders(frame, category, "records")
    return ngettext(
        "{count} {what}; {names} is named by the most records ({top}).",
        "{count} {what}; {names} are named by the most records ({top}).",
        len(leaders),
    ).format(count=n, what=what if n == 1 else (many or what + "s"), names=_join(leaders), top=top)


def funding_sources(by_source: pd.DataFrame, inherited: bool = False) -> str:
    """The Funding mix chart in one sentence, from `funding_by_source`: "not stated" is never a source, nor the
    most named; the records that state none are said apart."""
    if by_source.empty:
        return _("No funding source in this selection.")
    silent_rows = by_source[by_source["source"] == "not stated"]
    silent = int(silent_rows["records"].sum())
    sources = by_source[(by_source["source"] != "not stated") & (by_source["records"] > 0)]
    if inherited:
        said = ngettext(
            "{count} record states no funding source, itself or through a linked practice",
            "{count} records state no funding source, themselves or through a linked practice",
            silent,
        ).format(count=silent)
    else:
        said = ngettext(
            "{count} record states no funding source", "{count} records state no funding source", silent
        ).format(count=silent)
    if sources.empty:
        return _("No funding source is named in this selection; {said}.").format(said=said)
    leaders, top = _leaders(sources, "source", "records")
    n = len(sources)
    named = ngettext("{count} funding source is named", "{count} funding sources are named", n).format(count=n)
    if n == 1:
        # TRANSLATORS: "1 funding source is named: <source>, by 3 records".
        most = _("{named}: {source}, by {records}").format(
            named=named, source=leaders[0], records=counted(top, "record", "records")
        )
    elif top == 1 and len(leaders) > 1:  # none stands out: "by the most records (1)" would mislead
        most = _("{named}, each by one record").format(named=named)
    else:
        most = _("{named}; {names} by the most records ({top})").format(named=named, names=_join(leaders), top=top)
    return _("{most}; {said}.").format(most=most, said=said) if silent else f"{most}."


def modality_bar(summary: pd.DataFrame) -> str:
    if summary.empty:
        return _("No delivered modality in this selection.")
    leaders, top = _leaders(summary, "modality_label", "records")
    return _("{modalities}; the most frequent: {names} ({records}).").format(
        modalities=counted(summary["modality_label"].nunique(), "delivered modality", "delivered modalities"),
        names=_join([_(name) for name in leaders]),
        records=counted(top, "record", "records"),
    )


def outcome_grid(grid: pd.DataFrame) -> str:
    states: dict[str, int] = {}
    by_region: dict[str, set[str]] = {}
    for region, state in rows_of(grid, "region", "state"):
        states[state] = states.get(state, 0) + 1
        by_region.setdefault(region, set()).add(state)
    ambiguous_regions = sorted(r for r, cells in by_region.items() if cells == {"ambiguous match only", "none"})
    text = ngettext(
        "{cells} outcome-region cells: {confirmed} confirmed, {ambiguous} with ambiguous matches only, "
        "{none} with none.",
        "{cells} outcome-region cells: {confirmed} confirmed, {ambiguous} with ambiguous matches only, "
        "{none} with none.",
        len(grid),
    ).format(
        cells=len(grid),
        confirmed=states.get("confirmed", 0),
        ambiguous=states.get("ambiguous match only", 0),
        none=states.get("none", 0),
    )
    if ambiguous_regions:
        text += " " + _("{regions}: ambiguous matches only.").format(regions=_join([_(r) for r in ambiguous_regions]))
    return text


def outcome_bar(grid: pd.DataFrame) -> str:
    totals = dict(rows_of(outcome_totals(grid), "outcome", "records"))
    most = max(totals.values(), default=0)
    if most == 0:
        return _("No outcome has a confirmed match in this selection.")
    leaders = [_("Outcome {code}").format(code=o) for o in sorted(totals) if totals[o] == most]
    served = sum(1 for v in totals.values() if v > 0)
    return _("{served} of {outcomes} shown have a confirmed match; the most: {names} ({records}).").format(
        served=served,
        outcomes=counted(len(totals), "outcome", "outcomes"),
        names=_join(leaders),
        records=counted(most, "record", "records"),
    )


def status_grid(grid: pd.DataFrame, what: str) -> str:
    """The gap grid in one sentence; when it holds fewer than the five regions (a filter), it names those it holds.
    `what`: the rows' noun (a key, "outcome" or "theme", or the words a page gives)."""
    counts = Counter(grid["status"].tolist())
    done = counts.get("regional records", 0)
    regions = list(dict.fromkeys(grid["region"].tolist()))
    # TRANSLATORS: where a gap grid's cells are: " in Africa and Americas" (with its leading space).
    where = ""
    if regions and len(regions) < len(REGIONAL):
        where = _(" in {regions}").format(regions=_join([_(r) for r in regions]))
    ambiguous = (  # a grid that cannot hold one (themes) does not speak of it
        # TRANSLATORS: a part of the gap grid's sentence, before the count reached only by global activities.
        _("{count} with an ambiguous outcome match only, ").format(count=counts.get("ambiguous outcome match only", 0))
        if "ambiguous_records" in grid.columns
        else ""
    )
    # TRANSLATORS: {what} is the rows' noun ("outcome", "theme"); {where} is empty or " in <regions>".
    return _(
        "{cells} {what}-region cells{where}: {done} done by regional records, {ambiguous}"
        "{global_only} reached only by global activities, {nothing} with nothing."
    ).format(
        cells=len(grid),
        what=_rows_word(what),
        where=where,
        done=done,
        ambiguous=ambiguous,
        global_only=counts.get("global activities only", 0),
        nothing=counts.get("nothing", 0),
    )


def timeline(dated: pd.DataFrame, shown: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> str:
    """The timeline's text twin; with `shown` (the chart's x range) it also says which years the chart shows and how
    many entries reach outside them, so the summary never claims more than the chart draws."""
    if dated.empty:
        return _("No dated entry in this selection.")
    first, last = dated["bar_start"].min(), dated["bar_end"].max()
    later = int((dated["bar_end"] >= pd.Timestamp("2022-01-01")).sum())
    planned = int(dated["planned"].astype(bool).sum()) if "planned" in dated else 0
    # TRANSLATORS: the plural agrees with {later}, the entries reaching into 2022 or later.
    text = ngettext(
        "{entries} from {first} to {last}; {later} reach into 2022 or later.",
        "{entries} from {first} to {last}; {later} reach into 2022 or later.",
        later,
    ).format(entries=counted(len(dated), "dated entry", "dated entries"), first=first.year, last=last.year, later=later)
    if planned:
        text += " " + ngettext(
            "{planned} only announced as a plan (drawn as an empty outline).",
            "{planned} only announced as a plan (drawn as an empty outline).",
            planned,
        ).format(planned=planned)
    return text + (_timeline_window(dated, shown) if shown else "")


def _timeline_window(dated: pd.DataFrame, shown: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    out = outside(dated, shown)
    if not out:
        return " " + _("The chart shows every one.")
    first, last = shown[0].year, (shown[1] - pd.Timedelta(days=1)).year
    return " " + _("The chart shows {first}-{last}; {entries} outside it.").format(
        first=first, last=last, entries=counted(out, "entry reaches", "entries reach")
    )


def scores(frame: pd.DataFrame) -> str:
    if frame.empty:
        return _("No practice in this selection.")
    practices = counted(len(frame), "practice", "practices")
    if "judged" in frame.columns and int(frame["judged"].max()) == 0:
        return _("{practices}; none has a judged criterion in this dataset, so none is scored.").format(
            practices=practices
        )
    top = int(frame["total"].max())
    best = [
        f"{n}. {s}" for n, s, t in zip(frame["number"], frame["short_name"], frame["total"], strict=True) if t == top
    ]
    most = 2 * len(vocab.CRITERIA)
    return _("{practices} scored; the highest, {top}/{most}: {names}.").format(
        practices=practices, top=top, most=most, names=_join(best)
    )


def shortlist_map(coverage: pd.DataFrame, labels: tuple[str, str]) -> str:
    now = int((coverage["status"] == labels[0]).sum())
    later = int((coverage["status"] == labels[1]).sum())
    return _("{countries} covered now; {later} more if extended to the candidates named.").format(
        countries=counted(now, "country", "countries"), later=later
    )


def unmapped_candidates(groups: list[str]) -> str:
    """The candidate groups the shortlist's map leaves out, and why the Replication finder still counts some: a
    group the sources list no countries for is never counted as countries here; where UN M49 defines it, the
    finder takes M49's members for a target, said there as "not named"."""
    defined = [g for g in groups if geography.group_members(g) is not None]
    said = _(
        "Also named as candidates, without a country list in the sources, so not counted or mapped here: {groups}."
    ).format(groups=", ".join(groups))
    if defined:
        both = defined[0]
        for name in defined[1:]:
            both = _("{first} and {second}").format(first=both, second=name)
        said += " " + _(
            'The Replication finder counts {groups} for a target by UN M49\'s members, as "not named": the two pages '
            "count these groups differently on purpose."
        ).format(groups=both)
    return said
