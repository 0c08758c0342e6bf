"""The workbook's layout: which sheets a dataset takes, their columns, keys and limits (for writing and reading)."""

import datetime as dt
import types
import typing
from dataclasses import dataclass, field

import defusedxml  # noqa: F401  # openpyxl parses with defusedxml only when it is installed: required here
from pydantic import BaseModel

from sstc.data import load, schema
from sstc.data.i18n import N_

MAX_UNZIPPED = 64 * 2**20  # declared size of all parts: the shipped dataset's workbook unzips to ~1.5 MB
MAX_PARTS = 500
MAX_SHEETS = 60
MAX_ROWS = 50_000  # rows read in all sheets together, empty ones between filled ones included
MAX_COLUMNS = 60
MAX_CELLS = 250_000  # filled cells: what yamlio allows a 5 MB YAML file (50,000 + one per 24 characters)
# Characters of text in all cells together: a cell may point at a shared string, so a 186 kB workbook held 160
# million characters (the server kept 240 MiB of it); a YAML upload of the same 5 MB limit holds at most this many.
MAX_TEXT = load.MAX_UPLOAD_BYTES
EXTRA = "extra (YAML)"
HOW_TO, LISTS = "How to fill", "lists"
FIXED_TIME = dt.datetime(2020, 1, 1)  # workbook properties and zip entries: the same data gives the same bytes
FLOAT_FORMAT = "0.0##############"  # a whole number stated as a float (2.0): read back as a float
DATE_FORMAT, TIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
KIND_OF = {"projects": "project", "practices": "practice", "activities": "activity"}
KEY_OF = {"projects": "id", "practices": "number", "activities": "id"}
EVIDENCE_COLUMNS = frozenset({"source", "quote", "inference", "role_quote"})
# Columns that may hold a number, a date or a true/false as well as text; in any other column a number typed in
# Excel is text (Excel has no quotes), and a value that is not text is kept in the extra column on writing.
NOT_ONLY_TEXT = frozenset(
    {"value", "share", "goal", "number", "practice", "start", "end", "date", "planned", "email_public",
     "moved_online", "record"}
)  # fmt: skip


@dataclass(frozen=True)
class Sheet:
    """One sheet: the container it holds (a path in its owner's item), its shape and its item model."""

    name: str
    at: tuple[str, ...]
    shape: str  # one | list | map | values | roles | texts
    model: type[BaseModel] | None = None  # the item's model (list, map, one); its scalar fields are the columns
    owners: tuple[str, ...] = ()  # the sheets whose items hold the container; () for the dataset itself
    value: str = ""  # the value column of values / roles / texts
    doc: str = ""
    columns: tuple[str, ...] = field(default=())


_RECORDS = ("projects", "practices")
_ALL = ("projects", "practices", "activities")
_SPEC = [
    Sheet("meta", ("meta",), "one", schema.Meta, doc=N_("The dataset: its title, version, date (one row).")),
    Sheet("documents", ("meta", "documents"), "map", schema.Document, ("meta",),
          doc=N_("The source documents; a record's source starts with a key of this sheet.")),
    Sheet("stated_figures", ("meta", "stated_figures"), "list", schema.StatedFigure, ("meta",),
          doc=N_("Figures the sources state (projects, countries, ...).")),
    Sheet("groups", ("meta", "groups"), "map", schema.Group, ("meta",),
          doc=N_("Groups of countries records may name.")),
    Sheet("group_members", ("members",), "values", None, ("groups",), "country",
          doc=N_("The member countries of a group, where a source lists them.")),
    Sheet("funding_sources", ("meta", "funding_sources"), "map", schema.FundingSource, ("meta",),
          doc=N_("Who pays; a funding row's source is a key of this sheet.")),
    Sheet("projects", ("projects",), "list", schema.Project, ("meta",), doc=N_("One row per project.")),
    Sheet("practices", ("practices",), "list", schema.Practice, ("meta",), doc=N_("One row per good practice.")),
    Sheet("activities", ("activities",), "list", schema.Activity, ("meta",), doc=N_("Other dated activities.")),
    Sheet("countries", ("countries",), "roles", None, _ALL, "country",
          doc=N_("Countries a record names, by role; a role outside the compendium's row needs an evidence row.")),
    Sheet("record_groups", ("groups",), "list", schema.GroupRef, _ALL,
          doc=N_("Groups a record names, by role; a role outside the compendium's row needs an evidence row.")),
    Sheet("outcomes", ("outcomes",), "list", schema.OutcomeRef, _RECORDS, doc=N_("P&B outcomes, with the quote.")),
    Sheet("outcome_candidates", ("outcome_candidates",), "list", schema.OutcomeCandidate, ("projects",),
          doc=N_("Other outcomes an ambiguous project may serve.")),
    Sheet("sdgs", ("sdgs",), "list", schema.Sdg, _RECORDS, doc=N_("SDGs a record names, with the quote.")),
    Sheet("funding", ("funding",), "list", schema.Funding, _RECORDS, doc=N_("Who paid, as stated.")),
    Sheet("modalities", ("modalities",), "list", schema.ModalityUse, _ALL,
          doc=N_("How it was delivered, with delivery, status and the quote.")),
    Sheet("themes", ("themes",), "values", None, _ALL, "theme", doc=N_("Themes; each needs an evidence row.")),
    Sheet("numbers", ("numbers",), "list", schema.Number, _RECORDS, doc=N_("Stated numbers, with the quote.")),
    Sheet("dates", ("dates",), "list", schema.DateEntry, _RECORDS, doc=N_("Dates, as YYYY, YYYY-MM or YYYY-MM-DD.")),
    Sheet("evidence", ("evidence",), "list", schema.Evidence, _ALL,
          doc=N_("The quote behind country roles, group roles and themes; values separated by '; '.")),
    Sheet("provenance", ("provenance",), "texts", None, _RECORDS, "note",
          doc=N_("Curator's notes: where a field's value comes from.")),
    Sheet("project_practices", ("practices",), "values", None, ("projects",), "practice",
          doc=N_("The numbers of a project's good practices.")),
    Sheet("judgements", ("judgements",), "list", schema.Judgement, ("practices",),
          doc=N_("A criterion's strength in the practice's own compendium row, with the quote that earns it.")),
    Sheet("covid_effects", ("covid", "other_effects"), "list", schema.CovidEffect, ("practices",),
          doc=N_("What COVID-19 changed other than the format.")),
    Sheet("materials", ("materials",), "list", schema.Link, ("practices",), doc=N_("Links (http or https).")),
    Sheet("contacts", ("contacts",), "list", schema.Contact, ("practices",),
          doc=N_("Institutions; an e-mail address only with email_public TRUE.")),
]  # fmt: skip
LIST_COLUMNS = frozenset({("evidence", "values")})  # a list of texts in one cell, joined with "; "


def _unwrap(annotation: object) -> list[object]:
    """The types an annotation allows: Optional, unions and Annotated taken apart."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _columns(sheet: Sheet) -> tuple[str, ...]:
    """The scalar fields of the sheet's model, nested models flattened with dots, children's containers left out."""
    if sheet.shape not in {"one", "list", "map"}:
        return (sheet.value,)
    base = sheet.at if sheet.shape == "one" else ()
    children = {c.at[len(base) :] for c in _SPEC if sheet.name in c.owners and c.at[: len(base)] == base}
    out: list[str] = []

    def walk(model: type[BaseModel], prefix: tuple[str, ...]) -> None:
        for name, info in model.model_fields.items():
            here = (*prefix, name)
            if here in children:
                continue
            kinds = _unwrap(info.annotation)
            nested = [k for k in kinds if isinstance(k, type) and issubclass(k, BaseModel)]
            if nested and typing.get_origin(info.annotation) not in (list, dict):
                walk(nested[0], here)
            elif typing.get_origin(kinds[0]) in (list, dict) and (sheet.name, name) not in LIST_COLUMNS:
                raise AssertionError(f"schema field {'.'.join(here)} has no sheet")  # the schema grew a list
            else:
                out.append(".".join(here))

    assert sheet.model is not None
    walk(sheet.model, ())
    key = [KEY_OF[sheet.name]] if sheet.name in KEY_OF else []
    quotes = [c for c in out if c in EVIDENCE_COLUMNS]  # the evidence after what it is evidence for
    return (*key, *(c for c in out if c not in quotes and c not in key), *quotes)


SHEETS: dict[str, Sheet] = {s.name: Sheet(**{**s.__dict__, "columns": _columns(s)}) for s in _SPEC}
CHILDREN: dict[str, list[Sheet]] = {name: [s for s in SHEETS.values() if name in s.owners] for name in SHEETS}


def refs(sheet: Sheet) -> tuple[str, ...]:
    """The columns naming a row's owner: `kind` and `record`, or the one kind (`project`), or `group`."""
    if sheet.owners in ((), ("meta",)):
        return ()
    if sheet.owners == ("groups",):
        return ("group",)
    if len(sheet.owners) == 1:
        return (KIND_OF[sheet.owners[0]],)
    return ("kind", "record")


def places(sheet: Sheet) -> tuple[str, ...]:
    """The columns placing a row in its container: a position, a role and a position, or a key."""
    if sheet.shape == "list" and not refs(sheet):
        return ()  # records and stated figures: the order of the rows
    return {"list": ("position",), "values": ("position",), "roles": ("role", "position"), "map": ("key",),
            "texts": ("field",), "one": ()}[sheet.shape]  # fmt: skip


def header(sheet: Sheet) -> tuple[str, ...]:
    return (*refs(sheet), *places(sheet), *sheet.columns, EXTRA)
