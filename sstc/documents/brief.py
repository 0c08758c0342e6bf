"""The planning brief for a shortlist, as one `Document` that Markdown, Word and PDF all render.

Everything in it comes from the tidy tables: scores from `scoring`, outcomes with their basis (an ambiguous match
says so, never reads as confirmed), stated figures with their quotes, modalities with status, and for each part the
source section it was read from. The dataset is named by its identity (title, version, date, hash), never by a path.
"""

import datetime as dt

import pandas as pd

from sstc.analysis import scoring, shortlist
from sstc.analysis.filters import Filters, in_words
from sstc.data import countries
from sstc.data.identity import Identity
from sstc.data.sources import CRITERION_ROWS
from sstc.data.tables import Tables
from sstc.documents.document import Block, Bullets, Document, Heading, Image, Para, Run, Table, labelled, source, text
from sstc.view import staticmap, summaries
from sstc.view.labels import counted
from sstc.view.present import href, number_text

NO_FILTER = Filters()
TITLE = "SSTC planning brief: shortlist for 2022-2023"
NONE = "Not documented in the sources."
HOW_TO_READ = (
    f"Replication score (the app's reading): the compendium's seven criteria, each judged from the practice's own "
    f"row (strong 2 points, some 1, not shown 0), out of {scoring.MOST}; each judgement quotes the words that earn "
    "it, so read the practice before replicating it. Projects have no criteria texts and are not scored. "
    "Outcome basis: 'stated' is the brochure's or compendium's own line; 'via project' is inherited from the linked "
    "project; 'best match (ambiguous)' and 'candidate (ambiguous)' are readings of a brochure page whose layout does "
    "not settle the match, not confirmed outcomes. Quotes are verbatim from the cited section."
)


def build(
    tables: Tables, keys: list[str], identity: Identity, *, filtered_by: Filters = NO_FILTER, on: dt.date | None = None
) -> Document:
    """The brief for the ticked `keys`, in the order ticked; `filtered_by`: the dashboard's filters, named in it."""
    records = tables.records.set_index("key")
    keys = list(dict.fromkeys(k for k in keys if k in records.index))
    scores = scoring.score_practices(tables).set_index("key")
    kinds = records.loc[keys, "kind"].value_counts() if keys else pd.Series(dtype=int)
    blocks: list[Block] = [
        labelled("Drawn up", (on or dt.date.today()).isoformat()),
        labelled("Dataset", identity.label()),
        labelled("Dashboard filters", f"{in_words(filtered_by, tables)} (they do not remove ticked items)"),
        labelled(
            "Items",
            f"{len(keys)} ({counted(kinds.get('practice', 0), 'practice')}, "
            f"{counted(kinds.get('project', 0), 'project')})",
        ),
        Para(text("How to read: " + HOW_TO_READ), small=True),
    ]
    if not keys:
        blocks.append(Para(text("The shortlist is empty: tick items to fill it.")))
        return Document(TITLE, identity.label(), tuple(blocks))
    blocks += [Heading("Summary", 1), _summary(tables, keys, records, scores)]
    blocks += _coverage(tables, keys)
    for n, (key, own) in enumerate(_per_item(tables, keys).items(), start=1):
        blocks += _item(own, key, n, records, scores)
    return Document(TITLE, identity.label(), tuple(blocks))


def _label(kind: str, rid: str) -> str:
    return f"Practice {rid}" if kind == "practice" else f"Project {rid}"


def _score_text(key: str, records: pd.DataFrame, scores: pd.DataFrame) -> str:
    if key in scores.index:
        return scoring.score_words(scores.loc[key], len(scores))
    linked = records[(records["kind"] == "practice") & (records["project_id"] == records.loc[key, "id"])]
    pairs = zip(linked.index, linked["id"], strict=True)
    also = [f"its practice {rid}: {scoring.score_words(scores.loc[k])}" for k, rid in pairs if k in scores.index]
    return "not scored (a project)" + (f"; {', '.join(also)}" if also else "")


def _outcomes_text(tables: Tables, key: str) -> str:
    rows = tables.outcomes[tables.outcomes["key"] == key]
    return "; ".join(f"{o} – {b}" for o, b in zip(rows["outcome"], rows["basis"], strict=True)) or "none stated"


def _summary(tables: Tables, keys: list[str], records: pd.DataFrame, scores: pd.DataFrame) -> Table:
    rows = []
    counts = shortlist.item_counts(tables, keys)
    groups = shortlist.item_groups(tables, keys)
    for n, (key, now, added) in enumerate(zip(counts["key"], counts["now"], counts["added"], strict=True), start=1):
        rec = records.loc[key]
        reached = [g for role in ("participant", "peer") for g in groups[key].get(role, [])]
        candidates = groups[key].get("candidate", [])
        rows.append(
            (
                text(n),
                text(f"{_label(rec['kind'], rec['id'])}: {rec['title']}"),
                text(rec["region"]),
                text(_score_text(key, records, scores)),
                text(_outcomes_text(tables, key)),
                text(shortlist.reach_words(now, reached)),
                text(f"{now + added} (+{added})" + (f"; candidate groups: {', '.join(candidates)}" * bool(candidates))),
            )
        )
    header = ("#", "Item", "Region", "Replication score", "Outcomes (basis)", "Countries now", "If extended")
    return Table(header, tuple(rows), (0.35, 3.1, 1.3, 1.5, 2.2, 1.3, 1.3))


def _coverage(tables: Tables, keys: list[str]) -> list[Block]:
    coverage = shortlist.extension_coverage(tables, keys)
    now = coverage.loc[coverage["status"] == shortlist.NOW, "country"].sort_values()
    added = coverage.loc[coverage["status"] == shortlist.EXTENDED, "country"].sort_values()
    blocks: list[Block] = [Heading("Coverage: now and if extended", 1)]
    if not coverage.empty:
        title = "Shortlist coverage: now and if extended"
        png = staticmap.coverage_png(coverage, (shortlist.NOW, shortlist.EXTENDED), title)
        alt = f"world map, {len(now)} countries covered now (blue), {len(added)} added if extended (orange)"
        blocks.append(Image(png, 17.0, alt))
    groups = shortlist.shortlist_groups(tables, keys)
    reached = list(dict.fromkeys(g for role in ("participant", "peer") for g in groups.get(role, [])))
    blocks += [
        Para(text(
            f"Now: {shortlist.reach_words(len(now), reached)} (groups count as groups, never as countries); "
            f"{counted(len(added), 'more country', 'more countries')} if extended to the candidate countries."
        )),
        labelled("Covered now", "; ".join(now) or "no country"),
        labelled("Added if extended", "; ".join(added) or "no country"),
    ]  # fmt: skip
    if reached:
        blocks.append(labelled("Groups worked with now", ", ".join(reached)))
    unmapped = shortlist.unmapped_candidates(tables, keys)
    if unmapped:
        blocks.append(Para(text(summaries.unmapped_candidates(unmapped))))
    return blocks


def _per_item(tables: Tables, keys: list[str]) -> dict[str, Tables]:
    """Each item's own rows of every table, split once: a 44-item brief would otherwise scan each table 700 times."""
    split = {}
    for name in Tables.names():
        frame = tables.get(name)
        split[name] = {k: rows for k, rows in frame[frame["key"].isin(keys)].groupby("key", sort=False)}
    return {key: Tables(**{n: split[n].get(key, tables.get(n).iloc[:0]) for n in Tables.names()}) for key in keys}


def _rows(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame[frame["key"] == key]


def _said(quote: object, inference: object) -> str:
    return f"“{quote}”" if isinstance(quote, str) and quote else f"inference: {inference}"


def _notes(tables: Tables, key: str, field: str) -> list[Block]:
    """The dataset's provenance note for this part, where the curator left one (how a value was read)."""
    notes = _rows(tables.provenance, key)
    return [Para(text(f"Note on the source: {n}"), small=True) for n in notes.loc[notes["field"] == field, "note"]]


def _criterion(tables: Tables, key: str, rec: pd.Series, criterion: str) -> list[Block]:
    rows = _rows(tables.criteria, key)
    texts = rows.loc[rows["criterion"] == criterion, "text"]
    if texts.empty:
        return [Para(text(NONE))]
    return [Para(text(texts.iloc[0])), source(f"{rec['source']}, {CRITERION_ROWS[criterion]}")]


def _item(tables: Tables, key: str, n: int, records: pd.DataFrame, scores: pd.DataFrame) -> list[Block]:
    rec = records.loc[key]
    practice = rec["kind"] == "practice"
    blocks: list[Block] = [
        Heading(f"{n}. {_label(rec['kind'], rec['id'])}: {rec['title']}", 1),
        Para(
            (Run("Region: ", bold=True), Run(rec["region"]), Run(" · "), Run("Record source: ", bold=True))
            + (Run(rec["source"]),)
        ),
        Heading("Replication score", 2),
    ]
    if key in scores.index:
        score = scores.loc[key]
        blocks.append(Para(text(f"{scoring.score_words(score, len(scores))}.")))
        rows = tuple(
            (text(c.capitalize()), text("–" if score[c] is pd.NA else f"{score[c]}/2"), text(score[f"{c}_reason"]))
            for c in scoring.CRITERIA
        )
        blocks.append(Table(("Criterion", "Points", "Judgement, reason and the row's words"), rows,
                            (1.2, 0.6, 6.0)))  # fmt: skip
        blocks.append(source(f"the app's judgements of this practice's rows ({rec['source']}), re-read independently"))
    else:
        said = _score_text(key, records, scores)
        blocks.append(Para(text(f"{said[:1].upper()}{said[1:]}: only practices have criteria texts to score.")))
    blocks.append(Heading("Objective", 2))
    if practice:
        blocks += _criterion(tables, key, rec, "objective")
    else:
        blocks += [Para(text(rec["summary"])), source(rec["source"])]
    blocks.append(Heading("Results", 2))
    blocks += _criterion(tables, key, rec, "results") if practice else [Para(text(NONE))]
    blocks += _figures(tables, key)
    blocks += [Heading("Outcomes (P&B 2020-21)", 2), *_outcomes(tables, key)]
    blocks.append(Heading("Adaptability", 2))
    blocks += _criterion(tables, key, rec, "adaptability") if practice else [Para(text(NONE))]
    blocks += [Heading("Candidate countries and groups", 2), *_candidates(tables, key)]
    blocks += [Heading("Funding as stated", 2), *_funding(tables, key, records), *_notes(tables, key, "funding")]
    blocks += [Heading("Modalities", 2), *_modalities(tables, key), *_notes(tables, key, "modalities")]
    blocks += [Heading("Contact institutions", 2), *_contacts(tables, key, rec), *_notes(tables, key, "contacts")]
    blocks += [Heading("Materials and links", 2), *_materials(tables, key, rec), *_notes(tables, key, "materials")]
    return blocks


def _figures(tables: Tables, key: str) -> list[Block]:
    numbers = _rows(tables.numbers, key)
    if numbers.empty:
        return [Para(text("No figure stated."), small=True)]
    evidence = _rows(tables.evidence, key)
    evidence = evidence[evidence["field"] == "numbers"].drop_duplicates("value").set_index("value")
    rows = []
    for row in numbers.itertuples():
        said = evidence.loc[row.label] if row.label in evidence.index else None
        quote = _said(said["quote"], said["inference"]) if said is not None else ""
        figure = number_text(row.value, row.unit if isinstance(row.unit, str) else None,
                             row.qualifier if isinstance(row.qualifier, str) else None)  # fmt: skip
        rows.append((text(row.label), text(figure), text(quote), text(row.source)))
    return [Table(("Stated figure", "Value", "Quote", "Source"), tuple(rows), (2.2, 1.0, 3.6, 1.8))]


def _outcomes(tables: Tables, key: str) -> list[Block]:
    outcomes = _rows(tables.outcomes, key)
    if outcomes.empty:
        return [Para(text("No outcome stated in the sources."))]
    rows = tuple(
        (text(f"{r.outcome}: {r.outcome_name}"), text(r.basis), text(_said(r.quote, None)), text(r.source))
        for r in outcomes.itertuples()
    )
    blocks: list[Block] = [Table(("Outcome", "Basis", "Quote", "Source"), rows, (2.6, 1.4, 2.6, 1.8))]
    ambiguous = outcomes[outcomes["ambiguous"].astype(bool)]
    # Once per record: every row of an ambiguous match carries the match's one-sentence summary (practice 14 once
    # printed two paragraphs that said it in other words).
    reasons = ambiguous["reason"].dropna()
    if len(reasons):
        blocks.append(labelled("Why the match is ambiguous", reasons.iloc[0]))
    return blocks


def _candidates(tables: Tables, key: str) -> list[Block]:
    evidence = _rows(tables.evidence, key)
    named = _rows(tables.countries, key)
    named = named[(named["role"] == "candidate") & named["via_group"].isna()]
    groups = _rows(tables.groups, key)
    groups = groups[groups["role"] == "candidate"]
    items = []
    for field, values, names in (
        ("countries.candidate", named["iso3"], named["iso3"].map(countries.name)),
        ("groups.candidate", groups["group"], groups["group_name"]),
    ):
        for value, name in zip(values, names, strict=True):
            said = evidence[(evidence["field"] == field) & (evidence["value"] == value)]
            evidence_rows = zip(said["quote"], said["inference"], said["source"], strict=True)
            why = "; ".join(f"{_said(q, i)} ({s})" for q, i, s in evidence_rows)
            items.append((Run(name, bold=True), Run(f": {why}" if why else "")))
    return [Bullets(tuple(items))] if items else [Para(text("None named."))]


def _funding(tables: Tables, key: str, records: pd.DataFrame) -> list[Block]:
    funding = _rows(tables.funding, key)
    if funding.empty:
        return [Para(text("Not stated in the sources."))]
    notes = _rows(tables.provenance, key)
    note = notes.loc[notes["field"] == "funding", "note"]
    rows = []
    for row in funding.itertuples():
        if row.basis.startswith("via practice "):
            where = f"{records.loc['practice:' + row.basis.split()[-1], 'source']}, Funding Sources (via the practice)"
        elif row.kind == "practice":
            where = f"{records.loc[key, 'source']}, Funding Sources"
        else:
            where = note.iloc[0] if len(note) else records.loc[key, "source"]
        share = f"{row.share:g}%" if pd.notna(row.share) else "not stated"
        detail = row.detail if isinstance(row.detail, str) else ""
        rows.append((text(row.source), text(share), text(row.as_stated), text(detail), text(where)))
    header = ("Funding source", "Share", "As stated", "Note", "Where stated")
    return [Table(header, tuple(rows), (1.5, 0.8, 2.8, 1.6, 2.0))]


def _modalities(tables: Tables, key: str) -> list[Block]:
    modalities = _rows(tables.modalities, key)
    if modalities.empty:
        return [Para(text(NONE))]
    rows = tuple(
        (
            text(r.modality_label),
            text(r.delivery.replace("_", " ")),
            text(r.status),
            text(_said(r.quote, r.inference)),
            text(r.source),
        )
        for r in modalities.itertuples()
    )
    return [Table(("Modality", "Delivery", "Status", "Quote", "Source"), rows, (1.6, 0.9, 0.9, 3.2, 1.8))]


def _contacts(tables: Tables, key: str, rec: pd.Series) -> list[Block]:
    contacts = _rows(tables.contacts, key)  # the table holds only addresses marked email_public
    if contacts.empty:
        return [Para(text(NONE))]
    items = tuple(
        (
            Run(r.institution, bold=True),
            Run(f" ({r.contact_role})" if isinstance(r.contact_role, str) else ""),
            Run(" · " if isinstance(r.email, str) else ""),
            Run(r.email if isinstance(r.email, str) else "", literal=True),
        )
        for r in contacts.itertuples()
    )
    return [Bullets(items), source(f"{rec['source']}, Contact details")]


def _materials(tables: Tables, key: str, rec: pd.Series) -> list[Block]:
    materials = _rows(tables.materials, key)
    if materials.empty:
        return [Para(text(NONE))]
    items = tuple(
        (Run(r.link_title, url=r.url), Run(" · "), Run(href(r.url), literal=True)) for r in materials.itertuples()
    )
    return [Bullets(items), source(f"{rec['source']}, Materials and Web-links")]
