"""Printable versions of the Overview and of a country profile, as `Document`s for the PDF renderer.

The app's menu (and so the browser's print of a page) is hidden; these give a planner the same figures and tables
on paper, named by the dataset's identity and the filters in force.
"""

import datetime as dt

import pandas as pd

from sstc.analysis import figures, transforms
from sstc.analysis.filters import Filters, in_words
from sstc.analysis.reconcile import reconciliation
from sstc.data import countries
from sstc.data.identity import Identity
from sstc.data.schema import Dataset
from sstc.data.tables import Tables
from sstc.documents.document import Block, Document, Heading, Para, Table, frame_table, labelled, text
from sstc.view import present
from sstc.view.labels import agrees, counted

NO_FILTER = Filters()
# Records listed in a printable profile at most: as many as the Country profile page shows cards for at once.
SHOWN = 25


def _preamble(identity: Identity, filtered_by: Filters, tables: Tables, on: dt.date | None) -> list[Block]:
    return [
        labelled("Drawn up", (on or dt.date.today()).isoformat()),
        labelled("Dataset", identity.label()),
        labelled("Filters", in_words(filtered_by, tables)),
    ]


def overview(
    dataset: Dataset,
    tables: Tables,
    filtered: Tables,
    identity: Identity,
    *,
    filtered_by: Filters = NO_FILTER,
    on: dt.date | None = None,
) -> Document:
    """The Overview page: headline figures and regions for the filtered records, the reconciliation for all."""
    blocks = _preamble(identity, filtered_by, tables, on)
    if filtered.records.empty:
        blocks.append(Para(text("Nothing matches the filters.")))
    else:
        tiles = transforms.headline(filtered)
        rows = (
            ("Projects", tiles["projects"], ""),
            ("Good practices", tiles["practices"], ""),
            (figures.COUNTRIES_NAMED, tiles["countries_named"], present.countries_note(tiles)),
            ("Regions", tiles["regions"], "besides global / interregional activities"),
            ("Practices moved online (COVID-19)", *present.covid_tile(tiles)),
        )
        blocks += [
            Heading("Headline figures", 1),
            Table(("Figure", "Value", "Note"), tuple(tuple(text(v) for v in row) for row in rows), (2, 1, 4)),
            Heading("By region", 1),
            frame_table(transforms.region_summary(filtered)),
        ]
    blocks += [
        Heading("Stated figures versus the data", 1),
        Para(text("Always for the whole dataset, whatever the filters."), small=True),
        frame_table(reconciliation(dataset, tables), (1.6, 0.7, 0.7, 1.6, 0.8, 0.8, 0.8, 4.3)),
    ]
    return Document("SSTC 2020-2021 at a glance", identity.label(), tuple(blocks), landscape=True)


def _page_order(rows: pd.DataFrame) -> pd.DataFrame:
    """Projects first, then practices, each by id, practice 6 before practice 13: the Country profile page's order."""
    number = rows["id"].map(lambda i: f"{int(i):09d}" if str(i).isdigit() else str(i))
    order = rows.assign(_practice=rows["kind"] != "project", _number=number)
    return order.sort_values(["_practice", "_number"], kind="stable", ignore_index=True).drop(
        columns=["_practice", "_number"]
    )


def profile(
    filtered: Tables, iso3: str, identity: Identity, *, filtered_by: Filters = NO_FILTER, on: dt.date | None = None
) -> Document:
    """A country's profile: the records (under the filters) naming it, its role and the words that say so.

    As many rows as the Country profile page shows cards (SHOWN), in its order; past that one sentence says how
    many more there are and where they all are: the document costs what it shows, whatever the dataset's size."""
    rows = _page_order(transforms.country_profile(filtered, iso3))
    name = countries.full_name(iso3)  # the subject, in full, as the page's heading (lists use the short name)
    blocks = _preamble(identity, filtered_by, filtered, on)
    blocks.append(Heading(name, 1))
    if rows.empty:
        blocks.append(Para(text("No record under the current filters names this country.")))
    else:
        kinds = rows["kind"].value_counts()
        counts = (
            f"{counted(len(rows), 'record')}: {counted(kinds.get('project', 0), 'project')}, "
            f"{counted(kinds.get('practice', 0), 'good practice')}"
        )
        blocks += [Para(text(counts)), frame_table(rows.head(SHOWN), (0.8, 1.2, 3.2, 1.4, 1.0, 0.8, 4.0))]
        if len(rows) > SHOWN:
            more = (
                f"The first {SHOWN} of {len(rows)} records; {len(rows) - SHOWN} more name {name}. The Country "
                f"profile page lists them all in its table, and that table's CSV download holds every one."
            )
            blocks.append(Para(text(more)))
    blocks += _may_reach(filtered, iso3, name)
    return Document(f"Country profile: {name}", identity.label(), tuple(blocks), landscape=True)


def _may_reach(filtered: Tables, iso3: str, name: str) -> list:
    """The records that may reach the country through a group the sources give no country list for, as the page
    lists them (never counted as naming it): the printed profile kept only those naming it."""
    cards = transforms.country_cards(filtered, iso3)
    reach = cards[~cards["named"].astype(bool)][["kind", "id", "title", "region", "how"]].reset_index(drop=True)
    if reach.empty:
        return []
    blocks: list = [
        Heading("Records that may reach it through a group", 2),
        Para(
            text(
                f"{counted(len(reach), 'record')} {agrees(len(reach), 'names', 'name')} a group that may include "
                f"{name}; the sources list no countries for "
                "these groups, so a record may, or may not, have reached it. They are not counted above."
            )
        ),
        frame_table(reach.head(SHOWN), (0.8, 1.2, 4.0, 1.4, 3.0)),
    ]
    if len(reach) > SHOWN:
        blocks.append(Para(text(f"The first {SHOWN} of {len(reach)}; the Country profile page lists them all.")))
    return blocks
