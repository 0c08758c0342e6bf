"""Dataset -> tidy long DataFrames: one row per record x country / funding source / modality / outcome / ..."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass, fields

import pandas as pd

from sstc.data import countries, evidence, i18n, vocab
from sstc.data.schema import (
    Ambiguity,
    Covid,
    Dataset,
    Funding,
    Judgement,
    ModalityUse,
    Practice,
    Project,
    Quoted,
    Record,
)

COLUMNS: dict[str, list[str]] = {
    "records": [
        "key",
        "kind",
        "id",
        "title",
        "short_name",
        "region",
        "unit",
        "project_id",
        "covid_moved_online",
        "covid_note",
        "covid_quote",
        "covid_source",
        "from_compendium",
        "ambiguous",
        "source",
        "summary",
        "search_text",
        "search_fields",
    ],
    "countries": ["key", "kind", "id", "iso3", "country", "role", "via_group", "region", "title"],
    "groups": ["key", "kind", "id", "group", "group_name", "role", "expanded", "region", "title"],
    "funding": [
        "key",
        "kind",
        "id",
        "source",
        "source_id",
        "source_kind",
        "share",
        "detail",
        "as_stated",
        "basis",
        "region",
        "title",
    ],
    "modalities": [
        "key",
        "kind",
        "id",
        "modality",
        "modality_label",
        "delivery",
        "status",
        "source",
        "quote",
        "inference",
        "region",
        "title",
    ],
    "outcomes": [
        "key",
        "kind",
        "id",
        "outcome",
        "outcome_name",
        "basis",
        "ambiguous",
        "reason",
        "reasoning",
        "source",
        "quote",
        "region",
        "title",
    ],
    "themes": ["key", "kind", "id", "theme", "theme_label", "region", "title"],
    "sdgs": ["key", "kind", "id", "goal", "target", "source", "region", "title"],
    "numbers": ["key", "kind", "id", "label", "value", "unit", "qualifier", "source", "region", "title"],
    "dates": [
        "key",
        "kind",
        "id",
        "label",
        "start",
        "end",
        "precision",
        "planned",
        "source",
        "inference",
        "region",
        "title",
    ],
    "materials": ["key", "kind", "id", "link_title", "url", "region", "title"],
    "contacts": ["key", "kind", "id", "institution", "contact_role", "email", "region", "title"],
    # A practice's seven rows with their judged strength (vocab.NOT_JUDGED where none), its points (None then), and
    # the quote or inference and the reason behind it.
    "criteria": [
        "key",
        "kind",
        "id",
        "criterion",
        "text",
        "strength",
        "points",
        "quote",
        "inference",
        "reason",
        "judgement_source",
        "region",
        "title",
    ],
    "activities": ["key", "kind", "id", "title", "countries", "modalities", "themes", "record", "search_text"],
    "evidence": ["key", *evidence.COLUMNS],
    "provenance": ["key", "kind", "id", "field", "note", "region", "title"],
}


@dataclass(frozen=True)
class Tables:
    records: pd.DataFrame
    countries: pd.DataFrame
    groups: pd.DataFrame
    funding: pd.DataFrame
    modalities: pd.DataFrame
    outcomes: pd.DataFrame
    themes: pd.DataFrame
    sdgs: pd.DataFrame
    numbers: pd.DataFrame
    dates: pd.DataFrame
    materials: pd.DataFrame
    contacts: pd.DataFrame
    criteria: pd.DataFrame
    activities: pd.DataFrame
    evidence: pd.DataFrame
    provenance: pd.DataFrame

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def get(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


class Subset(Tables):
    """The rows of `whole` whose key is in `kept`, each table cut on its first use.

    A filter change makes one of these; a page reads three to six of the sixteen tables, and cutting all of them
    was most of the cost of a filter change (5 ms of 5.5 on the shipped data). Equal and printable like `Tables`;
    never hashed (a page's cache keys it by identity).
    """

    __hash__ = None  # type: ignore[assignment]  # `Tables`' hash would cut every table, then fail on a frame

    def __init__(self, whole: Tables, kept: pd.Index) -> None:
        object.__setattr__(self, "_whole", whole)
        object.__setattr__(self, "_kept", kept)
        object.__setattr__(self, "_lock", threading.Lock())

    def __getattr__(self, name: str) -> pd.DataFrame:  # only for a table not yet cut
        if name not in _NAMES:
            raise AttributeError(name)
        with self._lock:  # one object per table, though two sessions ask at once (a cache keys it by identity)
            if name not in self.__dict__:
                frame = self._whole.get(name)
                object.__setattr__(self, name, frame[self._kept.get_indexer(frame["key"]) >= 0].reset_index(drop=True))
            return self.__dict__[name]


_NAMES = frozenset(Tables.names())


def replaced(tables: Tables, **frames: pd.DataFrame) -> Tables:
    """The tables with some replaced: `dataclasses.replace`, which a `Subset` (made by the filters) cannot take."""
    return Tables(**{name: frames[name] if name in frames else tables.get(name) for name in Tables.names()})


def rows_of(frame: pd.DataFrame, *names: str) -> Iterator[tuple]:
    """The rows of some columns as Python tuples, to count or group in Python. The tables hold tens to a few
    thousand rows, where a pandas groupby's fixed cost (milliseconds) is all of its cost, and a filter change
    recomputes every page's transforms."""
    return zip(*(frame[name].tolist() for name in names), strict=True)


def key_of(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def _ident(rec: Record) -> tuple[str, str]:
    if isinstance(rec, Project):
        return "project", rec.id
    assert isinstance(rec, Practice)
    return "practice", str(rec.number)


_FLAGS = ("expanded", "from_compendium", "ambiguous", "planned")  # always True or False


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A table with its columns even when it has no rows; flags typed bool, so `~flag` masks an empty table too."""
    frame = pd.DataFrame(rows, columns=COLUMNS[name])
    for column in (c for c in _FLAGS if c in frame.columns):
        frame[column] = frame[column].astype(bool)
    return frame


def _search_fields(rec: Record) -> tuple[tuple[str, str], ...]:
    """The text a search looks in, part by part, each with its name: a search result says where it matched."""
    said = rec.countries
    named = sorted({countries.name(c) for c in (*said.participant, *said.peer, *said.candidate)})
    parts = [("title", rec.title), ("region", rec.region), ("source", rec.source)]
    if isinstance(rec, Project):
        parts += [("id", rec.id), ("description", rec.description)]
    else:
        parts += [("short name", rec.short_name), ("countries involved", rec.countries_involved)]
        parts += list(rec.criteria.model_dump().items())
        parts += [("materials", m.title) for m in rec.materials] + [("contacts", c.institution) for c in rec.contacts]
    # The other spellings of its countries (Vietnam, Laos, South Korea, Congo, The Democratic Republic of the): a
    # search for them finds the record, and says it matched there.
    seen = {n.casefold() for n in named}
    other = []
    for spelling in sorted({n for c in (*said.participant, *said.peer, *said.candidate) for n in countries.names(c)}):
        if spelling.casefold() not in seen:
            seen.add(spelling.casefold())
            other.append(spelling)
    return (
        *parts,
        *([("countries", ", ".join(named))] if named else []),
        *([("other names of its countries", "; ".join(other))] if other else []),
    )


def _search_text(fields: tuple[tuple[str, str], ...]) -> str:
    return " ".join(text for _, text in fields).casefold()


def _judgement(judgement: Judgement | None) -> dict[str, object]:
    if judgement is None:
        return {"strength": vocab.NOT_JUDGED, "points": None, "quote": None, "inference": None, "reason": None,
                "judgement_source": None}  # fmt: skip
    return {
        "strength": vocab.STRENGTH_WORDS[judgement.strength],
        "points": vocab.STRENGTHS[judgement.strength],
        "quote": judgement.quote,
        "inference": judgement.inference,
        "reason": judgement.reason,
        "judgement_source": judgement.source,
    }


def build(dataset: Dataset) -> Tables:
    """Every table at once: they share the record columns, and the pages filter them by key. Built in English
    whatever the language of the run that loads them (they are shared by every session, and an upload's worker
    runs in its reader's language); `in_language` gives a run the countries' names in its own."""
    with i18n.using(i18n.ENGLISH):
        return _build(dataset)


def in_language(tables: Tables) -> Tables:
    """The tables as a run in the current language reads them: the countries' names in its words (what every
    analysis joins, sorts and shows); the same object in English."""
    if i18n.language() == i18n.ENGLISH:
        return tables
    frame = tables.countries
    return replaced(tables, countries=frame.assign(country=[countries.name(code) for code in frame["iso3"]]))


def _build(dataset: Dataset) -> Tables:
    rows: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    meta = dataset.meta
    projects = {p.id: p for p in dataset.projects}
    records: list[Record] = [*dataset.projects, *dataset.practices]
    for rec in records:
        kind, rid = _ident(rec)
        base = {"key": key_of(kind, rid), "kind": kind, "id": rid}
        ctx = {"region": rec.region, "title": rec.title}
        is_practice = isinstance(rec, Practice)
        searched = _search_fields(rec)
        rows["records"].append(
            {
                **base,
                "title": rec.title,
                "region": rec.region,
                "short_name": rec.short_name if is_practice else rec.id,
                "unit": None if is_practice else rec.unit,
                "project_id": rec.project if is_practice else None,
                "covid_moved_online": moved_online(rec.covid) if is_practice else None,
                "covid_note": rec.covid.note if is_practice else None,
                "covid_quote": rec.covid.quote if is_practice else None,
                "covid_source": rec.covid.source if is_practice else None,
                "from_compendium": bool(not is_practice and rec.from_compendium),
                "ambiguous": bool(not is_practice and rec.ambiguous),
                "source": rec.source,
                "summary": rec.criteria.objective if is_practice else rec.description,
                "search_text": _search_text(searched),
                "search_fields": searched,
            }
        )
        for role in vocab.ROLES:
            for code in getattr(rec.countries, role):
                rows["countries"].append(
                    {**base, "iso3": code, "country": countries.name(code), "role": role, "via_group": None, **ctx}
                )
        for ref in rec.groups:
            group = meta.groups[ref.group]
            rows["groups"].append(
                {
                    **base,
                    "group": ref.group,
                    "group_name": group.name,
                    "role": ref.role,
                    "expanded": bool(group.members),
                    **ctx,
                }
            )
            for code in group.members:
                rows["countries"].append(
                    {
                        **base,
                        "iso3": code,
                        "country": countries.name(code),
                        "role": ref.role,
                        "via_group": ref.group,
                        **ctx,
                    }
                )
        for fund, basis in _funding(rec, dataset):
            src = meta.funding_sources[fund.source]
            rows["funding"].append(
                {
                    **base,
                    "source": src.name,
                    "source_id": fund.source,
                    "source_kind": src.kind,
                    "share": fund.share,
                    "detail": fund.detail,
                    "as_stated": fund.as_stated,
                    "basis": basis,
                    **ctx,
                }
            )
        for item in rec.modalities:
            rows["modalities"].append({**base, **_modality(item), **ctx})
        for outcome in _outcomes(rec, projects):
            rows["outcomes"].append({**base, **outcome, "outcome_name": vocab.OUTCOMES[outcome["outcome"]], **ctx})
        for theme in rec.themes:
            rows["themes"].append({**base, "theme": theme, "theme_label": vocab.THEMES[theme], **ctx})
        for sdg in rec.sdgs:
            rows["sdgs"].append({**base, "goal": sdg.goal, "target": sdg.target, "source": sdg.source, **ctx})
        for number in rec.numbers:
            rows["numbers"].append({**base, **number.model_dump(), **ctx})
        for date in rec.dates:
            rows["dates"].append({**base, **date.model_dump(), **ctx})
        for path, note in rec.provenance.items():
            rows["provenance"].append({**base, "field": path, "note": note, **ctx})
        if is_practice:
            judged = {j.criterion: j for j in rec.judgements}
            for criterion in vocab.CRITERIA:
                rows["criteria"].append(
                    {**base, "criterion": criterion, "text": getattr(rec.criteria, criterion),
                     **_judgement(judged.get(criterion)), **ctx}
                )  # fmt: skip
            for link in rec.materials:
                rows["materials"].append({**base, "link_title": link.title, "url": link.url, **ctx})
            for contact in rec.contacts:
                rows["contacts"].append(
                    {
                        **base,
                        "institution": contact.institution,
                        "contact_role": contact.role,
                        "email": contact.email if contact.email_public else None,
                        **ctx,
                    }
                )
    for item in evidence.judged(dataset):
        if item.quote or item.inference:
            row = {c: getattr(item, c) for c in evidence.COLUMNS}
            rows["evidence"].append({"key": key_of(item.kind, item.id), **row})
    for act in dataset.activities:
        base = {"key": key_of("activity", act.id), "kind": "activity", "id": act.id}
        rows["dates"].append({**base, **act.date.model_dump(), "label": act.title, "region": None, "title": act.title})
        named = sorted({*act.countries.participant, *act.countries.peer, *act.countries.candidate})
        named += [m for ref in act.groups for m in meta.groups[ref.group].members]
        modalities = [m if isinstance(m, str) else m.modality for m in act.modalities]
        words = [act.title, act.date.label, *(countries.name(c) for c in named), *act.themes]
        words += [meta.groups[ref.group].name for ref in act.groups]
        rows["activities"].append(
            {
                **base,
                "title": act.title,
                "countries": " ".join(named),
                "modalities": " ".join(modalities),
                "themes": " ".join(act.themes),
                "record": act.record,
                "search_text": " ".join(words).casefold(),
            }
        )
    frames = {name: _frame(name, data) for name, data in rows.items()}
    frames["funding"]["share"] = pd.to_numeric(frames["funding"]["share"])
    frames["criteria"]["points"] = frames["criteria"]["points"].astype("Int64")  # <NA> where not judged, never 0
    return Tables(**frames)


def _funding(rec: Record, dataset: Dataset) -> list[tuple[Funding, str]]:
    """A record's stated funding; a project the brochure is silent on shows its linked practices', so labelled."""
    if rec.funding or not isinstance(rec, Project):
        return [(f, "stated") for f in rec.funding]
    practices = [p for p in dataset.practices if p.number in rec.practices]
    return [(f, f"via practice {p.number}") for p in practices for f in p.funding]


def moved_online(covid: Covid) -> str:
    """yes / no / not stated: a practice whose text is silent was not moved online "no", it is unknown."""
    if covid.moved_online == "not stated":
        return "not stated"
    return "yes" if covid.moved_online else "no"


def _modality(item: ModalityUse | str) -> dict:
    if isinstance(item, str):  # only in a dataset that failed validation's evidence rule
        item = ModalityUse(modality=item, delivery=vocab.MODALITIES[item][1], status="delivered", source="-")
    return {
        "modality": item.modality,
        "modality_label": vocab.MODALITIES[item.modality][0],  # English: a key of the table (shown with `_`)
        "delivery": item.delivery,
        "status": item.status,
        "source": item.source,
        "quote": item.quote,
        "inference": item.inference,
    }


def _outcomes(rec: Record, projects: dict[str, Project]) -> list[dict]:
    """A record's outcomes with their basis: stated, best match or candidate of an ambiguous project, via project.

    A practice inherits its project's outcomes where it states none of the same code. Every row of an ambiguous
    match (best match and candidates, a practice's via its project too) gives the match's one-sentence summary as
    its reason and the full paragraph as its reasoning: one reason per match, said the same way on every row.
    """
    out = [_outcome(o.code, "stated", False, o) for o in rec.outcomes] if isinstance(rec, Practice) else []
    project = rec if isinstance(rec, Project) else projects.get(rec.project or "")
    if project is None:
        return out
    via = "" if project is rec else f" via project {project.id}"
    stated = {row["outcome"] for row in out}
    note = project.ambiguous
    for o in project.outcomes:
        if o.code not in stated:
            basis = f"best match{via} (ambiguous)" if note is not None else ("stated" if not via else via.strip())
            out.append(_outcome(o.code, basis, note is not None, o, note))
            stated.add(o.code)
    for c in project.outcome_candidates:
        if c.code not in stated:
            out.append(_outcome(c.code, f"candidate{via} (ambiguous)", True, c, note))
            stated.add(c.code)
    return out


def _outcome(code: str, basis: str, ambiguous: bool, ref: Quoted, note: Ambiguity | None = None) -> dict:
    """One outcome row: an ambiguous match's rows say its summary (reason) and its full reasoning; any other row its
    own reason, if it has one, and no reasoning."""
    return {
        "outcome": code,
        "basis": basis,
        "ambiguous": ambiguous,
        "reason": note.summary if note is not None else getattr(ref, "reason", None),
        "reasoning": note.reason if note is not None else None,
        "source": ref.source,
        "quote": ref.quote,
    }
