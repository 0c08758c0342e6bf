"""Dated activities as bars: a date's precision decides the span drawn (a day, its month, its year)."""

import pandas as pd

from .tables import Tables

NEWS = "News item (not a 2020-21 record)"
COLUMNS = [
    "label", "record", "region", "start", "end", "precision", "when", "bar_start", "bar_end", "source", "inference",
    "key",
]  # fmt: skip


def _bounds(start: object, end: object, precision: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last instant a date entry covers; an end date, when given, extends to the end of its unit."""
    if not isinstance(start, str) or precision == "unknown":
        return None, None
    unit = {"day": "D", "month": "M", "year": "Y"}[precision]
    first = pd.Period(start, freq=unit).start_time
    last = pd.Period(end if isinstance(end, str) else start, freq=unit).end_time
    return first, last


def inferred(why: object) -> bool:
    """A date entry's `inference` holds the reason where no sentence gives the date (empty where one does)."""
    return isinstance(why, str) and bool(why)


def _when(start: object, end: object, precision: str) -> str:
    if not isinstance(start, str) or precision == "unknown":
        return "date not stated"
    return f"{start} to {end}" if isinstance(end, str) and end != start else start


def entries(tables: Tables) -> pd.DataFrame:
    """Every date entry, dated ones ordered by start; undated ones last (bar_start empty)."""
    dates = tables.dates
    if dates.empty:
        return pd.DataFrame(columns=COLUMNS)
    bounds = [_bounds(s, e, p) for s, e, p in zip(dates["start"], dates["end"], dates["precision"], strict=True)]
    out = dates.assign(
        bar_start=pd.to_datetime([b[0] for b in bounds]),
        bar_end=pd.to_datetime([b[1] for b in bounds]),
        when=[_when(s, e, p) for s, e, p in zip(dates["start"], dates["end"], dates["precision"], strict=True)],
        record=_record_labels(dates, tables.records),
        region=dates["region"].fillna(NEWS),
    )
    out = out.sort_values(["bar_start", "record"], na_position="last", kind="stable")
    return out[COLUMNS].reset_index(drop=True)


def _record_labels(dates: pd.DataFrame, records: pd.DataFrame) -> pd.Series:
    """Row labels: `Practice 10: SCORE China`, `Project ASIA-BRICS`, `News: <title>`."""
    short = dates["key"].map(records.set_index("key")["short_name"])
    kind = dates["kind"]
    return pd.Series(
        [
            f"Practice {i}: {s}" if k == "practice" else f"Project {i}" if k == "project" else f"News: {t}"
            for k, i, s, t in zip(kind, dates["id"], short, dates["title"], strict=True)
        ],
        index=dates.index,
    )


def dated(timeline: pd.DataFrame) -> pd.DataFrame:
    return timeline.dropna(subset=["bar_start"]).reset_index(drop=True)


NO_DATE = "2020-2021 biennium (no date in the sources)"
UNDATED_COLUMNS = ["record", "region", "when", "why", "source"]


def undated(timeline: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Every record or activity with no drawable date: those whose date is incomplete, and those with none at all.

    What is known is said: a record belongs to the 2020-2021 biennium even where no sentence dates it.
    """
    drawn = set(dated(timeline)["key"])
    partial = timeline[timeline["bar_start"].isna() & ~timeline["key"].isin(drawn)]
    partial = partial.assign(why="the source gives no full date: " + partial["label"])
    records = tables.records[~tables.records["key"].isin(set(timeline["key"]))]
    missing = pd.DataFrame(
        {
            "key": records["key"],
            "record": _record_labels(records.assign(title=records["title"]), tables.records),
            "region": records["region"],
            "when": NO_DATE,
            "why": "no sentence of its source dates it",
            "source": records["source"],
        }
    )
    out = pd.concat([partial[["key", *UNDATED_COLUMNS]], missing], ignore_index=True)
    return out.drop_duplicates("key")[UNDATED_COLUMNS].reset_index(drop=True)


def counts(timeline: pd.DataFrame, tables: Tables) -> dict[str, int]:
    """Records and activities with a drawn date, and without: the two add up to all of them."""
    everything = len(tables.records) + len(tables.activities)
    drawn = dated(timeline)["key"].nunique()
    return {"all": everything, "dated": drawn, "undated": everything - drawn, "entries": len(dated(timeline))}


def table(timeline: pd.DataFrame) -> pd.DataFrame:
    """What the page lists and exports: the dates as the sources give them, not the drawn spans."""
    basis = [f"inferred: {why}" if inferred(why) else "stated in the source" for why in timeline["inference"]]
    return timeline[["when", "precision", "label", "record", "region", "source"]].assign(basis=basis)


def bars(timeline: pd.DataFrame) -> pd.DataFrame:
    """Exactly what the chart draws: one bar per dated entry, with whether its date is inferred."""
    return timeline[["record", "label", "bar_start", "bar_end", "region"]].assign(
        date_inferred=timeline["inference"].map(inferred)
    )
