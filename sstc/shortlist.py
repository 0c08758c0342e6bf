"""A planner's shortlist of projects and practices: its table, its coverage if extended, and its brief."""

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from . import transforms
from .safe import brief
from .tables import Tables

PARAM = "pick"
MAX_ITEMS = 44  # every record of the shipped dataset; more than a planner will tick
NOW, EXTENDED = "covered now", "added if extended"
NOT_DOCUMENTED = "not documented in the sources"
INDENT = "  "  # continuation lines of a Markdown list item


def options(tables: Tables) -> dict[str, str]:
    """record key -> label, practices first (they carry the criteria a brief needs)."""
    records = tables.records.sort_values(["kind", "id"], key=_natural, ascending=[False, True])
    return {
        key: (f"Practice {rid}: {short}" if kind == "practice" else f"Project {rid}: {title[:70]}")
        for key, kind, rid, short, title in zip(
            records["key"], records["kind"], records["id"], records["short_name"], records["title"], strict=True
        )
    }


def _natural(column: pd.Series) -> pd.Series:
    return column.map(lambda v: int(v) if str(v).isdigit() else v) if column.name == "id" else column


def from_params(values: Sequence[str], available: dict[str, str]) -> tuple[list[str], list[str]]:
    """Keys from `?pick=` values; unknown ones are dropped with a notice, duplicates once."""
    keys: list[str] = []
    notices: list[str] = []
    for value in values:
        value = value.strip()
        if value in available:
            if value not in keys and len(keys) < MAX_ITEMS:
                keys.append(value)
        else:
            notices.append(f"Ignored {PARAM}={value[:60]!r} from the URL: it names no project or practice.")
    return keys, notices


def _texts(tables: Tables, keys: list[str], criterion: str) -> pd.Series:
    rows = tables.criteria[(tables.criteria["criterion"] == criterion) & tables.criteria["key"].isin(keys)]
    return rows.set_index("key")["text"]


def _joined(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame.groupby("key")[column].agg(lambda v: "; ".join(dict.fromkeys(str(x) for x in v)))


def _funding_text(tables: Tables) -> pd.Series:
    funding = tables.funding
    text = funding["source"] + funding["share"].map(lambda s: f" ({s:g}%)" if pd.notna(s) else "")
    return _joined(funding.assign(text=text), "text")


def items(tables: Tables, keys: list[str]) -> pd.DataFrame:
    """The shortlist as a table, in the order ticked: what a brief says about each item."""
    records = tables.records.set_index("key")
    keys = [k for k in keys if k in records.index]
    if not keys:
        return pd.DataFrame(
            columns=[
                "kind",
                "id",
                "title",
                "region",
                "objective",
                "results",
                "adaptability",
                "funding",
                "contacts",
                "candidates",
                "source",
            ]
        )
    chosen = records.loc[keys]
    candidates = tables.countries[tables.countries["role"] == "candidate"]
    groups = tables.groups[tables.groups["role"] == "candidate"]
    named = pd.concat(
        [candidates[["key"]].assign(n=candidates["country"]), groups[["key"]].assign(n=groups["group_name"])]
    )
    contacts = tables.contacts.assign(
        text=tables.contacts["institution"] + " (" + tables.contacts["contact_role"] + ")"
    )
    out = pd.DataFrame(
        {
            "kind": chosen["kind"],
            "id": chosen["id"],
            "title": chosen["title"],
            "region": chosen["region"],
            "objective": chosen["summary"],
            "results": _texts(tables, keys, "results"),
            "adaptability": _texts(tables, keys, "adaptability"),
            "funding": _funding_text(tables),
            "contacts": _joined(contacts, "text"),
            "candidates": _joined(named, "n"),
            "source": chosen["source"],
        },
        index=pd.Index(keys, name="key"),
    )
    return (
        out.fillna({c: NOT_DOCUMENTED for c in ("results", "adaptability", "funding", "contacts")})
        .fillna({"candidates": "none named"})
        .reset_index(drop=True)
    )


def extension_coverage(tables: Tables, keys: list[str]) -> pd.DataFrame:
    """Countries the shortlist covers now (participants) and those its candidate countries would add."""
    subset = tables.countries[tables.countries["key"].isin(keys)]
    now = transforms.coverage(_only(tables, subset[subset["role"] == "participant"]), "participant")
    added = subset[(subset["role"] == "candidate") & ~subset["iso3"].isin(now["iso3"])]
    later = transforms.coverage(_only(tables, added), "candidate")
    out = pd.concat([now.assign(status=NOW), later.assign(status=EXTENDED)], ignore_index=True)
    return out[["iso3", "country", "status", "records", "projects", "practices", "roles", "record_titles"]]


def _only(tables: Tables, countries_rows: pd.DataFrame) -> Tables:
    return replace(tables, countries=countries_rows)


def unmapped_candidates(tables: Tables, keys: list[str]) -> list[str]:
    """Candidate groups without member countries (e.g. 'Global South'): named in words, not on the map."""
    groups = tables.groups
    rows = groups[groups["key"].isin(keys) & (groups["role"] == "candidate") & ~groups["expanded"]]
    return list(dict.fromkeys(rows["group_name"]))


def brief_markdown(tables: Tables, keys: list[str], *, dataset_name: str, filters_text: str = "") -> str:
    """The planning brief: per item its objective, results, adaptability, funding, contacts and source.

    Data text is escaped (safe.brief), so a brief opened in any Markdown viewer shows it as written.
    """
    table = items(tables, keys)
    coverage = extension_coverage(tables, keys)
    now = int((coverage["status"] == NOW).sum())
    later = int((coverage["status"] == EXTENDED).sum())
    lines = [
        "# SSTC planning brief: shortlist for 2022-2023",
        "",
        f"Dataset: {brief(dataset_name)}. Items: {len(table)}."
        + (f" Filters when drawn up: {brief(filters_text)}." if filters_text else ""),
        "",
        f"Coverage: {now} participant countries now; {later} more if extended to the candidate countries named.",
    ]
    unmapped = unmapped_candidates(tables, keys)
    if unmapped:
        lines.append(f"Also named as candidates (groups without a country list): {brief(', '.join(unmapped))}.")
    for n, row in enumerate(table.itertuples(), start=1):
        label = f"Practice {row.id}" if row.kind == "practice" else f"Project {row.id}"
        lines += [
            "",
            f"## {n}. {brief(label)}: {brief(row.title, INDENT)}",
            "",
            f"- **Region:** {brief(row.region, INDENT)}",
            f"- **Objective:** {brief(row.objective, INDENT)}",
            f"- **Results:** {brief(row.results, INDENT)}",
            f"- **Adaptability:** {brief(row.adaptability, INDENT)}",
            f"- **Candidate countries and groups:** {brief(row.candidates, INDENT)}",
            f"- **Funding:** {brief(row.funding, INDENT)}",
            f"- **Contacts (institutions):** {brief(row.contacts, INDENT)}",
            f"- **Source:** {brief(row.source, INDENT)}",
        ]
    if table.empty:
        lines += ["", "The shortlist is empty: tick projects or practices to fill the brief."]
    return "\n".join(lines) + "\n"
