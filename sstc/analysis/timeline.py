"""Dated activities as bars: a date's precision decides the span drawn (a day, its month, its year)."""

import pandas as pd

from sstc.analysis import words
from sstc.data.i18n import N_, _
from sstc.data.tables import Tables, rows_of

NEWS = N_("News item (not a 2020-21 record)")  # the region of a news item: a key of the chart's colours
COLUMNS = [
    "label", "record", "region", "start", "end", "precision", "when", "bar_start", "bar_end", "source", "inference",
    "planned", "key",
]  # fmt: skip


def _bounds(start: object, end: object, precision: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last instant a date entry covers; an end date, when given, extends to the end of its unit."""
    if not isinstance(start, str) or precision == "unknown":
        return None, None
    first = _unit(start, precision)
    last = _unit(end if isinstance(end, str) else start, precision, after=True) - pd.Timedelta(1, "us")
    return first, last


def _unit(date: str, precision: str, after: bool = False) -> pd.Timestamp:
    """The start of the day, month or year `date` falls in (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or of the next one."""
    parts = [int(p) for p in date.split("-")]
    year, month, day = parts[0], (parts[1:2] or [1])[0], (parts[2:3] or [1])[0]
    if precision == "year":
        return pd.Timestamp(year + after, 1, 1)
    if precision == "month":
        return pd.Timestamp(year + (after and month == 12), month % 12 + 1 if after else month, 1)
    return pd.Timestamp(year, month, day) + pd.Timedelta(days=int(after))


PLANNED = N_("planned: the source announces it, not that it happened")  # `_(PLANNED)` where shown


def inferred(why: object) -> bool:
    """A date entry's `inference` holds the reason where no sentence gives the date (empty where one does)."""
    return isinstance(why, str) and bool(why)


def _when(start: object, end: object, precision: str) -> str:
    if not isinstance(start, str) or precision == "unknown":
        return _("date not stated")
    return _("{start} to {end}").format(start=start, end=end) if isinstance(end, str) and end != start else start


def entries(tables: Tables) -> pd.DataFrame:
    """Every date entry, dated ones ordered by start; undated ones last (bar_start empty)."""
    dates = tables.dates
    if dates.empty:
        return pd.DataFrame(columns=COLUMNS)
    labels = _record_labels(dates, tables.records)
    kept = ("label", "start", "end", "precision", "source", "inference", "planned", "key")
    rows = []
    for (label, start, end, precision, source, why, planned, key, region), record in zip(
        rows_of(dates, *kept, "region"), labels, strict=True
    ):
        first, last = _bounds(start, end, precision)
        region = NEWS if region != region or region is None else region
        rows.append((label, record, region, start, end, precision, _when(start, end, precision), first, last,
                     source, why, planned, key))  # fmt: skip
    # by start, then label; undated last, each group in its given order
    rows.sort(key=lambda r: (r[7] is None, r[7] or pd.Timestamp.min, r[1]))
    out = pd.DataFrame(rows, columns=COLUMNS)
    differ = {c: dates[c].dtype for c in kept if out[c].dtype != dates[c].dtype}  # e.g. a column all empty
    out = out.astype(differ) if differ else out  # (converting every column was half the function's time)
    out["bar_start"] = pd.to_datetime([r[7] for r in rows])
    out["bar_end"] = pd.to_datetime([r[8] for r in rows])
    return out


def _record_labels(dates: pd.DataFrame, records: pd.DataFrame) -> list[str]:
    """Row labels: `Practice 10: SCORE China`, `Project ASIA-BRICS`, `News: <title>`."""
    short = dict(rows_of(records, "key", "short_name"))
    return [
        words.record_titled(k, i, short.get(key))
        if k == "practice"
        else _("Project {id}").format(id=i)
        if k == "project"
        else _("News: {title}").format(title=t)
        for key, k, i, t in rows_of(dates, "key", "kind", "id", "title")
    ]


def dated(timeline: pd.DataFrame) -> pd.DataFrame:
    return timeline.dropna(subset=["bar_start"]).reset_index(drop=True)


NO_DATE = N_("2020-2021 biennium (no date in the sources)")  # `_(NO_DATE)` where shown
UNDATED_COLUMNS = ["record", "region", "when", "why", "source"]


def undated(timeline: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Every record or activity with no drawable date: those whose date is incomplete, and those with none at all.

    What is known is said: a record belongs to the 2020-2021 biennium even where no sentence dates it.
    """
    columns = ("key", "bar_start", "record", "region", "when", "label", "source")
    rows = list(rows_of(timeline, *columns))
    drawn = {key for key, start, *_rest in rows if start == start and start is not None}  # NaT is not equal to itself
    out: dict[str, tuple] = {}
    for key, _start, record, region, when, label, source in rows:
        if key not in drawn:
            out.setdefault(
                key, (record, region, when, _("the source gives no full date: {label}").format(label=label), source)
            )
    listed = {key for key, *_rest in rows}
    labels = _record_labels(tables.records, tables.records)
    for (key, region, source), record in zip(rows_of(tables.records, "key", "region", "source"), labels, strict=True):
        if key not in listed:
            out.setdefault(key, (record, region, _(NO_DATE), _("no sentence of its source dates it"), source))
    return pd.DataFrame(list(out.values()), columns=UNDATED_COLUMNS)


def counts(timeline: pd.DataFrame, tables: Tables) -> dict[str, int]:
    """Records and activities with a drawn date, and without: the two add up to all of them."""
    everything = len(tables.records) + len(tables.activities)
    drawn = [key for key, start in rows_of(timeline, "key", "bar_start") if start == start and start is not None]
    return {"all": everything, "dated": len(set(drawn)), "undated": everything - len(set(drawn)), "entries": len(drawn)}


def table(timeline: pd.DataFrame) -> pd.DataFrame:
    """What the page lists and exports: the dates as the sources give them, not the drawn spans."""
    basis = [
        _("inferred: {why}").format(why=why) if inferred(why) else _(PLANNED) if planned else _("stated in the source")
        for why, planned in rows_of(timeline, "inference", "planned")
    ]
    return timeline[["when", "precision", "label", "record", "region", "source"]].assign(basis=basis)


# the years the chart shows (values the address keeps: English, `_()` where shown); the first is the page's default
VIEWS = ["2019-2024", N_("whole span")]
DEFAULT_RANGE = (pd.Timestamp("2019-01-01"), pd.Timestamp("2025-01-01"))
MARGIN = pd.Timedelta(days=60)  # room either side of the whole span, so its first and last bars clear the edges


def shown_range(dated: pd.DataFrame, view: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The x range a view draws. 2019-2024 frames the 2020-2021 biennium and the next with a year either side,
    which is what a planner reads; one programme dated from 2016 would otherwise squeeze them into half the axis.
    The whole span covers every dated entry and never less than 2019-2024, so choosing it hides nothing the
    default shows."""
    if view != VIEWS[1] or dated.empty:
        return DEFAULT_RANGE
    first, last = DEFAULT_RANGE
    return min(first, dated["bar_start"].min() - MARGIN), max(last, dated["bar_end"].max() + MARGIN)


def outside(dated: pd.DataFrame, shown: tuple[pd.Timestamp, pd.Timestamp]) -> int:
    """Dated entries that `shown` cuts or leaves out: the page says how many, so a narrower view hides nothing
    silently."""
    first, last = shown
    return int(((dated["bar_start"] < first) | (dated["bar_end"] >= last)).sum())


def years(dated: pd.DataFrame) -> str:
    """The years the dated entries span, as the whole-span choice names them ("2016-2023")."""
    first, last = dated["bar_start"].min().year, dated["bar_end"].max().year
    return str(first) if first == last else f"{first}-{last}"


def bars(timeline: pd.DataFrame) -> pd.DataFrame:
    """Exactly what the chart draws: one bar per dated entry, with whether its date is inferred."""
    return timeline[["record", "label", "bar_start", "bar_end", "region"]].assign(
        date_inferred=timeline["inference"].map(inferred), planned=timeline["planned"].astype(bool)
    )
