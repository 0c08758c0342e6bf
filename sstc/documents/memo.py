"""The plan for 2022-2023 as a one-page memo: one table a planner pastes into an office memo, what the plan adds,
and a small map.

Short on purpose: no scores, quotes or method notes (the brief has those). The dataset's full identity, hash
included, is in the footer only, so what is pasted from the body reads as a memo, not as a data dump.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from sstc.analysis import planned, targets
from sstc.data.countries import UnknownCountry
from sstc.data.i18n import N_, _, ngettext
from sstc.data.identity import Identity
from sstc.data.tables import Tables, rows_of
from sstc.documents.document import Block, Document, Heading, Image, Inline, Para, Run, Table, count, shorten, text
from sstc.view import staticmap

TITLE = N_("SSTC plan 2022-2023: memo")
HEADER = ("#", N_("Item"), N_("Outcomes"), N_("Targets"), N_("Priority"), N_("Lead"), N_("Note"), N_("Status"))
# Relative widths, measured on the PDF (7.5 pt cells, 17.4 cm): the short columns just hold their longest word
# ("proposed"), the rest goes to titles, outcomes and notes, the text that makes a row tall.
WIDTHS = (0.45, 3.3, 4.0, 1.9, 1.5, 1.5, 3.2, 1.65)
# P&B outcome names run to 120 characters and most items have two or three (ambiguous) matches: in full they made
# a row of one item taller than a third of the page. The code and the name's first words still say which it is.
NAME_LIMIT = 28
AMBIGUOUS = N_("(ambiguous)")
EMPTY = "–"
M49 = N_("Countries' regions and sub-regions: UN M49 (the app's derivation, not the sources).")
# Section headings at level 2 and the date line in small print: a level-1 heading costs a line more of the page.
LEVEL = 2
MAP_WIDTH_CM = 7.5
# Past 6 items the map shrinks to keep the page: 8 items with one-line notes fitted 0 of 15 random plans with the
# 7.5 cm map, 9 of 15 with a 5 cm one (the table is the memo; the map only shows where).
ROOMY, SMALL_MAP_CM = 6, 5.0
# The narrowest drawing whose legend is not cut (counts of three digits): fewer pixels would print its words larger.
MAP_PIXELS = 1060


class Item(Protocol):
    key: str
    order: int
    priority: str
    targets: list[str]
    lead: str | None
    note: str | None
    status: str


def build(
    tables: Tables, plan_items: Iterable[Item], identity: Identity, adds: planned.Adds, *, on: dt.date | None = None
) -> Document:
    """The memo of `plan_items` in their `order`; `adds` is `planned.adds(tables, plan_items)`."""
    items = sorted(plan_items, key=lambda item: item.order)
    drawn_up = (
        Run(_("Drawn up {date}").format(date=(on or dt.date.today()).isoformat())),
        Run(" · "),
        Run(_("Dataset: "), bold=True),
    )
    blocks: list[Block] = [
        Para(drawn_up + (Run(dataset_name(identity)),), small=True),
        Heading(_("The plan"), LEVEL),
        _table(tables, items) if items else Para(text(_("The plan has no items yet."))),
        Heading(_("What the plan adds"), LEVEL),
        Para(text(planned.in_words(adds, brief=True))),
        *_map(adds, MAP_WIDTH_CM if len(items) <= ROOMY else SMALL_MAP_CM),
        _sources(tables, items),
    ]
    return Document(_(TITLE), identity.label(), tuple(blocks))


def dataset_name(identity: Identity) -> str:
    """The identity without its hash: the body names the data in words, the footer carries the hash."""
    named = _("{title}, version {version} of {date}").format(
        title=identity.title, version=identity.version, date=identity.date
    )
    return named + (_(", uploaded as {name}").format(name=identity.uploaded_as) if identity.uploaded_as else "")


def _or(value: object, empty: str = EMPTY) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else empty


def _word(value: object) -> str:
    """A plan's own vocabulary (a priority, a status) in the run's language; empty as EMPTY."""
    said = _or(value)
    return _(said) if said != EMPTY else said


# A title runs to 222 characters: the memo names a practice by its short name and a project by its title's first
# words (the annex has them whole); full titles put a plan of 7 items on a second page in every trial.
TITLE_LIMIT = 70


def _item_label(tables: Tables, key: str) -> str:
    found = tables.records[tables.records["key"] == key]
    if found.empty:  # a plan kept from another version of the data
        return _("{key} (not in this dataset)").format(key=key)
    kind, rid, title, short = found.iloc[0][["kind", "id", "title", "short_name"]]
    if kind == "practice" and isinstance(short, str) and short.strip():
        return _("Practice {id}: {name}").format(id=rid, name=short)
    label = _("Practice {id}: {name}") if kind == "practice" else _("Project {id}: {name}")
    return label.format(id=rid, name=shorten(str(title), TITLE_LIMIT))


def outcomes_text(tables: Tables, key: str) -> str:
    """The record's outcomes, code and (shortened) name, confirmed ones first; an ambiguous match says so on each,
    so none reads as confirmed."""
    rows = tables.outcomes[tables.outcomes["key"] == key]
    confirmed: dict[str, str] = {}
    ambiguous: dict[str, str] = {}
    for code, name, unsure in rows_of(rows, "outcome", "outcome_name", "ambiguous"):
        (ambiguous if bool(unsure) else confirmed).setdefault(str(code), shorten(_(str(name)), NAME_LIMIT))
    said = [f"{code}: {name}" for code, name in confirmed.items()]
    said += [f"{code}: {name} {_(AMBIGUOUS)}" for code, name in ambiguous.items() if code not in confirmed]
    return "; ".join(said) or _("none stated")


def targets_text(tables: Tables, tokens: Iterable[str]) -> str:
    """The targets in words; a token the data does not know is shown as written (a plan outlives a dataset)."""
    said = []
    for token in tokens:
        try:
            said.append(targets.resolve(tables, token).label)  # resolved: an unknown group has a label too
        except (KeyError, UnknownCountry):
            said.append(_("{token} (not recognised)").format(token=token))
    return "; ".join(said) or _("none")


def _table(tables: Tables, items: list[Item]) -> Table:
    rows: list[tuple[Inline, ...]] = []
    for n, item in enumerate(items, start=1):
        rows.append(
            (
                text(n),
                text(_item_label(tables, item.key)),
                text(outcomes_text(tables, item.key)),
                text(targets_text(tables, item.targets)),
                text(_word(item.priority)),
                text(_or(item.lead)),
                text(_or(item.note)),
                text(_word(item.status)),
            )
        )
    return Table((HEADER[0], *(_(h) for h in HEADER[1:])), tuple(rows), WIDTHS, small=True)


def _map(adds: planned.Adds, width_cm: float) -> list[Block]:
    """`staticmap.coverage_png` draws two statuses: a country covered and targeted is drawn as covered (it is)."""
    if adds.countries.empty:
        return []
    status = adds.countries["status"]
    frame = adds.countries.assign(status=status.replace({planned.TARGETED: planned.COVERED}))
    covered = int((frame["status"] == planned.COVERED).sum())
    targeted, new = int((status == planned.TARGETED).sum()), int((status == planned.NEW).sum())
    title = _("Countries covered in 2020-2021, and those new with the plan")
    png = staticmap.coverage_png(frame, (planned.COVERED, planned.NEW), title, width=MAP_PIXELS)
    # TRANSLATORS: the English always says "countries covered" (kept as it was); the form agrees with {new}
    alt = ngettext(
        "world map: {covered} countries covered in 2020-2021 (blue), {targeted} of them targeted by the plan; "
        "{new} country new with the plan (orange)",
        "world map: {covered} countries covered in 2020-2021 (blue), {targeted} of them targeted by the plan; "
        "{new} countries new with the plan (orange)",
        new,
    ).format(covered=count(covered), targeted=count(targeted), new=count(new))
    return [Image(png, width_cm, alt)]


def _sources(tables: Tables, items: list[Item]) -> Para:
    records = dict(rows_of(tables.records, "key", "source"))
    named = dict.fromkeys(str(records[item.key]) for item in items if item.key in records)
    documents = f"{'; '.join(named)}. " if named else ""
    return Para((Run(_("Sources: "), bold=True), Run(documents + _(M49))), small=True)
