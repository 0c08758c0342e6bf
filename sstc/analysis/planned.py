"""What a plan adds to 2020-2021, counted as Coverage gaps counts: the countries its targets stand for that no 2020-21
record has as a participant, the outcome x region and theme x region gaps it plans to fill, what it leaves untouched,
and the candidate countries still uncovered.

A plan item is a record (practice or project) with targets. It plans its confirmed outcomes (as the gaps page counts
"regional records": stated, or via its project, never an ambiguous match) and its themes in each region its targets
lie in: a target country's region is the ILO region the data's regional records place it in (`gaps.country_regions`);
a target the data does not place (a country no regional record names, a group with no known members) counts in the
item's own region, as does an item without targets. A global item so left plans nothing region by region. These are
the app's derivations from a planner's choices, never something a source said.
"""

from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from sstc.analysis import gaps, targets, transforms, words
from sstc.data import countries, vocab
from sstc.data.i18n import N_, _, ngettext
from sstc.data.tables import Tables, rows_of

# A country's status beside the plan: a value compared and coloured by (English, a key); `_(status)` where shown.
COVERED, TARGETED, NEW = N_("covered in 2020-2021"), N_("covered and targeted"), N_("new with the plan")
COUNTRY_COLUMNS = ["iso3", "country", "status", "items"]
CELL_COLUMNS = ["code", "name", "region", "before", "items"]


class Item(Protocol):
    key: str
    targets: list[str] | tuple[str, ...]


@dataclass(frozen=True)
class Planned:
    """A plan item as this module reads it, hashable (so a page can cache what a plan adds by its value)."""

    key: str
    targets: tuple[str, ...]


def planned_items(items: object) -> tuple[Planned, ...]:
    """Any plan items (with `key` and `targets`) as `Planned`."""
    return tuple(Planned(i.key, tuple(i.targets)) for i in items)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Adds:
    countries: pd.DataFrame  # COUNTRY_COLUMNS: every country covered in 2020-21 or targeted, with its status
    outcome_cells: pd.DataFrame  # CELL_COLUMNS: the outcome x region gaps the plan plans to fill
    possible_cells: pd.DataFrame  # more gaps it may fill, through ambiguous outcome matches only
    theme_cells: pd.DataFrame
    outcome_gaps: tuple[int, int]  # gaps on the Coverage gaps page before, and those the plan leaves
    theme_gaps: tuple[int, int]
    untouched_outcomes: tuple[str, ...]  # outcome codes no item plans
    untouched_regions: tuple[str, ...]  # regions (of the gaps grid) no item plans anything in
    uncovered_candidates: pd.DataFrame  # gaps.uncovered_candidates, less the plan's target countries
    unplaced: tuple[str, ...]  # target countries the data places in no region (counted in the item's own region)


def _resolved(tables: Tables, item: Item) -> list[targets.Target]:
    """The item's targets that name something in this dataset (a plan may outlive the dataset it was made on)."""
    found = []
    for token in item.targets:
        try:
            found.append(targets.resolve(tables, token))
        except KeyError:
            continue
    return found


def _item_regions(aims: list[targets.Target], regions_of: pd.Series, own: str) -> tuple[set[str], set[str]]:
    """The regions an item plans in, and its target countries the data does not place."""
    found, unplaced = set(), set()
    for target in aims:
        for iso3 in target.members:
            region = regions_of.get(iso3)
            if isinstance(region, str):
                found.add(region)
            elif target.kind == "country":
                unplaced.add(iso3)
    if own == gaps.GLOBAL:  # a global item's unplaced targets count nowhere: none is listed as counted at home
        return found & set(gaps.REGIONAL), set()
    if unplaced or not found:
        found.add(own)
    return found & set(gaps.REGIONAL), unplaced


def _plan(into: dict[tuple[str, str], list[str]], codes: pd.Series, regions: set[str], label: str) -> None:
    """Each code in each region, planned by the item `label`."""
    for code in dict.fromkeys(codes):
        for region in regions:
            into.setdefault((code, region), []).append(label)


def _cells(grid: pd.DataFrame, column: str, name: str, planned: dict[tuple[str, str], list[str]]) -> pd.DataFrame:
    rows = [
        (code, label, region, status, ", ".join(planned[(code, region)]))
        for code, label, region, status in rows_of(grid, column, name, "region", "status")
        if (code, region) in planned and status != gaps.DONE
    ]
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def adds(tables: Tables, items: list[Item] | tuple[Item, ...]) -> Adds:
    """What `items` add to 2020-2021 (module docstring)."""
    regions_of = gaps.country_regions(tables)
    records = tables.records.set_index("key")
    weak = tables.outcomes["ambiguous"].astype(bool)
    outcomes, unsure = tables.outcomes[~weak], tables.outcomes[weak]
    planned_outcomes: dict[tuple[str, str], list[str]] = {}
    possible: dict[tuple[str, str], list[str]] = {}
    planned_themes: dict[tuple[str, str], list[str]] = {}
    targeted: dict[str, list[str]] = {}
    unplaced: set[str] = set()
    for item in items:
        if item.key not in records.index:
            continue
        rec = records.loc[item.key]
        label = words.record(rec["kind"], rec["id"])
        aims = _resolved(tables, item)  # once an item: its regions and its countries both read them
        regions, lost = _item_regions(aims, regions_of, rec["region"])
        unplaced |= lost
        for target in aims:
            for iso3 in target.members:
                targeted.setdefault(iso3, []).append(label)
        _plan(planned_outcomes, outcomes.loc[outcomes["key"] == item.key, "outcome"], regions, label)
        _plan(possible, unsure.loc[unsure["key"] == item.key, "outcome"], regions, label)
        _plan(planned_themes, tables.themes.loc[tables.themes["key"] == item.key, "theme"], regions, label)
    outcome_grid = gaps.outcome_region(tables, regions_of)
    theme_grid = gaps.theme_region(tables, regions_of)
    outcome_cells = _cells(outcome_grid, "outcome", "outcome_name", planned_outcomes)
    possible = {cell: who for cell, who in possible.items() if cell not in planned_outcomes}
    possible_cells = _cells(outcome_grid, "outcome", "outcome_name", possible)
    theme_cells = _cells(theme_grid, "theme", "theme_label", planned_themes)
    covered = set(tables.countries.loc[tables.countries["role"] == "participant", "iso3"])
    rows = []
    for iso3 in sorted(covered | set(targeted), key=countries.sort_key):
        status = (TARGETED if iso3 in targeted else COVERED) if iso3 in covered else NEW
        rows.append((iso3, countries.name(iso3), status, ", ".join(dict.fromkeys(targeted.get(iso3, [])))))
    candidates = gaps.uncovered_candidates(tables, tables)
    still = candidates[~candidates["iso3"].isin(set(targeted))].reset_index(drop=True)
    served_outcomes = set(outcomes.loc[outcomes["key"].isin([i.key for i in items]), "outcome"])  # any region
    served_regions = {region for _, region in planned_outcomes} | {region for _, region in planned_themes}
    columns = [r for r in outcome_grid["region"].drop_duplicates()]
    return Adds(
        countries=pd.DataFrame(rows, columns=COUNTRY_COLUMNS),
        outcome_cells=outcome_cells,
        possible_cells=possible_cells,
        theme_cells=theme_cells,
        outcome_gaps=(_gaps(outcome_grid), _gaps(outcome_grid) - len(outcome_cells)),
        theme_gaps=(_gaps(theme_grid), _gaps(theme_grid) - len(theme_cells)),
        untouched_outcomes=tuple(o for o in vocab.OUTCOMES if o not in served_outcomes),
        untouched_regions=tuple(r for r in columns if r not in served_regions),
        uncovered_candidates=still,
        unplaced=tuple(sorted(unplaced, key=countries.sort_key)),
    )


def _gaps(grid: pd.DataFrame) -> int:
    return int((grid["status"] != gaps.DONE).sum())


def short_outcome(code: str, words: int = 2) -> str:
    """An outcome's name by its first words ("Skills and lifelong learning…"): a sentence names several."""
    name = vocab.outcome_name(code).split()
    return " ".join(name[:words]) + ("…" if len(name) > words else "")


def in_words(found: Adds, *, brief: bool = False) -> str:
    """The "what the plan adds" paragraph: counts, then what is left; `brief` (the one-page memo) counts the
    outcomes left without naming them."""
    new = int((found.countries["status"] == NEW).sum())
    targeted = int(found.countries["status"].isin([NEW, TARGETED]).sum())
    maybe = len(found.possible_cells)
    counts = {
        "planned": len(found.outcome_cells),
        "gaps": found.outcome_gaps[0],
        "left": found.outcome_gaps[1],
        "maybe": maybe,
        "themes": len(found.theme_cells),
        "theme_gaps": found.theme_gaps[0],
        "themes_left": found.theme_gaps[1],
    }
    plans = (
        _(
            "It plans {planned} of the {gaps} outcome-region gaps of 2020-2021 ({left} left), {maybe} more only "
            "through ambiguous outcome matches, and {themes} of the {theme_gaps} theme-region gaps ({themes_left} "
            "left)."
        )
        if maybe
        else _(
            "It plans {planned} of the {gaps} outcome-region gaps of 2020-2021 ({left} left), and {themes} of the "
            "{theme_gaps} theme-region gaps ({themes_left} left)."
        )
    )
    said = [
        ngettext(
            "The plan targets {targeted} country, {new} of them not covered by any 2020-2021 record as a participant.",
            "The plan targets {targeted} countries, {new} of them not covered by any 2020-2021 record as a "
            "participant.",
            targeted,
        ).format(targeted=targeted, new=new),
        plans.format(**counts),
    ]
    if found.untouched_outcomes and brief:
        n = len(found.untouched_outcomes)
        said.append(
            _("{count} of the {total} P&B outcomes have no confirmed match among its items.").format(
                count=n, total=len(vocab.OUTCOMES)
            )
        )
    elif found.untouched_outcomes:
        named = "; ".join(f"{code} ({short_outcome(code)})" for code in found.untouched_outcomes)
        said.append(_("Outcomes none of its items has a confirmed match for: {outcomes}.").format(outcomes=named))
    if found.untouched_regions:
        regions = ", ".join(vocab.word(r) for r in found.untouched_regions)
        said.append(_("Regions it plans nothing in: {regions}.").format(regions=regions))
    n = len(found.uncovered_candidates)
    if n:
        # TRANSLATORS: the English says "stay" for one too; a language may say its singular.
        said.append(
            ngettext(
                "{count} candidate country named in 2020-2021 and not covered stay outside the plan.",
                "{count} candidate countries named in 2020-2021 and not covered stay outside the plan.",
                n,
            ).format(count=n)
        )
    return " ".join(said)


MAP_COLUMNS = ["iso3", "country", "status", "records", "projects", "practices", "roles", "record_titles"]


def map_frame(tables: Tables, found: Adds) -> pd.DataFrame:
    """The plan beside 2020-2021 as a map's rows: every country covered in 2020-21 (participants, with their records)
    or targeted, in its status; a new country's hover names the plan items that target it."""
    now = transforms.coverage(tables, "participant").set_index("iso3")
    rows = []
    for iso3, country, status, named in rows_of(found.countries, "iso3", "country", "status", "items"):
        if iso3 in now.index:
            rec = now.loc[iso3]
            rows.append((iso3, country, status, rec["records"], rec["projects"], rec["practices"], rec["roles"],
                         rec["record_titles"]))  # fmt: skip
        else:
            rows.append(
                (iso3, country, status, 0, 0, 0, _("targeted by the plan"), _("Planned: {items}").format(items=named))
            )
    return pd.DataFrame(rows, columns=MAP_COLUMNS)
