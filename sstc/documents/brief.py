"""The planning brief for a shortlist, as one `Document` that Markdown, Word and PDF all render.

Everything in it comes from the tidy tables: scores from `scoring`, outcomes with their basis (an ambiguous match
says so, never reads as confirmed), stated figures with their quotes, modalities with status, and for each part the
source section it was read from. The dataset is named by its identity (title, version, date, hash), never by a path.
"""

import datetime as dt

import pandas as pd

from sstc.analysis import scoring, shortlist
from sstc.analysis.filters import Filters, in_words
from sstc.data import countries, i18n
from sstc.data.i18n import N_, _, ngettext
from sstc.data.identity import Identity
from sstc.data.sources import CRITERION_ROWS
from sstc.data.tables import Tables
from sstc.documents.document import (
    Block,
    Bullets,
    Document,
    Heading,
    Image,
    Para,
    Run,
    Table,
    count,
    labelled,
    source,
    text,
)
from sstc.view import staticmap, summaries
from sstc.view.labels import counted
from sstc.view.present import href, number_text

NO_FILTER = Filters()
TITLE = N_("SSTC planning brief: shortlist for 2022-2023")
NONE = N_("Not documented in the sources.")
HOW_TO_READ = N_(
    "Replication score (the app's reading): the compendium's seven criteria, each judged from the practice's own "
    "row (strong 2 points, some 1, not shown 0), out of {most}; each judgement quotes the words that earn "
    "it, so read the practice before replicating it. Projects have no criteria texts and are not scored. "
    "Outcome basis: 'stated' is the brochure's or compendium's own line; 'via project' is inherited from the linked "
    "project; 'best match (ambiguous)' and 'candidate (ambiguous)' are readings of a brochure page whose layout does "
    "not settle the match, not confirmed outcomes. Quotes are verbatim from the cited section."
)
# The compendium's criteria as the brief's score table names them (`criterion.capitalize()`), for the catalogs.
CRITERION_WORDS = (
    N_("Objective"),
    N_("Cooperation"),
    N_("Effectiveness"),
    N_("Innovation"),
    N_("Sustainability"),
    N_("Adaptability"),
    N_("Results"),
)


def _word(value: object) -> object:
    """A word the app derives from a vocabulary (a region, a status, an outcome's name), in the run's language where
    the catalogs have it; anything else (a missing value, the data's own text) as it is."""
    return _(value) if isinstance(value, str) and value else value


def build(
    tables: Tables, keys: list[str], identity: Identity, *, filtered_by: Filters = NO_FILTER, on: dt.date | None = None
) -> Document:
    """The brief for the ticked `keys`, in the order ticked; `filtered_by`: the dashboard's filters, named in it."""
    records = tables.records.set_index("key")
    keys = list(dict.fromkeys(k for k in keys if k in records.index))
    scores = scoring.score_practices(tables).set_index("key")
    kinds = records.loc[keys, "kind"].value_counts() if keys else pd.Series(dtype=int)
    practices = counted(kinds.get("practice", 0), "practice", "practices")
    projects = counted(kinds.get("project", 0), "project", "projects")
    filters = _("{filters} (they do not remove ticked items)").format(filters=in_words(filtered_by, tables))
    blocks: list[Block] = [
        labelled(_("Drawn up"), (on or dt.date.today()).isoformat()),
        labelled(_("Dataset"), identity.label()),
        labelled(_("Dashboard filters"), filters),
        labelled(
            _("Items"),
            f"{count(len(keys))} ({practices}, {projects})",
        ),
        Para(text(_("How to read: {guide}").format(guide=_(HOW_TO_READ).format(most=scoring.MOST))), small=True),
    ]
    if not keys:
        blocks.append(Para(text(_("The shortlist is empty: tick items to fill it."))))
        return Document(_(TITLE), identity.label(), tuple(blocks))
    blocks += [Heading(_("Summary"), 1), _summary(tables, keys, records, scores)]
    blocks += _coverage(tables, keys)
    for n, (key, own) in enumerate(_per_item(tables, keys).items(), start=1):
        blocks += _item(own, key, n, records, scores)
    return Document(_(TITLE), identity.label(), tuple(blocks))


def _label(kind: str, rid: str) -> str:
    return (_("Practice {id}") if kind == "practice" else _("Project {id}")).format(id=rid)


def _score_text(key: str, records: pd.DataFrame, scores: pd.DataFrame) -> str:
    if key in scores.index:
        return scoring.score_words(scores.loc[key], len(scores))
    linked = records[(records["kind"] == "practice") & (records["project_id"] == records.loc[key, "id"])]
    pairs = zip(linked.index, linked["id"], strict=True)
    also = [
        _("its practice {id}: {score}").format(id=rid, score=scoring.score_words(scores.loc[k]))
        for k, rid in pairs
        if k in scores.index
    ]
    return _("not scored (a project)") + (f"; {', '.join(also)}" if also else "")


def _outcomes_text(tables: Tables, key: str) -> str:
    rows = tables.outcomes[tables.outcomes["key"] == key]
    said = "; ".join(f"{o} – {b}" for o, b in zip(rows["outcome"], rows["basis"], strict=True))
    return said or _("none stated")


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
                text(_word(rec["region"])),
                text(_score_text(key, records, scores)),
                text(_outcomes_text(tables, key)),
                text(shortlist.reach_words(now, reached)),
                text(
                    f"{count(now + added)} (+{count(added)})"
                    + (_("; candidate groups: {groups}").format(groups=", ".join(candidates)) if candidates else "")
                ),
            )
        )
    header = (
        "#",
        _("Item"),
        _("Region"),
        _("Replication score"),
        _("Outcomes (basis)"),
        _("Countries now"),
        _("If extended"),
    )
    return Table(header, tuple(rows), (0.35, 3.1, 1.3, 1.5, 2.2, 1.3, 1.3))


def _coverage(tables: Tables, keys: list[str]) -> list[Block]:
    coverage = shortlist.extension_coverage(tables, keys)
    now = coverage.loc[coverage["status"] == shortlist.NOW, "country"].sort_values()
    added = coverage.loc[coverage["status"] == shortlist.EXTENDED, "country"].sort_values()
    blocks: list[Block] = [Heading(_("Coverage: now and if extended"), 1)]
    if not coverage.empty:
        title = _("Shortlist coverage: now and if extended")
        png = staticmap.coverage_png(coverage, (shortlist.NOW, shortlist.EXTENDED), title)
        # TRANSLATORS: both English forms say "countries" (the English text is kept as it was); {now} agrees
        alt = ngettext(
            "world map, {now} countries covered now (blue), {added} added if extended (orange)",
            "world map, {now} countries covered now (blue), {added} added if extended (orange)",
            len(now),
        ).format(now=count(len(now)), added=count(len(added)))
        blocks.append(Image(png, 17.0, alt))
    groups = shortlist.shortlist_groups(tables, keys)
    reached = list(dict.fromkeys(g for role in ("participant", "peer") for g in groups.get(role, [])))
    blocks += [
        Para(text(
            _(
                "Now: {reach} (groups count as groups, never as countries); {more} if extended to the candidate "
                "countries."
            ).format(
                reach=shortlist.reach_words(len(now), reached),
                more=counted(len(added), "more country", "more countries"),
            )
        )),
        labelled(_("Covered now"), "; ".join(now) or _("no country")),
        labelled(_("Added if extended"), "; ".join(added) or _("no country")),
    ]  # fmt: skip
    if reached:
        blocks.append(labelled(_("Groups worked with now"), ", ".join(reached)))
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
    return f"“{quote}”" if isinstance(quote, str) and quote else _("inference: {inference}").format(inference=inference)


def _notes(tables: Tables, key: str, field: str) -> list[Block]:
    """The dataset's provenance note for this part, where the curator left one (how a value was read)."""
    notes = _rows(tables.provenance, key)
    return [
        Para(text(_("Note on the source: {note}").format(note=n)), small=True)
        for n in notes.loc[notes["field"] == field, "note"]
    ]


def _criterion(tables: Tables, key: str, rec: pd.Series, criterion: str) -> list[Block]:
    rows = _rows(tables.criteria, key)
    texts = rows.loc[rows["criterion"] == criterion, "text"]
    if texts.empty:
        return [Para(text(_(NONE)))]
    return [Para(text(texts.iloc[0])), source(f"{rec['source']}, {CRITERION_ROWS[criterion]}")]


def _item(tables: Tables, key: str, n: int, records: pd.DataFrame, scores: pd.DataFrame) -> list[Block]:
    rec = records.loc[key]
    practice = rec["kind"] == "practice"
    blocks: list[Block] = [
        Heading(f"{n}. {_label(rec['kind'], rec['id'])}: {rec['title']}", 1),
        Para(
            (Run(_("Region: "), bold=True), Run(_word(rec["region"])), Run(" · "), Run(_("Record source: "), bold=True))
            + (Run(rec["source"]),)
        ),
        Heading(_("Replication score"), 2),
    ]
    if key in scores.index:
        score = scores.loc[key]
        blocks.append(Para(text(f"{scoring.score_words(score, len(scores))}.")))
        rows = tuple(
            (text(_(c.capitalize())), text("–" if score[c] is pd.NA else f"{score[c]}/2"), text(score[f"{c}_reason"]))
            for c in scoring.CRITERIA
        )
        blocks.append(Table((_("Criterion"), _("Points"), _("Judgement, reason and the row's words")), rows,
                            (1.2, 0.6, 6.0)))  # fmt: skip
        blocks.append(
            source(
                _("the app's judgements of this practice's rows ({source}), re-read independently").format(
                    source=rec["source"]
                )
            )
        )
    else:
        said = _score_text(key, records, scores)
        blocks.append(
            Para(
                text(
                    _("{score}: only practices have criteria texts to score.").format(score=said[:1].upper() + said[1:])
                )
            )
        )
    blocks.append(Heading(_("Objective"), 2))
    if practice:
        blocks += _criterion(tables, key, rec, "objective")
    else:
        blocks += [Para(text(rec["summary"])), source(rec["source"])]
    blocks.append(Heading(_("Results"), 2))
    blocks += _criterion(tables, key, rec, "results") if practice else [Para(text(_(NONE)))]
    blocks += _figures(tables, key)
    blocks += [Heading(_("Outcomes (P&B 2020-21)"), 2), *_outcomes(tables, key)]
    blocks.append(Heading(_("Adaptability"), 2))
    blocks += _criterion(tables, key, rec, "adaptability") if practice else [Para(text(_(NONE)))]
    blocks += [Heading(_("Candidate countries and groups"), 2), *_candidates(tables, key)]
    blocks += [Heading(_("Funding as stated"), 2), *_funding(tables, key, records), *_notes(tables, key, "funding")]
    blocks += [Heading(_("Modalities"), 2), *_modalities(tables, key), *_notes(tables, key, "modalities")]
    blocks += [
        Heading(_("Contact institutions"), 2),
        *_contacts(tables, key, rec),
        *_notes(tables, key, "contacts"),
    ]
    blocks += [
        Heading(_("Materials and links"), 2),
        *_materials(tables, key, rec),
        *_notes(tables, key, "materials"),
    ]
    return blocks


def _figures(tables: Tables, key: str) -> list[Block]:
    numbers = _rows(tables.numbers, key)
    if numbers.empty:
        return [Para(text(_("No figure stated.")), small=True)]
    evidence = _rows(tables.evidence, key)
    evidence = evidence[evidence["field"] == "numbers"].drop_duplicates("value").set_index("value")
    rows = []
    for row in numbers.itertuples():
        said = evidence.loc[row.label] if row.label in evidence.index else None
        quote = _said(said["quote"], said["inference"]) if said is not None else ""
        figure = number_text(row.value, row.unit if isinstance(row.unit, str) else None,
                             row.qualifier if isinstance(row.qualifier, str) else None)  # fmt: skip
        rows.append((text(row.label), text(figure), text(quote), text(row.source)))
    header = (_("Stated figure"), _("Value"), _("Quote"), _("Source"))
    return [Table(header, tuple(rows), (2.2, 1.0, 3.6, 1.8))]


def _outcomes(tables: Tables, key: str) -> list[Block]:
    outcomes = _rows(tables.outcomes, key)
    if outcomes.empty:
        return [Para(text(_("No outcome stated in the sources.")))]
    rows = tuple(
        (
            text(f"{r.outcome}: {_word(r.outcome_name)}"),
            text(r.basis),
            text(_said(r.quote, None)),
            text(r.source),
        )
        for r in outcomes.itertuples()
    )
    header = (_("Outcome"), _("Basis"), _("Quote"), _("Source"))
    blocks: list[Block] = [Table(header, rows, (2.6, 1.4, 2.6, 1.8))]
    ambiguous = outcomes[outcomes["ambiguous"].astype(bool)]
    # Once per record: every row of an ambiguous match carries the match's one-sentence summary (practice 14 once
    # printed two paragraphs that said it in other words).
    reasons = ambiguous["reason"].dropna()
    if len(reasons):
        blocks.append(labelled(_("Why the match is ambiguous"), reasons.iloc[0]))
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
    return [Bullets(tuple(items))] if items else [Para(text(_("None named.")))]


def _funding(tables: Tables, key: str, records: pd.DataFrame) -> list[Block]:
    funding = _rows(tables.funding, key)
    if funding.empty:
        return [Para(text(_("Not stated in the sources.")))]
    notes = _rows(tables.provenance, key)
    note = notes.loc[notes["field"] == "funding", "note"]
    rows = []
    for row in funding.itertuples():
        if row.basis.startswith("via practice "):
            # TRANSLATORS: "Funding Sources" is the name of the compendium's section, as the source writes it
            where = _("{source}, Funding Sources (via the practice)").format(
                source=records.loc["practice:" + row.basis.split()[-1], "source"]
            )
        elif row.kind == "practice":
            where = f"{records.loc[key, 'source']}, Funding Sources"
        else:
            where = note.iloc[0] if len(note) else records.loc[key, "source"]
        share = _share(row.share) if pd.notna(row.share) else _("not stated")
        detail = row.detail if isinstance(row.detail, str) else ""
        rows.append((text(row.source), text(share), text(row.as_stated), text(detail), text(where)))
    header = (_("Funding source"), _("Share"), _("As stated"), _("Note"), _("Where stated"))
    return [Table(header, tuple(rows), (1.5, 0.8, 2.8, 1.6, 2.0))]


def _share(value: float) -> str:
    """A stated share (75.0, 12.5) as the language writes a percentage: "75%", "12,5 %"; English as it always was."""
    said = f"{value:g}"
    if i18n.language() == i18n.ENGLISH or "e" in said:
        return f"{said}%"
    return i18n.percent(value / 100, digits=len(said.partition(".")[2]))


def _modalities(tables: Tables, key: str) -> list[Block]:
    modalities = _rows(tables.modalities, key)
    if modalities.empty:
        return [Para(text(_(NONE)))]
    rows = tuple(
        (
            text(_word(r.modality_label)),
            text(_word(r.delivery.replace("_", " "))),
            text(_word(r.status)),
            text(_said(r.quote, r.inference)),
            text(r.source),
        )
        for r in modalities.itertuples()
    )
    header = (_("Modality"), _("Delivery"), _("Status"), _("Quote"), _("Source"))
    return [Table(header, rows, (1.6, 0.9, 0.9, 3.2, 1.8))]


def _contacts(tables: Tables, key: str, rec: pd.Series) -> list[Block]:
    contacts = _rows(tables.contacts, key)  # the table holds only addresses marked email_public
    if contacts.empty:
        return [Para(text(_(NONE)))]
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
        return [Para(text(_(NONE)))]
    items = tuple(
        (Run(r.link_title, url=r.url), Run(" · "), Run(href(r.url), literal=True)) for r in materials.itertuples()
    )
    return [Bullets(items), source(f"{rec['source']}, Materials and Web-links")]
