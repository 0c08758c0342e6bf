"""Where nothing was done in 2020-2021: outcome / theme x region grids, country x outcome, uncovered candidates.

A region counts as "reached only by global activities" when no record of that region carries the outcome or
theme, but a global/interregional record that does names a participant country of the region. A country's
region is the ILO region of the regional records that name it (the data's own grouping: no hand-typed table);
countries named only by global records have no region and are listed as such.
"""

import pandas as pd

from . import countries, vocab
from .tables import Tables

GLOBAL = "Global/interregional"
REGIONAL = [r for r in vocab.REGIONS if r != GLOBAL]
DONE, AMBIGUOUS = "regional records", "ambiguous outcome match only"
GLOBAL_ONLY, NOTHING = "global activities only", "nothing"
STATUSES = (DONE, AMBIGUOUS, GLOBAL_ONLY, NOTHING)


def country_regions(tables: Tables) -> pd.Series:
    """iso3 -> the region of the regional records naming it (most often, then first in vocabulary order)."""
    rows = tables.countries[tables.countries["region"] != GLOBAL]
    if rows.empty:
        return pd.Series(dtype=object, name="region")
    counts = rows.drop_duplicates(["iso3", "key"]).groupby(["iso3", "region"]).size().rename("n").reset_index()
    counts["order"] = counts["region"].map({r: i for i, r in enumerate(vocab.REGIONS)})
    best = counts.sort_values(["iso3", "n", "order"], ascending=[True, False, True]).drop_duplicates("iso3")
    return best.set_index("iso3")["region"]


def _global_reach(tables: Tables, regions_of: pd.Series) -> pd.DataFrame:
    """key, region: the regions each global record reaches through its participant countries."""
    rows = tables.countries[(tables.countries["region"] == GLOBAL) & (tables.countries["role"] == "participant")]
    reach = rows[["key", "iso3"]].assign(reached=rows["iso3"].map(regions_of)).dropna(subset=["reached"])
    return reach[["key", "reached"]].drop_duplicates()


def _status_grid(
    tagged: pd.DataFrame,
    column: str,
    values: list[str],
    tables: Tables,
    regions_of: pd.Series,
    ambiguous: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Full value x region grid: regional records, ambiguous ones, global records reaching it, status."""
    grid = pd.MultiIndex.from_product([values, REGIONAL], names=[column, "region"])

    def regional(frame: pd.DataFrame) -> pd.Series:
        rows = frame[frame["region"] != GLOBAL].drop_duplicates([column, "region", "key"])
        return rows.groupby([column, "region"])["key"].nunique().reindex(grid, fill_value=0)

    global_tagged = tagged[tagged["region"] == GLOBAL][[column, "key"]].drop_duplicates()
    reach = global_tagged.merge(_global_reach(tables, regions_of), on="key").rename(columns={"reached": "region"})
    global_n = reach.groupby([column, "region"])["key"].nunique().reindex(grid, fill_value=0)
    out = pd.DataFrame({"regional_records": regional(tagged)})
    if ambiguous is not None:
        out["ambiguous_records"] = regional(ambiguous)
    out["global_records_reaching"] = global_n
    out = out.reset_index()
    out["status"] = NOTHING
    out.loc[out["global_records_reaching"] > 0, "status"] = GLOBAL_ONLY
    if ambiguous is not None:
        out.loc[out["ambiguous_records"] > 0, "status"] = AMBIGUOUS
    out.loc[out["regional_records"] > 0, "status"] = DONE
    return out


def _split_candidates(outcomes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    weak = outcomes["ambiguous"].astype(bool)
    return outcomes[~weak], outcomes[weak]


def outcome_region(tables: Tables, regions_of: pd.Series) -> pd.DataFrame:
    """Outcome x region; a cell served only by ambiguous (candidate) matches is its own status, not a gap."""
    confirmed, candidates = _split_candidates(tables.outcomes)
    out = _status_grid(confirmed, "outcome", list(vocab.OUTCOMES), tables, regions_of, candidates)
    out.insert(1, "outcome_name", out["outcome"].map(vocab.OUTCOMES))
    out["ambiguity"] = ambiguity_reasons(tables.outcomes, out)
    return out


def ambiguity_reasons(outcomes: pd.DataFrame, cells: pd.DataFrame) -> pd.Series:
    """Per (outcome, region) cell: which records match it only ambiguously, and why (from the data)."""
    ambiguous = outcomes[outcomes["ambiguous"].astype(bool)]
    why = ambiguous["kind"] + " " + ambiguous["id"].astype(str) + " (" + ambiguous["basis"] + "): "
    ambiguous = ambiguous.assign(why=why + ambiguous["reason"].fillna(""))
    grouped = ambiguous.drop_duplicates(["outcome", "region", "key"]).groupby(["outcome", "region"])["why"]
    index = pd.MultiIndex.from_frame(cells[["outcome", "region"]])
    return pd.Series(grouped.agg(" | ".join).reindex(index).fillna("").to_numpy(dtype=object), index=cells.index)


def theme_region(tables: Tables, regions_of: pd.Series) -> pd.DataFrame:
    out = _status_grid(tables.themes, "theme", list(vocab.THEMES), tables, regions_of)
    out.insert(1, "theme_label", out["theme"].map(vocab.THEMES))
    return out


def gap_list(grid: pd.DataFrame) -> pd.DataFrame:
    """The cells of a status grid where no regional record did anything, global-only first."""
    gaps = grid[grid["status"] != DONE]
    order = {AMBIGUOUS: 0, GLOBAL_ONLY: 1, NOTHING: 2}
    return gaps.sort_values("status", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def country_outcome(tables: Tables) -> pd.DataFrame:
    """Participant country x outcome, zeros kept: records serving it there, confirmed and ambiguous apart."""
    confirmed, candidates = _split_candidates(tables.outcomes)
    participants = tables.countries[tables.countries["role"] == "participant"][["key", "iso3"]]
    codes = sorted(set(participants["iso3"]), key=countries.name)
    grid = pd.MultiIndex.from_product([codes, list(vocab.OUTCOMES)], names=["iso3", "outcome"])

    def count(outcomes: pd.DataFrame) -> pd.Series:
        pairs = participants.merge(outcomes[["key", "outcome"]], on="key").drop_duplicates(["iso3", "outcome", "key"])
        return pairs.groupby(["iso3", "outcome"])["key"].nunique().reindex(grid, fill_value=0)

    out = pd.DataFrame({"records": count(confirmed), "ambiguous_records": count(candidates)}).reset_index()
    out.insert(1, "country", out["iso3"].map(countries.name))
    return out


def countries_without_outcome(grid: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Participant countries no record with a confirmed P&B outcome reached, and the records that name them."""
    totals = grid.groupby(["iso3", "country"], sort=False)[["records", "ambiguous_records"]].sum()
    missing = totals[totals["records"] == 0].reset_index()
    rows = tables.countries[
        (tables.countries["role"] == "participant") & tables.countries["iso3"].isin(missing["iso3"])
    ]
    labels = rows.drop_duplicates(["iso3", "key"]).assign(label=rows["kind"] + " " + rows["id"].astype(str))
    missing["named_by"] = missing["iso3"].map(labels.groupby("iso3")["label"].agg(", ".join))
    missing["ambiguous_matches"] = missing["ambiguous_records"] > 0
    return missing[["iso3", "country", "ambiguous_matches", "named_by"]]


def uncovered_candidates(candidates_from: Tables, covered_by: Tables) -> pd.DataFrame:
    """Countries named as candidates for extension that no record (in `covered_by`) has as a participant."""
    named = candidates_from.countries[candidates_from.countries["role"] == "candidate"]
    covered = set(covered_by.countries.loc[covered_by.countries["role"] == "participant", "iso3"])
    open_ = named[~named["iso3"].isin(covered)].drop_duplicates(["iso3", "key"])
    if open_.empty:
        return pd.DataFrame(columns=["iso3", "country", "named_by", "records"])
    open_ = open_.assign(label=open_["kind"].str.capitalize() + " " + open_["id"].astype(str) + ": " + open_["title"])
    out = open_.groupby(["iso3", "country"], sort=False).agg(named_by=("label", "; ".join), records=("key", "nunique"))
    return out.reset_index().sort_values("country", ignore_index=True)


def unassigned_countries(tables: Tables, regions_of: pd.Series) -> pd.DataFrame:
    """Participants of global records whose region the data cannot tell (named by no regional record)."""
    rows = tables.countries[(tables.countries["region"] == GLOBAL) & (tables.countries["role"] == "participant")]
    missing = rows[~rows["iso3"].isin(regions_of.index)].drop_duplicates("iso3")
    return missing[["iso3", "country"]].sort_values("country", ignore_index=True)
