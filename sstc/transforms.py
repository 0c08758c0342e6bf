"""What each page shows, computed from (filtered) tables: pure functions, DataFrame in, DataFrame out."""

import pandas as pd

from . import vocab
from .tables import Tables

ANY_ROLE = "any role"


def _count_by(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """records / projects / practices per group, counting each record once per group."""
    distinct = frame.drop_duplicates([*by, "key"])
    out = distinct.groupby(by, sort=False, dropna=False).agg(
        records=("key", "nunique"),
        projects=("kind", lambda k: int((k == "project").sum())),
        practices=("kind", lambda k: int((k == "practice").sum())),
    )
    return out.reset_index()


def headline(tables: Tables) -> dict[str, float | int]:
    records = tables.records
    practices = records[records["kind"] == "practice"]
    participants = tables.countries[tables.countries["role"] == "participant"]
    regions = set(records["region"]) - {"Global/interregional"}
    moved = int((practices["covid_moved_online"] == "yes").sum())
    return {
        "projects": int((records["kind"] == "project").sum()),
        "practices": len(practices),
        "countries": int(participants["iso3"].nunique()),
        "countries_any_role": int(tables.countries["iso3"].nunique()),
        "regions": len(regions),
        "covid_moved_online": moved,
        "covid_not_stated": int((practices["covid_moved_online"] == "not stated").sum()),
        "covid_share": moved / len(practices) if len(practices) else 0.0,
    }


def region_summary(tables: Tables) -> pd.DataFrame:
    records = tables.records
    out = _count_by(records, ["region"])
    participants = tables.countries[tables.countries["role"] == "participant"]
    out["countries"] = out["region"].map(participants.groupby("region")["iso3"].nunique()).fillna(0).astype(int)
    moved = records[records["covid_moved_online"] == "yes"].groupby("region")["key"].nunique()
    out["practices_moved_online"] = out["region"].map(moved).fillna(0).astype(int)
    order = {r: i for i, r in enumerate(vocab.REGIONS)}
    return out.sort_values("region", key=lambda s: s.map(order)).reset_index(drop=True)


def coverage(tables: Tables, role: str = ANY_ROLE) -> pd.DataFrame:
    """One row per country: how many records name it (in this role), and which."""
    rows = tables.countries if role == ANY_ROLE else tables.countries[tables.countries["role"] == role]
    if rows.empty:
        return pd.DataFrame(columns=["iso3", "country", "records", "projects", "practices", "roles", "record_titles"])
    out = _count_by(rows, ["iso3", "country"])
    roles = rows.groupby("iso3")["role"].agg(lambda r: ", ".join(x for x in vocab.ROLES if x in set(r)))
    titles = rows.drop_duplicates(["iso3", "key"]).assign(label=lambda f: _record_label(f)).groupby("iso3")["label"]
    out["roles"] = out["iso3"].map(roles)
    out["record_titles"] = out["iso3"].map(titles.agg("; ".join))
    return out.sort_values(["records", "country"], ascending=[False, True]).reset_index(drop=True)


def _record_label(frame: pd.DataFrame) -> pd.Series:
    return frame["kind"].str.capitalize() + " " + frame["id"].astype(str) + ": " + frame["title"].str.slice(0, 70)


def funding_by_source(tables: Tables) -> pd.DataFrame:
    funding = tables.funding
    if funding.empty:
        return pd.DataFrame(columns=["source", "source_kind", "records", "projects", "practices", "stated_shares"])
    out = _count_by(funding, ["source", "source_kind"])
    stated = funding.dropna(subset=["share"])
    text = pd.Series(
        [f"{s:g}% ({k} {i})" for s, k, i in zip(stated["share"], stated["kind"], stated["id"], strict=True)],
        index=stated.index,
        dtype=object,
    )
    out["stated_shares"] = out["source"].map(text.groupby(stated["source"]).agg("; ".join)).astype(object).fillna("")
    return out.sort_values(["records", "source"], ascending=[False, True]).reset_index(drop=True)


def funding_by_region(tables: Tables) -> pd.DataFrame:
    if tables.funding.empty:
        return pd.DataFrame(columns=["source", "region", "records"])
    return _count_by(tables.funding, ["source", "region"])[["source", "region", "records"]]


def stated_shares(tables: Tables) -> pd.DataFrame:
    stated = tables.funding.dropna(subset=["share"])
    return stated[["kind", "id", "title", "source", "share", "as_stated"]].reset_index(drop=True)


def funding_diversity(tables: Tables) -> pd.DataFrame:
    """Sources per record: a record on one source is fragile to replicate."""
    counts = tables.funding.groupby("key")["source_id"].nunique()
    records = tables.records[["key", "kind", "id", "title", "region"]].copy()
    records["funding_sources"] = records["key"].map(counts).fillna(0).astype(int)
    return records.drop(columns="key")


def modality_summary(tables: Tables) -> pd.DataFrame:
    delivered = tables.modalities[tables.modalities["status"] == "delivered"]
    if delivered.empty:
        return pd.DataFrame(columns=["modality", "modality_label", "delivery", "records", "projects", "practices"])
    out = _count_by(delivered, ["modality", "modality_label", "delivery"])
    return out.sort_values(["records", "modality_label"], ascending=[False, True]).reset_index(drop=True)


def modality_records(tables: Tables) -> pd.DataFrame:
    """Every modality of every record with its status, delivery and the words that say so."""
    columns = ["kind", "id", "title", "modality_label", "status", "delivery", "quote", "inference", "source"]
    return tables.modalities[columns].reset_index(drop=True)


def delivery_summary(tables: Tables) -> pd.DataFrame:
    delivered = tables.modalities[tables.modalities["status"] == "delivered"]
    out = (
        _count_by(delivered, ["delivery"])
        if not delivered.empty
        else pd.DataFrame(columns=["delivery", "records", "projects", "practices"])
    )
    order = {d: i for i, d in enumerate(vocab.DELIVERY)}
    return out.sort_values("delivery", key=lambda s: s.map(order)).reset_index(drop=True)


def covid_shifts(tables: Tables) -> pd.DataFrame:
    """Practices a sentence says COVID-19 moved online: the quote, what was replaced and what was delivered online."""
    records = tables.records
    moved = records[(records["kind"] == "practice") & (records["covid_moved_online"] == "yes")]
    mods = tables.modalities
    planned = mods[mods["status"].isin(["replaced", "cancelled"])].groupby("key")["modality_label"].agg(", ".join)
    virtual = mods[(mods["status"] == "delivered") & (mods["delivery"] == "virtual")]
    delivered = virtual.groupby("key")["modality_label"].agg(", ".join)
    out = moved[["key", "id", "title", "region", "covid_note", "covid_quote"]].copy()
    out["planned"] = out["key"].map(planned).fillna("not stated")
    out["delivered_online_as"] = out["key"].map(delivered).fillna("")
    return out.drop(columns="key").reset_index(drop=True)


def outcome_region(tables: Tables, include_candidates: bool = False) -> pd.DataFrame:
    """Full outcome x region grid (zeros kept, so gaps show) with the number of records."""
    outcomes = tables.outcomes
    if not include_candidates:
        outcomes = outcomes[~outcomes["ambiguous"].astype(bool)]
    counts = outcomes.drop_duplicates(["outcome", "region", "key"]).groupby(["outcome", "region"])["key"].nunique()
    grid = pd.MultiIndex.from_product([list(vocab.OUTCOMES), list(vocab.REGIONS)], names=["outcome", "region"])
    out = counts.reindex(grid, fill_value=0).rename("records").reset_index()
    out["outcome_name"] = out["outcome"].map(vocab.OUTCOMES)
    return out[["outcome", "outcome_name", "region", "records"]]


def outcome_records(tables: Tables, include_candidates: bool = False) -> pd.DataFrame:
    outcomes = tables.outcomes
    if not include_candidates:
        outcomes = outcomes[~outcomes["ambiguous"].astype(bool)]
    return outcomes[["outcome", "kind", "id", "title", "region", "basis", "reason", "quote", "source"]].reset_index(
        drop=True
    )


def sdg_mentions(tables: Tables) -> pd.DataFrame:
    """SDGs the sources state, plus records whose text speaks of the SDGs or the 2030 Agenda in general."""
    stated = tables.sdgs.assign(
        mention="SDG "
        + tables.sdgs["goal"].astype(str)
        + tables.sdgs["target"].fillna("").map(lambda t: f" (target {t})" if t else "")
    )
    stated = stated[["mention", "kind", "id", "title", "region", "source"]]
    text = tables.records["search_text"]
    general = tables.records[text.str.contains(r"\bsdgs?\b|2030 agenda|agenda 2030", regex=True)]
    general = general[~general["key"].isin(tables.sdgs["key"])].assign(
        mention="SDGs / 2030 Agenda in general", source="text of the record"
    )
    return pd.concat([stated, general[["mention", "kind", "id", "title", "region", "source"]]], ignore_index=True)


def country_profile(tables: Tables, iso3: str) -> pd.DataFrame:
    rows = tables.countries[tables.countries["iso3"] == iso3]
    if rows.empty:
        return pd.DataFrame(columns=["kind", "id", "title", "region", "roles", "via_group", "evidence"])
    ev = tables.evidence[tables.evidence["field"].str.startswith("countries.") & (tables.evidence["value"] == iso3)]
    said = ev.assign(text=ev["field"].str.removeprefix("countries.") + ": " + ev["quote"].fillna(ev["inference"]))
    said = said.groupby("key")["text"].agg(" | ".join)
    grouped = rows.groupby(["key", "kind", "id", "title", "region"], sort=False).agg(
        roles=("role", lambda r: ", ".join(x for x in vocab.ROLES if x in set(r))),
        via_group=("via_group", lambda g: ", ".join(sorted({x for x in g if isinstance(x, str)}))),
    )
    grouped = grouped.reset_index()
    row_note = grouped["kind"].map({"practice": "participant: named in the compendium's Countries involved row"})
    grouped["evidence"] = grouped["key"].map(said).fillna(row_note)
    grouped.loc[grouped["via_group"] != "", "evidence"] = "through the group " + grouped["via_group"]
    grouped = grouped.set_index(["key", "kind", "id", "title", "region"])
    return (
        grouped.reset_index()
        .drop(columns="key")
        .sort_values(["kind", "id"], ascending=[False, True], ignore_index=True)
    )


def record_table(tables: Tables, kind: str) -> pd.DataFrame:
    records = tables.records[tables.records["kind"] == kind]
    columns = (
        ["id", "short_name", "title", "region", "project_id", "covid_moved_online", "source"]
        if kind == "practice"
        else ["id", "title", "region", "unit", "from_compendium", "ambiguous", "source"]
    )
    return records[columns].reset_index(drop=True)


def record_evidence(tables: Tables, key: str) -> pd.DataFrame:
    """The quotes (or inferences) behind one record's judged values."""
    return tables.evidence[tables.evidence["key"] == key].drop(columns="key").reset_index(drop=True)
