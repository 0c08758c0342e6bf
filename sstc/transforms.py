"""What each page shows, computed from (filtered) tables: pure functions, DataFrame in, DataFrame out."""

import pandas as pd

from . import gaps, reach, vocab
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
    return frame["kind"].str.capitalize() + " " + frame["id"].astype(str) + ": " + frame["title"]


NOT_STATED = "not stated"


def _funding_or_not_stated(tables: Tables) -> pd.DataFrame:
    """Funding rows plus one "not stated" row per record the sources give no funding for: unknown is not zero."""
    silent = tables.records[~tables.records["key"].isin(tables.funding["key"])]
    unknown = silent[["key", "kind", "id", "region", "title"]].assign(
        source=NOT_STATED, source_id=NOT_STATED, source_kind=NOT_STATED, basis=NOT_STATED
    )
    return pd.concat([tables.funding, unknown], ignore_index=True) if len(unknown) else tables.funding


def funding_by_source(tables: Tables) -> pd.DataFrame:
    """Records naming each funding source (a count of records, not of money: the sources give no amounts)."""
    funding = _funding_or_not_stated(tables)
    if funding.empty:
        return pd.DataFrame(
            columns=[
                "source",
                "source_kind",
                "records",
                "projects",
                "practices",
                "via_linked_practice",
                "stated_shares",
            ]
        )
    out = _count_by(funding, ["source", "source_kind"])
    derived = funding[funding["basis"].astype(str).str.startswith("via practice")]
    out["via_linked_practice"] = out["source"].map(derived.groupby("source")["key"].nunique()).fillna(0).astype(int)
    stated = funding[funding["basis"] == "stated"].dropna(subset=["share"])
    text = pd.Series(
        [f"{s:g}% ({k} {i})" for s, k, i in zip(stated["share"], stated["kind"], stated["id"], strict=True)],
        index=stated.index,
        dtype=object,
    )
    out["stated_shares"] = out["source"].map(text.groupby(stated["source"]).agg("; ".join)).astype(object).fillna("")
    order = out["source"].eq(NOT_STATED)  # unknown last, whatever its count
    out = out.assign(_last=order).sort_values(["_last", "records", "source"], ascending=[True, False, True])
    return out.drop(columns="_last").reset_index(drop=True)


def funding_by_region(tables: Tables) -> pd.DataFrame:
    """Records per funding source and region, "not stated" included as its own source."""
    funding = _funding_or_not_stated(tables)
    if funding.empty:
        return pd.DataFrame(columns=["source", "region", "records"])
    return _count_by(funding, ["source", "region"])[["source", "region", "records"]]


def stated_shares(tables: Tables) -> pd.DataFrame:
    stated = tables.funding[tables.funding["basis"] == "stated"].dropna(subset=["share"])
    return stated[["kind", "id", "title", "source", "share", "as_stated"]].reset_index(drop=True)


def funding_diversity(tables: Tables) -> pd.DataFrame:
    """Sources per record, by name: a record on one source is fragile to replicate; silence is "not stated"."""
    funding = tables.funding.drop_duplicates(["key", "source_id"])
    names = funding.groupby("key")["source"].agg("; ".join)
    counts = funding.groupby("key")["source_id"].nunique()
    basis = funding.groupby("key")["basis"].agg(lambda b: "; ".join(dict.fromkeys(b)))
    records = tables.records[["key", "kind", "id", "title", "region"]].copy()
    records["funding_sources"] = records["key"].map(names).fillna(NOT_STATED)
    records["source_count"] = records["key"].map(counts).astype("Int64")
    records["basis"] = records["key"].map(basis).fillna(NOT_STATED)
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
    out = moved[["key", "id", "title", "region", "covid_note", "covid_quote", "covid_source"]].copy()
    out["planned"] = out["key"].map(planned).fillna("not stated")
    out["delivered_online_as"] = out["key"].map(delivered).fillna("")
    return out.drop(columns="key").reset_index(drop=True)


CONFIRMED, AMBIGUOUS_ONLY, NONE = "confirmed", "ambiguous match only", "none"
OUTCOME_STATES = (CONFIRMED, AMBIGUOUS_ONLY, NONE)


def outcome_region(tables: Tables) -> pd.DataFrame:
    """Full outcome x region grid in three states: confirmed records, ambiguous matches only (with why), none."""
    outcomes = tables.outcomes
    grid = pd.MultiIndex.from_product([list(vocab.OUTCOMES), list(vocab.REGIONS)], names=["outcome", "region"])

    def count(rows: pd.DataFrame) -> pd.Series:
        distinct = rows.drop_duplicates(["outcome", "region", "key"])
        return distinct.groupby(["outcome", "region"])["key"].nunique().reindex(grid, fill_value=0)

    weak = outcomes["ambiguous"].astype(bool)
    out = pd.DataFrame({"records": count(outcomes[~weak]), "ambiguous_records": count(outcomes[weak])})
    out = out.reset_index()
    out["ambiguity"] = gaps.ambiguity_reasons(outcomes, out)
    out["state"] = NONE
    out.loc[out["ambiguous_records"] > 0, "state"] = AMBIGUOUS_ONLY
    out.loc[out["records"] > 0, "state"] = CONFIRMED
    out["outcome_name"] = out["outcome"].map(vocab.OUTCOMES)
    return out[["outcome", "outcome_name", "region", "state", "records", "ambiguous_records", "ambiguity"]]


def outcome_records(tables: Tables) -> pd.DataFrame:
    """Every record x outcome with its basis: stated, via project, best match or candidate of an ambiguous match."""
    columns = ["outcome", "kind", "id", "title", "region", "basis", "ambiguous", "reason", "quote", "source"]
    return tables.outcomes[columns].reset_index(drop=True)


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


def country_cards(tables: Tables, iso3: str) -> pd.DataFrame:
    """One row per record reaching the country: named in a role (with the words that say so), or through a group.

    Records that name the country come first; those that may reach it through a group without a country list
    follow, said as such, never counted as naming it.
    """
    reached = reach.country_reach(tables, [iso3])
    if reached.empty:
        return pd.DataFrame(columns=["key", "kind", "id", "title", "region", "roles", "how", "evidence", "named"])
    ev = tables.evidence[tables.evidence["field"].str.startswith("countries.") & (tables.evidence["value"] == iso3)]
    quoted = "“" + ev["quote"] + "”"
    words = quoted.where(ev["quote"].notna(), "inferred, no sentence says it: " + ev["inference"])
    said = ev.assign(text=ev["field"].str.removeprefix("countries.") + ": " + words + " (" + ev["source"] + ")")
    said = said.groupby("key")["text"].agg(" ".join)
    cards = reached.groupby(["key", "kind", "id", "title", "region"], sort=False).agg(
        roles=("role", lambda r: ", ".join(x for x in vocab.ROLES if x in set(r))),
        how=("how", lambda h: "; ".join(dict.fromkeys(h))),
        named=("named", "any"),
    )
    cards = cards.reset_index()
    row_note = cards["kind"].map({"practice": "named in the compendium's Countries involved row"})
    cards["evidence"] = cards["key"].map(said).fillna(row_note).where(cards["named"], "")
    return cards.sort_values(["named", "kind", "id"], ascending=[False, False, True], ignore_index=True)


def compare(left: Tables, right: Tables) -> pd.DataFrame:
    """Two selections on the same measures: records, countries, outcomes, themes, modalities, funding.

    Counts are of records (a record counts once per item); an ambiguous outcome match is its own item, and a
    record with no funding stated counts under "not stated", never as zero.
    """

    def measures(tables: Tables) -> pd.Series:
        records = tables.records
        participants = tables.countries[tables.countries["role"] == "participant"]
        rows: dict[tuple[str, str], int] = {
            ("Records", "all"): len(records),
            ("Records", "projects"): int((records["kind"] == "project").sum()),
            ("Records", "good practices"): int((records["kind"] == "practice").sum()),
            ("Countries", "participant countries"): int(participants["iso3"].nunique()),
            ("Countries", "countries in any role"): int(tables.countries["iso3"].nunique()),
        }
        outcomes = tables.outcomes.assign(
            item=tables.outcomes["outcome"].map(lambda o: f"Outcome {o}")
            + tables.outcomes["ambiguous"].map({True: " (ambiguous match)", False: ""})
        )
        for label, frame, column in (
            ("Outcome", outcomes, "item"),
            ("Theme", tables.themes, "theme_label"),
            ("Modality (delivered)", tables.modalities[tables.modalities["status"] == "delivered"], "modality_label"),
            ("Modality (planned)", tables.modalities[tables.modalities["status"] == "planned"], "modality_label"),
            ("Funding source", _funding_or_not_stated(tables), "source"),
        ):
            for item, n in frame.drop_duplicates([column, "key"]).groupby(column)["key"].nunique().items():
                rows[(label, str(item))] = int(n)
        return pd.Series(rows, dtype="int64")

    both = pd.concat([measures(left).rename("left"), measures(right).rename("right")], axis=1).fillna(0)
    both = both.astype("int64").rename_axis(["measure", "item"]).reset_index()
    order = {m: i for i, m in enumerate(["Records", "Countries", "Outcome", "Theme", "Modality (delivered)",
                                         "Modality (planned)", "Funding source"])}  # fmt: skip
    both["difference"] = both["left"] - both["right"]
    return both.sort_values(["measure", "item"], key=lambda s: s.map(order) if s.name == "measure" else s,
                            ignore_index=True)  # fmt: skip
