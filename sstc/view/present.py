"""A practice as Markdown blocks: every piece of data text through safe.md, links only from `materials`."""

import re
from dataclasses import dataclass

import pandas as pd

from sstc.analysis import figures, search
from sstc.data import countries, sources, vocab
from sstc.data.schema import Dataset, ModalityUse, Practice, Project, Record
from sstc.data.tables import Tables, key_of, moved_online, rows_of
from sstc.view import safe


def covid_tile(tiles: dict[str, float | int]) -> tuple[str, str]:
    """The COVID-19 headline as counts, never a bare share: where the text is silent nobody knows, so 5 moved of
    21 is at least 24%, and a tile saying "24%" would read as 76% that did not move."""
    moved, practices, silent = tiles["covid_moved_online"], tiles["practices"], tiles["covid_not_stated"]
    share = f"at least {tiles['covid_share']:.0%} of the practices" if practices else "no practice"
    return f"{moved} of {practices}", f"{share}; for {silent} the text does not say"


def countries_note(tiles: dict[str, float | int]) -> str:
    """What the country tile leaves out, in the words every page uses for these figures (`figures`)."""
    return (
        f"{tiles['countries_with_members']} {figures.COUNTRIES_WITH_MEMBERS} (WB-6, BRICS); "
        f"{tiles['countries_any_role']} {figures.COUNTRIES_ANY_ROLE}"
    )


def md_escape(text: str) -> str:
    """Data text for Streamlit's Markdown, made inert (see sstc.view.safe.md)."""
    return safe.md(text)


# What can format inline, escaped only where it would: `_` inside a word never emphasises, `<` only before a
# tag-like character, `&` only before an entity, `\\` only before punctuation (elsewhere it is a plain character).
_INLINE = re.compile(r"[`*\[\]|~$]|\\(?=[!-/:-@\[-`{-~])|<(?=[A-Za-z/!?])|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
_BLOCK_MARK = re.compile(r"^(?:#{1,6}(?=\s|$)|>|\+(?=\s|$)|[-=]+\s*$)")  # heading, quote, list, rule/underline
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_DATA_BULLET = re.compile(r"^-\s+\S")


def md_text(text: str, indent: str = "", *, block: bool = True, line_start: bool = True) -> str:
    """Data text for documents read raw as well as rendered (the brief): it shows as written, with the fewest
    backslashes. The data's own `- ` bullet lines stay bullets; line breaks are kept (hard breaks), and a
    blank line ends a run of bullets. Continuation lines get `indent` so the text stays inside a list item.
    `block=False` is for one-line places (table cells, headings), where no line start can open a block;
    `line_start=False` for text that continues a line (its first line opens nothing either).
    """
    text = safe.inert_where_needed(text)  # autolinks and :shortcodes: stay words in the app's preview too
    if not block:
        return _INLINE.sub(r"\\\g<0>", " ".join(text.split()))
    out: list[str] = []
    was_bullet = False
    for n, raw in enumerate(text.split("\n")):
        line = _INLINE.sub(r"\\\g<0>", raw.strip())
        opens = n > 0 or line_start
        bullet = opens and bool(_DATA_BULLET.match(line))
        if opens and not bullet:
            line = _ORDERED.sub(r"\1\\\2", line)
            line = "\\" + line if _BLOCK_MARK.match(line) else line
        if n:
            out.append("\n\n" + indent if was_bullet and not bullet and line else "  \n" + indent)
        out.append(line)
        was_bullet = bullet
    return "".join(out)


# Links are made in one place, sstc.view.safe (from `materials` only); the brief's renderers use the same target.
link_target = safe.link_target
href = safe.href
md_link = safe.link


def number_text(value: float, unit: str | None = None, qualifier: str | None = None) -> str:
    return " ".join(part for part in (qualifier, f"{value:g}", unit) if part)


@dataclass(frozen=True)
class Card:
    """A practice as Markdown blocks, every data-derived piece escaped."""

    heading: str
    title: str
    caption: str
    countries: str
    criteria: dict[str, str]
    criteria_sources: dict[str, str]
    details: str
    materials: str


def practice_card(practice: Practice, dataset: Dataset) -> Card:
    projects = {p.id: p for p in dataset.projects}
    groups = dataset.meta.groups
    project = projects.get(practice.project) if practice.project else None
    linked = (
        f"Project {project.id}: {project.title}"
        if project
        else f"No linked project: {practice.no_project_reason or ''}"
    )
    roles = _roles(practice, groups)
    names = {k: v.name for k, v in dataset.meta.funding_sources.items()}
    funding = [names[f.source] + (f" ({f.share:g}%)" if f.share is not None else "") for f in practice.funding]
    modalities = [_modality_text(m) for m in practice.modalities]
    details = [
        f"**Funding:** {md_escape(', '.join(funding) or 'not stated')}",
        f"**Modalities:** {md_escape('; '.join(modalities) or 'not stated')}",
        f"**Moved online because of COVID-19:** {moved_online(practice.covid)}",
    ]
    if practice.covid.note:
        details.append(md_escape(practice.covid.note))
    details += [
        f"**{md_escape(n.label)}:** {md_escape(number_text(n.value, n.unit, n.qualifier))}" for n in practice.numbers
    ]
    details += [
        f"**Contact:** {md_escape(c.institution)}"
        + (f" — {md_escape(c.role)}" if c.role else "")
        + (f" (`{c.email}`)" if c.email and c.email_public else "")  # a code span: never autolinked
        for c in practice.contacts
    ]
    materials = "\n".join(f"- {md_link(m.title, m.url)}" for m in practice.materials)
    return Card(
        heading=f"{practice.number}. {md_escape(practice.short_name)}",
        title=md_escape(practice.title),
        caption=md_escape(f"{practice.region} · {linked} · Source: {practice.source}"),
        countries="  \n".join(roles),
        criteria={c: md_escape(getattr(practice.criteria, c)) for c in vocab.CRITERIA},
        criteria_sources={
            c: f"compendium, good practice {practice.number}, {sources.CRITERION_ROWS[c]}" for c in vocab.CRITERIA
        },
        details="  \n".join(details),
        materials=materials,
    )


def profile_cards(cards: pd.DataFrame, most: int) -> list[tuple[str, str, str]]:
    """The first `most` of a country's cards (transforms.country_cards) as Markdown: heading, caption and body
    (the words that name the country, or how a group may reach it), made once per list rather than every rerun."""
    return [
        (
            f"{kind.capitalize()} {md_escape(id_)}: {md_escape(title)}",
            md_escape(f"{region} · role: {roles}" if named else f"{region} · role: {roles} · {how}"),
            md_escape(evidence) if named else "",
        )
        for kind, id_, title, region, roles, how, evidence, named in rows_of(
            cards.head(most), "kind", "id", "title", "region", "roles", "how", "evidence", "named"
        )
    ]


def profile_reach_list(cards: pd.DataFrame, most: int) -> str:
    """The first `most` records that may reach a country through a group, as one Markdown list: each says which
    group and how; a list, not cards, since none of them names the country."""
    return "\n".join(f"- **{heading}**  \n  {caption}" for heading, caption, _ in profile_cards(cards, most))


def _roles(rec: Record, groups: dict) -> list[str]:
    """`**Participants:** Ethiopia, IGAD region` lines, groups with their member lists where a source gives one."""
    lines = []
    for role in vocab.ROLES:
        names = [countries.name(c) for c in getattr(rec.countries, role)]
        for ref in (g for g in rec.groups if g.role == role):
            group = groups[ref.group]
            members = f" ({', '.join(countries.name(m) for m in group.members)})" if group.members else ""
            names.append(group.name + members)
        if names:
            lines.append(f"**{role.capitalize()}s:** {md_escape(', '.join(names))}")
    return lines


@dataclass(frozen=True)
class ProjectCard:
    """A project as Markdown blocks, every data-derived piece escaped."""

    heading: str
    caption: str
    description: str
    countries: str
    details: str


def project_card(project: Project, tables: Tables, groups: dict) -> ProjectCard:
    """Title, region, countries, outcomes with their basis, modalities with status, themes, funding, practices."""
    key = f"project:{project.id}"
    outcomes = tables.outcomes[tables.outcomes["key"] == key]
    outcome_lines = [
        f"{vocab.outcome_label(o)} ({basis})" for o, basis in zip(outcomes["outcome"], outcomes["basis"], strict=True)
    ]
    funding = tables.funding[tables.funding["key"] == key]
    pairs = zip(funding["source"], funding["basis"], strict=True)
    funding_text = "; ".join(dict.fromkeys(s if b == "stated" else f"{s} ({b})" for s, b in pairs))
    practices = ", ".join(f"good practice {n}" for n in project.practices) or "none documented in the compendium"
    details = [
        f"**Outcomes:** {md_escape('; '.join(outcome_lines) or 'no outcome line in the brochure')}",
        f"**Modalities:** {md_escape('; '.join(_modality_text(m) for m in project.modalities) or 'not stated')}",
        f"**Themes:** {md_escape(', '.join(vocab.THEMES[t] for t in project.themes) or 'not stated')}",
        f"**Funding:** {md_escape(funding_text or 'not stated')}",
        f"**Linked practices:** {md_escape(practices)}",
    ]
    if project.ambiguous is not None:
        details.append(f"**Why the outcome match is ambiguous:** {md_escape(project.ambiguous.summary)}")
        details.append(f"**Both readings in full:** {md_escape(project.ambiguous.reason)}")
    if project.from_compendium is not None:
        details.append(f"**Why it comes from the compendium:** {md_escape(project.from_compendium.reason)}")
    unit = f" · {project.unit}" if project.unit else ""
    return ProjectCard(
        heading=f"{md_escape(project.id)}: {md_escape(project.title)}",
        caption=md_escape(f"{project.region}{unit} · Source: {project.source}"),
        description=md_escape(project.description),
        countries="  \n".join(_roles(project, groups)) or "No country named; see the groups above.",
        details="  \n".join(details),
    )


def _modality_text(item: ModalityUse | str) -> str:
    if isinstance(item, str):
        return vocab.modality_label(item)
    delivery = {"virtual": "virtual", "in_person": "in person", "unspecified": "delivery not stated"}[item.delivery]
    return f"{vocab.modality_label(item.modality)} ({item.status}, {delivery})"


def evidence_lines(evidence: pd.DataFrame) -> list[str]:
    """One Markdown line per judged value of a record: what is claimed, the quote (or inference), the source."""
    lines = []
    for row in evidence.itertuples(index=False):
        claim = f"{_FIELD_LABELS.get(row.field, row.field)}: {_value_label(row.field, row.value)}"
        if isinstance(row.quote, str) and row.quote and row.value == "not_shown":  # not what earns it
            said = f"the row says: “{md_escape(row.quote)}”"
        elif isinstance(row.quote, str) and row.quote:
            said = f"“{md_escape(row.quote)}”"
        else:
            said = f"*inference:* {md_escape(str(row.inference))}"
        lines.append(f"- **{md_escape(claim)}** — {said} ({md_escape(str(row.source))})")
    return lines


_FIELD_LABELS = {
    "countries.participant": "Participant",
    "countries.peer": "Peer",
    "countries.candidate": "Candidate",
    "groups.participant": "Participant group",
    "groups.peer": "Peer group",
    "groups.candidate": "Candidate group",
    "themes": "Theme",
    "modalities": "Modality",
    "outcomes": "Outcome",
    "outcome_candidates": "Outcome candidate",
    "sdgs": "SDG",
    "numbers": "Figure",
    "dates": "Date",
    "date": "Date",
    "covid.moved_online": "Moved online because of COVID-19",
    "covid.other_effects": "Other COVID-19 effect",
    "contacts.role": "Contact role",
    **{f"judgements.{c}": f"{c.capitalize()} (judged)" for c in vocab.CRITERIA},
}


def _value_label(field: str, value: str) -> str:
    if field.startswith("countries."):
        return countries.name(value)
    if field == "themes":
        return vocab.THEMES.get(value, value)
    if field == "modalities":
        return vocab.modality_label(value)
    if field in {"outcomes", "outcome_candidates"}:
        return vocab.outcome_label(value)
    if field.startswith("judgements."):
        return vocab.STRENGTH_WORDS.get(value, value)
    return value


def escaped_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for tables that render Markdown in cells (st.table): every text cell and header escaped."""
    columns = {}
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if column.dtype == object or str(column.dtype).startswith(("str", "string")):
            values = [md_escape(v) if isinstance(v, str) else "" if v is None else v for v in column.tolist()]
            column = pd.Series(values, index=frame.index, dtype=column.dtype)
        columns[position] = column
    return pd.DataFrame(columns, index=frame.index).set_axis([md_escape(str(c)) for c in frame.columns], axis=1)


def reconciliation_blocks(frame: pd.DataFrame) -> list[str]:
    """The reconciliation as one short Markdown block per figure: readable on any screen without scrolling sideways
    (a seven-column table cannot be), with every number and the reason for each difference."""
    blocks = []
    for row in frame.itertuples(index=False):
        said = "the sources number" if row.stated_as == "counted" else "stated"  # no sentence gives a counted one
        parts = [f"{said} **{row.stated}** ({md_escape(str(row.stated_source))})"] if _given(row.stated) else []
        if _given(row.brochure_alone):
            parts.append(f"the brochure alone names **{row.brochure_alone}**")
        difference = ""
        if _given(row.difference):
            difference = ", as stated" if row.difference == 0 else f", {row.difference:+d} against the stated figure"
        parts.append(f"the whole dataset adds up to **{row.in_dataset}**{difference}")
        blocks.append(f"**{md_escape(row.figure)}**: {'; '.join(parts)}.\n\n{md_escape(row.explanation)}")
    return blocks


def _given(value: object) -> bool:
    return value is not None and str(value) not in {"<NA>", "nan", "None"}


MARKS = ("«", "»")  # around each matched word: characters, not markup, so a cell, a CSV or Markdown keeps them as text
SNIPPET = 120  # characters of text around the first match


def match_snippet(match: search.Match, width: int = SNIPPET) -> str:
    """`…the «refugees» of Colombia…`: about `width` characters of the first part of the record where the search
    matched, around its first match, every match in sight marked with `MARKS`. Plain text (whitespace folded to
    single spaces, cut at spaces where it can be), so it reads the same in the grid, the CSV and anywhere pasted."""
    text = match.text
    start, end = match.spans[0] if match.spans else (0, 0)
    lo = max(0, start - max(width - (end - start), 0) // 2)
    hi = min(len(text), lo + max(width, end - lo))
    lo = max(0, min(lo, hi - width))
    if lo > 0 and (space := text.find(" ", lo, start)) >= 0:
        lo = space + 1
    if hi < len(text) and (space := text.rfind(" ", end, hi)) >= 0:
        hi = space
    pieces, at = ["…" if lo > 0 else ""], lo
    for first, last in (s for s in match.spans if s[0] >= lo and s[1] <= hi):
        pieces += [text[at:first], MARKS[0], text[first:last], MARKS[1]]
        at = last
    pieces += [text[at:hi], "…" if hi < len(text) else ""]
    return " ".join("".join(pieces).split())


def with_matches(table: pd.DataFrame, tables: Tables, query: str, kind: str) -> pd.DataFrame:
    """An explorer's table (one row per record of `kind`, by `id`) with two columns right after the title, so a
    reader sees why each record is in the list without scrolling sideways: `match`, the words around the first match
    (`match_snippet`), and `matched_in`, the parts of its text where the search matched."""
    keys = [key_of(kind, str(i)) for i in table["id"].tolist()]
    found = search.where(tables, query, keys)
    out = table.copy()
    at = out.columns.get_loc("title") + 1 if "title" in out.columns else len(out.columns)
    out.insert(int(at), "matched_in", [", ".join(found[k].parts) if k in found else "" for k in keys])
    out.insert(int(at), "match", [match_snippet(found[k]) if k in found else "" for k in keys])  # the words first
    return out


def _said(value: object) -> str:
    return md_escape(" ".join(str(value).split())) if isinstance(value, str) and value.strip() else ""


def judgement_list(judged: pd.DataFrame) -> str:
    """One practice's judgements (`scoring.judgements` rows) as one Markdown list, read on a phone without scrolling
    sideways: criterion and strength, the reason, then the row's words that earn it (or the inference)."""
    lines = []
    for criterion, strength, quote, inference, reason, source in rows_of(
        judged, "criterion", "strength", "quote", "inference", "reason", "source"
    ):
        said = f"“{_said(quote)}”" if _said(quote) else ""
        if strength == vocab.STRENGTH_WORDS["not_shown"] and said:  # what the row says instead: not evidence
            said = f"The row says: {said}"
        words = f" {said}" if said else f" Inferred: {_said(inference)}" if _said(inference) else ""
        where = f" _({_said(source)})_" if _said(source) else ""
        lines.append(f"- **{md_escape(criterion.capitalize())}: {md_escape(strength)}.** {_said(reason)}{words}{where}")
    return "\n".join(lines)


def candidate_list(naming: pd.DataFrame) -> str:
    """Records that name a country as a candidate (`targets.naming_as_candidate`), one Markdown list item each."""
    return "\n".join(
        f"- **{md_escape(kind.capitalize())} {md_escape(str(id_))}**: {_said(title)} ({_said(region)}). "
        f"{md_escape(how.capitalize())}: {_said(reason)}"
        for kind, id_, title, region, how, reason in rows_of(
            naming, "kind", "id", "title", "region", "candidate", "reason"
        )
    )


def reread_list(listed: pd.DataFrame) -> str:
    """Judgements the keyword check asks to re-read (`rereads.to_reread`), one Markdown list item each."""
    return "\n".join(
        f"- **Practice {number}, {md_escape(criterion)}: {md_escape(strength)}.** {md_escape(why.capitalize())}; "
        f"words found: {_said(words)}."
        for number, criterion, strength, words, why in rows_of(
            listed, "number", "criterion", "strength", "words_found", "why"
        )
    )
