"""Printable versions of the Overview and of a country profile, as `Document`s for the PDF renderer.

The app's menu (and so the browser's print of a page) is hidden; these give a planner the same figures and tables
on paper, named by the dataset's identity and the filters in force.
"""

import datetime as dt

import pandas as pd

from sstc.analysis import figures, transforms
from sstc.analysis.filters import Filters, in_words
from sstc.analysis.reconcile import reconciliation
from sstc.data import countries, i18n
from sstc.data.i18n import _, ngettext, pgettext
from sstc.data.identity import Identity
from sstc.data.schema import Dataset
from sstc.data.tables import Tables
from sstc.documents.document import Block, Document, Heading, Para, Table, count, frame_table, labelled, text
from sstc.view import present
from sstc.view.labels import counted

NO_FILTER = Filters()
# Records listed in a printable profile at most: as many as the Country profile page shows cards for at once.
SHOWN = 25


def _preamble(identity: Identity, filtered_by: Filters, tables: Tables, on: dt.date | None) -> list[Block]:
    return [
        labelled(_("Drawn up"), (on or dt.date.today()).isoformat()),
        labelled(_("Dataset"), identity.label()),
        labelled(_("Filters"), in_words(filtered_by, tables)),
    ]


def _word(value: object) -> object:
    """A word the app derives from a vocabulary (a region, a role) in the run's language; anything else as it is."""
    return _(value) if isinstance(value, str) and value else value


def _worded(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with the words the app derives (kind, region, roles) in the run's language, for a printed page:
    the columns keep their names (the headers are made from them)."""
    if i18n.language() == i18n.ENGLISH:
        return frame
    out = frame.copy()
    # a record's kind as a cell shows it (the data's `kind` is a key)
    kinds = {"project": pgettext("a record's kind", "project"), "practice": pgettext("a record's kind", "practice")}
    if "kind" in out.columns:
        out["kind"] = out["kind"].map(lambda kind: kinds.get(kind, kind))
    if "region" in out.columns:
        out["region"] = out["region"].map(_word)
    if "roles" in out.columns:
        out["roles"] = out["roles"].map(
            lambda roles: ", ".join(_(r) for r in roles.split(", ")) if isinstance(roles, str) and roles else roles
        )
    return out


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
        blocks.append(Para(text(_("Nothing matches the filters."))))
    else:
        tiles = transforms.headline(filtered)
        rows = (
            (_("Projects"), tiles["projects"], ""),
            (_("Good practices"), tiles["practices"], ""),
            (_(figures.COUNTRIES_NAMED), tiles["countries_named"], present.countries_note(tiles)),
            (_("Regions"), tiles["regions"], _("besides global / interregional activities")),
            (_("Practices moved online (COVID-19)"), *present.covid_tile(tiles)),
        )
        header = (_("Figure"), _("Value"), _("Note"))
        blocks += [
            Heading(_("Headline figures"), 1),
            Table(header, tuple(tuple(text(v) for v in row) for row in rows), (2, 1, 4)),
            Heading(_("By region"), 1),
            frame_table(_worded(transforms.region_summary(filtered))),
        ]
    blocks += [
        Heading(_("Stated figures versus the data"), 1),
        Para(text(_("Always for the whole dataset, whatever the filters.")), small=True),
        frame_table(reconciliation(dataset, tables), (1.6, 0.7, 0.7, 1.6, 0.8, 0.8, 0.8, 4.3)),
    ]
    return Document(_("SSTC 2020-2021 at a glance"), identity.label(), tuple(blocks), landscape=True)


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
        blocks.append(Para(text(_("No record under the current filters names this country."))))
    else:
        kinds = rows["kind"].value_counts()
        records = counted(len(rows), "record", "records")
        projects = counted(kinds.get("project", 0), "project", "projects")
        practices = counted(kinds.get("practice", 0), "good practice", "good practices")
        counts = f"{records}: {projects}, {practices}"
        widths = (0.8, 1.2, 3.2, 1.4, 1.0, 0.8, 4.0)
        blocks += [Para(text(counts)), frame_table(_worded(rows.head(SHOWN)), widths)]
        if len(rows) > SHOWN:
            more = _(
                "The first {shown} of {total} records; {more} more name {name}. The Country "
                "profile page lists them all in its table, and that table's CSV download holds every one."
            ).format(shown=SHOWN, total=count(len(rows)), more=count(len(rows) - SHOWN), name=name)
            blocks.append(Para(text(more)))
    blocks += _may_reach(filtered, iso3, name)
    return Document(_("Country profile: {name}").format(name=name), identity.label(), tuple(blocks), landscape=True)


def _may_reach(filtered: Tables, iso3: str, name: str) -> list:
    """The records that may reach the country through a group the sources give no country list for, as the page
    lists them (never counted as naming it): the printed profile kept only those naming it."""
    cards = transforms.country_cards(filtered, iso3)
    reach = cards[~cards["named"].astype(bool)][["kind", "id", "title", "region", "how"]].reset_index(drop=True)
    if reach.empty:
        return []
    said = ngettext(
        "{count} record names a group that may include {name}; the sources list no countries for these groups, so a "
        "record may, or may not, have reached it. They are not counted above.",
        "{count} records name a group that may include {name}; the sources list no countries for these groups, so a "
        "record may, or may not, have reached it. They are not counted above.",
        len(reach),
    ).format(count=i18n.number(len(reach)), name=name)
    blocks: list = [
        Heading(_("Records that may reach it through a group"), 2),
        Para(text(said)),
        frame_table(_worded(reach.head(SHOWN)), (0.8, 1.2, 4.0, 1.4, 3.0)),
    ]
    if len(reach) > SHOWN:
        more = _("The first {shown} of {total}; the Country profile page lists them all.")
        blocks.append(Para(text(more.format(shown=SHOWN, total=count(len(reach))))))
    return blocks
