"""Judged values and the quotes behind them: which values need one, the flat table of quotes, and their check.

A value copied from a field of a source (a title, the compendium's "Countries involved" row, a funding row) needs
no quote. A value that is a reading of the text does: a modality with its delivery and status, the COVID-19 fields,
a country or group role outside the "Countries involved" row, an outcome or outcome candidate, a theme, an SDG, a
contact role, a date, a stated number. Either a verbatim quote of the cited section, or an inference with its reason.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path as FsPath

import pandas as pd

from sstc.data import countries, vocab
from sstc.data.i18n import _
from sstc.data.problems import Path
from sstc.data.schema import Activity, Dataset, ModalityUse, Practice, Project, Quoted
from sstc.data.sources import SourceError, quote_problem, section

COLUMNS = ["kind", "id", "field", "value", "source", "quote", "inference"]


@dataclass(frozen=True)
class Judged:
    """One judged value: where it is in the YAML, what it is, and its evidence (quote or inference) if any."""

    path: Path
    kind: str
    id: str
    field: str
    value: str
    source: str | None
    quote: str | None
    inference: str | None

    @property
    def label(self) -> str:
        return f"{self.field}.{self.value}" if self.value else self.field


def _named(text: str, names: set[str]) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(n.casefold())}(?!\w)", folded) for n in names if n)


def _group_names(dataset: Dataset, gid: str) -> set[str]:
    name = dataset.meta.groups[gid].name if gid in dataset.meta.groups else gid
    names = {name, re.sub(r"\s*\(.*?\)", "", name)}
    names |= set(re.findall(r"\((.*?)\)", name))
    return names


def _quoted(item: Quoted) -> "Said":
    return item.source, item.quote, item.inference


def judged(dataset: Dataset) -> Iterator[Judged]:
    """Every judged value of every record and activity, with the evidence given for it (possibly none)."""
    for i, project in enumerate(dataset.projects):
        yield from _record(dataset, project, ("projects", i), "project", project.id)
    for i, practice in enumerate(dataset.practices):
        yield from _record(dataset, practice, ("practices", i), "practice", str(practice.number))
    for i, activity in enumerate(dataset.activities):
        yield from _record(dataset, activity, ("activities", i), "activity", activity.id)


Said = tuple[str | None, str | None, str | None]  # source, quote, inference


def _listed(rec: Project | Practice | Activity) -> dict[tuple[str, str], list[Said]]:
    out: dict[tuple[str, str], list[Said]] = {}
    for ev in rec.evidence:
        for value in ev.values or [""]:
            out.setdefault((ev.field, value), []).append(_quoted(ev))
    return out


def _record(dataset: Dataset, rec: Project | Practice | Activity, base: Path, kind: str, rid: str) -> Iterator[Judged]:
    listed = _listed(rec)
    row = rec.countries_involved if isinstance(rec, Practice) else ""

    def from_list(path: Path, field: str, value: str, exempt: bool = False) -> Iterator[Judged]:
        found = listed.get((field, value), [])
        if exempt and not found:
            return
        if not found:
            yield Judged(path, kind, rid, field, value, None, None, None)
        for src, quote, inference in found:
            yield Judged(path, kind, rid, field, value, src, quote, inference)

    for role in vocab.ROLES:
        for j, code in enumerate(getattr(rec.countries, role)):
            in_row = role == "participant" and _named(row, countries.names(code))
            yield from from_list(base + ("countries", role, j), f"countries.{role}", code, exempt=in_row)
    for j, ref in enumerate(rec.groups):
        in_row = ref.role == "participant" and _named(row, _group_names(dataset, ref.group))
        yield from from_list(base + ("groups", j), f"groups.{ref.role}", ref.group, exempt=in_row)
    for j, theme in enumerate(rec.themes):
        yield from from_list(base + ("themes", j), "themes", theme)
    for j, item in enumerate(rec.modalities):
        path = base + ("modalities", j)
        if isinstance(item, ModalityUse):
            yield Judged(path, kind, rid, "modalities", item.modality, *_quoted(item))
        else:
            yield Judged(path, kind, rid, "modalities", item, None, None, None)
    if isinstance(rec, Activity):
        yield Judged(base + ("date",), kind, rid, "date", rec.date.label, *_quoted(rec.date))
        return
    for j, outcome in enumerate(rec.outcomes):
        yield Judged(base + ("outcomes", j), kind, rid, "outcomes", outcome.code, *_quoted(outcome))
    if isinstance(rec, Project):
        for j, cand in enumerate(rec.outcome_candidates):
            path = base + ("outcome_candidates", j)
            yield Judged(path, kind, rid, "outcome_candidates", cand.code, *_quoted(cand))
    for j, sdg in enumerate(rec.sdgs):
        yield Judged(base + ("sdgs", j), kind, rid, "sdgs", str(sdg.goal), *_quoted(sdg))
    for j, number in enumerate(rec.numbers):
        yield Judged(base + ("numbers", j), kind, rid, "numbers", number.label, *_quoted(number))
    for j, date in enumerate(rec.dates):
        yield Judged(base + ("dates", j), kind, rid, "dates", date.label, *_quoted(date))
    if isinstance(rec, Practice):
        for j, judgement in enumerate(rec.judgements):
            field = f"judgements.{judgement.criterion}"
            yield Judged(base + ("judgements", j), kind, rid, field, judgement.strength, *_quoted(judgement))
        covid = rec.covid
        if covid.moved_online != "not stated":
            value = "yes" if covid.moved_online else "no"
            yield Judged(
                base + ("covid",), kind, rid, "covid.moved_online", value, covid.source, covid.quote, covid.inference
            )
        for j, effect in enumerate(covid.other_effects):
            yield Judged(
                base + ("covid", "other_effects", j), kind, rid, "covid.other_effects", effect.note, *_quoted(effect)
            )
        for j, contact in enumerate(rec.contacts):
            if contact.role is not None:
                source = contact.source or f"compendium, good practice {rec.number}, Contact details"
                yield Judged(
                    base + ("contacts", j), kind, rid, "contacts.role", contact.role, source, contact.role_quote, None
                )


def missing(dataset: Dataset) -> list[tuple[Path, str]]:
    """Judged values with neither a quote nor an inference, and evidence that names no value of the record."""
    out = []
    for item in judged(dataset):
        if not (item.quote or item.inference):
            out.append((item.path, _("{value}: no evidence quote").format(value=item.label)))
    for name, records in (
        ("projects", dataset.projects),
        ("practices", dataset.practices),
        ("activities", dataset.activities),
    ):
        for i, rec in enumerate(records):
            out += _stray(rec, (name, i))
    return out


def _stray(rec: Project | Practice | Activity, base: Path) -> list[tuple[Path, str]]:
    """Evidence whose field or value the record does not have: a typo would otherwise leave a value unquoted."""
    have: dict[str, set[str]] = {f"countries.{r}": set(getattr(rec.countries, r)) for r in vocab.ROLES}
    for role in vocab.ROLES:
        have[f"groups.{role}"] = {g.group for g in rec.groups if g.role == role}
    have["themes"] = set(rec.themes)
    out = []
    for j, ev in enumerate(rec.evidence):
        if ev.field not in have:
            message = _("evidence field {field}: one of {fields}").format(field=repr(ev.field), fields=", ".join(have))
            out.append((base + ("evidence", j, "field"), message))
            continue
        for value in ev.values:
            if value not in have[ev.field]:
                message = _("{field} has no value {value} in this record").format(field=ev.field, value=repr(value))
                out.append((base + ("evidence", j, "values"), message))
        if not ev.values:
            out.append((base + ("evidence", j, "values"), _("name the values this quote supports")))
    return out


def frame(dataset: Dataset) -> pd.DataFrame:
    """One row per quote (or inference): kind, id, field, value, source, quote, inference."""
    rows = [
        {
            "kind": j.kind,
            "id": j.id,
            "field": j.field,
            "value": j.value,
            "source": j.source,
            "quote": j.quote,
            "inference": j.inference,
        }
        for j in judged(dataset)
        if j.quote or j.inference
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def quote_problems(dataset: Dataset, directory: FsPath) -> list[tuple[Path, str]]:
    """Every quote that does not stand in the section its source names (run where the source texts are)."""
    out = []
    for item in judged(dataset):
        if not item.quote or not item.source:
            continue
        doc = item.source.split(",")[0].split(";")[0].split(":")[0].strip()
        document = dataset.meta.documents.get(doc)
        if document is None:
            message = _("{value}: source {source} names no document").format(value=item.label, source=repr(item.source))
            out.append((item.path, message))
            continue
        try:
            found = section(doc, document.file, item.source, directory)
        except SourceError as exc:
            out.append((item.path, f"{item.label}: {exc}"))
            continue
        problem = quote_problem(item.quote, found)
        if problem:
            out.append(
                (
                    item.path,
                    f"{item.label}: {problem}: {item.quote[:80]!r}",
                )
            )
    return out
