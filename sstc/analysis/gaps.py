"""Where nothing was done in 2020-2021: outcome / theme x region grids, country x outcome, uncovered candidates.

A region counts as "reached only by global activities" when no record of that region carries the outcome or
theme, but a global/interregional record that does names a participant country of the region. A country's
region is the ILO region of the regional records that name it (the data's own grouping: no hand-typed table);
countries named only by global records have no region and are listed as such.

Every grid and list keeps only what the filters keep (issue 23, point 1): the regions (`regions`), outcomes, themes
and countries (`iso3s`) a page passes, as tuples; an empty tuple keeps them all. A region filtered out is left out,
never drawn as a region where nothing was done. Under a region filter the records to count are those of the kept
regions and the global ones (`counted_regions`): a global record counts in a kept region its participant countries
are in, as it does without the filter, and never in a region left out.
"""

from collections.abc import Callable

import pandas as pd

from sstc.analysis import words
from sstc.data import countries, vocab
from sstc.data.i18n import N_
from sstc.data.tables import Tables, rows_of

GLOBAL = "Global/interregional"
REGIONAL = [r for r in vocab.REGIONS if r != GLOBAL]
# A cell's status: a value the grids, charts and tests compare (English, a key); `_(status)` where it is shown.
DONE, AMBIGUOUS = N_("regional records"), N_("ambiguous outcome match only")
# TRANSLATORS: "nothing" is a gap's status: no record did anything in this outcome (or theme) and region.
GLOBAL_ONLY, NOTHING = N_("global activities only"), N_("nothing")
STATUSES = (DONE, AMBIGUOUS, GLOBAL_ONLY, NOTHING)


def country_regions(tables: Tables) -> pd.Series:
    """iso3 -> the region of the regional records naming it (most often, then first in vocabulary order)."""
    named: dict[str, dict[str, set[str]]] = {}
    for iso3, region, key in rows_of(tables.countries, "iso3", "region", "key"):
        if region != GLOBAL:
            named.setdefault(iso3, {}).setdefault(region, set()).add(key)
    if not named:
        return pd.Series(dtype=object, name="region")
    order = {r: i for i, r in enumerate(vocab.REGIONS)}
    best = {
        iso3: min(regions, key=lambda r, regions=regions: (-len(regions[r]), order.get(r, len(order))))
        for iso3, regions in sorted(named.items())
    }
    return pd.Series(best, name="region").rename_axis("iso3")


def counted_regions(regions: tuple[str, ...]) -> tuple[str, ...]:
    """The Region filter's values whose records the grids count: with a region chosen, Global/interregional too, so
    that a global record still counts in the chosen regions its participant countries are in."""
    return (*regions, GLOBAL) if regions and GLOBAL not in regions else regions


def kept_regions(regions_of: pd.Series, regions: tuple[str, ...] = (), iso3s: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The grids' columns: the five regions, or those the Region filter keeps (all five when it keeps only
    Global/interregional, whose records count in the regions of their participant countries); under a Country
    filter only the regions its countries are in."""
    kept = [r for r in REGIONAL if r in regions] or list(REGIONAL)
    if iso3s:
        homes = {regions_of.get(iso3) for iso3 in iso3s}
        kept = [r for r in kept if r in homes]
    return tuple(kept)


def _country_kept(
    regions_of: pd.Series | None, regions: tuple[str, ...], iso3s: tuple[str, ...]
) -> Callable[[str], bool]:
    """Whether a country is in the filters' scope: one of `iso3s` (if any), in a kept region (if a region is
    chosen); a country with no region here (named only by global records) only under Global/interregional."""
    home = regions_of.to_dict() if regions_of is not None else {}
    columns = {r for r in REGIONAL if r in regions} or set(REGIONAL)  # as `kept_regions`
    placeless = not regions or GLOBAL in regions

    def kept(iso3: str) -> bool:
        if iso3s and iso3 not in iso3s:
            return False
        if not regions:
            return True
        return home[iso3] in columns if iso3 in home else placeless

    return kept


def _global_reach(tables: Tables, regions_of: pd.Series, iso3s: tuple[str, ...] = ()) -> dict[str, set[str]]:
    """key -> the regions a global record reaches through its participant countries (only `iso3s`, if any)."""
    home = regions_of.to_dict()
    reached: dict[str, set[str]] = {}
    for key, iso3, region, role in rows_of(tables.countries, "key", "iso3", "region", "role"):
        if region == GLOBAL and role == "participant" and iso3 in home and (not iso3s or iso3 in iso3s):
            reached.setdefault(key, set()).add(home[iso3])
    return reached


def _regional(frame: pd.DataFrame, column: str) -> dict[tuple[str, str], set[str]]:
    cells: dict[tuple[str, str], set[str]] = {}
    for value, region, key in rows_of(frame, column, "region", "key"):
        if region != GLOBAL:
            cells.setdefault((value, region), set()).add(key)
    return cells


def _status_grid(
    tagged: pd.DataFrame,
    column: str,
    values: list[str],
    tables: Tables,
    regions_of: pd.Series,
    ambiguous: pd.DataFrame | None,
    regions: tuple[str, ...],
    iso3s: tuple[str, ...],
) -> pd.DataFrame:
    """Value x region grid (`values` x `regions`): regional records, ambiguous ones, global records reaching it
    (through `iso3s` only, if any), status."""
    done = _regional(tagged, column)
    weak = _regional(ambiguous, column) if ambiguous is not None else {}
    reached = _global_reach(tables, regions_of, iso3s)
    from_global: dict[tuple[str, str], set[str]] = {}
    for value, region, key in rows_of(tagged, column, "region", "key"):
        if region == GLOBAL:
            for home in reached.get(key, ()):
                from_global.setdefault((value, home), set()).add(key)
    rows = []
    for value in values:
        for region in regions:
            cell = (value, region)
            n, a, g = len(done.get(cell, ())), len(weak.get(cell, ())), len(from_global.get(cell, ()))
            status = DONE if n else AMBIGUOUS if a else GLOBAL_ONLY if g else NOTHING
            rows.append((value, region, n, a, g, status) if ambiguous is not None else (value, region, n, g, status))
    counts = ["regional_records", *(["ambiguous_records"] if ambiguous is not None else []), "global_records_reaching"]
    return pd.DataFrame(rows, columns=[column, "region", *counts, "status"]).astype(dict.fromkeys(counts, "int64"))


def _split_candidates(outcomes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    weak = outcomes["ambiguous"].astype(bool)
    return outcomes[~weak], outcomes[weak]


def outcome_region(
    tables: Tables,
    regions_of: pd.Series,
    regions: tuple[str, ...] = (),
    outcomes: tuple[str, ...] = (),
    iso3s: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Outcome x region; a cell served only by ambiguous (candidate) matches is its own status, not a gap. Only the
    regions, outcomes and countries' regions the filters keep (`kept_regions`; all when none is chosen)."""
    confirmed, candidates = _split_candidates(tables.outcomes)
    values = [o for o in vocab.OUTCOMES if not outcomes or o in outcomes]
    columns = kept_regions(regions_of, regions, iso3s)
    out = _status_grid(confirmed, "outcome", values, tables, regions_of, candidates, columns, iso3s)
    out.insert(1, "outcome_name", out["outcome"].map(vocab.outcome_name))  # words, in the run's language
    out["ambiguity"] = ambiguity_reasons(tables.outcomes, out)
    return out


def ambiguity_by_cell(outcomes: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(outcome, region) -> which records match it only ambiguously, and why (from the data)."""
    cells: dict[tuple[str, str], dict[str, str]] = {}
    columns = ("outcome", "region", "key", "kind", "id", "basis", "reason", "ambiguous")
    for outcome, region, key, kind, id_, basis, reason, ambiguous in rows_of(outcomes, *columns):
        if ambiguous:
            why = (
                f"{words.record(kind, id_)} ({words.outcome_basis(basis)}): {reason if isinstance(reason, str) else ''}"
            )
            cells.setdefault((outcome, region), {}).setdefault(key, why)
    return {cell: " | ".join(whys.values()) for cell, whys in cells.items()}


def ambiguity_reasons(outcomes: pd.DataFrame, cells: pd.DataFrame) -> pd.Series:
    """Per (outcome, region) cell of `cells`: `ambiguity_by_cell`, empty where nothing is ambiguous."""
    reasons = ambiguity_by_cell(outcomes)
    return pd.Series(
        [reasons.get(cell, "") for cell in rows_of(cells, "outcome", "region")], index=cells.index, dtype=object
    )


def theme_region(
    tables: Tables,
    regions_of: pd.Series,
    regions: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    iso3s: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Theme x region, only the regions, themes and countries' regions the filters keep (as `outcome_region`)."""
    values = [t for t in vocab.THEMES if not themes or t in themes]
    columns = kept_regions(regions_of, regions, iso3s)
    out = _status_grid(tables.themes, "theme", values, tables, regions_of, None, columns, iso3s)
    out.insert(1, "theme_label", out["theme"].map(vocab.theme_label))  # words, in the run's language
    return out


def gap_list(grid: pd.DataFrame) -> pd.DataFrame:
    """The cells of a status grid where no regional record did anything, global-only first."""
    order = {AMBIGUOUS: 0, GLOBAL_ONLY: 1, NOTHING: 2}
    statuses = grid["status"].tolist()
    gaps = sorted((i for i, status in enumerate(statuses) if status != DONE), key=lambda i: order.get(statuses[i], 3))
    return grid.take(gaps).reset_index(drop=True)


def country_outcome(
    tables: Tables,
    regions_of: pd.Series | None = None,
    regions: tuple[str, ...] = (),
    outcomes: tuple[str, ...] = (),
    iso3s: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Participant country x outcome, zeros kept: records serving it there, confirmed and ambiguous apart. Only the
    countries in the filters' scope (`_country_kept`: `regions_of` places them) and the outcomes they keep."""
    kept = _country_kept(regions_of, regions, iso3s)
    participants: dict[str, list[str]] = {}
    for key, iso3, role in rows_of(tables.countries, "key", "iso3", "role"):
        if role == "participant" and kept(iso3):
            participants.setdefault(key, []).append(iso3)
    confirmed: dict[tuple[str, str], set[str]] = {}
    weak: dict[tuple[str, str], set[str]] = {}
    for key, outcome, ambiguous in rows_of(tables.outcomes, "key", "outcome", "ambiguous"):
        for iso3 in participants.get(key, ()):
            (weak if ambiguous else confirmed).setdefault((iso3, outcome), set()).add(key)
    codes = sorted({iso3 for found in participants.values() for iso3 in found}, key=countries.sort_key)
    rows = [
        (iso3, countries.name(iso3), outcome, len(confirmed.get(cell, ())), len(weak.get(cell, ())))
        for iso3 in codes
        for outcome in vocab.OUTCOMES
        if not outcomes or outcome in outcomes
        for cell in [(iso3, outcome)]
    ]
    columns = ["iso3", "country", "outcome", "records", "ambiguous_records"]
    return pd.DataFrame(rows, columns=columns).astype({"records": "int64", "ambiguous_records": "int64"})


def countries_without_outcome(grid: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Participant countries no record with a confirmed P&B outcome reached, and the records that name them."""
    totals: dict[tuple[str, str], list[int]] = {}
    for iso3, country, n, a in rows_of(grid, "iso3", "country", "records", "ambiguous_records"):
        total = totals.setdefault((iso3, country), [0, 0])
        total[0] += n
        total[1] += a
    missing = {iso3: (country, a) for (iso3, country), (n, a) in totals.items() if n == 0}
    named: dict[str, dict[str, None]] = {}
    for iso3, role, kind, id_ in rows_of(tables.countries, "iso3", "role", "kind", "id"):
        if role == "participant" and iso3 in missing:
            named.setdefault(iso3, {})[words.record(kind, id_)] = None
    rows = [(iso3, country, a > 0, ", ".join(named.get(iso3, {})) or None) for iso3, (country, a) in missing.items()]
    return pd.DataFrame(rows, columns=["iso3", "country", "ambiguous_matches", "named_by"]).astype(
        {"ambiguous_matches": bool}
    )


def uncovered_candidates(
    candidates_from: Tables,
    covered_by: Tables,
    regions_of: pd.Series | None = None,
    regions: tuple[str, ...] = (),
    iso3s: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Countries named as candidates for extension that no record (in `covered_by`) has as a participant; only those
    in the filters' scope (`_country_kept`)."""
    kept = _country_kept(regions_of, regions, iso3s)
    named = candidates_from.countries[candidates_from.countries["role"] == "candidate"]
    if regions or iso3s:
        named = named[named["iso3"].map(kept).astype(bool)]
    covered = set(covered_by.countries.loc[covered_by.countries["role"] == "participant", "iso3"])
    open_ = named[~named["iso3"].isin(covered)].drop_duplicates(["iso3", "key"])
    if open_.empty:
        return pd.DataFrame(columns=["iso3", "country", "named_by", "records"])
    labels = [words.record_titled(k, i, t) for k, i, t in rows_of(open_, "kind", "id", "title")]
    open_ = open_.assign(label=pd.Series(labels, index=open_.index, dtype=object))
    out = open_.groupby(["iso3", "country"], sort=False).agg(named_by=("label", "; ".join), records=("key", "nunique"))
    return out.reset_index().sort_values("country", ignore_index=True, key=words.by_name)


def unassigned_countries(
    tables: Tables, regions_of: pd.Series, regions: tuple[str, ...] = (), iso3s: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Participants of global records whose region the data cannot tell (named by no regional record); only those in
    the filters' scope (none under a region filter without Global/interregional)."""
    placed = set(regions_of.index)
    kept = _country_kept(regions_of, regions, iso3s)
    missing: dict[str, str] = {}
    for iso3, country, region, role in rows_of(tables.countries, "iso3", "country", "region", "role"):
        if region == GLOBAL and role == "participant" and iso3 not in placed and kept(iso3):
            missing.setdefault(iso3, country)
    rows = sorted(missing.items(), key=lambda item: item[1])
    return pd.DataFrame(rows, columns=["iso3", "country"])
